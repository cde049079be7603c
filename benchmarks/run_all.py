"""Every row of issue 9's table in one run: each benchmark script in its own process, then one table.

Run by hand, from the repository root (PYTHONPATH picks the tree measured)::

    PYTHONPATH=src python benchmarks/run_all.py [--quick] [--runs 3] [--json FILE]

With ``--runs N`` the whole set runs N times, one after another; the table
gives, per row, the median of the runs and their range, and the figures of
the first run. Targets are issue 9's; a row is "met" when the median over the
runs is within its target.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SCRIPTS = ("bench_engine.py", "bench_cow.py", "bench_memory.py", "bench_start.py")
#: (row key, label, which figure is compared with the target: "ratio" or "engine", target, unit of the target)
ROWS: tuple[tuple[str, str, str, float, str], ...] = (
    ("build", "build 50,000 spells (10,000 with --quick): from_records + index every org, vs floor", "ratio", 2.5, "x"),
    ("read_cow", "read_cow on COW IGO v3 vs pandas read_csv + melt + groupby", "ratio", 1.5, "x"),
    ("cow_second", "second read_cow(cache=True) of the same file, to its first answer", "engine", 0.3, "s"),
    ("memory_read", "memory a COW timeline keeps after reading (tracemalloc)", "engine", float("nan"), "MiB"),
    ("memory_indexed", "memory a COW timeline keeps, all IGOs indexed (tracemalloc)", "engine", 100.0, "MiB"),
    ("members_year", "members_on for a year vs a floor for periods", "ratio", 1.5, "x"),
    ("members_during", "members_during vs floor", "ratio", 2.0, "x"),
    ("changes", "changes vs floor", "ratio", 2.0, "x"),
    ("start", "csto-timeline members 2010-01-01 vs python -c 'import attrs, dateutil.parser'", "ratio", 1.5, "x"),
    ("day_members", "day query members_on(date) vs bisect floor", "ratio", 1.3, "x"),
    ("day_status", "day query status_of(state, date) vs bisect floor", "ratio", 1.3, "x"),
    ("day_orgs", "day query organizations_of(state, date) vs bisect floor", "ratio", 1.3, "x"),
)


def run_once(quick: bool, number: int) -> dict[str, dict[str, Any]]:
    """Every script once, each in a fresh process; their rows by key."""
    rows: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(prefix="bench-rows-") as tmp:
        for script in SCRIPTS:
            out = Path(tmp) / f"{script}.json"
            cmd = [sys.executable, str(HERE / script), "--json", str(out), *(["--quick"] if quick else [])]
            print(f"\n===== run {number}: {script} =====", flush=True)
            done = subprocess.run(cmd, check=False, text=True, capture_output=True)  # noqa: S603 - our own scripts
            print(done.stdout.rstrip(), flush=True)
            if done.returncode != 0 or not out.is_file():
                print(f"{script} failed ({done.returncode}):\n{done.stderr[-2000:]}", flush=True)
                continue
            for row in json.loads(out.read_text(encoding="utf-8")):
                rows[row["key"]] = row
    return rows


def figure(row: dict[str, Any] | None, which: str) -> float | None:
    if row is None:
        return None
    value = row[which]
    return None if value is None else float(value)


def summarize(runs: Sequence[dict[str, dict[str, Any]]]) -> list[dict[str, Any]]:
    table = []
    for key, label, which, target, unit in ROWS:
        values = [v for run in runs if (v := figure(run.get(key), which)) is not None]
        first = runs[0].get(key) if runs else None
        median = statistics.median(values) if values else None
        if median is None:
            verdict = "n/a"
        elif target != target:  # NaN: no target of its own  # noqa: PLR0124
            verdict = "-"
        else:
            verdict = "met" if median <= target else "NOT MET"
        table.append({
            "key": key, "what": label, "compared": which, "target": None if target != target else target,  # noqa: PLR0124
            "unit": unit, "values": values, "median": median, "verdict": verdict,
            "first_run": first,
        })  # fmt: skip
    return table


def show(value: float | None, unit: str) -> str:
    if value is None:
        return "n/a"
    if unit == "x":
        return f"{value:.2f}x"
    return f"{value:,.1f} {unit}" if unit == "MiB" else f"{value:,.3f} {unit}"


def print_table(table: Sequence[dict[str, Any]], runs: int) -> None:
    print(f"\n===== issue 9 table: median [range] of {runs} run(s); 'first run' = engine / floor of run 1 =====")
    header = f"{'row':<80} {'now':>24} {'target':>10} {'verdict':>8}   first run"
    print(header)
    print("-" * (len(header) + 30))
    for entry in table:
        unit, values = entry["unit"], entry["values"]
        now = show(entry["median"], unit)
        if len(values) > 1:
            now += f" [{show(min(values), unit)}-{show(max(values), unit)}]"
        target = "-" if entry["target"] is None else f"<= {show(entry['target'], unit)}"
        first = entry["first_run"]
        detail = ""
        if first is not None:
            engine = "n/a" if first["engine"] is None else f"{first['engine']:,.4g}"
            floor = "" if first["floor"] is None else f" / {first['floor']:,.4g}"
            others = "".join(f", {name} {value:,.4g}" for name, value in first.get("others", {}).items())
            detail = f"{engine}{floor} {first['unit']}{others}"
            if "DISAGREES" in first.get("note", ""):
                detail += " (floor disagrees!)"
        print(f"{entry['what']:<80} {now:>24} {target:>10} {entry['verdict']:>8}   {detail}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="smaller synthetic data, fewer repeats: for trying")
    parser.add_argument("--runs", type=int, default=1, help="run the whole set this many times")
    parser.add_argument("--json", help="write every run's rows and the summary to this file")
    args = parser.parse_args(argv)
    runs = [run_once(args.quick, number + 1) for number in range(args.runs)]
    table = summarize(runs)
    print_table(table, args.runs)
    if args.json:
        Path(args.json).write_text(json.dumps({"runs": runs, "table": table}, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
