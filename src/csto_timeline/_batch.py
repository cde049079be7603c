"""Many questions in one call: the status of many (state, date) pairs
(`status_many`), or of one state on many dates (`status_series`).

Each state asked about gets, once per call, a table of the days on which its
answer changes (from `Timeline.history`, the public API); each question is
then one bisect into it, the per-question cost of `Timeline.status_of` with a
`datetime.date` at its fastest, without its argument handling.
"""

from __future__ import annotations

import datetime as dt
import reprlib
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from typing import Literal

from ._enums import Status
from ._states import State
from ._sweep import StatusSteps
from ._timeline import Timeline
from .exceptions import OutsideCoverageError, TimelineError, UncertainStatusError, VocabularyError

__all__ = ["status_many", "status_series"]

Undecided = Literal["raise", "mark"]
_UNDECIDED = object()  # a day the record cannot decide (or outside the coverage): asked again of status_of
_DAY = dt.date


class _Table:
    """One state's answers: from ``points[i]`` on, ``answers[i]`` (or `_UNDECIDED`)."""

    __slots__ = ("answers", "points")

    def __init__(self, timeline: Timeline, state: State, key: str) -> None:
        steps = StatusSteps(timeline.history(state, org=key).spells)
        self.points = [-1, *steps.points]
        self.answers: list[object] = [None]
        for possible in steps.sets:
            (only,) = possible if len(possible) == 1 else (_UNDECIDED,)
            self.answers.append(_UNDECIDED if only in (Status.UNKNOWN, Status.UNCOVERED) else only)
        body = timeline.bodies.get(key)
        if body is not None and (body.coverage_start is not None or body.coverage_end is not None):
            self._cut(body.coverage_start, body.coverage_end)

    def _cut(self, start: dt.date | None, end: dt.date | None) -> None:
        """Mark the days outside the coverage undecided (status_of then says why)."""
        low = start.toordinal() if start is not None else -1
        high = end.toordinal() if end is not None else dt.date.max.toordinal()
        old_points, old_answers = self.points, self.answers
        self.points = sorted({*old_points, low, high + 1})
        self.answers = [
            _UNDECIDED if point < low or point > high else old_answers[bisect_right(old_points, point) - 1]
            for point in self.points
        ]


def _check(undecided: object) -> None:
    if undecided not in ("raise", "mark"):
        msg = f"undecided={undecided!r} is not accepted; use 'raise' or 'mark'"
        raise VocabularyError(msg)


def status_many(
    timeline: Timeline,
    queries: Iterable[tuple[State | str, object]],
    *,
    org: str | None = None,
    undecided: Undecided = "raise",
) -> tuple[Status | None, ...]:
    """The status of each (state, date) pair in ``org``, in order: what
    `Timeline.status_of` answers for each, in one call.

    Dates are `datetime.date` (fastest) or anything `status_of` takes. With
    ``undecided="raise"`` (the default) a pair the record cannot decide
    raises what `status_of` raises (`UncertainStatusError`,
    `OutsideCoverageError`); with ``undecided="mark"`` it answers
    `Status.UNKNOWN` (or `Status.UNCOVERED` outside the data's coverage).

    >>> import csto_timeline, datetime as dt
    >>> tl = csto_timeline.load()
    >>> status_many(tl, [("UZB", dt.date(2010, 1, 1)), ("ARM", "2025-06-01"), ("UZB", dt.date(1999, 5, 1))])
    (Status.MEMBER, Status.MEMBER, None)
    >>> status_many(tl, [("UZB", "2012")], undecided="mark")
    (Status.UNKNOWN,)
    """
    _check(undecided)
    key = timeline.org(org)
    tables: dict[object, tuple[list[int], list[object]]] = {}
    answers: list[object] = []
    append, marker = answers.append, _UNDECIDED
    marked = False  # whether any answer may be the marker
    try:
        # A list or tuple is read twice (the second time only at undecided days); other input is
        # read into a list first.
        pairs = queries if isinstance(queries, list | tuple) else list(queries)
        # First pass: one bisect per pair. What a state's table cannot decide (a day the record
        # leaves undecided or uncovered, a date not given as a datetime.date) is marked and asked
        # of status_of afterwards, in order; that second pass runs only when a table with
        # undecided days was used or a date was not a day. Checking each answer here instead
        # cost a sixth of the loop.
        try:
            for state, date in pairs:
                try:
                    points, table_answers = tables[state]
                except KeyError:  # the first question about this state: its table, once
                    table = _Table(timeline, timeline.state(state), key)
                    points, table_answers = tables[state] = (table.points, table.answers)
                    marked = marked or any(answer is marker for answer in table.answers)
                try:
                    append(table_answers[bisect_right(points, date.toordinal()) - 1])  # type: ignore[union-attr]
                except AttributeError:  # not a datetime.date: text, a PartialDate, ...
                    append(marker)
                    marked = True
        except Exception:
            # A pair in error: the marked pairs before it come first, as they would one by one
            # (the first of them in error raises instead).
            if marked:
                _ask(timeline, pairs, answers, key, undecided)
            raise
        if marked:
            _ask(timeline, pairs, answers, key, undecided)
    except (TypeError, ValueError) as error:
        if isinstance(error, TimelineError):
            raise
        msg = f"status_many takes an iterable of (state, date) pairs, such as [('UZB', datetime.date(2010, 1, 1))]; got {_pair_shown(queries, len(answers))}"
        raise TypeError(msg) from None
    return tuple(answers)  # type: ignore[arg-type]


def status_series(
    timeline: Timeline,
    state: State | str,
    dates: Iterable[object],
    *,
    org: str | None = None,
    undecided: Undecided = "raise",
) -> tuple[Status | None, ...]:
    """The status of one state on each of ``dates`` (see `status_many`).

    >>> import csto_timeline, datetime as dt
    >>> tl = csto_timeline.load()
    >>> status_series(tl, "UZB", [dt.date(year, 6, 1) for year in (1995, 2000, 2010, 2015)])
    (Status.MEMBER, None, Status.MEMBER, Status.SUSPENDED)
    """
    _check(undecided)
    key = timeline.org(org)
    found = timeline.state(state)
    table = _Table(timeline, found, key)
    points, table_answers = table.points, table.answers
    answers: list[Status | None] = []
    for date in dates:
        if type(date) is _DAY:
            answer = table_answers[bisect_right(points, date.toordinal()) - 1]
            if answer is not _UNDECIDED:
                answers.append(answer)  # type: ignore[arg-type]
                continue
        answers.append(_slow(timeline, found, date, key, undecided))
    return tuple(answers)


def _ask(
    timeline: Timeline, pairs: Sequence[tuple[State | str, object]], answers: list[object], key: str, undecided: str
) -> None:
    """Replace each marked answer, in order, by what `status_of` says of its pair."""
    for position, answer in enumerate(answers):
        if answer is _UNDECIDED:
            state, date = pairs[position]
            answers[position] = _slow(timeline, state, date, key, undecided)


def _pair_shown(queries: object, position: int) -> str:
    """What to quote of the input when the pair at ``position`` could not be read: that pair
    when the input is a sequence of them, else the input itself.
    """
    if isinstance(queries, Sequence) and not isinstance(queries, str | bytes) and position < len(queries):
        return reprlib.repr(queries[position])
    return reprlib.repr(queries)


def _slow(timeline: Timeline, state: State | str, date: object, key: str, undecided: str) -> Status | None:
    """A date that is not a day, or a day the table cannot answer alone: `Timeline.status_of`."""
    if undecided == "raise":
        return timeline.status_of(state, date, org=key)
    try:
        return timeline.status_of(state, date, org=key)
    except UncertainStatusError:
        return Status.UNKNOWN
    except OutsideCoverageError:
        return Status.UNCOVERED
