"""Read a dataset file (TOML) into records, checking every field."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, TypeVar

from ._dates import PartialDate
from ._enums import EventKind, Status
from ._fields import Problems, Reader, Skip, each, read_toml
from ._parts import DatasetParts
from ._records import Body, Citation, Claim, DatasetInfo, Event, RosterClaim, Source, View
from ._rules import RULES
from ._states import StateRegistry
from ._states_file import read_states
from .exceptions import DataError, DateError

__all__ = ["Problems", "parse_document", "read_states", "read_toml"]

FORMAT = 1
T = TypeVar("T")


def parse_document(
    document: dict[str, Any],
    *,
    registry: StateRegistry,
    problems: Problems,
    base: Path | None,
) -> DatasetParts | None:
    """Check a parsed TOML document and build its records; None when problems were collected."""
    if document.get("format") != FORMAT:
        problems.add(f"'format' must be {FORMAT}, not {document.get('format')!r}", "format")

    extra = read_states(document, problems)
    try:
        states = registry.merged(extra)
    except DataError as error:
        problems.add(error.problem, error.record)
        states = registry

    bodies: dict[str, Body] = {}

    def read_body(row: Reader) -> Body:
        row.unknown_fields({"id", "name", "kind", "continues", "part_of", "coverage", "aliases", "note"})
        ident = row.text("id")
        kind = row.optional_text("kind") or "organization"
        if kind not in {"treaty", "organization", "organ"}:
            row.fail(f"kind {kind!r} must be 'treaty', 'organization' or 'organ'")
        aliases = tuple(row.strings("aliases", required=False) or ())
        first = last = None
        if "coverage" in row.table:
            span = row.strings("coverage") or []
            if len(span) != 2:
                row.fail(f"coverage must be two dates, [first, last], not {span!r}")
            try:
                first, last = PartialDate.parse(span[0]).earliest, PartialDate.parse(span[1]).latest
            except DateError as error:
                row.fail(f"coverage: {error}")
            if last < first:
                row.fail(f"coverage ends ({span[1]}) before it begins ({span[0]})")
        try:
            return Body(
                ident,
                row.text("name"),
                kind,
                row.optional_text("continues"),
                row.optional_text("part_of"),
                first,
                last,
                aliases,
            )
        except ValueError as error:
            row.reject(error)

    for body in each(document, "bodies", problems, "body", read_body):
        if body.id in bodies:
            problems.add("the id is used twice", f"body {body.id!r}")
        bodies[body.id] = body
    for body in bodies.values():
        for field, target in (("continues", body.continues), ("part_of", body.part_of)):
            if target is not None and target not in bodies:
                problems.add(
                    f"{field} names unknown body {target!r}; known: {', '.join(sorted(bodies))}", f"body {body.id!r}"
                )
    if not bodies:
        problems.add("the dataset declares no [[bodies]]", "bodies")

    views: dict[str, View] = {}

    def read_view(row: Reader) -> View:
        row.unknown_fields({"id", "name", "sequence", "note"})
        sequence = row.strings("sequence") or []
        unknown = [body for body in sequence if body not in bodies]
        if unknown or len(sequence) < 2:
            row.fail(f"sequence must name two or more known bodies; unknown: {unknown}, known: {sorted(bodies)}")
        try:
            return View(row.text("id"), row.text("name"), tuple(sequence))
        except ValueError as error:
            row.reject(error)

    for view in each(document, "views", problems, "view", read_view):
        if view.id in views or view.id in bodies:
            problems.add("the id is used twice (views and bodies share one namespace)", f"view {view.id!r}")
        views[view.id] = view

    info = _read_info(document, problems, bodies, views)
    sources = _read_sources(document, problems, base)
    events = _read_events(document, problems, bodies, states, sources)
    rosters = _read_rosters(document, problems, bodies, states, sources)
    cited = {c.source.id for event in events for claim in event.claims for c in claim.citations}
    cited |= {roster.source.id for roster in rosters}
    if not problems.found:  # a record skipped for another problem may be the one citing it
        for source_id in sorted(set(sources) - cited):
            problems.add("no claim or roster cites this source", f"source {source_id!r}")
    if problems.found or info is None:
        return None
    return DatasetParts(info, bodies, views, states, sources, tuple(events), tuple(rosters))


def _read_info(
    document: dict[str, Any], problems: Problems, bodies: Mapping[str, Body], views: Mapping[str, View]
) -> DatasetInfo | None:
    try:
        row = Reader(document.get("dataset"), "[dataset]", problems)
        row.unknown_fields({"id", "title", "as_of", "default", "description", "version", "released"})
        default = row.optional_text("default")
        if default is None and len(bodies) == 1 and not views:
            default = next(iter(bodies))
        if default is not None and default not in bodies and default not in views:
            row.fail(f"default {default!r} is neither a body nor a view; known: {sorted([*bodies, *views])}")
        return DatasetInfo(
            row.text("id"),
            row.text("title"),
            row.date("as_of", required=False),
            default,
            row.optional_text("description") or "",
            problems.file,
            row.optional_text("version"),
            row.date("released", required=False),
        )
    except Skip:
        return None


def _roots(base: Path) -> tuple[Path, ...]:
    """The folders a source's path may be relative to: the dataset's and the two above it
    (so that a release snapshot in ``data/releases/`` finds the project's ``seeds/``).
    """
    return (base, *base.parents[:2])


def _read_sources(document: dict[str, Any], problems: Problems, base: Path | None) -> dict[str, Source]:
    def read(row: Reader) -> Source:
        row.unknown_fields(
            {"id", "title", "publisher", "published", "url", "path", "says", "note", "accessed", "undated", "copy_of", "original"}
        )
        path = row.optional_text("path")
        if path is not None and (path.startswith(("/", "\\")) or ".." in path.replace("\\", "/").split("/")):
            row.fail(f"path {path!r} must be relative and stay inside the project, such as 'seeds/000_x.txt'")
        if path is not None and base is not None and not any((root / path).is_file() for root in _roots(base)):
            row.fail(f"path {path!r} names no file next to the dataset or in the two folders above it")
        try:
            return Source(
                row.text("id"),
                row.text("title"),
                row.text("publisher"),
                row.text("says"),
                row.date("published", required=False),
                row.optional_text("url"),
                path,
                row.date("accessed", required=False),
                row.optional_text("undated"),
                row.optional_text("copy_of"),
                row.optional_text("original"),
            )
        except ValueError as error:
            row.reject(error)

    sources: dict[str, Source] = {}
    for source in each(document, "sources", problems, "source", read):
        if source.id in sources:
            problems.add("the id is used twice", f"source {source.id!r}")
        sources[source.id] = source
    for source in sources.values():
        if source.original is not None and source.original not in sources:
            problems.add(f"original {source.original!r} is not a source of this file", f"source {source.id!r}")
    return sources


def _citations(row: Reader, value: object, sources: Mapping[str, Source], where: str) -> tuple[Citation, ...]:
    if not isinstance(value, list) or not value:
        row.fail(f"{where} needs 'sources': a non-empty list of source ids or {{ id, says }} tables")
    citations = []
    for item in value:
        if isinstance(item, str):
            ident, says = item, None
        elif isinstance(item, dict) and isinstance(item.get("id"), str) and isinstance(item.get("says", ""), str):
            ident, says = item["id"], item.get("says")
        else:
            row.fail(f"{where}: {item!r} is neither a source id nor a {{ id, says }} table")
        if ident not in sources:
            row.fail(f"{where} cites unknown source {ident!r}; sources are declared under [[sources]]")
        citations.append(Citation(sources[ident], says))
    return tuple(citations)


_CLAIM_FIELDS = {"date", "followed", "sources", "note", "kind", "occurred"}
_EVENT_FIELDS = {"id", "kind", "state", "states", "body", "bodies", "summary", "ref", "note", "claims", "status"}


def _read_claims(row: Reader, sources: Mapping[str, Source]) -> tuple[tuple[Claim, ...], int]:
    tables = row.get("claims", list)
    if not tables:
        row.fail("needs at least one [[events.claims]]")
    claims, followed = [], []
    for number, table in enumerate(tables or [], start=1):
        where = f"claim {number}"
        if not isinstance(table, dict):
            row.fail(f"{where} must be a table")
        extra = sorted(set(table) - _CLAIM_FIELDS)
        if extra:
            row.fail(f"{where} has unknown field(s) {extra}; accepted: {sorted(_CLAIM_FIELDS)}")
        occurred = table.get("occurred", True)
        if not isinstance(occurred, bool):
            row.fail(f"{where}: 'occurred' must be true or false")
        date = None
        if occurred:
            if not isinstance(table.get("date"), str):
                row.fail(f"{where} needs a 'date' (or occurred = false)")
            try:
                date = PartialDate.parse(table["date"])
            except DateError as error:
                row.fail(f"{where}: {error}")
        elif "date" in table:
            row.fail(f"{where} says the event did not occur, so it takes no date")
        kind = None
        if "kind" in table:
            try:
                kind = EventKind.parse(table["kind"])
            except ValueError as error:
                row.fail(f"{where}: {error}")
        note = table.get("note")
        if note is not None and not isinstance(note, str):
            row.fail(f"{where}: 'note' must be a string")
        if table.get("followed", False) is True:
            followed.append(number - 1)
        claims.append(Claim(date, _citations(row, table.get("sources"), sources, where), note, kind, occurred))
    if len(claims) == 1:
        return tuple(claims), 0
    if len(followed) != 1:
        row.fail(f"has {len(claims)} claims, so exactly one needs 'followed = true' (found {len(followed)})")
    if not row.optional_text("note"):
        row.fail("has competing claims, so it needs a 'note' saying why the followed one is followed")
    return tuple(claims), followed[0]


def _read_events(
    document: dict[str, Any],
    problems: Problems,
    bodies: Mapping[str, Body],
    states: StateRegistry,
    sources: Mapping[str, Source],
) -> list[Event]:
    def read(row: Reader) -> list[Event]:
        row.unknown_fields(_EVENT_FIELDS)
        ident = row.text("id")
        try:
            kind = EventKind.parse(row.text("kind"))
        except ValueError as error:
            row.reject(error)
        body_list = _one_or_many(row, "body", "bodies")
        for body in body_list:
            if body not in bodies:
                row.fail(f"names unknown body {body!r}; known: {', '.join(sorted(bodies))}")
        state_list: list[str | None] = [None]
        if "state" in row.table or "states" in row.table:
            state_list = list(_one_or_many(row, "state", "states"))
        rule = RULES[kind]
        if rule.needs_state and state_list == [None]:
            row.fail(f"a {kind.label} concerns a state: give 'state' or 'states'")
        if not rule.needs_state and state_list != [None]:
            row.fail(f"a {kind.label} is an act of the body as a whole and takes no state")
        status = None
        if kind is EventKind.RECORD_START:
            try:
                status = Status.parse(row.text("status"))
            except ValueError as error:
                row.reject(error)
        claims, followed = _read_claims(row, sources)
        for claim in claims:
            if claim.kind is not None and RULES[claim.kind].needs_state != rule.needs_state:
                row.fail(f"a claim's kind {claim.kind.value!r} does not fit an event of kind {kind.value!r}")
        events = []
        for body in body_list:
            for code in state_list:
                state = None
                if code is not None:
                    state = states.get(code)
                    if state is None or state.alpha3 != code:
                        row.fail(
                            f"names unknown state {code!r}; states are ISO alpha-3 codes from the registry or [[states]]"
                        )
                suffix = ("/" + body if "bodies" in row.table else "") + (
                    "/" + code if "states" in row.table and code else ""
                )
                try:
                    event = Event(
                        ident + suffix,
                        kind,
                        state,
                        body,
                        claims,
                        followed,
                        row.optional_text("summary") or "",
                        row.optional_text("note"),
                        row.optional_text("ref"),
                        status,
                        ident,
                    )
                except ValueError as error:
                    row.reject(error)
                events.append(event)
        return events

    events: list[Event] = []
    seen: set[str] = set()
    for group in each(document, "events", problems, "event", read):
        for event in group:
            if event.id in seen:
                problems.add("the id is used twice", f"event {event.id!r}")
            seen.add(event.id)
            events.append(event)
    return events


def _one_or_many(row: Reader, one: str, many: str) -> list[str]:
    if (one in row.table) == (many in row.table):
        row.fail(f"give exactly one of {one!r} and {many!r}")
    if one in row.table:
        return [row.text(one)]
    values = row.strings(many) or []
    if len(set(values)) != len(values):
        row.fail(f"{many!r} repeats a value: {values}")
    return values


def _read_rosters(
    document: dict[str, Any],
    problems: Problems,
    bodies: Mapping[str, Body],
    states: StateRegistry,
    sources: Mapping[str, Source],
) -> list[RosterClaim]:
    def read(row: Reader) -> RosterClaim:
        row.unknown_fields({"id", "source", "date", "body", "status", "states", "says", "note"})
        source = row.text("source")
        if source not in sources:
            row.fail(f"cites unknown source {source!r}")
        body = row.text("body")
        if body not in bodies:
            row.fail(f"names unknown body {body!r}")
        members = []
        for code in row.strings("states") or []:
            state = states.get(code)
            if state is None or state.alpha3 != code:
                row.fail(f"names unknown state {code!r}")
            members.append(state)
        try:
            status = Status.parse(row.text("status"))
        except ValueError as error:
            row.reject(error)
        date = row.date("date")
        assert date is not None  # noqa: S101 - required
        try:
            return RosterClaim(
                row.text("id"), sources[source], date, body, status, tuple(members), row.optional_text("says") or ""
            )
        except ValueError as error:
            row.reject(error)

    rosters: list[RosterClaim] = []
    for roster in each(document, "rosters", problems, "roster", read):
        if any(other.id == roster.id for other in rosters):
            problems.add("the id is used twice", f"roster {roster.id!r}")
        rosters.append(roster)
    return rosters
