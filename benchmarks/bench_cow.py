"""Reading the real Correlates of War IGO v3 file: ``read_cow`` against pandas, and a second load from the cache.

Run by hand (never by the test suite), from the repository root::

    PYTHONPATH=src python benchmarks/bench_cow.py [PATH] [--quick] [--json FILE]

PATH is COW's ``igo_year_formatv3.csv.gz`` (default: ``../shared/data/cow/``
next to the repository, i.e. /work/shared/data/cow); COW's ``states2016.csv``
must sit next to it. The project does not ship these files.

Rows of issue 9:

* ``read_cow``: seconds of ``read_cow(path)`` against `cowlib.pandas_spells`
  (``read_csv`` + ``melt`` + ``groupby`` to spells), best of ``--repeats``
  each, pandas imported beforehand;
* ``cow_second``: seconds from calling ``read_cow(path, cache=True)`` to the
  first answer (``members_on(2010-01-01, org="CSTO")``), in a fresh process,
  after another fresh process filled the cache; interpreter start and import
  are not counted. The cache lives in a temporary ``XDG_CACHE_HOME``. When
  ``read_cow`` has no ``cache`` parameter the row says "n/a".
"""

from __future__ import annotations

import argparse
import gc
import inspect
import json
import os
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from benchlib import COW_FILE, Row, emit, machine, timed
from cowlib import index_every_org, pandas_spells

import csto_timeline

SECOND_LOAD = """
import datetime as dt, json, sys, time
from csto_timeline import read_cow
start = time.perf_counter()
tl = read_cow(sys.argv[1], cache=True)
answer = tl.members_on(dt.date(2010, 1, 1), org="CSTO")
print(json.dumps({"seconds": time.perf_counter() - start, "answer": sorted(answer.codes)}))
"""


def second_load(path: Path, runs: int) -> tuple[float | None, str]:
    """Median seconds to the first answer of a cached second load, in fresh processes; None when there is no cache."""
    if "cache" not in inspect.signature(csto_timeline.read_cow).parameters:
        return None, "n/a: read_cow has no cache parameter in this tree"
    with tempfile.TemporaryDirectory(prefix="bench-cow-cache-") as home:
        env = {**os.environ, "XDG_CACHE_HOME": home}

        def one() -> dict[str, object]:
            cmd = [sys.executable, "-c", SECOND_LOAD, str(path)]
            done = subprocess.run(cmd, capture_output=True, text=True, env=env, check=True)  # noqa: S603
            return dict(json.loads(done.stdout.strip().splitlines()[-1]))

        first = one()
        later = [one() for _ in range(runs)]
        seconds = [float(run["seconds"]) for run in later]  # type: ignore[arg-type]
        same = all(run["answer"] == first["answer"] for run in later)
        filled = sum(f.stat().st_size for f in Path(home).rglob("*") if f.is_file())
    note = (
        f"first load (filling the cache) {float(first['seconds']):.2f} s; second loads "  # type: ignore[arg-type]
        + ", ".join(f"{s:.3f}" for s in seconds)
        + f" s; cache {filled / 2**20:.1f} MiB; answers {'the same' if same else 'DIFFER'}"
    )
    return statistics.median(seconds), note


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", nargs="?", type=Path, default=COW_FILE)
    parser.add_argument("--repeats", type=int, default=2, help="timed loads of each side (best kept)")
    parser.add_argument("--second-runs", type=int, default=3, help="fresh processes timing a cached load")
    parser.add_argument("--quick", action="store_true", help="one load of each side, one cached load")
    parser.add_argument("--json", help="write the rows to this file")
    args = parser.parse_args(argv)
    path: Path = args.path
    if not path.is_file() or not (path.parent / "states2016.csv").is_file():
        print(f"no COW IGO file at {path} (with states2016.csv beside it): pass its path", file=sys.stderr)
        return 2
    if args.quick:
        args.repeats, args.second_runs = 1, 1
    import pandas as pd  # noqa: PLC0415 - imported before any timing

    for line in machine():
        print(line)
    print(f"csto_timeline from {csto_timeline.__file__}; pandas {pd.__version__}; {path}")

    engine: list[float] = []
    floor: list[float] = []
    for _ in range(args.repeats):
        tl, seconds = timed(lambda: csto_timeline.read_cow(path))
        engine.append(seconds)
        _, index_s = timed(lambda tl=tl: index_every_org(tl))
        print(f"  read_cow {seconds:.2f} s ({len(tl.bodies)} bodies); a day query per body then {index_s:.2f} s")
        del tl
        gc.collect()
        spells, seconds = timed(lambda: pandas_spells(path))
        floor.append(seconds)
        print(f"  pandas read_csv + melt + groupby: {seconds:.2f} s -> {len(spells):,} spells")
        del spells
        gc.collect()
    rows = [
        Row("read_cow", "read_cow(IGO v3) vs pandas read_csv + melt + groupby to spells",
            min(engine), min(floor), "s", note=f"best of {args.repeats} each; index every IGO not included"),
    ]  # fmt: skip
    second, note = second_load(path, args.second_runs)
    rows.append(
        Row("cow_second", "second read_cow(path, cache=True) to its first answer", second, None, "s", note=note)
    )
    emit(rows, args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
