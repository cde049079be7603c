"""What the claim extractor shares: the raw claim record, lists of states, times, and the
finder of member lists and counts that `_extract` builds on.
"""

from __future__ import annotations

import re

import attrs

from csto_timeline._dates import PartialDate
from csto_timeline._states import State, StateRegistry

from . import _lexicon as lx
from ._names import Mention, OrgMention, find_adjectives, find_orgs, find_states
from ._report import About, ClaimKind
from ._when import NUMBER_WORDS, TimeMention, find_times

__all__ = ["ListFinder", "RawClaim"]


@attrs.frozen
class RawClaim:
    """A claim as found, before judging.

    ``mode`` is 'done' (an act reported as done), 'intention', 'request', 'nonrenewal' (a
    lapse described as such), or 'former' ("former member"); ``tense`` is 'present' (the
    publication date or just before), 'past' or 'dated'; ``body`` the organization the text
    names ('CST', 'CSTO', 'CSTO-PA' or None); ``agent_org`` marks an act done by the
    organization to a state; ``participation`` an act on participation, not membership.
    """

    kind: ClaimKind
    states: tuple[State, ...]
    start: int
    end: int
    about: About
    tense: str = "dated"
    whole: bool = False
    count: int | None = None
    negated: bool = False
    mode: str = "done"
    body: str | None = None
    agent_org: bool = False
    participation: bool = False
    membership_word: bool = False
    originally: bool = False
    founding_hint: bool = False


@attrs.frozen
class _Group:
    mentions: tuple[Mention, ...]

    @property
    def start(self) -> int:
        return self.mentions[0].start

    @property
    def end(self) -> int:
        return self.mentions[-1].end

    @property
    def states(self) -> tuple[State, ...]:
        return tuple(dict.fromkeys(mention.state for mention in self.mentions))


def sentences(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for match in lx.SENTENCE_END.finditer(text):
        if match.start() > start:
            spans.append((start, match.start()))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def groups(mentions: list[Mention], text: str) -> list[_Group]:
    found: list[list[Mention]] = []
    for mention in mentions:
        if mention.metonym:
            found.append([mention])
            continue
        if found and not found[-1][-1].metonym and lx.GROUP_SEP.match(text[found[-1][-1].end : mention.start]):
            found[-1].append(mention)
        else:
            found.append([mention])
    split: list[list[Mention]] = []
    for group in found:  # "with Russia, Armenia earlier froze": two names joined by a comma alone are not a list
        if len(group) == 2 and not re.search(r"\band\b|&", text[group[0].end : group[1].start]):
            split.extend([[group[0]], [group[1]]])
        else:
            split.append(group)
    return [_Group(tuple(group)) for group in split]


def nearest_time(times: list[TimeMention], lo: int, hi: int, verb: int) -> TimeMention | None:
    """The time an act at ``verb`` concerns: one around the verb ("15 years since its
    establishment"), else the first after it, else the last before it in [lo, hi); a weekday or
    "yesterday" (which usually dates the report) only when no other time is there.
    """
    around = [time for time in times if time.start <= verb < time.end and not time.present]
    if around:
        return around[0]
    for loose in (False, True):
        after = [time for time in times if verb <= time.start < hi and not time.present and time.loose is loose]
        if after:
            return after[0]
        before = [time for time in times if lo <= time.start < verb and not time.present and time.loose is loose]
        if before:
            return before[-1]
    return None


def body_of(orgs: list[OrgMention], lo: int, hi: int, explicit: str | None) -> str | None:
    inside = [org.body for org in orgs if lo <= org.start < hi]
    named = [body for body in inside if body is not None]
    if named:
        return named[-1]
    return explicit if inside else None


class ListFinder:
    """Finds the lists and counts of members in a text; `_extract` adds the acts."""

    def __init__(self, text: str, published: PartialDate, registry: StateRegistry) -> None:
        self.text = text
        self.published = published
        self.mentions = find_states(text, registry)
        self.orgs = find_orgs(text)
        self.times = find_times(text, published)
        self.adjectives = find_adjectives(text, registry)
        self.has_org = any(org.body is not None for org in self.orgs)
        self.claims: list[RawClaim] = []
        self.used: set[int] = set()  # starts of mentions consumed by acts

    def _lists(self, start: int, end: int, mentions: list[Mention]) -> None:
        text = self.text
        free = [m for m in mentions if m.start not in self.used and not m.metonym]
        for group in groups(free, text):
            window = text[max(start, group.start - 90) : group.start]
            trigger, whole = self._trigger(window)
            after = text[group.end : min(end, group.end + 60)]
            single_before = lx.BEFORE_MEMBER.search(text[max(start, group.start - 40) : group.start])
            single_after = lx.AFTER_MEMBER.match(after)
            if trigger is None and not single_before and not single_after:
                continue
            states = group.states
            claim_start = group.start
            if trigger is not None:
                claim_start = group.start - len(window) + trigger.start()
                addition = re.search(
                    r"in addition to\s*$|in addition to ([^.;]{0,40})$",
                    text[max(start, claim_start - 60) : claim_start],
                )
                if addition:
                    extra = [m.state for m in mentions if claim_start - 60 <= m.start < claim_start]
                    states = tuple(dict.fromkeys([*extra, *states]))
            else:
                whole = False
            if re.match(r"^\s+are the members\b", after, re.IGNORECASE):
                whole = True
            sentence = text[start:end]
            about: About
            tense = "present"
            originally = bool(lx.ORIGINALLY.search(sentence))
            if re.search(r"\b(?:now|currently|henceforth|today|at present)\b", sentence, re.IGNORECASE):
                about = self.published
            elif originally:
                about, tense = None, "dated"
            elif lx.PAST_LIST.search(text[max(start, claim_start - 20) : group.start]) or (
                single_after and re.search(r"\b(?:was|were)\b", single_after.group(0))
            ):
                time = nearest_time(self.times, start, end, group.start)
                about, tense = (time.value, "dated") if time is not None else (None, "past")
            else:
                about = self.published
            self.claims.append(
                RawClaim(
                    ClaimKind.MEMBER_LIST,
                    states,
                    claim_start,
                    group.end,
                    about,
                    tense=tense,
                    whole=whole,
                    originally=originally,
                    body=body_of(self.orgs, start, end, None),
                )
            )

    @staticmethod
    def _trigger(window: str) -> tuple[re.Match[str] | None, bool]:
        best: tuple[re.Match[str] | None, bool] = (None, False)
        for pattern, whole in lx.LIST_TRIGGER:
            for match in pattern.finditer(window):
                gap = window[match.end() :]
                if len(gap) > 75 or not lx.LIST_GAP.match(gap):
                    continue
                if best[0] is None or match.end() > best[0].end():
                    best = (match, whole)
        return best

    def _counts(self, start: int, end: int) -> None:
        sentence = self.text[start:end]
        for pattern in lx.COUNT_PATTERNS:
            for match in pattern.finditer(self.text, start, end):
                word = match.group("n").casefold()
                number = int(word) if word.isdigit() else NUMBER_WORDS.get(word)
                if (
                    number is None
                    or number < 2
                    or any(c.kind is ClaimKind.MEMBER_COUNT and c.start <= match.start() < c.end for c in self.claims)
                ):
                    continue
                originally = bool(lx.ORIGINALLY.search(sentence))
                about: About = None if originally else self.published
                if not originally and not re.search(r"\b(?:now|currently|today)\b", sentence, re.IGNORECASE):
                    past = re.search(r"\b(?:was|were|had|consisted)\b", sentence)
                    time = nearest_time(self.times, start, end, match.start())
                    if past and time is not None and not time.founding_hint:
                        about = time.value
                self.claims.append(
                    RawClaim(
                        ClaimKind.MEMBER_COUNT,
                        (),
                        match.start(),
                        match.end(),
                        about,
                        count=number,
                        originally=originally,
                        tense="dated" if about is not self.published else "present",
                    )
                )


def third_person(verb: str) -> bool:
    word = verb.split(maxsplit=1)[0].casefold()
    return word.endswith("s") and not word.endswith(("ss", "ous")) and word not in _NOT_VERBS


_NOT_VERBS = frozenset({"its", "was", "has", "is", "status", "members", "observers"})
