"""PartialDate, Boundary and the user-facing date reader."""

from __future__ import annotations

import contextlib
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from csto_timeline import AmbiguousDateError, Boundary, DateError, PartialDate, Precision, to_partial_date
from csto_timeline._dates import MONTH_NAMES, WEEKDAY_NAMES, days_in_month

from .strategies import partial_dates


class TestPartialDate:
    @given(partial_dates())
    def test_text_form_round_trips(self, date: PartialDate) -> None:
        assert PartialDate.parse(str(date)) == date

    @given(partial_dates())
    def test_repr_round_trips(self, date: PartialDate) -> None:
        assert eval(repr(date)) == date  # noqa: S307 - the repr is the constructor call

    @given(partial_dates(qualifiers=False), st.dates())
    def test_bounds_contain_exactly_the_days_it_can_mean(self, date: PartialDate, day: dt.date) -> None:
        means = day.year == date.year and date.month in (None, day.month) and date.day in (None, day.day)
        assert date.contains(day) == means
        assert date.earliest <= date.latest

    @given(partial_dates())
    def test_precision_is_never_invented(self, date: PartialDate) -> None:
        parsed = PartialDate.parse(str(date))
        assert parsed.precision == date.precision
        assert (parsed.earliest, parsed.latest) == (date.earliest, date.latest)

    def test_year_means_the_whole_year(self) -> None:
        year = PartialDate.parse("2013")
        assert (year.precision, year.earliest, year.latest) == (Precision.YEAR, dt.date(2013, 1, 1), dt.date(2013, 12, 31))

    def test_leap_february_ends_on_the_29th(self) -> None:
        assert PartialDate.parse("2012-02").latest == dt.date(2012, 2, 29)

    @pytest.mark.parametrize(("text", "uncertain", "approximate"), [("2013?", True, False), ("2013~", False, True), ("2013%", True, True)])
    def test_qualifiers_are_kept_without_widening(self, text: str, uncertain: bool, approximate: bool) -> None:
        date = PartialDate.parse(text)
        assert (date.uncertain, date.approximate, str(date)) == (uncertain, approximate, text)
        assert (date.earliest, date.latest) == (dt.date(2013, 1, 1), dt.date(2013, 12, 31))

    @pytest.mark.parametrize("text", ["2010-13-45", "2010-02-30", "0000", "13", "2010-1-1", "2010/01/01", "", "2013??"])
    def test_malformed_or_impossible_text_is_rejected_with_the_input_quoted(self, text: str) -> None:
        with pytest.raises(DateError) as caught:
            PartialDate.parse(text)
        assert repr(text) in str(caught.value)

    @given(st.text(max_size=20))
    def test_any_text_either_parses_or_raises_date_error(self, text: str) -> None:
        with contextlib.suppress(DateError):
            PartialDate.parse(text)

    def test_a_day_needs_a_month(self) -> None:
        with pytest.raises(DateError, match="needs a month"):
            PartialDate.of(2000, None, 5)


class TestBoundary:
    def test_a_lapse_takes_effect_the_next_day(self) -> None:
        boundary = Boundary(PartialDate.parse("1999-04-20"), lag=1)
        assert (boundary.earliest, str(boundary)) == (dt.date(1999, 4, 21), "1999-04-21")

    def test_an_imprecise_lapse_spans_its_year_shifted_by_a_day(self) -> None:
        boundary = Boundary(PartialDate.parse("1999"), lag=1)
        assert (boundary.earliest, boundary.latest, str(boundary)) == (dt.date(1999, 1, 2), dt.date(2000, 1, 1), "1999+1d")


class TestUserDates:
    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            ("15 May 1992", "1992-05-15"),
            ("May 15, 1992", "1992-05-15"),
            ("15th May 1992", "1992-05-15"),
            ("Friday, 15 May 1992", "1992-05-15"),
            ("May 1992", "1992-05"),
            ("sept 1993", "1993-09"),
            ("1992", "1992"),
            ("1992-05", "1992-05"),
            (" 1992-05-15 ", "1992-05-15"),
            (dt.date(1992, 5, 15), "1992-05-15"),
            (dt.datetime(1992, 5, 15, 12, 0), "1992-05-15"),
        ],
    )
    def test_accepted_forms(self, value: object, expected: str) -> None:
        assert str(to_partial_date(value)) == expected

    @pytest.mark.parametrize("value", ["05/04/1999", "5.4.1999", "04-05-1999"])
    def test_numeric_day_month_forms_are_ambiguous(self, value: str) -> None:
        with pytest.raises(AmbiguousDateError, match="ambiguous"):
            to_partial_date(value)

    @pytest.mark.parametrize("value", ["1999/04/05", "1999.04.05", "1999/4/5"])
    def test_year_first_numeric_forms_are_read_year_month_day(self, value: str) -> None:
        assert str(to_partial_date(value)) == "1999-04-05"

    @pytest.mark.parametrize("value", ["", "soon", "32 May 1992", "May 1992 15", "Smarch 2001", 1992, None, 3.5])
    def test_other_input_raises_date_error_naming_the_accepted_forms(self, value: object) -> None:
        with pytest.raises(DateError, match="accepted") as caught:
            to_partial_date(value)
        assert repr(value) in str(caught.value)

    @given(st.text(max_size=30))
    def test_any_text_either_parses_or_raises_a_value_error(self, text: str) -> None:
        """DateError is the only exception, and it is a ValueError."""
        assert issubclass(DateError, ValueError)
        with contextlib.suppress(DateError):
            to_partial_date(text)


class TestWeekdays:
    def test_a_matching_weekday_is_accepted(self) -> None:
        assert str(to_partial_date("Friday, 15 May 1992")) == "1992-05-15"

    def test_a_wrong_weekday_is_refused_naming_the_right_one(self) -> None:
        with pytest.raises(DateError, match="was a Saturday"):
            to_partial_date("Friday 24 June 2006")


@given(st.integers(1, 9999), st.integers(1, 12))
def test_days_in_month_agrees_with_the_standard_calendar(year: int, month: int) -> None:
    """The library's own month lengths (it does not import `calendar`) are the Gregorian ones."""
    import calendar

    assert days_in_month(year, month) == calendar.monthrange(year, month)[1]


def test_month_and_weekday_names_are_the_english_names_of_the_c_locale() -> None:
    """The library's own month and weekday names are those `calendar` gives in the C locale (its default)."""
    import calendar

    assert list(MONTH_NAMES) == list(calendar.month_name)[1:]
    assert list(WEEKDAY_NAMES) == list(calendar.day_name)
    assert to_partial_date("Sept. 5, 1999") == to_partial_date("5 September 1999") == PartialDate(1999, 9, 5)
