"""Compare two timelines' account of one organization, year by year, in
Correlates of War coding, and list every year on which they disagree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Literal

import attrs

from ._cow_codes import code_of
from ._cow_write import year_status
from ._enums import Status
from ._records import Source, Spell
from ._results import Decision
from ._states import State
from ._sweep import StatusSteps
from ._tabular import coverage_of, state_spells, year_range
from ._timeline import Timeline

__all__ = ["Disagreement", "compare"]

Kind = Literal["status", "coverage", "unknown"]


def _status_text(status: Status | None, code: int) -> str:
    return f"{code} ({status or 'none'})"


def _sources(decisions: Sequence[Decision]) -> tuple[Source, ...]:
    seen: dict[str, Source] = {}
    for decision in decisions:
        for source in decision.event.sources:
            seen.setdefault(source.id, source)
    return tuple(seen.values())


@attrs.frozen(repr=False)
class Disagreement:
    """One year on which two timelines code a state differently.

    ``ours`` and ``theirs`` are the statuses each side is coded by in ``year``,
    as `to_cow` codes it (on 31 December, or the body's last covered day; None:
    no relation; `Status.UNKNOWN` when undecided; `Status.UNCOVERED` outside
    coverage), ``ours_code`` and ``theirs_code`` their COW codes. ``kind`` is
    "coverage" when one side is outside its coverage (-1), "unknown" when one
    side cannot say (-9), and "status" otherwise. ``our_decisions`` and
    ``their_decisions`` are the events that decide each side's status then,
    each with its role ("since", "until", "not related since", "not related
    until") and boundary.
    """

    year: int
    state: State
    ours: Status | None
    ours_code: int
    theirs: Status | None
    theirs_code: int
    kind: Kind
    our_decisions: tuple[Decision, ...] = ()
    their_decisions: tuple[Decision, ...] = ()

    @property
    def our_sources(self) -> tuple[Source, ...]:
        """The sources behind our deciding events."""
        return _sources(self.our_decisions)

    @property
    def their_sources(self) -> tuple[Source, ...]:
        """The sources behind their deciding events."""
        return _sources(self.their_decisions)

    def __repr__(self) -> str:
        return (
            f"<Disagreement {self.year} {self.state.alpha3}: ours {_status_text(self.ours, self.ours_code)}, "
            f"theirs {_status_text(self.theirs, self.theirs_code)}>"
        )

    def __str__(self) -> str:
        head = (
            f"{self.year} {self.state.name} ({self.state.alpha3}): ours {_status_text(self.ours, self.ours_code)}, "
            f"theirs {_status_text(self.theirs, self.theirs_code)} [{self.kind}]"
        )
        lines = [head]
        for side, decisions in (("ours", self.our_decisions), ("theirs", self.their_decisions)):
            for decision in decisions:
                event = decision.event
                when = f"{event.date} ({event.date.precision})" if event.date is not None else "never"
                cited = "; ".join(
                    f"{citation.source.id}: {citation.says or citation.source.says}"
                    for citation in event.claim.citations
                )
                lines.append(f"  {side}: {decision.role} {when}: {event.effective_kind.label} [{event.id}]")
                lines.append(f"    per {cited}")
        return "\n".join(lines)


def _decisions(spells: Sequence[Spell], day: dt.date) -> tuple[Decision, ...]:
    """The events that decide the status on ``day``, as `Timeline.explain` lists them."""
    holding = [spell for spell in spells if spell.possibly_on(day)]
    found: list[Decision] = []
    if holding:
        for spell in holding:
            found.append(Decision("since", spell.opened_by, spell.start))
            if spell.closed_by is not None:
                found.append(Decision("until", spell.closed_by, spell.end))
        return tuple(found)
    before = [spell for spell in spells if spell.end is not None and spell.end.latest <= day]
    after = [spell for spell in spells if spell.start.earliest > day]
    if before and before[-1].closed_by is not None:
        found.append(Decision("not related since", before[-1].closed_by, before[-1].end))
    if after:
        found.append(Decision("not related until", after[0].opened_by, after[0].start))
    return tuple(found)


class _Side:
    """One timeline's spells for one body or view, by state code."""

    def __init__(self, timeline: Timeline, org: str) -> None:
        self.org = timeline.org(org)
        self.coverage = coverage_of(timeline, self.org)
        self.spells = {state.alpha3: (state, spells) for state, spells in state_spells(timeline, self.org).items()}
        self.steps: dict[str, StatusSteps] = {}

    def relevant(self, first: dt.date, last: dt.date) -> set[str]:
        """Codes of the states with a spell other than "uncovered" in [first, last]."""
        return {
            code
            for code, (_, spells) in self.spells.items()
            if any(spell.status is not Status.UNCOVERED and spell.possibly_during(first, last) for spell in spells)
        }

    def status(self, code: str, year: int) -> Status | None:
        """The status ``to_cow`` codes ``year`` by (see `year_status`)."""
        steps = self.steps.get(code)
        if steps is None and code in self.spells:
            steps = self.steps[code] = StatusSteps(self.spells[code][1])  # only the states compared
        return year_status(steps, self.coverage, year)

    def decisions(self, code: str, year: int) -> tuple[Decision, ...]:
        entry = self.spells.get(code)
        return _decisions(entry[1], dt.date(year, 12, 31)) if entry is not None else ()


def compare(
    ours: Timeline,
    theirs: Timeline,
    *,
    org: str,
    their_org: str | None = None,
    start_year: int,
    end_year: int,
    states: Iterable[State | str] | None = None,
) -> tuple[Disagreement, ...]:
    """Every year from ``start_year`` to ``end_year`` on which ``theirs`` codes a
    state in ``their_org`` (default: ``org``) differently from ``ours`` in
    ``org``, ordered by year and state code.

    Both sides are coded as `to_cow` codes them (the status on 31 December, or
    on the nearest covered day in a year a body's coverage starts or ends, in
    COW's codes), so statuses COW has no code for count as 0 and agree with 0.
    States are matched by ISO alpha-3 code; those compared are the states with
    a status other than "uncovered" in the window on either side, or
    ``states``. Each `Disagreement` carries the events deciding both sides,
    with their sources.

    >>> import csto_timeline
    >>> from csto_timeline import MembershipRecord, Source, Timeline
    >>> list_ = Source.of("a-list", "A membership list", publisher="someone", url="https://example.org/", says="A list.")
    >>> theirs = Timeline.from_records([MembershipRecord.of("CSTO", "UZB", "member", "2002", "2012", source=list_)])
    >>> ours = csto_timeline.load()
    >>> for d in compare(ours, theirs, org="alliance", their_org="CSTO", start_year=2001, end_year=2006, states=["UZB"]):
    ...     print(d.year, d.state.alpha3, d.ours_code, d.theirs_code, d.kind)
    2002 UZB 0 1 status
    2003 UZB 0 1 status
    2004 UZB 0 1 status
    2005 UZB 0 1 status
    """
    first_year, last_year = year_range(start_year, end_year)
    mine = _Side(ours, org)
    other = _Side(theirs, their_org if their_org is not None else org)
    first, last = dt.date(first_year, 1, 1), dt.date(last_year, 12, 31)
    if states is None:
        codes = sorted(mine.relevant(first, last) | other.relevant(first, last))
    else:
        codes = []
        for state in [states] if isinstance(states, (str, State)) else states:
            try:
                code = ours.state(state).alpha3
            except LookupError:
                code = theirs.state(state).alpha3
            if code not in codes:
                codes.append(code)
    names: dict[str, State] = {code: entry[0] for code, entry in other.spells.items()}
    names.update({code: entry[0] for code, entry in mine.spells.items()})
    found: list[Disagreement] = []
    for year in range(first_year, last_year + 1):
        for code in codes:
            our_status, their_status = mine.status(code, year), other.status(code, year)
            our_code, their_code = code_of(our_status), code_of(their_status)
            if our_code == their_code:
                continue
            kind: Kind = "status"
            if -1 in (our_code, their_code):
                kind = "coverage"
            elif -9 in (our_code, their_code):
                kind = "unknown"
            state = names.get(code) or _lookup(ours, theirs, code)
            found.append(
                Disagreement(
                    year,
                    state,
                    our_status,
                    our_code,
                    their_status,
                    their_code,
                    kind,
                    mine.decisions(code, year),
                    other.decisions(code, year),
                )
            )
    return tuple(found)


def _lookup(ours: Timeline, theirs: Timeline, code: str) -> State:
    found = ours.states.get(code)
    return found if found is not None else theirs.state(code)
