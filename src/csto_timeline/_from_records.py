"""Build a dataset from plain records given in code (`Timeline.from_records`)."""

from __future__ import annotations

from collections.abc import Iterable

from ._dates import PartialDate
from ._enums import EventKind
from ._load import DatasetParts
from ._records import Body, Citation, Claim, DatasetInfo, Event, MembershipRecord, Source
from ._resources import bundled_states
from ._states import State
from .exceptions import DataError, UnknownStateError

__all__ = ["records_to_parts"]


def records_to_parts(
    records: Iterable[MembershipRecord],
    *,
    sources: Iterable[Source],
    states: Iterable[State],
    bodies: Iterable[Body],
    title: str,
    as_of: PartialDate | str | None,
) -> DatasetParts:
    """Check plain records and turn each into a start event (and an end event),
    so that they go through the same rules and checks as a dataset file.
    """
    registry = bundled_states()
    try:
        registry = registry.merged(states)
    except DataError as error:
        raise DataError(error.problem, record=error.record) from None
    known_sources: dict[str, Source] = {}
    for given in sources:
        if known_sources.setdefault(given.id, given) != given:
            raise DataError(f"two different sources share the id {given.id!r}", record=f"source {given.id!r}")
    body_map = {body.id: body for body in bodies}
    events: list[Event] = []
    spans: dict[tuple[str, State], list[tuple[PartialDate, PartialDate | None, int]]] = {}
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
        source = record.source
        if isinstance(source, str):
            if source not in known_sources:
                msg = f"cites unknown source {source!r}; pass it in sources= or give a Source object"
                raise DataError(msg, record=name)
            source = known_sources[source]
        if known_sources.setdefault(source.id, source) != source:
            msg = f"cites a source with id {source.id!r} that differs from another source of that id"
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
        key = (record.org, state)
        for start, end, other in spans.get(key, []):
            if _overlaps(start, end, record.start, record.end):
                msg = (
                    f"overlaps record {other} ({state.alpha3} in {record.org}: "
                    f"[{start}, {end or '..'}) and [{record.start}, {record.end or '..'}))"
                )
                raise DataError(msg, record=name)
        spans.setdefault(key, []).append((record.start, record.end, number))
        citation = (Citation(source, record.says),)
        events.append(
            Event(
                f"record-{number}/start",
                EventKind.RECORD_START,
                state,
                record.org,
                (Claim(record.start, citation),),
                status=record.status,
                record=f"record-{number}",
            )
        )
        if record.end is not None:
            events.append(
                Event(
                    f"record-{number}/end",
                    EventKind.RECORD_END,
                    state,
                    record.org,
                    (Claim(record.end, citation),),
                    record=f"record-{number}",
                )
            )
    when = PartialDate.parse(as_of) if isinstance(as_of, str) else as_of
    default = next(iter(body_map)) if len(body_map) == 1 else None
    info = DatasetInfo("records", title, when, default)
    return DatasetParts(info, body_map, {}, registry, known_sources, tuple(events), ())


def _overlaps(start_a: PartialDate, end_a: PartialDate | None, start_b: PartialDate, end_b: PartialDate | None) -> bool:
    a_before_b = end_a is not None and end_a.latest <= start_b.earliest
    b_before_a = end_b is not None and end_b.latest <= start_a.earliest
    same_boundary_ab = end_a is not None and end_a == start_b
    same_boundary_ba = end_b is not None and end_b == start_a
    return not (a_before_b or b_before_a or same_boundary_ab or same_boundary_ba)
