"""The rules table applied to event sequences: spells, legal order, views."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from csto_timeline import RULES, DataError, EventKind, Status, UncertainStatusError
from csto_timeline._rules import KEEP

from .documents import document, event, timeline_of
from .strategies import boundary_dates

LEGAL_KINDS = [kind for kind, rule in RULES.items() if rule.track is not None and kind.value not in ("record_start", "record_end")]
INFO_KINDS = [EventKind.RATIFICATION, EventKind.RENEWAL, EventKind.SUSPENSION_REQUEST, EventKind.ANNOUNCEMENT]


def allowed(kind: EventKind, status: Status | None, was_member: bool, participation: Status | None) -> bool:
    rule = RULES[kind]
    if rule.track is not None and rule.track.value == "participation":
        legal_ok = {
            EventKind.FREEZE: {Status.MEMBER},
            EventKind.UNFREEZE: {Status.MEMBER},
            EventKind.PARTICIPATION_CEASED: {Status.MEMBER, Status.OBSERVER},
        }[kind]
        return status in legal_ok and participation in rule.requires
    if kind is EventKind.RESTORATION and status is None:
        return was_member
    return status in rule.requires


@st.composite
def sequences(draw: st.DrawFn) -> list[tuple[EventKind, str]]:
    """A legally ordered sequence of (kind, date) for one state, with non-overlapping dates."""
    count = draw(st.integers(1, 8))
    dates = draw(boundary_dates(count))
    status: Status | None = None
    participation: Status | None = None
    was_member = False
    steps = []
    for date in dates:
        options = [k for k in [*LEGAL_KINDS, *INFO_KINDS] if allowed(k, status, was_member, participation)]
        kind = draw(st.sampled_from(options))
        rule = RULES[kind]
        steps.append((kind, str(date)))
        if rule.track is not None and rule.track.value == "participation":
            participation = rule.to if isinstance(rule.to, Status) else None
            continue
        if rule.to is not KEEP:
            status = rule.to if isinstance(rule.to, Status) else None
            participation = None
            was_member = was_member or status is Status.MEMBER
    return steps


def replay(steps: list[tuple[EventKind, str]], day: dt.date) -> Status | None:
    """The legal status on ``day`` by applying, in order, each change that has taken effect (exact dates only)."""
    status: Status | None = None
    for kind, date in steps:
        rule = RULES[kind]
        effective = dt.date.fromisoformat(date) + dt.timedelta(days=rule.lag)
        if effective > day:
            break
        if rule.track is not None and rule.track.value == "legal" and rule.to is not KEEP:
            status = rule.to if isinstance(rule.to, Status) else None
    return status


def doc_for(steps: list[tuple[EventKind, str]]) -> dict[str, Any]:
    return document([event(f"e{i}", kind.value, date) for i, (kind, date) in enumerate(steps)])


class TestDerivation:
    @given(sequences())
    def test_spells_are_ordered_do_not_overlap_and_start_and_end_at_events(self, steps: list[tuple[EventKind, str]]) -> None:
        timeline = timeline_of(doc_for(steps))
        for track in ("legal", "participation"):
            spells = list(timeline.history("ARM", org="ORG", track=track))
            for before, after in itertools.pairwise(spells):
                assert before.end is not None
                assert before.end.sort_key() <= after.start.sort_key()
            for spell in spells:
                assert spell.opened_by.date is not None
                assert spell.start.date == spell.opened_by.date
                assert spell.start.lag == RULES[spell.opened_by.kind].lag
                if spell.end is not None:
                    assert spell.closed_by is not None
                    assert spell.end.date == spell.closed_by.date

    @given(sequences(), st.dates(min_value=dt.date(1999, 1, 1), max_value=dt.date(2030, 1, 1)))
    def test_status_equals_replaying_the_events(self, steps: list[tuple[EventKind, str]], day: dt.date) -> None:
        exact = [(k, d) for k, d in steps if len(d) == 10]
        if len(exact) != len(steps):
            return
        timeline = timeline_of(doc_for(steps))
        assert timeline.status_of("ARM", day, org="ORG") == replay(steps, day)

    @given(sequences(), st.data())
    def test_an_event_out_of_legal_order_is_rejected_naming_it(self, steps: list[tuple[EventKind, str]], data: st.DataObject) -> None:
        position = data.draw(st.integers(0, len(steps) - 1))
        prefix = steps[:position]
        status = None
        was_member = False
        participation = None
        for kind, _ in prefix:
            rule = RULES[kind]
            if rule.track is not None and rule.track.value == "participation":
                participation = rule.to if isinstance(rule.to, Status) else None
            elif rule.to is not KEEP:
                status = rule.to if isinstance(rule.to, Status) else None
                participation = None
                was_member = was_member or status is Status.MEMBER
        forbidden = [k for k in [*LEGAL_KINDS, *INFO_KINDS] if not allowed(k, status, was_member, participation)]
        if not forbidden:
            return
        bad = data.draw(st.sampled_from(forbidden))
        broken = [*prefix, (bad, steps[position][1])]
        with pytest.raises(DataError, match=rf"event 'e{position}': out of legal order"):
            timeline_of(doc_for(broken))


class TestRules:
    def test_a_suspension_of_a_non_member_is_rejected(self) -> None:
        doc = document([event("sus", "suspension", "2001-01-01")])
        with pytest.raises(DataError, match=r"test\.toml: event 'sus': out of legal order: a suspension of ARM"):
            timeline_of(doc)

    def test_a_restoration_of_a_state_that_never_left_is_rejected(self) -> None:
        doc = document([event("in", "accession", "2000-01-01"), event("back", "restoration", "2001-01-01")])
        with pytest.raises(DataError, match="event 'back'"):
            timeline_of(doc)

    def test_a_restoration_without_an_earlier_membership_is_rejected(self) -> None:
        doc = document([event("back", "restoration", "2001-01-01")])
        with pytest.raises(DataError, match="needs an earlier membership of ORG"):
            timeline_of(doc)

    def test_signature_then_entry_into_force_on_the_same_day_leaves_no_empty_spell(self) -> None:
        doc = document([event("in-force", "entry_into_force", "2000-01-01"), event("sign", "signature", "2000-01-01")])
        history = timeline_of(doc).history("ARM", org="ORG")
        assert [s.status for s in history] == [Status.MEMBER]

    def test_a_year_only_event_makes_the_boundary_uncertain_across_that_year(self) -> None:
        timeline = timeline_of(document([event("join", "accession", "2013")]))
        assert timeline.status_of("ARM", "2012-12-31", org="ORG") is None
        assert timeline.status_of("ARM", "2014-01-01", org="ORG") is Status.MEMBER
        for day in ("2013-01-01", "2013-07-01", "2013-12-30"):
            with pytest.raises(UncertainStatusError):
                timeline.status_of("ARM", day, org="ORG")
        # Whatever day of 2013 it joined, by the last day of 2013 it had.
        assert timeline.status_of("ARM", "2013-12-31", org="ORG") is Status.MEMBER

    def test_a_body_decision_takes_no_state(self) -> None:
        with pytest.raises(DataError, match="takes no state"):
            timeline_of(document([event("d", "decision", "2000-01-01")]))
        assert timeline_of(document([event("d", "decision", "2000-01-01", state=None)])).events()[0].state is None

    def test_lineage_lets_a_state_restore_membership_in_the_continuing_body(self) -> None:
        doc = document(
            [
                event("join", "accession", "1994-04-20", body="OLD"),
                event("lapse", "lapse", "1999-04-20", body="OLD"),
                event("back", "restoration", "2006-06-23", body="ORG"),
            ],
            bodies=[
                {"id": "OLD", "name": "Old treaty", "kind": "treaty"},
                {"id": "ORG", "name": "New organization", "continues": "OLD"},
            ],
            views=[{"id": "both", "name": "OLD then ORG", "sequence": ["OLD", "ORG"]}],
        )
        timeline = timeline_of(doc)
        assert [(s.body, s.status, str(s.start)) for s in timeline.history("ARM", org="both")] == [
            ("OLD", Status.MEMBER, "1994-04-20"),
            ("ORG", Status.MEMBER, "2006-06-23"),
        ]
