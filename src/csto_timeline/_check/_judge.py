"""Judging a claim against a timeline, through its public methods only.

The verdicts are defined in docs/check.md. Every verdict comes with a sentence naming the
deciding events (by id) and their sources (by publisher and title), so a journalist can quote it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from .._dates import PartialDate
from .._enums import EventKind, Status
from .._records import Event
from .._states import State
from ..exceptions import TimelineError, UncertainStatusError
from ._extract import RawClaim
from ._report import CheckedClaim, ClaimKind, Verdict

__all__ = ["judge"]

_JOIN = frozenset({EventKind.SIGNATURE, EventKind.ACCESSION, EventKind.ENTRY_INTO_FORCE, EventKind.RATIFICATION, EventKind.RESTORATION, EventKind.INSTRUMENT})
_REJOIN = frozenset({EventKind.RESTORATION, EventKind.INSTRUMENT, EventKind.RATIFICATION, EventKind.ACCESSION, EventKind.ENTRY_INTO_FORCE})
_LEFT = frozenset({EventKind.WITHDRAWAL, EventKind.LAPSE, EventKind.EXPULSION})
_EXIT = _LEFT | {EventKind.SUSPENSION}
_RECENT = dt.timedelta(days=45)
Result = tuple[Verdict, str, list[Event]]


def _span(claim: RawClaim, published: PartialDate) -> tuple[dt.date, dt.date]:
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


def _within(date: PartialDate | None, span: tuple[dt.date, dt.date]) -> bool:
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


def _steps(events: Sequence[Event]) -> str:
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


def _when(claim: RawClaim) -> str:
    if claim.tense == "present":
        return "at the time of publication"
    if claim.about is None:
        return "at any time before publication"
    about = claim.about
    return f"in {about[0]}" if isinstance(about, tuple) else f"on {about}"


class _Judge:
    def __init__(self, timeline: Any, published: PartialDate) -> None:  # noqa: ANN401 - a Timeline
        self.tl = timeline
        self.published = published
        self._founding: dict[str, list[Event]] = {}

    def events(self, state: State, kinds: frozenset[EventKind], *, pa: bool = False) -> list[Event]:
        found = [event for event in self.tl.events(state) if event.effective_kind in kinds and event.date is not None]
        return [event for event in found if (event.body == "CSTO-PA") == pa and event.date.earliest <= self.published.latest]

    def status(self, state: State, date: object, org: str | None = None) -> Status | None | str:
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

    def member_list(self, claim: RawClaim) -> Result:
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
                    return Verdict.UNDECIDABLE, f"On {date} the record cannot decide whether {', '.join(s.name for s in sorted(uncertain))} belonged.", []
                return Verdict.TRUE, f"On {date} the members were exactly {names}.", []
            deciding = [event for state in sorted(extra | missing) for event in self._deciding(state, date)]
            wrong = [f"it adds {', '.join(s.name for s in sorted(extra))}" if extra else "", f"it leaves out {', '.join(s.name for s in sorted(missing))}" if missing else ""]
            why = f"Presented as the whole membership, but on {date} the members were {names}: {' and '.join(w for w in wrong if w)}"
            return Verdict.FALSE, why + (f"; deciding: {_steps(deciding)}." if deciding else "."), deciding
        not_members = [state for state in claim.states if state not in certain and state not in uncertain]
        if not_members:
            deciding = [event for state in not_members for event in self._deciding(state, date)]
            why = f"On {date} {', '.join(s.name for s in not_members)} {'was' if len(not_members) == 1 else 'were'} not a member"
            return Verdict.FALSE, why + (f"; deciding: {_steps(deciding)}." if deciding else " (no membership in the record)."), deciding
        if claimed & uncertain:
            return Verdict.UNDECIDABLE, f"On {date} the record cannot decide the status of {', '.join(s.name for s in sorted(claimed & uncertain))}.", []
        return Verdict.TRUE, f"On {date} {', '.join(s.name for s in claim.states)} {'was a member' if len(claim.states) == 1 else 'were members'}.", []

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
    def joined(self, claim: RawClaim, *, again: bool) -> Result:
        results = [self._joined_one(claim, state, again=again) for state in claim.states]
        return _combine(results)

    def _joined_one(self, claim: RawClaim, state: State, *, again: bool) -> Result:
        span = _span(claim, self.published)
        steps = self.events(state, _REJOIN if again else _JOIN)
        if again:
            exits = [event for event in self.events(state, _EXIT)]
            first_exit = min((event.date.earliest for event in exits if event.date), default=None)
            steps = [event for event in steps if first_exit is not None and event.date is not None and event.date.earliest > first_exit]
        verb = "rejoining" if again else "joining"
        if claim.negated:
            if steps:
                return Verdict.FALSE, f"{state.name} did: {_steps(steps)}.", steps
            return Verdict.TRUE, f"The record has no act of {state.name} {verb}.", []
        hits = [event for event in steps if _within(event.date, span)]
        if hits:
            if claim.body == "CSTO" and all(event.body == "CST" for event in hits) and span[1] < dt.date(2002, 5, 14):
                return Verdict.PARTLY, f"Right date, wrong body: {_steps(hits)}; that was the treaty, the organization came later.", hits
            return Verdict.TRUE, f"The record agrees: {_steps(hits)}.", hits
        rivals = [event for event in steps if any(_within(other.date, span) for other in event.competing)]
        if rivals:
            givers = sorted({source.publisher for event in rivals for other in event.competing if _within(other.date, span) for source in other.sources})
            return Verdict.FALSE, f"No legal step of {state.name} {verb} falls {_when(claim)}; the date is repeated by {', '.join(givers)}, but the record has: {_steps(rivals)}.", rivals
        if steps:
            return Verdict.FALSE, f"No legal step of {state.name} {verb} falls {_when(claim)}; the record has: {_steps(steps)}.", steps
        return Verdict.FALSE, f"The record has no act of {state.name} {verb}.", []

    def left(self, claim: RawClaim) -> Result:
        return _combine([self._left_one(claim, state) for state in claim.states])

    def _left_one(self, claim: RawClaim, state: State) -> Result:
        span = _span(claim, self.published)
        if claim.mode == "intention":
            said = [event for event in self.tl.events(state) if event.effective_kind is EventKind.ANNOUNCEMENT and _within(event.date, span)]
            return Verdict.UNDECIDABLE, f"An announced or possible departure of {state.name} is not an act the record can check" + (f"; it has: {_steps(said)}." if said else "."), said
        if claim.mode == "former":
            now = self.status(state, self.published)
            exits = self.events(state, _EXIT)
            if now == Status.SUSPENDED:
                return Verdict.PARTLY, f"{state.name} is suspended, not a former member: {_steps(exits)}.", exits
            if now is None and exits:
                return Verdict.TRUE, f"The record agrees: {_steps(exits)}.", exits
            return Verdict.FALSE, f"{state.name} was still a member (status: {now}).", []
        lefts = [event for event in self.events(state, _LEFT) if _within(event.date, span)]
        if lefts:
            if any(event.effective_kind is EventKind.LAPSE for event in lefts) and claim.mode != "nonrenewal":
                return Verdict.PARTLY, f"Its participation lapsed by non-renewal; there was no withdrawal: {_steps(lefts)}.", lefts
            return Verdict.TRUE, f"The record agrees: {_steps(lefts)}.", lefts
        suspended = [event for event in self.events(state, frozenset({EventKind.SUSPENSION})) if _within(event.date, span)]
        if suspended:
            return Verdict.PARTLY, f"{state.name}'s membership was suspended, not ended: {_steps(suspended)}.", suspended
        requested = [event for event in self.events(state, frozenset({EventKind.SUSPENSION_REQUEST})) if _within(event.date, span)]
        if requested:
            return Verdict.FALSE, f"{state.name} had only asked for its membership to be suspended; it did not leave: {_steps(requested)}.", requested
        frozen = [event for event in self.events(state, frozenset({EventKind.FREEZE})) if _within(event.date, span)]
        if frozen:
            return Verdict.FALSE, f"{state.name} froze its participation but remained a member: {_steps(frozen)}.", frozen
        every = self.events(state, _LEFT)
        return Verdict.FALSE, f"No act of {state.name} leaving falls {_when(claim)}" + (f"; the record has: {_steps(every)}." if every else "."), every

    def suspended(self, claim: RawClaim) -> Result:
        return _combine([self._suspended_one(claim, state) for state in claim.states])

    def _suspended_one(self, claim: RawClaim, state: State) -> Result:
        span = _span(claim, self.published)

        def find(kinds: frozenset[EventKind]) -> list[Event]:
            return [event for event in self.events(state, kinds) if _within(event.date, span)]

        requests, decisions = find(frozenset({EventKind.SUSPENSION_REQUEST})), find(frozenset({EventKind.SUSPENSION}))
        lapses, freezes = find(frozenset({EventKind.LAPSE, EventKind.WITHDRAWAL})), find(frozenset({EventKind.FREEZE}))
        if claim.mode == "request" and (requests or decisions):
            return Verdict.TRUE, f"The record agrees: {_steps(requests or decisions)}.", requests or decisions
        if decisions:
            return Verdict.TRUE, f"The record agrees: {_steps(decisions)}.", decisions
        if freezes:
            if claim.agent_org:
                return Verdict.FALSE, f"The organization did not suspend {state.name}; {state.name} froze its own participation and remained a member: {_steps(freezes)}.", freezes
            if claim.membership_word and not claim.participation:
                return Verdict.PARTLY, f"{state.name} froze its participation; its membership was not suspended: {_steps(freezes)}.", freezes
            return Verdict.TRUE, f"This describes the freeze of participation: {_steps(freezes)}.", freezes
        if requests:
            return Verdict.PARTLY, f"Only the request existed then; the suspension was decided later: {_steps(requests + self.events(state, frozenset({EventKind.SUSPENSION})))}.", requests
        if lapses:
            return Verdict.PARTLY, f"Its participation lapsed by non-renewal; it was not suspended: {_steps(lapses)}.", lapses
        if claim.tense == "present" and self.status(state, self.published) == Status.SUSPENDED:
            every = self.events(state, frozenset({EventKind.SUSPENSION}))
            return Verdict.TRUE, f"The record agrees: {_steps(every)}.", every
        every = self.events(state, frozenset({EventKind.SUSPENSION, EventKind.SUSPENSION_REQUEST}))
        return Verdict.FALSE, f"No suspension of {state.name} falls {_when(claim)}" + (f"; the record has: {_steps(every)}." if every else "."), every

    def frozen(self, claim: RawClaim) -> Result:
        results: list[Result] = []
        for state in claim.states:
            span = _span(claim, self.published)
            freezes = [event for event in self.events(state, frozenset({EventKind.FREEZE})) if _within(event.date, span)]
            if not freezes and claim.tense == "present" and self.tl.participation_of(state, self.published) is Status.FROZEN:
                freezes = self.events(state, frozenset({EventKind.FREEZE}))
            if freezes:
                results.append((Verdict.TRUE, f"The record agrees: {_steps(freezes)}.", freezes))
            else:
                results.append((Verdict.FALSE, f"No freeze of {state.name}'s participation falls {_when(claim)}.", []))
        return _combine(results)

    def founding_steps(self, body: str) -> list[Event]:
        if body not in self._founding:
            events = [event for event in self.tl.events(body=body) if event.date is not None]
            signed = [e for e in events if e.effective_kind is EventKind.SIGNATURE]
            in_force = [e for e in events if e.effective_kind in (EventKind.ENTRY_INTO_FORCE, EventKind.ACCESSION)]
            first_sign = min((e.date.earliest for e in signed if e.date), default=None)
            first_force = min((e.date.earliest for e in in_force if e.date), default=None)
            steps = [e for e in signed if e.date is not None and e.date.earliest == first_sign]
            steps += [e for e in in_force if e.date is not None and e.date.earliest == first_force]
            steps += [e for e in events if e.effective_kind is EventKind.DECISION and e.state is None and e.date is not None and first_force is not None and e.date.earliest <= first_force]
            self._founding[body] = steps
        return self._founding[body]

    def founded(self, claim: RawClaim) -> Result:
        body = {"CST": "CST", "CST?": "CST", "CSTO-PA": "CSTO-PA"}.get(claim.body or "", "CSTO")
        if body not in self.tl.bodies:
            return Verdict.UNDECIDABLE, f"The record has no body {body!r}.", []
        span = _span(claim, self.published)
        own = [event for event in self.founding_steps(body) if _within(event.date, span)]
        name = self.tl.bodies[body].name
        if own:
            return Verdict.TRUE, f"The record agrees for the {name}: {_steps(own)}.", own
        related = [other for other, record in self.tl.bodies.items() if record.continues == body or self.tl.bodies[body].continues == other]
        near = [event for other in related for event in self.founding_steps(other) if _within(event.date, span)]
        mine = self.founding_steps(body)
        dates = sorted({str(event.date) for event in mine})
        if near:
            return Verdict.PARTLY, f"That date belongs to another body: {_steps(near)}; the {name} dates from {', '.join(dates)}.", near + mine[:1]
        return Verdict.FALSE, f"The {name} dates from {', '.join(dates)}: {_steps(mine)}.", mine

    def observer(self, claim: RawClaim) -> Result:
        results: list[Result] = []
        span = _span(claim, self.published)
        date = PartialDate.from_date(span[1]) if claim.tense != "dated" else self._date_of(claim)
        for state in claim.states:
            grants = [event for event in self.events(state, frozenset({EventKind.OBSERVER_GRANTED}), pa=True) if _within(event.date, span)]
            at_pa = self.status(state, date, org="CSTO-PA") == Status.OBSERVER if "CSTO-PA" in self.tl.bodies else False
            in_org = self.status(state, date, org="CSTO") == Status.OBSERVER if "CSTO" in self.tl.bodies else False
            if in_org:
                results.append((Verdict.TRUE, f"On {date} {state.name} was an observer.", []))
            elif claim.body == "CSTO-PA" and (grants or at_pa):
                every = grants or self.events(state, frozenset({EventKind.OBSERVER_GRANTED}), pa=True)
                results.append((Verdict.TRUE, f"The record agrees: {_steps(every)}.", every))
            elif grants or at_pa:
                every = grants or self.events(state, frozenset({EventKind.OBSERVER_GRANTED}), pa=True)
                results.append((Verdict.PARTLY, f"{state.name}'s parliament holds an observer seat at the Parliamentary Assembly, not a status in the organization: {_steps(every)}.", every))
            else:
                results.append((Verdict.FALSE, f"{state.name} held no observer status {_when(claim)}.", []))
        return _combine(results)


def _combine(results: Sequence[Result]) -> Result:
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


def judge(claim: RawClaim, text: str, timeline: Any, published: PartialDate, judge_cache: dict[str, Any]) -> CheckedClaim:  # noqa: ANN401 - a Timeline
    """The verdict on one claim."""
    judge_ = judge_cache.get("judge")
    if judge_ is None:
        judge_ = judge_cache["judge"] = _Judge(timeline, published)
    kind = claim.kind
    if claim.mode == "intention" and kind is not ClaimKind.LEFT:
        verdict, why, events = Verdict.UNDECIDABLE, "An announced, hoped-for or possible act is not an act the record can check.", []
    elif kind is ClaimKind.MEMBER_LIST:
        verdict, why, events = judge_.member_list(claim)
    elif kind is ClaimKind.MEMBER_COUNT:
        verdict, why, events = judge_.member_count(claim)
    elif kind in (ClaimKind.JOINED, ClaimKind.REJOINED):
        verdict, why, events = judge_.joined(claim, again=kind is ClaimKind.REJOINED)
    elif kind is ClaimKind.LEFT:
        verdict, why, events = judge_.left(claim)
    elif kind is ClaimKind.SUSPENDED:
        verdict, why, events = judge_.suspended(claim)
    elif kind is ClaimKind.FROZEN:
        verdict, why, events = judge_.frozen(claim)
    elif kind is ClaimKind.FOUNDED:
        verdict, why, events = judge_.founded(claim)
    else:
        verdict, why, events = judge_.observer(claim)
    unique = list({event.id: event for event in events}.values())
    sources = list(dict.fromkeys(source.id for event in unique for source in event.sources))
    return CheckedClaim(
        kind,
        claim.states,
        text[claim.start : claim.end],
        claim.start,
        claim.end,
        claim.about,
        verdict,
        f"{verdict.label}: {why}",
        tuple(event.id for event in unique),
        tuple(sources),
        whole=claim.whole,
        count=claim.count,
        negated=claim.negated,
    )
