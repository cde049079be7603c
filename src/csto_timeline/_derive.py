"""Derive status spells from events by the rules table, and build views."""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence

import attrs

from ._dates import Boundary
from ._enums import EventKind, Status, Track
from ._parts import SpellTable
from ._records import Body, Event, Spell, View
from ._rules import KEEP, PARTICIPATION_REQUIRES, RULES
from ._states import State
from ._sweep import possible_between, sweep
from .exceptions import DataError

__all__ = ["SpellTable", "derive", "derive_view", "event_boundary"]

def event_boundary(event: Event) -> Boundary | None:
    """The first day of the status an event's followed claim brings about."""
    if event.date is None or not event.claim.occurred:
        return None
    return Boundary(event.date, RULES[event.effective_kind].lag)


def _sort_key(indexed: tuple[int, Event]) -> tuple[dt.date, dt.date, int, int]:
    index, event = indexed
    boundary = event_boundary(event)
    assert boundary is not None  # noqa: S101 - filtered before sorting
    return (*boundary.sort_key(), RULES[event.effective_kind].order, index)


def _describe(status: Status | None) -> str:
    return "not related" if status is None else str(status)


def _needs(statuses: Iterable[Status | None]) -> str:
    names = sorted(_describe(status) for status in statuses)
    return " or ".join(names)


class _Track:
    """The open spell of one state on one track of one body while events are applied."""

    def __init__(self, state: State, body: str, track: Track) -> None:
        self.state, self.body, self.track = state, body, track
        self.status: Status | None = None
        self.start: Boundary | None = None
        self.opened_by: Event | None = None
        self.spells: list[Spell] = []

    def close(self, at: Boundary, event: Event) -> None:
        if self.status is None or self.start is None or self.opened_by is None:
            return
        if at.latest > self.start.earliest:  # a spell that must be empty is dropped
            self.spells.append(
                Spell(self.state, self.body, self.status, self.start, at, self.opened_by, event, self.track)
            )
        self.status = self.start = self.opened_by = None

    def open(self, status: Status, at: Boundary, event: Event) -> None:
        self.status, self.start, self.opened_by = status, at, event

    def finish(self) -> list[Spell]:
        if self.status is not None and self.start is not None and self.opened_by is not None:
            self.spells.append(
                Spell(self.state, self.body, self.status, self.start, None, self.opened_by, None, self.track)
            )
        return self.spells


def _lineage(body: str, bodies: Mapping[str, Body]) -> list[str]:
    chain = [body]
    while (parent := bodies[chain[-1]].continues) is not None and parent not in chain:
        chain.append(parent)
    return chain


def _body_order(bodies: Mapping[str, Body]) -> list[str]:
    return sorted(bodies, key=lambda body: (len(_lineage(body, bodies)), body))


def derive(
    events: Sequence[Event],
    bodies: Mapping[str, Body],
    *,
    file: str | None = None,
    conflicts: list[DataError] | None = None,
) -> SpellTable:
    """Apply the rules table to every state's events in every body.

    Events are applied per state and body in the order of the first possible
    day of the status they bring about, same-day events by the rule's order.
    An event whose rule does not allow the state's status at that point raises
    `DataError` naming the event, except that when ``conflicts`` is a list, an
    out-of-order event that changes no status is appended to it instead (used
    when following one source's claims, which may not fit the other events).
    """
    groups: dict[str, dict[State, list[tuple[int, Event]]]] = defaultdict(lambda: defaultdict(list))
    for index, event in enumerate(events):
        try:
            boundary = event_boundary(event)
        except OverflowError:  # a lag past 31 December 9999 has no date
            msg = f"a {event.effective_kind.label} dated {event.date} would take effect after 9999-12-31"
            raise DataError(msg, record=f"event {event.id!r}", file=file) from None
        if event.state is not None and boundary is not None:
            groups[event.body][event.state].append((index, event))
    table: SpellTable = {}
    member_since: dict[tuple[str, State], list[Boundary]] = defaultdict(list)
    for body in _body_order(bodies):
        lineage = _lineage(body, bodies)
        by_state = groups.get(body, {})
        for state in sorted(by_state):
            ordered = [event for _, event in sorted(by_state[state], key=_sort_key)]
            legal, participation = _apply_in_some_order(ordered, state, body, lineage, member_since, file, conflicts)
            for track, spells in ((Track.LEGAL, legal), (Track.PARTICIPATION, participation)):
                if spells:
                    table.setdefault((body, track), {})[state] = tuple(spells)
    return table


#: The most orders tried for one state's events in one body before giving up.
_MAX_ORDERS = 720


def _apply_in_some_order(
    events: list[Event],
    state: State,
    body: str,
    lineage: list[str],
    member_since: dict[tuple[str, State], list[Boundary]],
    file: str | None,
    conflicts: list[DataError] | None,
) -> tuple[list[Spell], list[Spell]]:
    """Apply the events in date order; when that order breaks a rule and some of
    the events' possible dates overlap, try the other orders those dates allow
    and keep the first one the rules accept. Imprecision must not turn into a
    contradiction: a signature in June 1992 and an entry into force in "1992"
    fit together. When no order fits, the error of the date order is raised.
    """
    try:
        return _apply(events, state, body, lineage, member_since, file, conflicts)
    except DataError as error:
        first_error = error
    for tried, candidate in enumerate(_orders(events)):
        if tried >= _MAX_ORDERS:
            break
        try:
            return _apply(candidate, state, body, lineage, member_since, file, conflicts)
        except DataError:
            continue
    raise first_error


def _orders(events: list[Event]) -> Iterator[list[Event]]:
    """Other orders of ``events`` that only swap events whose possible dates overlap."""
    clusters: list[list[Event]] = []
    reach: dt.date | None = None
    for event in events:
        boundary = event_boundary(event)
        assert boundary is not None  # noqa: S101 - groups hold only dated events
        if reach is not None and boundary.earliest <= reach and clusters:
            clusters[-1].append(event)
            reach = max(reach, boundary.latest)
        else:
            clusters.append([event])
            reach = boundary.latest
    choices = [list(itertools.permutations(cluster)) if len(cluster) <= 6 else [tuple(cluster)] for cluster in clusters]
    for combination in itertools.islice(itertools.product(*choices), 1, None):  # the first is the date order
        yield [event for cluster in combination for event in cluster]


def _apply(
    events: list[Event],
    state: State,
    body: str,
    lineage: list[str],
    member_since: dict[tuple[str, State], list[Boundary]],
    file: str | None,
    conflicts: list[DataError] | None,
) -> tuple[list[Spell], list[Spell]]:
    legal = _Track(state, body, Track.LEGAL)
    participation = _Track(state, body, Track.PARTICIPATION)
    informational: list[Event] = []
    became_member: list[Boundary] = []
    for event in events:
        kind = event.effective_kind
        rule = RULES[kind]
        at = event_boundary(event)
        assert at is not None  # noqa: S101 - groups hold only dated events

        def fail(needs: str, holds: Status | None, event: Event = event, at: Boundary = at) -> DataError:
            since = ""
            if holds is not None and legal.start is not None and legal.opened_by is not None:
                since = f" since {legal.start} (event {legal.opened_by.id!r})"
            problem = (
                f"out of legal order: a {event.effective_kind.label} of {state.alpha3} in {body} "
                f"taking effect {at} needs the state to be {needs}, but it is {_describe(holds)}{since}"
            )
            return DataError(problem, record=f"event {event.id!r}", file=file)

        if rule.track is Track.PARTICIPATION:
            allowed = PARTICIPATION_REQUIRES[kind]
            if legal.status not in allowed:
                raise fail(f"legally {_needs(allowed)}", legal.status)
            if participation.status not in rule.requires:
                raise fail(f"{_needs(rule.requires)} in participation", participation.status)
            participation.close(at, event)
            if isinstance(rule.to, Status):
                participation.open(rule.to, at, event)
            continue
        if not rule.changes_status and kind is not EventKind.RECORD_START:
            informational.append(event)
            continue
        if legal.status not in rule.requires:
            raise fail(_needs(rule.requires), legal.status)
        if kind is EventKind.RESTORATION and legal.status is None:
            earlier = [
                since
                for ancestor in lineage
                for since in (became_member if ancestor == body else []) + member_since.get((ancestor, state), [])
                if since.sort_key() < at.sort_key()
            ]
            if not earlier:
                msg = (
                    f"out of legal order: a restoration of {state.alpha3} in {body} taking effect {at} "
                    f"needs an earlier membership of {' or '.join(lineage)}, but there is none"
                )
                raise DataError(msg, record=f"event {event.id!r}", file=file)
        target = event.status if kind is EventKind.RECORD_START else rule.to
        if target is KEEP:  # pragma: no cover - record_start always carries a status
            continue
        legal.close(at, event)
        participation.close(at, event)
        if isinstance(target, Status):
            legal.open(target, at, event)
            if target is Status.MEMBER:
                became_member.append(at)
    spells = legal.finish()
    found: list[DataError] = []
    _check_informational(informational, spells, state, body, file, found if conflicts is not None else None)
    member_since[(body, state)].extend(became_member)  # only an accepted order records memberships
    if conflicts is not None:
        conflicts.extend(found)
    return spells, participation.finish()


def _check_informational(
    events: list[Event],
    spells: list[Spell],
    state: State,
    body: str,
    file: str | None,
    conflicts: list[DataError] | None,
) -> None:
    """An event that changes no status is in order when a status it needs is
    possible on some day its date can mean (imprecise dates order loosely).
    """
    if not events:
        return
    for event in events:
        rule = RULES[event.effective_kind]
        assert event.date is not None  # noqa: S101 - groups hold only dated events
        possible = possible_between(*sweep(spells), event.date.earliest.toordinal(), event.date.latest.toordinal())
        if not possible & rule.requires:
            holds = " or ".join(sorted(_describe(status) for status in possible))
            problem = (
                f"out of legal order: a {event.effective_kind.label} of {state.alpha3} in {body} "
                f"on {event.date} needs the state to be {_needs(rule.requires)}, but it is {holds} then"
            )
            error = DataError(problem, record=f"event {event.id!r}", file=file)
            if conflicts is None:
                raise error
            conflicts.append(error)


def derive_view(view: View, table: SpellTable, states: Iterable[State]) -> SpellTable:
    """Spells of a body-switching view: each state follows ``view.sequence[0]``
    until its first membership of the next body begins, and so on.
    """
    result: SpellTable = {}
    for state in states:
        tracks = {track: list(table.get((view.sequence[0], track), {}).get(state, ())) for track in Track}
        for body in view.sequence[1:]:
            members = [
                spell for spell in table.get((body, Track.LEGAL), {}).get(state, ()) if spell.status is Status.MEMBER
            ]
            if not members:
                continue
            switch = members[0]
            key = switch.start.sort_key()
            for track in Track:
                kept = []
                for spell in tracks[track]:
                    if spell.start.sort_key() >= key:
                        continue
                    if spell.end is None or spell.end.sort_key() > key:
                        spell = attrs.evolve(spell, end=switch.start, closed_by=switch.opened_by)  # noqa: PLW2901
                    kept.append(spell)
                later = [
                    spell for spell in table.get((body, track), {}).get(state, ()) if spell.start.sort_key() >= key
                ]
                tracks[track] = kept + later
        for track, spells in tracks.items():
            if spells:
                result.setdefault((view.id, track), {})[state] = tuple(spells)
    return result
