"""Queries on the real Correlates of War IGO v3 file: csto_timeline against pandas and a bisect floor.

Run by hand (never by the test suite), from the repository root::

    pip install -e ".[bench]"
    python benchmarks/bench_cow.py [PATH]

PATH is COW's ``igo_year_formatv3.csv.gz`` (default: ``../shared/data/cow/``
next to the repository); COW's ``states2016.csv`` must sit next to it. The
project does not ship these files: users bring their own copy.

In one run it reports the load time, the index build time, and per-query times
of two questions asked the same random way of every method:

* members of an IGO in 1995: ``members_on("1995", org=ioname)`` (certain members);
* organizations of a state on a day: ``organizations_of(state, date)``.

The alternatives are a pandas lookup over the wide table (a row by
``(ioname, year)`` and a boolean test of its state columns; a column of the
rows of one year) and a floor: a ``bisect`` over precomputed change points and
snapshot sets, built from the same file with the csv module.

The engine reads a run of equal yearly cells from year A to year B as a status
from some day of A to some day of B+1, so in the year a membership starts or
ends it is uncertain, not certain. The floor is built with that rule and must
give the engine's certain answers; pandas answers "coded 1 that year", so it is
compared with the engine only on the states (or IGOs) whose cell did not
change from the year before.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import gc
import gzip
import random
import statistics
import sys
import time
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from bench_engine import machine, timed_ms, timer_overhead

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "data" / "cow" / "igo_year_formatv3.csv.gz"
MEMBERS_YEAR = 1995
FIRST_YEAR, LAST_YEAR = 1966, 2014  # yearly rows (COW v3 has five-year steps before 1965)
META = frozenset(
    {
        "ioname", "orgname", "year", "sdate", "deaddate", "dead", "integrated", "replaced", "longorgname",
        "ionum", "igocode", "version", "accuracyofpre1965membershipdates", "sourcesandnotes", "imputed",
        "political", "social", "economic",
    }
)  # fmt: skip


# ------------------------------------------------------------------- file


def read_table(path: Path) -> tuple[list[str], dict[tuple[str, int], list[int]]]:
    """State columns and, per (ioname, year), the state cells; plain csv, no pandas."""
    with (
        gzip.open(path, "rt", encoding="utf-8", newline="")
        if path.suffix == ".gz"
        else path.open(encoding="utf-8", newline="") as handle
    ):
        reader = csv.reader(handle)
        header = [column.strip() for column in next(reader)]
        at = [i for i, column in enumerate(header) if column not in META]
        io_at, year_at = header.index("ioname"), header.index("year")
        cells = {}
        for row in reader:
            cells[(row[io_at].strip(), int(row[year_at]))] = [int(row[i]) if row[i].strip() else -1 for i in at]
    return [header[i] for i in at], cells


def column_codes(state_list: Path, columns: Sequence[str], registry: Any) -> dict[str, str]:
    """COW column name -> ISO alpha-3 code, through states2016.csv's ccode and the timeline's states."""
    by_column: dict[str, int] = {}
    with state_list.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            by_column.setdefault(row["state"].strip(), int(row["ccode"]))
    codes = {}
    for column in columns:
        ccode = by_column.get(column)
        state = registry.by_cow(ccode) if ccode is not None else None
        if state is not None:
            codes[column] = state.alpha3
    return codes


def certain_member(cells: dict[tuple[str, int], list[int]], ioname: str, year: int, position: int) -> bool:
    """The engine's rule: a member throughout ``year`` when coded 1 that year and the year before."""
    here, before = cells.get((ioname, year)), cells.get((ioname, year - 1))
    return here is not None and before is not None and here[position] == 1 and before[position] == 1


# ----------------------------------------------------------- alternatives


class Floor:
    """Change points per IGO (years) and per state (first days of years), and frozen snapshot sets."""

    def __init__(self, columns: Sequence[str], cells: dict[tuple[str, int], list[int]], codes: dict[str, str]) -> None:
        years_of: dict[str, list[int]] = defaultdict(list)
        for ioname, year in cells:
            years_of[ioname].append(year)
        self.igos: dict[str, tuple[list[int], list[frozenset[str]]]] = {}
        orgs_by_state_year: dict[str, dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
        coded = [(position, codes[column]) for position, column in enumerate(columns) if column in codes]
        for ioname, years in years_of.items():
            years.sort()
            sets = []
            for year in years:
                members = frozenset(code for position, code in coded if certain_member(cells, ioname, year, position))
                sets.append(members)
                for code in members:
                    orgs_by_state_year[code][year].add(ioname)
            # The year after the last row: nothing (the data stop).
            self.igos[ioname] = ([*years, years[-1] + 1], [*sets, frozenset()])
        self.states: dict[str, tuple[list[int], list[frozenset[str]]]] = {}
        all_years = sorted({year for _, year in cells})
        for code, by_year in orgs_by_state_year.items():
            points = [dt.date(year, 1, 1).toordinal() for year in all_years]
            self.states[code] = (points, [frozenset(by_year.get(year, ())) for year in all_years])

    def members_on(self, year: str, *, org: str) -> frozenset[str]:
        points, sets = self.igos[org]
        i = bisect_right(points, int(year)) - 1
        return sets[i] if i >= 0 else frozenset()

    def organizations_of(self, state: str, date: dt.date) -> frozenset[str]:
        entry = self.states.get(state)
        if entry is None:
            return frozenset()
        points, sets = entry
        i = bisect_right(points, date.toordinal()) - 1
        return sets[i] if i >= 0 else frozenset()


class Pandas:
    """The wide table in pandas: one row by (ioname, year), one year's rows of one column."""

    def __init__(self, frame: Any, codes: dict[str, str]) -> None:  # a pandas DataFrame of the whole file
        columns = [column for column in frame.columns if column not in META]
        self.column_of = {code: column for column, code in codes.items()}
        self.by_igo = frame.set_index(["ioname", "year"])[columns].sort_index()
        self.by_year = frame.set_index(["year", "ioname"])[columns].sort_index()
        self.code_of = codes

    def members_on(self, year: str, *, org: str) -> set[str]:
        row = self.by_igo.loc[(org, int(year))]
        return {self.code_of.get(column, column) for column in row.index[row.to_numpy() == 1]}

    def organizations_of(self, state: str, date: dt.date) -> set[str]:
        column = self.column_of.get(state)
        if column is None:
            return set()
        cells = self.by_year.loc[date.year, column]
        return set(cells.index[cells.to_numpy() == 1])


# ------------------------------------------------------------- agreement


def check_agreement(
    tl: Any,  # a Timeline
    frame: Pandas,
    floor: Floor,
    columns: Sequence[str],
    cells: dict[tuple[str, int], list[int]],
    codes: dict[str, str],
    member_queries: Sequence[tuple[str, str]],
    org_queries: Sequence[tuple[str, dt.date]],
) -> tuple[list[str], int]:
    """Compare the certain answers; returns the disagreements and the queries skipped.

    Two cases are left out because the engine is right and the floor's
    year-granular rule is not: a state whose run of 1s starts in year Y is
    certainly a member on 31 December of Y (its start is "some day of Y"), and
    years without a row between two rows that agree keep the status
    (``read_cow``'s ``gaps="carry"``). An IGO whose rows have ended is no gap.
    """
    position = {column: i for i, column in enumerate(columns)}
    column_of = {code: column for column, code in codes.items()}
    years_of: dict[str, list[int]] = defaultdict(list)
    for ioname, year in cells:
        years_of[ioname].append(year)
    mismatches: list[str] = []
    for when, org in member_queries[:300]:
        engine = {s.alpha3 for s in tl.members_on(when, org=org).certain}
        y = int(when)
        if (org, y - 1) not in cells and min(years_of[org]) < y:
            continue  # a gap year before: the carry rule decides
        if engine != floor.members_on(when, org=org):
            mismatches.append(f"members_on({when!r}, org={org!r}): engine {sorted(engine)} != floor")
        before = cells.get((org, y - 1))
        steady = {
            c
            for c, col in column_of.items()
            if before is not None and cells[(org, y)][position[col]] == before[position[col]]
        }
        if engine & steady != frame.members_on(when, org=org) & steady:
            mismatches.append(f"members_on({when!r}, org={org!r}): engine and pandas differ on unchanged cells")
    skipped = 0
    for state, day in org_queries[:300]:
        if (day.month, day.day) == (12, 31):
            skipped += 1
            continue
        y = day.year
        gaps = {
            ioname
            for ioname, years in years_of.items()
            if min(years) < y <= max(years) and ((ioname, y) not in cells or (ioname, y - 1) not in cells)
        }
        engine_orgs = set(tl.organizations_of(state, day)) - gaps
        expected = floor.organizations_of(state, day) - gaps
        if engine_orgs != expected:
            extra, missing = sorted(engine_orgs - expected), sorted(expected - engine_orgs)
            ended = [ioname for ioname in extra if max(years_of[ioname]) < y]
            why = f" ({len(ended)} of them have no row after {y - 1})" if ended else ""
            mismatches.append(f"organizations_of({state!r}, {day}): engine adds {extra[:5]}{why}, misses {missing[:5]}")
        p = position[column_of[state]]
        steady_orgs = {
            ioname
            for (ioname, year), row in cells.items()
            if year == y and (ioname, y - 1) in cells and cells[(ioname, y - 1)][p] == row[p]
        }
        if (engine_orgs & steady_orgs) != (frame.organizations_of(state, day) & steady_orgs):
            mismatches.append(f"organizations_of({state!r}, {day}): engine and pandas differ on unchanged cells")
    return mismatches, skipped


# ----------------------------------------------------------------- timing


def time_each(call: Callable[[Any, Any], object], queries: Sequence[tuple[Any, Any]], overhead: float) -> list[float]:
    clock = time.perf_counter_ns
    times: list[float] = []
    for a, b in queries:
        start = clock()
        call(a, b)
        times.append(clock() - start - overhead)
    return times


def best_median(
    call: Callable[[Any, Any], object], queries: Sequence[tuple[Any, Any]], passes: int, overhead: float
) -> tuple[float, float]:
    """(median ns over the queries of each query's best pass, best total ms)."""
    for a, b in queries:  # warm-up pass
        call(a, b)
    gc.collect()
    gc.disable()
    try:
        runs = [time_each(call, queries, overhead) for _ in range(passes)]
    finally:
        gc.enable()
    best = [min(times) for times in zip(*runs, strict=True)]
    return statistics.median(best), min(sum(run) for run in runs) / 1e6


# ------------------------------------------------------------------- main


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT, help=f"COW IGO-year file (default {DEFAULT})")
    parser.add_argument("--queries", type=int, default=2_000)
    parser.add_argument("--passes", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1995)
    args = parser.parse_args(argv)
    path: Path = args.path
    if not path.is_file():
        print(
            f"no COW IGO file at {path}: pass the path of igo_year_formatv3.csv.gz (Correlates of War IGO v3), "
            "with COW's states2016.csv next to it",
            file=sys.stderr,
        )
        return 2
    state_list = path.parent / "states2016.csv"
    if not state_list.is_file():
        print(f"no {state_list}: COW's states2016.csv must sit next to the IGO file", file=sys.stderr)
        return 2
    try:
        from csto_timeline import read_cow  # noqa: PLC0415
    except ImportError as error:
        print(f"csto_timeline has no COW reader yet ({error})", file=sys.stderr)
        return 2
    try:
        import pandas as pd  # noqa: PLC0415
    except ImportError:
        print("pandas is missing: pip install -e '.[bench]'", file=sys.stderr)
        return 2

    for line in machine():
        print(line)
    print(f"pandas {pd.__version__}; file {path} ({path.stat().st_size / 1e3:.0f} kB gzip)")

    tl, load_ms = timed_ms(lambda: read_cow(path))
    print(f"read_cow: {load_ms:.0f} ms -> {tl!r}")

    bodies = tl.bodies
    _, index_ms = timed_ms(
        lambda: [
            tl.members_on(str(body.coverage_start.year), org=key) for key, body in bodies.items() if body.coverage_start
        ]
    )

    (columns, cells), floor_load_ms = timed_ms(lambda: read_table(path))
    codes = column_codes(state_list, columns, tl.states)
    floor, floor_ms = timed_ms(lambda: Floor(columns, cells, codes))
    raw, pandas_load_ms = timed_ms(lambda: pd.read_csv(path))
    frame, pandas_ms = timed_ms(lambda: Pandas(raw, codes))

    rng = random.Random(args.seed)
    alive = sorted(ioname for ioname, year in cells if year == MEMBERS_YEAR)
    states = sorted(set(codes.values()))
    year = str(MEMBERS_YEAR)
    member_queries = [(year, rng.choice(alive)) for _ in range(args.queries)]
    org_queries = [
        (
            rng.choice(states),
            dt.date.fromordinal(
                rng.randint(dt.date(FIRST_YEAR, 1, 1).toordinal(), dt.date(LAST_YEAR, 12, 31).toordinal())
            ),
        )
        for _ in range(args.queries)
    ]

    mismatches, skipped = check_agreement(tl, frame, floor, columns, cells, codes, member_queries, org_queries)
    if mismatches:
        print(f"\nDISAGREEMENT on {len(mismatches)} checked queries (timings below are still reported); first ones:")
        for line in mismatches[:5]:
            print(f"  {line}")
    else:
        print(
            "\nagreement: engine, floor and pandas give the same certain answers on 300 + 300 checked queries "
            f"({skipped} organizations_of queries on a 31 December skipped)"
        )

    overhead = timer_overhead()
    rows: list[tuple[str, float, float, tuple[float, float], tuple[float, float]]] = []
    for name, load, build, members, orgs in (
        ("engine", load_ms, index_ms, lambda a, b: tl.members_on(a, org=b), tl.organizations_of),
        ("pandas", pandas_load_ms, pandas_ms, lambda a, b: frame.members_on(a, org=b), frame.organizations_of),
        ("floor", floor_load_ms, floor_ms, lambda a, b: floor.members_on(a, org=b), floor.organizations_of),
    ):
        rows.append(
            (
                name,
                load,
                build,
                best_median(members, member_queries, args.passes, overhead),
                best_median(orgs, org_queries, args.passes, overhead),
            )
        )

    print(
        f"\nload: engine = read_cow, pandas = read_csv, floor = the csv module. build: engine = first members_on of "
        "every IGO (builds every index), pandas = two sorted MultiIndex copies of the table, floor = change points "
        f"and snapshot sets.\n{args.queries} queries each: members_on({year!r}, org=<random IGO with a {year} row>), "
        f"organizations_of(<random state>, <random day {FIRST_YEAR}-{LAST_YEAR}>). ns/q = median over the queries of "
        f"each query's best of {args.passes} passes, less the timer's own {overhead:.0f} ns; total ms = best pass "
        "(a lambda adapts members_on's keyword for every method alike).\n"
    )
    header = (
        f"{'method':<8} {'load ms':>8} {'build ms':>9} {'members_on ns/q':>16} {'total ms':>9}"
        f" {'organizations_of ns/q':>22} {'total ms':>9} {'x floor (m)':>11} {'x floor (o)':>11}"
    )
    print(header)
    print("-" * len(header))
    fm, fo = rows[-1][3][0], rows[-1][4][0]
    for name, load, build, (m, mt), (o, ot) in rows:
        print(
            f"{name:<8} {load:8.0f} {build:9.0f} {m:16.0f} {mt:9.1f} {o:22.0f} {ot:9.1f} {m / fm:11.1f} {o / fo:11.1f}"
        )
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
