"""Judging lists, counts, foundings and observer seats, and the helpers every verdict uses:
the days a claim concerns and the sentence that cites the deciding events and their sources.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from csto_timeline._dates import PartialDate
from csto_timeline._enums import EventKind, Status
from csto_timeline._records import Event
from csto_timeline._states import State
from csto_timeline.exceptions import TimelineError, UncertainStatusError

from ._extract import RawClaim
from ._report import Verdict

__all__ = ["EXIT", "JOIN", "LEFT", "REJOIN", "ListJudge", "Result", "cite_steps", "combine", "span", "when_text", "within"]


#: Kinds of event by which a state joins, rejoins, leaves or exits (leaves or is suspended).
JOIN = frozenset(
    {
        EventKind.SIGNATURE,
        EventKind.ACCESSION,
        EventKind.ENTRY_INTO_FORCE,
        EventKind.RATIFICATION,
        EventKind.RESTORATION,
        EventKind.INSTRUMENT,
    }
)
REJOIN = frozenset(
    {
        EventKind.RESTORATION,
        EventKind.INSTRUMENT,
        EventKind.RATIFICATION,
        EventKind.ACCESSION,
        EventKind.ENTRY_INTO_FORCE,
    }
)
LEFT = frozenset({EventKind.WITHDRAWAL, EventKind.LAPSE, EventKind.EXPULSION})
EXIT = LEFT | {EventKind.SUSPENSION}
_RECENT = dt.timedelta(days=45)
Result = tuple[Verdict, str, list[Event]]


def span(claim: RawClaim, published: PartialDate) -> tuple[dt.date, dt.date]:
    """The days an act claim may concern."""
    about = claim.about
    if claim.tense == "present":
        return published.earliest - _RECENT, published.latest
    if claim.tense == "loose" and isinstance(about, PartialDate):
        return about.earliest - dt.timedelta(days=3), about.latest
    if about is None:
        return dt.date.min, published.latest
    first = about[0] if isinstance(about, tuple) else about
    return first.earliest, first.latest


def within(date: PartialDate | None, span: tuple[dt.date, dt.date]) -> bool:
    return date is not None and date.earliest <= span[1] and span[0] <= date.latest


def _cite(events: Sequence[Event]) -> str:
    parts: list[str] = []
    seen: set[str] = set()
    for event in events:
        for source in event.sources[:2]:
            if source.id not in seen:
                seen.add(source.id)
                parts.append(f"{source.publisher}, '{source.title}'")
    return f" (sources: {'; '.join(parts[:3])})" if parts else ""


def cite_steps(events: Sequence[Event]) -> str:
    """The events grouped by act, body and date, with their ids and first sources."""
    groups: dict[tuple[str, str, str], list[Event]] = {}
    for event in {event.id: event for event in events}.values():
        groups.setdefault((event.effective_kind.label, event.body, str(event.date)), []).append(event)
    parts = []
    for (label, body, date), members in list(groups.items())[:3]:
        who = ", ".join(event.state.name if event.state is not None else f"the {body}" for event in members[:6])
        ids = ", ".join(event.id for event in members[:2]) + (", ..." if len(members) > 2 else "")
        parts.append(f"{label} of {who} in {body} on {date} [{ids}]")
    shown = [group[0] for group in list(groups.values())[:3]]
    return "; ".join(parts) + _cite(shown)


def when_text(claim: RawClaim) -> str:
    if claim.tense == "present":
        return "at the time of publication"
    if claim.about is None:
        return "at any time before publication"
    about = claim.about
    return f"in {about[0]}" if isinstance(about, tuple) else f"on {about}"


def combine(results: Sequence[Result]) -> Result:
    if not results:
        return Verdict.UNDECIDABLE, "The claim names no state.", []
    verdicts = {verdict for verdict, _why, _events in results}
    events = [event for _verdict, _why, found in results for event in found]
    why = " ".join(dict.fromkeys(text for _verdict, text, _events in results))
    if verdicts == {Verdict.TRUE}:
        return Verdict.TRUE, why, events
    if Verdict.FALSE in verdicts:
        return Verdict.FALSE, why, events
    if Verdict.UNDECIDABLE in verdicts:
        return Verdict.UNDECIDABLE, why, events
    return Verdict.PARTLY, why, events


class ListJudge:
    """Judges member lists, counts, foundings and observer seats; `_judge` adds the acts."""

    def __init__(self, timeline: Any, published: PartialDate) -> None:  # noqa: ANN401 - a Timeline
        self.tl = timeline
        self.published = published
        self._founding: dict[str, list[Event]] = {}

    def events(self, state: State, kinds: frozenset[EventKind], *, pa: bool = False) -> list[Event]:
        found = [event for event in self.tl.events(state) if event.effective_kind in kinds and event.date is not None]
        return [
            event for event in found if (event.body == "CSTO-PA") == pa and event.date.earliest <= self.published.latest
        ]

    def status(self, state: State, date: object, org: str | None = None) -> Status | str | None:
        try:
            return self.tl.status_of(state, date, org=org)  # type: ignore[no-any-return]
        except UncertainStatusError:
            return "uncertain"
        except TimelineError:
            return "uncertain"

    # ---- lists and counts -------------------------------------------------------------
    def _date_of(self, claim: RawClaim) -> PartialDate | None:
        if claim.originally:
            spells = [spell for spell in self.tl.spells(org="CSTO") if spell.status is Status.MEMBER]
            return PartialDate.from_date(min(spell.start.latest for spell in spells)) if spells else None
        about = claim.about
        return about[0] if isinstance(about, tuple) else about

    def member_list(self, claim: RawClaim) -> Result:  # noqa: PLR0911 - one return per verdict rule
        date = self._date_of(claim)
        if date is None:
            return Verdict.UNDECIDABLE, "The text gives no date for this list, so the record cannot check it.", []
        members = self.tl.members_on(date)
        certain, uncertain = set(members), set(members.uncertain)
        claimed = set(claim.states)
        names = ", ".join(state.name for state in sorted(certain))
        if claim.whole:
            extra, missing = claimed - certain - uncertain, certain - claimed
            if not extra and not missing:
                if uncertain & claimed or uncertain - claimed:
                    return (
                        Verdict.UNDECIDABLE,
                        f"On {date} the record cannot decide whether {', '.join(s.name for s in sorted(uncertain))} belonged.",
                        [],
                    )
                return Verdict.TRUE, f"On {date} the members were exactly {names}.", []
            deciding = [event for state in sorted(extra | missing) for event in self._deciding(state, date)]
            wrong = [
                f"it adds {', '.join(s.name for s in sorted(extra))}" if extra else "",
                f"it leaves out {', '.join(s.name for s in sorted(missing))}" if missing else "",
            ]
            why = f"Presented as the whole membership, but on {date} the members were {names}: {' and '.join(w for w in wrong if w)}"
            return Verdict.FALSE, why + (f"; deciding: {cite_steps(deciding)}." if deciding else "."), deciding
        not_members = [state for state in claim.states if state not in certain and state not in uncertain]
        if not_members:
            deciding = [event for state in not_members for event in self._deciding(state, date)]
            why = f"On {date} {', '.join(s.name for s in not_members)} {'was' if len(not_members) == 1 else 'were'} not a member"
            return (
                Verdict.FALSE,
                why + (f"; deciding: {cite_steps(deciding)}." if deciding else " (no membership in the record)."),
                deciding,
            )
        if claimed & uncertain:
            return (
                Verdict.UNDECIDABLE,
                f"On {date} the record cannot decide the status of {', '.join(s.name for s in sorted(claimed & uncertain))}.",
                [],
            )
        return (
            Verdict.TRUE,
            f"On {date} {', '.join(s.name for s in claim.states)} {'was a member' if len(claim.states) == 1 else 'were members'}.",
            [],
        )

    def _deciding(self, state: State, date: PartialDate) -> list[Event]:
        try:
            return list(self.tl.explain(state, date).events[:2])
        except TimelineError:
            return []

    def member_count(self, claim: RawClaim) -> Result:
        date = self._date_of(claim)
        if date is None or claim.count is None:
            return Verdict.UNDECIDABLE, "The text gives no date for this count.", []
        members = self.tl.members_on(date)
        low, high = len(members), len(members) + len(members.uncertain)
        names = ", ".join(members.codes)
        if low == high == claim.count:
            return Verdict.TRUE, f"On {date} there were {low} members ({names}).", []
        if low <= claim.count <= high:
            return Verdict.UNDECIDABLE, f"On {date} there were {low} to {high} members; the record cannot decide.", []
        return Verdict.FALSE, f"The text says {claim.count}, but on {date} there were {low} members ({names}).", []

    # ---- acts -------------------------------------------------------------------------
    def founding_steps(self, body: str) -> list[Event]:
        if body not in self._founding:
            events = [event for event in self.tl.events(body=body) if event.date is not None]
            signed = [e for e in events if e.effective_kind is EventKind.SIGNATURE]
            in_force = [e for e in events if e.effective_kind in (EventKind.ENTRY_INTO_FORCE, EventKind.ACCESSION)]
            first_sign = min((e.date.earliest for e in signed if e.date), default=None)
            first_force = min((e.date.earliest for e in in_force if e.date), default=None)
            steps = [e for e in signed if e.date is not None and e.date.earliest == first_sign]
            steps += [e for e in in_force if e.date is not None and e.date.earliest == first_force]
            steps += [
                e
                for e in events
                if e.effective_kind is EventKind.DECISION
                and e.state is None
                and e.date is not None
                and first_force is not None
                and e.date.earliest <= first_force
            ]
            self._founding[body] = steps
        return self._founding[body]

    def founded(self, claim: RawClaim) -> Result:
        body = {"CST": "CST", "CST?": "CST", "CSTO-PA": "CSTO-PA"}.get(claim.body or "", "CSTO")
        if body not in self.tl.bodies:
            return Verdict.UNDECIDABLE, f"The record has no body {body!r}.", []
        days = span(claim, self.published)
        own = [event for event in self.founding_steps(body) if within(event.date, days)]
        name = self.tl.bodies[body].name
        if own:
            return Verdict.TRUE, f"The record agrees for the {name}: {cite_steps(own)}.", own
        related = [
            other
            for other, record in self.tl.bodies.items()
            if record.continues == body or self.tl.bodies[body].continues == other
        ]
        near = [event for other in related for event in self.founding_steps(other) if within(event.date, days)]
        mine = self.founding_steps(body)
        dates = sorted({str(event.date) for event in mine})
        if near:
            return (
                Verdict.PARTLY,
                f"That date belongs to another body: {cite_steps(near)}; the {name} dates from {', '.join(dates)}.",
                near + mine[:1],
            )
        return Verdict.FALSE, f"The {name} dates from {', '.join(dates)}: {cite_steps(mine)}.", mine

    def observer(self, claim: RawClaim) -> Result:
        results: list[Result] = []
        days = span(claim, self.published)
        date = PartialDate.from_date(days[1]) if claim.tense != "dated" else self._date_of(claim)
        for state in claim.states:
            grants = [
                event
                for event in self.events(state, frozenset({EventKind.OBSERVER_GRANTED}), pa=True)
                if within(event.date, days)
            ]
            at_pa = self.status(state, date, org="CSTO-PA") == Status.OBSERVER if "CSTO-PA" in self.tl.bodies else False
            in_org = self.status(state, date, org="CSTO") == Status.OBSERVER if "CSTO" in self.tl.bodies else False
            if in_org:
                results.append((Verdict.TRUE, f"On {date} {state.name} was an observer.", []))
            elif claim.body == "CSTO-PA" and (grants or at_pa):
                every = grants or self.events(state, frozenset({EventKind.OBSERVER_GRANTED}), pa=True)
                results.append((Verdict.TRUE, f"The record agrees: {cite_steps(every)}.", every))
            elif grants or at_pa:
                every = grants or self.events(state, frozenset({EventKind.OBSERVER_GRANTED}), pa=True)
                results.append(
                    (
                        Verdict.PARTLY,
                        f"{state.name}'s parliament holds an observer seat at the Parliamentary Assembly, not a status in the organization: {cite_steps(every)}.",
                        every,
                    )
                )
            else:
                results.append((Verdict.FALSE, f"{state.name} held no observer status {when_text(claim)}.", []))
        return combine(results)
