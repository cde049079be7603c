"""The ``csto-timeline`` command: a thin command-line layer over `Timeline`.

Every command parses its arguments, calls one `Timeline` query and formats
the answer, as an aligned table for people or, with ``--json``, as JSON whose
shape is documented in ``docs/cli.md``. User errors (an unknown state, a bad
date, a missing file, invalid data, bad arguments) print one line,
``csto-timeline: error: ...``, to stderr and give exit status 2.

>>> main(["status", "UZB", "2010-01-01"])
Uzbekistan (UZB) in alliance on 2010-01-01: member
0
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn, TypeVar

import attrs

from . import __version__
from ._dates import Boundary, PartialDate, to_partial_date
from ._enums import EventKind, Status, Track
from ._loading import load, validate
from ._records import Claim, Event, RosterClaim, Source, Spell
from ._states import State
from ._timeline import Timeline
from .exceptions import DataError, TimelineError, UncertainStatusError, UnknownSourceError

__all__ = ["build_parser", "main"]

PROG = "csto-timeline"

_V = TypeVar("_V", Status, Track, EventKind)


class _UsageError(Exception):
    """A problem with the command line; ``main`` prints it as one line and returns 2."""


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line, raised for `main` to report."""

    def error(self, message: str) -> NoReturn:
        """Raise `_UsageError` instead of printing the usage and exiting."""
        raise _UsageError(f"{message} (see '{self.prog} --help')")


@attrs.frozen
class _Result:
    text: str
    data: object
    status: int = 0


# ------------------------------------------------------------------ parsing


def _vocabulary(kind: type[_V]) -> Callable[[str], _V]:
    def convert(text: str) -> _V:
        try:
            return kind.parse(text)
        except ValueError as error:
            raise argparse.ArgumentTypeError(str(error)) from None

    convert.__name__ = kind.__name__.lower()
    return convert


def _accepted(kind: type[Status | Track | EventKind]) -> str:
    return ", ".join(member.value for member in kind)


def _epilog(*lines: str) -> str:
    return "example:\n" + "\n".join(f"  {PROG} {line}" for line in lines)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``csto-timeline``, with one sub-command per query.

    >>> build_parser().parse_args(["members", "2010-01-01", "--org", "CSTO"]).org
    'CSTO'
    """
    formatter = argparse.RawDescriptionHelpFormatter
    parser = _Parser(
        prog=PROG,
        description="Who was a member of the CST/CSTO (or another organization in a dataset) on a date, "
        "and how we know.",
        epilog=_epilog("members 2010-01-01", "status Uzbekistan 2012 --json", "explain ARM 2025-01-01")
        + "\n\nThe options --data, --according-to and --json go after the command.",
        formatter_class=formatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True, parser_class=_Parser)

    data = _Parser(add_help=False)
    data.add_argument(
        "--data",
        metavar="PATH",
        help="a dataset file in the format of docs/data.md (default: the bundled CST/CSTO data)",
    )
    data.add_argument("--according-to", metavar="SOURCE_ID", help="follow this source's claims wherever it makes one")
    data.add_argument("--json", action="store_true", help="print JSON (shapes: docs/cli.md)")
    org = _Parser(add_help=False)
    org.add_argument("--org", help="body or view id or name (default: the dataset's default, for CSTO data 'alliance')")
    track = _Parser(add_help=False)
    track.add_argument(
        "--track",
        type=_vocabulary(Track),
        default=Track.LEGAL,
        metavar="{legal,participation}",
        help="legal status (default) or actual participation (frozen, inactive)",
    )

    def add(name: str, summary: str, parents: list[_Parser], *examples: str) -> argparse.ArgumentParser:
        command: argparse.ArgumentParser = commands.add_parser(
            name,
            help=summary,
            description=summary,
            parents=parents,
            epilog=_epilog(*examples),
            formatter_class=formatter,
        )
        return command

    members = add(
        "members",
        "the states holding a status (default: member) in an organization on a date",
        [data, org],
        "members 2010-01-01",
        "members 2012 --org CSTO --json",
    )
    members.add_argument("date", metavar="DATE", help="YYYY-MM-DD, YYYY-MM or YYYY, or a written date ('5 April 1999')")
    members.add_argument(
        "--status",
        type=_vocabulary(Status),
        default=Status.MEMBER,
        metavar="STATUS",
        help=f"the status to list (default: member); one of {_accepted(Status)}",
    )
    members.set_defaults(handler=_members)

    status = add(
        "status",
        "a state's status in an organization on a date (or 'undecided' when the evidence cannot decide)",
        [data, org, track],
        "status Uzbekistan 2010-01-01",
        "status UZB 2012 --json",
        "status ARM 2025-01-01 --track participation",
    )
    status.add_argument("state", metavar="STATE", help="ISO alpha-3 or alpha-2 code, name or alias")
    status.add_argument("date", metavar="DATE", help="YYYY-MM-DD, YYYY-MM or YYYY, or a written date")
    status.set_defaults(handler=_status)

    history = add(
        "history",
        "a state's status spells in an organization, in date order",
        [data, org, track],
        "history UZB",
        "history Armenia --track participation --json",
    )
    history.add_argument("state", metavar="STATE", help="ISO alpha-3 or alpha-2 code, name or alias")
    history.set_defaults(handler=_history)

    changes = add(
        "changes",
        "the status changes between two dates (from the first day of START to the last day of END)",
        [data, org],
        "changes 1999 1999 --org CST",
        "changes 2012-01-01 2024-12-31 --json",
    )
    changes.add_argument("start", metavar="START", help="the first date")
    changes.add_argument("end", metavar="END", help="the last date")
    changes.set_defaults(handler=_changes)

    events = add(
        "events",
        "the recorded events in date order, optionally filtered",
        [data],
        "events --state UZB --kind suspension",
        "events --body CSTO-PA --json",
    )
    events.add_argument("--state", help="only this state's events (code, name or alias)")
    events.add_argument(
        "--kind",
        type=_vocabulary(EventKind),
        metavar="KIND",
        help=f"only events of this kind; one of {_accepted(EventKind)}",
    )
    events.add_argument("--body", help="only events in this body (or the bodies of this view)")
    events.set_defaults(handler=_events)

    explain = add(
        "explain",
        "why a state held its status on a date: the deciding events, their sources and competing claims",
        [data, org],
        "explain UZB 2010-01-01",
        "explain Armenia 2025-01-01 --json",
    )
    explain.add_argument("state", metavar="STATE", help="ISO alpha-3 or alpha-2 code, name or alias")
    explain.add_argument("date", metavar="DATE", help="YYYY-MM-DD, YYYY-MM or YYYY, or a written date")
    explain.set_defaults(handler=_explain)

    sources = add(
        "sources",
        "list the sources, or show one in full with the events and rosters that cite it",
        [data],
        "sources",
        "sources tass-2012-687141",
    )
    sources.add_argument("id", metavar="ID", nargs="?", help="a source id (leave out to list them all)")
    sources.set_defaults(handler=_sources)

    check = add(
        "validate",
        "check a dataset file and list every problem (exit status 2 when there is one)",
        [],
        "validate data/csto.toml",
        "validate mydata.toml --json",
    )
    check.add_argument("path", metavar="PATH", help="the dataset file (TOML, format: docs/data.md)")
    check.add_argument("--json", action="store_true", help="print JSON (shape: docs/cli.md)")
    check.set_defaults(handler=_validate)
    return parser


# --------------------------------------------------------------- formatting


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """Rows as left-aligned columns two spaces apart, header first."""
    lines = [list(header), *(list(row) for row in rows)]
    widths = [max(len(line[column]) for line in lines) for column in range(len(header))]
    return ["  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip() for line in lines]


def _who(state: State) -> str:
    return f"{state.name} ({state.alpha3})"


def _status_text(status: Status | None) -> str:
    return "not related" if status is None else str(status)


def _status_value(status: Status | None) -> str | None:
    return None if status is None else status.value


def _edtf(boundary: Boundary) -> str:
    """A boundary as EDTF: the date itself, or a set of possible days ("[a..b]", EDTF level 2)
    when a lag shifts a date known only to a month or a year.
    """
    if boundary.lag == 0 or boundary.is_exact:
        return str(boundary)
    return f"[{boundary.earliest.isoformat()}..{boundary.latest.isoformat()}]"


def _date_or_none(date: PartialDate | None) -> str | None:
    return None if date is None else str(date)


def _state_dict(state: State | None) -> dict[str, str] | None:
    return None if state is None else {"code": state.alpha3, "name": state.name}


def _spell_dict(spell: Spell) -> dict[str, object]:
    return {
        "body": spell.body,
        "status": spell.status.value,
        "start": _edtf(spell.start),
        "end": None if spell.end is None else _edtf(spell.end),
        "opened_by": spell.opened_by.id,
        "closed_by": None if spell.closed_by is None else spell.closed_by.id,
        "start_precision": str(spell.start.precision),
        "end_precision": None if spell.end is None else str(spell.end.precision),
    }


def _claim_dict(claim: Claim, *, followed: bool) -> dict[str, object]:
    return {
        "date": _date_or_none(claim.date),
        "precision": None if claim.date is None else str(claim.date.precision),
        "occurred": claim.occurred,
        "kind": None if claim.kind is None else claim.kind.value,
        "followed": followed,
        "sources": [{"id": citation.source.id, "says": citation.says} for citation in claim.citations],
        "note": claim.note,
    }


def _event_ref(event: Event) -> dict[str, object]:
    return {
        "id": event.id,
        "kind": event.effective_kind.value,
        "state": _state_dict(event.state),
        "body": event.body,
        "date": _date_or_none(event.date),
        "precision": None if event.date is None else str(event.date.precision),
    }


def _event_dict(event: Event) -> dict[str, object]:
    return {
        **_event_ref(event),
        "recorded_kind": event.kind.value,
        "summary": event.summary,
        "note": event.note,
        "ref": event.ref,
        "claims": [_claim_dict(claim, followed=index == event.followed) for index, claim in enumerate(event.claims)],
    }


def _roster_dict(roster: RosterClaim) -> dict[str, object]:
    return {
        "id": roster.id,
        "source": roster.source.id,
        "date": str(roster.date),
        "body": roster.body,
        "status": roster.status.value,
        "states": [_state_dict(state) for state in sorted(roster.states)],
        "says": roster.says,
    }


def _source_dict(source: Source) -> dict[str, object]:
    return {
        "id": source.id,
        "title": source.title,
        "publisher": source.publisher,
        "published": _date_or_none(source.published),
        "url": source.url,
        "path": source.path,
        "says": source.says,
    }


# ----------------------------------------------------------------- commands


def _timeline(args: argparse.Namespace) -> Timeline:
    if args.data is None:
        timeline = load()
    else:
        try:
            timeline = load(args.data)
        except DataError as error:
            if error.record is None:  # the file itself: missing, a folder, not TOML
                raise
            msg = f"{error}; '{PROG} validate {args.data}' lists every problem"
            raise _UsageError(msg) from None
    if args.according_to is not None:
        try:
            timeline = timeline.according_to(args.according_to)
        except UnknownSourceError:
            raise _UsageError(_unknown_source(args.according_to)) from None
    return timeline


def _unknown_source(source_id: str) -> str:
    return f"unknown source {source_id!r}; '{PROG} sources' lists the source ids"


def _members(args: argparse.Namespace) -> _Result:
    timeline = _timeline(args)
    found = timeline.members_on(args.date, org=args.org, status=args.status)
    head = f"{found.status} of {found.org} {found.when}: "
    head += f"{len(found.certain)} certain, {len(found.uncertain)} uncertain"
    rows = [(state.alpha3, state.name, "") for state in sorted(found.certain)]
    rows += [(state.alpha3, state.name, "uncertain") for state in sorted(found.uncertain)]
    lines = [head, *_table(("code", "name", ""), rows)] if rows else [head]
    lines += _after_record(timeline, found.date)
    return _Result("\n".join(lines), found.to_dict())


def _after_record(timeline: Timeline, date: PartialDate) -> list[str]:
    """A note when the date lies after the record was last checked (open spells carried forward)."""
    as_of = timeline.info.as_of
    if as_of is None or date.latest <= as_of.latest:
        return []
    return [f"note: the record was last checked on {as_of}; later acts are not in it"]


def _status(args: argparse.Namespace) -> _Result:
    timeline = _timeline(args)
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
    where = f"{_who(state)} in {org} on {date}" + ("" if track is Track.LEGAL else f" ({track} track)")
    if decided:
        text = "\n".join([f"{where}: {_status_text(status)}", *_after_record(timeline, date)])
    else:
        options = " or ".join(_status_text(option) for option in possible)
        lines = [f"undecided: {where} may be {options}"]
        if Status.UNKNOWN in possible:
            lines.append("a source records the status as unknown")
        if in_way:
            rows = [(str(e.date or "never"), e.effective_kind.value, e.id) for e in in_way]
            lines += ["events in the way:", *("  " + line for line in _table(("date", "kind", "event"), rows))]
        text = "\n".join(lines)
    data = {
        "state": _state_dict(state),
        "date": str(date),
        "org": org,
        "track": track.value,
        "decided": decided,
        "status": _status_value(status),
        "possible": [_status_value(option) for option in possible],
        "events": [_event_ref(event) for event in in_way],
    }
    return _Result(text, data)


def _history(args: argparse.Namespace) -> _Result:
    timeline = _timeline(args)
    history = timeline.history(args.state, org=args.org, track=args.track)
    head = f"{_who(history.state)} in {history.org} ({history.track} track)"
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
    table = _table(("body", "status", "from", "until", "opened by", "closed by"), rows)
    text = "\n".join([head, *table] if rows else [f"{head}: no spells"])
    data = {
        "state": _state_dict(history.state),
        "org": history.org,
        "track": history.track.value,
        "spells": [_spell_dict(spell) for spell in history],
    }
    return _Result(text, data)


def _changes(args: argparse.Namespace) -> _Result:
    timeline = _timeline(args)
    found = timeline.changes(args.start, args.end, org=args.org)
    start, end, org = to_partial_date(args.start), to_partial_date(args.end), timeline.org(args.org)
    head = f"status changes in {org} from {start} to {end}: {len(found)}"
    rows = [
        (
            str(change.date),
            change.state.alpha3,
            _status_text(change.old),
            _status_text(change.new),
            change.event.id,
        )
        for change in found
    ]
    lines = [head, *_table(("date", "state", "from", "to", "event"), rows)] if rows else [head]
    data = {
        "start": str(start),
        "end": str(end),
        "org": org,
        "changes": [
            {
                "date": _edtf(change.date),
                "precision": str(change.date.precision),
                "uncertain": change.uncertain,
                "state": _state_dict(change.state),
                "old": _status_value(change.old),
                "new": _status_value(change.new),
                "event": change.event.id,
            }
            for change in found
        ],
    }
    return _Result("\n".join(lines), data)


def _events(args: argparse.Namespace) -> _Result:
    timeline = _timeline(args)
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
    lines = _table(("date", "state", "body", "kind", "event"), rows) if rows else ["no events"]
    data = {
        "state": _state_dict(None if args.state is None else timeline.state(args.state)),
        "kind": None if args.kind is None else args.kind.value,
        "body": None if args.body is None else timeline.org(args.body),
        "events": [_event_dict(event) for event in found],
    }
    return _Result("\n".join(lines), data)


def _explain(args: argparse.Namespace) -> _Result:
    timeline = _timeline(args)
    explanation = timeline.explain(args.state, args.date, org=args.org)
    data = {
        "state": _state_dict(explanation.state),
        "date": str(explanation.date),
        "org": explanation.org,
        "decided": explanation.decided,
        "status": _status_value(explanation.status),
        "possible": [_status_value(option) for option in explanation.possible],
        "participation": _status_value(explanation.participation),
        "decisions": [
            {
                "role": decision.role,
                "boundary": None if decision.boundary is None else _edtf(decision.boundary),
                "event": _event_dict(decision.event),
            }
            for decision in explanation.decisions
        ],
        "sources": list(explanation.sources),
        "rosters": [_roster_dict(roster) for roster in explanation.rosters],
        "as_of": _date_or_none(explanation.as_of),
    }
    return _Result(str(explanation), data)


def _sources(args: argparse.Namespace) -> _Result:
    timeline = _timeline(args)
    if args.id is None:
        listed = sorted(timeline.sources.values(), key=lambda source: source.id)
        rows = [(s.id, s.publisher, str(s.published or "-"), s.title) for s in listed]
        data: dict[str, object] = {
            "sources": [
                {"id": s.id, "publisher": s.publisher, "published": _date_or_none(s.published), "title": s.title}
                for s in listed
            ]
        }
        return _Result("\n".join(_table(("id", "publisher", "published", "title"), rows)), data)
    try:
        source = timeline.source(args.id)
    except UnknownSourceError:
        raise _UsageError(_unknown_source(args.id)) from None
    citing = [
        (event, event.claim.cites(source.id))
        for event in timeline.events()
        if any(c.cites(source.id) for c in event.claims)
    ]
    rosters = [roster for roster in timeline.rosters if roster.source.id == source.id]
    fields = _source_dict(source)
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
    return _Result("\n".join(lines), data)


def _validate(args: argparse.Namespace) -> _Result:
    path: str = args.path
    problems = validate(path)
    data: dict[str, object] = {"path": path, "valid": not problems, "events": None, "sources": None}
    if problems:
        data["problems"] = [
            {"file": problem.file, "record": problem.record, "problem": problem.problem} for problem in problems
        ]
        return _Result("\n".join(str(problem) for problem in problems), data, status=2)
    timeline = load(Path(path))
    data.update(events=len(timeline.events()), sources=len(timeline.sources), problems=[])
    return _Result(f"{path}: valid ({data['events']} events, {data['sources']} sources)", data)


# --------------------------------------------------------------------- main


def _one_line(text: str) -> str:
    return " ".join(text.splitlines())


def _fail(message: str) -> int:
    sys.stderr.write(f"{PROG}: error: {_one_line(message)}\n")
    return 2


def _for_shell(message: str) -> str:
    """The library's messages, worded for a shell user where they speak of Python."""
    return message.replace("a datetime.date or datetime.datetime, ", "").replace("with org=", "with --org")


def _write(output: str) -> int | None:
    """Print the answer; an exit status when stdout cannot take it, else None."""
    try:
        sys.stdout.write(output + "\n")
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader (say, `head`) has gone: stop quietly, and point stdout at devnull
        # so the interpreter's final flush does not fail again.
        # https://docs.python.org/3/library/signal.html#note-on-sigpipe
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        return 1
    except OSError as error:  # a full disk or a closed terminal: say so in one line
        return _fail(f"cannot write the output: {error.strerror or error}")
    return None


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``csto-timeline`` with ``argv`` (default: the process's arguments) and
    return the exit status: 0 for an answer, 2 for a user error or invalid data.

    >>> main(["members", "1993-01-01", "--org", "CST", "--status", "signatory"])
    signatory of CST on 1993-01-01: 6 certain, 0 uncertain
    code  name
    ARM   Armenia
    KAZ   Kazakhstan
    KGZ   Kyrgyzstan
    RUS   Russia
    TJK   Tajikistan
    UZB   Uzbekistan
    0
    """
    try:
        args = build_parser().parse_args(argv)
    except _UsageError as error:
        return _fail(str(error))
    except SystemExit as done:  # --help and --version
        return done.code if isinstance(done.code, int) else 0
    handler: Callable[[argparse.Namespace], _Result] = args.handler
    try:
        result = handler(args)
    except (_UsageError, TimelineError) as error:
        return _fail(_for_shell(str(error)))
    except OSError as error:
        where = f" {error.filename!r}" if error.filename is not None else ""
        return _fail(f"cannot read{where}: {error.strerror or error}; give the path of a readable dataset file")
    output = json.dumps(result.data, indent=2, ensure_ascii=False) if args.json else result.text
    failed = _write(output)
    if failed is not None:
        return failed
    return result.status
