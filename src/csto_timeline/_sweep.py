"""What one state's spells allow on a range of days, from one sweep over their
boundaries: the one copy of that sweep, used by derivation (to check events
that change no status), by the engine's state indexes, and by panels and
exports (`StatusSteps`, from the spells they already hold).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from ._enums import Status
from ._records import Spell

__all__ = ["NOTHING", "OUTSIDE", "Possible", "StatusSteps", "possible_between", "segments_of", "sweep"]

#: A set of possible statuses; None stands for "no relation".
Possible = frozenset[Status | None]
#: No spell at all: no relation.
NOTHING: Possible = frozenset({None})

#: Outside the data's coverage.
OUTSIDE: Possible = frozenset({Status.UNCOVERED})

_SHARED: dict[Possible, Possible] = {NOTHING: NOTHING}


def sweep(spells: Sequence[Spell]) -> tuple[list[int], list[Possible]]:
    """One sweep over one state's spells (of one body and track): the days (ordinals) on
    which what is possible changes, and the possible statuses from each on.

    A spell may hold from its start's earliest day until its end's latest day,
    and certainly holds from its start's latest day until its end's earliest
    day. At each of those days the sweep updates a count of possible spells per
    status and a count of certain spells, and records what is possible from
    that day on: the statuses with a possible spell, and None (no relation)
    unless some spell certainly holds. Equal sets are shared (few distinct ones occur).
    """
    # day -> [(status, change in spells possibly holding it, change in spells certainly holding)]
    steps: dict[int, list[tuple[Status, int, int]]] = {}
    for spell in spells:
        end_earliest, end_latest = (None, None) if spell.end is None else (spell.end.earliest, spell.end.latest)
        for first, stop, possible, certain in (
            (spell.start.earliest, end_latest, 1, 0),
            (spell.start.latest, end_earliest, 0, 1),
        ):
            if stop is not None and stop <= first:
                continue  # an empty range: imprecise boundaries overlap, so the status never certainly held
            steps.setdefault(first.toordinal(), []).append((spell.status, possible, certain))
            if stop is not None:
                steps.setdefault(stop.toordinal(), []).append((spell.status, -possible, -certain))
    counts: dict[Status, int] = {}
    certain_count = 0
    points = sorted(steps)
    sets: list[Possible] = []
    for point in points:
        for status, possible, certain in steps[point]:
            counts[status] = counts.get(status, 0) + possible
            certain_count += certain
        here: set[Status | None] = {status for status, count in counts.items() if count}
        if not certain_count:
            here.add(None)
        found = frozenset(here)
        sets.append(_SHARED.setdefault(found, found))
    return points, sets


def possible_between(points: Sequence[int], sets: Sequence[Possible], first: int, last: int) -> Possible:
    """The statuses possible on some day of the ordinal range [first, last], from a sweep's
    ``points`` and ``sets`` (before the first point: no relation).
    """
    i = bisect_right(points, first) - 1
    j = bisect_right(points, last) - 1
    if i == j:
        return sets[i] if i >= 0 else NOTHING
    result: set[Status | None] = set(NOTHING) if i < 0 else set()
    for k in range(max(i, 0), j + 1):
        result |= sets[k]
    return frozenset(result)


class StatusSteps:
    """The days (ordinals) on which what is possible changes, and what is possible from each.

    A spell may hold from its start's earliest day until its end's latest
    day, and certainly holds from its start's latest day until its end's
    earliest day. From each such day on, the possible statuses are those with
    a spell that may hold, plus None (no relation) unless a spell certainly
    holds. Before the first day nothing holds: only None.

    >>> import csto_timeline, datetime as dt
    >>> steps = StatusSteps(csto_timeline.load().history("UZB", org="CSTO"))
    >>> day = dt.date(2012, 6, 1).toordinal()
    >>> sorted(map(str, steps.possible(day, day + 365)))
    ['member', 'suspended']
    """

    __slots__ = ("points", "sets")

    def __init__(self, spells: Sequence[Spell]) -> None:
        self.points, self.sets = sweep(spells)

    def possible(self, first: int, last: int) -> Possible:
        """The statuses possible on some day of the ordinal range [first, last]."""
        return possible_between(self.points, self.sets, first, last)

    def segments(self, first: int, last: int) -> list[tuple[int, int, Possible]]:
        """The ordinal range [first, last] cut where what is possible changes:
        (first day, last day, possible statuses) for each piece, in order.

        >>> import csto_timeline, datetime as dt
        >>> steps = StatusSteps(csto_timeline.load().history("UZB", org="CSTO"))
        >>> first, last = dt.date(2012, 12, 1).toordinal(), dt.date(2012, 12, 31).toordinal()
        >>> [(dt.date.fromordinal(a).day, dt.date.fromordinal(b).day, sorted(map(str, s)))
        ...  for a, b, s in steps.segments(first, last)]
        [(1, 18, ['member']), (19, 31, ['suspended'])]
        """
        points = self.points
        i = bisect_right(points, first) - 1
        pieces: list[tuple[int, int, Possible]] = []
        start = first
        while start <= last:
            stop = points[i + 1] - 1 if i + 1 < len(points) else last
            stop = min(stop, last)
            pieces.append((start, stop, self.sets[i] if i >= 0 else NOTHING))
            start, i = stop + 1, i + 1
        return pieces


def segments_of(
    steps: StatusSteps | None, coverage: tuple[int | None, int | None], first: int, last: int
) -> list[tuple[int, int, Possible]]:
    """`StatusSteps.segments` with no spells read as no relation, and the days
    outside ``coverage`` (first, last ordinal; None: unbounded) as `Status.UNCOVERED`.

    >>> segments_of(None, (5, None), 1, 9)
    [(1, 4, frozenset({Status.UNCOVERED})), (5, 9, frozenset({None}))]
    """
    low, high = coverage
    pieces: list[tuple[int, int, Possible]] = []
    if low is not None and first < low:
        pieces.append((first, min(last, low - 1), OUTSIDE))
        first = low
    tail = None
    if high is not None and last > high:
        tail = (max(first, high + 1), last, OUTSIDE)
        last = high
    if first <= last:
        pieces.extend(steps.segments(first, last) if steps is not None else [(first, last, NOTHING)])
    if tail is not None:
        pieces.append(tail)
    return pieces
