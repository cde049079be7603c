"""Hypothesis strategies: partial dates, boundary sequences, record timelines, event sequences."""

from __future__ import annotations

import calendar
import datetime as dt

from hypothesis import strategies as st

from csto_timeline import MembershipRecord, PartialDate, Source, Status, Timeline

SOURCE = Source.of("test-source", "A test source", publisher="tests", url="https://example.org/", says="Test data.")
STATES = ("ARM", "BLR", "KAZ", "KGZ", "RUS")
ORGS = ("ORG-A", "ORG-B")
STATUSES = (Status.MEMBER, Status.OBSERVER, Status.SUSPENDED, Status.SIGNATORY, Status.UNKNOWN)


@st.composite
def partial_dates(draw: st.DrawFn, *, min_year: int = 1, max_year: int = 9999, qualifiers: bool = True) -> PartialDate:
    year = draw(st.integers(min_year, max_year))
    precision = draw(st.sampled_from(("year", "month", "day")))
    month = day = None
    if precision != "year":
        month = draw(st.integers(1, 12))
    if precision == "day":
        assert month is not None
        day = draw(st.integers(1, calendar.monthrange(year, month)[1]))
    uncertain = draw(st.booleans()) if qualifiers else False
    approximate = draw(st.booleans()) if qualifiers else False
    return PartialDate.of(year, month, day, uncertain=uncertain, approximate=approximate)


@st.composite
def boundary_dates(draw: st.DrawFn, count: int, *, first_year: int = 2000) -> list[PartialDate]:
    """``count`` partial dates whose possible ranges do not overlap, in order."""
    dates: list[PartialDate] = []
    cursor = dt.date(first_year, 1, 1)
    for _ in range(count):
        cursor += dt.timedelta(days=draw(st.integers(1, 400)))
        precision = draw(st.sampled_from(("day", "day", "month", "year")))
        if precision == "year":
            cursor = dt.date(cursor.year + 1, 1, 1) if cursor.month > 1 or cursor.day > 1 else cursor
            date = PartialDate.of(cursor.year)
        elif precision == "month":
            if cursor.day > 1:
                cursor = (cursor.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
            date = PartialDate.of(cursor.year, cursor.month)
        else:
            date = PartialDate.from_date(cursor)
        dates.append(date)
        cursor = date.latest
    return dates


@st.composite
def record_lists(draw: st.DrawFn) -> list[MembershipRecord]:
    """Non-overlapping records for a few states in one or two organizations."""
    records: list[MembershipRecord] = []
    for org in draw(st.lists(st.sampled_from(ORGS), min_size=1, max_size=2, unique=True)):
        for state in draw(st.lists(st.sampled_from(STATES), min_size=1, max_size=4, unique=True)):
            count = draw(st.integers(1, 4))
            dates = draw(boundary_dates(count * 2))
            index = 0
            for number in range(count):
                start = dates[index]
                adjacent = number > 0 and draw(st.booleans())
                if adjacent:
                    start = dates[index - 1]
                    index -= 1
                last = number == count - 1
                end = None if last and draw(st.booleans()) else dates[index + 1]
                status = draw(st.sampled_from(STATUSES))
                records.append(MembershipRecord.of(org, state, status, start, end, source=SOURCE))
                index += 2
    return records


def build(records: list[MembershipRecord]) -> Timeline:
    return Timeline.from_records(records, sources=[SOURCE])
