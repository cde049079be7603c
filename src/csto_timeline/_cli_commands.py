"""The ``csto-timeline`` commands: each calls one query and returns its answer as text and as data."""

from __future__ import annotations

import argparse

from ._cli_base import PROG, Result, UsageError
from ._cli_format import Table, status_text, table, who
from ._dates import PartialDate, to_partial_date
from ._enums import Status, Track
from ._explanation import after
from ._loading import check_file, load
from ._records import Event, Source, Spell
from ._results import Change, MemberSet
from ._serialize import columns, shape_of, to_dict, to_json
from ._timeline import Timeline
from .exceptions import DataError, UncertainStatusError, UnknownSourceError


def timeline_of(args: argparse.Namespace) -> Timeline:
    if args.data is None:
        timeline = load()
    else:
        try:
            timeline = load(args.data)
        except DataError as error:
            if error.record is None:  # the file itself: missing, a folder, not TOML
                raise
            msg = f"{error}; '{PROG} validate {args.data}' lists every problem"
            raise UsageError(msg) from None
    if getattr(args, "as_recorded", None) is not None:
        timeline = timeline.as_recorded(args.as_recorded)
    if args.according_to is not None:
        try:
            timeline = timeline.according_to(args.according_to)
        except UnknownSourceError:
            raise UsageError(unknown_source(args.according_to)) from None
    return timeline


def unknown_source(source_id: str) -> str:
    return f"unknown source {source_id!r}; '{PROG} sources' lists the source ids"


def members_command(args: argparse.Namespace) -> Result:
    timeline = timeline_of(args)
    found = timeline.members_on(args.date, org=args.org, status=args.status)
    head = f"{found.status} of {found.org} {found.when}: "
    head += f"{len(found.certain)} certain, {len(found.uncertain)} uncertain"
    rows = [(state.alpha3, state.name, "") for state in sorted(found.certain)]
    rows += [(state.alpha3, state.name, "uncertain") for state in sorted(found.uncertain)]
    lines = [head, *table(("code", "name", ""), rows)] if rows else [head]
    lines += after_record(timeline, found.until or found.date)
    return Result("\n".join(lines), found.to_dict(), table=member_rows(found))


#: The columns of a table of states.
STATE_COLUMNS = ("code", "name", "uncertain")


def member_rows(found: MemberSet) -> Table:
    """The states of a member set as table rows, the uncertain ones marked."""
    rows = [{"code": s.alpha3, "name": s.name, "uncertain": False} for s in sorted(found.certain)]
    rows += [{"code": s.alpha3, "name": s.name, "uncertain": True} for s in sorted(found.uncertain)]
    return STATE_COLUMNS, rows


def after_record(timeline: Timeline, date: PartialDate) -> list[str]:
    """A note when the date lies after the record was last checked (open spells carried forward)."""
    as_of = timeline.info.as_of
    if not after(date, as_of):
        return []
    return [f"note: the record was last checked on {as_of}; later acts are not in it"]


def staleness(timeline: Timeline, date: PartialDate) -> dict[str, object]:
    """The ``as_of`` and ``after_as_of`` keys of an answer for ``date``."""
    as_of = timeline.info.as_of
    return {"as_of": to_json(as_of), "after_as_of": after(date, as_of)}


#: An event reference: the event's id, kind, state, body and date, without its claims.
EVENT_REF = shape_of(Event)[:6]
#: The columns of a table of events (the claims are in the JSON).
EVENT_COLUMNS = tuple(name for name in columns(Event) if name != "claims")


def status_command(args: argparse.Namespace) -> Result:
    timeline = timeline_of(args)
    track: Track = args.track
    try:
        status = timeline.status_of(args.state, args.date, org=args.org, track=track)
    except UncertainStatusError as error:
        decided, status = False, None
        possible: tuple[Status | None, ...] = tuple(error.possible)  # type: ignore[arg-type]
        in_way: tuple[Event, ...] = tuple(error.events)  # type: ignore[arg-type]
    else:
        decided, possible, in_way = True, (status,), ()
    state = timeline.state(args.state)
    org = timeline.org(args.org)
    date = to_partial_date(args.date)
    where = f"{who(state)} in {org} on {date}" + ("" if track is Track.LEGAL else f" ({track} track)")
    if decided:
        text = "\n".join([f"{where}: {status_text(status)}", *after_record(timeline, date)])
    else:
        options = " or ".join(status_text(option) for option in possible)
        lines = [f"undecided: {where} may be {options}"]
        if Status.UNKNOWN in possible:
            lines.append("a source records the status as unknown")
        if in_way:
            rows = [(str(e.date or "never"), e.effective_kind.value, e.id) for e in in_way]
            lines += ["events in the way:", *("  " + line for line in table(("date", "kind", "event"), rows))]
        text = "\n".join(lines)
    data = {
        "state": to_json(state),
        "date": to_json(date),
        "org": org,
        "track": to_json(track),
        "decided": decided,
        "status": to_json(status),
        "possible": to_json(possible),
        "events": [to_dict(event, EVENT_REF) for event in in_way],
        **staleness(timeline, date),
    }
    return Result(text, data, table=(tuple(data)[:7], [data]))


def history_command(args: argparse.Namespace) -> Result:
    timeline = timeline_of(args)
    history = timeline.history(args.state, org=args.org, track=args.track)
    head = f"{who(history.state)} in {history.org} ({history.track} track)"
    rows = [
        (
            spell.body,
            str(spell.status),
            str(spell.start),
            ".." if spell.end is None else str(spell.end),
            spell.opened_by.id,
            "" if spell.closed_by is None else spell.closed_by.id,
        )
        for spell in history
    ]
    lines = table(("body", "status", "from", "until", "opened by", "closed by"), rows)
    text = "\n".join([head, *lines] if rows else [f"{head}: no spells"])
    data = history.to_dict()
    spells: list[dict[str, object]] = data["spells"]  # type: ignore[assignment]
    return Result(text, data, table=(columns(Spell), spells))


def changes_command(args: argparse.Namespace) -> Result:
    timeline = timeline_of(args)
    found = timeline.changes(args.start, args.end, org=args.org)
    start, end, org = to_partial_date(args.start), to_partial_date(args.end), timeline.org(args.org)
    head = f"status changes in {org} from {start} to {end}: {len(found)}"
    rows = [
        (
            str(change.date),
            change.state.alpha3,
            status_text(change.old),
            status_text(change.new),
            change.event.id,
        )
        for change in found
    ]
    lines = [head, *table(("date", "state", "from", "to", "event"), rows)] if rows else [head]
    listed = [change.to_dict() for change in found]
    data = {"start": to_json(start), "end": to_json(end), "org": org, "changes": listed}
    return Result("\n".join(lines), data, table=(columns(Change), listed))


def events_command(args: argparse.Namespace) -> Result:
    timeline = timeline_of(args)
    found = timeline.events(args.state, kind=args.kind, body=args.body)
    rows = [
        (
            str(event.date or "never"),
            event.state.alpha3 if event.state is not None else "-",
            event.body,
            event.effective_kind.value,
            event.id,
        )
        for event in found
    ]
    lines = table(("date", "state", "body", "kind", "event"), rows) if rows else ["no events"]
    listed = [event.to_dict() for event in found]
    data = {
        "state": to_json(None if args.state is None else timeline.state(args.state)),
        "kind": to_json(args.kind),
        "body": None if args.body is None else timeline.org(args.body),
        "events": listed,
    }
    return Result("\n".join(lines), data, table=(EVENT_COLUMNS, listed))


def explain_command(args: argparse.Namespace) -> Result:
    timeline = timeline_of(args)
    explanation = timeline.explain(args.state, args.date, org=args.org)
    data = explanation.to_dict()
    return Result(str(explanation), data)


#: The keys of each source in the list of sources.
SOURCE_LIST = ("id", "publisher", "published", "title")


def sources_command(args: argparse.Namespace) -> Result:
    timeline = timeline_of(args)
    if args.id is None:
        listed = sorted(timeline.sources.values(), key=lambda source: source.id)
        rows = [(s.id, s.publisher, str(s.published or "-"), s.title) for s in listed]
        full = [source.to_dict() for source in listed]
        data: dict[str, object] = {"sources": [{key: row[key] for key in SOURCE_LIST} for row in full]}
        text = "\n".join(table(SOURCE_LIST, rows))
        return Result(text, data, table=(columns(Source), full))
    try:
        source = timeline.source(args.id)
    except UnknownSourceError:
        raise UsageError(unknown_source(args.id)) from None
    citing = [
        (event, event.claim.cites(source.id))
        for event in timeline.events()
        if any(c.cites(source.id) for c in event.claims)
    ]
    rosters = [roster for roster in timeline.rosters if roster.source.id == source.id]
    fields = source.to_dict()
    width = max(len(key) for key in fields) + 1
    lines = [f"{key + ':':<{width}}  {value}" for key, value in fields.items() if value is not None]
    lines.append(f"cited by {len(citing)} event(s):")
    lines += [f"  {event.id}" + ("" if followed else " (competing claim)") for event, followed in citing]
    lines.append(f"cited by {len(rosters)} roster(s):")
    lines += [f"  {roster.id}" for roster in rosters]
    data = {
        **fields,
        "cited_by": {
            "events": [{"id": event.id, "followed": followed} for event, followed in citing],
            "rosters": [roster.id for roster in rosters],
        },
    }
    return Result("\n".join(lines), data)


def validate_command(args: argparse.Namespace) -> Result:
    path: str = args.path
    problems, timeline = check_file(path)
    data: dict[str, object] = {"path": path, "valid": not problems, "events": None, "sources": None}
    if problems or timeline is None:
        data["problems"] = [
            {"file": problem.file, "record": problem.record, "problem": problem.problem} for problem in problems
        ]
        return Result("\n".join(str(problem) for problem in problems), data, status=2)
    data.update(events=len(timeline.events()), sources=len(timeline.sources), problems=[])
    return Result(f"{path}: valid ({data['events']} events, {data['sources']} sources)", data)


# --------------------------------------------------------------------- main
