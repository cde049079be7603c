"""What every benchmark script shares: the machine, timing loops, day bounds of raw dates, JSON rows.

Nothing here imports csto_timeline: the floors are built from raw tuples of
ints and strings, never from the engine's objects, so that they cannot reuse
work the engine cached (or the other way round).
"""

from __future__ import annotations

import calendar
import datetime as dt
import gc
import json
import os
import platform
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
COW_FILE = ROOT.parent / "shared" / "data" / "cow" / "igo_year_formatv3.csv.gz"
#: Exclusive end of an open spell (after every query date).
OPEN = dt.date(9999, 12, 31).toordinal()
REWARM = 200  # queries run untimed before each timed pass of a method

Raw = tuple[int, int | None, int | None]  # (year, month or None, day or None)


def bounds(date: Raw) -> tuple[int, int]:
    """First and last possible day (ordinals) of a raw (year, month, day) date of any precision."""
    year, month, day = date
    if day is not None and month is not None:
        ordinal = dt.date(year, month, day).toordinal()
        return ordinal, ordinal
    if month is not None:
        first = dt.date(year, month, 1).toordinal()
        return first, first + calendar.monthrange(year, month)[1] - 1
    return dt.date(year, 1, 1).toordinal(), dt.date(year, 12, 31).toordinal()


# ---------------------------------------------------------------- results


@dataclass
class Row:
    """One measured figure: engine against a floor (or an absolute figure), for run_all's table."""

    key: str  # which row of the table (see run_all.ROWS)
    what: str
    engine: float | None  # seconds, ns/query or MiB, as `unit` says
    floor: float | None
    unit: str
    ratio: float | None = None
    note: str = ""
    others: dict[str, float] = field(default_factory=dict)  # alternatives (intervaltree, sqlite, pandas)

    def __post_init__(self) -> None:
        if self.ratio is None and self.engine is not None and self.floor:
            self.ratio = self.engine / self.floor


def emit(rows: Sequence[Row], path: str | None) -> None:
    """Print the rows and, with ``--json FILE``, write them for run_all."""
    print()
    for row in rows:
        ratio = f"{row.ratio:.2f}x" if row.ratio is not None else "-"
        engine = "n/a" if row.engine is None else f"{row.engine:,.3f}"
        floor = "-" if row.floor is None else f"{row.floor:,.3f}"
        others = "".join(f", {name} {value:,.3f}" for name, value in row.others.items())
        print(f"ROW {row.key:<16} {row.what}: engine {engine} {row.unit}, floor {floor}{others}; ratio {ratio}")
        if row.note:
            print(f"    {row.note}")
    if path:
        Path(path).write_text(json.dumps([asdict(row) for row in rows], indent=1), encoding="utf-8")


def machine() -> list[str]:
    """The machine and versions, printed at the top of every script's output."""
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return [
        f"machine: {platform.machine()}, {os.cpu_count()} CPUs, {cpu}; load average {load}",
        f"python {platform.python_version()}, {platform.platform()}, sqlite {sqlite3.sqlite_version}",
        f"PYTHONPATH={os.environ.get('PYTHONPATH', '')!r}, argv {sys.argv[1:]}",
    ]


# ----------------------------------------------------------------- timing


def timed(build: Callable[[], Any]) -> tuple[Any, float]:
    """(result, seconds) of one call, after a full collection."""
    gc.collect()
    start = time.perf_counter()
    built = build()
    return built, time.perf_counter() - start


def timer_overhead(samples: int = 20_001) -> float:
    """Median ns between two back-to-back ``perf_counter_ns`` calls, taken off every measurement."""
    clock = time.perf_counter_ns
    gaps = []
    for _ in range(samples):
        start = clock()
        gaps.append(clock() - start)
    return statistics.median(gaps)


# One loop per call shape, so that every method is called exactly the same way
# (no adapter lambda, which would add the same constant to both sides and
# flatter the slower one). `swallow` is the engine's UncertainStatusError.


def each_day(
    fn: Callable[..., object], queries: Sequence[tuple[Any, ...]], overhead: float, swallow: type
) -> list[float]:
    """fn(date, org=org) for (date, org, _) queries."""
    clock = time.perf_counter_ns
    out: list[float] = []
    for date, org, _ in queries:
        start = clock()
        fn(date, org=org)
        out.append(clock() - start - overhead)
    del swallow
    return out


def each_status(
    fn: Callable[..., object], queries: Sequence[tuple[Any, ...]], overhead: float, swallow: type
) -> list[float]:
    """fn(state, date, org=org) for (date, org, state) queries; the engine's undecided answer is caught inside."""
    clock = time.perf_counter_ns
    out: list[float] = []
    for date, org, state in queries:
        start = clock()
        try:  # noqa: SIM105 - contextlib.suppress would add its own cost
            fn(state, date, org=org)
        except swallow:
            pass
        out.append(clock() - start - overhead)
    return out


def each_orgs(
    fn: Callable[..., object], queries: Sequence[tuple[Any, ...]], overhead: float, swallow: type
) -> list[float]:
    """fn(state, date) for (date, _, state) queries."""
    clock = time.perf_counter_ns
    out: list[float] = []
    for date, _, state in queries:
        start = clock()
        fn(state, date)
        out.append(clock() - start - overhead)
    del swallow
    return out


def each_window(
    fn: Callable[..., object], queries: Sequence[tuple[Any, ...]], overhead: float, swallow: type
) -> list[float]:
    """fn(start, end, org=org) for (start, end, org) queries."""
    clock = time.perf_counter_ns
    out: list[float] = []
    for start_, end, org in queries:
        start = clock()
        fn(start_, end, org=org)
        out.append(clock() - start - overhead)
    del swallow
    return out


LOOPS = {"day": each_day, "status": each_status, "orgs": each_orgs, "window": each_window}


def compare_speed(
    shape: str,
    methods: dict[str, Callable[..., object]],
    queries: Sequence[tuple[Any, ...]],
    *,
    passes: int,
    swallow: type,
    overhead: float,
) -> dict[str, float]:
    """Median over the queries of each query's best pass, in ns, per method.

    Every method answers all queries once untimed, then the methods are timed in
    turn, pass after pass, with the cyclic collector paused, so that drift of a
    shared machine hits them alike; other work only ever adds time, so each
    query's best pass is kept.
    """
    loop = LOOPS[shape]
    for fn in methods.values():
        loop(fn, queries, 0.0, swallow)
    runs: dict[str, list[list[float]]] = {name: [] for name in methods}
    for _ in range(passes):
        for name, fn in methods.items():
            gc.collect()
            gc.disable()
            try:
                loop(fn, queries[:REWARM], 0.0, swallow)
                runs[name].append(loop(fn, queries, overhead, swallow))
            finally:
                gc.enable()
    return {
        name: float(statistics.median([min(times) for times in zip(*per_pass, strict=True)]))
        for name, per_pass in runs.items()
    }
