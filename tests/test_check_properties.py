"""Properties of the claim checker against the record's own rosters."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

import csto_timeline
from csto_timeline import State
from csto_timeline._check import ClaimKind, Verdict, check

TIMELINE = csto_timeline.load()
OUTSIDERS = tuple(TIMELINE.state(code) for code in ("AZE", "GEO", "UZB", "TKM", "UKR", "MDA"))
DAYS = st.dates(min_value=dt.date(1995, 1, 1), max_value=dt.date(2025, 12, 31))


def _names(state: State) -> list[str]:
    return [name for name in state.names if "SSR" not in name and "SFSR" not in name and len(name) > 3]


@st.composite
def rosters(draw: st.DrawFn) -> tuple[dt.date, list[State], list[str]]:
    """A day with a decided membership, its members in a random order, and a name for each."""
    day = draw(DAYS)
    members = TIMELINE.members_on(day)
    if members.uncertain:
        day = dt.date(2010, 1, 1)
        members = TIMELINE.members_on(day)
    states = draw(st.permutations(sorted(members)))
    names = [draw(st.sampled_from(_names(state))) for state in states]
    return day, list(states), names


def _sentence(names: list[str]) -> str:
    listed = ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else names[0]
    return f"The Collective Security Treaty Organization consists of {listed}."


def _verdict(text: str, day: dt.date) -> Verdict:
    report = check(text, published=day, timeline=TIMELINE)
    lists = [item for item in report if item.kind is ClaimKind.MEMBER_LIST]
    assert len(lists) == 1, report.items
    return lists[0].verdict


@settings(max_examples=40)
@given(rosters())
def test_the_records_own_roster_is_judged_true(roster: tuple[dt.date, list[State], list[str]]) -> None:
    """A list of the members on a day, in any order and any name form, is true on that day."""
    day, _states, names = roster
    assert _verdict(_sentence(names), day) is Verdict.TRUE


@settings(max_examples=40)
@given(rosters(), st.data())
def test_adding_or_dropping_a_state_makes_the_roster_false(
    roster: tuple[dt.date, list[State], list[str]], data: st.DataObject
) -> None:
    """Add a non-member to the whole membership, or leave a member out: false."""
    day, states, names = roster
    outsiders = [state for state in OUTSIDERS if state not in states]
    if data.draw(st.booleans()) and outsiders:
        extra = data.draw(st.sampled_from(outsiders))
        position = data.draw(st.integers(0, len(names)))
        changed = [*names[:position], extra.name, *names[position:]]
    else:
        drop = data.draw(st.integers(0, len(names) - 1))
        changed = names[:drop] + names[drop + 1 :]
    assert _verdict(_sentence(changed), day) is Verdict.FALSE


CHANGES = [change for change in TIMELINE.changes("1995", "2025") if not change.uncertain]


@settings(max_examples=20)
@given(st.sampled_from(CHANGES))
def test_shifting_the_date_across_a_boundary_changes_the_verdict(change: object) -> None:
    """The roster of the day before a change is true that day, and true the day of the change only if nothing changed."""
    first = change.date.earliest  # type: ignore[attr-defined]
    before = first - dt.timedelta(days=1)
    states = sorted(TIMELINE.members_on(before))
    if not states or TIMELINE.members_on(first).uncertain:
        return
    text = _sentence([state.name for state in states])
    assert _verdict(text, before) is Verdict.TRUE
    same = set(TIMELINE.members_on(first)) == set(states) and not TIMELINE.members_on(first).uncertain
    assert _verdict(text, first) is (Verdict.TRUE if same else Verdict.FALSE)
