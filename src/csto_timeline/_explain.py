"""Why an answer is what it is: the events deciding it, or the ones in the way of deciding it.

One copy of each: the "cannot be decided" error, the decisions behind an
explanation, and the rosters that speak of a date. The engine raises the
error; the facade builds explanations; the COW comparison reuses the
decisions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import cast

from ._dates import Boundary, PartialDate
from ._enums import Status, Track
from ._parts import SpellMap
from ._records import Event, RosterClaim, Spell
from ._results import Decision, Explanation
from ._states import State
from .exceptions import UncertainStatusError

__all__ = ["boundaries_in_way", "explanation", "holding", "rosters_on", "undecided"]


def undecided(
    state: State,
    key: str,
    spells: Sequence[Spell],
    first: int,
    last: int,
    date: PartialDate,
    possible: frozenset[Status | None],
) -> UncertainStatusError:
    """The error for a status the evidence cannot decide over the ordinal range
    [first, last], naming the possible statuses and the events in the way.
    """
    in_way: dict[str, tuple[Boundary, Event]] = {}
    for spell in spells:
        for boundary, event in ((spell.start, spell.opened_by), (spell.end, spell.closed_by)):
            if boundary is None or event is None:
                continue
            if boundary.earliest.toordinal() <= last + 1 and boundary.latest.toordinal() >= first:
                in_way.setdefault(event.id, (boundary, event))
    order = sorted(possible, key=lambda s: "" if s is None else s.value)
    options = " or ".join("not related" if s is None else str(s) for s in order)
    details = "; ".join(f"{e.effective_kind.label} on {b} ({e.id})" for b, e in in_way.values())
    if Status.UNKNOWN in possible:
        details = details + ("; " if details else "") + "a source records the status as unknown"
    msg = f"the status of {state.alpha3} in {key} on {date} cannot be decided: it may be {options}"
    if details:
        msg += f"; in the way: {details}"
    return UncertainStatusError(msg, possible=tuple(order), events=tuple(e for _, e in in_way.values()))


def holding(spells: Sequence[Spell], first: dt.date, last: dt.date) -> tuple[Decision, ...]:
    """The events that open (and close) the spells holding over [first, last],
    or, when none holds, the last end before and the next start after.
    """
    held = [spell for spell in spells if spell.possibly_during(first, last)]
    if held:
        decisions = [Decision("since", held[0].opened_by, held[0].start)]
        decisions += [Decision("then", spell.opened_by, spell.start) for spell in held[1:]]
        final = held[-1]
        if final.closed_by is not None:
            decisions.append(Decision("until", final.closed_by, final.end))
        return tuple(decisions)
    decisions = []
    before = [spell for spell in spells if spell.end is not None and spell.end.latest <= first]
    after = [spell for spell in spells if spell.start.earliest > last]
    if before:
        closer = before[-1].closed_by
        assert closer is not None  # noqa: S101 - a spell with an end has a closing event
        decisions.append(Decision("not related since", closer, before[-1].end))
    if after:
        decisions.append(Decision("not related until", after[0].opened_by, after[0].start))
    return tuple(decisions)


def boundaries_in_way(spells: Sequence[Spell], first: dt.date, last: dt.date) -> tuple[Decision, ...]:
    """The events whose boundaries may fall inside [first, last + 1 day]."""
    found: dict[str, Decision] = {}
    for spell in spells:
        if spell.status is Status.UNKNOWN and spell.possibly_on(first) and spell.possibly_on(last):
            found[spell.opened_by.id] = Decision("recorded as unknown since", spell.opened_by, spell.start)
        for boundary, event in ((spell.start, spell.opened_by), (spell.end, spell.closed_by)):
            if boundary is None or event is None or event.id in found:
                continue
            if boundary.earliest <= last + dt.timedelta(days=1) and boundary.latest >= first:
                found[event.id] = Decision("boundary", event, boundary)
    return tuple(found.values())


def rosters_on(rosters: Iterable[RosterClaim], bodies: set[str], when: PartialDate) -> tuple[RosterClaim, ...]:
    """The rosters of any of ``bodies`` whose date may overlap ``when``."""
    return tuple(
        roster
        for roster in rosters
        if roster.body in bodies and roster.date.earliest <= when.latest and roster.date.latest >= when.earliest
    )


def explanation(
    spells: SpellMap,
    state: State,
    key: str,
    when: PartialDate,
    status: Status | UncertainStatusError | None,
    participation: Status | None,
    rosters: tuple[RosterClaim, ...],
    as_of: PartialDate | None,
) -> Explanation:
    """The explanation of ``state``'s status in ``key`` on ``when``: the status (or the
    error saying it cannot be decided), the deciding events, the participation
    spells in range and the rosters that speak of the date.
    """
    legal = spells.get((key, Track.LEGAL), {}).get(state, ())
    if isinstance(status, UncertainStatusError):
        possible = cast("tuple[Status | None, ...]", status.possible)
        decisions = boundaries_in_way(legal, when.earliest, when.latest)
        return Explanation(
            state, key, when, None, decided=False, possible=possible, participation=None,
            decisions=decisions, rosters=rosters, as_of=as_of,
        )  # fmt: skip
    decisions = holding(legal, when.earliest, when.latest)
    decisions += tuple(
        Decision(f"{spell.status} since", spell.opened_by, spell.start)
        for spell in spells.get((key, Track.PARTICIPATION), {}).get(state, ())
        if spell.possibly_during(when.earliest, when.latest)
    )
    return Explanation(
        state, key, when, status, decided=True, possible=(status,), participation=participation,
        decisions=decisions, rosters=rosters, as_of=as_of,
    )  # fmt: skip
