"""Parse a COW IGO-year file, column by column, into a `CowTable`: each IGO's
names and years, and every run of equal cells of a state column as six integers.

The CSV is read once; then each state column is one tuple of cells, each IGO
a slice of it, and the runs are found by comparing neighbouring cells in C
(``map(operator.ne, ...)``). No record objects are made: `_cow_build` turns the
runs into spells, and `_cow_cache` stores them as they are.
"""

from __future__ import annotations

import array
import re
from collections.abc import Sequence
from itertools import compress
from operator import ne
from typing import cast

import attrs

from ._cow_codes import LABELS, META_COLUMNS, REQUIRED
from ._cow_files import csv_rows, integer
from ._cow_states import column_codes
from ._states import normalize_name
from .exceptions import DataError, UnknownBodyError

__all__ = ["RUN", "CowTable", "parse_table"]

#: Integers per run in `CowTable.runs`: IGO number, column number, code, first
#: year, end year (the first year of the next run; 0 for none), filled gap (0 or 1).
RUN = 6

_CODES = frozenset(LABELS)
#: The usual spellings of each code (an empty cell is -1).
_CANONICAL: dict[str, int] = {str(code): code for code in _CODES} | {"": -1}
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/-]*")


@attrs.frozen(eq=False)
class CowTable:
    """What an IGO-year file says, compactly; runs of code 0 are left out.

    ``igos`` holds (ioname, orgname, longorgname, first year, last year) in
    file order; ``runs`` holds `RUN` integers per run, IGO by IGO, column by
    column, year by year (the order that numbers the records).
    """

    igos: tuple[tuple[str, str, str, int, int], ...]
    columns: tuple[str, ...]
    ccodes: tuple[int, ...]
    runs: array.array[int]


def _segments(years: Sequence[int], codes: Sequence[int], gaps: str) -> list[tuple[int, int, bool]]:
    """Runs of equal codes as (first year, code, filled gap); years between two
    observed rows that differ (or, with gaps='unknown', any such years) are -9.
    """
    segments: list[tuple[int, int, bool]] = []
    previous: tuple[int, int] | None = None
    for year, code in zip(years, codes, strict=True):
        if previous is not None and year - previous[0] > 1 and (gaps == "unknown" or code != previous[1]):
            if segments[-1][1] != -9:
                segments.append((previous[0] + 1, -9, True))
            if code != -9:
                segments.append((year, code, False))
        elif not segments or segments[-1][1] != code:
            segments.append((year, code, False))
        previous = (year, code)
    return segments


def _header(rows: object, name: str) -> list[str]:
    try:
        _, header = next(rows)  # type: ignore[call-overload]
    except StopIteration:
        raise DataError("the file is empty; expected COW's IGO-year file with a header row", file=name) from None
    header = [column.strip() for column in header]
    for position, column in enumerate(header):
        if column in header[:position]:
            raise DataError(
                f"column {column!r} appears twice in the header", record=f"line 1, column {column!r}", file=name
            )
    for column in REQUIRED:
        if column not in header:
            msg = f"column {column!r} is missing; the COW IGO-year file needs {', '.join(map(repr, REQUIRED))} and state columns"
            raise DataError(msg, record="line 1", file=name)
    return header


def _cell_codes(
    column: Sequence[str], lines: Sequence[int], header_name: str, name: str
) -> tuple[dict[str, int], DataError | None, int]:
    """Each distinct cell's code, and the first bad cell (error, row number) or (None, -1)."""
    codes: dict[str, int] = {}
    bad: tuple[int, str] | None = None
    for text in set(column):
        code = _CANONICAL.get(text)
        if code is None:
            code = integer(text) if text.strip() else -1
            if code is None or code not in _CODES:
                row = column.index(text)
                if bad is None or row < bad[0]:
                    bad = (row, text)
                continue
        codes[text] = code
    if bad is None:
        return codes, None, -1
    row, text = bad
    what = "is not an integer" if integer(text) is None else "is not a COW code"
    msg = f"cell {text!r} {what}; accepted: -9, -1, 0, 1, 2, 3 or empty (read as -1)"
    return codes, DataError(msg, record=f"line {lines[row]}, column {header_name!r}", file=name), row


def parse_table(
    text: str, name: str, *, state_codes: dict[str, int], list_name: str, wanted: dict[str, str] | None, gaps: str
) -> CowTable:
    """Check and compress an IGO-year file (see `read_cow` for the rules).

    Errors name the file, the line and the column; when a file has several,
    the first in file order is raised, as a row-by-row reader would.
    """
    rows = csv_rows(text)
    header = _header(rows, name)
    state_at = [position for position, column in enumerate(header) if column not in META_COLUMNS]
    columns = tuple(header[position] for position in state_at)
    ccodes = tuple(column_codes(columns, state_codes, list_name, name))
    at_io, at_year, at_org, at_long = (header.index(column) for column in ("ioname", "year", "orgname", "longorgname"))
    width = len(header)
    kept: list[list[str]] = []
    lines: list[int] = []
    years_of: dict[str, dict[int, int]] = {}
    names: dict[str, tuple[str, str]] = {}
    chosen: dict[str, bool] = {}
    pending: DataError | None = None
    for line, row in rows:
        if len(row) != width:
            pending = DataError(f"has {len(row)} cells, the header {width}", record=f"line {line}", file=name)
            break
        raw = row[at_io]
        if wanted is not None:
            keep = chosen.get(raw)
            if keep is None:
                keep = chosen[raw] = normalize_name(raw.strip()) in wanted
            if not keep:
                continue
        ioname = raw.strip()
        seen = years_of.get(ioname)
        if seen is None:
            if not _ID.fullmatch(ioname):
                msg = f"ioname {ioname!r} is not an IGO short name; expected letters, digits, '-', '_', '.' or '/'"
                pending = DataError(msg, record=f"line {line}, column 'ioname'", file=name)
                break
            seen = years_of[ioname] = {}
            names[ioname] = (row[at_org].strip(), row[at_long].strip())
        cell = row[at_year]
        year = int(cell) if cell.isascii() and cell.isdigit() else integer(cell)
        if year is None or not 1 <= year <= 9998:
            msg = f"year {cell!r} is not a year; expected an integer such as 2002"
            pending = DataError(msg, record=f"line {line}, column 'year'", file=name)
            break
        if year in seen:
            msg = f"{ioname} {year} is given twice; each IGO-year needs one row"
            pending = DataError(msg, record=f"line {line}, column 'year'", file=name)
            break
        seen[year] = len(kept)
        kept.append(row)
        lines.append(line)
    by_position = list(zip(*kept, strict=True)) if kept else [() for _ in header]
    # Each state column's cells: text, or codes where one code has two spellings.
    cells: list[tuple[str | int, ...]] = [by_position[position] for position in state_at]
    del by_position, kept
    first_bad: tuple[int, DataError] | None = None
    codes_of: list[dict[str | int, int]] = []
    for number, column in enumerate(cells):
        texts = cast("tuple[str, ...]", column)  # all text before this loop changes it
        spelled, error, bad_row = _cell_codes(texts, lines, columns[number], name)
        codes: dict[str | int, int] = {}
        codes.update(spelled)
        if error is not None and (first_bad is None or bad_row < first_bad[0]):
            first_bad = (bad_row, error)  # the leftmost column wins a tie: columns are visited left to right
        if len(set(codes.values())) < len(codes):  # two spellings of one code ("1", "1.0"): compare codes
            cells[number] = tuple(map(spelled.__getitem__, texts))
            codes = {code: code for code in spelled.values()}
        codes_of.append(codes)
    if first_bad is not None:
        raise first_bad[1]
    if pending is not None:
        raise pending
    if wanted is not None:
        found = {normalize_name(ioname) for ioname in years_of}
        missing = [org for key, org in wanted.items() if key not in found]
        if missing:
            msg = f"{name} holds no IGO called {missing[0]!r}; orgs= takes COW short names (ioname) such as 'CSTO' or 'NATO'"
            raise UnknownBodyError(msg)
    runs: array.array[int] = array.array("i")
    add = runs.extend
    igos = []
    for number, (ioname, seen) in enumerate(years_of.items()):
        years = sorted(seen)
        rows_at = [seen[year] for year in years]
        start, count = rows_at[0], len(rows_at)
        together = rows_at == list(range(start, start + count))
        steady = years[-1] - years[0] + 1 == count
        first_year = years[0]
        igos.append((ioname, *names[ioname], first_year, years[-1]))
        for position, column in enumerate(cells):
            codes = codes_of[position]
            part = column[start : start + count] if together else [column[row] for row in rows_at]
            head = part[0]
            if steady and part.count(head) == count:  # one run: most columns of most IGOs
                if codes[head]:
                    add((number, position, codes[head], first_year, 0, 0))
                continue
            if steady:
                starts = [0, *compress(range(1, count), map(ne, part[1:], part))]
                for index, begin in enumerate(starts):
                    code = codes[part[begin]]
                    if code:
                        end = first_year + starts[index + 1] if index + 1 < len(starts) else 0
                        add((number, position, code, first_year + begin, end, 0))
                continue
            values = [codes[cell] for cell in part]
            if gaps == "carry" and not any(values):
                continue
            segments = _segments(years, values, gaps)
            for index, (begin_year, code, filled) in enumerate(segments):
                if code:
                    end = segments[index + 1][0] if index + 1 < len(segments) else 0
                    add((number, position, code, begin_year, end, int(filled)))
    return CowTable(tuple(igos), columns, ccodes, runs)
