"""Dates known to a day, a month or a year, and the user-facing date parser."""

from __future__ import annotations

import datetime as dt
import enum
import functools
import re

import attrs

from .exceptions import AmbiguousDateError, DateError

__all__ = ["Boundary", "DateLike", "PartialDate", "Precision", "is_today", "to_partial_date"]

ACCEPTED_FORMS = (
    "a datetime.date or datetime.datetime, ISO text at day, month or year precision "
    "('1999-04-05', '1999-04', '1999'), a written date such as '5 April 1999' or 'April 1999', or 'today'"
)
#: The text that names the current day, read from the clock each time it is parsed.
TODAY = "today"


class Precision(enum.IntEnum):
    """How much of a date is known; larger is more precise."""

    YEAR = 1
    MONTH = 2
    DAY = 3

    def __str__(self) -> str:
        return self.name.lower()


#: English month and weekday names: the written dates this library reads are English,
#: whatever the computer's locale (and `calendar`, which has them, costs 2 ms to import).
MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def days_in_month(year: int, month: int) -> int:
    """The number of days of a month of the proleptic Gregorian calendar.

    >>> days_in_month(2000, 2), days_in_month(1900, 2), days_in_month(2024, 4)
    (29, 28, 30)
    """
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def _check_parts(instance: PartialDate, _attribute: object, _value: int) -> None:
    year, month, day = instance.year, instance.month, instance.day
    if not 1 <= year <= 9999:
        msg = f"year {year!r} is outside 1..9999"
        raise DateError(msg)
    if month is None:
        if day is not None:
            msg = f"a day ({day!r}) needs a month"
            raise DateError(msg)
        return
    if not 1 <= month <= 12:
        msg = f"month {month!r} of {year} is outside 1..12"
        raise DateError(msg)
    if day is not None and not 1 <= day <= days_in_month(year, month):
        msg = f"{year:04d}-{month:02d} has no day {day!r}"
        raise DateError(msg)


@attrs.frozen(repr=False)
class PartialDate:
    """A calendar date known to day, month or year precision.

    Precision is never invented: ``PartialDate.parse("2013")`` means "some day
    in 2013" and stays so. ``earliest`` and ``latest`` are the first and last
    day it can mean. The qualifiers ``uncertain`` (EDTF ``?``) and
    ``approximate`` (EDTF ``~``; both together ``%``) are kept and reported but
    do not widen the bounds: the library adds no invented padding.

    >>> d = PartialDate.parse("2006-06")
    >>> d.precision, d.earliest, d.latest
    (<Precision.MONTH: 2>, datetime.date(2006, 6, 1), datetime.date(2006, 6, 30))
    >>> str(PartialDate.parse("2013?"))
    '2013?'
    >>> PartialDate.parse("1992-05-15")
    PartialDate(1992, 5, 15)
    """

    year: int = attrs.field(validator=_check_parts)
    month: int | None = None
    day: int | None = None
    uncertain: bool = False
    approximate: bool = False
    #: The first day this date can mean.
    earliest: dt.date = attrs.field(init=False, eq=False, repr=False)
    #: The last day this date can mean.
    latest: dt.date = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        # Computed eagerly (after the validator has checked the parts): both days are read
        # many times, and a lazy attribute on a slotted class costs ~4 µs on first access.
        year, month, day = self.year, self.month, self.day
        object.__setattr__(self, "earliest", dt.date(year, month or 1, day or 1))
        if day is not None and month is not None:
            object.__setattr__(self, "latest", self.earliest)
        else:
            last_month = month or 12
            object.__setattr__(self, "latest", dt.date(year, last_month, days_in_month(year, last_month)))

    _EDTF = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?([?~%]?)")

    @classmethod
    def of(
        cls,
        year: int,
        month: int | None = None,
        day: int | None = None,
        *,
        uncertain: bool = False,
        approximate: bool = False,
    ) -> PartialDate:
        """Build from numbers; leave out the parts that are not known."""
        return cls(year, month, day, uncertain, approximate)

    @classmethod
    def from_date(cls, value: dt.date) -> PartialDate:
        """A day-precision date from a `datetime.date`."""
        return cls(value.year, value.month, value.day)

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse the EDTF level-1 forms ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``, each
        optionally followed by ``?``, ``~`` or ``%``.

        >>> PartialDate.parse("2024-02~").approximate
        True
        >>> PartialDate.parse("2010-13-45")
        Traceback (most recent call last):
        ...
        csto_timeline.exceptions.DateError: '2010-13-45' is not a possible date: month 13 of 2010 is outside 1..12
        """
        if not isinstance(text, str):
            msg = f"{text!r} is not a date string; expected EDTF text such as '1992-05-15', '2006-06' or '2013?'"
            raise DateError(msg)
        match = cls._EDTF.fullmatch(text.strip())
        if match is None:
            msg = f"{text!r} is not an EDTF date; expected 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD', optionally followed by '?', '~' or '%'"
            raise DateError(msg)
        year, month, day, qualifier = match.groups()
        try:
            return cls(
                int(year),
                int(month) if month else None,
                int(day) if day else None,
                uncertain=qualifier in ("?", "%"),
                approximate=qualifier in ("~", "%"),
            )
        except DateError as error:
            msg = f"{text!r} is not a possible date: {error}"
            raise DateError(msg) from None

    @property
    def precision(self) -> Precision:
        """`Precision.DAY`, `Precision.MONTH` or `Precision.YEAR`."""
        if self.day is not None:
            return Precision.DAY
        if self.month is not None:
            return Precision.MONTH
        return Precision.YEAR


    @property
    def qualified(self) -> bool:
        """True when the date carries an uncertain or approximate qualifier."""
        return self.uncertain or self.approximate

    @property
    def is_exact(self) -> bool:
        """True for a day-precision date without qualifiers."""
        return self.day is not None and not self.qualified

    def contains(self, day: dt.date) -> bool:
        """True when ``day`` is one of the days this date can mean."""
        return self.earliest <= day <= self.latest

    def sort_key(self) -> tuple[dt.date, dt.date]:
        """A key that orders dates by their earliest, then latest, day."""
        return (self.earliest, self.latest)

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        if self.uncertain and self.approximate:
            return text + "%"
        if self.uncertain:
            return text + "?"
        if self.approximate:
            return text + "~"
        return text

    def __repr__(self) -> str:
        parts = [str(self.year)]
        if self.month is not None:
            parts.append(str(self.month))
        if self.day is not None:
            parts.append(str(self.day))
        if self.uncertain:
            parts.append("uncertain=True")
        if self.approximate:
            parts.append("approximate=True")
        return f"PartialDate({', '.join(parts)})"


@attrs.frozen(repr=False)
class Boundary:
    """Where a status begins: the first day of the new status, as a range of
    possible days when the deciding event is known only to a month or a year.

    ``date`` is the deciding event's date as the sources give it; ``lag`` is the
    number of days between that date and the first day of the new status (1 for
    a lapse, whose date is the last day of the term; 0 otherwise).

    >>> b = Boundary(PartialDate.parse("1999-04-20"), lag=1)
    >>> str(b), b.earliest, b.is_exact
    ('1999-04-21', datetime.date(1999, 4, 21), True)
    >>> str(Boundary(PartialDate.parse("2013")))
    '2013'
    """

    date: PartialDate
    lag: int = 0
    #: The earliest possible first day of the new status.
    earliest: dt.date = attrs.field(init=False, eq=False, repr=False)
    #: The latest possible first day of the new status.
    latest: dt.date = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        # Computed once, eagerly: every boundary's two days are read many times (sorting,
        # indexing, overlap checks), and a lazy attribute on a slotted class costs ~4 µs
        # on first access against ~1 µs to compute both here.
        date, lag = self.date, self.lag
        if lag:
            object.__setattr__(self, "earliest", date.earliest + dt.timedelta(days=lag))
            object.__setattr__(self, "latest", date.latest + dt.timedelta(days=lag))
        else:
            object.__setattr__(self, "earliest", date.earliest)
            object.__setattr__(self, "latest", date.latest)

    @property
    def is_exact(self) -> bool:
        """True when the boundary falls on one known day."""
        return self.date.day is not None

    @property
    def precision(self) -> Precision:
        """The precision of the deciding event's date."""
        return self.date.precision

    def sort_key(self) -> tuple[dt.date, dt.date]:
        """A key that orders boundaries by their earliest, then latest, day."""
        return (self.earliest, self.latest)

    def __str__(self) -> str:
        if self.lag == 0:
            return str(self.date)
        if self.is_exact:
            return self.earliest.isoformat() + str(self.date)[10:]
        return f"{self.date}+{self.lag}d"

    def __repr__(self) -> str:
        return f"Boundary({self.date!r}, lag={self.lag})" if self.lag else f"Boundary({self.date!r})"


DateLike = dt.date | str | PartialDate

#: Month names, three-letter abbreviations and "sept", lower case, to their numbers.
MONTH_NUMBERS = {name.lower(): number for number, name in enumerate(MONTH_NAMES, start=1)}
MONTH_NUMBERS.update({name[:3].lower(): number for number, name in enumerate(MONTH_NAMES, start=1)})
MONTH_NUMBERS["sept"] = 9
_MONTH = r"(?P<month>[A-Za-z]+)\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
_WEEKDAY = r"(?:(?P<weekday>mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@functools.cache  # compiled once, on first use: 2 ms that a start reading only ISO dates need not pay
def _written() -> tuple[re.Pattern[str], ...]:
    """The patterns of written dates: "5 April 1999", "April 5, 1999", "April 1999"."""
    return tuple(
        re.compile(pattern, re.IGNORECASE)
        for pattern in (
            rf"{_WEEKDAY}{_DAY}\s+{_MONTH},?\s+{_YEAR}",
            rf"{_WEEKDAY}{_MONTH}\s+{_DAY},?\s+{_YEAR}",
            rf"{_MONTH},?\s+{_YEAR}",
        )
    )

_ISO = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
_YEAR_FIRST = re.compile(r"(\d{4})\s*[/.]\s*(\d{1,2})\s*[/.]\s*(\d{1,2})")
_NUMERIC = re.compile(r"\d{1,4}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d{1,4}")


def _bad(value: object, why: str) -> DateError:
    return DateError(f"{value!r} {why}; accepted: {ACCEPTED_FORMS}")


def to_partial_date(value: object) -> PartialDate:
    """Read a date a user passes to a query.

    Accepts a `PartialDate`; a `datetime.date`; a `datetime.datetime`, reduced
    to the calendar date it shows in its own time zone (the record's dates are
    the local calendar dates of the acts, so the time and zone are ignored);
    ISO text at day, month or year precision; or an English written date with
    a month name ("15 May 1992", "May 15, 1992", "May 1992"); or "today" (any
    case), the current day of the computer's calendar, read from the clock every
    time: a cache of parsed text must not keep it (see `is_today`).

    >>> to_partial_date("15 May 1992")
    PartialDate(1992, 5, 15)
    >>> to_partial_date("May 1992").precision
    <Precision.MONTH: 2>
    >>> to_partial_date("05/04/1999")
    Traceback (most recent call last):
    ...
    csto_timeline.exceptions.AmbiguousDateError: '05/04/1999' is ambiguous: numeric day/month order differs between countries; accepted: a datetime.date or datetime.datetime, ISO text at day, month or year precision ('1999-04-05', '1999-04', '1999'), a written date such as '5 April 1999' or 'April 1999', or 'today'
    """
    if isinstance(value, PartialDate):
        return value
    if isinstance(value, dt.date):  # a datetime too: the calendar date it shows
        return PartialDate(value.year, value.month, value.day)
    if not isinstance(value, str):
        raise _bad(value, f"is a {type(value).__name__}, not a date")
    text = " ".join(value.split())
    if not text:
        raise _bad(value, "is empty")
    if text.lower() == TODAY:
        return PartialDate.from_date(dt.date.today())  # noqa: DTZ011 - the user's own calendar day
    iso = _ISO.fullmatch(text)
    if iso is not None:
        year, month, day = (int(part) if part else None for part in iso.groups())
        try:
            return PartialDate(year or 0, month, day)
        except DateError as error:
            raise _bad(value, f"is not a possible date ({error})") from None
    year_first = _YEAR_FIRST.fullmatch(text)
    if year_first is not None:
        year, month, day = (int(part) for part in year_first.groups())
        try:
            return PartialDate(year, month, day)
        except DateError as error:
            raise _bad(value, f"is not a possible date ({error})") from None
    if _NUMERIC.fullmatch(text):
        msg = f"{value!r} is ambiguous: numeric day/month order differs between countries; accepted: {ACCEPTED_FORMS}"
        raise AmbiguousDateError(msg)
    for pattern in _written():
        match = pattern.fullmatch(text)
        if match is None:
            continue
        parts = match.groupdict()
        month = MONTH_NUMBERS.get(parts["month"].lower())
        if month is None:
            raise _bad(value, f"has no month called {parts['month']!r}")
        day = int(parts["day"]) if parts.get("day") else None
        try:
            found = PartialDate(int(parts["year"]), month, day)
        except DateError as error:
            raise _bad(value, f"is not a possible date ({error})") from None
        weekday = parts.get("weekday")
        if weekday and _WEEKDAYS[found.earliest.weekday()] != weekday.lower():
            actual = WEEKDAY_NAMES[found.earliest.weekday()]
            raise _bad(value, f"names the wrong weekday: {found} was a {actual}")
        return found
    raise _bad(value, "is not a date this library reads")


def is_today(value: object) -> bool:
    """True for text that `to_partial_date` reads as the current day (its answer changes at midnight).

    >>> is_today(" Today "), is_today("2024")
    (True, False)
    """
    return isinstance(value, str) and " ".join(value.split()).lower() == TODAY
