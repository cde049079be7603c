"""The periods of a panel (years, months or days) and the limits checked before
any panel work: the calendar's edges (years 1 to 9999) and a row limit.

Every panel (`to_panel`, `count_members`, `count_memberships`, `to_dyads`)
first counts its rows from the window and the numbers of states and bodies,
and refuses, before doing any work, a panel of more than `MAX_ROWS` rows
unless ``max_rows=`` lifts the limit.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Iterator
from typing import Literal

from ._dates import days_in_month, to_partial_date
from .exceptions import DateError, VocabularyError

__all__ = ["FREQS", "MAX_ROWS", "Freq", "check_freq", "check_rows", "count_periods", "periods", "window"]

#: The largest panel made without ``max_rows=``: a million rows (some hundreds of megabytes as records).
MAX_ROWS = 1_000_000
#: The periods of panels and counts.
Freq = Literal["year", "month", "day"]
FREQS: tuple[Freq, ...] = ("year", "month", "day")

#: A period: its label (an int for a year, "YYYY-MM" for a month, "YYYY-MM-DD" for a day),
#: its first day and its last day.
Period = tuple[int | str, dt.date, dt.date]


def check_freq(freq: object) -> str:
    """``freq`` if it is "year", "month" or "day"; `VocabularyError` otherwise."""
    if freq not in FREQS:
        msg = f"freq={freq!r} is not accepted; use 'year', 'month' or 'day'"
        raise VocabularyError(msg)
    return str(freq)


def window(freq: str, start: object, end: object) -> tuple[dt.date, dt.date]:
    """The first day of the period holding ``start`` and the last day of the one holding ``end``.

    >>> window("month", "2012-11-15", "2013")
    (datetime.date(2012, 11, 1), datetime.date(2013, 12, 31))
    >>> window("year", "9999", "9999")
    (datetime.date(9999, 1, 1), datetime.date(9999, 12, 31))
    """
    first = to_partial_date(start).earliest
    last = to_partial_date(end).latest
    if last < first:
        msg = f"end={end!r} is before start={start!r}; give the earlier date first"
        raise DateError(msg)
    if freq == "year":
        return dt.date(first.year, 1, 1), dt.date(last.year, 12, 31)
    if freq == "month":
        days = days_in_month(last.year, last.month)
        return dt.date(first.year, first.month, 1), dt.date(last.year, last.month, days)
    return first, last


def count_periods(freq: str, first: dt.date, last: dt.date) -> int:
    """How many periods [first, last] holds, by arithmetic (nothing is made).

    >>> count_periods("month", dt.date(1, 1, 1), dt.date(9999, 12, 31))
    119988
    """
    if freq == "year":
        return last.year - first.year + 1
    if freq == "month":
        return (last.year - first.year) * 12 + last.month - first.month + 1
    return last.toordinal() - first.toordinal() + 1


def periods(freq: str, first: dt.date, last: dt.date) -> Iterator[Period]:
    """Each period of [first, last] (as `window` gives it), up to 31 December 9999 included.

    >>> [label for label, _, _ in periods("year", dt.date(9998, 1, 1), dt.date(9999, 12, 31))]
    [9998, 9999]
    """
    if freq == "day":
        for ordinal in range(first.toordinal(), last.toordinal() + 1):
            day = dt.date.fromordinal(ordinal)
            yield day.isoformat(), day, day
        return
    if freq == "year":
        for year in range(first.year, last.year + 1):
            yield year, dt.date(year, 1, 1), dt.date(year, 12, 31)
        return
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        days = days_in_month(year, month)
        yield f"{year:04d}-{month:02d}", dt.date(year, month, 1), dt.date(year, month, days)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def check_max_rows(max_rows: object) -> int:
    """``max_rows`` as a positive integer; `TypeError` or `ValueError`-kind errors otherwise."""
    if isinstance(max_rows, bool):
        msg = f"max_rows={max_rows!r} is not a number of rows; give a positive integer such as 10_000_000"
        raise TypeError(msg)
    try:
        limit = operator.index(max_rows)  # type: ignore[arg-type]
    except TypeError:
        msg = f"max_rows={max_rows!r} is not a number of rows; give a positive integer such as 10_000_000"
        raise TypeError(msg) from None
    if limit < 1:
        msg = f"max_rows={max_rows!r} is not a number of rows; give a positive integer such as 10_000_000"
        raise VocabularyError(msg)
    return limit


def check_rows(rows: int, max_rows: int, caller: str, what: str) -> None:
    """Refuse a panel of more than ``max_rows`` rows, before any work.

    >>> check_rows(12, 10, "to_panel", "3 periods x 4 states")
    Traceback (most recent call last):
    ...
    csto_timeline.exceptions.VocabularyError: to_panel would make 12 rows (3 periods x 4 states), more than the limit of 10; narrow the window, the states or the bodies, or lift the limit with max_rows=12
    """
    if rows > max_rows:
        msg = (
            f"{caller} would make {rows:,} rows ({what}), more than the limit of {max_rows:,}; "
            f"narrow the window, the states or the bodies, or lift the limit with max_rows={rows}"
        )
        raise VocabularyError(msg)
