"""Parse a COW IGO-year file into a `CowTable`: each IGO's names and years,
and every run of equal cells of a state column as six integers.

The CSV is read once; each row's state cells become one tuple, the cell
texts are checked once over their distinct values, and the runs are found by
comparing each row with the one before, whole and then cell by cell in C
(``map(operator.ne, ...)``), so Python code runs per row and per change, not
per cell. No record objects are made: `_cow_build` turns the runs into
spells, and `_cow_cache` stores them as they are.
"""

from __future__ import annotations

import array
import re
from collections.abc import Callable, Iterable, Sequence
from itertools import compress, repeat
from operator import itemgetter, ne

import attrs

from ._cow_codes import LABELS, META_COLUMNS, REQUIRED
from ._cow_files import csv_rows, integer
from ._cow_states import column_codes
from ._states import normalize_name
from .exceptions import DataError, UnknownBodyError

__all__ = ["RUN", "CowTable", "aliases", "parse_table"]

#: Integers per run in `CowTable.runs`: IGO number, column number, code, first
#: year, end year (the first year of the next run; 0 for none), filled gap (0 or 1).
RUN = 6

_CODES = frozenset(LABELS)
#: The usual spellings of each code (an empty cell is -1).
_CANONICAL: dict[str, int] = {str(code): code for code in _CODES} | {"": -1}
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/-]*")
_ABBREVIATION = re.compile(r"^(.*\S)\s*\(([^()]+)\)$")


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
    #: Each IGO's other names (see `aliases`), in the order of ``igos``.
    aliases: tuple[tuple[str, ...], ...]


def aliases(ioname: str, orgname: str, longorgname: str, ionames: frozenset[str]) -> tuple[str, ...]:
    """Other names to find an IGO by: the short name, the long name without its
    trailing "(ABBR)", the former names the long name lists with "/", the ABBR.
    """
    names = [orgname]
    stripped = longorgname
    match = _ABBREVIATION.match(longorgname)
    if match is not None:
        stripped, abbreviation = match.group(1), match.group(2).strip()
        names.append(stripped)
        if abbreviation not in ionames and " " not in abbreviation:
            names.append(abbreviation)
    parts = [part.strip() for part in stripped.split("/")]
    if len(parts) > 1 and all(" " in part for part in parts):
        names.extend(parts)
    seen = {normalize_name(longorgname), normalize_name(ioname)}
    result = []
    for name in names:
        if name and normalize_name(name) not in seen:
            seen.add(normalize_name(name))
            result.append(name)
    return tuple(result)


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


def _gap_runs(
    add: Callable[[Iterable[int]], None],
    number: int,
    block: Sequence[tuple[str, ...]],
    years: Sequence[int],
    code_of: dict[str, int],
    gaps: str,
) -> None:
    """Add the runs of an IGO with years without a row, column by column (see `_segments`)."""
    for position in range(len(block[0])):
        values = [code_of[row[position]] for row in block]
        if gaps == "carry" and not any(values):
            continue
        segments = _segments(years, values, gaps)
        for index, (begin, code, filled) in enumerate(segments):
            if code:
                end = segments[index + 1][0] if index + 1 < len(segments) else 0
                add((number, position, code, begin, end, int(filled)))


def _picker(positions: Sequence[int]) -> Callable[[Sequence[str]], tuple[str, ...]]:
    """A function picking the cells at ``positions`` of a row, as a tuple (in C for two or more)."""
    if len(positions) > 1:
        return itemgetter(*positions)
    return lambda row: tuple(row[position] for position in positions)


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
    rows: Sequence[tuple[str, ...]], lines: Sequence[int], columns: Sequence[str], name: str
) -> dict[str, int]:
    """The code of each distinct cell text; raises `DataError` for the first bad cell in file order."""
    distinct: set[str] = set().union(*rows)
    codes = {text: _CANONICAL[text] for text in distinct & _CANONICAL.keys()}
    bad = set()
    for text in distinct - _CANONICAL.keys():
        code = integer(text) if text.strip() else -1
        if code is None or code not in _CODES:
            bad.add(text)
        else:
            codes[text] = code
    if bad:
        row = next(number for number, cells in enumerate(rows) if not bad.isdisjoint(cells))
        position, text = next((position, text) for position, text in enumerate(rows[row]) if text in bad)
        what = "is not an integer" if integer(text) is None else "is not a COW code"
        msg = f"cell {text!r} {what}; accepted: -9, -1, 0, 1, 2, 3 or empty (read as -1)"
        raise DataError(msg, record=f"line {lines[row]}, column {columns[position]!r}", file=name)
    return codes


def _changes(block: Sequence[tuple[str, ...]], positions: range) -> dict[int, list[int]]:
    """Column -> the rows of ``block`` whose cell differs from the row before.

    Neighbouring rows are compared whole first (most are equal), then cell by
    cell in C (``compress`` over ``map(ne, ...)``): the Python loop runs once per
    row and once per change, not once per cell.
    """
    changes: dict[int, list[int]] = {}
    previous = block[0]
    for row in range(1, len(block)):
        current = block[row]
        if current != previous:
            for position in compress(positions, map(ne, current, previous)):
                if position in changes:
                    changes[position].append(row)
                else:
                    changes[position] = [row]
        previous = current
    return changes


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
    # The state cells of each row (one C call per row), checked once over their distinct texts.
    cells: list[tuple[str, ...]] = list(map(_picker(state_at), kept))
    del kept
    code_of = _cell_codes(cells, lines, columns, name)
    if pending is not None:
        raise pending
    if wanted is not None:
        found = {normalize_name(ioname) for ioname in years_of}
        missing = [org for key, org in wanted.items() if key not in found]
        if missing:
            msg = f"{name} holds no IGO called {missing[0]!r}; orgs= takes COW short names (ioname) such as 'CSTO' or 'NATO'"
            raise UnknownBodyError(msg)
    if len(set(code_of.values())) < len(code_of):  # one code, two spellings ("1", "1.0"): one spelling each
        spelling = {text: str(code) for text, code in code_of.items()}
        cells = [tuple(map(spelling.__getitem__, row)) for row in cells]
        code_of = {str(code): code for code in code_of.values()}
    zero = next((text for text, code in code_of.items() if code == 0), None)
    positions = range(len(columns))
    runs: array.array[int] = array.array("i")
    add = runs.extend
    igos = []
    for number, (ioname, seen) in enumerate(years_of.items()):
        years = sorted(seen)
        rows_at = [seen[year] for year in years]
        block = cells[rows_at[0] : rows_at[0] + len(rows_at)]
        if rows_at != list(range(rows_at[0], rows_at[0] + len(rows_at))):
            block = [cells[at] for at in rows_at]
        first_year = years[0]
        igos.append((ioname, *names[ioname], first_year, years[-1]))
        if years[-1] - first_year + 1 != len(years):  # years without a row: the general rule
            _gap_runs(add, number, block, years, code_of, gaps)
            continue
        changes = _changes(block, positions)
        head = block[0]
        for position in sorted(changes.keys() | set(compress(positions, map(ne, head, repeat(zero))))):
            begin, text = 0, head[position]
            for at in changes.get(position, ()):
                code = code_of[text]
                if code:
                    add((number, position, code, first_year + begin, first_year + at, 0))
                begin, text = at, block[at][position]
            code = code_of[text]
            if code:
                add((number, position, code, first_year + begin, 0, 0))
    ionames = frozenset(years_of)
    names_of = tuple(aliases(ioname, orgname, longorgname, ionames) for ioname, orgname, longorgname, _, _ in igos)
    return CowTable(tuple(igos), columns, ccodes, runs, names_of)
