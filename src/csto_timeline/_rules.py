"""The one table that turns legal events into status changes.

Each `Rule` says which track an event kind acts on, which statuses the state
must hold just before it (``None`` meaning no relation), what status follows,
how many days after its date the change takes effect, and its place among
events of the same day. ``docs/data.md`` prints this table for readers.
"""

from __future__ import annotations

import attrs

from ._enums import EventKind, Status, Track

__all__ = ["ANY", "KEEP", "RULES", "Rule"]

#: ``requires`` value meaning "whatever the state holds, including no relation".
ANY: frozenset[Status | None] = frozenset({None, *Status})


class _Keep:
    def __repr__(self) -> str:
        return "KEEP"


#: ``to`` value meaning "the event changes no status".
KEEP = _Keep()

# Order of events falling on the same first day: ends, changes, starts, entries into force, the rest.
_END, _CHANGE, _START, _IN_FORCE, _INFO = range(5)


@attrs.frozen
class Rule:
    """What an event of one kind does to a state's status."""

    kind: EventKind
    track: Track | None
    requires: frozenset[Status | None]
    to: Status | _Keep | None
    lag: int = 0
    order: int = _INFO
    needs_state: bool = True

    @property
    def changes_status(self) -> bool:
        """True when the rule opens or closes a spell."""
        return self.to is not KEEP


def _rule(
    kind: EventKind,
    track: Track | None,
    requires: set[Status | None] | frozenset[Status | None],
    to: Status | _Keep | None,
    *,
    lag: int = 0,
    order: int = _INFO,
    needs_state: bool = True,
) -> Rule:
    return Rule(kind, track, frozenset(requires), to, lag, order, needs_state)


S = Status
L = Track.LEGAL
P = Track.PARTICIPATION

#: Every event kind's rule, keyed by kind.
RULES: dict[EventKind, Rule] = {
    rule.kind: rule
    for rule in (
        _rule(EventKind.SIGNATURE, L, {None}, S.SIGNATORY, order=_START),
        _rule(EventKind.ENTRY_INTO_FORCE, L, {S.SIGNATORY}, S.MEMBER, order=_IN_FORCE),
        _rule(EventKind.ACCESSION, L, {None, S.SIGNATORY}, S.MEMBER, order=_IN_FORCE),
        _rule(EventKind.LAPSE, L, {S.SIGNATORY, S.MEMBER}, None, lag=1, order=_END),
        _rule(EventKind.WITHDRAWAL, L, {S.MEMBER, S.SUSPENDED}, None, order=_END),
        _rule(EventKind.EXPULSION, L, {S.MEMBER, S.SUSPENDED}, None, order=_END),
        _rule(EventKind.SUSPENSION, L, {S.MEMBER}, S.SUSPENDED, order=_CHANGE),
        # None is allowed only after an earlier membership: checked in _derive.
        _rule(EventKind.RESTORATION, L, {None, S.SUSPENDED}, S.MEMBER, order=_CHANGE),
        _rule(EventKind.OBSERVER_GRANTED, L, {None}, S.OBSERVER, order=_START),
        _rule(EventKind.OBSERVER_ENDED, L, {S.OBSERVER}, None, order=_END),
        _rule(EventKind.PARTNER_GRANTED, L, {None}, S.PARTNER, order=_START),
        _rule(EventKind.PARTNER_ENDED, L, {S.PARTNER}, None, order=_END),
        _rule(EventKind.ASSOCIATE_GRANTED, L, {None}, S.ASSOCIATE, order=_START),
        _rule(EventKind.ASSOCIATE_ENDED, L, {S.ASSOCIATE}, None, order=_END),
        # Participation rules: "requires" is the participation status; the legal
        # status a participation event needs is checked in _derive.
        _rule(EventKind.FREEZE, P, {None}, S.FROZEN, order=_CHANGE),
        _rule(EventKind.UNFREEZE, P, {S.FROZEN}, None, order=_CHANGE),
        _rule(EventKind.PARTICIPATION_CEASED, P, {None}, S.INACTIVE, order=_CHANGE),
        _rule(EventKind.RATIFICATION, None, {S.SIGNATORY, S.MEMBER}, KEEP),
        _rule(EventKind.RENEWAL, None, {S.MEMBER}, KEEP),
        _rule(EventKind.SUSPENSION_REQUEST, None, {S.MEMBER}, KEEP),
        _rule(EventKind.ANNOUNCEMENT, None, ANY, KEEP),
        _rule(EventKind.INSTRUMENT, None, ANY, KEEP),
        _rule(EventKind.DECISION, None, ANY, KEEP, needs_state=False),
        # record_start opens a spell with the status the record gives.
        _rule(EventKind.RECORD_START, L, {None}, KEEP, order=_START),
        _rule(EventKind.RECORD_END, L, ANY - {None}, None, order=_END),
    )
}

#: Legal statuses under which each participation event may happen.
PARTICIPATION_REQUIRES: dict[EventKind, frozenset[Status]] = {
    EventKind.FREEZE: frozenset({S.MEMBER}),
    EventKind.UNFREEZE: frozenset({S.MEMBER}),
    EventKind.PARTICIPATION_CEASED: frozenset({S.MEMBER, S.OBSERVER}),
}
