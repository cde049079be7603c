"""Memory a COW timeline keeps, by tracemalloc after ``gc.collect()``, against pandas spells.

Run by hand, from the repository root (run_all.py runs it in its own process,
since tracing slows everything else down)::

    PYTHONPATH=src python benchmarks/bench_memory.py [PATH] [--json FILE]

The package (and pandas, for the second part) is imported before tracing
starts, so module code is not counted; caches the library fills while reading
are. Figures: traced bytes still allocated, less those allocated before the
call, with the timeline alive, (a) after ``read_cow`` and (b) once every IGO
is indexed by one day query each; then (c) after the timeline is dropped
(what the library keeps in module-level caches), and (d) pandas' spells
DataFrame from `cowlib.pandas_spells`, traced the same way (numpy reports its
buffers to tracemalloc).
"""

from __future__ import annotations

import argparse
import gc
import sys
import tracemalloc
from collections.abc import Sequence
from pathlib import Path

from benchlib import COW_FILE, Row, emit, machine
from cowlib import index_every_org, pandas_spells

import csto_timeline

MIB = 2**20


def kept(base: int) -> float:
    gc.collect()
    return (tracemalloc.get_traced_memory()[0] - base) / MIB


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", nargs="?", type=Path, default=COW_FILE)
    parser.add_argument("--quick", action="store_true", help="accepted for run_all; the same measurement")
    parser.add_argument("--json", help="write the rows to this file")
    args = parser.parse_args(argv)
    path: Path = args.path
    if not path.is_file():
        print(f"no COW IGO file at {path}: pass its path", file=sys.stderr)
        return 2
    import pandas as pd  # noqa: PLC0415

    for line in machine():
        print(line)
    print(f"csto_timeline from {csto_timeline.__file__}; pandas {pd.__version__}")

    gc.collect()
    tracemalloc.start()
    base = tracemalloc.get_traced_memory()[0]
    tl = csto_timeline.read_cow(path)
    after_read = kept(base)
    peak_read = (tracemalloc.get_traced_memory()[1] - base) / MIB
    asked = index_every_org(tl)
    after_index = kept(base)
    peak = (tracemalloc.get_traced_memory()[1] - base) / MIB
    del tl
    residue = kept(base)
    tracemalloc.stop()
    print(f"read_cow: {after_read:.1f} MiB kept (peak {peak_read:.1f}); {asked} IGOs indexed: {after_index:.1f} MiB "
          f"kept (peak {peak:.1f}); after dropping the timeline: {residue:.1f} MiB")  # fmt: skip

    gc.collect()
    tracemalloc.start()
    base = tracemalloc.get_traced_memory()[0]
    spells = pandas_spells(path)
    frame = kept(base)
    deep = spells.memory_usage(deep=True).sum() / MIB
    tracemalloc.stop()
    print(f"pandas spells: {frame:.1f} MiB kept by tracemalloc ({deep:.1f} MiB by memory_usage(deep=True)), "
          f"{len(spells):,} rows")  # fmt: skip
    rows = [
        Row("memory_read", "memory a COW timeline keeps after read_cow", after_read, frame, "MiB",
            note=f"floor column = pandas spells ({len(spells):,} rows); peak while reading {peak_read:.1f} MiB"),
        Row("memory_indexed", f"memory a COW timeline keeps once all {asked} IGOs are indexed", after_index, frame,
            "MiB", note=f"after dropping the timeline {residue:.1f} MiB stay allocated"),
    ]  # fmt: skip
    emit(rows, args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
