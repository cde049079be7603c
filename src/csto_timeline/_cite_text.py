"""Small text helpers of the citation styles: dates written out, initials, TeX escaping."""

from __future__ import annotations

import re

from ._dates import MONTH_NAMES, PartialDate, Precision

__all__ = ["apa_date", "initials", "parts", "tex", "us_day", "written"]

_BIBTEX_SPECIAL = re.compile(r"([\\{}%&$#_^~])")
_BIBTEX_ESCAPES = {"\\": r"\textbackslash{}", "^": r"\^{}", "~": r"\~{}"}


def written(date: PartialDate) -> str:
    """'22 November 2026', 'November 2026' or '2026'."""
    if date.precision is Precision.YEAR:
        return str(date.year)
    month = MONTH_NAMES[(date.month or 1) - 1]
    return f"{month} {date.year}" if date.precision is Precision.MONTH else f"{date.day} {month} {date.year}"


def apa_date(date: PartialDate | None) -> str:
    """APA's date in parentheses: '2012, December 19', '2012, December', '2012' or 'n.d.'."""
    if date is None:
        return "n.d."
    if date.precision is Precision.YEAR:
        return str(date.year)
    month = MONTH_NAMES[(date.month or 1) - 1]
    return f"{date.year}, {month}" + (f" {date.day}" if date.day is not None else "")


def parts(date: PartialDate) -> dict[str, list[list[int]]]:
    numbers = [date.year] + ([date.month] if date.month else []) + ([date.day] if date.day else [])
    return {"date-parts": [numbers]}


def initials(given: str) -> str:
    return " ".join(f"{part[0]}." for part in given.replace(".", ". ").split())


def us_day(date: PartialDate) -> str:
    """APA's retrieval date: 'November 30, 2026' (or 'November 2026', '2026')."""
    if date.precision is Precision.YEAR:
        return str(date.year)
    month = MONTH_NAMES[(date.month or 1) - 1]
    return f"{month} {date.day}, {date.year}" if date.day is not None else f"{month} {date.year}"


def tex(text: str) -> str:
    """Text with BibTeX's special characters escaped."""
    return _BIBTEX_SPECIAL.sub(lambda match: _BIBTEX_ESCAPES.get(match[1], "\\" + match[1]), text)
