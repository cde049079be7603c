"""Coded panels, counts and dyads agree, cell by cell, with what the engine says about each day."""

from __future__ import annotations

import datetime as dt
from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from csto_timeline import MembershipRecord, Status, Timeline, to_panel
from csto_timeline._counts import count_members, count_memberships
from csto_timeline._dyads import to_dyads

from .strategies import build, record_lists

FIRST, LAST = dt.date(2000, 1, 1), dt.date(2003, 12, 31)
RULES = ("any", "all", "most", "last", "first", "dec31", "07-01")
RANK = (
    Status.MEMBER, Status.ASSOCIATE, Status.OBSERVER, Status.PARTNER, Status.SUSPENDED, Status.SIGNATORY, None,
)  # fmt: skip
WILD = {Status.UNKNOWN, Status.UNCOVERED}
Days = dict[dt.date, frozenset[Status | None]]


def day_sets(timeline: Timeline, state: str, org: str) -> Days:
    """What `possible_statuses` allows on each day of the test window."""
    days = {}
    day = FIRST
    while day <= LAST:
        days[day] = timeline.possible_statuses(state, day, org=org)
        day += dt.timedelta(days=1)
    return days


def reference(rule: str, first: dt.date, last: dt.date) -> dt.date | None:
    if rule in ("any", "all", "most"):
        return None
    if rule == "first":
        return first
    if rule == "last":
        return last
    month, day = (12, 31) if rule == "dec31" else (7, 1)
    return dt.date(first.year, month, day)


def verdict(sets: list[frozenset[Status | None]], status: Status | None, rule: str, ref: int | None) -> str:
    """Whether ``status`` meets the rule over the days' sets: yes, no or maybe."""
    if ref is not None:
        statuses = sets[ref]
        if statuses == {status}:
            return "yes"
        return "maybe" if status in statuses or statuses & WILD else "no"
    sure = sum(statuses == {status} for statuses in sets)
    can = sum(status in statuses or bool(statuses & WILD) for statuses in sets)
    need = {"any": 1, "all": len(sets), "most": len(sets) // 2 + 1}[rule]
    return "yes" if sure >= need else ("maybe" if can >= need else "no")


def expected_outcomes(sets: list[frozenset[Status | None]], rule: str, ref: int | None) -> tuple[Status | None, ...]:
    if ref is not None:
        statuses = sets[ref]
        return (*(s for s in RANK if s in statuses), *(s for s in (Status.UNKNOWN, Status.UNCOVERED) if s in statuses))
    if all(statuses <= WILD for statuses in sets):
        return (Status.UNCOVERED,) if all(s == {Status.UNCOVERED} for s in sets) else (Status.UNKNOWN,)
    outcomes: list[Status | None] = []
    for status in RANK:
        answer = verdict(sets, status, rule, None)
        if answer != "no":
            outcomes.append(status)
        if answer == "yes":
            return tuple(outcomes)
    if rule != "any" and None not in outcomes:
        outcomes.append(None)
    return tuple(outcomes)


def window_of(days: Days, first: dt.date, last: dt.date) -> list[frozenset[Status | None]]:
    return [days[first + dt.timedelta(days=offset)] for offset in range((last - first).days + 1)]


@settings(max_examples=12, deadline=None)
@given(record_lists(), st.sampled_from(("year", "month")), st.sampled_from(RULES))
def test_every_cell_follows_the_days_the_engine_allows(records: list[MembershipRecord], freq: str, rule: str) -> None:
    """Each panel cell, under each rule, is what the engine's day-by-day answers make it."""
    if freq == "month" and rule in ("dec31", "07-01"):
        rule = "last"
    timeline = build(records)
    memo: dict[tuple[str, str], Days] = {}
    for row in to_panel(timeline, freq=freq, start="2000", end="2003", rule=rule):
        days = memo.setdefault((row.org, row.state), day_sets(timeline, row.state, row.org))
        sets = window_of(days, row.first_day, row.last_day)
        ref = reference(rule, row.first_day, row.last_day)
        outcomes = expected_outcomes(sets, rule, None if ref is None else (ref - row.first_day).days)
        assert row.possible == outcomes
        assert row.certain == (len(outcomes) == 1 and outcomes[0] not in WILD)
        assert row.status == (outcomes[0] if len(outcomes) == 1 else None)
        top = outcomes[0]
        if top not in WILD:
            assert row.share_low == sum(s == {top} for s in sets) / len(sets)
            assert row.share_high == sum(top in s or bool(s & WILD) for s in sets) / len(sets)
        if row.certain and rule == "all" and row.status is not None:
            assert timeline.status_of(row.state, row.first_day, org=row.org) is row.status


@settings(max_examples=8, deadline=None)
@given(record_lists(), st.sampled_from(RULES), st.sampled_from((Status.MEMBER, Status.SUSPENDED)))
def test_counts_and_dyads_follow_the_days_the_engine_allows(
    records: list[MembershipRecord], rule: str, status: Status
) -> None:
    """Member counts, membership counts and joint membership agree with the engine's day-by-day answers."""
    timeline = build(records)
    orgs = sorted(timeline.bodies)
    memo = {
        (org, state.alpha3): day_sets(timeline, state.alpha3, org)
        for org in orgs
        for state in {spell.state for spell in timeline.spells(org=org)}
    }
    for row in count_members(timeline, org=orgs, start="2000", end="2003", rule=rule, status=status):
        ref = reference(rule, row.first_day, row.last_day)
        answers = [
            verdict(
                window_of(days, row.first_day, row.last_day),
                status,
                rule,
                None if ref is None else (ref - row.first_day).days,
            )
            for (org, _), days in memo.items()
            if org == row.org
        ]
        assert row.range == (answers.count("yes"), len(answers) - answers.count("no"))
    per_state = count_memberships(timeline, start="2000", end="2003", rule=rule, status=status)
    for row in per_state:
        ref = reference(rule, row.first_day, row.last_day)
        index = None if ref is None else (ref - row.first_day).days
        answers = {
            org: verdict(window_of(days, row.first_day, row.last_day), status, rule, index)
            for (org, state), days in memo.items()
            if state == row.state
        }
        assert row.certain == sum(answer == "yes" for answer in answers.values())
        assert row.possible == sum(answer != "no" for answer in answers.values())
        assert set(row.orgs) == {org for org, answer in answers.items() if answer == "yes"}
    for row in to_dyads(timeline, org=orgs, start="2000", end="2003", rule=rule, status=status):
        one, other = memo[(row.org, row.state_a)], memo[(row.org, row.state_b)]
        joint = []
        for a, b in zip(
            window_of(one, row.first_day, row.last_day), window_of(other, row.first_day, row.last_day), strict=True
        ):
            both = [verdict([s], status, "all", None) for s in (a, b)]
            joint.append(
                frozenset({status}) if both == ["yes", "yes"] else
                frozenset({status, None}) if "no" not in both else frozenset({None})
            )  # fmt: skip
        ref = reference(rule, row.first_day, row.last_day)
        answer = verdict(joint, status, rule, None if ref is None else (ref - row.first_day).days)
        assert row.joint == {"yes": True, "no": False, "maybe": None}[answer]
        assert row.share_low == sum(s == {status} for s in joint) / len(joint)


@settings(max_examples=8, deadline=None)
@given(record_lists())
def test_dyads_list_each_unordered_pair_once(records: list[MembershipRecord]) -> None:
    """A dyad panel has one row per unordered pair of states with spells, per period."""
    timeline = build(records)
    for org in timeline.bodies:
        states = sorted({spell.state.alpha3 for spell in timeline.spells(org=org)})
        rows = to_dyads(timeline, org=org, start="2001", end="2002")
        assert [(row.period, row.state_a, row.state_b) for row in rows] == [
            (year, a, b) for year in (2001, 2002) for a, b in combinations(states, 2)
        ]


def test_the_rules_code_a_year_with_a_change_differently(timeline: Timeline) -> None:
    """Uzbekistan's 2012 (member until 19 December, then suspended) under each rule."""
    coded = {
        rule: to_panel(timeline, start="2012", end="2012", states=["UZB"], rule=rule)[0].status
        for rule in ("any", "all", "most", "last", "first", "07-01")
    }
    assert coded == {
        "any": Status.MEMBER,
        "all": None,
        "most": Status.MEMBER,
        "last": Status.SUSPENDED,
        "first": Status.MEMBER,
        "07-01": Status.MEMBER,
    }


def test_an_imprecise_boundary_gives_a_share_range(timeline: Timeline) -> None:
    """Serbia's observer seat in the Assembly dates only to 2013: certain on 31 December, possible all year."""
    (row,) = to_panel(timeline, org="CSTO-PA", start="2013", end="2013", states=["SRB"], rule="any")
    assert (row.status, row.certain, row.share) == (Status.OBSERVER, True, (1 / 365, 1.0))
    (most,) = to_panel(timeline, org="CSTO-PA", start="2013", end="2013", states=["SRB"], rule="most")
    assert (most.status, most.certain, most.possible) == (None, False, (Status.OBSERVER, None))
    (after,) = to_panel(timeline, org="CSTO-PA", start="2014", end="2014", states=["SRB"], rule="any")
    assert (after.status, after.certain, after.share) == (Status.OBSERVER, True, (1.0, 1.0))


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"rule": "sometimes"}, "rule='sometimes' is not a coding rule"),
        ({"rule": "02-29"}, "rule='02-29' is not a day of every year"),
        ({"rule": "13-01"}, "rule='13-01' is not a day of every year"),
        ({"rule": "07-01", "freq": "month"}, "needs freq='year'"),
        ({"max_rows": 0}, "max_rows=0 is not a number of rows"),
    ],
)
def test_bad_rules_and_limits_are_refused(timeline: Timeline, options: dict[str, object], message: str) -> None:
    """A rule or limit the panels do not know is refused with what is accepted."""
    with pytest.raises(ValueError, match=message.replace("(", r"\(")):
        to_panel(timeline, start="2012", end="2012", **options)  # type: ignore[arg-type]
