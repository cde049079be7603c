"""What one state's spells allow on a range of days, from one sweep over their
boundaries: the answer `Timeline.possible_statuses` gives, computed from the
spells a panel or an export already holds, for many periods at a bisect each.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from ._enums import Status
from ._records import Spell

__all__ = ["NOTHING", "Possible", "StatusSteps"]

#: A set of possible statuses; None stands for "no relation".
Possible = frozenset[Status | None]
#: No spell at all: no relation.
NOTHING: Possible = frozenset({None})

_SHARED: dict[Possible, Possible] = {NOTHING: NOTHING}


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
        steps: dict[int, list[tuple[Status, int, int]]] = {}
        for spell in spells:
            end_earliest, end_latest = (None, None) if spell.end is None else (spell.end.earliest, spell.end.latest)
            for first, stop, possible, certain in (
                (spell.start.earliest, end_latest, 1, 0),
                (spell.start.latest, end_earliest, 0, 1),
            ):
                if stop is not None and stop <= first:
                    continue  # imprecise boundaries overlap: the status never certainly held
                steps.setdefault(first.toordinal(), []).append((spell.status, possible, certain))
                if stop is not None:
                    steps.setdefault(stop.toordinal(), []).append((spell.status, -possible, -certain))
        counts: dict[Status, int] = {}
        certain_count = 0
        self.points = sorted(steps)
        self.sets: list[Possible] = []
        for point in self.points:
            for status, possible, certain in steps[point]:
                counts[status] = counts.get(status, 0) + possible
                certain_count += certain
            here: set[Status | None] = {status for status, count in counts.items() if count}
            if not certain_count:
                here.add(None)
            found = frozenset(here)
            self.sets.append(_SHARED.setdefault(found, found))

    def possible(self, first: int, last: int) -> Possible:
        """The statuses possible on some day of the ordinal range [first, last]."""
        points = self.points
        i = bisect_right(points, first) - 1
        j = bisect_right(points, last) - 1
        if i == j:
            return self.sets[i] if i >= 0 else NOTHING
        result: set[Status | None] = set(NOTHING) if i < 0 else set()
        for k in range(max(i, 0), j + 1):
            result |= self.sets[k]
        return frozenset(result)
