"""The one owner of every table derived from a timeline's spells.

A `Timeline` is immutable, so everything derived from it can be built once
and kept. Each table here is built completely on first use and then
published with one ``dict.setdefault``, never changed afterwards: a reader
either finds the finished table or builds one itself. Two threads asking
first at the same moment may both build it; both results are equal, the
first published wins and is what everyone uses from then on. So reads take
no lock, and no reader can see one table published while a table built
with it is not (the race of publishing two related caches one after the
other).

The speed tricks of the query engine live here and in `_engine`, each with
a comment saying what it buys:

- tables keyed by plain strings (an org id, an alpha-3 code): a `State`,
  `Status` or `Track` key hashes in Python code, a string in C;
- day tables (`_index.day_table`): a day query is one bisect and one index;
- `Holding`s made once per segment, so a day query builds only a 2-field
  `MemberSet` around a shared one.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Mapping

import attrs

from ._bodies_index import BodiesIndex, build_bodies_index
from ._dates import PartialDate
from ._enums import Status, Track
from ._index import (
    DayTable,
    OrgIndex,
    Possible,
    StateIndex,
    Steps,
    build_org_index,
    build_state_indexes,
)
from ._parts import SpellMap
from ._records import Body, Spell
from ._results import Change, Holding
from ._states import State, StateRegistry

__all__ = ["ChangeList", "StateTables", "Tables"]

_LEGAL = Track.LEGAL
#: The day table of a state with no spell in a body: no relation on every day.
NO_RELATION: DayTable[object] = ((0,), (None,))


@attrs.frozen(repr=False, eq=False)  # internal: identity is enough, and attrs need not compile them
class StateTables:
    """Every state's index on one track of one body, by `State` and by alpha-3 code."""

    by_state: Mapping[State, StateIndex]
    by_code: Mapping[str, StateIndex]


@attrs.frozen(repr=False, eq=False)  # internal: identity is enough, and attrs need not compile them
class ChangeList:
    """One body's status changes sorted by their earliest day, for bisecting.

    ``earliest`` holds each change's earliest possible day (an ordinal) and
    ``widest`` the largest number of days any change's date spans, so the
    changes that may fall in [first, last] all lie between
    ``bisect_left(earliest, first - widest)`` and ``bisect_right(earliest, last)``.
    """

    changes: tuple[Change, ...]
    earliest: tuple[int, ...]
    latest: tuple[int, ...]
    widest: int

    def between(self, first: int, last: int) -> tuple[Change, ...]:
        """The changes whose day may fall in the ordinal range [first, last], in date order."""
        low = bisect_left(self.earliest, first - self.widest)
        high = bisect_right(self.earliest, last)
        latest = self.latest
        return tuple(change for k, change in enumerate(self.changes[low:high], low) if latest[k] >= first)


class Tables:
    """Builds and keeps every derived table of one timeline (see the module docstring)."""

    __slots__ = (
        "_as_of",
        "_bodies",
        "_bodies_indexes",
        "_changes",
        "_coverage",
        "_default",
        "_legal_indexes",
        "_legal_states",
        "_participation_indexes",
        "_participation_states",
        "_registry",
        "_steps",
        "member_bodies",
        "member_days",
        "spells",
        "status_days",
        "text_dates",
    )

    def __init__(
        self,
        spells: SpellMap,
        bodies: Mapping[str, Body],
        registry: StateRegistry,
        default: str | None,
        as_of: PartialDate | None = None,
    ) -> None:
        self._as_of = as_of
        self.spells = spells
        self._bodies = bodies
        self._registry = registry
        self._default = default
        #: Bodies whose data covers only part of time: they never take a day fast path.
        self._coverage = frozenset(ident for ident, body in bodies.items() if body.coverage_start or body.coverage_end)
        # One dict per track, keyed by the body's id: a `Track` in a key would hash in Python code.
        self._legal_states: dict[str, StateTables] = {}
        self._participation_states: dict[str, StateTables] = {}
        self._legal_indexes: dict[str, OrgIndex] = {}
        self._participation_indexes: dict[str, OrgIndex] = {}
        self._changes: dict[str, ChangeList] = {}
        self._bodies_indexes: dict[tuple[State, Status], BodiesIndex] = {}
        # One copy of each distinct state history (change points and possible statuses), shared by
        # every state index that has it: in Correlates of War data most members of a body joined
        # in the same years, and sharing halves what the state indexes keep. Only grows, and only
        # with values equal to what it holds, so a racing build stores an equal entry.
        self._steps: dict[tuple[tuple[int, ...], tuple[Possible, ...]], Steps] = {}
        # The day fast paths, filled as bodies are first asked about. Keys: a body or view id, and
        # None for the default one; values: day tables ready for one bisect.
        self.member_days: dict[str | None, DayTable[Holding]] = {}
        # Day tables of statuses by org (None: the default) and then by the state as the caller gave
        # it (a code, a name or a `State`): a memo, filled one state at a time by `remember_status`.
        self.status_days: dict[str | None, dict[object, DayTable[object]]] = {}
        self.member_bodies: dict[str, DayTable[tuple[str, ...]]] = {}  # alpha-3 code -> bodies
        #: Query dates given as text, parsed: text -> (first ordinal, last ordinal, date).
        self.text_dates: dict[str, tuple[int, int, PartialDate]] = {}

    @property
    def coverage(self) -> frozenset[str]:
        """The ids of bodies whose data covers only part of time."""
        return self._coverage

    def spells_of(self, key: str, track: Track) -> Mapping[State, tuple[Spell, ...]]:
        """One body's (or view's) spells on one track, by state."""
        return self.spells.get((key, track), {})

    def _publish_fast(self, table: dict[str | None, object], key: str, value: object) -> None:
        table.setdefault(key, value)
        if key == self._default:
            table.setdefault(None, value)

    def states(self, key: str, track: Track) -> StateTables:
        """Every state's index of one body and track, built on first use."""
        table = self._legal_states if track is _LEGAL else self._participation_states
        found = table.get(key)
        if found is None:
            by_state = build_state_indexes(self.spells_of(key, track), self._steps)
            built = StateTables(by_state, {state.alpha3: index for state, index in by_state.items()})
            found = table.setdefault(key, built)
        return found

    def remember_status(self, key: str, given: object, index: StateIndex | None) -> None:
        """Keep one state's day table for the status fast path under the state as the caller gave it.

        Each memo entry is a finished, immutable table set once (a racing thread sets an equal
        one); bodies limited by a coverage period keep none, as they must check every date.
        """
        if key in self._coverage or not isinstance(given, (str, State)):
            return
        memo = self.status_days.get(key)
        if memo is None:
            memo = self.status_days.setdefault(key, {})
            if key == self._default:
                self.status_days.setdefault(None, memo)
        memo.setdefault(given, NO_RELATION if index is None else index.days)

    def index(self, key: str, track: Track) -> OrgIndex:
        """The body-wide index of one body and track: one sort and sweep, on first use."""
        table = self._legal_indexes if track is _LEGAL else self._participation_indexes
        found = table.get(key)
        if found is None:
            found = table.setdefault(key, build_org_index(self.states(key, track).by_state))
            if track is _LEGAL and key not in self._coverage:
                points, pairs = found.member_days
                holdings = tuple(Holding(key, Status.MEMBER, *pair, self._registry, self._as_of) for pair in pairs)
                self._publish_fast(self.member_days, key, (points, holdings))  # type: ignore[arg-type]
        return found

    def changes(self, key: str) -> ChangeList:
        """One body's legal status changes, sorted once and kept."""
        found = self._changes.get(key)
        if found is None:
            changes = sorted(_changes_of(key, self.spells_of(key, _LEGAL)), key=_change_order)
            widest = max((c.date.latest.toordinal() - c.date.earliest.toordinal() for c in changes), default=0)
            built = ChangeList(
                tuple(changes),
                tuple(c.date.earliest.toordinal() for c in changes),
                tuple(c.date.latest.toordinal() for c in changes),
                widest,
            )
            found = self._changes.setdefault(key, built)
        return found

    def bodies(self, state: State, status: Status, track: Track) -> BodiesIndex:
        """For one state and status: the bodies holding it at each change point."""
        found = self._bodies_indexes.get((state, status))
        if found is None:
            parts = []
            for key in sorted(self._bodies):
                index = self.states(key, track).by_state.get(state)
                if index is None:
                    continue
                body = self._bodies[key]
                start = body.coverage_start.toordinal() if body.coverage_start else None
                end = body.coverage_end.toordinal() if body.coverage_end else None
                parts.append((key, index, start, end))
            found = self._bodies_indexes.setdefault((state, status), build_bodies_index(parts, status))
            if status is Status.MEMBER:
                self.member_bodies.setdefault(state.alpha3, found.days)
        return found


def _change_order(change: Change) -> tuple[dt.date, dt.date, str]:
    return (*change.date.sort_key(), change.state.alpha3)


def _changes_of(key: str, table: Mapping[State, tuple[Spell, ...]]) -> list[Change]:
    """Every status change of one body's legal spells: starts, switches and ends."""
    changes: list[Change] = []
    for state, spells in table.items():
        previous: Spell | None = None
        for spell in spells:
            if previous is not None and previous.end is not None and previous.end != spell.start:
                changes.append(_ending(previous, key))
                previous = None
            old = previous.status if previous is not None else None
            if old is not spell.status:
                changes.append(Change(spell.start, state, old, spell.status, spell.opened_by, key))
            previous = spell
        if previous is not None and previous.end is not None:
            changes.append(_ending(previous, key))
    return changes


def _ending(spell: Spell, key: str) -> Change:
    assert spell.end is not None  # noqa: S101 - only closed spells end
    assert spell.closed_by is not None  # noqa: S101
    return Change(spell.end, spell.state, spell.status, None, spell.closed_by, key)
