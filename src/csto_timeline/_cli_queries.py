"""The ``csto-timeline`` commands for the rest of the library's queries:
``members-during``, ``participation``, ``memberships``, ``organizations`` and
``co-members``. Each calls one `Timeline` query and answers as text, as JSON
(the result's ``to_dict()``) and, with ``--csv``, as a table.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import cast

from ._cli_base import Parser, Result
from ._cli_commands import EVENT_REF, after_record, member_rows, staleness, timeline_of
from ._cli_format import status_text, table, who
from ._dates import to_partial_date
from ._enums import Status
from ._records import Event
from ._results import JointSpell
from ._serialize import columns, to_dict, to_json
from .exceptions import UncertainStatusError

__all__ = ["register"]

#: Makes one sub-command: name, summary, option parsers, examples.
Add = Callable[..., argparse.ArgumentParser]
_STATE = "ISO alpha-3 or alpha-2 code, name or alias"
_DATE = "YYYY-MM-DD, YYYY-MM or YYYY, a written date, or 'today'"


def members_during_command(args: argparse.Namespace) -> Result:
    """``members-during``: `Timeline.members_during`."""
    timeline = timeline_of(args)
    found = timeline.members_during(args.start, args.end, org=args.org, mode=args.mode, status=args.status)
    head = f"{found.status} of {found.org} {found.when} ({args.mode}): "
    head += f"{len(found.certain)} certain, {len(found.uncertain)} uncertain"
    columns_, rows = member_rows(found)
    cells = [(str(row["code"]), str(row["name"]), "uncertain" if row["uncertain"] else "") for row in rows]
    lines = [head, *table(("code", "name", ""), cells)] if cells else [head]
    lines += after_record(timeline, found.until or found.date)
    return Result("\n".join(lines), found.to_dict(), table=(columns_, rows))


def participation_command(args: argparse.Namespace) -> Result:
    """``participation``: `Timeline.participation_of`, "undecided" when the evidence cannot decide."""
    timeline = timeline_of(args)
    state, org, date = timeline.state(args.state), timeline.org(args.org), to_partial_date(args.date)
    try:
        status = timeline.participation_of(state, date, org=org)
    except UncertainStatusError as error:
        decided, status = False, None
        possible = cast("tuple[Status | None, ...]", tuple(error.possible))
        in_way = cast("tuple[Event, ...]", tuple(error.events))
    else:
        decided, possible, in_way = True, (status,), ()
    where = f"{who(state)}'s participation in {org} on {date}"
    if decided:
        answer = "not a member or observer" if status is None else str(status)
        lines = [f"{where}: {answer}"]
    else:
        lines = [f"undecided: {where} may be {' or '.join(status_text(option) for option in possible)}"]
        lines += [f"  in the way: {event.id}" for event in in_way]
    lines += after_record(timeline, date)
    data = {
        "state": to_json(state),
        "date": to_json(date),
        "org": org,
        "decided": decided,
        "status": to_json(status),
        "possible": to_json(possible),
        "events": [to_dict(event, EVENT_REF) for event in in_way],
        **staleness(timeline, date),
    }
    return Result("\n".join(lines), data, table=(tuple(data)[:6], [data]))


def memberships_command(args: argparse.Namespace) -> Result:
    """``memberships``: `Timeline.memberships_of`, one row per body and view."""
    timeline = timeline_of(args)
    found = timeline.memberships_of(args.state, args.date)
    rows: list[dict[str, object]] = [
        {"org": org, "status": to_json(status), "decided": True, "possible": [to_json(status)]}
        for org, status in found.statuses.items()
    ]
    rows += [
        {"org": org, "status": None, "decided": False, "possible": to_json(options)}
        for org, options in found.uncertain.items()
    ]
    cells = [
        (str(row["org"]), status_text(found.statuses[str(row["org"])]) if row["decided"] else "undecided")
        for row in rows
    ]
    lines = [f"{who(found.state)} on {found.date}", *table(("org", "status"), cells)]
    lines += after_record(timeline, found.date)
    return Result("\n".join(lines), found.to_dict(), table=(("org", "status", "decided", "possible"), rows))


def organizations_command(args: argparse.Namespace) -> Result:
    """``organizations``: `Timeline.organizations_of`, with each body's name."""
    timeline = timeline_of(args)
    state, date = timeline.state(args.state), to_partial_date(args.date)
    found = timeline.organizations_of(state, date, status=args.status)
    bodies = timeline.bodies
    rows: list[dict[str, object]] = [{"id": ident, "name": bodies[ident].name} for ident in found]
    head = f"{who(state)}: {args.status} of {len(found)} organization(s) on {date}"
    cells = [(str(row["id"]), str(row["name"])) for row in rows]
    lines = [head, *table(("id", "name"), cells)] if cells else [head]
    lines += after_record(timeline, date)
    data = {
        "state": to_json(state),
        "date": to_json(date),
        "status": to_json(args.status),
        "organizations": rows,
        **staleness(timeline, date),
    }
    return Result("\n".join(lines), data, table=(("id", "name"), rows))


def co_members_command(args: argparse.Namespace) -> Result:
    """``co-members``: `Timeline.co_members`, one row per joint spell."""
    timeline = timeline_of(args)
    a, b = timeline.state(args.state_a), timeline.state(args.state_b)
    found = timeline.co_members(a, b, org=args.org, status=args.status)
    org = timeline.org(args.org)
    head = f"{who(a)} and {who(b)}: {args.status} of {org} together in {len(found)} period(s)"
    cells = [(spell.interval, "" if spell.certain else "possible only") for spell in found]
    lines = [head, *table(("period", ""), cells)] if cells else [head]
    listed = [spell.to_dict() for spell in found]
    data = {"states": [to_json(a), to_json(b)], "org": org, "status": to_json(args.status), "periods": listed}
    rows = [{**period, "state_a": a.alpha3, "state_b": b.alpha3} for period in listed]
    return Result("\n".join(lines), data, table=(JOINT_COLUMNS, rows))


#: The columns of a table of joint spells (each spell's own events are in the JSON).
JOINT_COLUMNS = ("state_a", "state_b", *(name for name in columns(JointSpell) if name not in ("states", "spells")))


def register(add: Add, data: Parser, org: Parser, status: Callable[[str], Status], accepted: str) -> None:
    """Add the commands to the command line through ``add`` (the parser's own sub-command maker)."""

    def with_status(command: argparse.ArgumentParser) -> None:
        command.add_argument(
            "--status", type=status, default=Status.MEMBER, metavar="STATUS",
            help=f"the status (default: member); one of {accepted}",
        )  # fmt: skip

    command = add(
        "members-during",
        "the states holding a status at some point (--mode any) or throughout (--mode all) of a period",
        [data, org],
        "members-during 1999 2006 --org CST",
        "members-during 2012 2024 --mode all --csv",
    )
    command.add_argument("start", metavar="START", help="the first date: " + _DATE)
    command.add_argument("end", metavar="END", help="the last date")
    command.add_argument("--mode", choices=("any", "all"), default="any", help="at some point (default) or throughout")
    with_status(command)
    command.set_defaults(handler=members_during_command)

    command = add(
        "participation",
        "a member's or observer's participation on a date: active, frozen or inactive",
        [data, org],
        "participation ARM 2025-01-01",
        "participation Armenia today --json",
    )
    command.add_argument("state", metavar="STATE", help=_STATE)
    command.add_argument("date", metavar="DATE", help=_DATE)
    command.set_defaults(handler=participation_command)

    command = add(
        "memberships",
        "a state's status in every body and view on a date",
        [data],
        "memberships SRB 2015-01-01",
        "memberships Armenia today --csv",
    )
    command.add_argument("state", metavar="STATE", help=_STATE)
    command.add_argument("date", metavar="DATE", help=_DATE)
    command.set_defaults(handler=memberships_command)

    command = add(
        "organizations",
        "the bodies in which a state held a status (default: member) on a date, with their names",
        [data],
        "organizations ARM 2010-01-01",
        "organizations Serbia 2015-01-01 --status observer --json",
    )
    command.add_argument("state", metavar="STATE", help=_STATE)
    command.add_argument("date", metavar="DATE", help=_DATE)
    with_status(command)
    command.set_defaults(handler=organizations_command)

    command = add(
        "co-members",
        "the periods in which two states both held a status (default: member) in an organization",
        [data, org],
        "co-members RUS UZB --org CSTO",
        "co-members Armenia Belarus --csv",
    )
    command.add_argument("state_a", metavar="STATE_A", help=_STATE)
    command.add_argument("state_b", metavar="STATE_B", help=_STATE)
    with_status(command)
    command.set_defaults(handler=co_members_command)
