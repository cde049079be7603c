"""Finding membership claims in a text: lists, counts and acts, with their states and times.

The extractor works sentence by sentence with patterns (no model): it finds the verbs of acts
(`_lexicon.EVENT_RE`), the lists and counts of members (`_extract_lists`), the states each
names (by name, by a capital as an act's subject, or by a pronoun for the state last named),
and the time each concerns (`_when`). It does not judge: `_judge` compares what it finds with
the record.
"""

from __future__ import annotations

import re

from csto_timeline._dates import PartialDate
from csto_timeline._states import State, StateRegistry

from . import _lexicon as lx
from ._extract_lists import ListFinder, RawClaim, body_of, groups, nearest_time, sentences, third_person
from ._names import Mention
from ._report import About, ClaimKind
from ._when import TimeMention

__all__ = ["RawClaim", "extract"]


class _Extractor(ListFinder):
    def run(self) -> list[RawClaim]:
        if not self.has_org:
            return []
        for start, end in sentences(self.text):
            self._sentence(start, end)
        return sorted(self.claims, key=lambda claim: (claim.start, claim.end))

    def _relevant(self, start: int, end: int) -> bool:
        return any(start - 300 <= org.start < end for org in self.orgs) or bool(
            re.search(r"\bmembers?(?:hip)?\b", self.text[start:end], re.IGNORECASE)
        )

    def _sentence(self, start: int, end: int) -> None:
        if not self._relevant(start, end):
            return
        mentions = [m for m in self.mentions if start <= m.start < end]
        verbs = [match for match in lx.EVENT_RE.finditer(self.text, start, end) if match.lastgroup is not None]
        previous_states: tuple[State, ...] = ()
        boundary = start
        for index, verb in enumerate(verbs):
            following = verbs[index + 1].start() if index + 1 < len(verbs) else end
            states = self._act(verb, boundary, following, end, mentions, previous_states)
            if states is not None:
                previous_states = states
            boundary = verb.end()
        self._lists(start, end, mentions)
        self._counts(start, end)

    def _possessive(self, mention: Mention) -> bool:
        return bool(re.match(r"[\u2019']s\b", self.text[mention.end : mention.end + 2]))

    def _subject(  # noqa: PLR0911 - one return per way of finding the subject
        self, lo: int, verb: re.Match[str], mentions: list[Mention], inherited: tuple[State, ...]
    ) -> tuple[tuple[State, ...], bool]:
        """The states before the verb, and whether they were found there (not after)."""
        text = self.text
        before = [
            m
            for m in mentions
            if lo <= m.start < verb.start() and not (m.metonym and not self._metonym_subject(m, verb))
        ]
        found = groups(before, text)
        if found:
            group = found[-1]
            gap = text[group.end : verb.start()]
            org_between = any(
                group.end + 3 < org.start and verb.start() - 30 <= org.end <= verb.start() and org.body is not None
                for org in self.orgs
            ) and not re.match(r"[\u2019']s\s+(?:participation|membership|involvement)", gap)
            if lx.ANAPHORA.search(gap) and re.search(r"\b(?:the latter|it|the country)\b", gap):
                earlier = [m for m in before if not self._possessive(m)]
                if earlier:
                    return (earlier[-1].state,), True
            if not org_between or re.search(r"\b(?:which|that|who)\b", gap):
                self.used.update(m.start for m in group.mentions)
                return group.states, True
            return (), False
        gap = text[lo : verb.start()]
        org_before = any(lo <= org.start < verb.start() and org.body is not None for org in self.orgs)
        coordinated = inherited and re.search(r"\b(?:but|and|then)\s+(?:\w+\s+)?$|,\s*$", gap)
        if org_before and not lx.ANAPHORA.search(gap) and not coordinated:
            return (), False
        if inherited and re.search(r"\b(?:but|and|then|later)\s+(?:[\w-]+\s+){0,2}$|,\s*$", gap):
            return inherited, True
        if lx.ANAPHORA.search(gap) or re.search(r"\b(?:his|her|the) country", text[verb.end() : verb.end() + 30]):
            earlier = [m for m in self.mentions if m.start < verb.start() and not self._possessive(m)]
            adjectives = [a for a in self.adjectives if a.start < verb.start()]
            if adjectives and (not earlier or adjectives[-1].start > earlier[-1].start):
                return (adjectives[-1].state,), True
            if earlier:
                return (earlier[-1].state,), True
        return (), False

    def _metonym_subject(self, mention: Mention, verb: re.Match[str]) -> bool:
        gap = self.text[mention.end : verb.start()]
        lead = self.text[max(0, mention.start - 25) : mention.start]
        if mention.start > 0 and self.text[mention.start : mention.end].isupper():
            return False  # a dateline
        if re.search(r"\b(?:from|to|at|with|of|into|visit(?:ed)?|near)\s+$", lead) or (
            re.search(r"\bin\s+$", lead) and "government" not in lead
        ):
            return False
        return len(gap) <= 25 and "," not in gap

    def _object_at(self, position: int, hi: int, mentions: list[Mention]) -> tuple[State, ...]:
        found = groups([m for m in mentions if position <= m.start < hi and not m.metonym], self.text)
        if not found or found[0].start - position > 3:
            return ()
        self.used.update(m.start for m in found[0].mentions)
        return found[0].states

    def _object(self, verb: re.Match[str], hi: int, mentions: list[Mention]) -> tuple[State, ...]:
        after = [m for m in mentions if verb.end() <= m.start < hi and not m.metonym]
        found = groups(after, self.text)
        if not found or found[0].start - verb.end() > 80:
            return ()
        self.used.update(m.start for m in found[0].mentions)
        return found[0].states

    def _act(
        self,
        verb: re.Match[str],
        lo: int,
        hi: int,
        sentence_end: int,
        mentions: list[Mention],
        inherited: tuple[State, ...],
    ) -> tuple[State, ...] | None:
        group = verb.lastgroup or ""
        kind = lx.kind_of(group)
        text = self.text
        after = text[verb.end() : min(hi, verb.end() + 80)]
        if lx.FOREIGN_ORG.match(after) and not re.match(r"^[^.;]{0,25}?\b(?:CSTO|ODKB)\b", after):
            states, _found = self._subject(lo, verb, mentions, inherited)
            return states
        passive = re.search(r"\b(?:was|were|been)\s*$", text[lo : verb.start()])
        if group == "sign" and (lx.SIGN_NOT_JOIN.match(after) or not (lx.SIGN_TREATY.match(after) or passive)):
            return None
        before_text = text[max(lo, verb.start() - 80) : verb.start()]
        states, subject_found = self._subject(lo, verb, mentions, inherited)
        if kind in (ClaimKind.JOINED, ClaimKind.OBSERVER) and re.match(r"\s+by\b", after):
            states = ()
        agent_org = False
        takes_object = (
            group in ("former", "suspend", "observer", "sign", "join") or re.match(r"\s+(?:by|to)\b", after) is not None
        )
        if (not states or group == "former") and takes_object:
            obj = self._object(verb, hi, mentions)
            if obj:
                agent_org = bool(body_of(self.orgs, lo, verb.start(), None)) or bool(
                    re.search(
                        r"\b(?:leaders|heads|council|members|member-states)\b", text[lo : verb.start()], re.IGNORECASE
                    )
                )
                states = obj
        if kind is ClaimKind.FOUNDED or (group == "sign" and not states):
            return self._founded(verb, lo, hi, mentions, states)
        if kind is ClaimKind.OBSERVER and not states:
            return None
        if not states:
            return None
        mode = "done"
        if group == "nonrenew" or lx.NONRENEWAL.search(text[verb.start() : hi + 60]):
            mode = "nonrenewal"
        elif group == "former":
            mode = "former"
        elif kind is ClaimKind.SUSPENDED and lx.REQUEST.search(before_text):
            mode = "request"
        elif not agent_org and (lx.INTENTION.search(before_text) or lx.INTENTION_AFTER.match(text[verb.end() : hi])):
            mode = "intention"
        negated = bool(lx.NEGATION.search(before_text)) and group != "nonrenew"
        time = nearest_time(self.times, lo, hi, verb.start())
        tense = "dated"
        about: About = None
        if time is not None:
            about = time.value
            tense = "loose" if time.loose else "dated"
        elif (
            lx.PRESENT_BEFORE.search(before_text)
            or third_person(verb.group(0))
            or kind is ClaimKind.OBSERVER
            or re.search(r"\b(?:now|current(?:ly)?|henceforth|upon)\b", text[lo:sentence_end], re.IGNORECASE)
        ):
            tense, about = "present", self.published
        else:
            tense = "past"
        if states and time is None:
            along = re.match(r"[^.;]{0,40}?\b(?:along|together) with\s+", text[verb.end() : hi])
        else:
            along = re.match(
                r"\s*,?\s*(?:along|together) with\s+", text[time.end if time is not None else verb.end() : hi]
            )
        if along:
            extra = self._object_at(verb.end() + along.end() if time is None else time.end + along.end(), hi, mentions)
            states = tuple(dict.fromkeys([*states, *extra]))
        claim_start = min(
            [verb.start(), *(m.start for m in mentions if m.state in states and lo <= m.start < verb.start())]
        )
        claim_end = max(verb.end(), time.end if time is not None and time.start > verb.start() else verb.end())
        if not subject_found:  # the states follow the verb ("suspend Uzbekistan's membership")
            claim_end = max([claim_end, *(m.end for m in mentions if m.state in states and verb.end() <= m.start < hi)])
        self.claims.append(
            RawClaim(
                kind,
                states,
                claim_start,
                claim_end,
                about,
                tense=tense,
                negated=negated,
                mode=mode,
                body=body_of(self.orgs, lo, min(hi, verb.end() + 80), None),
                agent_org=agent_org,
                participation=bool(lx.PARTICIPATION.match(after)) and not lx.MEMBERSHIP.match(after[:30]),
                membership_word=bool(lx.MEMBERSHIP.match(after)),
            )
        )
        if group in ("sign", "join") and time is not None:
            self._elliptical(kind, time, hi, mentions)
        return states if subject_found else None

    def _elliptical(self, kind: ClaimKind, time: TimeMention, hi: int, mentions: list[Mention]) -> None:
        """'... signed on 24 September 1993, Georgia on 9 December 1993 and Belarus on ...'."""
        position = time.end
        for mention in [m for m in mentions if position <= m.start < hi]:
            if not re.fullmatch(r"\s*(?:,|and|, and)\s*", self.text[position : mention.start]):
                break
            nxt = [t for t in self.times if t.start > mention.end]
            if not nxt or not re.fullmatch(r"\s+(?:on|in)\s+", self.text[mention.end : nxt[0].start]):
                break
            self.used.add(mention.start)
            self.claims.append(RawClaim(kind, (mention.state,), mention.start, nxt[0].end, nxt[0].value))
            position = nxt[0].end

    def _founded(
        self, verb: re.Match[str], lo: int, hi: int, mentions: list[Mention], states: tuple[State, ...]
    ) -> tuple[State, ...] | None:
        text = self.text
        orgs_before = [org for org in self.orgs if lo - 1 <= org.start < verb.start()]
        orgs_after = [org for org in self.orgs if verb.end() <= org.start < verb.end() + 30]
        pronoun = re.search(r"\b(?i:it|its)\b[^.;]{0,40}$", text[lo : verb.start()]) or re.match(
            r"\s*its\b", text[verb.end() : verb.end() + 6]
        )
        if not (orgs_before or orgs_after or pronoun or verb.lastgroup == "since"):
            return None
        time = nearest_time(self.times, lo, hi, verb.start())
        if time is None:
            return None
        if orgs_after and re.search(r"create", verb.group(0), re.IGNORECASE):
            orgs_before = []
        body = (orgs_before or orgs_after)[-1 if orgs_before else 0].body if (orgs_before or orgs_after) else None
        if re.search(r"international organi[sz]ation", verb.group(0), re.IGNORECASE):
            body = "CSTO"
        if body is None and pronoun:
            earlier = [org.body for org in self.orgs if org.start < verb.start() and org.body is not None]
            body = earlier[-1] if earlier else None
        self.claims.append(
            RawClaim(
                ClaimKind.FOUNDED,
                (),
                min([verb.start(), *(org.start for org in orgs_before[-1:])]),
                max(verb.end(), time.end if time.start > verb.start() else verb.end()),
                time.value,
                body=body,
                founding_hint=time.founding_hint,
            )
        )
        if states:  # "formed ... by Armenia, Kazakhstan, ...": the founders joined
            members = [m for m in mentions if verb.end() <= m.start < hi and m.state in states]
            if members and re.search(r"\bby\b", text[verb.end() : members[0].start]):
                self.claims.append(RawClaim(ClaimKind.JOINED, states, members[0].start, members[-1].end, time.value))
        return None


def extract(text: str, published: PartialDate, registry: StateRegistry) -> list[RawClaim]:
    """The membership claims of ``text``, in text order, not yet judged.

    >>> import csto_timeline
    >>> registry = csto_timeline.load().states
    >>> [(c.kind.value, [s.alpha3 for s in c.states], str(c.about)) for c in extract(
    ...     "Uzbekistan rejoined the CSTO in 2005, but withdrew in 2012.", PartialDate.of(2014, 12, 23), registry)]
    [('rejoined', ['UZB'], '2005'), ('left', ['UZB'], '2012')]
    """
    return _Extractor(text, published, registry).run()
