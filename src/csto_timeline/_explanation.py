"""What `Timeline.explain` returns: the deciding events of a status, with their
sources and competing claims; and the staleness notes every result shares.
"""

from __future__ import annotations

import attrs

from ._dates import Boundary, PartialDate
from ._enums import Status
from ._records import Claim, Event, RosterClaim
from ._serialize import Serializable, computed, escape_html, keys
from ._states import State

__all__ = ["Decision", "Explanation", "after", "codes", "stale_html", "stale_note"]


def codes(states: frozenset[State] | tuple[State, ...]) -> str:
    """The states' ISO alpha-3 codes, sorted and comma-separated ("none" for no state)."""
    return ", ".join(state.alpha3 for state in sorted(states)) or "none"


def after(date: PartialDate, as_of: PartialDate | None) -> bool:
    """True when ``date`` reaches past the last day of ``as_of`` (never when ``as_of`` is None).

    >>> after(PartialDate.parse("2030"), PartialDate.parse("2026-02-17"))
    True
    >>> after(PartialDate.parse("2026"), None)
    False
    """
    return as_of is not None and date.latest > as_of.latest


def stale_note(stale: bool, as_of: PartialDate | None) -> str:
    """The repr's note for a result after ``as_of`` (else empty)."""
    return f"; after the record's as_of {as_of}" if stale else ""


def stale_html(stale: bool, as_of: PartialDate | None) -> str:
    """The HTML note for a result after ``as_of`` (else empty)."""
    if not stale:
        return ""
    return f" <small>(the record was last checked on {as_of}; later acts are not in it)</small>"


def _claim_line(claim: Claim) -> str:
    date = f"{claim.date} ({claim.date.precision})" if claim.date is not None else "did not happen"
    kind = f" as {claim.kind.label}" if claim.kind is not None else ""
    line = f"{date}{kind} per {', '.join(source.id for source in claim.sources)}"
    return line + (f" ({claim.note})" if claim.note else "")


@attrs.frozen(repr=False)
class Decision(Serializable):
    """One event that decides an explained status, and the role it plays."""

    role: str
    event: Event
    boundary: Boundary | None

    _shape = keys("role", "boundary", "event")


@attrs.frozen(repr=False)
class Explanation(Serializable):
    """Why a state held the status it held on a date, with events and sources.

    ``status`` is None both for "no relation" and, when ``decided`` is False,
    for "the evidence cannot decide", in which case ``possible`` lists the
    statuses the evidence allows.
    """

    state: State
    org: str
    date: PartialDate
    status: Status | None
    decided: bool
    possible: tuple[Status | None, ...]
    participation: Status | None
    decisions: tuple[Decision, ...]
    rosters: tuple[RosterClaim, ...] = ()
    as_of: PartialDate | None = None

    _shape = keys(
        "state", "date", "org", "decided", "status", "possible", "participation", "decisions",
        computed("sources", lambda e: e.sources), "rosters", "as_of", "after_as_of",
    )  # fmt: skip

    @property
    def after_as_of(self) -> bool:
        """True when the date lies after the record's ``as_of``."""
        return after(self.date, self.as_of)

    @property
    def events(self) -> tuple[Event, ...]:
        """The deciding events, in order."""
        return tuple(decision.event for decision in self.decisions)

    @property
    def sources(self) -> tuple[str, ...]:
        """The ids of every source behind the followed claims of the deciding events."""
        seen: dict[str, None] = {}
        for event in self.events:
            for source in event.sources:
                seen[source.id] = None
        return tuple(seen)

    def _headline(self) -> str:
        who = f"{self.state.name} ({self.state.alpha3})"
        if not self.decided:
            options = " or ".join(str(status or "not related") for status in self.possible)
            return f"{who} in {self.org} on {self.date}: undecided, the evidence allows {options}"
        status = str(self.status) if self.status is not None else "not related"
        text = f"{who} in {self.org} on {self.date}: {status}"
        if self.participation is not None:
            text += f" (participation: {self.participation})"
        return text

    def __str__(self) -> str:
        lines = [self._headline()]
        for decision in self.decisions:
            event = decision.event
            date = event.date
            when = f"{date} ({date.precision})" if date is not None else "never"
            if date is not None and decision.boundary is not None and decision.boundary.lag:
                when = f"{decision.boundary} (the day after the act of {date}, {date.precision})"
            lines.append(f"  {decision.role} {when}: {event.effective_kind.label} [{event.id}]")
            if event.summary:
                lines.append(f"    {event.summary}")
            for citation in event.claim.citations:
                says = citation.says or citation.source.says
                lines.append(f"    source {citation.source.id}: {says} <{citation.source.location}>")
            lines.extend(f"    competing claim: {_claim_line(claim)}" for claim in event.competing)
            if event.competing and event.note:
                lines.append(f"    why the followed claim: {event.note}")
        for roster in self.rosters:
            members = codes(roster.states)
            lines.append(f"  roster claim by {roster.source.id} ({roster.date}): {roster.status} = {members}")
        if self.after_as_of:
            lines.append(f"  note: the record was last checked on {self.as_of}; later acts are not in it")
        return "\n".join(lines)

    def __repr__(self) -> str:
        return f"<Explanation {self._headline()}{stale_note(self.after_as_of, self.as_of)}>"

    def _repr_html_(self) -> str:
        return "<pre>" + escape_html(str(self)) + "</pre>"
