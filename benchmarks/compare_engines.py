"""Do two source trees give the same answers? Run once before merging an engine rewrite (not a test).

From the repository root::

    git worktree add /work/old-engine 66d444f          # the engine before the rewrite
    python benchmarks/compare_engines.py --old /work/old-engine/src --new /work/main/src [--cow-orgs 100]

Each tree answers the questions of `compare_dump` in its own process (its
PYTHONPATH set to that tree; both use the benchmarks of this checkout): on the
bundled record, every day from 1991-01-01 to 2027-12-31 for every body and
view, status and track, every state the record names (and a few it does not),
``status_of``/``members_on`` for every month and year, ``members_during`` and
``changes`` for every window of whole years, ``history`` and ``explain``; every
``according_to(source)`` timeline at its change points and years; seeded random
``from_records`` timelines; and the real COW IGO file at every change point of
every organization (or a seeded sample of ``--cow-orgs``) and the days either
side. The two dumps are then compared answer by answer: the summary gives the
number of answers compared and every difference, with examples. Exit status 1
when anything differs.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
COW = HERE.parent.parent / "shared" / "data" / "cow" / "igo_year_formatv3.csv.gz"


def command(out: Path, args: argparse.Namespace) -> list[str]:
    cmd = [sys.executable, str(HERE / "compare_dump.py"), str(out), "--random", str(args.random)]
    if args.cow is not None and args.cow.is_file():
        cmd += ["--cow", str(args.cow)]
        if args.cow_orgs is not None:
            cmd += ["--cow-orgs", str(args.cow_orgs)]
    if args.skip:
        cmd += ["--skip", args.skip]
    return cmd


def dump_both(trees: Sequence[Path], outs: Sequence[Path], args: argparse.Namespace) -> list[str]:
    """Run the two dumps side by side (one process per tree, PYTHONPATH set to it); a line per tree."""
    start = time.perf_counter()
    running = []
    for tree, out in zip(trees, outs, strict=True):
        env = {**os.environ, "PYTHONPATH": str(tree)}
        running.append(subprocess.Popen(command(out, args), env=env, stderr=subprocess.PIPE, text=True))  # noqa: S603
    lines = []
    for tree, process in zip(trees, running, strict=True):
        _, err = process.communicate()
        took = time.perf_counter() - start
        state = "done" if process.returncode == 0 else f"FAILED ({process.returncode}); its answers so far are compared"
        lines.append(
            f"{tree}: {state} after {took:.0f} s\n" + "".join(f"    {line}\n" for line in err[-3000:].splitlines())
        )
    return lines


def load(path: Path, drop: Sequence[re.Pattern[str]] = ()) -> dict[str, Any]:
    """Answers by question; ``drop`` removes documented changes of wording from every text answer."""
    answers: dict[str, Any] = {}
    if not path.is_file():
        return answers
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            kind, key, value, *asked = json.loads(line)
            answers[key] = (kind, _without(value, drop), asked[0] if asked else 1)
    return answers


def _without(value: Any, drop: Sequence[re.Pattern[str]]) -> Any:
    if not drop:
        return value
    if isinstance(value, str):
        for pattern in drop:
            value = pattern.sub("", value)
        return value
    if isinstance(value, list):
        return [_without(item, drop) for item in value]
    if isinstance(value, dict):
        return {name: _without(item, drop) for name, item in value.items()}
    return value


def run_differences(old: list[list[str]], new: list[list[str]]) -> tuple[int, list[str]]:
    """Days (run starts) on which two run-length encoded day sweeps differ, with up to three examples."""
    points = sorted({day for day, _ in old} | {day for day, _ in new})
    old_days, new_days = [d for d, _ in old], [d for d, _ in new]
    bad = 0
    examples = []
    for day in points:
        a = old[bisect_right(old_days, day) - 1][1] if old_days and old_days[0] <= day else None
        b = new[bisect_right(new_days, day) - 1][1] if new_days and new_days[0] <= day else None
        if a != b:
            bad += 1
            if len(examples) < 3:
                examples.append(f"from {day}: old {a!r} / new {b!r}")
    return bad, examples


def compare(old: dict[str, Any], new: dict[str, Any], show: int) -> tuple[int, int, list[str]]:
    """(answers compared, differences, report lines)."""
    compared = differences = 0
    lines: list[str] = []
    families: Counter[str] = Counter()
    for key in sorted(old.keys() | new.keys()):
        if key not in old or key not in new:
            differences += 1
            families[family(key)] += 1
            if len(lines) < show:
                lines.append(f"only in {'new' if key in new else 'old'}: {key}")
            continue
        (kind_a, a, asked), (kind_b, b, _) = old[key], new[key]
        if kind_a == "r" and kind_b == "r":
            compared += asked
            bad, examples = run_differences(a, b)
            if bad:
                differences += bad
                families[family(key)] += bad
                if len(lines) < show:
                    lines.append(f"{key}: " + "; ".join(examples))
        else:
            compared += 1
            if a != b:
                differences += 1
                families[family(key)] += 1
                if len(lines) < show:
                    lines.append(f"{key}:\n    old {str(a)[:400]}\n    new {str(b)[:400]}")
    if families:
        kinds = families.most_common()
        more = f", and {len(kinds) - 20} more kinds" if len(kinds) > 20 else ""
        lines.append("differences by kind: " + ", ".join(f"{name} {n}" for name, n in kinds[:20]) + more)
    return compared, differences, lines


def family(key: str) -> str:
    """The kind of question: where it was asked (any account, any random timeline) and the method."""
    parts = key.split("|")
    where = re.sub(r"\(.*\)$", "(*)", parts[0])
    return f"{where}|{parts[1]}" if len(parts) > 1 else where


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--old", type=Path, required=True, help="the old tree's src directory")
    parser.add_argument("--new", type=Path, required=True, help="the new tree's src directory")
    parser.add_argument("--cow", type=Path, default=COW, help=f"COW IGO v3 file (default {COW}; skipped if absent)")
    parser.add_argument("--cow-orgs", type=int, help="compare a seeded sample of this many COW IGOs (default all)")
    parser.add_argument("--random", type=int, default=20, help="seeded random from_records timelines")
    parser.add_argument("--skip", default="", help="parts to skip: bundled, according, random, cow")
    parser.add_argument("--show", type=int, default=20, help="differences shown")
    parser.add_argument("--keep", type=Path, help="keep the two dumps in this directory")
    parser.add_argument(
        "--drop",
        action="append",
        default=[],
        metavar="REGEX",
        help="remove this pattern from every text answer of both trees (a documented change of wording)",
    )
    parser.add_argument(
        "--reuse", action="store_true", help="compare the dumps already in --keep instead of asking again"
    )
    args = parser.parse_args(argv)
    for tree in (args.old, args.new):
        if not (tree / "csto_timeline" / "__init__.py").is_file():
            print(f"{tree} holds no csto_timeline package: pass a tree's src directory", file=sys.stderr)
            return 2
    with tempfile.TemporaryDirectory(prefix="compare-engines-") as tmp:
        where = args.keep or Path(tmp)
        where.mkdir(parents=True, exist_ok=True)
        outs = [where / "old.jsonl", where / "new.jsonl"]
        if not (args.reuse and args.keep):
            for line in dump_both((args.old, args.new), outs, args):
                print(line.rstrip(), flush=True)
        drop = [re.compile(pattern) for pattern in args.drop]
        old, new = load(outs[0], drop), load(outs[1], drop)
    compared, differences, lines = compare(old, new, args.show)
    print(f"\nold {args.old}: {len(old):,} questions; new {args.new}: {len(new):,} questions")
    print(
        f"answers compared: {compared:,} (a day sweep counts each day asked); differences: {differences:,} "
        "(a day sweep counts each stretch of days whose answers differ)"
    )
    for line in lines:
        print(f"  {line}")
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
