"""The ``panel`` and ``export`` commands of ``csto-timeline``, imported only when one is run.

``panel`` calls the public `csto_timeline.to_panel` with the few options it
shares with the library (its rows are serialized as they come, so new columns
of the panel appear without a change here); ``export`` calls
`csto_timeline.export`.
"""

from __future__ import annotations

import argparse
import functools
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from ._cli_base import Result
from ._cli_format import csv_text
from ._export import export
from ._panel import DEFAULT_RULE, to_panel
from ._periods import FREQS, MAX_ROWS
from ._serialize import to_json

if TYPE_CHECKING:
    from ._timeline import Timeline

__all__ = ["register"]

TimelineOf = Callable[[argparse.Namespace], "Timeline"]


def panel_command(args: argparse.Namespace, *, timeline: TimelineOf) -> Result:
    """``panel``: `csto_timeline.to_panel` as a table (CSV text; JSON rows with ``--json``)."""
    orgs: list[str] | None = args.org
    states = [part.strip() for part in args.states.split(",") if part.strip()] if args.states else None
    rows = to_panel(
        timeline(args),
        freq=args.freq,
        start=args.start,
        end=args.end,
        org=None if not orgs else orgs[0] if len(orgs) == 1 else orgs,
        states=states,
        rule=args.rule,
        max_rows=args.max_rows,
        output="records",
    )
    listed: list[dict[str, object]] = [to_json(row) for row in rows]  # type: ignore[misc]
    names = tuple(listed[0]) if listed else ()
    table = (names, listed)
    return Result(csv_text(table), {"rows": listed}, table=table)


def export_command(args: argparse.Namespace, *, timeline: TimelineOf) -> Result:
    """``export``: `csto_timeline.export` into a folder."""
    written = export(timeline(args), args.folder, format=args.format, overwrite=args.overwrite)
    paths = [str(path) for path in written]
    return Result("\n".join(["wrote:", *(f"  {path}" for path in paths)]), {"written": paths})


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    *,
    parents: Sequence[argparse.ArgumentParser] = (),
    timeline: TimelineOf,
) -> None:
    """Add ``panel`` and ``export`` to ``subparsers``; ``parents`` carry the shared options."""
    formatter = argparse.RawDescriptionHelpFormatter
    summary = "one row per state and period (year, month or day) from START to END: the coded panel, as CSV"
    command = subparsers.add_parser(
        "panel",
        help=summary,
        description=summary + " (csto_timeline.to_panel; docs/cow.md).",
        parents=list(parents),
        epilog="example:\n  csto-timeline panel --start 2011 --end 2013 --states UZB,ARM\n"
        "  csto-timeline panel --freq month --start 2012 --end 2012 --org CSTO --json",
        formatter_class=formatter,
    )
    command.add_argument("--freq", choices=FREQS, default="year", help="period (default: year)")
    command.add_argument("--start", required=True, metavar="DATE", help="the first period's date")
    command.add_argument("--end", required=True, metavar="DATE", help="the last period's date")
    command.add_argument("--org", action="append", metavar="ORG", help="a body or view (repeatable; default: the default)")
    command.add_argument("--states", metavar="CODES", help="comma-separated states (default: every state there)")
    command.add_argument(
        "--rule",
        default=DEFAULT_RULE,
        metavar="RULE",
        help=f"coding rule: any, all, most, first, last, dec31 or MM-DD (default: {DEFAULT_RULE}; docs/panels.md)",
    )
    command.add_argument(
        "--max-rows", type=int, default=MAX_ROWS, metavar="N", help=f"refuse panels longer than this (default: {MAX_ROWS})"
    )
    command.set_defaults(handler=functools.partial(panel_command, timeline=timeline))

    summary = "write the whole record (spells, events, claims, sources, rosters) as tables with a datapackage.json"
    command = subparsers.add_parser(
        "export",
        help=summary,
        description=summary + " (csto_timeline.export; docs/export.md).",
        parents=list(parents),
        epilog="example:\n  csto-timeline export record/\n  csto-timeline export record/ --format parquet --overwrite",
        formatter_class=formatter,
    )
    command.add_argument("folder", metavar="FOLDER", help="the folder to write into (made if missing)")
    command.add_argument("--format", choices=("csv", "jsonl", "parquet"), default="csv", help="file format (default: csv)")
    command.add_argument("--overwrite", action="store_true", help="replace files already there")
    command.set_defaults(handler=functools.partial(export_command, timeline=timeline))
