"""The parts a dataset is made of, checked, before a `Timeline` is built from them."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence

import attrs

from ._enums import Track
from ._records import Body, DatasetInfo, Event, RosterClaim, Source, Spell, View
from ._states import State, StateRegistry

__all__ = ["DatasetParts", "LazySpells", "SpellMap", "SpellTable"]

#: Spells keyed by (body or view id, track), then by state, each tuple in date order.
SpellTable = dict[tuple[str, Track], dict[State, tuple[Spell, ...]]]
#: The same, read-only: a `SpellTable` or `LazySpells`.
SpellMap = Mapping[tuple[str, Track], dict[State, tuple[Spell, ...]]]


class LazySpells(Mapping[tuple[str, Track], dict[State, tuple[Spell, ...]]]):
    """A spell table of spell-shaped input whose bodies' spells are made when first asked for.

    A large dataset (the Correlates of War file: 534 bodies, 100,000 spells) is read, or loaded
    from its cache, without making a single spell; asking about one body makes that body's.
    Each body's spells are made whole and published once (``dict.setdefault``), so concurrent
    first reads are safe. ``counts`` holds (states, events) for the timeline's summary.
    """

    __slots__ = ("_keys", "_made", "_make", "counts")

    def __init__(
        self,
        keys: Sequence[tuple[str, Track]],
        make: Callable[[tuple[str, Track]], dict[State, tuple[Spell, ...]]],
        counts: tuple[int, int],
    ) -> None:
        self._keys = dict.fromkeys(keys)
        self._make = make
        self._made: dict[tuple[str, Track], dict[State, tuple[Spell, ...]]] = {}
        self.counts = counts

    def __getitem__(self, key: tuple[str, Track]) -> dict[State, tuple[Spell, ...]]:
        found = self._made.get(key)
        if found is None:
            if key not in self._keys:
                raise KeyError(key)
            found = self._made.setdefault(key, self._make(key))
        return found

    def __iter__(self) -> Iterator[tuple[str, Track]]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)


@attrs.frozen
class DatasetParts:
    """Everything a dataset holds, checked field by field.

    Event-shaped input (a dataset file) gives ``events`` and no ``spells``:
    the spells are derived from the events by the rules table. Spell-shaped
    input (`Timeline.from_records`, `read_cow`) gives ``spells`` directly and
    no events: each spell makes the events that open and close it when they
    are first asked for.
    """

    info: DatasetInfo
    bodies: Mapping[str, Body]
    views: Mapping[str, View]
    states: StateRegistry
    sources: Mapping[str, Source]
    events: tuple[Event, ...]
    rosters: tuple[RosterClaim, ...]
    spells: SpellMap | None = None
