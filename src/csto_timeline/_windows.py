"""Window queries: who held a status during a period, what changed in it, and
when two states held one together. Answered from the engine's indexes.
"""

from __future__ import annotations

from typing import Literal

from ._dates import Boundary, to_partial_date
from ._engine import Engine, ordinals, track_of
from ._enums import Status, Track
from ._results import Change, JointSpell, MemberSet
from ._states import State
from .exceptions import DateError, VocabularyError

__all__ = ["Windows"]

_MODES = ("any", "all")


def check_window(start: object, end: object, first: int, last: int) -> None:
    """Refuse a window that ends before it starts."""
    if last < first:
        msg = f"the window ends ({end!r}) before it starts ({start!r}); give the earlier date first"
        raise DateError(msg)


class Windows(Engine):
    """The engine with its window queries (see `Timeline` for the public API)."""

    __slots__ = ()

    def members_during(
        self,
        start: object,
        end: object,
        *,
        org: str | None = None,
        mode: Literal["any", "all"] = "any",
        status: Status | str = Status.MEMBER,
    ) -> MemberSet:
        """The states holding ``status`` at some point (``mode="any"``) or throughout
        (``mode="all"``) from the first day of ``start`` to the last day of ``end``.

        In "any" mode a state is certain when it certainly holds the status on
        some day of the window, whichever way imprecise boundaries fall.

        >>> import csto_timeline
        >>> tl = csto_timeline.load()
        >>> tl.members_during("1999", "2006", org="CST").codes
        ('ARM', 'AZE', 'BLR', 'GEO', 'KAZ', 'KGZ', 'RUS', 'TJK', 'UZB')
        >>> tl.members_during("1999", "2006", org="CST", mode="all").codes
        ('ARM', 'BLR', 'KAZ', 'KGZ', 'RUS', 'TJK')
        """
        if mode not in _MODES:
            msg = f"mode {mode!r} is not one of 'any', 'all'"
            raise VocabularyError(msg)
        first, _, begin = ordinals(start, self._text_dates)
        _, last, finish = ordinals(end, self._text_dates)
        check_window(start, end, first, last)
        key = self.org(org)
        wanted = status if isinstance(status, Status) else Status.parse(status)
        self._check_coverage(key, first, last, start)
        certain, uncertain = self._tables.index(key, track_of(wanted)).window(wanted, first, last, mode)
        return MemberSet(
            begin if begin is not None else to_partial_date(start),
            key,
            wanted,
            certain,
            uncertain,
            self._states,
            until=finish if finish is not None else to_partial_date(end),
            as_of=self._as_of,
        )

    def changes(self, start: object, end: object, *, org: str | None = None) -> tuple[Change, ...]:
        """The status changes whose day may fall between the first day of ``start``
        and the last day of ``end``, in date order.

        >>> import csto_timeline
        >>> for change in csto_timeline.load().changes("1999", "1999", org="CST"):
        ...     print(change)
        <Change 1999-04-21 AZE member -> none (aze-1999-cst-lapse)>
        <Change 1999-04-21 GEO member -> none (geo-1999-cst-lapse)>
        <Change 1999-04-21 UZB member -> none (uzb-1999-cst-lapse)>
        """
        first = ordinals(start, self._text_dates)[0]
        last = ordinals(end, self._text_dates)[1]
        check_window(start, end, first, last)
        return self._tables.changes(self.org(org)).between(first, last)

    def co_members(
        self,
        state_a: State | str,
        state_b: State | str,
        *,
        org: str | None = None,
        status: Status | str = Status.MEMBER,
    ) -> tuple[JointSpell, ...]:
        """The periods in which both states held ``status`` (default member) in ``org``.

        Each joint spell starts at the later of the two starts and ends at the
        earlier of the two ends; where both are imprecise, the days it certainly
        covers are exact and the days it may cover can be wider.

        >>> import csto_timeline
        >>> csto_timeline.load().co_members("RUS", "UZB", org="CSTO")
        (<JointSpell RUS+UZB CSTO member [2006-06-23, 2012-12-19)>,)
        """
        a, b = self.state(state_a), self.state(state_b)
        key = self.org(org)
        wanted = status if isinstance(status, Status) else Status.parse(status)
        table = self._tables.spells_of(key, Track.LEGAL)
        spells_a = [s for s in table.get(a, ()) if s.status is wanted]
        spells_b = [s for s in table.get(b, ()) if s.status is wanted]
        joint = []
        for sa in spells_a:
            for sb in spells_b:
                # The later start by its latest day and the earlier end by its earliest
                # day make the certain part of the joint spell exact.
                begins = max(sa.start, sb.start, key=lambda x: (x.latest, x.earliest))
                ends = _earlier_end(sa.end, sb.end)
                if ends is None or ends.latest > begins.earliest:
                    joint.append(JointSpell((a, b), key, wanted, begins, ends, (sa, sb)))
        return tuple(sorted(joint, key=lambda j: j.start.sort_key()))


def _earlier_end(a: Boundary | None, b: Boundary | None) -> Boundary | None:
    if a is None:
        return b
    if b is None:
        return a
    return min(a, b, key=Boundary.sort_key)  # by earliest day first
