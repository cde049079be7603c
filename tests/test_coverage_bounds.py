"""`possible_statuses` answers `Status.UNCOVERED` for the days outside a body's
coverage, as the day queries (`status_of`, `members_on`) refuse them, and
agrees with those day queries on every day of a range.

The dataset below is small enough to know every answer by hand: a pact whose
data covers 1 March 1995 to 30 June 2005; Armenia and Kazakhstan sign on the
first covered day and are members from 1 January 1996; Kazakhstan withdraws on
10 May 2003; Russia accedes on 2 April 1999; Georgia is never in it. Armenia
joins a later body, NEXT (no coverage), on 1 January 2004, and the view
ALLIANCE follows the pact, then NEXT.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import csto_timeline
from csto_timeline import (
    Body,
    MembershipRecord,
    OutsideCoverageError,
    Status,
    Timeline,
    UncertainStatusError,
    read_cow,
    to_panel,
)

from .strategies import ORGS, SOURCE, STATES, record_lists

UNCOVERED = Status.UNCOVERED
MEMBER = Status.MEMBER
SIGNATORY = Status.SIGNATORY
COVERAGE_LINE = 'coverage = ["1995-03-01", "2005-06-30"]\n'
FIRST_COVERED, LAST_COVERED = dt.date(1995, 3, 1), dt.date(2005, 6, 30)
ONE_DAY = dt.timedelta(days=1)
COW_EXCERPT = Path(__file__).parent / "data" / "igo_year_excerpt.csv.gz"

PACT = f"""\
format = 1

[dataset]
id = "covered-pact"
title = "A pact whose data covers ten years"
as_of = "2020-12-31"
default = "PACT"

[[bodies]]
id = "PACT"
name = "Covered Pact"
kind = "treaty"
{COVERAGE_LINE}
[[bodies]]
id = "NEXT"
name = "Next Organization"
kind = "organization"

[[views]]
id = "ALLIANCE"
name = "The pact until NEXT membership begins, NEXT after"
sequence = ["PACT", "NEXT"]

[[sources]]
id = "register"
title = "Pact register"
publisher = "Depositary"
published = "2020-01-01"
url = "https://example.org/register"
says = "Lists the signatures, entries into force, accessions and withdrawals."

[[events]]
id = "signature"
kind = "signature"
states = ["ARM", "KAZ"]
body = "PACT"
summary = "Armenia and Kazakhstan sign."

  [[events.claims]]
  date = "1995-03-01"
  sources = ["register"]

[[events]]
id = "in-force"
kind = "entry_into_force"
states = ["ARM", "KAZ"]
body = "PACT"
summary = "The pact enters into force."

  [[events.claims]]
  date = "1996-01-01"
  sources = ["register"]

[[events]]
id = "rus-accession"
kind = "accession"
state = "RUS"
body = "PACT"
summary = "Russia accedes."

  [[events.claims]]
  date = "1999-04-02"
  sources = ["register"]

[[events]]
id = "kaz-withdrawal"
kind = "withdrawal"
state = "KAZ"
body = "PACT"
summary = "Kazakhstan withdraws."

  [[events.claims]]
  date = "2003-05-10"
  sources = ["register"]

[[events]]
id = "arm-next"
kind = "accession"
state = "ARM"
body = "NEXT"
summary = "Armenia joins the next organization."

  [[events.claims]]
  date = "2004-01-01"
  sources = ["register"]
"""


def _load(folder: Path, text: str) -> Timeline:
    path = folder / "pact.toml"
    path.write_text(text, encoding="utf-8")
    return csto_timeline.load(path)


@pytest.fixture(name="pact", scope="module")
def _pact(tmp_path_factory: pytest.TempPathFactory) -> Timeline:
    return _load(tmp_path_factory.mktemp("covered"), PACT)


@pytest.fixture(name="unbounded", scope="module")
def _unbounded(tmp_path_factory: pytest.TempPathFactory) -> Timeline:
    return _load(tmp_path_factory.mktemp("unbounded"), PACT.replace(COVERAGE_LINE, ""))


def day_answers(timeline: Timeline, state: str, day: dt.date, org: str) -> set[Status | None]:
    """What the day query says of one day: its status, UNCOVERED when it refuses the day, or the statuses it lists."""
    try:
        return {timeline.status_of(state, day, org=org)}
    except OutsideCoverageError:
        return {UNCOVERED}
    except UncertainStatusError as error:
        return set(error.possible)


def days_of(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]


def union_of_days(timeline: Timeline, state: str, first: dt.date, last: dt.date, org: str) -> set[Status | None]:
    """The union of the day answers over every day from ``first`` to ``last``."""
    found: set[Status | None] = set()
    for day in days_of(first, last):
        found |= day_answers(timeline, state, day, org)
    return found


# ------------------------------------------------------------ single days


def test_the_day_after_the_coverage_ends_is_uncovered(pact: Timeline) -> None:
    """A member until the coverage ends is UNCOVERED, not a member, on the next day, where status_of refuses."""
    assert pact.possible_statuses("ARM", "2005-06-30") == {MEMBER}
    with pytest.raises(OutsideCoverageError):
        pact.status_of("ARM", "2005-07-01")
    assert pact.possible_statuses("ARM", "2005-07-01") == {UNCOVERED}


def test_the_day_before_the_coverage_starts_is_uncovered(pact: Timeline) -> None:
    """The day before the coverage starts is UNCOVERED, not "no relation", where status_of refuses."""
    with pytest.raises(OutsideCoverageError):
        pact.status_of("ARM", "1995-02-28")
    assert pact.possible_statuses("ARM", "1995-02-28") == {UNCOVERED}
    assert pact.possible_statuses("ARM", "1995-03-01") == {SIGNATORY}


def test_a_state_with_no_spell_is_uncovered_outside_and_unrelated_inside(pact: Timeline) -> None:
    """A state the body never names is UNCOVERED outside the coverage and not related inside it."""
    assert pact.possible_statuses("GEO", "2005-07-01") == {UNCOVERED}
    assert pact.possible_statuses("GEO", "1990", "1994") == {UNCOVERED}
    assert pact.possible_statuses("GEO", "2000") == {None}


def test_a_period_wholly_outside_the_coverage_is_only_uncovered(pact: Timeline) -> None:
    """Years entirely after (or before) the coverage allow nothing but UNCOVERED."""
    assert pact.possible_statuses("ARM", "2006", "2010") == {UNCOVERED}
    assert pact.possible_statuses("KAZ", "1980", "1995-02") == {UNCOVERED}


def test_the_participation_track_is_uncovered_outside_the_coverage(pact: Timeline) -> None:
    """The participation track answers UNCOVERED where status_of on that track refuses."""
    with pytest.raises(OutsideCoverageError):
        pact.status_of("ARM", "2005-07-01", track="participation")
    assert pact.possible_statuses("ARM", "2005-07-01", track="participation") == {UNCOVERED}
    assert UNCOVERED in pact.possible_statuses("ARM", "2005", track="participation")
    assert UNCOVERED not in pact.possible_statuses("ARM", "2004", track="participation")


# ---------------------------------------------------------- straddling ranges


def test_a_range_over_the_end_of_the_coverage_adds_uncovered_to_the_covered_days(pact: Timeline) -> None:
    """A range across the last covered day allows the statuses of its covered days and UNCOVERED."""
    assert pact.possible_statuses("ARM", "2005-06-01", "2005-07-31") == {MEMBER, UNCOVERED}
    assert pact.possible_statuses("ARM", "2005") == {MEMBER, UNCOVERED}
    assert pact.possible_statuses("KAZ", "2003", "2006") == {MEMBER, None, UNCOVERED}


def test_a_range_over_the_start_of_the_coverage_adds_uncovered_to_the_covered_days(pact: Timeline) -> None:
    """A range across the first covered day allows the statuses of its covered days and UNCOVERED."""
    assert pact.possible_statuses("ARM", "1995-02-01", "1995-03-31") == {SIGNATORY, UNCOVERED}
    assert pact.possible_statuses("RUS", "1995") == {None, UNCOVERED}
    assert pact.possible_statuses("ARM", "1990", "2010") == {SIGNATORY, MEMBER, UNCOVERED}


@pytest.mark.parametrize("state", ["ARM", "KAZ", "RUS", "GEO"])
@pytest.mark.parametrize(
    ("start", "end"),
    [
        ("1995-03-01", "2005-06-30"),
        ("1995-03-01", None),
        ("2005-06-30", None),
        ("1996", "2004"),
        ("2003-05", None),
        ("1999-04-01", "1999-04-03"),
    ],
)
def test_ranges_inside_the_coverage_answer_as_without_coverage(
    pact: Timeline, unbounded: Timeline, state: str, start: str, end: str | None
) -> None:
    """A range wholly inside the coverage answers as the same data with no coverage does."""
    assert pact.possible_statuses(state, start, end) == unbounded.possible_statuses(state, start, end)
    assert UNCOVERED not in pact.possible_statuses(state, start, end)


@pytest.mark.parametrize("state", ["ARM", "KAZ", "RUS", "GEO"])
@pytest.mark.parametrize(
    ("first", "last"),
    [
        (FIRST_COVERED - 20 * ONE_DAY, FIRST_COVERED + 20 * ONE_DAY),
        (LAST_COVERED - 20 * ONE_DAY, LAST_COVERED + 20 * ONE_DAY),
        (dt.date(2003, 5, 1), dt.date(2003, 5, 20)),
    ],
)
def test_each_day_and_the_range_agree_with_status_of(pact: Timeline, state: str, first: dt.date, last: dt.date) -> None:
    """On each day near a coverage bound, and over the whole range, the answer is what status_of says day by day."""
    for day in days_of(first, last):
        assert pact.possible_statuses(state, day) == day_answers(pact, state, day, "PACT"), day
    assert pact.possible_statuses(state, first, last) == union_of_days(pact, state, first, last, "PACT")


# ------------------------------------------------------------------ views


@pytest.mark.parametrize("state", ["ARM", "KAZ", "RUS", "GEO"])
@pytest.mark.parametrize(
    ("first", "last"),
    [
        (FIRST_COVERED - 20 * ONE_DAY, FIRST_COVERED + 20 * ONE_DAY),
        (LAST_COVERED - 20 * ONE_DAY, LAST_COVERED + 20 * ONE_DAY),
    ],
)
def test_a_view_over_a_covered_body_agrees_with_its_day_queries(
    pact: Timeline, state: str, first: dt.date, last: dt.date
) -> None:
    """A view has no coverage of its own: near its body's bounds it answers, day by day and over the range, as status_of does."""
    for day in days_of(first, last):
        assert pact.possible_statuses(state, day, org="ALLIANCE") == day_answers(pact, state, day, "ALLIANCE"), day
        members = pact.members_on(day, org="ALLIANCE")
        assert (state in members) == (pact.possible_statuses(state, day, org="ALLIANCE") == {MEMBER}), day
    expected = union_of_days(pact, state, first, last, "ALLIANCE")
    assert pact.possible_statuses(state, first, last, org="ALLIANCE") == expected


def test_members_on_refuses_exactly_the_days_possible_statuses_calls_uncovered(pact: Timeline) -> None:
    """members_on raises OutsideCoverageError on a day exactly when possible_statuses says only UNCOVERED."""
    for day in [*days_of(FIRST_COVERED - 3 * ONE_DAY, FIRST_COVERED + 3 * ONE_DAY),
                *days_of(LAST_COVERED - 3 * ONE_DAY, LAST_COVERED + 3 * ONE_DAY)]:  # fmt: skip
        outside = pact.possible_statuses("ARM", day) == {UNCOVERED}
        if outside:
            with pytest.raises(OutsideCoverageError):
                pact.members_on(day)
        else:
            assert ("ARM" in pact.members_on(day)) == (pact.possible_statuses("ARM", day) == {MEMBER})


# ------------------------------------------------------- Correlates of War


@pytest.fixture(name="cow", scope="module")
def _cow() -> Timeline:
    return read_cow(COW_EXCERPT, orgs=["CSTO"])


def test_a_cow_body_is_uncovered_outside_its_first_and_last_years(cow: Timeline) -> None:
    """COW's CSTO rows run from 2002 to 2014: a year outside them is UNCOVERED, as status_of refuses it."""
    body = cow.bodies["CSTO"]
    assert (body.coverage_start, body.coverage_end) == (dt.date(2002, 1, 1), dt.date(2014, 12, 31))
    for year in ("2001", "2015"):
        with pytest.raises(OutsideCoverageError):
            cow.status_of("RUS", year, org="CSTO")
        assert cow.possible_statuses("RUS", year, org="CSTO") == {UNCOVERED}
    assert cow.possible_statuses("RUS", "2014-12-31", org="CSTO") == {MEMBER}
    assert cow.possible_statuses("RUS", "2014-07-01", "2015-06-30", org="CSTO") == {MEMBER, UNCOVERED}


def test_cow_days_near_the_bounds_agree_with_status_of(cow: Timeline) -> None:
    """Day by day around both ends of COW's CSTO rows, possible_statuses says what status_of says."""
    for state in ("RUS", "UZB", "GEO"):
        for first, last in ((dt.date(2001, 12, 1), dt.date(2002, 1, 31)), (dt.date(2014, 12, 1), dt.date(2015, 1, 31))):
            for day in days_of(first, last):
                assert cow.possible_statuses(state, day, org="CSTO") == day_answers(cow, state, day, "CSTO"), day


# --------------------------------------------------------------- panels


def test_panel_rows_of_a_covered_body_agree_with_possible_statuses(pact: Timeline) -> None:
    """A panel row is "outside" exactly when possible_statuses allows only UNCOVERED, and "full" when one status."""
    for row in to_panel(pact, org="PACT", freq="year", start="1993", end="2007", states=["ARM", "KAZ", "RUS"]):
        possible = pact.possible_statuses(row.state, row.first_day, row.last_day, org=row.org)
        assert (row.coverage == "outside") == (possible == {UNCOVERED}), row
        if row.coverage == "full":
            assert possible == {row.status}, row


# --------------------------------------------------------------- property


@st.composite
def coverages(draw: st.DrawFn) -> tuple[dt.date | None, dt.date | None]:
    """A coverage period (either end may be unbounded) somewhere among the records' dates."""
    days = st.dates(min_value=dt.date(1999, 6, 1), max_value=dt.date(2011, 12, 31))
    first = draw(st.none() | days)
    last = draw(st.none() | days)
    if first is not None and last is not None and last < first:
        first, last = last, first
    return first, last


@st.composite
def short_ranges(draw: st.DrawFn, near: list[dt.date]) -> tuple[dt.date, dt.date]:
    """A range of at most 60 days, often across one of the dates ``near``."""
    around = [day + dt.timedelta(days=draw(st.integers(-40, 10))) for day in near]
    anywhere = dt.date(1999, 1, 1) + dt.timedelta(days=draw(st.integers(0, 13 * 365)))
    first = draw(st.sampled_from([*around, anywhere]))
    return first, first + dt.timedelta(days=draw(st.integers(0, 59)))


@given(record_lists(), st.lists(coverages(), min_size=len(ORGS), max_size=len(ORGS)), st.data())
def test_possible_statuses_is_the_union_of_the_day_answers(
    records: list[MembershipRecord], bounds: list[tuple[dt.date | None, dt.date | None]], data: st.DataObject
) -> None:
    """For random records and coverages, a range allows exactly what status_of allows on its days, UNCOVERED where it refuses."""
    bodies = [
        Body(org, f"Body {org}", coverage_start=first, coverage_end=last)
        for org, (first, last) in zip(ORGS, bounds, strict=True)
    ]
    timeline = Timeline.from_records(records, sources=[SOURCE], bodies=bodies)
    edges = [day for pair in bounds for day in pair if day is not None]
    for _ in range(3):
        first, last = data.draw(short_ranges(edges))
        org = data.draw(st.sampled_from(ORGS))
        state = data.draw(st.sampled_from([*STATES, "GEO"]))
        expected = union_of_days(timeline, state, first, last, org)
        assert timeline.possible_statuses(state, first, last, org=org) == expected
