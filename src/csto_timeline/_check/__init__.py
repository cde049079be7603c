"""Checking the membership claims of a news text against a timeline (docs/check.md).

``check(text, published=..., timeline=...)`` finds every membership claim in an English text
(lists and counts of members, joining, leaving, rejoining, suspension, freeze, founding,
observer status), resolves the date each concerns against the publication date, and judges it
against the timeline with the deciding events and their sources.

>>> import csto_timeline
>>> report = check("The CSTO consists of Armenia, Belarus, Kazakhstan, Kyrgyzstan, Russia and Tajikistan.",
...                published="2018-05-23", timeline=csto_timeline.load())
>>> [(item.kind.value, item.verdict.value) for item in report]
[('member_list', 'true')]
"""

from __future__ import annotations

from typing import Any

from csto_timeline._dates import PartialDate, to_partial_date
from csto_timeline._loading import load
from csto_timeline._timeline import Timeline
from csto_timeline.exceptions import DateError, TimelineError

from ._claimreview import to_claimreview
from ._extract import extract
from ._judge import judge
from ._report import CheckedClaim, CheckReport, ClaimKind, Verdict

__all__ = ["MAX_TEXT", "CheckReport", "CheckedClaim", "ClaimKind", "Verdict", "check", "check_with", "to_claimreview"]

#: The longest text checked, in characters (1 MB of text; a long article is 10,000).
MAX_TEXT = 1_000_000


def _published(value: object) -> PartialDate:
    if value is None:
        msg = "published=None: the publication date is required (it resolves 'on Tuesday', 'last year' and the present tense); give a date such as '2017-04-12'"
        raise DateError(msg)
    try:
        return to_partial_date(value)
    except DateError:
        raise
    except (TypeError, ValueError) as error:
        msg = f"published={value!r} is not a date: {error}"
        raise DateError(msg) from error


def check(text: str, *, published: object, timeline: Timeline | None = None) -> CheckReport:
    """The membership claims of ``text`` judged against ``timeline`` (default: the
    bundled CST/CSTO record), in text order.

    ``published`` is the publication date (any date form a query accepts; month or year
    precision is kept). Raises TypeError when ``text`` is not a str, `DateError` for a bad
    ``published``, and `TimelineError` for a text longer than `MAX_TEXT` characters.
    """
    if not isinstance(text, str):
        msg = f"text must be a str, not {type(text).__name__} ({text!r:.60}); read a file first, e.g. Path(name).read_text()"
        raise TypeError(msg)
    when = _published(published)
    if len(text) > MAX_TEXT:
        msg = f"the text has {len(text):,} characters, over the limit of {MAX_TEXT:,} (about 1 MB); check it in parts"
        raise TimelineError(msg)
    if timeline is None:
        timeline = load()
    raw = extract(text, when, timeline.states)
    cache: dict[str, Any] = {}
    items = tuple(judge(claim, text, timeline, when, cache) for claim in raw)
    info = timeline.info
    return CheckReport(text, when, items, info.title, info.as_of)


def check_with(timeline: Timeline, text: str, *, published: object) -> CheckReport:
    """``tl.check(text, published=...)``: `check` against this timeline."""
    return check(text, published=published, timeline=timeline)
