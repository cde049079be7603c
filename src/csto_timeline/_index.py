"""Change-point indexes: the answer to every day query is one bisect away.

For one body (or view) and track, every spell boundary contributes its
earliest and latest possible day as change points. Between two consecutive
points nothing can change, so each segment stores, per state, the set of
statuses the evidence allows there (``None`` standing for "no relation"); a
set of one element is a certain answer. The body-wide index also stores, per
segment and status, the frozen sets of states that certainly and that only
possibly hold that status.

Building is one sort of the change points and one sweep over them, per state
and then per body: O(n log n) in the number of spells n, plus the frozen sets
a body-wide segment stores for the statuses whose holders change at its point
(the others are shared with the segment before).

Day queries take a shortcut, the `day_table`: the same change points
reduced to those where the one answer a day query needs changes, with a
sentinel in front so a lookup is one bisect and one index.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from operator import itemgetter
from typing import TypeVar

import attrs

from ._enums import Status
from ._records import Spell
from ._states import State
from ._sweep import OUTSIDE, possible_between, sweep

__all__ = [
    "NOTHING",
    "NO_HOLDERS",
    "UNDECIDED",
    "OrgIndex",
    "StateIndex",
    "build_org_index",
    "build_state_index",
    "build_state_indexes",
    "day_table",
    "possible_covered",
]

T = TypeVar("T")
#: Change points (the first is 0, before every date) and the answer from each point on.
DayTable = tuple[tuple[int, ...], tuple[T, ...]]

Possible = frozenset[Status | None]
#: Statuses the body-wide index does not keep: "unknown" (it stands for any status) and
#: "outside coverage", whose holders change at nearly every point of a Correlates of War body
#: (states entering the state system) and would cost a frozen set per point; `OrgIndex`
#: answers for "outside coverage" from the states' own indexes instead.
_UNTRACKED = frozenset({Status.UNKNOWN, Status.UNCOVERED})
#: The possible-status set of a day with no spell anywhere near it.
NOTHING: Possible = frozenset({None})
_EMPTY: frozenset[State] = frozenset()
# A source's "unknown" leaves every status possible.
_ANY_STATUS: Possible = frozenset(set(Status) - {Status.UNCOVERED})


def day_table(points: Sequence[int], values: Sequence[T], before: T) -> DayTable[T]:
    """A bisect-ready table for day queries over ``values[i]`` holding from ``points[i]`` on.

    ``before`` holds before the first point. Only the points where the value
    changes are kept, and the table starts with the point 0 (every date's
    ordinal is at least 1), so the answer for an ordinal ``day`` is
    ``values[bisect_right(points, day) - 1]``, with no bounds test.

    >>> day_table([10, 20, 30], ["a", "a", "b"], before=None)
    ((0, 10, 30), (None, 'a', 'b'))
    """
    kept_points = [0]
    kept_values = [before]
    for point, value in zip(points, values, strict=True):
        if value != kept_values[-1]:
            kept_points.append(point)
            kept_values.append(value)
    # ``point + 0`` makes fresh int objects one after another, so they lie together in memory
    # and a bisect touches few cache lines: at the scale of the COW data this shortens a query
    # by about a sixth (benchmarks/bench_engine.py). Elsewhere than CPython it changes nothing.
    return tuple([point + 0 for point in kept_points]), tuple(kept_values)


#: The answer of a segment whose status the evidence cannot decide.
UNDECIDED = object()


def _answer(possible: Possible) -> object:
    if len(possible) == 1:
        only = next(iter(possible))
        if only is not Status.UNKNOWN and only is not Status.UNCOVERED:
            return only
    return UNDECIDED


@attrs.frozen(repr=False, eq=False)  # internal: identity is enough, and attrs need not compile them
class StateIndex:
    """One state's change points on one track of one body, and what each segment allows.

    ``sets[i]`` holds from ``points[i]`` on. ``days`` is the `day_table` of
    the answer to a day query: the one status (None: no relation), or
    `UNDECIDED` when the evidence allows several, records "unknown" or does
    not cover the state.
    """

    points: tuple[int, ...]
    sets: tuple[Possible, ...]
    spells: tuple[Spell, ...]

    @functools.cached_property
    def days(self) -> DayTable[object]:
        """The day table, made on first use (most states of a large dataset are never asked about by day)."""
        return day_table(self.points, [_answer(possible) for possible in self.sets], None)

    def answer_on(self, day: int) -> object:
        """The answer for one day (an ordinal): a status, None, or `UNDECIDED`."""
        points, answers = self.days
        return answers[bisect_right(points, day) - 1]

    def possible(self, first: int, last: int) -> Possible:
        """The statuses possible on some day of the ordinal range [first, last]."""
        return possible_between(self.points, self.sets, first, last)


def possible_covered(
    index: StateIndex | None, first: int, last: int, start: dt.date | None, end: dt.date | None
) -> Possible:
    """The statuses possible on some day of the ordinal range [first, last] in a
    body whose data covers ``start`` to ``end`` (None: unbounded): those of the
    covered days, and `Status.UNCOVERED` when the range reaches beyond them.

    >>> day = dt.date(2005, 6, 30)
    >>> sorted(map(str, possible_covered(None, day.toordinal(), day.toordinal() + 1, None, day)))
    ['None', 'uncovered']
    """
    low = max(first, start.toordinal()) if start is not None else first
    high = min(last, end.toordinal()) if end is not None else last
    if high < low:
        return OUTSIDE
    inside = index.possible(low, high) if index is not None else NOTHING
    return inside | OUTSIDE if (low, high) != (first, last) else inside


#: A state index's change points and the possible-status set from each one on.
Steps = tuple[tuple[int, ...], tuple["Possible", ...]]
def build_state_index(
    spells: Sequence[Spell], shared: dict[tuple[tuple[int, ...], tuple[Possible, ...]], Steps] | None = None
) -> StateIndex:
    """Index one state's spells (of one body and track): their `sweep`, kept as tuples."""
    points, sets = sweep(spells)
    steps_made: Steps = (tuple(points), tuple(sets))
    if shared is not None:  # states with the same history share one copy of it (see `Tables.states`)
        steps_made = shared.setdefault(steps_made, steps_made)
    return StateIndex(*steps_made, tuple(spells))


#: (certain, uncertain) holders of a status nobody holds.
NO_HOLDERS: tuple[frozenset[State], frozenset[State]] = (_EMPTY, _EMPTY)


Holders = tuple[frozenset[State], frozenset[State]]
#: One status's holders through time: the points where they change, and (certain, uncertain) from each on.
Changes = tuple[Sequence[int], Sequence[Holders]]
_NO_CHANGES: Changes = ((), ())


@attrs.frozen(repr=False, eq=False)  # internal: identity is enough, and attrs need not compile them
class OrgIndex:
    """Every state's index for one body and track, and, per status, its holders through time."""

    states: Mapping[State, StateIndex]
    #: Status -> the points where its holders change and the holders from each on. One list
    #: pair per status, rather than one dict of every status per point: at 50,000 spells that
    #: was some 100,000 dicts, each a copy, and each more work for the garbage collector.
    by_status: Mapping[Status, Changes]
    _pairs: dict[Status, DayTable[Holders]] = attrs.field(factory=dict, init=False, eq=False, repr=False)

    @functools.cached_property
    def member_days(self) -> DayTable[Holders]:
        """The `day_table` of (certain, uncertain) members: the fast path of ``members_on``."""
        return self._day_table(Status.MEMBER)

    def pairs(self, status: Status) -> DayTable[Holders]:
        """The `day_table` of (certain, uncertain) holders of ``status``, made on first use
        (``member_days`` for members); period and window queries combine its pairs.
        """
        if status is Status.MEMBER:
            return self.member_days
        found = self._pairs.get(status)
        if found is None:
            found = self._pairs.setdefault(status, self._day_table(status))  # a finished table, set once
        return found

    def _day_table(self, status: Status) -> DayTable[Holders]:
        points, holders = self.by_status.get(status, _NO_CHANGES)
        return day_table(points, holders, NO_HOLDERS)

    def holders(self, status: Status, first: int, last: int) -> Holders:
        """(certain, uncertain) holders of ``status`` over the ordinal range [first, last]:
        certain throughout, or possible on some day and not certain throughout.
        """
        if status in _UNTRACKED:
            (some, maybe), (every, _) = self._scan(status, first, last)
            return every, (some | maybe) - every
        points, pairs = self.pairs(status)
        i = bisect_right(points, first) - 1
        j = bisect_right(points, last)
        if j - i == 1:  # one segment: one bisect
            return pairs[i]
        window = pairs[i:j]
        # The set operations take all their arguments at once: one C loop instead of a Python loop.
        certain = window[0][0].intersection(*[pair[0] for pair in window[1:]])
        possible = _EMPTY.union(*[pair[0] for pair in window], *[pair[1] for pair in window])
        return certain, possible - certain

    def window(self, status: Status, first: int, last: int, mode: str) -> Holders:
        """Holders of ``status`` over the ordinal range [first, last]: at some point of it
        (``mode`` "any") or throughout it ("all"), as (certain, only possible) holders.
        """
        if status in _UNTRACKED:
            some, every = self._scan(status, first, last)
            return some if mode == "any" else every
        points, pairs = self.pairs(status)
        window = pairs[bisect_right(points, first) - 1 : bisect_right(points, last)]
        if mode == "any":
            certain = _EMPTY.union(*[pair[0] for pair in window])
            return certain, _EMPTY.union(*[pair[1] for pair in window]) - certain
        certain = window[0][0].intersection(*[pair[0] for pair in window[1:]])
        possible = (window[0][0] | window[0][1]).intersection(*[pair[0] | pair[1] for pair in window[1:]])
        return certain, possible - certain

    def _scan(self, status: Status, first: int, last: int) -> tuple[Holders, Holders]:
        """`window` for a status the body-wide index does not keep, from each state's own index."""
        any_sure: set[State] = set()
        any_maybe: set[State] = set()
        all_sure: set[State] = set()
        all_maybe: set[State] = set()
        for state, index in self.states.items():
            points = index.points
            i = bisect_right(points, first) - 1
            j = bisect_right(points, last) - 1
            sets = [NOTHING] if i < 0 else []
            sets += index.sets[max(i, 0) : j + 1]
            sure = [possible == frozenset({status}) for possible in sets]
            maybe = [status in possible for possible in sets]
            if any(sure):
                any_sure.add(state)
            elif any(maybe):
                any_maybe.add(state)
            if all(sure):
                all_sure.add(state)
            elif all(maybe):
                all_maybe.add(state)
        if status is Status.UNKNOWN:  # "unknown" is never a certain answer
            any_maybe |= any_sure
            all_maybe |= all_sure
            any_sure.clear()
            all_sure.clear()
        return (frozenset(any_sure), frozenset(any_maybe)), (frozenset(all_sure), frozenset(all_maybe))


def build_state_indexes(
    spells_by_state: Mapping[State, Sequence[Spell]],
    shared: dict[tuple[tuple[int, ...], tuple[Possible, ...]], Steps] | None = None,
) -> dict[State, StateIndex]:
    """Index every state's spells of one body (or view) and track."""
    return {state: build_state_index(spells, shared) for state, spells in spells_by_state.items()}


def build_org_index(states: Mapping[State, StateIndex]) -> OrgIndex:
    """Index one body's (or view's) states together, from their own indexes.

    One sweep over every state's change points in date order keeps, per
    status, the live sets of states that certainly and that only possibly hold
    it. At each point where a status's holders may have changed, frozen copies
    of its two sets are added to that status's changes (and nothing to the
    other statuses').
    """
    changes: list[tuple[int, State, Possible]] = [
        (point, state, possible)
        for state, index in states.items()
        for point, possible in zip(index.points, index.sets, strict=True)
    ]
    changes.sort(key=itemgetter(0))
    current: dict[State, Possible] = {}
    live: dict[Status, tuple[set[State], set[State]]] = {}
    by_status: dict[Status, tuple[list[int], list[Holders]]] = {}
    for point, group in itertools.groupby(changes, key=itemgetter(0)):
        touched: set[Status] = set()
        for _, state, possible in group:
            before = current.get(state)
            if possible == before:
                continue
            for role, statuses in _roles(before):
                for status in statuses:
                    live[status][role].discard(state)
                    touched.add(status)
            current[state] = possible
            for role, statuses in _roles(possible):
                for status in statuses:
                    live.setdefault(status, (set(), set()))[role].add(state)
                    touched.add(status)
        for status in touched:
            sure, unsure = live[status]
            holders = (frozenset(sure) if sure else _EMPTY, frozenset(unsure) if unsure else _EMPTY)
            points, values = by_status.setdefault(status, ([], []))
            points.append(point)
            values.append(holders if sure or unsure else NO_HOLDERS)
    return OrgIndex(states, by_status)


@functools.cache  # few distinct sets occur, and each is asked about at every point of every state
def _roles(possible: Possible | None) -> tuple[tuple[int, Sequence[Status]], ...]:
    """(0, the status certainly held) and (1, the statuses only possibly held) under ``possible``."""
    if possible is None:
        return ()
    only = next(iter(possible)) if len(possible) == 1 else None
    sure: tuple[Status, ...] = (only,) if only is not None and only not in _UNTRACKED else ()
    expanded = _ANY_STATUS if Status.UNKNOWN in possible else possible  # a source's "unknown" allows any
    maybe = tuple(status for status in expanded if status is not None and status not in sure and status not in _UNTRACKED)
    return ((0, sure), (1, maybe))
