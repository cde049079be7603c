"""The ``check`` command: ``csto-timeline check FILE|- --published DATE [--json | --claimreview]``.

The main command line imports this module only when ``check`` is run, and calls
`register` to add the command; its handler returns the report as text for
people, as data for ``--json``, or as schema.org ClaimReview JSON-LD.
"""

from __future__ import annotations

import argparse
import functools
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import attrs

from csto_timeline._timeline import Timeline
from csto_timeline.exceptions import TimelineError

from . import MAX_TEXT, check, to_claimreview

__all__ = ["CheckResult", "register", "run_check"]


@attrs.frozen
class CheckResult:
    """The command's answer: text for people, data for ``--json``, the exit status."""

    text: str
    data: object
    status: int = 0


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    *,
    parents: Sequence[argparse.ArgumentParser] = (),
    timeline: Callable[[argparse.Namespace], Timeline],
) -> None:
    """Add the ``check`` command; ``timeline`` builds the timeline from the parsed arguments."""
    parser = subparsers.add_parser(
        "check",
        help="check the membership claims of a news text against the record",
        description="Find every membership claim in an English text and judge it against the record "
        "(verdicts: docs/check.md).",
        parents=list(parents),
        epilog="example:\n  csto-timeline check article.txt --published 2017-04-12\n"
        "  curl -s URL | csto-timeline check - --published 2024-02-23 --json",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("file", metavar="FILE", help="a UTF-8 text file, or - for standard input")
    parser.add_argument("--published", required=True, help="the text's publication date, e.g. 2017-04-12")
    parser.add_argument("--url", default=None, help="where the text appeared (for --claimreview)")
    parser.add_argument("--claimreview", action="store_true", help="print schema.org ClaimReview JSON-LD")
    parser.set_defaults(handler=functools.partial(run_check, timeline=timeline))


def _read(name: str) -> str:
    if name == "-":
        text = sys.stdin.read(MAX_TEXT + 1)
    else:
        path = Path(name)
        if not path.is_file():
            msg = f"{name!r} is not a readable file; give the path of a UTF-8 text file, or - for standard input"
            raise TimelineError(msg)
        try:
            with path.open(encoding="utf-8") as handle:
                text = handle.read(MAX_TEXT + 1)
        except UnicodeDecodeError:
            msg = f"{name!r} is not UTF-8 text; save the article as UTF-8 first"
            raise TimelineError(msg) from None
    return text


def run_check(args: argparse.Namespace, *, timeline: Callable[[argparse.Namespace], Timeline]) -> CheckResult:
    """Check the file named in ``args`` against the timeline the arguments choose."""
    if args.claimreview and args.json:
        msg = "--json and --claimreview cannot be combined; choose one output"
        raise TimelineError(msg)
    text = _read(args.file)
    report = check(text, published=args.published, timeline=timeline(args))
    data = report.to_dict()
    if args.claimreview:
        return CheckResult(json.dumps(to_claimreview(report, url=args.url), ensure_ascii=False, indent=2), data)
    return CheckResult(str(report), data)
