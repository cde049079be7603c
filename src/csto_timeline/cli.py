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
from typing import NoReturn, TypeVar

from ._cli_base import PROG, Parser, Result, UsageError, with_csv
from ._cli_commands import (
    changes_command,
    events_command,
    explain_command,
    history_command,
    members_command,
    sources_command,
    status_command,
    timeline_of,
    validate_command,
)
from ._cli_streams import ascii_text, fail, for_shell, hard_exit, quiet_stdout, write
from ._enums import EventKind, Status, Track
from ._lazy import resolve
from ._version import __version__
from .exceptions import TimelineError

__all__ = ["build_parser", "main", "run"]

_V = TypeVar("_V", Status, Track, EventKind)


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


#: Commands served by extra modules, imported only when one of them is run:
#: name -> ("module:register", one-line summary for the command list).
EXTRA_COMMANDS: dict[str, tuple[str, str]] = {
    "cite": ("_cite_cli:register", "how to cite the dataset (its release and as-of date) or its sources"),
    "record-changes": ("_cite_cli:register", "what changed in the record's facts between two releases"),
    "check": ("_check.cli:register", "check the membership claims of a news text against the record"),
    "panel": ("_cli_data:register", "one row per state and period (year, month or day): the coded panel"),
    "export": ("_cli_data:register", "write the whole record (spells, events, claims, sources, rosters) as tables"),
}

#: The commands of `_cli_queries`, and every command's name (with `EXTRA_COMMANDS`).
_QUERY_COMMANDS = frozenset({"members-during", "participation", "memberships", "organizations", "co-members"})
_COMMANDS = frozenset(
    {"members", "status", "history", "changes", "events", "explain", "sources", "validate"}
    | _QUERY_COMMANDS
    | set(EXTRA_COMMANDS)
)


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The argument parser of ``csto-timeline``, with one sub-command per query.

    With ``command`` naming a command, only that command's parser is built
    (the command line does this: it uses no other); otherwise every command
    is, those of `EXTRA_COMMANDS` only listed with their summary (their module
    is imported when one is named).

    >>> build_parser().parse_args(["members", "2010-01-01", "--org", "CSTO"]).org
    'CSTO'
    """
    formatter = argparse.RawDescriptionHelpFormatter
    parser = Parser(
        prog=PROG,
        description="Who was a member of the CST/CSTO (or another organization in a dataset) on a date, "
        "and how we know.",
        epilog=_epilog("members 2010-01-01", "status Uzbekistan 2012 --json", "explain ARM 2025-01-01")
        + "\n\nThe options --data, --according-to and --json go after the command.",
        formatter_class=formatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True, parser_class=Parser)

    data = Parser(add_help=False)
    data.add_argument(
        "--data",
        metavar="PATH",
        help="a dataset file in the format of docs/data.md (default: the bundled CST/CSTO data)",
    )
    data.add_argument("--according-to", metavar="SOURCE_ID", help="follow this source's claims wherever it makes one")
    data.add_argument("--json", action="store_true", help="print JSON (shapes: docs/cli.md)")
    data.add_argument("--csv", action="store_true", help="print the answer's table as CSV (UTF-8, with a header)")
    data.add_argument(
        "--as-recorded",
        metavar="RELEASE_OR_DATE",
        help="answer as the record stood at a release (0.1.0) or on a date (docs/citing.md)",
    )
    org = Parser(add_help=False)
    org.add_argument("--org", help="body or view id or name (default: the dataset's default, for CSTO data 'alliance')")
    track = Parser(add_help=False)
    track.add_argument(
        "--track",
        type=_vocabulary(Track),
        default=Track.LEGAL,
        metavar="{legal,participation}",
        help="legal status (default) or actual participation (frozen, inactive)",
    )

    # Run as `csto-timeline members ...`, only that command's parser is built: every parser
    # argparse makes looks up its translations on disk (some 4 ms for all of them), and the
    # others are never used. A word that names no command builds them all, to list them.
    only = command if command in _COMMANDS else None
    unused = Parser(add_help=False, conflict_handler="resolve")  # takes the options of skipped commands

    def add(name: str, summary: str, parents: list[Parser], *examples: str) -> argparse.ArgumentParser:
        if only is not None and name != only:
            return unused
        made: argparse.ArgumentParser = commands.add_parser(
            name,
            help=summary,
            description=summary,
            parents=parents,
            epilog=_epilog(*examples),
            formatter_class=formatter,
        )
        return made

    members = add(
        "members",
        "the states holding a status (default: member) in an organization on a date",
        [data, org],
        "members 2010-01-01",
        "members 2012 --org CSTO --json",
    )
    members.add_argument("date", metavar="DATE", help="YYYY-MM-DD, YYYY-MM or YYYY, a written date ('5 April 1999') or 'today'")
    members.add_argument(
        "--status",
        type=_vocabulary(Status),
        default=Status.MEMBER,
        metavar="STATUS",
        help=f"the status to list (default: member); one of {_accepted(Status)}",
    )
    members.set_defaults(handler=members_command)

    status = add(
        "status",
        "a state's status in an organization on a date (or 'undecided' when the evidence cannot decide)",
        [data, org, track],
        "status Uzbekistan 2010-01-01",
        "status UZB 2012 --json",
        "status ARM 2025-01-01 --track participation",
    )
    status.add_argument("state", metavar="STATE", help="ISO alpha-3 or alpha-2 code, name or alias")
    status.add_argument("date", metavar="DATE", help="YYYY-MM-DD, YYYY-MM or YYYY, a written date or 'today'")
    status.set_defaults(handler=status_command)

    history = add(
        "history",
        "a state's status spells in an organization, in date order",
        [data, org, track],
        "history UZB",
        "history Armenia --track participation --json",
    )
    history.add_argument("state", metavar="STATE", help="ISO alpha-3 or alpha-2 code, name or alias")
    history.set_defaults(handler=history_command)

    changes = add(
        "changes",
        "the status changes between two dates (from the first day of START to the last day of END)",
        [data, org],
        "changes 1999 1999 --org CST",
        "changes 2012-01-01 2024-12-31 --json",
    )
    changes.add_argument("start", metavar="START", help="the first date")
    changes.add_argument("end", metavar="END", help="the last date")
    changes.set_defaults(handler=changes_command)

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
    events.set_defaults(handler=events_command)

    explain = add(
        "explain",
        "why a state held its status on a date: the deciding events, their sources and competing claims",
        [data, org],
        "explain UZB 2010-01-01",
        "explain Armenia 2025-01-01 --json",
    )
    explain.add_argument("state", metavar="STATE", help="ISO alpha-3 or alpha-2 code, name or alias")
    explain.add_argument("date", metavar="DATE", help="YYYY-MM-DD, YYYY-MM or YYYY, a written date or 'today'")
    explain.set_defaults(handler=explain_command)

    sources = add(
        "sources",
        "list the sources, or show one in full with the events and rosters that cite it",
        [data],
        "sources",
        "sources tass-2012-687141",
    )
    sources.add_argument("id", metavar="ID", nargs="?", help="a source id (leave out to list them all)")
    sources.set_defaults(handler=sources_command)

    check = add(
        "validate",
        "check a dataset file and list every problem (exit status 2 when there is one)",
        [],
        "validate data/csto.toml",
        "validate mydata.toml --json",
    )
    check.add_argument("path", metavar="PATH", help="the dataset file (TOML, format: docs/data.md)")
    check.add_argument("--json", action="store_true", help="print JSON (shape: docs/cli.md)")
    check.set_defaults(handler=validate_command)
    if only is None or only in _QUERY_COMMANDS:  # their module is imported only for them
        from ._cli_queries import register as register_queries  # noqa: PLC0415

        register_queries(add, data, org, _vocabulary(Status), _accepted(Status))
    if command in EXTRA_COMMANDS:
        resolve(EXTRA_COMMANDS[command][0])(commands, parents=[data], timeline=timeline_of)
    for name, (_, summary) in EXTRA_COMMANDS.items():
        if name not in commands.choices and only is None:
            commands.add_parser(name, help=summary, description=summary)
    for sub in commands.choices.values():
        handler = sub.get_default("handler")
        if handler is not None:
            sub.set_defaults(handler=with_csv(handler))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``csto-timeline`` with ``argv`` (default: the process's arguments) and
    return the exit status: 0 for an answer, 2 for a user error or invalid data,
    1 when the reader of the output has gone (a closed pipe), 130 when
    interrupted, 3 for a fault of the program itself (reported in one line; set
    ``CSTO_TIMELINE_TRACEBACK=1`` to see the traceback). No traceback is printed
    otherwise, whatever the terminal's encoding or the state of the streams.

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
        return _run(argv)
    except KeyboardInterrupt:
        return fail("interrupted", status=130)
    except BrokenPipeError:
        quiet_stdout()
        return 1
    except Exception as error:
        if os.environ.get("CSTO_TIMELINE_TRACEBACK"):
            raise
        return fail(
            f"internal error ({type(error).__name__}: {error}); this is a bug: please report it with the "
            "command line (CSTO_TIMELINE_TRACEBACK=1 shows the traceback)",
            status=3,
        )


def _run(argv: Sequence[str] | None) -> int:
    try:
        words = sys.argv[1:] if argv is None else list(argv)
        # The command is the first word (the top level has only --help and --version): with
        # `--help status` the top-level help is asked for, and lists every command.
        chosen = words[0] if words and not words[0].startswith("-") else None
        args = build_parser(chosen).parse_args(argv)
    except UsageError as error:
        return fail(str(error))
    except SystemExit as done:  # --help and --version
        return done.code if isinstance(done.code, int) else 0
    handler: Callable[[argparse.Namespace], Result] = args.handler
    try:
        result = handler(args)
    except (UsageError, TimelineError) as error:
        return fail(for_shell(str(error)))
    except OSError as error:
        where = f" {error.filename!r}" if error.filename is not None else ""
        return fail(f"cannot read{where}: {error.strerror or error}; give the path of a readable dataset file")
    if args.json:
        output = json.dumps(result.data, indent=2, ensure_ascii=False)
        failed = write(output, lambda: json.dumps(result.data, indent=2))
    else:
        failed = write(result.text, lambda: ascii_text(result.text))
    if failed is not None:
        return failed
    return result.status


def run() -> NoReturn:
    """The ``csto-timeline`` console command and ``python -m csto_timeline``:
    `main` with the process's arguments, then a hard exit with its status (see
    `hard_exit`: the streams are flushed, and the process skips the teardown
    that frees every object one by one).
    """
    hard_exit(main())
