"""Coded panels: one row per state and period (year, month or day), coded by a
documented rule (`_coding`), with the share of the period at the coded
status, whether the record decides the cell, and how well it covers the period.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, Literal

import attrs

from ._coding import Cell, CodingRule, code
from ._enums import Status
from ._periods import MAX_ROWS, Freq
from ._states import State
from ._sweep import NOTHING, OUTSIDE, Possible, StatusSteps, segments_of
from ._tabular import Output, emit, plan
from ._timeline import Timeline

__all__ = ["DEFAULT_RULE", "Coverage", "PanelRow", "classify", "code_period", "to_panel"]

#: How well the record covers a state's status in a period.
Coverage = Literal["full", "partial", "unknown", "outside"]

#: The rule a panel codes by when none is given: the status held on every day of the period.
DEFAULT_RULE = "all"

_FIELDS = (
    "state", "alpha2", "ccode", "name", "org", "period", "first_day", "last_day",
    "rule", "status", "certain", "possible", "share_low", "share_high", "coverage",
)  # fmt: skip


@attrs.frozen
class PanelRow:
    """One state in one body or view during one period, coded by one rule.

    ``state``, ``alpha2``, ``ccode`` and ``name`` are the state's ISO 3166
    codes, Correlates of War number and name. ``period`` is the year (an
    int), the month ("2012-12") or the day ("2012-12-19"); ``first_day`` and
    ``last_day`` its first and last days (both inclusive). ``status`` is the
    status the ``rule`` codes the cell with (None: no relation, or, under
    "all" and "most", no one status meets the rule), and None whenever the
    cell is not ``certain``; ``possible`` lists every status the rule may
    code it with, strongest first. ``share_low`` and ``share_high`` are the
    share of the period's days at ``possible[0]``: certainly and possibly (they
    differ when a boundary inside the period is imprecise). ``coverage`` is
    "full" when one status is known for the whole period, "partial" when the
    status changes inside it or a boundary is imprecise there, "unknown" when
    the source records the status as unknown, "outside" when the period is
    outside the data's coverage.
    """

    state: str
    alpha2: str | None
    ccode: int | None
    name: str
    org: str
    period: int | str
    first_day: dt.date
    last_day: dt.date
    rule: str
    status: Status | None
    certain: bool
    possible: tuple[Status | None, ...]
    share_low: float
    share_high: float
    coverage: Coverage

    @property
    def share(self) -> tuple[float, float]:
        """The share of the period at ``possible[0]``: (certainly, possibly)."""
        return self.share_low, self.share_high


def classify(pieces: list[tuple[int, int, Possible]]) -> Coverage:
    """The coverage value of a period cut into pieces (first, last ordinal, possible statuses)."""
    union: set[Status | None] = set()
    for _, _, statuses in pieces:
        union |= statuses
    if len(union) > 1:
        return "partial"
    if union == OUTSIDE:
        return "outside"
    return "unknown" if union == {Status.UNKNOWN} else "full"


def code_period(
    rule: CodingRule,
    steps: StatusSteps | None,
    coverage: tuple[int | None, int | None],
    first: dt.date,
    last: dt.date,
) -> tuple[Cell, Coverage]:
    """Code one state's period [first, last] under ``rule``, with its coverage value."""
    pieces = segments_of(steps, coverage, first.toordinal(), last.toordinal())
    reference: Possible | None = None
    if rule.kind == "day":
        day = rule.reference(first, last).toordinal()
        reference = next((statuses for a, b, statuses in pieces if a <= day <= b), NOTHING)
    return code(rule, pieces, reference), classify(pieces)


def to_panel(
    timeline: Timeline,
    *,
    freq: Freq = "year",
    start: object,
    end: object,
    org: str | Iterable[str] | None = None,
    states: Iterable[State | str] | None = None,
    rule: str = DEFAULT_RULE,
    output: Output = "records",
    max_rows: int = MAX_ROWS,
) -> Any:  # noqa: ANN401 - rows, CSV text or a pandas DataFrame
    """One row per state and period from the period holding ``start`` to the
    one holding ``end`` (dates or EDTF text: "1992", "1992-05", "1992-05-15").

    ``freq`` is "year", "month" or "day". ``rule`` is the coding rule (see
    ``docs/panels.md``): "all" (the default: the status held on every day of
    the period), "any", "most", "last", "first", "dec31" or a day of the
    year such as "07-01". ``org`` is a body or view (default: the timeline's
    default, or every body when it has none) or several; ``states`` defaults
    to every state with a spell there. ``output`` is "records" (a tuple of
    `PanelRow`), "csv" (text with a header) or "pandas" (a DataFrame; needs
    the ``pandas`` extra). A panel of more than ``max_rows`` rows (default a
    million) is refused before any work.

    Raises `DateError` for an unreadable or reversed window, `VocabularyError`
    for an unknown ``freq``, ``rule`` or ``output`` or too many rows,
    `UnknownBodyError` and `UnknownStateError` for names the timeline does not know.

    >>> import csto_timeline
    >>> tl = csto_timeline.load()
    >>> for row in to_panel(tl, start="2011", end="2013", states=["UZB"]):
    ...     print(row.period, row.status, row.certain, row.coverage)
    2011 member True full
    2012 None True partial
    2013 suspended True full
    >>> for row in to_panel(tl, start="2012", end="2012", states=["UZB"], rule="any"):
    ...     print(row.period, row.status, round(row.share_low, 3))
    2012 member 0.964
    >>> print(to_panel(tl, freq="month", start="2012-12", end="2012-12", states=["UZB"], rule="last", output="csv"))
    state,alpha2,ccode,name,org,period,first_day,last_day,rule,status,certain,possible,share_low,share_high,coverage
    UZB,UZ,704,Uzbekistan,alliance,2012-12,2012-12-01,2012-12-31,last,suspended,True,suspended,0.41935483870967744,0.41935483870967744,partial
    <BLANKLINE>
    """
    chosen = plan(
        timeline, caller="to_panel", freq=freq, start=start, end=end, org=org, states=states,
        rule=rule, output=output, max_rows=max_rows,
    )  # fmt: skip
    coding = chosen.rule
    rows: list[PanelRow] = []
    for key, coverage, steps_by_state in chosen.orgs:
        for state, steps in steps_by_state:
            codes = (state.alpha3, state.alpha2, state.cow, state.name, key)
            for label, first, last in chosen.periods:
                cell, covered = code_period(coding, steps, coverage, first, last)
                low, high = cell.share
                rows.append(
                    PanelRow(
                        *codes,
                        label,
                        first,
                        last,
                        coding.name,
                        cell.status,
                        cell.certain,
                        cell.possible,
                        low,
                        high,
                        covered,
                    )
                )
    return emit(rows, _FIELDS, output, "to_panel")
