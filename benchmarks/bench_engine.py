"""Day-query benchmark of the csto_timeline engine against the usual alternatives.

Run by hand (never by the test suite), from the repository root::

    pip install -e ".[bench]"
    python benchmarks/bench_engine.py            # full scale, about two minutes
    python benchmarks/bench_engine.py --profile  # adds a cProfile of the engine's two queries
    python benchmarks/bench_engine.py --scaling  # only: build cost as the data grows, two ways
    python benchmarks/bench_engine.py --scaling --no-gc  # the same with the cyclic collector off

It builds one synthetic timeline at the scale of the Correlates of War IGO
data (500 organizations, 50,000 spells, 200 states, day/month/year-precision
boundaries, open spells) from a seeded random generator, so every run sees the
same data and the same queries. In one run it times, on the same random
queries:

* ``engine``: ``Timeline.members_on(date, org=...)`` and
  ``Timeline.status_of(state, date, org=...)`` with ``datetime.date`` dates;
* ``naive scan``: a list comprehension over every spell, filtering by org
  (and state) and certain containment;
* ``intervaltree``: one ``IntervalTree`` per org, queried with ``.at(ordinal)``;
* ``sqlite``: an in-memory table with indexes on (org, start, end) and
  (org, state, start);
* ``floor``: a bare ``bisect`` and dictionary look-up on precomputed change
  points and snapshot sets, with no validation and no argument handling.

Before timing, every alternative is checked against the engine on a sample of
the queries: the certain members must be the same set, and the status must be
the same on every day that no imprecise boundary makes uncertain.

Every method first answers all the queries once, untimed (the naive scan, at
milliseconds a query, only 20). Then the methods are timed in turn, pass after
pass (5 by default; the naive scan once), with the garbage collector paused.
On a shared machine other work only adds time, so best passes are kept:
``ns/q`` is the median over the queries of each query's best time, every call
timed on its own with ``time.perf_counter_ns`` less the timer's own cost (the
median gap between two back-to-back calls); ``total`` is the best time of one
loop over all the queries with no timer inside it.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import gc
import io
import os
import platform
import pstats
import random
import sqlite3
import statistics
import sys
import time
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from functools import partial
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Protocol, TypeVar

import csto_timeline
from csto_timeline import MembershipRecord, PartialDate, Source, State, Status, Timeline, UncertainStatusError

SEED = 20_240_601
FIRST_DAY = dt.date(1816, 1, 1).toordinal()
LAST_DAY = dt.date(2020, 12, 31).toordinal()
QUERY_FIRST = dt.date(1900, 1, 1).toordinal()
#: Exclusive end of an open spell's certain part (after any query date).
OPEN = dt.date(9999, 12, 31).toordinal()
#: Share of boundaries known to a day, a month, a year (rest of 1.0).
DAY_SHARE, MONTH_SHARE = 0.55, 0.20
STATUS_WEIGHTS = ((Status.MEMBER, 0.78), (Status.ASSOCIATE, 0.09), (Status.OBSERVER, 0.09), (Status.SUSPENDED, 0.04))
REWARM = 300  # queries run untimed before each timed run of a method
UNCERTAIN = "uncertain"  # the floor's marker for a segment the evidence cannot decide


# ------------------------------------------------------------------- data


@dataclass(frozen=True)
class Spec:
    """One generated record, with the ordinals every alternative indexes."""

    org: str
    state: str
    status: Status
    start: PartialDate
    end: PartialDate | None

    @property
    def certain(self) -> tuple[int, int]:
        """[first, last) ordinals on which the status certainly holds."""
        hi = OPEN if self.end is None else self.end.earliest.toordinal()
        return self.start.latest.toordinal(), hi


def _coarsen(rng: random.Random, day: int) -> PartialDate:
    date = dt.date.fromordinal(day)
    draw = rng.random()
    if draw < DAY_SHARE:
        return PartialDate(date.year, date.month, date.day)
    if draw < DAY_SHARE + MONTH_SHARE:
        return PartialDate(date.year, date.month)
    return PartialDate(date.year)


def _status(rng: random.Random, other_than: Status | None = None) -> Status:
    statuses = [status for status, _ in STATUS_WEIGHTS]
    weights = [weight for _, weight in STATUS_WEIGHTS]
    while True:
        status = rng.choices(statuses, weights)[0]
        if status is not other_than:
            return status


def make_states(count: int) -> list[State]:
    """``count`` synthetic states with ISO 3166 user-assigned codes (QMA to QZZ) the registry does not use."""
    from csto_timeline._resources import bundled_states  # noqa: PLC0415 - the registry from_records merges with

    taken = {state.alpha3 for state in bundled_states()}
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    codes = [f"Q{a}{b}" for a in letters[letters.index("M") :] for b in letters if f"Q{a}{b}" not in taken]
    if len(codes) < count:
        raise SystemExit(f"only {len(codes)} free codes for synthetic states; ask for fewer than {count}")
    return [State.of(code, None, f"Benchland {number:03d}") for number, code in enumerate(codes[:count])]


def make_specs(rng: random.Random, n_orgs: int, n_spells: int, states: Sequence[State]) -> list[Spec]:
    """``n_spells`` records spread evenly over ``n_orgs`` organizations.

    A state's spells in one organization are at least 366 days long and either
    meet at a shared boundary (a change of status) or leave a gap of at least
    366 days, so that coarsening a boundary to its month or year never makes
    two records overlap. About a fifth of organizations have died; in the
    others a state's last spell is often still open.
    """
    per_org = n_spells // n_orgs
    specs: list[Spec] = []
    codes = [state.alpha3 for state in states]
    for number in range(n_orgs):
        org = f"IGO{number:03d}"
        founded = rng.randint(dt.date(1850, 1, 1).toordinal(), dt.date(2000, 1, 1).toordinal())
        alive = rng.random() < 0.8
        dissolved = LAST_DAY if alive else rng.randint(min(founded + 20 * 365, LAST_DAY - 1), LAST_DAY)
        members = rng.sample(codes, len(codes))
        made: list[Spec] = []
        position = 0
        while len(made) < per_org:
            if position == len(members):
                msg = f"{org}: {len(members)} states give fewer than {per_org} spells; use more states"
                raise SystemExit(msg)
            state = members[position]
            position += 1
            made.extend(_state_spells(rng, org, state, founded, dissolved, alive=alive))
        specs.extend(made[:per_org])
    return specs


def _state_spells(rng: random.Random, org: str, state: str, founded: int, dissolved: int, *, alive: bool) -> list[Spec]:
    wanted = rng.choices((1, 2, 3), weights=(60, 25, 15))[0]
    day = founded + rng.randint(0, max(0, min(40 * 365, dissolved - founded - 366)))
    result: list[Spec] = []
    start: PartialDate | None = None
    previous: Status | None = None
    for number in range(wanted):
        if day + 366 > dissolved:
            break
        start = start or _coarsen(rng, day)
        status = _status(rng, previous)
        end_day = day + rng.randint(366, 40 * 365)
        if alive and (end_day >= dissolved or (number == wanted - 1 and rng.random() < 0.4)):
            result.append(Spec(org, state, status, start, None))  # still so
            break
        end_day = min(end_day, dissolved)
        end = _coarsen(rng, end_day)
        result.append(Spec(org, state, status, start, end))
        if rng.random() < 0.5:  # a change of status at the same boundary
            start, previous, day = end, status, end_day
        else:
            start, previous, day = None, None, end_day + rng.randint(366, 20 * 365)
    return result


def to_records(specs: Sequence[Spec], source: Source) -> list[MembershipRecord]:
    return [MembershipRecord(s.org, s.state, s.status, s.start, s.end, source) for s in specs]


def uncertain_days(specs: Sequence[Spec]) -> dict[tuple[str, str], list[tuple[int, int]]]:
    """Per (org, state), the [first, last) ordinal ranges an imprecise boundary makes uncertain."""
    ranges: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
    for spec in specs:
        for boundary in (spec.start, spec.end):
            if boundary is not None and boundary.day is None:
                ranges[(spec.org, spec.state)].append((boundary.earliest.toordinal(), boundary.latest.toordinal()))
    return ranges


def is_uncertain(ranges: dict[tuple[str, str], list[tuple[int, int]]], org: str, state: str, day: int) -> bool:
    return any(first <= day < last for first, last in ranges.get((org, state), ()))


# ----------------------------------------------------------- alternatives

T = TypeVar("T")
MembersFn = Callable[..., object]
StatusFn = Callable[..., object]


class Alternative(Protocol):
    """What every alternative answers, called like the engine."""

    def members_on(self, date: dt.date, *, org: str) -> Collection[str]: ...
    def status_of(self, state: str, date: dt.date, *, org: str) -> object: ...


class Naive:
    """A list comprehension over every spell: filter by org, certain containment."""

    def __init__(self, specs: Sequence[Spec]) -> None:
        self.rows = [(s.org, s.state, s.status, *s.certain) for s in specs]

    def members_on(self, date: dt.date, *, org: str) -> set[str]:
        day = date.toordinal()
        member = Status.MEMBER
        return {s for o, s, st, lo, hi in self.rows if o == org and st is member and lo <= day < hi}

    def status_of(self, state: str, date: dt.date, *, org: str) -> Status | None:
        day = date.toordinal()
        found = [st for o, s, st, lo, hi in self.rows if o == org and s == state and lo <= day < hi]
        return found[0] if found else None


class Trees:
    """One ``intervaltree.IntervalTree`` per org over the certain part of each spell."""

    def __init__(self, specs: Sequence[Spec]) -> None:
        from intervaltree import Interval, IntervalTree  # type: ignore[import-untyped]  # noqa: PLC0415 - bench extra

        grouped: dict[str, list[Interval]] = defaultdict(list)
        for spec in specs:
            lo, hi = spec.certain
            if lo < hi:
                grouped[spec.org].append(Interval(lo, hi, (spec.state, spec.status)))
        self.trees = {org: IntervalTree(intervals) for org, intervals in grouped.items()}

    def members_on(self, date: dt.date, *, org: str) -> set[str]:
        member = Status.MEMBER
        return {iv.data[0] for iv in self.trees[org].at(date.toordinal()) if iv.data[1] is member}

    def status_of(self, state: str, date: dt.date, *, org: str) -> Status | None:
        for iv in self.trees[org].at(date.toordinal()):
            if iv.data[0] == state:
                return iv.data[1]  # type: ignore[no-any-return]
        return None


class Sql:
    """An in-memory SQLite table of certain spell parts, indexed for both queries."""

    def __init__(self, specs: Sequence[Spec]) -> None:
        self.db = sqlite3.connect(":memory:")
        self.db.execute("CREATE TABLE spell (org TEXT, state TEXT, status TEXT, start INTEGER, stop INTEGER)")
        self.db.executemany(
            "INSERT INTO spell VALUES (?, ?, ?, ?, ?)", [(s.org, s.state, s.status.value, *s.certain) for s in specs]
        )
        self.db.execute("CREATE INDEX by_org ON spell (org, start, stop)")
        self.db.execute("CREATE INDEX by_state ON spell (org, state, start)")
        self.db.execute("ANALYZE")
        self.db.commit()
        self.statuses = {status.value: status for status in Status}

    def members_on(self, date: dt.date, *, org: str) -> set[str]:
        day = date.toordinal()
        rows = self.db.execute(
            "SELECT state FROM spell WHERE org = ? AND start <= ? AND stop > ? AND status = 'member'", (org, day, day)
        )
        return {row[0] for row in rows}

    def status_of(self, state: str, date: dt.date, *, org: str) -> Status | None:
        day = date.toordinal()
        row = self.db.execute(
            "SELECT status FROM spell INDEXED BY by_state WHERE org = ? AND state = ? AND start <= ? AND stop > ?",
            (org, state, day, day),
        ).fetchone()
        return None if row is None else self.statuses[row[0]]


class Floor:
    """Precomputed change points and snapshots: one bisect and one or two dict look-ups."""

    def __init__(self, specs: Sequence[Spec]) -> None:
        members: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
        by_state: dict[tuple[str, str], list[Spec]] = defaultdict(list)
        for spec in specs:
            by_state[(spec.org, spec.state)].append(spec)
            if spec.status is Status.MEMBER:
                lo, hi = spec.certain
                members[spec.org].append((lo, +1, spec.state))
                members[spec.org].append((hi, -1, spec.state))
        self.members: dict[str, tuple[list[int], list[frozenset[str]]]] = {}
        for org, changes in members.items():
            changes.sort()
            current: set[str] = set()
            points: list[int] = []
            sets: list[frozenset[str]] = []
            for point, step, state in changes:
                if step > 0:
                    current.add(state)
                else:
                    current.discard(state)
                if points and points[-1] == point:
                    sets[-1] = frozenset(current)
                else:
                    points.append(point)
                    sets.append(frozenset(current))
            self.members[org] = (points, sets)
        self.statuses: dict[str, dict[str, tuple[list[int], list[object]]]] = defaultdict(dict)
        for (org, state), spells in by_state.items():
            self.statuses[org][state] = _state_segments(spells)

    def members_on(self, date: dt.date, *, org: str) -> frozenset[str]:
        points, sets = self.members[org]
        i = bisect_right(points, date.toordinal()) - 1
        return sets[i] if i >= 0 else frozenset()

    def status_of(self, state: str, date: dt.date, *, org: str) -> object:
        entry = self.statuses[org].get(state)
        if entry is None:
            return None
        points, values = entry
        i = bisect_right(points, date.toordinal()) - 1
        return values[i] if i >= 0 else None


def _state_segments(spells: Sequence[Spec]) -> tuple[list[int], list[object]]:
    """Change points of one state's spells and, per segment, its status, None or UNCERTAIN."""
    points: list[int] = sorted(
        {
            day
            for s in spells
            for boundary in (s.start, s.end)
            if boundary is not None
            for day in (boundary.earliest.toordinal(), boundary.latest.toordinal() + 1)
        }
        | {s.certain[0] for s in spells}
        | {s.certain[1] for s in spells if s.end is not None}
    )
    values: list[object] = []
    for day in points:
        sure = [s.status for s in spells if s.certain[0] <= day < s.certain[1]]
        maybe = [
            s
            for s in spells
            if s.start.earliest.toordinal() <= day and (s.end is None or day < s.end.latest.toordinal())
        ]
        values.append(sure[0] if sure else (None if not maybe else UNCERTAIN))
    return points, values


# ----------------------------------------------------------------- timing


Query = tuple[dt.date, str, str]


@dataclass
class Method:
    """One way of answering both queries, and what was measured of it."""

    name: str
    build_ms: float | None
    members_on: MembersFn
    status_of: StatusFn
    passes: int
    warmup: int
    members_ns: list[list[float]] = field(default_factory=list)  # per pass, per query
    members_totals: list[int] = field(default_factory=list)  # per pass: ns of one loop over all queries
    status_ns: list[list[float]] = field(default_factory=list)
    status_totals: list[int] = field(default_factory=list)

    # On a shared machine other work only ever adds time: each query's best pass
    # is kept before taking the median over queries, and the best total.

    @property
    def members_median(self) -> float:
        return _best_median(self.members_ns)

    @property
    def status_median(self) -> float:
        return _best_median(self.status_ns)

    @property
    def members_total_ms(self) -> float:
        return min(self.members_totals) / 1e6

    @property
    def status_total_ms(self) -> float:
        return min(self.status_totals) / 1e6


def _best_median(passes: Sequence[Sequence[float]]) -> float:
    return float(statistics.median([min(times) for times in zip(*passes, strict=True)]))


def timer_overhead(samples: int = 20_001) -> float:
    """Median ns between two back-to-back ``perf_counter_ns`` calls, taken off every measurement."""
    clock = time.perf_counter_ns
    gaps = []
    for _ in range(samples):
        start = clock()
        gaps.append(clock() - start)
    return statistics.median(gaps)


def members_each(fn: MembersFn, queries: Sequence[Query], overhead: float) -> list[float]:
    """Each query timed on its own, less the timer's overhead."""
    clock = time.perf_counter_ns
    times: list[float] = []
    for date, org, _ in queries:
        start = clock()
        fn(date, org=org)
        times.append(clock() - start - overhead)
    return times


def members_batch(fn: MembersFn, queries: Sequence[Query]) -> int:
    """ns for all the queries in one loop, with no timer inside it."""
    clock = time.perf_counter_ns
    start = clock()
    for date, org, _ in queries:
        fn(date, org=org)
    return clock() - start


def status_each(fn: StatusFn, queries: Sequence[Query], overhead: float) -> list[float]:
    """As `members_each`; the engine's UncertainStatusError is caught inside the timed call."""
    clock = time.perf_counter_ns
    times: list[float] = []
    for date, org, state in queries:
        start = clock()
        try:  # noqa: SIM105 - contextlib.suppress would add its own cost
            fn(state, date, org=org)
        except UncertainStatusError:
            pass
        times.append(clock() - start - overhead)
    return times


def status_batch(fn: StatusFn, queries: Sequence[Query]) -> int:
    clock = time.perf_counter_ns
    start = clock()
    for date, org, state in queries:
        try:  # noqa: SIM105 - contextlib.suppress would add its own cost
            fn(state, date, org=org)
        except UncertainStatusError:
            pass
    return clock() - start


def measure(methods: Sequence[Method], queries: Sequence[Query], overhead: float) -> None:
    """Warm every method up, then time them in turn, pass after pass, so drift hits them alike."""
    for method in methods:  # one untimed pass: specializes the interpreter's code and touches the data
        members_batch(method.members_on, queries[: method.warmup])
        status_batch(method.status_of, queries[: method.warmup])
    for number in range(max(method.passes for method in methods)):
        for method in methods:
            if number >= method.passes:
                continue
            gc.collect()
            gc.disable()
            try:
                # A short untimed run first: caches and branch history are this method's again.
                members_batch(method.members_on, queries[:REWARM])
                method.members_ns.append(members_each(method.members_on, queries, overhead))
                method.members_totals.append(members_batch(method.members_on, queries))
                status_batch(method.status_of, queries[:REWARM])
                method.status_ns.append(status_each(method.status_of, queries, overhead))
                method.status_totals.append(status_batch(method.status_of, queries))
            finally:
                gc.enable()


def timed_ms(build: Callable[[], T]) -> tuple[T, float]:
    gc.collect()
    start = time.perf_counter_ns()
    built = build()
    return built, (time.perf_counter_ns() - start) / 1e6


# ------------------------------------------------------------- agreement


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise SystemExit(f"disagreement, nothing timed: {message}")


def check_agreement(
    tl: Timeline,
    alternatives: Sequence[tuple[str, Alternative]],
    floor: Floor,
    sample: Sequence[tuple[dt.date, str, str]],
    ranges: dict[tuple[str, str], list[tuple[int, int]]],
) -> tuple[int, int]:
    """Stop unless every alternative gives the engine's answers; returns (status queries compared, skipped).

    Certain members must be the same set on every sampled query. Statuses are
    compared on days outside every imprecise boundary of that org and state;
    there the engine must answer, and it must raise `UncertainStatusError`
    exactly where the floor's independently built segments say "uncertain".
    """
    compared = skipped = 0
    for date, org, state in sample:
        expected = {s.alpha3 for s in tl.members_on(date, org=org).certain}
        for name, alt in alternatives:
            got = set(alt.members_on(date, org=org))
            _require(got == expected, f"{name} members_on({date}, org={org}): {sorted(got)} != {sorted(expected)}")
        try:
            status: object = tl.status_of(state, date, org=org)
        except UncertainStatusError:
            status = UNCERTAIN
        _require(
            (status is UNCERTAIN) == (floor.status_of(state, date, org=org) is UNCERTAIN),
            f"engine and floor disagree on whether status_of({state}, {date}, org={org}) is decided",
        )
        if is_uncertain(ranges, org, state, date.toordinal()):
            skipped += 1
            continue
        _require(status is not UNCERTAIN, f"engine status_of({state}, {date}, org={org}) undecided on a certain day")
        for name, alt in alternatives:
            answer = alt.status_of(state, date, org=org)
            _require(answer == status, f"{name} status_of({state}, {date}, org={org}): {answer} != {status}")
        compared += 1
    return compared, skipped


# --------------------------------------------------------------- report


def machine() -> list[str]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass

    def ver(name: str) -> str:
        try:
            return version(name)
        except PackageNotFoundError:
            return "not installed"

    return [
        f"machine: {platform.machine()}, {os.cpu_count()} CPUs (nproc), CPU model: {cpu}",
        f"python {platform.python_version()} ({platform.python_implementation()}), {platform.platform()}",
        f"csto_timeline imported from {Path(csto_timeline.__file__).parent}",
        (
            f"csto_timeline {ver('csto_timeline')}, attrs {ver('attrs')}, intervaltree {ver('intervaltree')}, "
            f"sortedcontainers {ver('sortedcontainers')}, sqlite {sqlite3.sqlite_version}"
        ),
    ]


def print_table(methods: Sequence[Method], floor: Method) -> None:
    fm, fs = floor.members_median, floor.status_median
    header = (
        f"{'method':<14} {'build ms':>9} {'members_on ns/q':>16} {'total ms':>9} {'status_of ns/q':>15}"
        f" {'total ms':>9} {'x floor (m)':>11} {'x floor (s)':>11}"
    )
    print(header)
    print("-" * len(header))
    for r in methods:
        build = f"{r.build_ms:9.1f}" if r.build_ms is not None else f"{'-':>9}"
        m, s = r.members_median, r.status_median
        print(
            f"{r.name:<14} {build} {m:16.0f} {r.members_total_ms:9.2f} {s:15.0f} {r.status_total_ms:9.2f}"
            f" {m / fm:11.1f} {s / fs:11.1f}"
        )


def profile(tl: Timeline, queries: Sequence[tuple[dt.date, str, str]]) -> None:
    def run() -> None:
        for _ in range(20):
            for date, org, state in queries:
                tl.members_on(date, org=org)
                try:  # noqa: SIM105 - contextlib.suppress would add its own cost
                    tl.status_of(state, date, org=org)
                except UncertainStatusError:
                    pass

    profiler = cProfile.Profile()
    profiler.runcall(run)
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(18)
    print(out.getvalue())


def scaling(seed: int) -> None:
    """Build time per spell as the data grows: more organizations of the same size, then larger organizations."""
    source = Source.of(
        "bench-synthetic", "Synthetic", publisher="benchmarks", url="https://example.org/bench", says="Random."
    )
    print(
        "\nbuild cost per spell (from_records, then the first members_on of every org, which indexes it); "
        "100 spells per org while orgs grow, then 50 orgs while spells per org grow"
    )
    print(f"{'orgs':>6} {'spells':>8} {'states':>7} {'from_records s':>15} {'us/spell':>9} {'index s':>8} {'us/spell':>9}")
    for n_orgs, n_spells, n_states in (
        (125, 12_500, 200),
        (250, 25_000, 200),
        (500, 50_000, 200),
        (1_000, 100_000, 200),
        (50, 2_500, 360),
        (50, 5_000, 360),
        (50, 10_000, 360),
    ):
        states = make_states(n_states)
        specs = make_specs(random.Random(seed), n_orgs, n_spells, states)
        records = to_records(specs, source)
        tl, construct_ms = timed_ms(partial(Timeline.from_records, records, sources=[source], states=states))
        orgs = sorted({spec.org for spec in specs})
        _, index_ms = timed_ms(partial(_index_every_org, tl, orgs))
        print(
            f"{n_orgs:>6} {n_spells:>8} {n_states:>7} {construct_ms / 1e3:>15.2f} {construct_ms * 1e3 / n_spells:>9.0f}"
            f" {index_ms / 1e3:>8.2f} {index_ms * 1e3 / n_spells:>9.0f}"
        )


def _index_every_org(tl: Timeline, orgs: Sequence[str]) -> None:
    for org in orgs:
        tl.members_on(dt.date(2000, 1, 1), org=org)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--orgs", type=int, default=500)
    parser.add_argument("--spells", type=int, default=50_000)
    parser.add_argument("--states", type=int, default=200)
    parser.add_argument("--queries", type=int, default=5_000)
    parser.add_argument("--check", type=int, default=1_000, help="queries checked for agreement before timing")
    parser.add_argument("--passes", type=int, default=5, help="timed passes over the queries per method")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--profile", action="store_true", help="also profile the engine's queries with cProfile")
    parser.add_argument("--scaling", action="store_true", help="only measure how building grows with the data")
    parser.add_argument("--no-gc", action="store_true", help="with --scaling: switch the cyclic collector off")
    args = parser.parse_args(argv)
    if args.scaling:
        for line in machine():
            print(line)
        if args.no_gc:
            gc.disable()
            print("the cyclic garbage collector is off (gc.disable())")
        scaling(args.seed)
        return 0

    try:
        import intervaltree  # noqa: F401, PLC0415
    except ImportError:
        print("intervaltree is missing: pip install -e '.[bench]'", file=sys.stderr)
        return 2

    for line in machine():
        print(line)
    rng = random.Random(args.seed)
    states = make_states(args.states)
    specs = make_specs(rng, args.orgs, args.spells, states)
    n_open = sum(s.end is None for s in specs)
    bounds = [b for s in specs for b in (s.start, s.end) if b is not None]
    precision = {
        name: sum(1 for b in bounds if str(b.precision) == name) / len(bounds) for name in ("day", "month", "year")
    }
    print(
        f"data: {args.orgs} orgs, {len(specs)} spells, {len({s.state for s in specs})} states, seed {args.seed}; "
        f"{n_open} open spells ({n_open / len(specs):.0%}); boundary precision "
        + ", ".join(f"{k} {v:.0%}" for k, v in precision.items())
    )
    source = Source.of(
        "bench-synthetic",
        "Synthetic benchmark records",
        publisher="csto_timeline benchmarks",
        url="https://example.org/bench",
        says="Random records generated for the benchmark.",
    )
    records = to_records(specs, source)
    gc.collect()
    tl, construct_ms = timed_ms(lambda: Timeline.from_records(records, sources=[source], states=states))

    qrng = random.Random(args.seed + 1)
    orgs = sorted({s.org for s in specs})
    codes = [state.alpha3 for state in states]
    related: dict[str, list[str]] = defaultdict(list)
    for spec in specs:
        related[spec.org].append(spec.state)
    queries = []
    for _ in range(args.queries):
        org = qrng.choice(orgs)
        # Half the status_of queries ask about a state with records in that org, half about any state.
        state = qrng.choice(related[org]) if qrng.random() < 0.5 else qrng.choice(codes)
        queries.append((dt.date.fromordinal(qrng.randint(QUERY_FIRST, LAST_DAY)), org, state))

    # status_of before any members_on: the org index is not built yet.
    status_batch(tl.status_of, queries[:20])
    cold = status_each(tl.status_of, queries[:500], timer_overhead())
    cold_orgs = len({org for _, org, _ in queries[:500]})

    probe = dt.date(2000, 1, 1)
    _, index_ms = timed_ms(lambda: [tl.members_on(probe, org=org) for org in orgs])

    naive = Naive(specs)
    trees, trees_ms = timed_ms(lambda: Trees(specs))
    sql, sql_ms = timed_ms(lambda: Sql(specs))
    floor, floor_ms = timed_ms(lambda: Floor(specs))
    alternatives: list[tuple[str, Alternative, float | None]] = [
        ("naive scan", naive, None),
        ("intervaltree", trees, trees_ms),
        ("sqlite", sql, sql_ms),
        ("floor", floor, floor_ms),
    ]

    ranges = uncertain_days(specs)
    sample = queries[: args.check]
    compared, skipped = check_agreement(tl, [(name, alt) for name, alt, _ in alternatives], floor, sample, ranges)
    print(
        f"agreement: every alternative gives the engine's certain members on {len(sample)} queries and its status "
        f"on {compared} ({skipped} skipped: the day lies in an imprecise boundary's range)"
    )
    raised = 0
    for date, org, state in queries:
        try:
            tl.status_of(state, date, org=org)
        except UncertainStatusError:
            raised += 1

    overhead = timer_overhead()
    warmup = len(queries)
    methods = [Method("engine", index_ms, tl.members_on, tl.status_of, args.passes, warmup)]
    for name, alt, build_ms in alternatives:
        # The naive scan takes milliseconds per query: one pass, a short warm-up.
        passes, warm = (1, 20) if alt is naive else (args.passes, warmup)
        methods.append(Method(name, build_ms, alt.members_on, alt.status_of, passes, warm))
    measure(methods, queries, overhead)

    print(
        f"\nTimeline.from_records: {construct_ms:.0f} ms. Engine build = first members_on of each of the "
        f"{len(orgs)} orgs (builds every org index); alternatives' build = from the records' day ordinals."
    )
    print(
        f"{len(queries)} queries per column, the same dates, orgs and states for every method, after one untimed "
        f"warm-up pass, then {args.passes} interleaved timed passes (naive scan: 1). ns/q = median over the queries "
        f"of each query's best pass, each call timed on its own, less the timer's own {overhead:.0f} ns; "
        "total ms = best pass of one loop over all the queries with no timer inside. "
        f"{raised} of the status_of queries ({raised / len(queries):.1%}) fall in an uncertain range: the engine "
        "raises UncertainStatusError there (caught inside the timed call), the alternatives answer None.\n"
    )
    print_table(methods, methods[-1])
    print(
        f"\nengine status_of before any members_on (first 500 queries, one pass; a query on an org not asked "
        f"about before builds that org's indexes): median {statistics.median(cold):.0f} ns/query, "
        f"{cold_orgs} distinct orgs"
    )
    print(f"load average during the run (1, 5, 15 min): {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    engine, floor_method = methods[0], methods[-1]
    em, es = engine.members_median, engine.status_median
    fm, fs = floor_method.members_median, floor_method.status_median
    within = em <= 1.5 * fm and es <= 1.5 * fs
    beaten = [r.name for r in methods[1:-1] if r.members_median <= em or r.status_median <= es]
    print(
        f"target 'within 1.5x of the floor per query': {'MET' if within else 'NOT MET'} "
        f"(members_on {em / fm:.1f}x, status_of {es / fs:.1f}x)"
    )
    print(
        "target 'faster than every alternative': "
        + ("MET" if not beaten else "NOT MET (as fast or faster on at least one query kind: " + ", ".join(beaten) + ")")
    )
    if args.profile:
        print("\ncProfile of the engine (members_on + status_of, first 1000 queries x 20):")
        profile(tl, queries[:1000])
    return 0


if __name__ == "__main__":
    sys.exit(main())
