"""The questions compare_engines.py asks one source tree, run in a process whose PYTHONPATH is that tree.

``python benchmarks/compare_dump.py OUT [--cow PATH] [--cow-orgs N] [--random N]``
writes one JSON line per answer: ``["a", key, answer]``, or, for a sweep over
every day of a question family, ``["r", key, [[first day, answer], ...], days asked]``
(the answer from each day until the next). An answer is text: the repr of the
result plus its codes, or ``!ErrorType: message`` (with the possible statuses
of an `UncertainStatusError`), so an answer that raises is compared too. Only
the public API is used.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO

import csto_timeline
from csto_timeline import Timeline, UncertainStatusError

FIRST, LAST = dt.date(1991, 1, 1), dt.date(2027, 12, 31)
OUTSIDERS = ("USA", "FRA", "CHN", "UKR", "AFG", "MNG", "SRB", "IRN")


def norm(value: object) -> str:
    """An answer as comparable text (a MemberSet's repr lists all its certain and uncertain codes)."""
    if isinstance(value, tuple):
        return "(" + "; ".join(norm(v) for v in value) + ")"
    if type(value).__name__ in {"History", "Explanation", "Memberships"}:
        return str(value)
    return repr(value)


def ask(fn: Callable[..., object], *args: object, **kwargs: object) -> str:
    try:
        return norm(fn(*args, **kwargs))
    except UncertainStatusError as error:
        possible = sorted(str(p) for p in error.possible)
        return f"!UncertainStatusError possible={possible}: {error}"
    except Exception as error:  # noqa: BLE001 - any error is an answer to compare
        return f"!{type(error).__name__}: {error}"


class Dump:
    def __init__(self, out: IO[str]) -> None:
        self.out = out
        self.count = 0

    def answer(self, key: str, fn: Callable[..., object], *args: object, **kwargs: object) -> None:
        self.out.write(json.dumps(["a", key, ask(fn, *args, **kwargs)]) + "\n")
        self.count += 1

    def runs(self, key: str, days: Iterable[dt.date], fn: Callable[[dt.date], str]) -> None:
        runs: list[list[str]] = []
        asked = 0
        for day in days:
            asked += 1
            got = fn(day)
            self.count += 1
            if not runs or runs[-1][1] != got:
                runs.append([day.isoformat(), got])
        self.out.write(json.dumps(["r", key, runs, asked]) + "\n")


def every_day(first: dt.date = FIRST, last: dt.date = LAST) -> list[dt.date]:
    return [dt.date.fromordinal(n) for n in range(first.toordinal(), last.toordinal() + 1)]


def orgs_of(tl: Timeline) -> list[str]:
    return [*sorted(tl.bodies), *sorted(tl.views)]


def involved(tl: Timeline, orgs: Iterable[str]) -> list[str]:
    found = {
        s.state.alpha3 for org in orgs for track in ("legal", "participation") for s in tl.spells(org=org, track=track)
    }
    return sorted(found)


def statuses_in(tl: Timeline, org: str) -> list[str]:
    return sorted(
        {s.status.value for t in ("legal", "participation") for s in tl.spells(org=org, track=t)} | {"member"}
    )


def bundled(dump: Dump, tl: Timeline, label: str) -> None:
    """Every day 1991-2027, every month and year, every year window, history and explain, on one timeline."""
    orgs = orgs_of(tl)
    states = [*involved(tl, orgs), *OUTSIDERS]
    days = every_day()
    for org in orgs:
        for status in statuses_in(tl, org):
            dump.runs(
                f"{label}|members_on|{org}|{status}",
                days,
                lambda d, o=org, s=status: ask(tl.members_on, d, org=o, status=s),
            )
        for state in states:
            for track in ("legal", "participation"):
                dump.runs(f"{label}|status_of|{org}|{state}|{track}", days,
                          lambda d, o=org, s=state, t=track: ask(tl.status_of, s, d, org=o, track=t))  # fmt: skip
            dump.runs(f"{label}|participation_of|{org}|{state}", days[::7],
                      lambda d, o=org, s=state: ask(tl.participation_of, s, d, org=o))  # fmt: skip
        # the same questions with text dates, which take another path: every tenth day
        for state in states:
            dump.runs(f"{label}|status_of-text|{org}|{state}", days[::10],
                      lambda d, o=org, s=state: ask(tl.status_of, s, d.isoformat(), org=o))  # fmt: skip
        dump.runs(
            f"{label}|members_on-text|{org}", days[::10], lambda d, o=org: ask(tl.members_on, d.isoformat(), org=o)
        )
    for state in states:
        dump.runs(f"{label}|organizations_of|{state}", days, lambda d, s=state: ask(tl.organizations_of, s, d))
        dump.runs(f"{label}|memberships_of|{state}", days[::30], lambda d, s=state: ask(tl.memberships_of, s, d))
    periods = [f"{y}-{m:02d}" for y in range(FIRST.year, LAST.year + 1) for m in range(1, 13)]
    periods += [str(y) for y in range(FIRST.year, LAST.year + 1)]
    for org in orgs:
        for period in periods:
            for status in statuses_in(tl, org):
                dump.answer(
                    f"{label}|members_on|{org}|{period}|{status}", tl.members_on, period, org=org, status=status
                )
            for state in states:
                for track in ("legal", "participation"):
                    dump.answer(
                        f"{label}|status_of|{org}|{state}|{period}|{track}",
                        tl.status_of,
                        state,
                        period,
                        org=org,
                        track=track,
                    )
        windows(dump, tl, label, org, range(FIRST.year, LAST.year + 1))
        for state in states:
            for track in ("legal", "participation"):
                dump.answer(f"{label}|history|{org}|{state}|{track}", tl.history, state, org=org, track=track)
            for year in range(FIRST.year, LAST.year + 1, 3):
                dump.answer(f"{label}|explain|{org}|{state}|{year}", tl.explain, state, dt.date(year, 6, 30), org=org)
        for track in ("legal", "participation"):
            dump.answer(f"{label}|spells|{org}|{track}", tl.spells, org=org, track=track)
    dump.answer(f"{label}|events", lambda: tuple(e.id for e in tl.events()))
    dump.answer(f"{label}|conflicts", lambda: tuple(str(c) for c in tl.conflicts))


def windows(dump: Dump, tl: Timeline, label: str, org: str, years: range) -> None:
    for first in years:
        for last in years:
            if last >= first:
                for mode in ("any", "all"):
                    dump.answer(
                        f"{label}|members_during|{org}|{first}|{last}|{mode}",
                        tl.members_during,
                        str(first),
                        str(last),
                        org=org,
                        mode=mode,
                    )
                dump.answer(f"{label}|changes|{org}|{first}|{last}", tl.changes, str(first), str(last), org=org)


def change_days(tl: Timeline, org: str) -> list[tuple[dt.date, str]]:
    """Each spell boundary's first and last possible day and the days either side, with the spell's state."""
    out = set()
    for spell in tl.spells(org=org):
        for boundary in (spell.start, spell.end):
            if boundary is None:
                continue
            for day in (boundary.earliest, boundary.latest):
                for delta in (-1, 0, 1):
                    out.add((day + dt.timedelta(days=delta), spell.state.alpha3))
    return sorted(out)


def around_changes(dump: Dump, tl: Timeline, label: str, orgs: Iterable[str], *, years: bool = True) -> None:
    """members_on, status_of and organizations_of at every change point of every org and the days around it."""
    for org in orgs:
        dump.answer(f"{label}|spells|{org}", tl.spells, org=org)
        days = change_days(tl, org)
        for day in sorted({d for d, _ in days}):
            dump.answer(f"{label}|members_on|{org}|{day}", tl.members_on, day, org=org)
        for day, state in days:
            dump.answer(f"{label}|status_of|{org}|{state}|{day}", tl.status_of, state, day, org=org)
            dump.answer(f"{label}|organizations_of|{state}|{day}", tl.organizations_of, state, day)
        if years:
            for year in sorted({d.year for d, _ in days}):
                dump.answer(f"{label}|members_on|{org}|{year}", tl.members_on, str(year), org=org)


def according(dump: Dump, tl: Timeline) -> None:
    for source in sorted(tl.sources):
        label = f"according_to({source})"
        try:
            other = tl.according_to(source)
        except Exception as error:  # noqa: BLE001 - an account that does not load is an answer too
            dump.answer(label, lambda e=error: (_ for _ in ()).throw(e))
            continue
        orgs = orgs_of(other)
        around_changes(dump, other, label, orgs)
        for org in orgs:
            for year in range(FIRST.year, LAST.year + 1):
                dump.answer(f"{label}|members_on|{org}|{year}", other.members_on, str(year), org=org)
            dump.answer(f"{label}|spells-participation|{org}", other.spells, org=org, track="participation")
        dump.answer(f"{label}|conflicts", lambda o=other: tuple(str(c) for c in o.conflicts))


def random_timelines(dump: Dump, count: int) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from bench_engine import codes_for, engine_inputs  # noqa: PLC0415 - benchmarks' own generator
    from synth import make_raw  # noqa: PLC0415

    codes = codes_for(40)
    for seed in range(1, count + 1):
        label = f"random({seed})"
        records, states = engine_inputs(make_raw(seed, 4, 120, codes), codes)
        try:
            tl = Timeline.from_records(records, states=states)
        except Exception as error:  # noqa: BLE001
            dump.answer(label, lambda e=error: (_ for _ in ()).throw(e))
            continue
        orgs = sorted(tl.bodies)
        around_changes(dump, tl, label, orgs)
        rng = random.Random(seed)
        days = sorted(
            dt.date.fromordinal(rng.randint(dt.date(1850, 1, 1).toordinal(), dt.date(2021, 1, 1).toordinal()))
            for _ in range(300)
        )
        for org in orgs:
            for state in involved(tl, [org]):
                dump.runs(
                    f"{label}|status_of|{org}|{state}",
                    days,
                    lambda d, o=org, s=state, t=tl: ask(t.status_of, s, d, org=o),
                )
            dump.runs(f"{label}|members_on|{org}", days, lambda d, o=org, t=tl: ask(t.members_on, d, org=o))
            for year in range(1850, 2022):
                dump.answer(f"{label}|members_on|{org}|{year}", tl.members_on, str(year), org=org)
            windows(dump, tl, label, org, range(1850, 2022, 17))


def cow(dump: Dump, path: Path, sample: int | None) -> None:
    tl = csto_timeline.read_cow(path)
    orgs = sorted(tl.bodies)
    if sample is not None and sample < len(orgs):
        orgs = sorted(random.Random(2014).sample(orgs, sample))
    dump.answer("cow|bodies", lambda: tuple(sorted(tl.bodies)))
    around_changes(dump, tl, "cow", orgs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--cow", type=Path)
    parser.add_argument("--cow-orgs", type=int)
    parser.add_argument("--random", type=int, default=20)
    parser.add_argument("--skip", default="", help="comma-separated parts to skip: bundled, according, random, cow")
    args = parser.parse_args(argv)
    skip = set(filter(None, args.skip.split(",")))
    with args.out.open("w", encoding="utf-8") as out:
        dump = Dump(out)
        tl = csto_timeline.load()
        for part, run in (("bundled", lambda: bundled(dump, tl, "bundled")), ("according", lambda: according(dump, tl)),
                          ("random", lambda: random_timelines(dump, args.random)),
                          ("cow", lambda: cow(dump, args.cow, args.cow_orgs) if args.cow else None)):  # fmt: skip
            if part not in skip:
                run()
                print(f"{part}: {dump.count:,} answers so far", file=sys.stderr, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
