"""The rules table applied to event sequences: spells, legal order, views."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from csto_timeline import RULES, DataError, EventKind, Status, Track, UncertainStatusError
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


OLD_THEN_ORG: dict[str, Any] = {
    "bodies": [
        {"id": "OLD", "name": "Old treaty", "kind": "treaty"},
        {"id": "ORG", "name": "New organization", "continues": "OLD"},
    ],
    "views": [{"id": "both", "name": "OLD then ORG", "sequence": ["OLD", "ORG"]}],
}


def spans(timeline: Any, org: str, track: str = "legal") -> list[tuple[str, Status, str, str | None]]:
    """(body, status, start, end) of each spell of ARM in ``org``."""
    return [
        (s.body, s.status, str(s.start), None if s.end is None else str(s.end))
        for s in timeline.history("ARM", org=org, track=track)
    ]


class TestRestorationNeedsAnEarlierMembership:
    def test_a_restoration_after_a_withdrawal_from_the_same_body_is_accepted(self) -> None:
        """A state that was a member, left and comes back is restored in the same body."""
        doc = document(
            [
                event("in", "accession", "2000-01-01"),
                event("out", "withdrawal", "2001-01-01"),
                event("back", "restoration", "2002-01-01"),
            ]
        )
        timeline = timeline_of(doc)
        assert timeline.status_of("ARM", "2001-06-01", org="ORG") is None
        assert timeline.status_of("ARM", "2002-01-01", org="ORG") is Status.MEMBER

    def test_a_restoration_on_the_day_the_earlier_membership_began_is_rejected(self) -> None:
        """The earlier membership must begin strictly before the restoration takes effect."""
        doc = document(
            [
                event("join", "accession", "1994-04-20", body="OLD"),
                event("lapse", "lapse", "1994-04-20", body="OLD"),
                event("back", "restoration", "1994-04-20", body="ORG"),
            ],
            **OLD_THEN_ORG,
        )
        with pytest.raises(DataError, match=r"test\.toml: event 'back': .*needs an earlier membership of ORG or OLD, but there is none"):
            timeline_of(doc)

    def test_a_restoration_the_day_after_the_earlier_membership_began_is_accepted(self) -> None:
        """One day between the membership in the continued body and the restoration is enough."""
        doc = document(
            [
                event("join", "accession", "1994-04-20", body="OLD"),
                event("lapse", "lapse", "1994-04-20", body="OLD"),
                event("back", "restoration", "1994-04-21", body="ORG"),
            ],
            **OLD_THEN_ORG,
        )
        assert spans(timeline_of(doc), "ORG") == [("ORG", Status.MEMBER, "1994-04-21", None)]

    def test_a_continuing_body_is_derived_after_the_body_it_continues_whatever_their_ids(self) -> None:
        """Restoring membership in a continuing body sees the continued body's membership even when its id sorts first."""
        doc = document(
            [
                event("join", "accession", "1994-04-20", body="ZOLD"),
                event("lapse", "lapse", "1999-04-20", body="ZOLD"),
                event("back", "restoration", "2006-06-23", body="ORG"),
            ],
            bodies=[
                {"id": "ZOLD", "name": "Old treaty", "kind": "treaty"},
                {"id": "ORG", "name": "New organization", "continues": "ZOLD"},
            ],
        )
        assert spans(timeline_of(doc), "ORG") == [("ORG", Status.MEMBER, "2006-06-23", None)]

    def test_a_rejected_event_names_the_status_held_since_when_and_the_event_that_opened_it(self) -> None:
        """An event out of order is reported with the status the state holds, since when, and which event began it."""
        doc = document([event("in", "accession", "2000-01-01"), event("sign", "signature", "2001-01-01")])
        with pytest.raises(
            DataError, match=r"needs the state to be not related, but it is member since 2000-01-01 \(event 'in'\)"
        ):
            timeline_of(doc)

    def test_a_rejected_event_of_an_unrelated_state_says_not_related(self) -> None:
        """An event that needs a status an unrelated state lacks says the state is not related, with no 'since'."""
        doc = document([event("w", "withdrawal", "2001-01-01")])
        with pytest.raises(DataError, match=r"needs the state to be member or suspended, but it is not related$"):
            timeline_of(doc)


class TestParticipation:
    def test_a_freeze_lasts_until_the_unfreeze(self) -> None:
        """A freeze opens a participation spell that an unfreeze closes, leaving no participation spell after it."""
        doc = document(
            [
                event("in", "accession", "2000-01-01"),
                event("freeze", "freeze", "2001-01-01"),
                event("thaw", "unfreeze", "2002-01-01"),
            ]
        )
        timeline = timeline_of(doc)
        assert spans(timeline, "ORG", "participation") == [("ORG", Status.FROZEN, "2001-01-01", "2002-01-01")]
        assert timeline.history("ARM", org="ORG", track="participation")[0].closed_by.id == "thaw"

    def test_a_legal_change_ends_the_participation_spell(self) -> None:
        """A withdrawal ends a freeze on the day it takes effect."""
        doc = document(
            [
                event("in", "accession", "2000-01-01"),
                event("freeze", "freeze", "2001-01-01"),
                event("out", "withdrawal", "2003-01-01"),
            ]
        )
        assert spans(timeline_of(doc), "ORG", "participation") == [("ORG", Status.FROZEN, "2001-01-01", "2003-01-01")]

    def test_a_freeze_of_a_state_that_is_not_a_member_is_rejected(self) -> None:
        """A freeze needs the state to be legally a member."""
        doc = document([event("obs", "observer_granted", "2000-01-01"), event("freeze", "freeze", "2001-01-01")])
        with pytest.raises(DataError, match=r"event 'freeze'.*needs the state to be legally member, but it is observer"):
            timeline_of(doc)

    def test_an_unfreeze_of_a_state_that_is_not_frozen_is_rejected(self) -> None:
        """An unfreeze needs the state's participation to be frozen."""
        doc = document([event("in", "accession", "2000-01-01"), event("thaw", "unfreeze", "2001-01-01")])
        with pytest.raises(DataError, match=r"event 'thaw'.*needs the state to be frozen in participation, but it is not related$"):
            timeline_of(doc)


class TestDatesOfEffect:
    def test_an_event_taking_effect_after_9999_is_rejected(self) -> None:
        """A lapse on the last representable day would take effect the day after, which has no date."""
        doc = document([event("in", "accession", "9999-01-01"), event("lapse", "lapse", "9999-12-31")])
        with pytest.raises(DataError, match=r"test\.toml: event 'lapse': a lapse by non-renewal dated 9999-12-31 would take effect after 9999-12-31"):
            timeline_of(doc)

    def test_an_event_that_did_not_occur_changes_no_status(self) -> None:
        """A claim that the event did not occur opens no spell."""
        doc = document([event("in", "accession", "2000-01-01")])
        doc["events"][0]["claims"] = [{"occurred": False, "sources": ["src"]}]
        assert list(timeline_of(doc).history("ARM", org="ORG")) == []

    def test_same_day_events_apply_by_the_rules_order_so_a_failure_names_the_later_event(self) -> None:
        """Same-day events are applied by the rule's order (a signature before an entry into force), whatever the file's order."""
        doc = document(
            [
                event("force", "entry_into_force", "2000-01-01"),
                event("sign", "signature", "2000-01-01"),
                event("bad", "observer_ended", "2001-01-01"),
            ]
        )
        with pytest.raises(DataError, match="event 'bad'"):
            timeline_of(doc)


def cluster(year: str, kinds: str, prefix: str) -> list[dict[str, Any]]:
    """Events dated to ``year`` only, S for a suspension and R for a restoration, in this file order."""
    names = {"S": "suspension", "R": "restoration"}
    return [event(f"{prefix}{i}", names[kind], year) for i, kind in enumerate(kinds)]


class TestImpreciseEventsInAnotherOrder:
    def test_six_overlapping_imprecise_events_are_put_in_the_order_the_rules_accept(self) -> None:
        """Up to six events whose possible dates overlap are reordered until the rules accept them."""
        doc = document([event("in", "accession", "2000-01-01"), *cluster("2001", "SRSRRS", "a")])
        timeline = timeline_of(doc)
        assert [s.status for s in timeline.history("ARM", org="ORG")] == [Status.MEMBER, Status.SUSPENDED] * 3 + [
            Status.MEMBER
        ]
        assert timeline.status_of("ARM", "2002-01-01", org="ORG") is Status.MEMBER

    def test_seven_overlapping_imprecise_events_are_not_reordered(self) -> None:
        """A cluster of more than six overlapping events is applied in date order only."""
        doc = document([event("in", "accession", "2000-01-01"), *cluster("2001", "SRSRRSS", "a")])
        with pytest.raises(DataError, match="event 'a4'"):
            timeline_of(doc)

    def test_when_no_order_fits_the_error_of_the_date_order_is_raised(self) -> None:
        """When no order of the overlapping events fits, the error names the event the date order breaks at."""
        doc = document([event("in", "accession", "2000-01-01"), *cluster("2001", "SRR", "a")])
        with pytest.raises(DataError, match="event 'a2'"):
            timeline_of(doc)

    def test_events_sharing_a_single_possible_day_may_be_reordered(self) -> None:
        """An entry into force in 2001 may follow a signature on the last day of 2001."""
        doc = document([event("force", "entry_into_force", "2001"), event("sign", "signature", "2001-12-31")])
        assert timeline_of(doc).status_of("ARM", "2002-01-01", org="ORG") is Status.MEMBER

    def test_a_year_only_event_may_follow_later_events_it_overlaps_through_a_chain(self) -> None:
        """An accession in 2001 may follow an observer spell of February to March 2001."""
        doc = document(
            [
                event("join", "accession", "2001"),
                event("obs", "observer_granted", "2001-02"),
                event("obs-end", "observer_ended", "2001-03"),
            ]
        )
        assert [s.status for s in timeline_of(doc).history("ARM", org="ORG")] == [Status.OBSERVER, Status.MEMBER]

    def test_the_720th_other_order_is_still_tried(self) -> None:
        """Other orders are tried up to the limit of 720: the last one within it is accepted."""
        doc = document(
            [event("in", "accession", "2000-01-01"), *cluster("2001", "SRSRRS", "a"), *cluster("2003", "SRSRSR", "b")]
        )
        assert timeline_of(doc).status_of("ARM", "2004-01-01", org="ORG") is Status.MEMBER

    def test_no_order_past_the_720th_is_tried(self) -> None:
        """An order that only the 721st try would reach is not found: the date order's error is raised."""
        doc = document(
            [event("in", "accession", "2000-01-01"), *cluster("2001", "SRSRRS", "a"), *cluster("2003", "SRSRRS", "b")]
        )
        with pytest.raises(DataError, match="event 'a4'"):
            timeline_of(doc)


class TestInformationalEvents:
    def test_an_informational_event_that_cannot_fit_is_rejected_with_what_is_possible_then(self) -> None:
        """A renewal when the state can only be an observer throughout its dates names observer alone."""
        doc = document([event("obs", "observer_granted", "2001-01-01"), event("renew", "renewal", "2001")])
        with pytest.raises(DataError, match=r"test\.toml: event 'renew': out of legal order: a renewal of ARM in ORG on 2001 needs the state to be member, but it is observer then"):
            timeline_of(doc)

    def test_a_spell_ending_on_the_last_possible_day_leaves_no_relation_possible(self) -> None:
        """A renewal in 2001 of an observer until 31 December 2001 may fall on a day of no relation."""
        doc = document(
            [
                event("obs", "observer_granted", "2000-06-01"),
                event("end", "observer_ended", "2001-12-31"),
                event("renew", "renewal", "2001"),
            ]
        )
        with pytest.raises(DataError, match=r"event 'renew'.*but it is not related or observer then"):
            timeline_of(doc)

    def test_a_spell_ending_the_day_after_covers_the_whole_range(self) -> None:
        """A renewal in 2001 of an observer from 2001 to 1 January 2002 finds only observer possible."""
        doc = document(
            [
                event("obs", "observer_granted", "2000-06-01"),
                event("end", "observer_ended", "2002-01-01"),
                event("renew", "renewal", "2001"),
            ]
        )
        with pytest.raises(DataError, match=r"event 'renew'.*but it is observer then"):
            timeline_of(doc)

    def test_an_event_in_a_gap_between_spells_may_find_no_relation(self) -> None:
        """A renewal in 2001 between two observer spells with a gap in June finds no relation possible."""
        doc = document(
            [
                event("obs", "observer_granted", "2000-06-01"),
                event("end", "observer_ended", "2001-06-01"),
                event("obs2", "observer_granted", "2001-06-02"),
                event("renew", "renewal", "2001"),
            ]
        )
        with pytest.raises(DataError, match=r"event 'renew'.*but it is not related or observer then"):
            timeline_of(doc)

    def test_a_source_whose_informational_event_no_longer_fits_is_followed_with_a_conflict(self) -> None:
        """Following a source that dates a ratification before the signature lists a conflict instead of failing."""
        doc = document(
            [
                event("sign", "signature", "2000-01-01"),
                {
                    "id": "ratify",
                    "kind": "ratification",
                    "body": "ORG",
                    "state": "ARM",
                    "note": "Sources differ.",
                    "claims": [
                        {"date": "2000-06-01", "sources": ["src"], "followed": True},
                        {"date": "1999-06-01", "sources": ["other"]},
                    ],
                },
            ],
            sources=[
                {"id": "src", "title": "Test source", "publisher": "tests", "url": "https://example.org/", "says": "Test."},
                {"id": "other", "title": "Other", "publisher": "tests", "url": "https://example.org/o", "says": "Other."},
            ],
        )
        timeline = timeline_of(doc)
        assert timeline.conflicts == ()
        alternative = timeline.according_to("other")
        assert [error.record for error in alternative.conflicts] == ["event 'ratify'"]
        assert alternative.status_of("ARM", "2001-01-01", org="ORG") is Status.SIGNATORY


class TestViews:
    def test_a_view_follows_the_first_body_until_the_first_membership_of_the_next(self) -> None:
        """The first body's open spell is cut at the next body's first membership, which the view then follows."""
        doc = document(
            [
                event("join", "accession", "1994-04-20", body="OLD"),
                event("sign", "signature", "2001-01-01", body="ORG"),
                event("force", "entry_into_force", "2002-01-01", body="ORG"),
                event("out", "withdrawal", "2004-01-01", body="ORG"),
                event("back", "restoration", "2006-01-01", body="ORG"),
            ],
            **OLD_THEN_ORG,
        )
        timeline = timeline_of(doc)
        assert spans(timeline, "both") == [
            ("OLD", Status.MEMBER, "1994-04-20", "2002-01-01"),
            ("ORG", Status.MEMBER, "2002-01-01", "2004-01-01"),
            ("ORG", Status.MEMBER, "2006-01-01", None),
        ]
        assert timeline.history("ARM", org="both")[0].closed_by.id == "force"

    def test_a_spell_of_the_first_body_ending_on_the_switch_day_keeps_its_own_end(self) -> None:
        """A spell that ends on the day of the switch keeps the event that ended it; one starting that day is dropped."""
        doc = document(
            [
                event("join", "accession", "1994-04-20", body="OLD"),
                event("out", "withdrawal", "2002-01-01", body="OLD"),
                event("obs", "observer_granted", "2002-01-01", body="OLD"),
                event("in", "accession", "2002-01-01", body="ORG"),
            ],
            **OLD_THEN_ORG,
        )
        timeline = timeline_of(doc)
        assert spans(timeline, "both") == [
            ("OLD", Status.MEMBER, "1994-04-20", "2002-01-01"),
            ("ORG", Status.MEMBER, "2002-01-01", None),
        ]
        assert timeline.history("ARM", org="both")[0].closed_by.id == "out"

    def test_a_view_skips_a_body_the_state_never_joined(self) -> None:
        """A state that never joined the middle body of a view switches at its first membership of the last body."""
        doc = document(
            [
                event("join", "accession", "1994-04-20", body="A"),
                event("obs", "observer_granted", "1995-01-01", body="B"),
                event("in", "accession", "2002-01-01", body="C"),
            ],
            bodies=[{"id": body, "name": f"Body {body}", "kind": "organization"} for body in "ABC"],
            views=[{"id": "abc", "name": "A, B then C", "sequence": ["A", "B", "C"]}],
            dataset={"id": "test", "title": "Test", "default": "A"},
        )
        assert spans(timeline_of(doc), "abc") == [
            ("A", Status.MEMBER, "1994-04-20", "2002-01-01"),
            ("C", Status.MEMBER, "2002-01-01", None),
        ]

    def test_a_view_switches_participation_at_the_same_day(self) -> None:
        """The participation track of a view is cut at the next body's first membership too."""
        doc = document(
            [
                event("join", "accession", "1994-04-20", body="OLD"),
                event("freeze", "freeze", "2000-01-01", body="OLD"),
                event("in", "accession", "2002-01-01", body="ORG"),
                event("freeze2", "freeze", "2003-01-01", body="ORG"),
            ],
            **OLD_THEN_ORG,
        )
        assert spans(timeline_of(doc), "both", "participation") == [
            ("OLD", Status.FROZEN, "2000-01-01", "2002-01-01"),
            ("ORG", Status.FROZEN, "2003-01-01", None),
        ]


class TestSpellsAndErrorsNameWhatTheyConcern:
    def test_every_spell_names_its_state_body_and_track(self) -> None:
        """Closed and open spells of both tracks carry the state, the body and the track they belong to."""
        doc = document(
            [
                event("in", "accession", "2000-01-01"),
                event("freeze", "freeze", "2001-01-01"),
                event("thaw", "unfreeze", "2002-01-01"),
                event("freeze2", "freeze", "2003-01-01"),
                event("susp", "suspension", "2004-01-01"),
            ]
        )
        timeline = timeline_of(doc)
        for track in Track:
            spells = list(timeline.history("ARM", org="ORG", track=track.value))
            assert len(spells) == 2
            assert all((s.state.alpha3, s.body, s.track) == ("ARM", "ORG", track) for s in spells)

    def test_a_participation_spell_still_open_belongs_to_the_participation_track(self) -> None:
        """A freeze never lifted gives an open spell of the participation track."""
        doc = document([event("in", "accession", "2000-01-01"), event("freeze", "freeze", "2001-01-01")])
        (spell,) = timeline_of(doc).history("ARM", org="ORG", track="participation")
        assert (spell.status, spell.end, spell.track) == (Status.FROZEN, None, Track.PARTICIPATION)

    def test_a_second_freeze_says_the_state_is_frozen_already(self) -> None:
        """A freeze of a frozen state is rejected naming its participation status."""
        doc = document(
            [event("in", "accession", "2000-01-01"), event("f1", "freeze", "2001-01-01"), event("f2", "freeze", "2002-01-01")]
        )
        with pytest.raises(DataError, match=r"event 'f2'.*needs the state to be not related in participation, but it is frozen"):
            timeline_of(doc)

    def test_a_record_start_opens_the_status_it_carries_until_the_record_end(self) -> None:
        """A record's start opens a spell of the status the record gives, and its end closes it."""
        doc = document(
            [event("start", "record_start", "2000-01-01", status="observer"), event("end", "record_end", "2003-01-01")]
        )
        assert spans(timeline_of(doc), "ORG") == [("ORG", Status.OBSERVER, "2000-01-01", "2003-01-01")]

    def test_spells_of_an_order_found_by_reordering_name_their_body(self) -> None:
        """Spells derived from another order than the date order belong to the body of their events."""
        doc = document([event("force", "entry_into_force", "2001"), event("sign", "signature", "2001-12-31")])
        assert {s.body for s in timeline_of(doc).history("ARM", org="ORG")} == {"ORG"}

    def test_a_restoration_found_by_reordering_still_needs_the_earlier_membership(self) -> None:
        """A withdrawal in 2001 may come before a restoration in January 2001, the restoration resting on the membership of 2000."""
        doc = document(
            [
                event("in", "accession", "2000-01-01"),
                event("back", "restoration", "2001-01"),
                event("out", "withdrawal", "2001"),
            ]
        )
        assert timeline_of(doc).status_of("ARM", "2002-01-01", org="ORG") is Status.MEMBER

    def test_following_a_source_lists_conflicts_of_an_order_found_by_reordering(self) -> None:
        """When the events fit only in another order, a source's misfitting ratification is still listed, naming the file."""
        doc = document(
            [
                event("force", "entry_into_force", "2001"),
                event("sign", "signature", "2001-12-31"),
                {
                    "id": "ratify",
                    "kind": "ratification",
                    "body": "ORG",
                    "state": "ARM",
                    "note": "Sources differ.",
                    "claims": [
                        {"date": "2002-06-01", "sources": ["src"], "followed": True},
                        {"date": "1999-06-01", "sources": ["other"]},
                    ],
                },
            ],
            sources=[
                {"id": "src", "title": "Test source", "publisher": "tests", "url": "https://example.org/", "says": "Test."},
                {"id": "other", "title": "Other", "publisher": "tests", "url": "https://example.org/o", "says": "Other."},
            ],
        )
        alternative = timeline_of(doc).according_to("other")
        assert [(error.file, error.record) for error in alternative.conflicts] == [("test.toml", "event 'ratify'")]
        assert alternative.status_of("ARM", "2002-01-01", org="ORG") is Status.MEMBER

    def test_a_view_through_a_body_with_no_spells_at_all_follows_the_others(self) -> None:
        """A body of a view that nobody has any status in is passed over."""
        doc = document(
            [event("join", "accession", "1994-04-20", body="A"), event("in", "accession", "2002-01-01", body="C")],
            bodies=[{"id": body, "name": f"Body {body}", "kind": "organization"} for body in "ABC"],
            views=[{"id": "abc", "name": "A, B then C", "sequence": ["A", "B", "C"]}],
            dataset={"id": "test", "title": "Test", "default": "A"},
        )
        assert spans(timeline_of(doc), "abc") == [
            ("A", Status.MEMBER, "1994-04-20", "2002-01-01"),
            ("C", Status.MEMBER, "2002-01-01", None),
        ]
