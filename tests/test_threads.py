"""Concurrent first queries on a fresh timeline: every derived table is published whole, once."""

from __future__ import annotations

import datetime as dt
import sys
import threading
from collections.abc import Callable, Iterator

import pytest

import csto_timeline
from csto_timeline import Timeline, UncertainStatusError

ROUNDS = 200
THREADS = 8


def answer(query: Callable[[], object]) -> object:
    try:
        value = query()
    except UncertainStatusError as error:
        return ("undecided", tuple(sorted(map(str, error.possible))))
    if isinstance(value, csto_timeline.MemberSet):
        return (value.codes, value.uncertain_codes)
    if isinstance(value, tuple):
        return tuple(map(repr, value))
    return repr(value)


def queries(timeline: Timeline) -> Iterator[Callable[[], object]]:
    """First queries of every kind, on every body and view, by day, month and year."""
    day = dt.date(2010, 1, 1)
    for org in (None, "CST", "CSTO", "CSTO-PA", "alliance"):
        yield lambda org=org: timeline.members_on(day, org=org)
        yield lambda org=org: timeline.members_on("2012", org=org)
        yield lambda org=org: timeline.members_on(dt.date(2025, 1, 1), org=org, status="frozen")
        for state in ("UZB", "ARM", "RUS", "AZE"):
            yield lambda org=org, state=state: timeline.status_of(state, day, org=org)
            yield lambda org=org, state=state: timeline.status_of(state, dt.date(2012, 12, 20), org=org)
            yield lambda org=org, state=state: timeline.status_of(state, "2006", org=org)
        yield lambda org=org: timeline.members_during("1999", "2006", org=org)
        yield lambda org=org: timeline.changes("1990", "2030", org=org)
    for state in ("UZB", "ARM"):
        yield lambda state=state: timeline.organizations_of(state, day)
        yield lambda state=state: timeline.participation_of(state, dt.date(2025, 1, 1))
        yield lambda state=state: str(timeline.explain(state, "2012"))
    yield lambda: len(timeline.events())


def test_eight_threads_making_first_queries_see_the_single_threaded_answers() -> None:
    """200 rounds: a fresh timeline each, eight threads racing through first queries with forced switching."""
    parts = csto_timeline.load()._parts
    expected = [answer(query) for query in queries(Timeline(parts))]
    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        for _ in range(ROUNDS):
            timeline = Timeline(parts)
            barrier = threading.Barrier(THREADS)
            results: list[list[object] | BaseException] = [[] for _ in range(THREADS)]

            def work(
                slot: int,
                timeline: Timeline = timeline,
                barrier: threading.Barrier = barrier,
                results: list[list[object] | BaseException] = results,
            ) -> None:
                try:
                    barrier.wait()
                    results[slot] = [answer(query) for query in queries(timeline)]
                except BaseException as error:  # noqa: BLE001 - reported by the main thread
                    results[slot] = error

            threads = [threading.Thread(target=work, args=(slot,)) for slot in range(THREADS)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            for result in results:
                if isinstance(result, BaseException):
                    pytest.fail(f"a thread raised {result!r}")
                assert result == expected
    finally:
        sys.setswitchinterval(old)
