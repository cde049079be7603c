"""Writing any timeline in Correlates of War's state-year coding (`to_cow`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, Literal

import attrs

from ._cow_codes import code_of
from ._enums import Status
from ._states import State
from ._sweep import NOTHING, StatusSteps
from ._tabular import check_output, coverage_of, emit, resolve_orgs, resolve_states, state_spells, year_range
from ._timeline import Timeline

__all__ = ["CowRow", "to_cow", "year_status"]


def year_status(steps: StatusSteps | None, coverage: tuple[dt.date | None, dt.date | None], year: int) -> Status | None:
    """The status a year is coded by: the one holding on 31 December.

    `Status.UNCOVERED` when that day is outside ``coverage`` (first, last day)
    or in an uncovered spell, `Status.UNKNOWN` when the record cannot decide
    it (an imprecise boundary covers the day, or the source says unknown).

    >>> year_status(None, (None, None), 2000) is None, year_status(None, (dt.date(2001, 1, 1), None), 2000)
    (True, Status.UNCOVERED)
    """
    day = dt.date(year, 12, 31)
    first, last = coverage
    if (first is not None and day < first) or (last is not None and day > last):
        return Status.UNCOVERED
    ordinal = day.toordinal()
    possible = NOTHING if steps is None else steps.possible(ordinal, ordinal)
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
    first_year, last_year = year_range(start_year, end_year)
    check_output(output)
    rows: list[CowRow] = []
    for key in resolve_orgs(timeline, org):
        coverage = coverage_of(timeline, key)
        spells = state_spells(timeline, key)
        for state in resolve_states(timeline, states, spells):
            steps = StatusSteps(spells[state]) if state in spells else None
            code, ccode = state.alpha3, state.cow
            rows.extend(
                CowRow(key, code, ccode, year, code_of(year_status(steps, coverage, year)))
                for year in range(first_year, last_year + 1)
            )
    return emit(rows, ("org", "state", "ccode", "year", "code"), output, "to_cow")
