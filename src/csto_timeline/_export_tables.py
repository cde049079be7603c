"""The record as five tables: spells, events, claims, sources and rosters.

Each table is a tuple of `Column`s (name, Table Schema type, description) and
rows of plain values (text, whole numbers, booleans, `datetime.date`, None),
read through the public `Timeline` API only. `_export` writes them as CSV,
JSON Lines or Parquet and `_datapackage` describes them.

>>> import csto_timeline
>>> tables = record_tables(csto_timeline.load())
>>> [table.name for table in tables]
['spells', 'events', 'claims', 'sources', 'rosters']
>>> spells = tables[0]
>>> row = next(r for r in spells.rows if r["state"] == "UZB" and r["org"] == "CSTO")
>>> row["status"], row["start"], row["start_earliest"], row["opened_by"]
('member', '2006-06-23', datetime.date(2006, 6, 23), 'uzb-2006-restoration/CSTO')
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Literal

import attrs

from ._dates import Boundary, PartialDate
from ._enums import Track
from ._serialize import edtf

if TYPE_CHECKING:
    from ._timeline import Timeline

__all__ = ["Column", "Row", "Table", "record_tables"]

Kind = Literal["string", "integer", "boolean", "date"]
Value = str | int | bool | dt.date | None
Row = dict[str, Value]


@attrs.frozen
class Column:
    """One column: its name, its Table Schema type, and what it holds."""

    name: str
    type: Kind
    description: str
    required: bool = False


@attrs.frozen
class Table:
    """One table of the export: its name, what a row is, its columns and rows."""

    name: str
    title: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    key: tuple[str, ...] = ()


def _c(name: str, kind: Kind, description: str, *, required: bool = False) -> Column:
    return Column(name, kind, description, required)


_EDTF = "EDTF text at the precision the sources give (YYYY, YYYY-MM or YYYY-MM-DD, maybe with ?, ~ or %)"
_STATE = (
    _c("state", "string", "ISO 3166-1 alpha-3 code of the state", required=True),
    _c("cow", "integer", "Correlates of War state number (empty when the state has none)"),
    _c("state_name", "string", "English name of the state", required=True),
)

SPELLS = (
    *_STATE,
    _c("org", "string", "id of the body (treaty, organization or organ)", required=True),
    _c("track", "string", "legal (status) or participation (frozen, inactive)", required=True),
    _c("status", "string", "the status held: member, signatory, suspended, observer, frozen, ...", required=True),
    _c("start", "string", f"first day of the status: {_EDTF}; a shifted month or year as the set '[a..b]'"),
    _c("start_earliest", "date", "earliest possible first day of the status", required=True),
    _c("start_latest", "date", "latest possible first day of the status", required=True),
    _c("end", "string", "first day after the status, like start; empty: still so when the record was checked"),
    _c("end_earliest", "date", "earliest possible first day after the status (empty for an open spell)"),
    _c("end_latest", "date", "latest possible first day after the status (empty for an open spell)"),
    _c("opened_by", "string", "id of the event that began the spell (events.id)", required=True),
    _c("closed_by", "string", "id of the event that ended it (events.id); empty for an open spell"),
)
EVENTS = (
    _c("id", "string", "event id", required=True),
    _c("kind", "string", "the kind of act the followed claim gives (suspension, lapse, ...)", required=True),
    _c("recorded_kind", "string", "the event's own kind", required=True),
    _c("state", "string", "ISO alpha-3 code of the state; empty for a decision of a body as a whole"),
    _c("body", "string", "id of the body", required=True),
    _c("date", "string", f"date of the followed claim: {_EDTF}; empty when it says the act did not happen"),
    _c("date_earliest", "date", "first day the followed claim's date can mean"),
    _c("date_latest", "date", "last day the followed claim's date can mean"),
    _c("precision", "string", "day, month or year"),
    _c("followed", "integer", "index (from 0) of the followed claim in claims.index", required=True),
    _c("claims", "integer", "how many claims (accounts) the event has", required=True),
    _c("summary", "string", "what happened, in words"),
    _c("note", "string", "why the followed claim is followed, when claims compete"),
    _c("ref", "string", "the record's own reference for the event"),
    _c("status", "string", "for a record_start event: the status it records"),
)
CLAIMS = (
    _c("event", "string", "id of the event (events.id)", required=True),
    _c("index", "integer", "the claim's index (from 0) among the event's claims", required=True),
    _c("followed", "boolean", "true for the claim the record follows", required=True),
    _c("occurred", "boolean", "false when the sources say the act did not happen", required=True),
    _c("date", "string", f"the date the claim gives: {_EDTF}; empty when it did not happen"),
    _c("date_earliest", "date", "first day the claim's date can mean"),
    _c("date_latest", "date", "last day the claim's date can mean"),
    _c("precision", "string", "day, month or year"),
    _c("kind", "string", "the kind of act the sources describe, when it differs from the event's"),
    _c("sources", "string", "ids of the sources cited (sources.id), separated by ';'", required=True),
    _c("note", "string", "a note on the claim"),
)
SOURCES = (
    _c("id", "string", "source id", required=True),
    _c("title", "string", "title of the document", required=True),
    _c("publisher", "string", "who published it", required=True),
    _c("published", "string", f"publication date: {_EDTF}"),
    _c("url", "string", "where it is (exactly one of url and path is set)"),
    _c("path", "string", "the file under the project's seeds/ (exactly one of url and path is set)"),
    _c("says", "string", "a paraphrase of what it says", required=True),
    _c("accessed", "string", f"the last day it was checked at its location: {_EDTF}"),
    _c("undated", "string", "why no publication date is known"),
    _c("copy_of", "string", "what this document copies (mirror, repost, translation), in words"),
    _c("original", "string", "id of the original among the sources (sources.id)"),
)
ROSTERS = (
    _c("roster", "string", "roster id: a source's list of the states holding a status on a date", required=True),
    _c("source", "string", "id of the source (sources.id)", required=True),
    _c("date", "string", f"the date of the list: {_EDTF}", required=True),
    _c("date_earliest", "date", "first day the date can mean", required=True),
    _c("date_latest", "date", "last day the date can mean", required=True),
    _c("body", "string", "id of the body", required=True),
    _c("status", "string", "the status the list gives", required=True),
    *_STATE,
    _c("says", "string", "what the source says"),
)


def _edtf(value: PartialDate | Boundary | None) -> str | None:
    if value is None:
        return None
    return edtf(value) if isinstance(value, Boundary) else str(value)


def _day(value: PartialDate | Boundary | None, read: Callable[[PartialDate | Boundary], dt.date]) -> dt.date | None:
    return None if value is None else read(value)


def _earliest(value: PartialDate | Boundary) -> dt.date:
    return value.earliest


def _latest(value: PartialDate | Boundary) -> dt.date:
    return value.latest


def _spell_rows(timeline: Timeline) -> list[Row]:
    rows: list[Row] = []
    for org in sorted(timeline.bodies):
        for track in Track:
            for spell in timeline.spells(org=org, track=track):
                state, end = spell.state, spell.end
                rows.append({
                    "state": state.alpha3, "cow": state.cow, "state_name": state.name, "org": org,
                    "track": track.value, "status": spell.status.value, "start": _edtf(spell.start),
                    "start_earliest": spell.start.earliest, "start_latest": spell.start.latest, "end": _edtf(end),
                    "end_earliest": _day(end, _earliest), "end_latest": _day(end, _latest),
                    "opened_by": spell.opened_by.id, "closed_by": None if spell.closed_by is None else spell.closed_by.id,
                })  # fmt: skip
    return rows


def _event_rows(timeline: Timeline) -> tuple[list[Row], list[Row]]:
    events: list[Row] = []
    claims: list[Row] = []
    for event in timeline.events():
        date = event.date
        events.append({
            "id": event.id, "kind": event.effective_kind.value, "recorded_kind": event.kind.value,
            "state": None if event.state is None else event.state.alpha3, "body": event.body, "date": _edtf(date),
            "date_earliest": _day(date, _earliest), "date_latest": _day(date, _latest),
            "precision": None if date is None else str(date.precision), "followed": event.followed,
            "claims": len(event.claims), "summary": event.summary or None, "note": event.note, "ref": event.ref,
            "status": None if event.status is None else event.status.value,
        })  # fmt: skip
        for index, claim in enumerate(event.claims):
            when = claim.date
            claims.append({
                "event": event.id, "index": index, "followed": index == event.followed, "occurred": claim.occurred,
                "date": _edtf(when), "date_earliest": _day(when, _earliest), "date_latest": _day(when, _latest),
                "precision": None if when is None else str(when.precision),
                "kind": None if claim.kind is None else claim.kind.value,
                "sources": ";".join(source.id for source in claim.sources), "note": claim.note,
            })  # fmt: skip
    return events, claims


def _source_rows(timeline: Timeline) -> list[Row]:
    rows: list[Row] = []
    for ident in sorted(timeline.sources):
        source = timeline.sources[ident]
        rows.append({
            "id": source.id, "title": source.title, "publisher": source.publisher, "published": _edtf(source.published),
            "url": source.url, "path": source.path, "says": source.says, "accessed": _edtf(source.accessed),
            "undated": source.undated, "copy_of": source.copy_of, "original": source.original,
        })  # fmt: skip
    return rows


def _roster_rows(timeline: Timeline) -> list[Row]:
    # fmt: off
    return [
        {
            "roster": roster.id, "source": roster.source.id, "date": str(roster.date),
            "date_earliest": roster.date.earliest, "date_latest": roster.date.latest, "body": roster.body,
            "status": roster.status.value, "state": state.alpha3, "cow": state.cow, "state_name": state.name,
            "says": roster.says or None,
        }
        for roster in timeline.rosters
        for state in sorted(roster.states)
    ]
    # fmt: on


def record_tables(timeline: Timeline) -> tuple[Table, ...]:
    """The record of ``timeline`` as its five tables (see the module's docstring)."""
    events, claims = _event_rows(timeline)
    return (
        Table("spells", "One row per status spell of a state in a body", SPELLS, _clean(_spell_rows(timeline))),
        Table("events", "One row per event (legal or political act)", EVENTS, _clean(events), ("id",)),
        Table("claims", "One row per claim (dated account) of an event", CLAIMS, _clean(claims), ("event", "index")),
        Table("sources", "One row per source document", SOURCES, _clean(_source_rows(timeline)), ("id",)),
        Table("rosters", "One row per roster and listed state", ROSTERS, _clean(_roster_rows(timeline))),
    )


def _clean(rows: list[Row]) -> tuple[Row, ...]:
    """Empty text becomes None: a CSV cell cannot tell the two apart, so the export never has both."""
    return tuple({key: None if value == "" else value for key, value in row.items()} for row in rows)
