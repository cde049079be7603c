"""Pausing Python's cyclic garbage collector while a build allocates objects that all live on.

Building a timeline or an index makes hundreds of thousands of small objects
(events, spells, frozen sets, tuples) and keeps every one of them. Python's
cyclic collector runs as allocations pile up and scans the young objects,
and from time to time all of them, looking for garbage that is not there:
at the scale of the Correlates of War data that scanning took about two
thirds of the time to index every organization and two fifths of
`Timeline.from_records` (benchmarks/bench_engine.py). The builds therefore
run with the collector paused, and it is switched back on afterwards if, and
only if, it was on before. Reference counting, which frees almost all
garbage, works as usual throughout.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["collector_paused"]


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Run the block (or the decorated function) with the cyclic collector off.

    >>> import gc
    >>> with collector_paused():
    ...     gc.isenabled()
    False
    >>> gc.isenabled()
    True

    Two threads that overlap both leave it on at the end: a thread that found
    it on switches it back on, and one that found it off leaves it alone.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
