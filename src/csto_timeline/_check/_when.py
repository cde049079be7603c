"""Temporal expressions in English text, resolved against the publication date.

Absolute dates keep the precision the text gives ("in 2005" is a year, "June 2012" a month,
"May 15, 1992" a day); relative ones resolve against the publication date ("on Tuesday",
"yesterday", "last year", "six months ago", "15 years since its establishment") or against
the date last mentioned ("the next year", "ten years later").
"""

from __future__ import annotations

import datetime as dt
import re

import attrs

from csto_timeline._dates import MONTH_NUMBERS, WEEKDAY_NAMES, PartialDate, days_in_month

__all__ = ["TimeMention", "find_times", "shift_years"]

_WEEKDAYS = {name.casefold(): number for number, name in enumerate(WEEKDAY_NAMES)}
#: Numbers written as words, as news texts write counts ("the six-member bloc").
NUMBER_WORDS: dict[str, int] = {
    word: number
    for number, word in enumerate(
        ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"]
    )
}
_NUMBERS = dict(NUMBER_WORDS)
_NUMBERS.update({"a": 1, "an": 1, "a couple of": 2, "several": -1})
NUMBER = r"(?:\d{1,2}|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty)"
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"
_YEAR = r"(?:19[5-9]\d|20[0-4]\d)"

_PATTERNS: tuple[tuple[str, str], ...] = (
    ("iso", rf"\b(?P<iy>{_YEAR})-(?P<im>[01]\d)-(?P<id>[0-3]\d)\b"),
    ("mdy", rf"\b(?P<m1>{_MONTH})\s+(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<y1>{_YEAR})\b"),
    ("dmy", rf"\b(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{_MONTH}),?\s+(?P<y2>{_YEAR})\b"),
    ("my", rf"\b(?P<m3>{_MONTH}),?\s+(?:of\s+)?(?P<y3>{_YEAR})\b"),
    ("md", rf"\b(?P<m4>{_MONTH})\s+(?P<d4>[0-3]?\d)(?:st|nd|rd|th)?\b(?!\s*,?\s*{_YEAR})"),
    ("dm", rf"\b(?P<d5>[0-3]?\d)(?:st|nd|rd|th)?\s+(?P<m5>{_MONTH})\b(?!\s*,?\s*{_YEAR})"),
    ("range", rf"\b(?P<ra>{_YEAR})\s*[-\u2013\u2014]\s*(?P<rb>{_YEAR}|\d\d)\b"),
    ("year", rf"(?<![\w/-])(?P<y6>{_YEAR})(?![\w/]|-\d)"),
    ("weekday", r"\b(?:on\s+|last\s+)?(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"),
    ("yesterday", r"\byesterday\b"),
    ("today", r"\b(?:today|now|currently|at present|henceforth|presently|nowadays)\b"),
    ("last_year", r"\blast year\b"),
    ("this_year", r"\b(?:this|earlier this) year\b"),
    ("next_year", r"\bthe (?:next|following) year\b|\ba year later\b"),
    ("later", rf"\b(?P<n1>{NUMBER})[\s-]+years?\s+(?:later|after(?:wards)?)\b"),
    ("ago", rf"\b(?P<n2>{NUMBER})[\s-]+(?P<u2>years?|months?)\s+ago\b"),
    (
        "since",
        rf"\b(?P<n3>{NUMBER})[\s-]+years?\s+(?:since|after)\s+(?:its|the)\s+(?:establishment|creation|founding|foundation|formation)\b",
    ),
    ("anniversary", r"\b(?P<n4>\d{1,2})(?:st|nd|rd|th)[\s-]+anniversary\b"),
    ("old", rf"\b(?P<n5>{NUMBER})-year-old\b"),
    ("interval", rf"\bafter an interval of\s+(?P<n6>{NUMBER})\s+years?\b"),
)
# The leading look-around fails fast inside words, so the alternatives run only at word starts.
_TIME_RE = re.compile(
    "(?<!\\w)(?=\\w)(?:" + "|".join(f"(?P<{name}>{pattern})" for name, pattern in _PATTERNS) + ")", re.IGNORECASE
)


@attrs.frozen
class TimeMention:
    """A time expression at ``start``-``end`` resolved to a date or a period.

    ``relative`` marks an expression resolved against a date the text gave earlier; ``present``
    one that means the publication date ("now", "currently").
    """

    start: int
    end: int
    value: PartialDate | tuple[PartialDate, PartialDate]
    relative: bool = False
    present: bool = False
    #: For an anniversary or an age ("15-year-old"): the years counted back from publication.
    founding_hint: bool = False
    #: A day read from "on Tuesday" or "yesterday": often the day of the report, not of the act.
    loose: bool = False


def _number(word: str) -> int:
    word = word.casefold()
    return int(word) if word.isdigit() else _NUMBERS.get(word, 1)


def _month(word: str) -> int:
    return MONTH_NUMBERS[word.casefold().rstrip(".")]


def shift_years(date: PartialDate, years: int) -> PartialDate:
    """``date`` moved by ``years``, keeping its precision (29 February falls to the 28th).

    >>> shift_years(PartialDate.of(2017, 4, 12), -15)
    PartialDate(2002, 4, 12)
    """
    year = date.year + years
    if date.day is not None and date.month is not None:
        day = min(date.day, days_in_month(year, date.month))
        return PartialDate.of(year, date.month, day)
    return PartialDate.of(year, date.month) if date.month is not None else PartialDate.of(year)


def _year_before(published: PartialDate, month: int, day: int | None) -> int:
    """The year of a month (and day) given without one: the latest not after publication."""
    year = published.latest.year
    probe = dt.date(year, month, min(day or 1, days_in_month(year, month)))
    return year - 1 if probe > published.latest else year


def find_times(text: str, published: PartialDate) -> list[TimeMention]:
    """Every time expression in ``text``, in order, resolved.

    >>> pub = PartialDate.of(2014, 12, 23)
    >>> [(m.value, m.relative) for m in find_times("in 2005, on Tuesday, the next year", pub)]
    [(PartialDate(2005), False), (PartialDate(2014, 12, 23), False), (PartialDate(2006), True)]
    """
    found: list[TimeMention] = []
    last: PartialDate | None = None
    for match in _TIME_RE.finditer(text):
        kind = match.lastgroup
        groups = match.groupdict()
        value: PartialDate | tuple[PartialDate, PartialDate] | None = None
        relative = present = hint = loose = False
        try:
            if kind == "iso":
                value = PartialDate.of(int(groups["iy"]), int(groups["im"]), int(groups["id"]))
            elif kind == "mdy":
                value = PartialDate.of(int(groups["y1"]), _month(groups["m1"]), int(groups["d1"]))
            elif kind == "dmy":
                value = PartialDate.of(int(groups["y2"]), _month(groups["m2"]), int(groups["d2"]))
            elif kind == "my":
                value = PartialDate.of(int(groups["y3"]), _month(groups["m3"]))
            elif kind in ("md", "dm"):
                suffix = "4" if kind == "md" else "5"
                month, day = _month(groups["m" + suffix]), int(groups["d" + suffix])
                if groups["m" + suffix].casefold() == "may" and kind == "md" and not text[match.start()].isupper():
                    continue  # the verb "may"
                value = PartialDate.of(_year_before(published, month, day), month, day)
            elif kind == "range":
                first = int(groups["ra"])
                second = groups["rb"]
                last_year = int(second) if len(second) == 4 else first // 100 * 100 + int(second)
                if last_year < first:
                    continue
                value = (PartialDate.of(first), PartialDate.of(last_year))
            elif kind == "year":
                value = PartialDate.of(int(groups["y6"]))
            elif kind == "weekday":
                last_day = published.latest
                back = (last_day.weekday() - _WEEKDAYS[groups["wd"].casefold()]) % 7
                value = PartialDate.from_date(last_day - dt.timedelta(days=back)) if published.is_exact else published
                loose = True
            elif kind == "yesterday":
                value = (
                    PartialDate.from_date(published.latest - dt.timedelta(days=1)) if published.is_exact else published
                )
                loose = True
            elif kind == "today":
                value, present = published, True
            elif kind == "last_year":
                value = PartialDate.of(published.year - 1)
            elif kind == "this_year":
                value = PartialDate.of(published.year)
            elif kind == "next_year" and last is not None:
                value, relative = PartialDate.of(last.year + 1), True
            elif kind in ("later", "interval") and last is not None:
                value, relative = PartialDate.of(last.year + _number(groups["n1"] or groups["n6"])), True
            elif kind == "ago":
                count = _number(groups["n2"])
                if groups["u2"].casefold().startswith("month"):
                    then = published.latest - dt.timedelta(days=int(30.44 * count))
                    value = PartialDate.of(then.year, then.month)
                else:
                    value = PartialDate.of(published.year - count)
            elif kind in ("since", "anniversary", "old"):
                count = _number(groups["n3"] or groups["n4"] or groups["n5"])
                value, hint = PartialDate.of(published.year - count), True
        except ValueError:
            continue
        if value is None:
            continue
        found.append(TimeMention(match.start(), match.end(), value, relative, present, hint, loose))
        if not present and not loose:
            last = value[0] if isinstance(value, tuple) else value
    return found
