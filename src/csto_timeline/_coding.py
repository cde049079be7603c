"""Coding rules: which status a state-period cell is coded with, how much of
the period the state spent at it, and whether the record decides the cell.

A rule looks at what the record allows on each day of a period (the answer
`Timeline.possible_statuses` gives for that day, with days outside the
data's coverage as `Status.UNCOVERED`):

- ``"any"``: a status held on at least one day of the period; when several
  did, the strongest (`RANK`: member, associate, observer, partner,
  suspended, signatory, then no relation);
- ``"all"``: the status held on every day of the period; None when no one
  status did (read the row's ``coverage``: "partial" means it changed);
- ``"most"``: the status held on more than half the days; None when none did;
- a reference day: ``"last"`` (the period's last day), ``"first"`` (its
  first day), ``"dec31"`` (31 December, year periods only) or a day of the
  year ``"MM-DD"`` such as ``"07-01"`` (year periods only; not ``"02-29"``).

A day inside an imprecise boundary may hold either status; a day the source
records as unknown (or outside the coverage) may hold any. A cell is
*certain* when the rule gives the same status however those days went.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

import attrs

from ._enums import Status
from ._sweep import Possible
from .exceptions import VocabularyError

__all__ = ["RANK", "Cell", "CodingRule", "Tally", "code", "parse_rule", "qualifies", "tally"]

#: Strongest first: the order in which rule "any" picks among the statuses held in a period.
RANK: tuple[Status | None, ...] = (
    Status.MEMBER,
    Status.ASSOCIATE,
    Status.OBSERVER,
    Status.PARTNER,
    Status.SUSPENDED,
    Status.SIGNATORY,
    None,
)
_WILD = frozenset({Status.UNKNOWN, Status.UNCOVERED})
_DAY_OF_YEAR = re.compile(r"(\d\d)-(\d\d)")
YES, NO, MAYBE = "yes", "no", "maybe"


@attrs.frozen
class CodingRule:
    """A parsed coding rule: ``kind`` is "any", "all", "most" or "day"; for
    "day", ``day`` names the reference day ("first", "last", or "MM-DD").
    """

    name: str
    kind: str
    day: str | None = None

    def reference(self, first: dt.date, last: dt.date) -> dt.date:
        """The reference day of the period [first, last] (for kind "day")."""
        if self.day == "first":
            return first
        if self.day == "last":
            return last
        month, day = (int(part) for part in str(self.day).split("-"))
        return dt.date(first.year, month, day)


def parse_rule(rule: object, freq: str) -> CodingRule:
    """Check a coding rule (see the module's documentation) for periods of ``freq``.

    >>> parse_rule("07-01", "year")
    CodingRule(name='07-01', kind='day', day='07-01')
    >>> parse_rule("dec31", "month")
    Traceback (most recent call last):
    ...
    csto_timeline.exceptions.VocabularyError: rule='dec31' names a day of the year, so it needs freq='year' (not 'month'); use 'last' or 'first' for the month's last or first day
    """
    accepted = "'any', 'all', 'most', 'last', 'first', 'dec31' or a day of the year such as '07-01'"
    if not isinstance(rule, str):
        msg = f"rule={rule!r} is not a coding rule; use {accepted}"
        raise TypeError(msg)
    name = rule.strip().lower()
    if name in ("any", "all", "most"):
        return CodingRule(name, name)
    if name in ("last", "first"):
        return CodingRule(name, "day", name)
    day = "12-31" if name == "dec31" else name
    found = _DAY_OF_YEAR.fullmatch(day)
    if found is None:
        msg = f"rule={rule!r} is not a coding rule; use {accepted}"
        raise VocabularyError(msg)
    try:
        dt.date(2001, int(found[1]), int(found[2]))  # a day of every year: 2001 is not a leap year
    except ValueError:
        msg = f"rule={rule!r} is not a day of every year; give a month and day such as '07-01' ('02-29' is refused)"
        raise VocabularyError(msg) from None
    if freq != "year":
        msg = (
            f"rule={rule!r} names a day of the year, so it needs freq='year' (not {freq!r}); "
            "use 'last' or 'first' for the month's last or first day"
        )
        raise VocabularyError(msg)
    return CodingRule(name, "day", day)


@attrs.frozen
class Tally:
    """Days of a period by what the record allows: ``days`` in all, ``certain[s]``
    days certainly at ``s``, ``possible[s]`` days possibly at ``s`` (wild days
    count for every status), ``wild`` days possibly unknown or uncovered,
    ``blind`` days only unknown or uncovered, ``outside`` days uncovered and
    nothing else, ``unknown`` days recorded unknown and nothing else.
    """

    days: int
    certain: dict[Status | None, int]
    possible: dict[Status | None, int]
    wild: int
    blind: int
    outside: int
    unknown: int

    def share(self, status: Status | None) -> tuple[float, float]:
        """The share of the period at ``status``: (certainly, possibly)."""
        if status in _WILD:
            count = self.outside if status is Status.UNCOVERED else self.unknown
            return count / self.days, self.wild / self.days
        return self.certain.get(status, 0) / self.days, (self.possible.get(status, 0) + self.wild) / self.days


def tally(pieces: Sequence[tuple[int, int, Possible]]) -> Tally:
    """Count the days of consecutive pieces (first, last ordinal, possible statuses)."""
    certain: dict[Status | None, int] = {}
    possible: dict[Status | None, int] = {}
    days = wild = blind = outside = unknown = 0
    for first, last, statuses in pieces:
        length = last - first + 1
        days += length
        if len(statuses) == 1:
            (only,) = statuses
            certain[only] = certain.get(only, 0) + length
        if statuses & _WILD:
            wild += length
            blind += length if statuses <= _WILD else 0
            outside += length if statuses == {Status.UNCOVERED} else 0
            unknown += length if statuses == {Status.UNKNOWN} else 0
        else:  # a wild day counts for every status through `wild`
            for status in statuses:
                possible[status] = possible.get(status, 0) + length
    return Tally(days, certain, possible, wild, blind, outside, unknown)


def qualifies(counts: Tally, status: Status | None, kind: str) -> str:
    """Whether ``status`` meets rule ``kind`` ("any", "all" or "most") over the
    tallied days: "yes", "no" or "maybe" (the record allows both).
    """
    sure = counts.certain.get(status, 0)
    maybe_days = counts.possible.get(status, 0) + counts.wild
    if kind == "any":
        low, high = sure >= 1, maybe_days >= 1
    elif kind == "all":
        low, high = sure == counts.days, maybe_days == counts.days
    else:
        low, high = 2 * sure > counts.days, 2 * maybe_days > counts.days
    return YES if low else (MAYBE if high else NO)


def day_qualifies(statuses: Possible, status: Status | None) -> str:
    """Whether ``status`` holds on a day the record allows ``statuses`` on."""
    if statuses == {status}:
        return YES
    return MAYBE if status in statuses or statuses & _WILD else NO


@attrs.frozen
class Cell:
    """One state in one period under one rule: the ``status`` it is coded with
    (None: no relation, or no status meets the rule; also None when the cell is
    not certain), every status it may be coded with (``possible``, strongest
    first), the share of the period at ``possible[0]`` as (certainly, possibly),
    and whether the record decides it (``certain``).
    """

    status: Status | None
    possible: tuple[Status | None, ...]
    share: tuple[float, float]
    certain: bool


def code(rule: CodingRule, pieces: Sequence[tuple[int, int, Possible]], reference: Possible | None = None) -> Cell:
    """Code one cell from the pieces of its period; ``reference`` is what the record
    allows on the reference day (for rules of kind "day").
    """
    counts = tally(pieces)
    outcomes: list[Status | None] = []
    if rule.kind == "day":
        assert reference is not None  # noqa: S101 - the caller gives it for day rules
        outcomes = [status for status in RANK if status in reference]
        outcomes += [status for status in (Status.UNKNOWN, Status.UNCOVERED) if status in reference]
    elif counts.blind == counts.days:
        outcomes = [Status.UNCOVERED if counts.outside == counts.days else Status.UNKNOWN]
    else:
        for status in RANK:
            answer = qualifies(counts, status, rule.kind)
            if answer == NO:
                continue
            outcomes.append(status)
            if answer == YES:
                break
        else:
            if rule.kind != "any" and None not in outcomes:
                outcomes.append(None)  # no status may meet the rule: coded as none
    if not outcomes:  # pragma: no cover - every day allows some status, so "any" finds one
        outcomes = [None]
    decided = len(outcomes) == 1
    first = outcomes[0]
    return Cell(
        first if decided else None,
        tuple(outcomes),
        counts.share(first),
        certain=decided and first not in _WILD,
    )
