"""The engine at Correlates of War scale against a floor built from fresh inputs: build, day, period and window queries.

Run by hand (never by the test suite), from the repository root::

    PYTHONPATH=src python benchmarks/bench_engine.py [--quick] [--json FILE]

Rows of issue 9 it measures (see run_all.py for the table):

* ``build``: ``Timeline.from_records`` on 50,000 records plus one day query
  per organization (which indexes it), against `synth.Floor` built from a
  second, separately generated list of raw tuples. Each build runs in a fresh
  subprocess (so neither pays for the other's heap), alternately, and the best
  of each is kept.
* ``members_year``: ``members_on("1995", org=...)`` against the floor's period answer;
* ``members_during`` and ``changes`` over windows of one to ten years, against
  the floor, intervaltree and SQLite;
* ``day_members``, ``day_status``, ``day_orgs``: ``members_on``, ``status_of``
  and ``organizations_of`` with a ``datetime.date``, against the bisect floor
  (and intervaltree and SQLite for the first two).

Before timing, each query kind is checked: the floor must give the engine's
answers (certain and uncertain sets, statuses, "undecided" where the engine
raises) on a sample; disagreements are printed and recorded with the row.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sqlite3
import subprocess
import sys
from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any

from benchlib import Row, compare_speed, emit, machine, timed, timer_overhead
from synth import SEED, UNCERTAIN, Floor, RawSpell, make_raw, state_codes

import csto_timeline
from csto_timeline import MembershipRecord, PartialDate, Source, State, Status, Timeline, UncertainStatusError

PROBE = dt.date(2000, 1, 1)
SOURCE = Source.of(
    "bench-synthetic", "Synthetic", publisher="benchmarks", url="https://example.org/bench", says="Random."
)


def scale(args: argparse.Namespace) -> tuple[int, int, int]:
    return (100, 10_000, 200) if args.quick else (args.orgs, args.spells, args.states)


def codes_for(n_states: int) -> list[str]:
    registry = csto_timeline.load().states
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    taken = {f"Q{a}{b}" for a in letters for b in letters if registry.get(f"Q{a}{b}") is not None}
    return state_codes(n_states, taken)


def engine_inputs(raw: Sequence[RawSpell], codes: Sequence[str]) -> tuple[list[MembershipRecord], list[State]]:
    states = [State.of(code, None, f"Benchland {number:03d}") for number, code in enumerate(codes)]
    parsed = {s.value: s for s in Status}
    records = [
        MembershipRecord(org, state, parsed[status], PartialDate(*start), PartialDate(*end) if end else None, SOURCE)
        for org, state, status, start, end in raw
    ]
    return records, states


def build_engine(records: list[MembershipRecord], states: list[State], orgs: Sequence[str]) -> tuple[Timeline, float]:
    def run() -> Timeline:
        tl = Timeline.from_records(records, sources=[SOURCE], states=states)
        for org in orgs:
            tl.members_on(PROBE, org=org)
        return tl

    return timed(run)


def build_only(args: argparse.Namespace) -> int:
    """In a fresh process: build one side from freshly generated raw tuples, print its seconds as JSON."""
    n_orgs, n_spells, n_states = scale(args)
    codes = codes_for(n_states)
    raw = make_raw(args.seed, n_orgs, n_spells, codes)
    orgs = sorted({r[0] for r in raw})
    if args.build_only == "engine":
        records, states = engine_inputs(raw, codes)
        del raw
        _, seconds = build_engine(records, states, orgs)
    else:
        _, seconds = timed(lambda: Floor(raw))
    print(json.dumps({"side": args.build_only, "seconds": seconds}))
    return 0


def build_row(args: argparse.Namespace) -> Row:
    best: dict[str, float] = {}
    for _ in range(args.build_repeats):
        for side in ("engine", "floor"):
            cmd = [sys.executable, __file__, "--build-only", side, "--seed", str(args.seed)]
            cmd += ["--quick"] if args.quick else ["--orgs", str(args.orgs), "--spells", str(args.spells)]
            out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout  # noqa: S603 - our own script
            seconds = json.loads(out.strip().splitlines()[-1])["seconds"]
            print(f"  build ({side}, fresh process): {seconds:.3f} s")
            best[side] = min(best.get(side, seconds), seconds)
    n = scale(args)[1]
    return Row(
        "build", f"build {n:,} spells (from_records + a day query per org) vs floor from fresh raw tuples",
        best["engine"], best["floor"], "s", note=f"best of {args.build_repeats} fresh processes each, alternating",
    )  # fmt: skip


# ----------------------------------------------------------- alternatives


class Trees:
    """One intervaltree per org over the certain part of each member spell (and each spell, for status)."""

    def __init__(self, floor: Floor) -> None:
        from intervaltree import Interval, IntervalTree  # type: ignore[import-untyped]  # noqa: PLC0415

        self.trees = {}
        for org, by_state in floor.spans.items():
            items = [
                Interval(s[1], s[2], (state, s[4])) for state, spells in by_state.items() for s in spells if s[1] < s[2]
            ]
            self.trees[org] = IntervalTree(items)
        self.years = floor._year  # noqa: SLF001 - the same text-year parse as the floor

    def members_on(self, date: dt.date, *, org: str) -> set[str]:
        return {iv.data[0] for iv in self.trees[org].at(date.toordinal()) if iv.data[1] == "member"}

    def status_of(self, state: str, date: dt.date, *, org: str) -> str | None:
        for iv in self.trees[org].at(date.toordinal()):
            if iv.data[0] == state:
                return str(iv.data[1])
        return None

    def members_during(self, start: str, end: str, *, org: str) -> set[str]:
        first, last = self.years(start)[0], self.years(end)[1]
        return {iv.data[0] for iv in self.trees[org].overlap(first, last + 1) if iv.data[1] == "member"}


class Sql:
    """In-memory SQLite: certain spell parts and the floor's change list, indexed for each query."""

    def __init__(self, floor: Floor) -> None:
        self.db = sqlite3.connect(":memory:")
        self.db.execute("CREATE TABLE spell (org TEXT, state TEXT, status TEXT, start INTEGER, stop INTEGER)")
        self.db.execute("CREATE TABLE change (org TEXT, first INTEGER, last INTEGER, state TEXT, old TEXT, new TEXT)")
        self.db.executemany(
            "INSERT INTO spell VALUES (?, ?, ?, ?, ?)",
            [(o, st, s[4], s[1], s[2]) for o, by in floor.spans.items() for st, ss in by.items() for s in ss],
        )
        self.db.executemany(
            "INSERT INTO change VALUES (?, ?, ?, ?, ?, ?)",
            [(org, *c) for org, (_, changes) in floor.changes.items() for c in changes],
        )
        self.db.execute("CREATE INDEX by_org ON spell (org, start, stop)")
        self.db.execute("CREATE INDEX by_state ON spell (org, state, start)")
        self.db.execute("CREATE INDEX change_by_org ON change (org, first)")
        self.db.execute("ANALYZE")
        self.years = floor._year  # noqa: SLF001

    def members_on(self, date: dt.date, *, org: str) -> set[str]:
        day = date.toordinal()
        sql = "SELECT state FROM spell WHERE org = ? AND start <= ? AND stop > ? AND status = 'member'"
        return {row[0] for row in self.db.execute(sql, (org, day, day))}

    def status_of(self, state: str, date: dt.date, *, org: str) -> str | None:
        day = date.toordinal()
        sql = "SELECT status FROM spell INDEXED BY by_state WHERE org = ? AND state = ? AND start <= ? AND stop > ?"
        row = self.db.execute(sql, (org, state, day, day)).fetchone()
        return None if row is None else str(row[0])

    def members_during(self, start: str, end: str, *, org: str) -> set[str]:
        first, last = self.years(start)[0], self.years(end)[1]
        sql = "SELECT DISTINCT state FROM spell WHERE org = ? AND start <= ? AND stop > ? AND status = 'member'"
        return {row[0] for row in self.db.execute(sql, (org, last, first))}

    def changes_in(self, start: str, end: str, *, org: str) -> list[tuple[Any, ...]]:
        first, last = self.years(start)[0], self.years(end)[1]
        sql = "SELECT * FROM change WHERE org = ? AND first BETWEEN ? AND ? AND last >= ? ORDER BY first, state"
        return self.db.execute(sql, (org, first - 366, last, first)).fetchall()


# -------------------------------------------------------------- agreement


def _codes(states: object) -> frozenset[str]:
    return frozenset(s.alpha3 for s in states)  # type: ignore[attr-defined]


def _status(tl: Timeline, state: str, date: dt.date, org: str) -> str | None:
    try:
        found = tl.status_of(state, date, org=org)
    except UncertainStatusError:
        return UNCERTAIN
    return None if found is None else found.value


def agreement(
    tl: Timeline, floor: Floor, queries: dict[str, list[tuple[Any, ...]]], sample: int
) -> dict[str, list[str]]:
    """Per query kind, the sampled queries on which the floor does not give the engine's answer."""
    bad: dict[str, list[str]] = defaultdict(list)
    checks: dict[str, Callable[[tuple[Any, ...]], tuple[object, object]]] = {
        "day_members": lambda q: (
            (_codes(m.certain), _codes(m.uncertain)) if (m := tl.members_on(q[0], org=q[1])) is not None else None,
            floor.members_on(q[0], org=q[1]),
        ),
        "day_status": lambda q: (_status(tl, q[2], q[0], q[1]), floor.status_of(q[2], q[0], org=q[1])),
        "day_orgs": lambda q: (tl.organizations_of(q[2], q[0]), floor.organizations_of(q[2], q[0])),
        "members_year": lambda q: (
            (_codes(m.certain), _codes(m.uncertain)) if (m := tl.members_on(q[0], org=q[1])) is not None else None,
            floor.members_in(q[0], org=q[1]),
        ),
        "members_during": lambda q: (
            (_codes(m.certain), _codes(m.uncertain)) if (m := tl.members_during(q[0], q[1], org=q[2])) is not None else None,
            floor.members_during(q[0], q[1], org=q[2]),
        ),
        "changes": lambda q: (
            sorted((c.date.earliest.toordinal(), c.state.alpha3, _value(c.old), _value(c.new))
                   for c in tl.changes(q[0], q[1], org=q[2])),
            sorted((c[0], c[2], c[3], c[4]) for c in floor.changes_in(q[0], q[1], org=q[2])),
        ),
    }  # fmt: skip
    for kind, check in checks.items():
        for query in queries[kind][:sample]:
            engine, floor_answer = check(query)
            if engine != floor_answer:
                bad[kind].append(f"{query}: engine {engine} != floor {floor_answer}")
    return bad


def _value(status: Status | None) -> str | None:
    return None if status is None else status.value


# ------------------------------------------------------------------- main


def make_queries(rng: random.Random, raw: Sequence[RawSpell], codes: Sequence[str], n: int) -> dict[str, list[Any]]:
    orgs = sorted({r[0] for r in raw})
    related: dict[str, list[str]] = defaultdict(list)
    for org, state, *_ in raw:
        related[org].append(state)
    first, last = dt.date(1900, 1, 1).toordinal(), dt.date(2020, 12, 31).toordinal()
    day = []
    for _ in range(n):
        org = rng.choice(orgs)
        state = rng.choice(related[org]) if rng.random() < 0.5 else rng.choice(codes)
        day.append((dt.date.fromordinal(rng.randint(first, last)), org, state))
    years = [(str(rng.randint(1900, 2020)), rng.choice(orgs), None) for _ in range(n)]
    windows = []
    for _ in range(n // 2):
        start = rng.randint(1900, 2015)
        windows.append((str(start), str(start + rng.randint(0, 9)), rng.choice(orgs)))
    return {"day_members": day, "day_status": day, "day_orgs": day, "members_year": years,
            "members_during": windows, "changes": windows}  # fmt: skip


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--orgs", type=int, default=500)
    parser.add_argument("--spells", type=int, default=50_000)
    parser.add_argument("--states", type=int, default=200)
    parser.add_argument("--queries", type=int, default=3_000)
    parser.add_argument("--passes", type=int, default=5)
    parser.add_argument("--check", type=int, default=300, help="queries of each kind checked against the floor")
    parser.add_argument("--build-repeats", type=int, default=2, help="fresh-process builds of each side")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--quick", action="store_true", help="100 orgs, 10,000 spells, fewer queries and passes")
    parser.add_argument("--json", help="write the rows to this file")
    parser.add_argument("--build-only", choices=("engine", "floor"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.build_only:
        return build_only(args)
    if args.quick:
        args.queries, args.passes, args.build_repeats = 1_000, 2, 1
    for line in machine():
        print(line)
    print(f"csto_timeline from {csto_timeline.__file__}")
    rows = [build_row(args)]

    n_orgs, n_spells, n_states = scale(args)
    codes = codes_for(n_states)
    records, states = engine_inputs(make_raw(args.seed, n_orgs, n_spells, codes), codes)
    raw = make_raw(args.seed, n_orgs, n_spells, codes)  # fresh tuples: nothing shared with the engine's records
    orgs = sorted({r[0] for r in raw})
    tl, engine_s = build_engine(records, states, orgs)
    floor, floor_s = timed(lambda: Floor(raw))
    _, extras_s = timed(floor.build_extras)
    trees, trees_s = timed(lambda: Trees(floor))
    sql, sql_s = timed(lambda: Sql(floor))
    print(
        f"in this process: engine build {engine_s:.2f} s, floor {floor_s:.2f} s (+ {extras_s:.2f} s for organizations "
        f"per state and change lists), intervaltree {trees_s:.2f} s, sqlite {sql_s:.2f} s; {len(orgs)} orgs"
    )

    queries = make_queries(random.Random(args.seed + 1), raw, codes, args.queries)
    bad = agreement(tl, floor, queries, args.check)
    for kind in queries:
        print(f"agreement {kind}: {len(bad[kind])} of {min(args.check, len(queries[kind]))} sampled queries differ")
        for line in bad[kind][:3]:
            print(f"    {line}")

    overhead = timer_overhead()
    speed = partial_speed(args.passes, overhead)
    plan: list[tuple[str, str, str, dict[str, Callable[..., object]]]] = [
        ("members_year", "day", "members_on(year) vs floor for periods",
         {"engine": tl.members_on, "floor": floor.members_in}),
        ("members_during", "window", "members_during(start year, end year) vs floor",
         {"engine": tl.members_during, "floor": floor.members_during, "intervaltree": trees.members_during,
          "sqlite": sql.members_during}),
        ("changes", "window", "changes(start year, end year) vs floor",
         {"engine": tl.changes, "floor": floor.changes_in, "sqlite": sql.changes_in}),
        ("day_members", "day", "members_on(date) vs bisect floor",
         {"engine": tl.members_on, "floor": floor.members_on, "intervaltree": trees.members_on,
          "sqlite": sql.members_on}),
        ("day_status", "status", "status_of(state, date) vs bisect floor",
         {"engine": tl.status_of, "floor": floor.status_of, "intervaltree": trees.status_of,
          "sqlite": sql.status_of}),
        ("day_orgs", "orgs", "organizations_of(state, date) vs bisect floor",
         {"engine": tl.organizations_of, "floor": floor.organizations_of}),
    ]  # fmt: skip
    for key, shape, what, methods in plan:
        ns = speed(shape, methods, queries[key])
        others = {name: ns[name] for name in methods if name not in {"engine", "floor"}}
        note = f"{len(queries[key])} queries, median of each query's best of {args.passes} passes"
        if bad[key]:
            note += f"; FLOOR DISAGREES on {len(bad[key])} sampled queries"
        rows.append(Row(key, what, ns["engine"], ns["floor"], "ns/query", note=note, others=others))
        print(f"  {key}: " + ", ".join(f"{name} {value:,.0f} ns" for name, value in ns.items()))
    emit(rows, args.json)
    return 0


def partial_speed(passes: int, overhead: float) -> Callable[..., dict[str, float]]:
    def speed(shape: str, methods: dict[str, Callable[..., object]], queries: list[Any]) -> dict[str, float]:
        return compare_speed(shape, methods, queries, passes=passes, swallow=UncertainStatusError, overhead=overhead)

    return speed


if __name__ == "__main__":
    sys.exit(main())
