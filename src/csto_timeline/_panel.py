"""Panels: one row per state and period (year, month or day), with the status
when one status holds throughout and how well the record covers the period.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import Any, Literal

import attrs
from dateutil.relativedelta import relativedelta

from ._dates import to_partial_date
from ._enums import Status
from ._states import State
from ._sweep import NOTHING, StatusSteps
from ._tabular import check_output, coverage_of, emit, resolve_orgs, resolve_states, state_spells
from ._timeline import Timeline
from .exceptions import DateError, VocabularyError

__all__ = ["Coverage", "PanelRow", "classify", "to_panel"]

#: How well the record covers a state's status in a period.
Coverage = Literal["full", "partial", "unknown", "outside"]
Freq = Literal["year", "month", "day"]
Output = Literal["records", "csv", "pandas"]

_STEPS: dict[str, relativedelta] = {"year": relativedelta(years=1), "month": relativedelta(months=1)}
_FIELDS = ("state", "org", "period", "first_day", "last_day", "status", "coverage")


@attrs.frozen
class PanelRow:
    """One state in one body or view during one period.

    ``first_day`` and ``last_day`` are the period's first and last days (both
    inclusive). ``status`` is the status that holds on every day of the period
    (None for no relation, and whenever ``coverage`` is not "full").
    ``coverage`` is "full" when one status is known for the whole period,
    "partial" when the status changes inside it or a boundary is imprecise
    there, "unknown" when the source records the status as unknown, and
    "outside" when the period is outside the data's coverage.
    """

    state: str
    org: str
    period: str
    first_day: dt.date
    last_day: dt.date
    status: Status | None
    coverage: Coverage


# ------------------------------------------------------------------ panels


def _periods(freq: str, start: object, end: object) -> Iterator[tuple[str, dt.date, dt.date]]:
    first = to_partial_date(start).earliest
    last = to_partial_date(end).latest
    if last < first:
        msg = f"end={end!r} is before start={start!r}; give the earlier date first"
        raise DateError(msg)
    if freq == "day":
        for ordinal in range(first.toordinal(), last.toordinal() + 1):
            day = dt.date.fromordinal(ordinal)
            yield day.isoformat(), day, day
        return
    if freq not in _STEPS:
        msg = f"freq={freq!r} is not accepted; use 'year', 'month' or 'day'"
        raise VocabularyError(msg)
    step = _STEPS[freq]
    begin = dt.date(first.year, 1, 1) if freq == "year" else dt.date(first.year, first.month, 1)
    while begin <= last:
        after = begin + step
        label = f"{begin.year:04d}" if freq == "year" else f"{begin.year:04d}-{begin.month:02d}"
        yield label, begin, after - dt.timedelta(days=1)
        begin = after


def classify(
    steps: StatusSteps | None, coverage: tuple[dt.date | None, dt.date | None], first: dt.date, last: dt.date
) -> tuple[Status | None, Coverage]:
    """The status holding on every day of [first, last] (or None) and the coverage value."""
    low, high = first.toordinal(), last.toordinal()
    cut = False
    start, stop = coverage
    if start is not None and start.toordinal() > low:
        low, cut = start.toordinal(), True
    if stop is not None and stop.toordinal() < high:
        high, cut = stop.toordinal(), True
    if low > high:
        return None, "outside"
    possible = set(NOTHING if steps is None else steps.possible(low, high))
    if cut:
        possible.add(Status.UNCOVERED)
    if len(possible) > 1:
        return None, "partial"
    only = next(iter(possible))
    if only is Status.UNCOVERED:
        return None, "outside"
    if only is Status.UNKNOWN:
        return None, "unknown"
    return only, "full"


def to_panel(
    timeline: Timeline,
    *,
    freq: Freq = "year",
    start: object,
    end: object,
    org: str | Iterable[str] | None = None,
    states: Iterable[State | str] | None = None,
    output: Output = "records",
) -> Any:  # noqa: ANN401 - rows, CSV text or a pandas DataFrame
    """One row per state and period from the period holding ``start`` to the
    one holding ``end`` (dates or EDTF text: "1992", "1992-05", "1992-05-15").

    ``freq`` is "year", "month" or "day". ``org`` is a body or view (default:
    the timeline's default, or every body when it has none) or several;
    ``states`` defaults to every state with a spell there. Each `PanelRow`
    gives the state's code, the org, the period's label, first and last day,
    the status when one status holds throughout, and the coverage ("full",
    "partial", "unknown" or "outside"). ``output`` is "records" (a tuple of
    `PanelRow`), "csv" (text with a header) or "pandas" (a DataFrame; needs
    the ``pandas`` extra).

    Raises `DateError` for an unreadable or reversed window, `VocabularyError`
    for an unknown ``freq`` or ``output``, `UnknownBodyError` and
    `UnknownStateError` for names the timeline does not know.

    >>> import csto_timeline
    >>> tl = csto_timeline.load()
    >>> for row in to_panel(tl, start="2011", end="2013", states=["UZB"]):
    ...     print(row.period, row.status, row.coverage)
    2011 member full
    2012 None partial
    2013 suspended full
    >>> print(to_panel(tl, freq="month", start="2012-11", end="2012-12", states=["UZB"], output="csv"))
    state,org,period,first_day,last_day,status,coverage
    UZB,alliance,2012-11,2012-11-01,2012-11-30,member,full
    UZB,alliance,2012-12,2012-12-01,2012-12-31,,partial
    <BLANKLINE>
    """
    periods = list(_periods(freq, start, end))
    check_output(output)
    rows: list[PanelRow] = []
    for key in resolve_orgs(timeline, org):
        coverage = coverage_of(timeline, key)
        spells = state_spells(timeline, key)
        for state in resolve_states(timeline, states, spells):
            steps = StatusSteps(spells[state]) if state in spells else None
            code = state.alpha3
            for label, first, last in periods:
                status, covered = classify(steps, coverage, first, last)
                rows.append(PanelRow(code, key, label, first, last, status, covered))
    return emit(rows, _FIELDS, output, "to_panel")
