"""Builds pause the cyclic garbage collector and leave it as they found it."""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Iterator

import pytest

from csto_timeline import MembershipRecord, PartialDate, Status
from csto_timeline._gc import collector_paused

from .strategies import SOURCE, build


@pytest.fixture
def collector_off() -> Iterator[None]:
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


@collector_paused()
def fail_while_paused() -> None:
    assert not gc.isenabled()
    raise RuntimeError


def test_an_error_inside_still_switches_the_collector_back_on() -> None:
    with pytest.raises(RuntimeError):
        fail_while_paused()
    assert gc.isenabled()


@pytest.mark.usefixtures("collector_off")
def test_a_collector_that_was_off_stays_off() -> None:
    with collector_paused():
        pass
    assert not gc.isenabled()


def test_building_and_indexing_leave_the_collector_on() -> None:
    record = MembershipRecord.of("ORG", "ARM", Status.MEMBER, PartialDate.of(2000), None, source=SOURCE)
    timeline = build([record])
    assert gc.isenabled()
    assert timeline.status_of("ARM", dt.date(2001, 1, 1)) is Status.MEMBER
    assert timeline.organizations_of("ARM", dt.date(2001, 1, 1)) == ("ORG",)
    assert gc.isenabled()
