"""Whole-process time of ``csto-timeline members 2010-01-01`` against importing the core dependencies.

Run by hand, from the repository root::

    PYTHONPATH=src python benchmarks/bench_start.py [--runs N] [--json FILE]

Times, by the wall clock around ``subprocess.run``, ``python -m csto_timeline
members 2010-01-01`` (the ``csto-timeline`` command without the console
script's own start-up) and ``python -c "import attrs, dateutil.parser"``,
interleaved run after run (after one untimed run of each), with the same
interpreter and environment; the row is the ratio of the medians. ``python -c
pass`` and ``python -c "import csto_timeline"`` are reported too.

The package's bytecode is compiled first (``compileall``), as ``pip`` does when
it installs a wheel and as attrs and dateutil already are: without it, a
machine that sets ``PYTHONDONTWRITEBYTECODE`` would compile every module of
the package from source on every run while the floor's modules load compiled.
"""

from __future__ import annotations

import argparse
import compileall
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from benchlib import Row, emit, machine

COMMANDS = {
    "cli": [sys.executable, "-m", "csto_timeline", "members", "2010-01-01"],
    "deps": [sys.executable, "-c", "import attrs, dateutil.parser"],
    "import": [sys.executable, "-c", "import csto_timeline"],
    "bare": [sys.executable, "-c", "pass"],
}


def run(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)  # noqa: S603 - fixed command lines
    return time.perf_counter() - start


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--quick", action="store_true", help="7 runs")
    parser.add_argument("--json", help="write the rows to this file")
    args = parser.parse_args(argv)
    runs = 7 if args.quick else args.runs
    for line in machine():
        print(line)
    import csto_timeline  # noqa: PLC0415 - the package under test, found as the commands will find it

    compileall.compile_dir(Path(csto_timeline.__file__).parent, quiet=1)
    shown = subprocess.run(COMMANDS["cli"], check=True, capture_output=True, text=True).stdout  # noqa: S603
    print(f"$ python -m csto_timeline members 2010-01-01\n{shown.rstrip()}")
    for cmd in COMMANDS.values():
        run(cmd)
    times: dict[str, list[float]] = {name: [] for name in COMMANDS}
    for _ in range(runs):
        for name, cmd in COMMANDS.items():
            times[name].append(run(cmd))
    medians = {name: statistics.median(values) for name, values in times.items()}
    for name, cmd in COMMANDS.items():
        print(f"  {name:<7} median {medians[name] * 1e3:7.1f} ms, range {min(times[name]) * 1e3:.1f}-"
              f"{max(times[name]) * 1e3:.1f} ms: {' '.join(cmd[1:])}")  # fmt: skip
    rows = [
        Row("start", "csto-timeline members 2010-01-01, whole process, vs python -c 'import attrs, dateutil.parser'",
            medians["cli"], medians["deps"], "s",
            note=f"median of {runs} interleaved runs; import csto_timeline alone {medians['import'] * 1e3:.0f} ms, "
                 f"python -c pass {medians['bare'] * 1e3:.0f} ms"),
    ]  # fmt: skip
    emit(rows, args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
