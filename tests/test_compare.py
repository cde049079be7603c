"""Comparing two timelines year by year in COW coding."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given

import csto_timeline
from csto_timeline import Disagreement, EventKind, MembershipRecord, Status, Timeline, compare, read_cow
from csto_timeline.exceptions import DateError, UnknownBodyError, UnknownStateError

from .strategies import SOURCE, build, record_lists

DATA = Path(__file__).parent / "data"


@pytest.fixture(name="cow", scope="module")
def _cow() -> Timeline:
    return read_cow(DATA / "igo_year_excerpt.csv.gz", orgs=["CSTO"])


@pytest.fixture(name="diffs", scope="module")
def _diffs(cow: Timeline) -> tuple[Disagreement, ...]:
    return compare(csto_timeline.load(), cow, org="alliance", their_org="CSTO", start_year=1992, end_year=2014)


def test_cow_starts_the_csto_in_2002(diffs: tuple[Disagreement, ...]) -> None:
    coverage = [d for d in diffs if d.kind == "coverage"]
    assert {d.year for d in coverage} == set(range(1992, 2002))
    assert {d.theirs_code for d in coverage} == {-1}
    assert all(d.theirs is Status.UNCOVERED for d in coverage)


def test_cow_codes_uzbekistan_a_member_while_it_was_outside_the_treaty(diffs: tuple[Disagreement, ...]) -> None:
    # Outside the treaty from April 1999 until its return in June 2006 (the sourced record).
    uzbekistan = [(d.year, d.ours_code, d.theirs_code) for d in diffs if d.state.alpha3 == "UZB" and d.kind == "status"]
    assert uzbekistan == [(2002, 0, 1), (2003, 0, 1), (2004, 0, 1), (2005, 0, 1)]


def test_parliamentary_observers_show_as_csto_observers_in_cow(diffs: tuple[Disagreement, ...]) -> None:
    observers = {(d.year, d.state.alpha3) for d in diffs if d.theirs is Status.OBSERVER}
    assert observers == {(2013, "AFG"), (2014, "AFG"), (2013, "SRB"), (2014, "SRB")}
    assert {d.ours_code for d in diffs if d.theirs is Status.OBSERVER} == {0}


def test_only_coverage_uzbekistan_and_observers_disagree(diffs: tuple[Disagreement, ...]) -> None:
    assert {d.kind for d in diffs} == {"coverage", "status"}
    assert {d.state.alpha3 for d in diffs if d.kind == "status"} == {"UZB", "AFG", "SRB"}
    assert [d.year for d in diffs] == sorted(d.year for d in diffs)


def test_each_disagreement_carries_both_sides_deciding_events(diffs: tuple[Disagreement, ...]) -> None:
    first = next(d for d in diffs if d.state.alpha3 == "UZB" and d.kind == "status")
    our_kinds = [(decision.role, decision.event.effective_kind) for decision in first.our_decisions]
    assert ("not related since", EventKind.LAPSE) in our_kinds
    assert ("not related until", EventKind.RESTORATION) in our_kinds
    assert first.our_sources
    assert all(source.id != "cow-igo-v3" for source in first.our_sources)
    assert [source.id for source in first.their_sources] == ["cow-igo-v3"]
    text = str(first)
    assert text.startswith("2002 Uzbekistan (UZB): ours 0 (none), theirs 1 (member) [status]")
    assert "COW codes uzbekistan 1 (full member) in CSTO for 2002-2011" in text
    assert repr(first) == "<Disagreement 2002 UZB: ours 0 (none), theirs 1 (member)>"


def test_states_restricts_the_comparison(cow: Timeline) -> None:
    ours = csto_timeline.load()
    only = compare(ours, cow, org="alliance", their_org="CSTO", start_year=2002, end_year=2014, states=["Afghanistan"])
    assert {d.state.alpha3 for d in only} == {"AFG"}
    with pytest.raises(UnknownStateError):
        compare(ours, cow, org="alliance", their_org="CSTO", start_year=2002, end_year=2014, states=["Atlantis"])


def test_an_unknown_year_is_its_own_kind() -> None:
    ours = Timeline.from_records(
        [MembershipRecord.of("ORG", "ARM", "member", "2000-01-01", source=SOURCE)], sources=[SOURCE]
    )
    theirs = Timeline.from_records(
        [MembershipRecord.of("ORG", "ARM", "unknown", "2000-01-01", source=SOURCE)], sources=[SOURCE]
    )
    (only,) = compare(ours, theirs, org="ORG", start_year=2000, end_year=2000)
    assert (only.ours_code, only.theirs_code, only.kind) == (1, -9, "unknown")


def test_bad_arguments_are_explained(cow: Timeline) -> None:
    with pytest.raises(UnknownBodyError):
        compare(cow, cow, org="NATO", start_year=2000, end_year=2001)
    with pytest.raises(DateError, match="before"):
        compare(cow, cow, org="CSTO", start_year=2005, end_year=2001)


@given(record_lists())
def test_a_timeline_agrees_with_itself(records: list[MembershipRecord]) -> None:
    timeline = build(records)
    for org in timeline.bodies:
        assert compare(timeline, timeline, org=org, start_year=1999, end_year=2012) == ()


@given(record_lists(), record_lists())
def test_swapping_sides_swaps_the_codes(first: list[MembershipRecord], second: list[MembershipRecord]) -> None:
    a, b = build(first), build(second)
    for org in set(a.bodies) & set(b.bodies):
        forward = {
            (d.year, d.state.alpha3): (d.ours_code, d.theirs_code)
            for d in compare(a, b, org=org, start_year=2000, end_year=2010)
        }
        backward = {
            (d.year, d.state.alpha3): (d.theirs_code, d.ours_code)
            for d in compare(b, a, org=org, start_year=2000, end_year=2010)
        }
        assert forward == backward
        assert all(ours != theirs for ours, theirs in forward.values())
