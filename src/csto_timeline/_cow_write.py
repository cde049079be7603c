"""Writing any timeline in Correlates of War's state-year coding (`to_cow`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import attrs

from ._coding import CodingRule, parse_rule
from ._cow_codes import code_of
from ._enums import Status
from ._panel import code_period
from ._states import State
from ._sweep import StatusSteps
from ._tabular import Output, check_output, coverage_of, emit, resolve_orgs, resolve_states, state_spells, year_range
from ._timeline import Timeline

#: The default reference day: 31 December (docs/cow.md, "Exporting in COW's coding", says why).
_DEC31 = parse_rule("dec31", "year")
#: Codes a one-day period by that day.
_ON_THE_DAY = CodingRule("first", "day", "first")

__all__ = ["CowRow", "to_cow", "year_status"]


def year_status(
    steps: StatusSteps | None, coverage: tuple[dt.date | None, dt.date | None], year: int, rule: CodingRule = _DEC31
) -> Status | None:
    """The status a year is coded by under ``rule`` (default: the one holding on 31 December).

    Only the days of the year inside ``coverage`` (first, last day) count, as
    COW codes an organization in every year it functions, its first and last
    included: `Status.UNCOVERED` when no day of the year is covered; a reference day
    outside the coverage moves to the nearest covered day of the year (31
    December to the last covered day, say); "any", "all" and "most" look at
    the covered days only. Also `Status.UNCOVERED` when the day (or every
    covered day) falls in an uncovered spell; `Status.UNKNOWN` when the
    record cannot decide it (an imprecise boundary covers the day, or the
    source says unknown).

    >>> year_status(None, (None, None), 2000) is None, year_status(None, (dt.date(2001, 1, 1), None), 2000)
    (True, Status.UNCOVERED)
    >>> year_status(None, (dt.date(1990, 1, 1), dt.date(2000, 6, 30)), 2000) is None  # coded on 30 June
    True
    """
    first, last = coverage
    low = max(dt.date(year, 1, 1), first) if first is not None else dt.date(year, 1, 1)
    high = min(dt.date(year, 12, 31), last) if last is not None else dt.date(year, 12, 31)
    if low > high:  # the body covers no day of the year
        return Status.UNCOVERED
    if rule.kind == "day":
        low = high = min(max(rule.reference(dt.date(year, 1, 1), dt.date(year, 12, 31)), low), high)
        rule = _ON_THE_DAY
    bounds = (None if first is None else first.toordinal(), None if last is None else last.toordinal())
    cell, _ = code_period(rule, steps, bounds, low, high)
    if cell.certain or cell.possible == (Status.UNCOVERED,):
        return cell.possible[0]
    return Status.UNKNOWN


@attrs.frozen
class CowRow:
    """One state-year in COW's coding (see `to_cow`)."""

    org: str
    state: str
    ccode: int | None
    year: int
    code: int


def to_cow(
    timeline: Timeline,
    *,
    org: str | Iterable[str] | None = None,
    start_year: int,
    end_year: int,
    states: Iterable[State | str] | None = None,
    rule: str = "dec31",
    output: Output = "records",
) -> Any:  # noqa: ANN401 - rows, CSV text or a pandas DataFrame
    """State-year rows in COW's coding: 0 none, 1 full member, 2 associate,
    3 observer, -9 unknown, -1 outside coverage (see `code_of`).

    COW's codebook (Pevehouse, McManus and Nordstrom, *Codebook for Correlates
    of War 3 International Governmental Organizations Data Set Version 3.0*,
    July 2019, p. 4) codes "whether each state was a member of the IGO in that
    year" and names no day of the year for it. By default a year is coded by
    the status on 31 December, the convention documented for data derived
    from COW (``docs/cow.md`` gives the evidence and the reasons): a state that joins
    during a year is a member in that year, one that leaves (or is suspended)
    is not, and a COW file read with `read_cow` exports back cell for cell.
    ``rule="any"`` codes a status held on any day of the year instead; any
    rule of `to_panel` is accepted ("all", "most", "07-01", ...), and a cell
    the rule cannot decide is -9.

    Where the codebook is explicit, it is followed: COW codes an organization
    from the first year in which it functions to the year its termination
    occurs (p. 5), so -1 marks a year with no day inside the body's coverage. In a year the coverage starts or
    ends, the rule looks at the covered days only: a reference day outside
    them moves to the nearest covered day (31 December to the body's last
    day). A state outside the system (an uncovered spell) on the coded day is
    also -1.

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
    first_year, last_year = year_range(start_year, end_year)
    check_output(output)
    coding = parse_rule(rule, "year")
    rows: list[CowRow] = []
    for key in resolve_orgs(timeline, org):
        coverage = coverage_of(timeline, key)
        spells = state_spells(timeline, key)
        for state in resolve_states(timeline, states, spells):
            steps = StatusSteps(spells[state]) if state in spells else None
            code, ccode = state.alpha3, state.cow
            rows.extend(
                CowRow(key, code, ccode, year, code_of(year_status(steps, coverage, year, coding)))
                for year in range(first_year, last_year + 1)
            )
    return emit(rows, ("org", "state", "ccode", "year", "code"), output, "to_cow")
