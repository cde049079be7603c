"""Spell-shaped input: plain records given in code (`Timeline.from_records`) become
spells directly, checked like a dataset file, with no round trip through events.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import TypeVar, cast

from ._collector import collector_paused
from ._dates import Boundary, PartialDate, to_partial_date
from ._enums import EventKind, Status, Track
from ._membership import MembershipRecord
from ._parts import DatasetParts, SpellTable
from ._records import Body, Citation, Claim, DatasetInfo, Event, EventMaker, Source, Spell
from ._states import State, StateRegistry
from .exceptions import DataError, UnknownStateError

__all__ = ["maker_type", "records_to_parts"]

_T = TypeVar("_T")

#: Statuses a record may give: the legal ones. Participation (frozen, inactive) is a second
#: track that needs a legal status beneath it, which one record cannot express.
_PARTICIPATION = frozenset({Status.FROZEN, Status.INACTIVE, Status.ACTIVE})


class _Made:
    """What the events of one call of `records_to_parts` need: each record with its state and citation."""

    __slots__ = ("entries",)

    def __init__(self) -> None:
        self.entries: list[tuple[MembershipRecord, State, Citation]] = []

    def event(self, index: int, *, closing: bool) -> Event:
        """``record-N/start`` (carrying the status) or ``record-N/end`` of the record at ``index``."""
        record, state, citation = self.entries[index]
        number = index + 1
        if closing:
            assert record.end is not None  # noqa: S101 - only closed records make an end
            return Event(
                f"record-{number}/end",
                EventKind.RECORD_END,
                state,
                record.org,
                (Claim(record.end, (citation,)),),
                record=f"record-{number}",
            )
        return Event(
            f"record-{number}/start",
            EventKind.RECORD_START,
            state,
            record.org,
            (Claim(record.start, (citation,)),),
            status=record.status,
            record=f"record-{number}",
        )


def maker_type(made: _Made) -> Callable[[int], EventMaker]:
    """The type of one build's event makers: ints (record ``k`` opens with ``k`` and closes with
    ``-k - 1``) whose class knows the records, so a spell keeps an int, not an object per event.
    """

    def call(self: int) -> Event:
        return made.event(self if self >= 0 else -self - 1, closing=self < 0)

    kind = type("RecordEvent", (int,), {"__slots__": (), "__call__": call, "__doc__": "Makes one record's event."})
    return cast("Callable[[int], EventMaker]", kind)


@collector_paused()  # the records and spells it makes hold no cycles: see _collector
def records_to_parts(
    records: Iterable[MembershipRecord],
    *,
    registry: StateRegistry,
    sources: Iterable[Source],
    states: Iterable[State],
    bodies: Iterable[Body],
    title: str,
    as_of: PartialDate | dt.date | str | None,
) -> DatasetParts:
    """Check plain records and make each one spell (legal track), so that they
    meet the same checks as a dataset file: known states and sources, an end
    after the start, no two overlapping records of one state in one body.

    Arguments of the wrong type raise `TypeError` before any record is read.
    """
    if not isinstance(title, str):
        msg = f"title= is {title!r} ({type(title).__name__}); give a str"
        raise TypeError(msg)
    if not title.strip():
        raise DataError(f"title= is {title!r}; give a title that is not empty")
    when = _as_of(as_of)
    if isinstance(records, (str, bytes)) or not isinstance(records, Iterable):
        msg = f"records is {records!r} ({type(records).__name__}); give an iterable of MembershipRecord"
        raise TypeError(msg)
    extra_states = _all_of(states, State, "states", "State objects (State.of(...))")
    try:
        registry = registry.merged(extra_states)
    except DataError as error:
        raise DataError(error.problem, record=error.record) from None
    known_sources: dict[str, Source] = {}
    for given in _all_of(sources, Source, "sources", "Source objects (Source.of(...))"):
        if known_sources.setdefault(given.id, given) != given:
            raise DataError(f"two different sources share the id {given.id!r}", record=f"source {given.id!r}")
    body_map = {body.id: body for body in _all_of(bodies, Body, "bodies", "Body objects")}
    spells: dict[tuple[str, State], list[tuple[Spell, int]]] = {}
    citations: dict[tuple[str, str | None], Citation] = {}
    made = _Made()
    maker = maker_type(made)
    for number, record in enumerate(records, start=1):
        name = f"record {number}"
        if not isinstance(record, MembershipRecord):
            msg = f"{record!r} is not a MembershipRecord; build records with MembershipRecord.of(...)"
            raise DataError(msg, record=name)
        try:
            state = registry.lookup(record.state)
        except UnknownStateError as error:
            msg = f"{error}; states not in the bundled registry can be passed with states="
            raise DataError(msg, record=name) from None
        source = _source_of(record, known_sources, name)
        if record.status in _PARTICIPATION:
            msg = (
                f"status {record.status.value!r} is a participation status, which needs a legal status beneath it; "
                "records take legal statuses (member, observer, associate, partner, signatory, suspended, unknown, ...)"
            )
            raise DataError(msg, record=name)
        if record.org not in body_map:
            try:
                body_map[record.org] = Body(record.org, record.org)
            except ValueError as error:
                raise DataError(str(error), record=name) from None
        if record.end is not None and record.end.latest <= record.start.earliest:
            raise DataError(
                f"ends ({record.end}) no later than it begins ({record.start}); end is the first day the status no longer held",
                record=name,
            )
        citation = citations.get((source.id, record.says))
        if citation is None:
            citation = citations.setdefault((source.id, record.says), Citation(source, record.says))
        made.entries.append((record, state, citation))
        opened = maker(number - 1)
        closed = None if record.end is None else maker(-number)
        end = None if record.end is None else Boundary(record.end)
        spell = Spell(state, record.org, record.status, Boundary(record.start), end, opened, closed, Track.LEGAL)
        spells.setdefault((record.org, state), []).append((spell, number))
    table: SpellTable = {}
    for (org, state), found in spells.items():
        found.sort(key=lambda pair: (*pair[0].start.sort_key(), pair[1]))
        _check_overlaps(found, state, org)
        table.setdefault((org, Track.LEGAL), {})[state] = tuple(spell for spell, _ in found)
    default = next(iter(body_map)) if len(body_map) == 1 else None
    info = DatasetInfo("records", title, when, default)
    return DatasetParts(info, body_map, {}, registry, known_sources, (), (), table)


def _all_of(values: Iterable[_T], kind: type[_T], name: str, accepted: str) -> list[_T]:
    """The items of an argument such as ``sources=``, each checked to be of ``kind``."""
    if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
        msg = f"{name}= is {values!r} ({type(values).__name__}); give an iterable of {accepted}"
        raise TypeError(msg)
    found = list(values)
    for value in found:
        if not isinstance(value, kind):
            msg = f"{name}= holds {value!r}, a {type(value).__name__}; give {accepted}"
            raise TypeError(msg)
    return found


def _as_of(value: object) -> PartialDate | None:
    """The dataset's as-of date: EDTF text, a date, a `PartialDate`, or None."""
    if value is None or isinstance(value, PartialDate):
        return value
    if isinstance(value, str):
        return PartialDate.parse(value)
    if isinstance(value, dt.date):
        return to_partial_date(value)
    msg = f"as_of= is {value!r} ({type(value).__name__}); give a date, a PartialDate, EDTF text such as '2024-05', or None"
    raise TypeError(msg)


def _source_of(record: MembershipRecord, known: dict[str, Source], name: str) -> Source:
    source = record.source
    if isinstance(source, str):
        if source not in known:
            msg = f"cites unknown source {source!r}; pass it in sources= or give a Source object"
            raise DataError(msg, record=name)
        return known[source]
    if not isinstance(source, Source):
        msg = f"source {source!r} is a {type(source).__name__}; give a Source or the id of one passed in sources="
        raise DataError(msg, record=name)
    if known.setdefault(source.id, source) != source:
        msg = f"cites a source with id {source.id!r} that differs from another source of that id"
        raise DataError(msg, record=name)
    return source


def _check_overlaps(found: list[tuple[Spell, int]], state: State, org: str) -> None:
    """Records of one state in one body, sorted by earliest start, must not overlap.

    Only the earlier records that may still hold on the new one's earliest
    start can overlap it; the others are dropped for good, since starts only
    move later. Usually that leaves one record to compare with.
    """
    if len(found) == 1:
        return
    live: list[tuple[Spell, int]] = []
    for spell, number in found:
        first = spell.start.earliest
        live = [pair for pair in live if pair[0].end is None or pair[0].end.latest > first]
        for other, other_number in live:
            if _overlaps(other, spell):
                msg = (
                    f"overlaps record {other_number} ({state.alpha3} in {org}: "
                    f"[{other.start.date}, {other.end.date if other.end else '..'}) and "
                    f"[{spell.start.date}, {spell.end.date if spell.end else '..'}))"
                )
                raise DataError(msg, record=f"record {number}")
        live.append((spell, number))


def _overlaps(first: Spell, second: Spell) -> bool:
    """True unless ``first`` surely ends before ``second`` begins (or ends on its start)."""
    if first.end is None:
        return True
    return not (first.end.latest <= second.start.earliest or first.end == second.start)
