"""Writing any timeline in Correlates of War's state-year coding (`to_cow`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, Literal

import attrs

from ._coding import CodingRule, parse_rule
from ._cow_codes import code_of
from ._enums import Status
from ._panel import code_period
from ._states import State
from ._sweep import StatusSteps
from ._tabular import check_output, coverage_of, emit, resolve_orgs, resolve_states, state_spells, year_range
from ._timeline import Timeline

#: COW's convention: a year is coded by the status on 31 December (see docs/cow.md for the source).
_DEC31 = parse_rule("dec31", "year")

__all__ = ["CowRow", "to_cow", "year_status"]


def year_status(
    steps: StatusSteps | None, coverage: tuple[dt.date | None, dt.date | None], year: int, rule: CodingRule = _DEC31
) -> Status | None:
    """The status a year is coded by under ``rule`` (default: the one holding on 31 December).

    `Status.UNCOVERED` when the coded day is outside ``coverage`` (first, last
    day) or in an uncovered spell, `Status.UNKNOWN` when the record cannot
    decide it (an imprecise boundary covers the day, or the source says unknown).

    >>> year_status(None, (None, None), 2000) is None, year_status(None, (dt.date(2001, 1, 1), None), 2000)
    (True, Status.UNCOVERED)
    """
    first, last = coverage
    bounds = (None if first is None else first.toordinal(), None if last is None else last.toordinal())
    cell, _ = code_period(rule, steps, bounds, dt.date(year, 1, 1), dt.date(year, 12, 31))
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
    output: Literal["records", "csv", "pandas"] = "records",
) -> Any:  # noqa: ANN401 - rows, CSV text or a pandas DataFrame
    """State-year rows in COW's coding: 0 none, 1 full member, 2 associate,
    3 observer, -9 unknown, -1 outside coverage (see `code_of`).

    A year is coded by the status that holds on its last day, 31 December, as
    data built on COW's IGO data report membership (see ``docs/cow.md``): a
    state that joins during a year is coded a member in that year, one that
    leaves (or is suspended) during a year is not. -9 also marks a year whose
    31 December the record cannot decide. Read a COW file and export it again,
    and every cell comes back as it was. ``rule`` takes any coding rule of
    `to_panel` ("any", "all", "most", "07-01", ...); a cell the rule cannot
    decide is -9.

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
