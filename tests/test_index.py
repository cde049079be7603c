"""The day table behind the day fast paths, and the state and body indexes, against plain scans."""

from __future__ import annotations

import datetime as dt
import itertools
import os
from bisect import bisect_right
from typing import Any

import pytest
from hypothesis import Phase, given, settings
from hypothesis import strategies as st

from csto_timeline import MembershipRecord, State, Status, _index, _sweep
from csto_timeline._index import (
    NOTHING,
    UNDECIDED,
    OrgIndex,
    StateIndex,
    build_org_index,
    build_state_indexes,
    day_table,
)

from . import oracle
from .strategies import SOURCE, STATUSES, build, record_lists

points_and_values = st.lists(
    st.tuples(st.integers(1, 3_000_000), st.sampled_from("abc")), unique_by=lambda pair: pair[0], max_size=40
).map(sorted)


def scan(pairs: list[tuple[int, str]], day: int, before: str) -> str:
    """The value of the last point at or before ``day``, else ``before``."""
    found = before
    for point, value in pairs:
        if point <= day:
            found = value
    return found


@given(points_and_values, st.lists(st.integers(1, 3_000_001), max_size=30))
def test_a_lookup_gives_the_last_value_at_or_before_the_day(pairs: list[tuple[int, str]], days: list[int]) -> None:
    points, values = day_table([p for p, _ in pairs], [v for _, v in pairs], before="-")
    for day in [*days, *(p for p, _ in pairs), *(p - 1 for p, _ in pairs)]:
        assert values[bisect_right(points, day) - 1] == scan(pairs, day, "-")


@given(points_and_values)
def test_the_table_keeps_only_points_where_the_value_changes(pairs: list[tuple[int, str]]) -> None:
    points, values = day_table([p for p, _ in pairs], [v for _, v in pairs], before="-")
    assert points[0] == 0
    assert list(points) == sorted(set(points))
    assert all(a != b for a, b in itertools.pairwise(values))
    assert len(points) == len(values)


# The indexes of one body and track, against the plain day-by-day oracle of tests/oracle.py.

#: Under mutation testing (docs/development.md) a failure only needs to be seen, not shrunk: shrinking
#: an oracle property's counterexample takes a minute a mutant.
oracle_settings = settings(phases=[Phase.explicit, Phase.reuse, Phase.generate]) if os.environ.get("HYPOTHESIS_PROFILE") == "mutation" else settings()

UNTRACKED = {Status.UNKNOWN, Status.UNCOVERED}
ANY_STATUS = set(Status) - {Status.UNCOVERED}


def indexes(records: list[MembershipRecord], org: str) -> tuple[dict[str, StateIndex], OrgIndex]:
    """The state indexes and the body-wide index of ``org``'s legal track, built from the records' spells."""
    timeline = build(records)
    histories = [list(timeline.history(state, org=org)) for state in {r.state for r in records if r.org == org}]
    states = build_state_indexes({spells[0].state: spells for spells in histories})
    return {state.alpha3: index for state, index in states.items()}, build_org_index(states)


def change_days(records: list[MembershipRecord]) -> list[dt.date]:
    """Every day on which the oracle's possible set may change, with the days either side."""
    found = set()
    for record in records:
        for boundary in (record.start, record.end):
            if boundary is not None:
                for day in (boundary.earliest, boundary.latest):
                    found.update({day - dt.timedelta(days=1), day, day + dt.timedelta(days=1)})
    return sorted(found)


def possible_sets(records: list[MembershipRecord], org: str, state: str, first: dt.date, last: dt.date) -> list[set[Status | None]]:
    """The oracle's possible set on each day of [first, last] where it may differ from the day before."""
    probes = [first, *(day for day in change_days(records) if first < day <= last)]
    return [oracle.possible_on(records, org, state, day) for day in probes]


def sure(possible: set[Status | None], status: Status) -> bool:
    return possible == {status}


def maybe(possible: set[Status | None], status: Status) -> bool:
    """The status may hold (an "unknown" allows any status) but is not certain."""
    expanded = ANY_STATUS if Status.UNKNOWN in possible else possible
    return status in expanded and not sure(possible, status)



def draw_range(data: st.DataObject, records: list[MembershipRecord]) -> tuple[dt.date, dt.date]:
    days = [dt.date(1999, 1, 1), *change_days(records), dt.date(2030, 1, 1)]
    first = data.draw(st.sampled_from(days))
    last = data.draw(st.sampled_from([day for day in days if day >= first]))
    return first, last


@oracle_settings
@given(record_lists(), st.data())
def test_a_state_index_gives_the_oracle_statuses_over_any_range(records: list[MembershipRecord], data: st.DataObject) -> None:
    """The statuses a state index allows over a range are those the oracle allows on some day of it."""
    org = data.draw(st.sampled_from(sorted({r.org for r in records})))
    states, _ = indexes(records, org)
    for _ in range(5):
        first, last = draw_range(data, records)
        for state, index in states.items():
            expected = set().union(*possible_sets(records, org, state, first, last))
            assert index.possible(first.toordinal(), last.toordinal()) == expected


@oracle_settings
@given(record_lists(), st.data())
def test_a_state_index_answers_a_day_with_its_one_status_or_undecided(records: list[MembershipRecord], data: st.DataObject) -> None:
    """A day's answer is the one possible status, or UNDECIDED when several are possible or the one is "unknown"."""
    org = data.draw(st.sampled_from(sorted({r.org for r in records})))
    states, _ = indexes(records, org)
    for day in [dt.date(1999, 1, 1), *change_days(records)]:
        for state, index in states.items():
            possible = oracle.possible_on(records, org, state, day)
            expected = next(iter(possible)) if len(possible) == 1 and not possible & UNTRACKED else UNDECIDED
            assert index.answer_on(day.toordinal()) is expected


def test_a_state_index_allows_no_relation_before_its_first_point() -> None:
    """Before a state's first change point only "no relation" is possible, even for a range ending there."""
    index = StateIndex((10, 20), (frozenset({Status.MEMBER}), NOTHING), ())
    assert index.possible(1, 5) == NOTHING
    assert index.possible(5, 10) == {None, Status.MEMBER}
    assert index.possible(10, 19) == {Status.MEMBER}
    assert index.possible(20, 30) == NOTHING
    assert index.answer_on(9) is None
    assert index.answer_on(10) is Status.MEMBER
    assert index.answer_on(20) is None


@oracle_settings
@given(record_lists(), st.data())
def test_the_body_index_gives_the_oracle_holders_of_every_status(records: list[MembershipRecord], data: st.DataObject) -> None:
    """Holders over a range, at some point of it and throughout it, are the oracle's, certain and only possible apart."""
    org = data.draw(st.sampled_from(sorted({r.org for r in records})))
    _, index = indexes(records, org)
    names = sorted({r.state for r in records if r.org == org})
    for _ in range(4):
        first, last = draw_range(data, records)
        sets = {state: possible_sets(records, org, state, first, last) for state in names}
        for status in [*STATUSES, Status.FROZEN, Status.UNCOVERED]:
            if status in UNTRACKED:
                # Untracked statuses are read from the states' own indexes; "unknown" is never certain.
                some = {s for s in names if any(status in p for p in sets[s])}
                every = {s for s in names if all(status in p for p in sets[s])}
                certain_any: set[str] = set() if status is Status.UNKNOWN else {s for s in names if any(sure(p, status) for p in sets[s])}
                certain_all: set[str] = set() if status is Status.UNKNOWN else {s for s in names if all(sure(p, status) for p in sets[s])}
                expected_any = (certain_any, some - certain_any)
                expected_all = (certain_all, every - certain_all)
                expected_holders = (certain_all, some - certain_all)
            else:
                certain_any = {s for s in names if any(sure(p, status) for p in sets[s])}
                some = {s for s in names if any(sure(p, status) or maybe(p, status) for p in sets[s])}
                certain_all = {s for s in names if all(sure(p, status) for p in sets[s])}
                every = {s for s in names if all(sure(p, status) or maybe(p, status) for p in sets[s])}
                expected_any = (certain_any, some - certain_any)
                expected_all = (certain_all, every - certain_all)
                expected_holders = (certain_all, some - certain_all)
            first_day, last_day = first.toordinal(), last.toordinal()
            for _repeat in range(2):  # the second asks the tables made by the first
                assert alpha3(index.window(status, first_day, last_day, "any")) == expected_any
                assert alpha3(index.window(status, first_day, last_day, "all")) == expected_all
                assert alpha3(index.holders(status, first_day, last_day)) == expected_holders


def alpha3(holders: tuple[frozenset[Any], frozenset[Any]]) -> tuple[set[str], set[str]]:
    return {state.alpha3 for state in holders[0]}, {state.alpha3 for state in holders[1]}


@oracle_settings
@given(record_lists(), st.data())
def test_the_member_day_table_lists_the_oracle_members_of_each_day(records: list[MembershipRecord], data: st.DataObject) -> None:
    """The members' day table gives, on each day, the states certainly and only possibly members then."""
    org = data.draw(st.sampled_from(sorted({r.org for r in records})))
    _, index = indexes(records, org)
    names = sorted({r.state for r in records if r.org == org})
    points, pairs = index.member_days
    assert index.pairs(Status.MEMBER) == index.member_days
    for day in [dt.date(1999, 1, 1), *change_days(records)]:
        possible = {state: oracle.possible_on(records, org, state, day) for state in names}
        certain = {s for s in names if sure(possible[s], Status.MEMBER)}
        only = {s for s in names if maybe(possible[s], Status.MEMBER)}
        assert alpha3(pairs[bisect_right(points, day.toordinal()) - 1]) == (certain, only)


def test_a_state_index_keeps_the_sets_it_computed_and_its_spells(monkeypatch: pytest.MonkeyPatch) -> None:
    """Built with no set interned yet, an index holds the possible sets themselves and the spells it was given."""
    monkeypatch.setattr(_sweep, "_SHARED", {})
    records = [MembershipRecord.of("ORG-A", "ARM", Status.OBSERVER, "2000", "2003-06-01", source=SOURCE)]
    spells = list(build(records).history("ARM", org="ORG-A"))
    index = _index.build_state_index(spells)
    assert index.sets == (frozenset({None, Status.OBSERVER}), frozenset({Status.OBSERVER}), NOTHING)
    assert index.spells == tuple(spells)


def test_a_state_whose_set_repeats_at_a_point_hides_no_other_change_there() -> None:
    """At a point where one state's possible set stays the same, the other states' changes at that point still count."""
    member = frozenset({Status.MEMBER})
    arm, blr = State.of("ARM", "AM", "Armenia"), State.of("BLR", "BY", "Belarus")
    states = {arm: StateIndex((10, 20), (member, member), ()), blr: StateIndex((20,), (member,), ())}
    index = build_org_index(states)
    points, pairs = index.member_days
    assert pairs[bisect_right(points, 25) - 1] == (frozenset({arm, blr}), frozenset())
