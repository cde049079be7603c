"""Dyad-period panels of joint membership (`to_dyads`): for each pair of states
and each period, whether both held a status in a body, under a coding rule.

A day is joint when both states held ``status`` on it; the rule reads the
joint days as `to_panel` reads one state's days ("any": at least one joint
day; "all": every day; "most": more than half; a reference day: that day).
Days outside a body's coverage are not joint.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from itertools import combinations
from typing import Any

import attrs

from ._coding import MAYBE, NO, YES, day_qualifies, tally
from ._counts import counted_pieces, qualify
from ._enums import Status
from ._periods import MAX_ROWS, Freq
from ._states import State
from ._sweep import NOTHING, Possible
from ._tabular import Output, emit, plan
from ._timeline import Timeline

__all__ = ["DyadRow", "joint_pieces", "to_dyads"]

Piece = tuple[int, int, Possible]


@attrs.frozen
class DyadRow:
    """Two states (``state_a`` before ``state_b`` by code) in one body or view
    during one period: ``joint`` is True when the rule codes them as both
    holding ``status``, False when it does not, None when the record cannot
    decide; ``share_low`` and ``share_high`` are the share of the period's days
    they certainly and possibly both held it.
    """

    org: str
    period: int | str
    first_day: dt.date
    last_day: dt.date
    state_a: str
    state_b: str
    ccode_a: int | None
    ccode_b: int | None
    status: Status
    rule: str
    joint: bool | None
    share_low: float
    share_high: float

    @property
    def certain(self) -> bool:
        """Whether the record decides the cell."""
        return self.joint is not None


def joint_pieces(first: Sequence[Piece], second: Sequence[Piece], status: Status) -> list[Piece]:
    """Pieces of the same days where both states hold ``status``: ``{status}`` where
    both certainly do, ``{status, None}`` where both may, ``{None}`` elsewhere.

    >>> member, either = frozenset({Status.MEMBER}), frozenset({Status.MEMBER, None})
    >>> pieces = joint_pieces([(1, 10, member)], [(1, 4, either), (5, 10, member)], Status.MEMBER)
    >>> [(first, last, sorted(map(str, statuses))) for first, last, statuses in pieces]
    [(1, 4, ['None', 'member']), (5, 10, ['member'])]
    """
    maybe: Possible = frozenset({status, None})
    certain: Possible = frozenset({status})
    pieces: list[Piece] = []
    i = j = 0
    while i < len(first) and j < len(second):
        a1, b1, s1 = first[i]
        a2, b2, s2 = second[j]
        low, high = max(a1, a2), min(b1, b2)
        one, other = day_qualifies(s1, status), day_qualifies(s2, status)
        found: Possible
        if one == YES and other == YES:
            found = certain
        elif NO not in (one, other):
            found = maybe
        else:
            found = NOTHING
        if pieces and pieces[-1][2] == found and pieces[-1][1] == low - 1:
            pieces[-1] = (pieces[-1][0], high, found)
        else:
            pieces.append((low, high, found))
        if b1 == high:
            i += 1
        if b2 == high:
            j += 1
    return pieces


def to_dyads(
    timeline: Timeline,
    *,
    freq: Freq = "year",
    start: object,
    end: object,
    org: str | Iterable[str] | None = None,
    states: Iterable[State | str] | None = None,
    status: Status | str = Status.MEMBER,
    rule: str = "all",
    output: Output = "records",
    max_rows: int = MAX_ROWS,
) -> Any:  # noqa: ANN401 - rows, CSV text or a pandas DataFrame
    """One row per pair of states and period: whether both held ``status``
    (default member) in ``org``, under a coding rule of `to_panel` (default
    "all": on every day of the period). ``states`` defaults to every state
    with a spell there; pairs are unordered (``state_a`` < ``state_b``).
    ``max_rows`` (default a million) limits the rows, counted before any work.

    >>> import csto_timeline
    >>> tl = csto_timeline.load()
    >>> for row in to_dyads(tl, start="2012", end="2012", states=["UZB", "ARM", "RUS"]):
    ...     print(row.state_a, row.state_b, row.joint, round(row.share_low, 3))
    ARM RUS True 1.0
    ARM UZB False 0.964
    RUS UZB False 0.964
    """
    wanted = Status.parse(status)
    chosen = plan(
        timeline, caller="to_dyads", freq=freq, start=start, end=end, org=org, states=states,
        rule=rule, output=output, max_rows=max_rows, pairs=True,
    )  # fmt: skip
    coding = chosen.rule
    rows = []
    for key, coverage, steps_by_state in chosen.orgs:
        ordered = sorted(steps_by_state, key=lambda item: item[0].alpha3)
        for label, first, last in chosen.periods:
            pieces = {state: counted_pieces(steps, coverage, first, last) for state, steps in ordered}
            for (one, _), (other, _) in combinations(ordered, 2):
                joint = joint_pieces(pieces[one], pieces[other], wanted)
                answer = qualify(coding, joint, first, last, wanted)
                low, high = tally(joint).share(wanted)
                rows.append(
                    DyadRow(
                        key,
                        label,
                        first,
                        last,
                        one.alpha3,
                        other.alpha3,
                        one.cow,
                        other.cow,
                        wanted,
                        coding.name,
                        None if answer == MAYBE else answer == YES,
                        low,
                        high,
                    )
                )
    fields = (
        "org", "period", "first_day", "last_day", "state_a", "state_b", "ccode_a", "ccode_b",
        "status", "rule", "joint", "share_low", "share_high",
    )  # fmt: skip
    return emit(rows, fields, output, "to_dyads")
