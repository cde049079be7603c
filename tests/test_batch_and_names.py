"""Many questions in one call, organization search and names, the shipped COW excerpt and the panel limits."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import csto_timeline
from csto_timeline import MembershipRecord, OutsideCoverageError, Status, Timeline, TimelineError, to_panel
from csto_timeline._batch import status_many, status_series
from csto_timeline._names import suggest_orgs
from csto_timeline._orgsearch import organizations_named, search_orgs
from csto_timeline._sample import cow_sample_path

from .strategies import STATES, build, record_lists

DAYS = st.dates(dt.date(1999, 1, 1), dt.date(2012, 12, 31))


def one_answer(timeline: Timeline, state: str, date: object, org: str) -> object:
    try:
        return timeline.status_of(state, date, org=org)
    except TimelineError as error:
        return type(error)


@settings(max_examples=25, deadline=None)
@given(record_lists(), st.lists(st.tuples(st.sampled_from(STATES), DAYS), max_size=30))
def test_status_many_answers_as_status_of_does(
    records: list[MembershipRecord], pairs: list[tuple[str, dt.date]]
) -> None:
    """Each answer of a batch is status_of's answer; an undecided pair is marked, or raises as status_of raises."""
    timeline = build(records)
    for org in timeline.bodies:
        expected = [one_answer(timeline, state, date, org) for state, date in pairs]
        marked = status_many(timeline, pairs, org=org, undecided="mark")
        assert list(marked) == [Status.UNKNOWN if isinstance(e, type) else e for e in expected]
        if all(not isinstance(e, type) for e in expected):
            assert status_many(timeline, pairs, org=org) == marked
        else:
            with pytest.raises(TimelineError):
                status_many(timeline, pairs, org=org)
        for state in STATES:
            dates = [date for _, date in pairs]
            assert status_series(timeline, state, dates, org=org, undecided="mark") == status_many(
                timeline, [(state, date) for date in dates], org=org, undecided="mark"
            )


def test_status_many_reads_a_generator_once_and_asks_undecided_and_text_dates_in_order() -> None:
    """Pairs given by a generator are read once; days the tables leave undecided and dates given
    as text are answered as status_of answers them, in their places, the first undecided raising."""
    timeline = csto_timeline.load()
    pairs = [("UZB", dt.date(2010, 1, 1)), ("UZB", "2012"), ("ARM", "5 May 2015"), ("KAZ", dt.date(1999, 4, 20))]
    read: list[tuple[str, object]] = []

    def generated() -> object:
        for pair in pairs:
            read.append(pair)
            yield pair

    marked = status_many(timeline, generated(), undecided="mark")  # type: ignore[arg-type]
    assert read == pairs
    expected = [one_answer(timeline, state, date, "alliance") for state, date in pairs]
    assert list(marked) == [Status.UNKNOWN if isinstance(e, type) else e for e in expected]
    undecided = expected[1]  # "2012" is undecided for UZB: status_of raises
    assert isinstance(undecided, type)
    assert issubclass(undecided, TimelineError)
    with pytest.raises(undecided):
        status_many(timeline, pairs)


#: Pairs of every kind status_many meets: decided, undecided, text, unknown state, bad date, not a pair.
MIXED: list[object] = [
    ("UZB", dt.date(2010, 1, 1)), ("ARM", "2015"), ("UZB", "2012"), ("UZB", dt.date(2012, 12, 19)),
    ("XXX", dt.date(2010, 1, 1)), ("ARM", "2010-13-45"), ("ARM", 3.5), ("ARM",), 5,
]  # fmt: skip


def first_error_one_by_one(timeline: Timeline, pairs: list[object]) -> type[Exception] | None:
    """The oracle: the error status_of meets first, asking the pairs one at a time, in order."""
    for pair in pairs:
        if not isinstance(pair, tuple) or len(pair) != 2:
            return TypeError
        try:
            timeline.status_of(pair[0], pair[1])
        except TimelineError as error:
            return type(error)
    return None


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(MIXED), max_size=8))
def test_status_many_raises_the_error_of_the_first_pair_in_error(pairs: list[object]) -> None:
    """Whatever the mix, a batch raises what asking the pairs one by one raises first (its
    answers otherwise being status_of's)."""
    timeline = csto_timeline.load()
    expected = first_error_one_by_one(timeline, pairs)
    if expected is None:
        assert list(status_many(timeline, pairs)) == [timeline.status_of(*pair) for pair in pairs]  # type: ignore[misc]
    else:
        with pytest.raises(expected) as raised:
            status_many(timeline, pairs)  # type: ignore[arg-type]
        assert type(raised.value) is expected


def test_status_many_marks_days_outside_the_coverage() -> None:
    """A day outside a body's coverage is marked uncovered, or raises OutsideCoverageError."""
    cow = csto_timeline.read_cow(cow_sample_path(), orgs=["CSTO"])
    days = [("RUS", dt.date(2001, 6, 1)), ("RUS", dt.date(2005, 6, 1)), ("RUS", "2003")]
    assert status_many(cow, days, org="CSTO", undecided="mark") == (Status.UNCOVERED, Status.MEMBER, Status.MEMBER)
    with pytest.raises(OutsideCoverageError):
        status_many(cow, days, org="CSTO")


def test_status_many_refuses_what_is_not_a_pair(timeline: Timeline) -> None:
    """A query that is not a (state, date) pair, or an unknown undecided mode, is refused by name."""
    with pytest.raises(TypeError, match="pairs"):
        status_many(timeline, ["UZB"])
    with pytest.raises(ValueError, match="undecided='skip'"):
        status_many(timeline, [], undecided="skip")  # type: ignore[arg-type]


def test_search_finds_organizations_by_any_of_their_names() -> None:
    """A search matches ids, names and aliases, tolerating COW's British spelling."""
    cow = csto_timeline.read_cow(cow_sample_path())
    assert search_orgs(cow, "nato")[0].id == "NATO"
    assert search_orgs(cow, "Rhine navigation")[0].id == "CCNR"
    assert search_orgs(cow, "Commonwealth of Independant States")[0].id == "CIS"
    assert all(0 < match.score <= 1 for match in search_orgs(cow, "organization"))
    assert search_orgs(cow, "Warsaw Pact") == ()


def test_suggestions_name_the_close_spelling() -> None:
    """The name COW spells "Organisation" is suggested for "Organization"."""
    names = ["SCO", "Shanghai Cooperation Organisation", "Council of Europe"]
    assert suggest_orgs(names, "Shanghai Cooperation Organization") == ("Shanghai Cooperation Organisation",)
    assert suggest_orgs(names, "shanghai cooperation") == ("Shanghai Cooperation Organisation",)


def test_organizations_named_pairs_ids_with_names(timeline: Timeline) -> None:
    """Each organization of a state comes with the body's name."""
    named = organizations_named(timeline, "ARM", "2010-01-01")
    assert [org.id for org in named] == list(timeline.organizations_of("ARM", "2010-01-01"))
    assert all(org.name == timeline.bodies[org.id].name for org in named)


def test_the_cow_sample_is_found_through_the_package() -> None:
    """The excerpt and its state list ship together, with COW's citation beside them."""
    path = cow_sample_path()
    assert path.is_file()
    assert (path.parent / "states2016.csv").is_file()
    assert "Pevehouse" in (path.parent / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"freq": "month", "start": "0001", "end": "9999"}, "to_panel would make 1,079,892 rows"),
        ({"freq": "day", "start": "0001", "end": "9999"}, "max_rows="),
        ({"start": "2000", "end": "2000", "output": "nope"}, "output='nope' is not accepted"),
    ],
)
def test_panels_refuse_too_much_work_at_once(timeline: Timeline, options: dict[str, object], message: str) -> None:
    """A panel over the row limit or with a bad output is refused before any work."""
    began = time.perf_counter()
    with pytest.raises(ValueError, match=message):
        to_panel(timeline, **options)  # type: ignore[arg-type]
    assert time.perf_counter() - began < 1


def test_panels_reach_the_last_year_of_the_calendar(timeline: Timeline) -> None:
    """Year 9999 is a period like any other; a limit lifted with max_rows works."""
    rows = to_panel(timeline, start="9999", end="9999", states=["UZB"])
    assert [(row.period, row.last_day) for row in rows] == [(9999, dt.date(9999, 12, 31))]
    months = to_panel(timeline, freq="month", start="9999-12", end="9999-12", states=["UZB"])
    assert [row.period for row in months] == ["9999-12"]
    with pytest.raises(ValueError, match="max_rows=3"):
        to_panel(timeline, start="2001", end="2003", states=["UZB"], max_rows=2)
    assert len(to_panel(timeline, start="2001", end="2003", states=["UZB"], max_rows=3)) == 3
