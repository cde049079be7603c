"""Many questions in one call: `status_many` against a bisect floor (run by hand).

Builds a synthetic timeline with `Timeline.from_records` (a seeded generator:
50 organizations, 100 states, 5,000 spells, boundaries to the day), then
answers N random (state, date) pairs of one organization three ways:

- floor: per state, change points and answers made from that state's spells
  (a fresh sweep, not the library's), then one `bisect` per pair and a list
  append: what any batch must at least do per question;
- status_many: `csto_timeline.status_many(tl, pairs, org=...)`, tables built
  inside the call (their cost is included);
- status_of: `Timeline.status_of` once per pair (the per-query API).

Each is timed ``--runs`` times (default three), in turn, on fresh inputs (new
pair lists); the median per question and the ratio to the floor are printed.
Each method's own result is timed as it comes (a tuple for ``status_many``, a
list for the others): no adapter around one side only.

    python benchmarks/bench_batch.py [--queries 200000] [--runs 3]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import time
from bisect import bisect_right

import csto_timeline
from csto_timeline import MembershipRecord, Source, Timeline

SOURCE = Source.of("bench", "Benchmark data", publisher="bench", url="https://example.org/", says="Synthetic.")
STATES = [state.alpha3 for state in list(csto_timeline.load().states)[:100]]


def build(seed: int = 7) -> Timeline:
    rng = random.Random(seed)
    records = []
    for org in range(50):
        for state in rng.sample(STATES, 100):
            day = dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(3000))
            for _ in range(rng.randint(0, 2)):
                end = day + dt.timedelta(days=rng.randint(200, 6000))
                status = rng.choice(["member", "observer", "suspended"])
                records.append(MembershipRecord.of(f"ORG{org}", state, status, day, end, source=SOURCE))
                day = end + dt.timedelta(days=rng.randint(1, 900))
    return Timeline.from_records(records, sources=[SOURCE])


def floor_tables(tl: Timeline, org: str) -> dict[str, tuple[list[int], list[object]]]:
    tables = {}
    for state in STATES:
        points, answers = [-1], [None]
        for spell in tl.history(state, org=org).spells:
            start = spell.start.earliest.toordinal()
            if points[-1] != start:
                points.append(start)
                answers.append(spell.status)
            else:
                answers[-1] = spell.status
            if spell.end is not None:
                points.append(spell.end.earliest.toordinal())
                answers.append(None)
        tables[state] = (points, answers)
    return tables


def pairs_of(count: int, seed: int) -> list[tuple[str, dt.date]]:
    rng = random.Random(seed)
    first = dt.date(1950, 1, 1).toordinal()
    return [(rng.choice(STATES), dt.date.fromordinal(first + rng.randrange(25000))) for _ in range(count)]


def floor(tl: Timeline, org: str, pairs: list[tuple[str, dt.date]]) -> list[object]:
    tables = floor_tables(tl, org)
    out = []
    append = out.append
    for state, date in pairs:
        points, answers = tables[state]
        append(answers[bisect_right(points, date.toordinal()) - 1])
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--queries", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=3, help="rounds of the three methods, each on fresh pairs")
    args = parser.parse_args()
    tl = build()
    org = "ORG3"
    tl.status_of(STATES[0], dt.date(2000, 1, 1), org=org)  # warm the engine's day tables
    methods = {
        "floor": lambda pairs: floor(tl, org, pairs),
        # No adapter around one side only: each method's own result is timed as it comes.
        "status_many": lambda pairs: csto_timeline.status_many(tl, pairs, org=org),
        "status_of": lambda pairs: [tl.status_of(state, date, org=org) for state, date in pairs],
    }
    check = pairs_of(5000, 99)
    reference = methods["floor"](check)
    for name, method in methods.items():
        if list(method(check)) != reference:
            raise SystemExit(f"{name} disagrees with the floor")
    times: dict[str, list[float]] = {name: [] for name in methods}
    for run in range(args.runs):
        for name, method in methods.items():
            pairs = pairs_of(args.queries, run)  # fresh inputs for every method and run
            began = time.perf_counter()
            method(pairs)
            times[name].append((time.perf_counter() - began) / args.queries * 1e9)
    base = statistics.median(times["floor"])
    print(f"{args.queries:,} pairs, median of {args.runs} runs (ns per question, x floor):")
    for name, found in times.items():
        median = statistics.median(found)
        print(f"  {name:<12} {median:8.0f} ns  {median / base:5.2f}x   runs: {', '.join(f'{t:.0f}' for t in found)}")


if __name__ == "__main__":
    main()
