"""The ``cite`` and ``record-changes`` commands of ``csto-timeline``, and the
``--as-recorded`` option's effect on the timeline a command answers from.

`register` adds the two commands to the command line's sub-parsers; each
command's handler takes the parsed arguments and returns its answer as text
for people and data for ``--json``.

>>> import argparse
>>> parser = argparse.ArgumentParser(prog="csto-timeline")
>>> register(parser.add_subparsers(dest="command"))
>>> args = parser.parse_args(["cite", "--style", "bibtex"])
>>> print(args.handler(args).text.splitlines()[0])  # doctest: +ELLIPSIS
@misc{csto...
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import json
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import attrs

from ._cite import STYLES, cite
from ._loading import load
from ._record_changes import record_changes
from ._releases import as_recorded
from .exceptions import UnknownSourceError

if TYPE_CHECKING:
    from ._timeline import Timeline

__all__ = ["CommandResult", "apply_as_recorded", "register", "run_cite", "run_record_changes"]

#: Builds the timeline a command answers from, out of the parsed arguments.
TimelineOf = Callable[[argparse.Namespace], "Timeline"]


@attrs.frozen
class CommandResult:
    """A command's answer: text for people, data for ``--json``, the exit status."""

    text: str
    data: object
    status: int = 0


def apply_as_recorded(timeline: Timeline, release_or_date: str | None) -> Timeline:
    """The timeline as the record stood at ``--as-recorded RELEASE_OR_DATE``
    (unchanged when the option is not given).

    >>> import csto_timeline
    >>> apply_as_recorded(csto_timeline.load(), "0.1.0").info.version
    '0.1.0'
    """
    return timeline if release_or_date is None else as_recorded(timeline, release_or_date)


def _default_timeline(args: argparse.Namespace) -> Timeline:
    """The bundled record (or ``--data``), following ``--according-to``, as recorded at ``--as-recorded``."""
    data = getattr(args, "data", None)
    timeline = load(data) if data is not None else load()
    following = getattr(args, "according_to", None)
    if following is not None:
        timeline = timeline.according_to(following)
    return apply_as_recorded(timeline, getattr(args, "as_recorded", None))


def run_cite(args: argparse.Namespace, *, timeline: TimelineOf = _default_timeline) -> CommandResult:
    """``cite``: the dataset's citation, or with ``--source`` those sources', in ``--style``."""
    loaded = timeline(args)
    ids: list[str] = list(getattr(args, "source", None) or [])
    for ident in ids:
        if ident not in loaded.sources:
            msg = f"unknown source {ident!r}; 'csto-timeline sources' lists the source ids"
            raise UnknownSourceError(msg)
    style: str = args.style
    text = cite([loaded.source(ident) for ident in ids] if ids else loaded, style)
    data: object = json.loads(text) if style == "csl-json" else {"style": style, "citation": text}
    return CommandResult(text, data)


def run_record_changes(args: argparse.Namespace, *, timeline: TimelineOf = _default_timeline) -> CommandResult:
    """``record-changes``: what changed in the facts of the record between two releases."""
    changes = record_changes(timeline(args), since=args.since, until=args.until)
    return CommandResult(str(changes), changes.to_dict())


def _add_json(command: argparse.ArgumentParser) -> None:
    with contextlib.suppress(argparse.ArgumentError):  # when the shared options give it already
        command.add_argument("--json", action="store_true", help="print JSON")


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    *,
    parents: Sequence[argparse.ArgumentParser] = (),
    timeline: TimelineOf | None = None,
) -> None:
    """Add ``cite`` and ``record-changes`` to ``subparsers``.

    ``parents`` are the shared option parsers (``--data``, ``--according-to``,
    ``--json``); ``timeline`` builds the timeline from the parsed arguments
    (default: the bundled record or ``--data``, with ``--according-to`` and
    ``--as-recorded`` applied). Each command sets ``handler`` to a function of
    the parsed arguments returning a `CommandResult`.
    """
    loader = timeline if timeline is not None else _default_timeline
    shared = list(parents)
    formatter = argparse.RawDescriptionHelpFormatter
    summary = "how to cite the dataset (its release and as-of date), or one or more of its sources"
    command = subparsers.add_parser(
        "cite",
        help=summary,
        description=summary + ". Correlates of War data is cited as its authors ask.",
        parents=shared,
        epilog="example:\n  csto-timeline cite --style bibtex\n  csto-timeline cite --source tass-2012-687141",
        formatter_class=formatter,
    )
    command.add_argument("--style", choices=STYLES, default="apa", help="citation style (default: apa)")
    command.add_argument("--source", metavar="ID", action="append", help="cite this source instead (repeatable)")
    _add_json(command)
    command.set_defaults(handler=functools.partial(run_cite, timeline=loader))

    summary = "what changed in the facts of the record between two releases, by record id"
    command = subparsers.add_parser(
        "record-changes",
        help=summary,
        description=summary + " (events, claims, dates, precision, followed claims, sources).",
        parents=shared,
        epilog="example:\n  csto-timeline record-changes --since 0.1.0\n  csto-timeline record-changes --until 2026-12-01 --json",
        formatter_class=formatter,
    )
    command.add_argument(
        "--since", metavar="RELEASE_OR_DATE", help="the earlier release (default: the one before --until)"
    )
    command.add_argument("--until", metavar="RELEASE_OR_DATE", help="the later release (default: the timeline's own)")
    _add_json(command)
    command.set_defaults(handler=functools.partial(run_record_changes, timeline=loader))
