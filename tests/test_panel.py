"""Panels: one row per state and period, with status and coverage."""

from __future__ import annotations

import csv
import datetime as dt
import io
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import csto_timeline
from csto_timeline import (
    Body,
    MembershipRecord,
    PanelRow,
    Status,
    Timeline,
    UncertainStatusError,
    code_of,
    read_cow,
    to_cow,
    to_panel,
)
from csto_timeline._sweep import StatusSteps
from csto_timeline.exceptions import DateError, UnknownBodyError, UnknownStateError, VocabularyError

from .strategies import SOURCE, STATES, build, record_lists

DATA = Path(__file__).parent / "data"


@pytest.fixture(name="cow", scope="module")
def _cow() -> Timeline:
    return read_cow(DATA / "igo_year_excerpt.csv", orgs=["CSTO", "CCNR"])


def table(rows: tuple[PanelRow, ...]) -> list[tuple[str, str, str | None, str]]:
    return [
        (row.state, str(row.period), None if row.status is None else row.status.value, row.coverage) for row in rows
    ]


def test_a_year_is_full_when_one_status_holds_throughout(timeline: Timeline) -> None:
    # Uzbekistan was a CSTO member until its suspension on 19 December 2012.
    rows = to_panel(timeline, start="2011", end="2013", states=["UZB"])
    assert table(rows) == [
        ("UZB", "2011", "member", "full"),
        ("UZB", "2012", None, "partial"),
        ("UZB", "2013", "suspended", "full"),
    ]
    suspended = dt.date(2012, 12, 19)
    member_days = (suspended - dt.date(2012, 1, 1)).days
    assert rows[1] == PanelRow(
        "UZB", "UZ", 704, "Uzbekistan", "alliance", 2012, dt.date(2012, 1, 1), dt.date(2012, 12, 31),
        "all", None, True, (None,), (366 - member_days - 13) / 366, (366 - member_days - 13) / 366, "partial",
    )  # fmt: skip


def test_months_and_days_split_a_year_at_the_change(timeline: Timeline) -> None:
    months = to_panel(timeline, freq="month", start="2012-11", end="2013-01", states=["UZB"])
    assert table(months) == [
        ("UZB", "2012-11", "member", "full"),
        ("UZB", "2012-12", None, "partial"),
        ("UZB", "2013-01", "suspended", "full"),
    ]
    days = to_panel(timeline, freq="day", start="2012-12-18", end="2012-12-19", states=["UZB"])
    assert table(days) == [("UZB", "2012-12-18", "member", "full"), ("UZB", "2012-12-19", "suspended", "full")]


def test_month_periods_follow_the_calendar() -> None:
    timeline = csto_timeline.load()
    rows = to_panel(timeline, freq="month", start="2011-12-15", end="2012-03-02", states=["RUS"])
    assert [(row.period, row.first_day, row.last_day) for row in rows] == [
        ("2011-12", dt.date(2011, 12, 1), dt.date(2011, 12, 31)),
        ("2012-01", dt.date(2012, 1, 1), dt.date(2012, 1, 31)),
        ("2012-02", dt.date(2012, 2, 1), dt.date(2012, 2, 29)),  # 2012 is a leap year
        ("2012-03", dt.date(2012, 3, 1), dt.date(2012, 3, 31)),
    ]


def test_an_imprecise_boundary_makes_its_period_partial(timeline: Timeline) -> None:
    # The CSTO Parliamentary Assembly's observers are dated only to the year 2013.
    rows = to_panel(timeline, org="CSTO-PA", start="2012", end="2014", states=["AFG"])
    assert table(rows) == [
        ("AFG", "2012", None, "full"),
        ("AFG", "2013", None, "partial"),
        ("AFG", "2014", "observer", "full"),
    ]


def test_unknown_and_outside_cells_of_cow(cow: Timeline) -> None:
    rows = to_panel(cow, org="CCNR", start="1869", end="1907", states=["XBA", "FRA"])
    bavaria = {row.period: row.coverage for row in rows if row.state == "XBA"}
    assert (bavaria[1869], bavaria[1871], bavaria[1890], bavaria[1907]) == (
        "full",
        "unknown",
        "unknown",
        "outside",
    )
    assert {row.coverage for row in rows if row.state == "FRA"} == {"full"}
    before = to_panel(cow, org="CSTO", start="2001", end="2001", states=["RUS"])
    assert table(before) == [("RUS", "2001", "uncovered", "outside")]
    assert [row.status for row in rows if row.state == "XBA" and row.period in (1871, 1907)] == [
        Status.UNKNOWN,
        Status.UNCOVERED,
    ]
    assert not any(row.certain for row in rows if row.coverage in ("unknown", "outside"))


def test_a_period_cut_by_the_coverage_is_partial() -> None:
    body = Body("ORG", "An organization", coverage_start=dt.date(2000, 7, 1), coverage_end=dt.date(2001, 12, 31))
    timeline = Timeline.from_records(
        [MembershipRecord.of("ORG", "ARM", "member", "2000-07-01", source=SOURCE)], sources=[SOURCE], bodies=[body]
    )
    rows = to_panel(timeline, start="1999", end="2002", states=["ARM"])
    assert table(rows) == [
        ("ARM", "1999", "uncovered", "outside"),
        ("ARM", "2000", None, "partial"),
        ("ARM", "2001", "member", "full"),
        ("ARM", "2002", "uncovered", "outside"),
    ]


def test_states_default_to_those_with_a_spell(timeline: Timeline) -> None:
    rows = to_panel(timeline, org="CSTO", start="2010", end="2010")
    assert [row.state for row in rows] == sorted({spell.state.alpha3 for spell in timeline.spells(org="CSTO")})
    assert {"ARM", "RUS", "UZB"} <= {row.state for row in rows}
    assert to_panel(timeline, org="CSTO", start="2010", end="2010", states="ARM")[0].state == "ARM"


def test_several_orgs_in_one_panel(timeline: Timeline) -> None:
    rows = to_panel(timeline, org=["CST", "CSTO", "CST"], start="2004", end="2004", states=["ARM"])
    assert [row.org for row in rows] == ["CST", "CSTO"]
    assert [row.status for row in rows] == [timeline.status_of("ARM", "2004", org=org) for org in ("CST", "CSTO")]
    assert rows[1].status is Status.MEMBER  # the CSTO Charter has been in force since 18 September 2003


def test_every_body_when_the_timeline_has_no_default(cow: Timeline) -> None:
    rows = to_panel(cow, start="2005", end="2005", states=["RUS"])
    assert [(row.org, row.coverage) for row in rows] == [("CCNR", "outside"), ("CSTO", "full")]


def test_csv_output_matches_the_records(timeline: Timeline) -> None:
    text = to_panel(timeline, start="2011", end="2013", states=["UZB", "ARM"], output="csv")
    parsed = list(csv.DictReader(io.StringIO(text)))
    rows = to_panel(timeline, start="2011", end="2013", states=["UZB", "ARM"])
    assert list(parsed[0]) == [
        "state", "alpha2", "ccode", "name", "org", "period", "first_day", "last_day",
        "rule", "status", "certain", "possible", "share_low", "share_high", "coverage",
    ]  # fmt: skip
    assert [(p["state"], p["period"], p["first_day"], p["last_day"], p["status"], p["coverage"]) for p in parsed] == [
        (
            r.state,
            str(r.period),
            r.first_day.isoformat(),
            r.last_day.isoformat(),
            r.status.value if r.status else "",
            r.coverage,
        )
        for r in rows
    ]


def test_pandas_output_has_dates_and_plain_strings(timeline: Timeline) -> None:
    frame = to_panel(timeline, start="2011", end="2013", states=["UZB"], output="pandas")
    assert list(frame.columns)[:6] == ["state", "alpha2", "ccode", "name", "org", "period"]
    assert frame["period"].tolist() == [2011, 2012, 2013]
    assert frame["possible"].tolist() == ["member", "none", "suspended"]
    assert str(frame["first_day"].dtype).startswith("datetime64")
    assert frame["status"].tolist()[0] == "member"
    assert frame["coverage"].tolist() == ["full", "partial", "full"]


def test_pandas_output_without_pandas_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch, timeline: Timeline
) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=r"csto_timeline\[pandas\]"):
        to_panel(timeline, start="2011", end="2011", output="pandas")


def test_the_timeline_method_delegates(timeline: Timeline) -> None:
    assert timeline.to_panel(start="2012", end="2012", states=["UZB"]) == to_panel(
        timeline, start="2012", end="2012", states=["UZB"]
    )


@pytest.mark.parametrize(
    ("options", "error", "message"),
    [
        ({"freq": "week"}, VocabularyError, "freq='week' is not accepted; use 'year', 'month' or 'day'"),
        ({"output": "xlsx"}, VocabularyError, "output='xlsx' is not accepted"),
        ({"start": "2013", "end": "2012"}, DateError, "end='2012' is before start='2013'"),
        ({"start": "05/04/1999"}, DateError, "ambiguous"),
        ({"states": ["Atlantis"]}, UnknownStateError, "Atlantis"),
        ({"org": "NATO"}, UnknownBodyError, "NATO"),
    ],
)
def test_bad_arguments_are_explained(timeline: Timeline, options: dict[str, object], error: type, message: str) -> None:
    arguments: dict[str, object] = {"start": "2012", "end": "2012"} | options
    with pytest.raises(error, match=message.replace("(", r"\(").replace(")", r"\)")):
        to_panel(timeline, **arguments)  # type: ignore[arg-type]


# ------------------------------------------------------------ invariants


@given(record_lists())
def test_full_periods_agree_with_status_of_and_to_cow(records: list[MembershipRecord]) -> None:
    timeline = build(records)
    for row in to_panel(timeline, start="2000", end="2012"):
        if row.coverage == "full":
            assert timeline.status_of(row.state, str(row.period), org=row.org) is row.status
        elif row.coverage == "partial":
            with pytest.raises(UncertainStatusError):
                timeline.status_of(row.state, str(row.period), org=row.org)
        (cow_row,) = to_cow(timeline, org=row.org, start_year=row.period, end_year=row.period, states=[row.state])
        if row.coverage == "full":
            assert cow_row.code == code_of(row.status)


@given(record_lists())
def test_a_full_year_is_full_in_each_of_its_months(records: list[MembershipRecord]) -> None:
    timeline = build(records)
    years = to_panel(timeline, start="2001", end="2004")
    months = to_panel(timeline, freq="month", start="2001", end="2004")
    by_year: dict[tuple[str, str, int], set[tuple[Status | None, str]]] = {}
    for row in months:
        by_year.setdefault((row.org, row.state, int(str(row.period)[:4])), set()).add((row.status, row.coverage))
    for row in years:
        inside = by_year[(row.org, row.state, row.period)]
        if row.coverage == "full":
            assert inside == {(row.status, "full")}
        if inside == {(row.status, "full")} and row.coverage != "full":
            pytest.fail(f"{row} is not full although each of its months is")


@st.composite
def day_ranges(draw: st.DrawFn) -> list[tuple[dt.date, dt.date]]:
    """A few ranges of days (single days to several years) around the records' dates, in any order."""
    ranges = []
    for _ in range(draw(st.integers(1, 8))):
        first = dt.date(1999, 6, 1) + dt.timedelta(days=draw(st.integers(0, 4000)))
        ranges.append((first, first + dt.timedelta(days=draw(st.sampled_from((0, 0, 1, 30, 365, 1500))))))
    return ranges


@given(record_lists(), day_ranges())
def test_the_panel_sweep_allows_what_possible_statuses_allows(
    records: list[MembershipRecord], ranges: list[tuple[dt.date, dt.date]]
) -> None:
    """The sweep panels and exports use gives `Timeline.possible_statuses`' answer for every range of days."""
    timeline = build(records)
    for org in timeline.bodies:
        for code in STATES:
            steps = StatusSteps(timeline.history(code, org=org).spells)
            for first, last in ranges:
                expected = timeline.possible_statuses(code, first, last, org=org)
                assert steps.possible(first.toordinal(), last.toordinal()) == expected


@given(record_lists(), st.sampled_from(("year", "month")))
def test_panel_rows_agree_with_possible_statuses(records: list[MembershipRecord], freq: str) -> None:
    """A period is full exactly when the engine allows one status on all its days, unknown when only "unknown"."""
    timeline = build(records)
    for row in to_panel(timeline, org=list(timeline.bodies), freq=freq, start="2000", end="2004"):
        possible = timeline.possible_statuses(row.state, row.first_day, row.last_day, org=row.org)
        if row.coverage == "full":
            assert possible == {row.status}
        elif row.coverage == "unknown":
            assert possible == {Status.UNKNOWN}
        else:
            assert row.coverage == "partial"
            assert len(possible) > 1
