"""Formatting for ``csto-timeline``: aligned tables for people and JSON-ready dicts."""

from __future__ import annotations

from collections.abc import Sequence

from ._dates import Boundary, PartialDate
from ._enums import Status
from ._records import Claim, Event, RosterClaim, Source, Spell
from ._states import State


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """Rows as left-aligned columns two spaces apart, header first."""
    lines = [list(header), *(list(row) for row in rows)]
    widths = [max(len(line[column]) for line in lines) for column in range(len(header))]
    return ["  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip() for line in lines]


def who(state: State) -> str:
    return f"{state.name} ({state.alpha3})"


def status_text(status: Status | None) -> str:
    return "not related" if status is None else str(status)


def status_value(status: Status | None) -> str | None:
    return None if status is None else status.value


def edtf(boundary: Boundary) -> str:
    """A boundary as EDTF: the date itself, or a set of possible days ("[a..b]", EDTF level 2)
    when a lag shifts a date known only to a month or a year.
    """
    if boundary.lag == 0 or boundary.is_exact:
        return str(boundary)
    return f"[{boundary.earliest.isoformat()}..{boundary.latest.isoformat()}]"


def date_or_none(date: PartialDate | None) -> str | None:
    return None if date is None else str(date)


def state_dict(state: State | None) -> dict[str, str] | None:
    return None if state is None else {"code": state.alpha3, "name": state.name}


def spell_dict(spell: Spell) -> dict[str, object]:
    return {
        "body": spell.body,
        "status": spell.status.value,
        "start": edtf(spell.start),
        "end": None if spell.end is None else edtf(spell.end),
        "opened_by": spell.opened_by.id,
        "closed_by": None if spell.closed_by is None else spell.closed_by.id,
        "start_precision": str(spell.start.precision),
        "end_precision": None if spell.end is None else str(spell.end.precision),
    }


def claim_dict(claim: Claim, *, followed: bool) -> dict[str, object]:
    return {
        "date": date_or_none(claim.date),
        "precision": None if claim.date is None else str(claim.date.precision),
        "occurred": claim.occurred,
        "kind": None if claim.kind is None else claim.kind.value,
        "followed": followed,
        "sources": [{"id": citation.source.id, "says": citation.says} for citation in claim.citations],
        "note": claim.note,
    }


def event_ref(event: Event) -> dict[str, object]:
    return {
        "id": event.id,
        "kind": event.effective_kind.value,
        "state": state_dict(event.state),
        "body": event.body,
        "date": date_or_none(event.date),
        "precision": None if event.date is None else str(event.date.precision),
    }


def event_dict(event: Event) -> dict[str, object]:
    return {
        **event_ref(event),
        "recorded_kind": event.kind.value,
        "summary": event.summary,
        "note": event.note,
        "ref": event.ref,
        "claims": [claim_dict(claim, followed=index == event.followed) for index, claim in enumerate(event.claims)],
    }


def roster_dict(roster: RosterClaim) -> dict[str, object]:
    return {
        "id": roster.id,
        "source": roster.source.id,
        "date": str(roster.date),
        "body": roster.body,
        "status": roster.status.value,
        "states": [state_dict(state) for state in sorted(roster.states)],
        "says": roster.says,
    }


def source_dict(source: Source) -> dict[str, object]:
    return {
        "id": source.id,
        "title": source.title,
        "publisher": source.publisher,
        "published": date_or_none(source.published),
        "url": source.url,
        "path": source.path,
        "says": source.says,
    }


# ----------------------------------------------------------------- commands
