"""The garbage collector paused during builds: resumed afterwards, never turned on against a program's wish."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

import pytest

from csto_timeline import MembershipRecord, Source, Timeline, _from_records
from csto_timeline._collector import collector_paused

SOURCE = Source.of("register", "A register", publisher="Example", url="https://example.org/r", says="Members.")


@pytest.fixture(autouse=True)
def collector_on() -> Iterator[None]:
    """Each test starts with the collector running and leaves it so."""
    gc.enable()
    yield
    gc.enable()


def test_nested_pauses_resume_the_collector_only_when_the_outermost_ends() -> None:
    """An inner pause ending does not turn the collector back on under an outer one."""
    with collector_paused():
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_pause_ended_by_an_exception_still_resumes_the_collector() -> None:
    """The collector resumes however the paused block ends."""
    with pytest.raises(ZeroDivisionError), collector_paused():
        _ = 1 / 0
    assert gc.isenabled()


def test_a_program_that_turned_the_collector_off_keeps_it_off() -> None:
    """A build inside a program that disabled the collector leaves it disabled."""
    gc.disable()
    timeline = Timeline.from_records([MembershipRecord.of("UNION", "KAZ", "member", "2015", source=SOURCE)])
    assert not gc.isenabled()
    assert timeline.status_of("KAZ", "2016", org="UNION") is not None


def test_building_from_records_pauses_the_collector_and_resumes_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """``from_records`` makes its spells with the collector paused, and leaves it running."""
    seen: list[bool] = []
    original = _from_records._source_of

    def watching(*args: object, **kwargs: object) -> object:
        seen.append(gc.isenabled())
        return original(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(_from_records, "_source_of", watching)
    Timeline.from_records([MembershipRecord.of("UNION", state, "member", "2015", source=SOURCE) for state in ("KAZ", "KGZ")])
    assert seen
    assert seen == [False] * len(seen)
    assert gc.isenabled()


def test_pauses_overlapping_in_threads_resume_the_collector_once_both_end() -> None:
    """Two threads' builds overlap: the collector stays paused until the last one ends."""
    first_in, second_done = threading.Event(), threading.Event()
    states: dict[str, bool] = {}

    def first() -> None:
        with collector_paused():
            first_in.set()
            second_done.wait(10)
            states["first, after the second ended"] = gc.isenabled()

    def second() -> None:
        first_in.wait(10)
        with collector_paused():
            pass
        second_done.set()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert states == {"first, after the second ended": False}
    assert gc.isenabled()
