"""Correlates of War (COW) IGO data, version 3: read the IGO-year file into a
`Timeline`, and write any timeline back in COW's state-year coding.

The reader turns each IGO row into a body and each run of equal cells of a
state column into a year-precision `MembershipRecord`; the writer codes each
year by the status that holds on its last day, which gives back exactly the
cells that were read. docs/cow.md explains both conventions.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import gzip
import io
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Literal

import attrs

from ._dates import PartialDate
from ._enums import Status, Track
from ._index import NOTHING, StateIndex, build_state_index
from ._membership import MembershipRecord
from ._records import Body, Source, Spell
from ._states import State, normalize_name
from .exceptions import DataError, UnknownBodyError, VocabularyError

if TYPE_CHECKING:
    from ._timeline import Timeline

__all__ = [
    "CODE_STATUS",
    "COW_SOURCE",
    "STATUS_CODE",
    "CowRow",
    "code_of",
    "cow_state",
    "read_cow",
    "to_cow",
    "year_status",
]

#: A file given as a path, or as an open file in text or binary mode.
FileLike = str | os.PathLike[str] | IO[str] | IO[bytes]

#: COW's cell codes and the statuses they become (0, no membership, makes no spell).
CODE_STATUS: dict[int, Status] = {
    1: Status.MEMBER,
    2: Status.ASSOCIATE,
    3: Status.OBSERVER,
    -9: Status.UNKNOWN,
    -1: Status.UNCOVERED,
}

#: The code each status is exported as. Statuses COW has no code for
#: (signatory, suspended, partner) and no relation at all are 0.
STATUS_CODE: dict[Status, int] = {status: code for code, status in CODE_STATUS.items()}

_LABELS = {
    0: "no membership",
    1: "full member",
    2: "associate member",
    3: "observer",
    -9: "missing",
    -1: "not in the state system",
}
_CODES = frozenset(_LABELS)

#: The COW IGO-year file's metadata columns; every other column is a state.
META_COLUMNS = frozenset(
    {
        "ioname",
        "orgname",
        "year",
        "sdate",
        "deaddate",
        "dead",
        "integrated",
        "replaced",
        "longorgname",
        "ionum",
        "igocode",
        "version",
        "accuracyofpre1965membershipdates",
        "sourcesandnotes",
        "imputed",
        "political",
        "social",
        "economic",
    }
)
_REQUIRED = ("ioname", "orgname", "year", "longorgname")
_INTEGER = re.compile(r"[+-]?\d+(?:\.0*)?")
_CELL_CACHE = {str(code): code for code in _CODES} | {"": -1}
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/-]*")
_ABBREVIATION = re.compile(r"^(.*\S)\s*\(([^()]+)\)$")

#: The one source every record read from a COW file cites.
COW_SOURCE = Source.of(
    "cow-igo-v3",
    "Correlates of War Project, Intergovernmental Organizations data, version 3.0 (IGO-year file)",
    publisher="The Correlates of War Project",
    url="https://correlatesofwar.org/data-sets/IGOs",
    published="2020",
    says=(
        "IGO-year membership codes 1816-2014 (0 none, 1 full, 2 associate, 3 observer, -9 missing, "
        "-1 state not in the system). Cite: Pevehouse, Nordstrom, McManus and Jamison (2020), "
        "'Tracking Organizations in the World: The Correlates of War IGO Version 3.0 datasets', "
        "Journal of Peace Research 57(3): 492-503, doi:10.1177/0022343319881175."
    ),
)


# ------------------------------------------------------------------ files


def _name_of(source: FileLike) -> str:
    if isinstance(source, (str, os.PathLike)):
        return os.fspath(source)
    name = getattr(source, "name", None)
    return name if isinstance(name, str) else "<stream>"


def _read_text(source: FileLike, what: str) -> tuple[str, str]:
    """The text of a plain or gzip file given by path or as an open file, and its name."""
    name = _name_of(source)
    data: str | bytes
    if isinstance(source, (str, os.PathLike)):
        try:
            data = Path(source).read_bytes()
        except OSError as error:
            msg = (
                f"cannot read the {what}: {error.strerror or error}; give the path of an existing file or an open file"
            )
            raise DataError(msg, file=name) from None
    elif hasattr(source, "read"):
        data = source.read()
    else:
        msg = f"{source!r} is not a file; give the {what} as a path or an open file (text or binary, plain or gzip)"
        raise DataError(msg)
    if isinstance(data, str):
        return data, name
    if not isinstance(data, bytes):
        msg = (
            f"reading the {what} gave a {type(data).__name__}, not text or bytes; open the file in text or binary mode"
        )
        raise DataError(msg, file=name)
    if data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as error:
            raise DataError(f"is not a readable gzip file ({error})", file=name) from None
    try:
        return data.decode("utf-8-sig"), name
    except UnicodeDecodeError:
        return data.decode("latin-1"), name


def _rows(text: str) -> Iterator[tuple[int, list[str]]]:
    """CSV rows with the line each starts on; blank lines are skipped."""
    reader = csv.reader(io.StringIO(text, newline=""))
    line = 1
    for row in reader:
        start, line = line, reader.line_num + 1
        if row and any(cell.strip() for cell in row):
            yield start, row


def _integer(text: str) -> int | None:
    text = text.strip()
    if not _INTEGER.fullmatch(text):
        return None
    return int(text.split(".", 1)[0])


# ------------------------------------------------------------- crosswalk


def cow_state(ccode: int) -> State:
    """The state for a COW state number, from the bundled registry (which holds
    every state of data/cow_states.csv, COW State System Membership v2016).

    >>> cow_state(345), cow_state(245), cow_state(265).alpha2
    (State('SRB', 'Serbia'), State('XBA', 'Bavaria'), 'DD')
    >>> cow_state(1)
    Traceback (most recent call last):
    ...
    csto_timeline.exceptions.DataError: COW state number 1 is not in data/cow_states.csv; accepted: the 217 numbers of COW State System Membership v2016 (2 for the United States to 990 for Samoa)
    """
    from ._resources import bundled_states  # noqa: PLC0415 - keeps import light

    registry = bundled_states()
    if isinstance(ccode, int) and not isinstance(ccode, bool):
        state = registry.by_cow(ccode)
        if state is not None:
            return state
    known = sorted(state.cow for state in registry if state.cow is not None)
    msg = (
        f"COW state number {ccode!r} is not in data/cow_states.csv; accepted: the {len(known)} numbers of "
        f"COW State System Membership v2016 ({known[0]} for the United States to {known[-1]} for Samoa)"
    )
    raise DataError(msg)


def _state_list(source: FileLike) -> tuple[dict[str, int], str]:
    """The state list's column name -> COW number, and the file name."""
    text, name = _read_text(source, "COW state list")
    rows = _rows(text)
    try:
        _, header = next(rows)
    except StopIteration:
        raise DataError(
            "the state list is empty; expected COW's states2016.csv with columns ccode and state", file=name
        ) from None
    header = [column.strip() for column in header]
    for column in ("ccode", "state"):
        if column not in header:
            msg = f"column {column!r} is missing; the COW state list (states2016.csv) needs columns 'ccode' and 'state'"
            raise DataError(msg, record="line 1", file=name)
    at = {column: header.index(column) for column in ("ccode", "state")}
    codes: dict[str, int] = {}
    for line, row in rows:
        if len(row) != len(header):
            msg = f"has {len(row)} cells, the header {len(header)}"
            raise DataError(msg, record=f"line {line}", file=name)
        ccode = _integer(row[at["ccode"]])
        if ccode is None:
            msg = f"ccode {row[at['ccode']]!r} is not an integer; expected a COW state number such as 704"
            raise DataError(msg, record=f"line {line}, column 'ccode'", file=name)
        column = row[at["state"]].strip()
        if not column:
            raise DataError("the state column name is empty", record=f"line {line}, column 'state'", file=name)
        if codes.setdefault(column, ccode) != ccode:
            msg = f"state {column!r} has COW numbers {codes[column]} and {ccode}; each state column needs one number"
            raise DataError(msg, record=f"line {line}, column 'ccode'", file=name)
    return codes, name


def _states_for(columns: Sequence[str], state_list: FileLike, igo_file: str) -> dict[str, State]:
    """The state of each IGO-file column: its COW number from the state list,
    then the registry's state for that number (COW's own names are its aliases).
    """
    from ._resources import bundled_states  # noqa: PLC0415

    codes, list_name = _state_list(state_list)
    registry = bundled_states()
    by_column: dict[str, State] = {}
    by_code: dict[int, str] = {}
    for column in columns:
        ccode = codes.get(column)
        if ccode is None:
            close = difflib.get_close_matches(column, list(codes), n=3)
            hint = f" (did you mean {' or '.join(map(repr, close))}?)" if close else ""
            msg = (
                f"column {column!r} is neither a COW IGO metadata column nor a state of the state list "
                f"{list_name}{hint}; state columns are the 'state' names of COW's states2016.csv"
            )
            raise DataError(msg, record=f"line 1, column {column!r}", file=igo_file)
        if ccode in by_code:
            msg = f"columns {by_code[ccode]!r} and {column!r} both stand for COW state number {ccode} in {list_name}"
            raise DataError(msg, record=f"line 1, column {column!r}", file=igo_file)
        by_code[ccode] = column
        state = registry.by_cow(ccode)
        if state is None:
            msg = (
                f"COW state number {ccode} (column {column!r}) is not in csto_timeline's crosswalk "
                "data/cow_states.csv, which covers COW State System Membership v2016"
            )
            raise DataError(msg, record=f"line 1, column {column!r}", file=igo_file)
        by_column[column] = state
    return by_column


# ----------------------------------------------------------------- reading


@attrs.frozen
class _Igo:
    ioname: str
    orgname: str
    longorgname: str
    years: dict[int, tuple[int, ...]] = attrs.field(factory=dict)


def _aliases(ioname: str, orgname: str, longorgname: str, ionames: frozenset[str]) -> tuple[str, ...]:
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


def _cell(text: str, where: str, file: str) -> int:
    """A state cell's code; raises `DataError` for anything but -9, -1, 0, 1, 2, 3 or empty."""
    code = _integer(text) if text.strip() else -1
    if code is None or code not in _CODES:
        what = "is not an integer" if code is None else "is not a COW code"
        msg = f"cell {text!r} {what}; accepted: -9, -1, 0, 1, 2, 3 or empty (read as -1)"
        raise DataError(msg, record=where, file=file)
    return code


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


def read_cow(
    source: FileLike,
    *,
    state_list: FileLike | None = None,
    orgs: Iterable[str] | None = None,
    gaps: Literal["carry", "unknown"] = "carry",
) -> Timeline:
    r"""A timeline from the COW IGO v3 IGO-year file (``igo_year_formatv3.csv``,
    plain or gzip, a path or an open file in text or binary mode).

    Each IGO becomes a body: id the short name (``ioname``, such as "CSTO"),
    name the long name, its other names as aliases, covering 1 January of its
    first year to 31 December of its last. Cells become year-precision spells:
    1 member, 2 associate, 3 observer, -9 `Status.UNKNOWN` ("undecided"), -1
    and empty cells `Status.UNCOVERED` (the state is not in the state system:
    outside coverage, never "not a member"); 0 makes no spell. A run of equal
    cells from year A to year B is the status from some day of A (the change
    happened in A) to some day of B+1. Years without a row between two
    observed rows (COW v2's five-year steps before 1965) keep the status when
    both rows agree and are `Status.UNKNOWN` when they differ, or always with
    ``gaps="unknown"``.

    ``state_list`` is COW's State System Membership file (``states2016.csv``;
    default: the one next to the IGO file), whose ``state`` column names the
    IGO file's state columns and ``ccode`` their COW numbers; numbers map to
    ISO codes through data/cow_states.csv. ``orgs`` reads only the IGOs with
    those short names (case-insensitive), and checks only their rows.

    Raises `DataError` naming the file, the line and the column for a
    malformed file (a missing column, a non-integer cell, a column that is no
    state, a code outside -9, -1, 0, 1, 2, 3, an IGO-year given twice), and
    `UnknownBodyError` for an ``orgs`` name the file does not hold,
    `VocabularyError` for another ``gaps``.

    >>> import io
    >>> igo = io.StringIO(
    ...     "ioname,orgname,year,longorgname,armenia,uzbekistan\n"
    ...     "CSTO,Collective Security Treaty Organization,2010,Collective Security Treaty Organization (CSTO),1,1\n"
    ...     "CSTO,Collective Security Treaty Organization,2011,Collective Security Treaty Organization (CSTO),1,1\n"
    ...     "CSTO,Collective Security Treaty Organization,2012,Collective Security Treaty Organization (CSTO),1,0\n")
    >>> states = io.StringIO("ccode,state\n371,armenia\n704,uzbekistan\n")
    >>> cow = read_cow(igo, state_list=states)
    >>> cow.members_on("2011", org="CSTO")
    <MemberSet CSTO member on 2011: ARM, UZB>
    >>> cow.members_on("2012", org="Collective Security Treaty Organization")
    <MemberSet CSTO member on 2012: ARM; uncertain: UZB>
    """
    from ._timeline import Timeline  # noqa: PLC0415 - _timeline imports the optional modules lazily

    if gaps not in ("carry", "unknown"):
        msg = f"gaps={gaps!r} is not accepted; use 'carry' (keep a status both neighbouring rows agree on) or 'unknown'"
        raise VocabularyError(msg)
    text, name = _read_text(source, "COW IGO-year file")
    if state_list is None:
        if isinstance(source, (str, os.PathLike)) or name != "<stream>":
            state_list = Path(name).parent / "states2016.csv"
        if state_list is None or not Path(state_list).is_file():
            where = f" ({state_list} does not exist)" if state_list is not None else ""
            msg = (
                f"no COW state list{where}; pass state_list= the path of COW's states2016.csv (State System "
                "Membership v2016), whose 'state' column names the IGO file's state columns"
            )
            raise DataError(msg, file=name)
    rows = _rows(text)
    try:
        _, header = next(rows)
    except StopIteration:
        raise DataError("the file is empty; expected COW's IGO-year file with a header row", file=name) from None
    header = [column.strip() for column in header]
    for position, column in enumerate(header):
        if column in header[:position]:
            raise DataError(
                f"column {column!r} appears twice in the header", record=f"line 1, column {column!r}", file=name
            )
    for column in _REQUIRED:
        if column not in header:
            msg = f"column {column!r} is missing; the COW IGO-year file needs {', '.join(map(repr, _REQUIRED))} and state columns"
            raise DataError(msg, record="line 1", file=name)
    state_at = [position for position, column in enumerate(header) if column not in META_COLUMNS]
    columns = [header[position] for position in state_at]
    by_column = _states_for(columns, state_list, name)
    at = {column: header.index(column) for column in _REQUIRED}
    if isinstance(orgs, str):
        orgs = [orgs]
    wanted = {normalize_name(org): org for org in orgs} if orgs is not None else None
    igos: dict[str, _Igo] = {}
    for line, row in rows:
        if len(row) != len(header):
            raise DataError(f"has {len(row)} cells, the header {len(header)}", record=f"line {line}", file=name)
        ioname = row[at["ioname"]].strip()
        if wanted is not None and normalize_name(ioname) not in wanted:
            continue
        if not _ID.fullmatch(ioname):
            msg = f"ioname {ioname!r} is not an IGO short name; expected letters, digits, '-', '_', '.' or '/'"
            raise DataError(msg, record=f"line {line}, column 'ioname'", file=name)
        year = _integer(row[at["year"]])
        if year is None or not 1 <= year <= 9998:
            msg = f"year {row[at['year']]!r} is not a year; expected an integer such as 2002"
            raise DataError(msg, record=f"line {line}, column 'year'", file=name)
        igo = igos.get(ioname)
        if igo is None:
            igo = igos[ioname] = _Igo(ioname, row[at["orgname"]].strip(), row[at["longorgname"]].strip())
        elif year in igo.years:
            msg = f"{ioname} {year} is given twice; each IGO-year needs one row"
            raise DataError(msg, record=f"line {line}, column 'year'", file=name)
        cells = [_CELL_CACHE.get(row[position]) for position in state_at]
        if None in cells:
            cells = [_cell(row[position], f"line {line}, column {header[position]!r}", name) for position in state_at]
        igo.years[year] = tuple(cells)  # type: ignore[arg-type] # None was replaced or rejected above
    if wanted is not None:
        found = {normalize_name(ioname) for ioname in igos}
        missing = [org for key, org in wanted.items() if key not in found]
        if missing:
            msg = f"{name} holds no IGO called {missing[0]!r}; orgs= takes COW short names (ioname) such as 'CSTO' or 'NATO'"
            raise UnknownBodyError(msg)
    ionames = frozenset(igos)
    bodies = []
    records: list[MembershipRecord] = []
    for igo in igos.values():
        years = sorted(igo.years)
        bodies.append(
            Body(
                igo.ioname,
                igo.longorgname or igo.orgname or igo.ioname,
                "organization",
                coverage_start=dt.date(years[0], 1, 1),
                coverage_end=dt.date(years[-1], 12, 31),
                aliases=_aliases(igo.ioname, igo.orgname, igo.longorgname, ionames),
            )
        )
        for index, column in enumerate(columns):
            codes = [igo.years[year][index] for year in years]
            if gaps == "carry" and not any(codes):
                continue
            segments = _segments(years, codes, gaps)
            for number, (first, code, filled) in enumerate(segments):
                if code == 0:
                    continue
                end = segments[number + 1][0] if number + 1 < len(segments) else None
                # At the start of coverage, "unknown" and "not in the system" imply no change
                # inside the first year, so they hold from its first day.
                begin = PartialDate(first, 1, 1) if first == years[0] and code in (-1, -9) else PartialDate(first)
                last = end - 1 if end is not None else years[-1]
                span = str(first) if first == last else f"{first}-{last}"
                if filled:
                    says = (
                        f"COW gives {column} no code in {igo.ioname} for {span} (years without a row "
                        "between rows that differ, or -9)"
                    )
                else:
                    cell = "-1 or empty" if code == -1 else str(code)
                    says = f"COW codes {column} {cell} ({_LABELS[code]}) in {igo.ioname} for {span}"
                state = by_column[column]
                records.append(
                    MembershipRecord(
                        igo.ioname,
                        state,
                        CODE_STATUS[code],
                        begin,
                        PartialDate(end) if end is not None else None,
                        COW_SOURCE,
                        says,
                    )
                )
    last_year = max((max(igo.years) for igo in igos.values() if igo.years), default=None)
    return Timeline.from_records(
        records,
        sources=[COW_SOURCE],
        bodies=bodies,
        title=f"Correlates of War IGO data v3 ({Path(name).name})",
        as_of=PartialDate(last_year) if last_year is not None else None,
    )


# ----------------------------------------------------------------- writing


def code_of(status: Status | None) -> int:
    """COW's code for a status: 1 member, 2 associate, 3 observer, -9 unknown,
    -1 outside coverage, and 0 for no relation and for the statuses COW has no
    code for (signatory, suspended, partner).

    >>> code_of(Status.OBSERVER), code_of(Status.SUSPENDED), code_of(None)
    (3, 0, 0)
    """
    return 0 if status is None else STATUS_CODE.get(status, 0)


def year_status(index: StateIndex | None, coverage: tuple[dt.date | None, dt.date | None], year: int) -> Status | None:
    """The status a year is coded by: the one holding on 31 December.

    `Status.UNCOVERED` when that day is outside ``coverage`` (first, last day)
    or in an uncovered spell, `Status.UNKNOWN` when the record cannot decide
    it (an imprecise boundary covers the day, or the source says unknown).
    """
    day = dt.date(year, 12, 31)
    first, last = coverage
    if (first is not None and day < first) or (last is not None and day > last):
        return Status.UNCOVERED
    ordinal = day.toordinal()
    possible = NOTHING if index is None else index.possible(ordinal, ordinal)
    if len(possible) == 1:
        return next(iter(possible))
    return Status.UNKNOWN


@attrs.frozen
class CowRow:
    """One state-year in COW's coding (see `to_cow`)."""

    org: str
    state: str
    ccode: int | None
    year: int
    code: int


def state_spells(timeline: Timeline, org: str) -> dict[State, list[Spell]]:
    """The legal-track spells of one body or view, by state."""
    found: dict[State, list[Spell]] = {}
    for spell in timeline.spells(org=org, track=Track.LEGAL):
        found.setdefault(spell.state, []).append(spell)
    return found


def to_cow(
    timeline: Timeline,
    *,
    org: str | Iterable[str] | None = None,
    start_year: int,
    end_year: int,
    states: Iterable[State | str] | None = None,
    output: Literal["records", "csv", "pandas"] = "records",
) -> Any:  # noqa: ANN401 - rows, CSV text or a pandas DataFrame
    """State-year rows in COW's coding: 0 none, 1 full member, 2 associate,
    3 observer, -9 unknown, -1 outside coverage (see `code_of`).

    A year is coded by the status that holds on its last day, 31 December: a
    state that joins during a year is coded a member in that year, one that
    leaves (or is suspended) during a year is not. -9 also marks a year whose
    31 December the record cannot decide. Read a COW file and export it again,
    and every cell comes back as it was.

    ``org`` is a body or view (default: the timeline's default, or every body
    when it has none) or several; ``states`` defaults to every state with a
    spell there. Rows are ordered by org, state and year. ``output`` is
    "records" (a tuple of `CowRow`), "csv" (text with a header) or "pandas"
    (a DataFrame; needs the ``pandas`` extra).

    >>> import csto_timeline
    >>> rows = to_cow(csto_timeline.load(), start_year=2011, end_year=2013, states=["UZB"])
    >>> [(row.state, row.year, row.code) for row in rows]
    [('UZB', 2011, 1), ('UZB', 2012, 0), ('UZB', 2013, 0)]
    """
    from ._panel import emit, resolve_orgs, resolve_states, year_range  # noqa: PLC0415 - shared helpers

    first_year, last_year = year_range(start_year, end_year)
    rows: list[CowRow] = []
    for key in resolve_orgs(timeline, org):
        body = timeline.bodies.get(key)
        coverage = (body.coverage_start, body.coverage_end) if body is not None else (None, None)
        spells = state_spells(timeline, key)
        chosen = resolve_states(timeline, states, spells)
        for state in chosen:
            index = build_state_index(spells[state]) if state in spells else None
            rows.extend(
                CowRow(key, state.alpha3, state.cow, year, code_of(year_status(index, coverage, year)))
                for year in range(first_year, last_year + 1)
            )
    return emit(rows, ("org", "state", "ccode", "year", "code"), output, "to_cow")
