"""The ``check`` sub-command: ``csto-timeline check FILE|- --published DATE [--json | --claimreview]``.

The main CLI registers it with `register` and calls `run` with the parsed arguments, the
timeline and the output stream; `run` returns the exit status (0: checked, 2: bad input).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, TextIO

from csto_timeline.exceptions import TimelineError

from . import check, to_claimreview

__all__ = ["register", "run"]


def register(subparsers: Any) -> None:  # noqa: ANN401 - argparse's private _SubParsersAction
    """Add the ``check`` sub-command to an argparse sub-parsers object."""
    parser = subparsers.add_parser(
        "check",
        help="check the membership claims of a news text against the record",
        description="Find every membership claim in an English text and judge it against the record.",
    )
    parser.add_argument("file", help="a UTF-8 text file, or - for standard input")
    parser.add_argument("--published", required=True, help="the text's publication date, e.g. 2017-04-12")
    parser.add_argument("--url", default=None, help="where the text appeared (for --claimreview)")
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print the report as JSON")
    output.add_argument("--claimreview", action="store_true", help="print schema.org ClaimReview JSON-LD")


def _read(name: str) -> str:
    if name == "-":
        return sys.stdin.read()
    path = Path(name)
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError as error:
        msg = f"no such file: {name!r}"
        raise TimelineError(msg) from error
    except UnicodeDecodeError as error:
        msg = f"{name!r} is not UTF-8 text"
        raise TimelineError(msg) from error


def run(args: argparse.Namespace, timeline: Any, out: TextIO) -> int:  # noqa: ANN401 - a Timeline
    """Check the file named in ``args`` and write the report to ``out``."""
    try:
        text = _read(args.file)
        report = check(text, published=args.published, timeline=timeline)
    except TimelineError as error:
        sys.stderr.write(f"error: {error}\n")
        return 2
    if args.json:
        json.dump(report.to_dict(), out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif args.claimreview:
        json.dump(to_claimreview(report, url=args.url), out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        out.write(str(report) + "\n")
    return 0
