"""Judging a claim against a timeline, through its public methods only.

The verdicts are defined in docs/check.md. Every verdict comes with a sentence naming the
deciding events (by id) and their sources (by publisher and title), so a journalist can quote it.
`_judge_lists` judges lists, counts, foundings and observer seats; this module the acts.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

from csto_timeline._dates import PartialDate
from csto_timeline._enums import EventKind, Status
from csto_timeline._records import Event
from csto_timeline._states import State

from ._extract import RawClaim
from ._judge_lists import EXIT, JOIN, LEFT, REJOIN, ListJudge, Result, cite_steps, combine, span, when_text, within
from ._report import CheckedClaim, ClaimKind, Verdict

__all__ = ["judge"]



class _Judge(ListJudge):
    def joined(self, claim: RawClaim, *, again: bool) -> Result:
        results = [self._joined_one(claim, state, again=again) for state in claim.states]
        return combine(results)

    def _joined_one(self, claim: RawClaim, state: State, *, again: bool) -> Result:  # noqa: PLR0911 - one return per verdict rule
        days = span(claim, self.published)
        steps = self.events(state, REJOIN if again else JOIN)
        if again:
            exits = list(self.events(state, EXIT))
            first_exit = min((event.date.earliest for event in exits if event.date), default=None)
            steps = [
                event
                for event in steps
                if first_exit is not None and event.date is not None and event.date.earliest > first_exit
            ]
        verb = "rejoining" if again else "joining"
        if claim.negated:
            if steps:
                return Verdict.FALSE, f"{state.name} did: {cite_steps(steps)}.", steps
            return Verdict.TRUE, f"The record has no act of {state.name} {verb}.", []
        hits = [event for event in steps if within(event.date, days)]
        if hits:
            if claim.body == "CSTO" and all(event.body == "CST" for event in hits) and days[1] < dt.date(2002, 5, 14):
                return (
                    Verdict.PARTLY,
                    f"Right date, wrong body: {cite_steps(hits)}; that was the treaty, the organization came later.",
                    hits,
                )
            return Verdict.TRUE, f"The record agrees: {cite_steps(hits)}.", hits
        rivals = [event for event in steps if any(within(other.date, days) for other in event.competing)]
        if rivals:
            givers = sorted(
                {
                    source.publisher
                    for event in rivals
                    for other in event.competing
                    if within(other.date, days)
                    for source in other.sources
                }
            )
            return (
                Verdict.FALSE,
                f"No legal step of {state.name} {verb} falls {when_text(claim)}; the date is repeated by {', '.join(givers)}, but the record has: {cite_steps(rivals)}.",
                rivals,
            )
        if steps:
            return (
                Verdict.FALSE,
                f"No legal step of {state.name} {verb} falls {when_text(claim)}; the record has: {cite_steps(steps)}.",
                steps,
            )
        return Verdict.FALSE, f"The record has no act of {state.name} {verb}.", []

    def left(self, claim: RawClaim) -> Result:
        return combine([self._left_one(claim, state) for state in claim.states])

    def _left_one(self, claim: RawClaim, state: State) -> Result:  # noqa: PLR0911 - one return per verdict rule
        days = span(claim, self.published)
        if claim.mode == "intention":
            said = [
                event
                for event in self.tl.events(state)
                if event.effective_kind is EventKind.ANNOUNCEMENT
                and within(
                    event.date,
                    days if claim.tense == "dated" else span(attrs.evolve(claim, tense="present"), self.published),
                )
            ]
            return (
                Verdict.UNDECIDABLE,
                f"An announced or possible departure of {state.name} is not an act the record can check"
                + (f"; it has: {cite_steps(said)}." if said else "."),
                said,
            )
        if claim.mode == "former":
            now = self.status(state, self.published)
            exits = self.events(state, EXIT)
            if now == Status.SUSPENDED:
                return Verdict.PARTLY, f"{state.name} is suspended, not a former member: {cite_steps(exits)}.", exits
            if now is None and exits:
                return Verdict.TRUE, f"The record agrees: {cite_steps(exits)}.", exits
            return Verdict.FALSE, f"{state.name} was still a member (status: {now}).", []
        lefts = [event for event in self.events(state, LEFT) if within(event.date, days)]
        if lefts:
            if any(event.effective_kind is EventKind.LAPSE for event in lefts) and claim.mode != "nonrenewal":
                return (
                    Verdict.PARTLY,
                    f"Its participation lapsed by non-renewal; there was no withdrawal: {cite_steps(lefts)}.",
                    lefts,
                )
            return Verdict.TRUE, f"The record agrees: {cite_steps(lefts)}.", lefts
        suspended = [
            event for event in self.events(state, frozenset({EventKind.SUSPENSION})) if within(event.date, days)
        ]
        if suspended:
            return (
                Verdict.PARTLY,
                f"{state.name}'s membership was suspended, not ended: {cite_steps(suspended)}.",
                suspended,
            )
        requested = [
            event for event in self.events(state, frozenset({EventKind.SUSPENSION_REQUEST})) if within(event.date, days)
        ]
        if requested:
            return (
                Verdict.FALSE,
                f"{state.name} had only asked for its membership to be suspended; it did not leave: {cite_steps(requested)}.",
                requested,
            )
        frozen = [event for event in self.events(state, frozenset({EventKind.FREEZE})) if within(event.date, days)]
        if frozen:
            return (
                Verdict.FALSE,
                f"{state.name} froze its participation but remained a member: {cite_steps(frozen)}.",
                frozen,
            )
        every = self.events(state, LEFT)
        return (
            Verdict.FALSE,
            f"No act of {state.name} leaving falls {when_text(claim)}"
            + (f"; the record has: {cite_steps(every)}." if every else "."),
            every,
        )

    def suspended(self, claim: RawClaim) -> Result:
        return combine([self._suspended_one(claim, state) for state in claim.states])

    def _suspended_one(self, claim: RawClaim, state: State) -> Result:  # noqa: PLR0911 - one return per verdict rule
        days = span(claim, self.published)

        def find(kinds: frozenset[EventKind]) -> list[Event]:
            return [event for event in self.events(state, kinds) if within(event.date, days)]

        requests, decisions = find(frozenset({EventKind.SUSPENSION_REQUEST})), find(frozenset({EventKind.SUSPENSION}))
        lapses, freezes = find(frozenset({EventKind.LAPSE, EventKind.WITHDRAWAL})), find(frozenset({EventKind.FREEZE}))
        if claim.mode == "request" and (requests or decisions):
            return Verdict.TRUE, f"The record agrees: {cite_steps(requests or decisions)}.", requests or decisions
        if decisions:
            return Verdict.TRUE, f"The record agrees: {cite_steps(decisions)}.", decisions
        if freezes:
            if claim.agent_org:
                return (
                    Verdict.FALSE,
                    f"The organization did not suspend {state.name}; {state.name} froze its own participation and remained a member: {cite_steps(freezes)}.",
                    freezes,
                )
            if claim.membership_word and not claim.participation:
                return (
                    Verdict.PARTLY,
                    f"{state.name} froze its participation; its membership was not suspended: {cite_steps(freezes)}.",
                    freezes,
                )
            return Verdict.TRUE, f"This describes the freeze of participation: {cite_steps(freezes)}.", freezes
        if requests:
            return (
                Verdict.PARTLY,
                f"Only the request existed then; the suspension was decided later: {cite_steps(requests + self.events(state, frozenset({EventKind.SUSPENSION})))}.",
                requests,
            )
        if lapses:
            return (
                Verdict.PARTLY,
                f"Its participation lapsed by non-renewal; it was not suspended: {cite_steps(lapses)}.",
                lapses,
            )
        if claim.tense == "present" and self.status(state, self.published) == Status.SUSPENDED:
            every = self.events(state, frozenset({EventKind.SUSPENSION}))
            return Verdict.TRUE, f"The record agrees: {cite_steps(every)}.", every
        every = self.events(state, frozenset({EventKind.SUSPENSION, EventKind.SUSPENSION_REQUEST}))
        return (
            Verdict.FALSE,
            f"No suspension of {state.name} falls {when_text(claim)}"
            + (f"; the record has: {cite_steps(every)}." if every else "."),
            every,
        )

    def frozen(self, claim: RawClaim) -> Result:
        results: list[Result] = []
        for state in claim.states:
            days = span(claim, self.published)
            freezes = [event for event in self.events(state, frozenset({EventKind.FREEZE})) if within(event.date, days)]
            if (
                not freezes
                and claim.tense == "present"
                and self.tl.participation_of(state, self.published) is Status.FROZEN
            ):
                freezes = self.events(state, frozenset({EventKind.FREEZE}))
            if freezes:
                results.append((Verdict.TRUE, f"The record agrees: {cite_steps(freezes)}.", freezes))
            else:
                results.append(
                    (Verdict.FALSE, f"No freeze of {state.name}'s participation falls {when_text(claim)}.", [])
                )
        return combine(results)


def judge(
    claim: RawClaim,
    text: str,
    timeline: Any,  # noqa: ANN401 - a Timeline
    published: PartialDate,
    judge_cache: dict[str, Any],
) -> CheckedClaim:
    """The verdict on one claim."""
    judge_ = judge_cache.get("judge")
    if judge_ is None:
        judge_ = judge_cache["judge"] = _Judge(timeline, published)
    kind = claim.kind
    if claim.mode == "intention" and kind is not ClaimKind.LEFT:
        verdict, why, events = (
            Verdict.UNDECIDABLE,
            "An announced, hoped-for or possible act is not an act the record can check.",
            [],
        )
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
