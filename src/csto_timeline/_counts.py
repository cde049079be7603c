"""Counts under a coding rule: members per period (`count_members`) and
memberships per state and period across bodies (`count_memberships`, the
counts peacesciencer's ``add_igos`` adds), each as a range (certain, possible).

A state counts for a period when the rule says it held ``status`` there
(see `_coding`): certainly, or possibly when an imprecise boundary or an
unknown stretch lets the record go either way. Days outside a body's
coverage count as days without the status: a count covers what the data covers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

import attrs

from ._coding import NO, YES, CodingRule, day_qualifies, qualifies, tally
from ._enums import Status
from ._periods import MAX_ROWS, Freq
from ._states import State
from ._sweep import NOTHING, Possible, StatusSteps, segments_of
from ._tabular import Output, emit, plan
from ._timeline import Timeline

__all__ = ["MemberCount", "MembershipCount", "count_members", "count_memberships", "counted_pieces", "qualify"]

_UNCOVERED = frozenset({Status.UNCOVERED})


@attrs.frozen
class MemberCount:
    """How many states held ``status`` in one body or view during one period
    under ``rule``: ``certain`` surely, ``possible`` at most.
    """

    org: str
    period: int | str
    first_day: dt.date
    last_day: dt.date
    status: Status
    rule: str
    certain: int
    possible: int

    @property
    def range(self) -> tuple[int, int]:
        """(certain, possible): equal when the record decides every state."""
        return self.certain, self.possible


@attrs.frozen
class MembershipCount:
    """In how many bodies one state held ``status`` during one period under
    ``rule``: ``certain`` surely, ``possible`` at most; ``orgs`` the bodies
    certainly counted.
    """

    state: str
    alpha2: str | None
    ccode: int | None
    name: str
    period: int | str
    first_day: dt.date
    last_day: dt.date
    status: Status
    rule: str
    certain: int
    possible: int
    orgs: tuple[str, ...]

    @property
    def range(self) -> tuple[int, int]:
        """(certain, possible): equal when the record decides every body."""
        return self.certain, self.possible


def counted_pieces(
    steps: StatusSteps | None, coverage: tuple[int | None, int | None], first: dt.date, last: dt.date
) -> list[tuple[int, int, Possible]]:
    """The pieces of [first, last] with days outside the coverage read as days without any status."""
    pieces = segments_of(steps, coverage, first.toordinal(), last.toordinal())
    return [(a, b, (statuses - _UNCOVERED) or NOTHING) for a, b, statuses in pieces]


def qualify(
    rule: CodingRule, pieces: Sequence[tuple[int, int, Possible]], first: dt.date, last: dt.date, status: object
) -> str:
    """Whether ``status`` meets ``rule`` over the pieces of [first, last]: "yes", "no" or "maybe"."""
    if rule.kind == "day":
        day = rule.reference(first, last).toordinal()
        statuses = next((found for a, b, found in pieces if a <= day <= b), NOTHING)
        return day_qualifies(statuses, status)  # type: ignore[arg-type]
    return qualifies(tally(pieces), status, rule.kind)  # type: ignore[arg-type]


def count_members(
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
    """How many states held ``status`` (default member) in each period, under a
    coding rule of `to_panel` (default "all": on every day of the period), as
    a range (certain, possible). ``max_rows`` limits the state-periods read.

    >>> import csto_timeline
    >>> tl = csto_timeline.load()
    >>> for rule in ("all", "any", "dec31"):
    ...     (row,) = count_members(tl, start="2012", end="2012", rule=rule)
    ...     print(rule, row.range)
    all (6, 6)
    any (7, 7)
    dec31 (6, 6)
    """
    wanted = Status.parse(status)
    chosen = plan(
        timeline, caller="count_members", freq=freq, start=start, end=end, org=org, states=states,
        rule=rule, output=output, max_rows=max_rows,
    )  # fmt: skip
    rows = []
    for key, coverage, steps_by_state in chosen.orgs:
        for label, first, last in chosen.periods:
            certain = possible = 0
            for _, steps in steps_by_state:
                answer = qualify(chosen.rule, counted_pieces(steps, coverage, first, last), first, last, wanted)
                certain += answer == YES
                possible += answer != NO
            rows.append(MemberCount(key, label, first, last, wanted, chosen.rule.name, certain, possible))
    fields = ("org", "period", "first_day", "last_day", "status", "rule", "certain", "possible")
    return emit(rows, fields, output, "count_members")


def count_memberships(
    timeline: Timeline,
    *,
    freq: Freq = "year",
    start: object,
    end: object,
    orgs: str | Iterable[str] | None = None,
    states: Iterable[State | str] | None = None,
    status: Status | str = Status.MEMBER,
    rule: str = "all",
    output: Output = "records",
    max_rows: int = MAX_ROWS,
) -> Any:  # noqa: ANN401 - rows, CSV text or a pandas DataFrame
    """In how many bodies each state held ``status`` (default member) in each
    period, under a coding rule of `to_panel`, as a range (certain, possible):
    peacesciencer's ``add_igos`` counts. ``orgs`` defaults to every body of the
    timeline (views are left out: they repeat their bodies); ``states`` to
    every state with a spell in one of them.

    >>> import csto_timeline
    >>> tl = csto_timeline.load()
    >>> (row,) = count_memberships(tl, start="2010", end="2010", states=["ARM"])
    >>> row.range, row.orgs
    ((3, 3), ('CST', 'CSTO', 'CSTO-PA'))
    """
    wanted = Status.parse(status)
    keys = sorted(timeline.bodies) if orgs is None else orgs
    chosen = plan(
        timeline, caller="count_memberships", freq=freq, start=start, end=end, org=keys, states=states,
        rule=rule, output=output, max_rows=max_rows,
    )  # fmt: skip
    order: dict[State, None] = {}
    for _, _, steps_by_state in chosen.orgs:
        order.update(dict.fromkeys(state for state, _ in steps_by_state))
    found: dict[tuple[State, int], tuple[int, int, list[str]]] = {}
    for key, coverage, steps_by_state in chosen.orgs:
        for state, steps in steps_by_state:
            for index, (_, first, last) in enumerate(chosen.periods):
                answer = qualify(chosen.rule, counted_pieces(steps, coverage, first, last), first, last, wanted)
                certain, possible, names = found.get((state, index), (0, 0, []))
                if answer == YES:
                    names.append(key)
                found[(state, index)] = (certain + (answer == YES), possible + (answer != NO), names)
    listed = sorted(order) if states is None else list(order)
    rows = [
        MembershipCount(
            state.alpha3,
            state.alpha2,
            state.cow,
            state.name,
            label,
            first,
            last,
            wanted,
            chosen.rule.name,
            *_counted(found.get((state, index))),
        )
        for state in listed
        for index, (label, first, last) in enumerate(chosen.periods)
    ]
    fields = (
        "state", "alpha2", "ccode", "name", "period", "first_day", "last_day",
        "status", "rule", "certain", "possible", "orgs",
    )  # fmt: skip
    return emit(rows, fields, output, "count_memberships")


def _counted(found: tuple[int, int, list[str]] | None) -> tuple[int, int, tuple[str, ...]]:
    if found is None:
        return 0, 0, ()
    certain, possible, names = found
    return certain, possible, tuple(names)
