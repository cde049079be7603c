"""The parts a dataset is made of, checked, before a `Timeline` is built from them."""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from ._enums import Track
from ._records import Body, DatasetInfo, Event, RosterClaim, Source, Spell, View
from ._states import State, StateRegistry

__all__ = ["DatasetParts", "SpellTable"]

#: Spells keyed by (body or view id, track), then by state, each tuple in date order.
SpellTable = dict[tuple[str, Track], dict[State, tuple[Spell, ...]]]


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
    spells: SpellTable | None = None
