"""The per-state index across bodies: in which bodies a state holds a status, day by day
(the index behind `Timeline.organizations_of`).
"""

from __future__ import annotations

import functools
from bisect import bisect_right
from collections.abc import Sequence

import attrs

from ._enums import Status
from ._index import DayTable, StateIndex, day_table

__all__ = ["BodiesIndex", "build_bodies_index"]


@attrs.frozen(repr=False, eq=False)  # internal: identity is enough, and attrs need not compile them
class BodiesIndex:
    """For one state and status: at each change point, the bodies in which the
    state certainly holds that status (inside each body's coverage).
    ``days`` is the `day_table` of those bodies, sorted.
    """

    points: list[int]
    sets: list[frozenset[str]]

    @functools.cached_property
    def days(self) -> DayTable[tuple[str, ...]]:
        """The day table of the bodies, sorted."""
        return day_table(self.points, [tuple(sorted(found)) for found in self.sets], ())

    def holding(self, first: int, last: int) -> tuple[str, ...]:
        """The bodies holding the status on every day of the ordinal range [first, last], sorted."""
        points = self.points
        i = bisect_right(points, first) - 1
        if i < 0:
            return ()
        if first == last or i + 1 >= len(points) or points[i + 1] > last:  # inside one segment
            day_points, bodies = self.days
            return bodies[bisect_right(day_points, first) - 1]
        j = bisect_right(points, last) - 1
        found = self.sets[i]
        for k in range(i + 1, j + 1):
            found = found & self.sets[k]
        return tuple(sorted(found))


def build_bodies_index(
    indexes: Sequence[tuple[str, StateIndex, int | None, int | None]], status: Status
) -> BodiesIndex:
    """Merge one state's indexes of several bodies: ``(body id, index, first
    covered day, last covered day)``, ordinals or None for unbounded.
    """
    edges: list[tuple[int, int, str]] = []
    for body, index, first, last in indexes:
        starts, answers = index.days
        bounds = [*starts[1:], None]
        for point, following, answer in zip(starts, bounds, answers, strict=True):
            if answer is not status:
                continue
            start = point if first is None else max(point, first)
            end = following if last is None else (last + 1 if following is None else min(following, last + 1))
            if end is not None and end <= start:
                continue
            edges.append((start, 1, body))
            if end is not None:
                edges.append((end, -1, body))
    edges.sort(key=lambda edge: (edge[0], edge[1]))
    current: set[str] = set()
    points: list[int] = []
    sets: list[frozenset[str]] = []
    for point, change, body in edges:
        if change > 0:
            current.add(body)
        else:
            current.discard(body)
        if points and points[-1] == point:
            sets[-1] = frozenset(current)
        else:
            points.append(point)
            sets.append(frozenset(current))
    return BodiesIndex(points, sets)
