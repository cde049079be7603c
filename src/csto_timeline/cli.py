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
from typing import TypeVar

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
from ._cli_queries import register as register_queries
from ._enums import EventKind, Status, Track
from ._lazy import resolve
from ._version import __version__
from .exceptions import TimelineError

__all__ = ["build_parser", "main"]

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


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The argument parser of ``csto-timeline``, with one sub-command per query.

    The commands of `EXTRA_COMMANDS` are built for real only when ``command``
    names one (their module is imported then); otherwise they are listed with
    their summary.

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

    def add(name: str, summary: str, parents: list[Parser], *examples: str) -> argparse.ArgumentParser:
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
    register_queries(add, data, org, _vocabulary(Status), _accepted(Status))
    if command in EXTRA_COMMANDS:
        resolve(EXTRA_COMMANDS[command][0])(commands, parents=[data], timeline=timeline_of)
    for name, (_, summary) in EXTRA_COMMANDS.items():
        if name not in commands.choices:
            commands.add_parser(name, help=summary, description=summary)
    for sub in commands.choices.values():
        handler = sub.get_default("handler")
        if handler is not None:
            sub.set_defaults(handler=with_csv(handler))
    return parser


# --------------------------------------------------------------- formatting


def _one_line(text: str) -> str:
    return " ".join(text.splitlines())


def _fail(message: str, status: int = 2) -> int:
    """Print one error line to stderr (if there is one to print to) and return ``status``."""
    line = f"{PROG}: error: {_one_line(message)}\n"
    stream = sys.stderr
    if stream is not None:  # None when the process started with stderr closed
        try:
            try:
                stream.write(line)
            except UnicodeEncodeError:  # a terminal that cannot show the message as it is
                encoding = stream.encoding or "ascii"
                stream.write(line.encode(encoding, "backslashreplace").decode(encoding))
            stream.flush()
        except (OSError, ValueError):  # closed or gone: the status still tells
            pass
    return status


def _for_shell(message: str) -> str:
    """The library's messages, worded for a shell user where they speak of Python."""
    return message.replace("a datetime.date or datetime.datetime, ", "").replace("with org=", "with --org")


def _quiet_stdout() -> None:
    """Point stdout at devnull, so that the interpreter's final flush does not fail again.

    https://docs.python.org/3/library/signal.html#note-on-sigpipe
    """
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def _write(output: str, plain: Callable[[], str]) -> int | None:
    """Print the answer; an exit status when stdout cannot take it, else None.

    ``plain`` gives the answer in ASCII, for a terminal whose encoding cannot
    show it (``PYTHONIOENCODING=ascii``).
    """
    stream = sys.stdout
    if stream is None:  # the process started with stdout closed (`>&-`)
        return _fail("cannot write the output: standard output is closed")
    try:
        try:
            stream.write(output + "\n")
        except UnicodeEncodeError:
            stream.write(plain() + "\n")
        stream.flush()
    except BrokenPipeError:
        # The reader (say, `head`) has gone: stop quietly.
        _quiet_stdout()
        return 1
    except (OSError, ValueError) as error:  # a full disk, a closed terminal or file: say so in one line
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        return _fail(f"cannot write the output: {reason}")
    return None


def _ascii(text: str) -> str:
    return text.encode("ascii", "backslashreplace").decode("ascii")


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
        return _fail("interrupted", status=130)
    except BrokenPipeError:
        _quiet_stdout()
        return 1
    except Exception as error:
        if os.environ.get("CSTO_TIMELINE_TRACEBACK"):
            raise
        return _fail(
            f"internal error ({type(error).__name__}: {error}); this is a bug: please report it with the "
            "command line (CSTO_TIMELINE_TRACEBACK=1 shows the traceback)",
            status=3,
        )


def _run(argv: Sequence[str] | None) -> int:
    try:
        words = sys.argv[1:] if argv is None else list(argv)
        chosen = next((word for word in words if not word.startswith("-")), None)
        args = build_parser(chosen).parse_args(argv)
    except UsageError as error:
        return _fail(str(error))
    except SystemExit as done:  # --help and --version
        return done.code if isinstance(done.code, int) else 0
    handler: Callable[[argparse.Namespace], Result] = args.handler
    try:
        result = handler(args)
    except (UsageError, TimelineError) as error:
        return _fail(_for_shell(str(error)))
    except OSError as error:
        where = f" {error.filename!r}" if error.filename is not None else ""
        return _fail(f"cannot read{where}: {error.strerror or error}; give the path of a readable dataset file")
    if args.json:
        output = json.dumps(result.data, indent=2, ensure_ascii=False)
        failed = _write(output, lambda: json.dumps(result.data, indent=2))
    else:
        failed = _write(result.text, lambda: _ascii(result.text))
    if failed is not None:
        return failed
    return result.status
