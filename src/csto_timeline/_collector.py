"""The cyclic garbage collector, paused while a build makes many objects.

The records and spells ``Timeline.from_records`` makes hold no reference
cycles, so the cyclic collector finds nothing in them; yet as they pile up it
walks them again and again: some 60% of ``from_records`` on 50,000 records.
So ``from_records`` pauses the collector while it makes them (reading the
records it is given included, so a generator of records runs paused too) and
resumes it afterwards; objects are still freed by reference counting as they
always are.

Python has one collector per process, not per thread: while a build runs
(0.3 s for 50,000 records on the benchmark machine), cyclic garbage another
thread makes waits for it. Pauses nest and may overlap across threads: the
collector resumes when the last one ends, and only if it was running when the
first began, so a program that turned it off keeps it off. (A program that
turns it off from another thread while a build runs sees it turned back on
when the build ends.)
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["collector_paused"]

_lock = threading.Lock()
_pauses = 0
_resume = False


@contextmanager
def collector_paused() -> Iterator[None]:
    """Run the body of a ``with`` block with the cyclic garbage collector paused.

    >>> import gc
    >>> with collector_paused():
    ...     gc.isenabled()
    False
    >>> gc.isenabled()
    True
    """
    global _pauses, _resume  # noqa: PLW0603 - one collector per process, so one count of its pauses
    with _lock:
        if _pauses == 0:
            _resume = gc.isenabled()
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        with _lock:
            _pauses -= 1
            if _pauses == 0 and _resume:
                gc.enable()
