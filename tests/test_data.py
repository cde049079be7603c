"""The shipped CST/CSTO record: sourced, complete, and right on the boundary cases."""

from __future__ import annotations

from pathlib import Path

import pytest

import csto_timeline
from csto_timeline import EventKind, Status, Timeline, Track, UncertainStatusError

ROOT = Path(__file__).resolve().parents[1]
FOUNDERS_1992 = ["ARM", "KAZ", "KGZ", "RUS", "TJK", "UZB"]
NON_RENEWING = ["AZE", "GEO", "UZB"]
RENEWING = ["ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"]


class TestSourcing:
    def test_the_bundled_file_validates_cleanly(self) -> None:
        assert csto_timeline.validate(ROOT / "data" / "csto.toml") == []

    def test_every_claim_of_every_event_cites_a_known_source(self, timeline: Timeline) -> None:
        for event in timeline.events():
            for claim in event.claims:
                assert claim.citations, event.id
                for source in claim.sources:
                    assert timeline.source(source.id) == source

    def test_every_source_has_a_location_and_a_paraphrase(self, timeline: Timeline) -> None:
        for source in timeline.sources.values():
            assert source.says.strip()
            assert source.url is not None or (ROOT / str(source.path)).is_file()

    def test_every_seed_is_a_source_and_cited(self, timeline: Timeline) -> None:
        seeds = sorted(p.name for p in (ROOT / "seeds").glob("*.txt"))
        assert len(seeds) == 5
        cited = {s.id for e in timeline.events() for c in e.claims for s in c.sources}
        cited |= {r.source.id for r in timeline.rosters}
        for name in seeds:
            ident = f"seed-{name[:3]}"
            assert timeline.source(ident).path == f"seeds/{name}"
            assert ident in cited

    def test_competing_claims_always_say_why_the_followed_one_is_followed(self, timeline: Timeline) -> None:
        for event in timeline.events():
            if len(event.claims) > 1:
                assert event.note, event.id

    @pytest.mark.parametrize(
        ("event_id", "rival"),
        [
            ("geo-1993-cst-signature", "1993-09-09"),
            ("uzb-2006-restoration/CSTO", "2005"),
            ("arm-2024-freeze/CSTO", "2024-02-23"),
        ],
    )
    def test_contested_dates_keep_every_claim(self, timeline: Timeline, event_id: str, rival: str) -> None:
        event = timeline.event(event_id)
        assert rival in {str(c.date) for c in event.competing}

    def test_uzbekistans_2012_exit_keeps_the_withdrawal_claims(self, timeline: Timeline) -> None:
        event = timeline.event("uzb-2012-suspension/CSTO")
        assert event.effective_kind is EventKind.SUSPENSION
        assert str(event.date) == "2012-12-19"
        assert any(c.kind is EventKind.WITHDRAWAL and c.cites("seed-000") for c in event.competing)

    def test_seed_000s_2005_return_is_a_year_claim(self, timeline: Timeline) -> None:
        claim = next(c for c in timeline.event("uzb-2006-restoration/CSTO").claims if c.cites("seed-000"))
        assert str(claim.date) == "2005"


class TestBoundaries:
    @pytest.mark.parametrize("state", FOUNDERS_1992)
    def test_the_1992_signatories_are_signatories_until_entry_into_force(self, timeline: Timeline, state: str) -> None:
        assert timeline.status_of(state, "1992-05-14", org="CST") is None
        assert timeline.status_of(state, "1992-05-15", org="CST") is Status.SIGNATORY
        assert timeline.status_of(state, "1994-04-19", org="CST") is Status.SIGNATORY
        assert timeline.status_of(state, "1994-04-20", org="CST") is Status.MEMBER

    @pytest.mark.parametrize("state", NON_RENEWING)
    def test_non_renewing_states_were_parties_through_20_april_1999(self, timeline: Timeline, state: str) -> None:
        assert timeline.status_of(state, "1999-04-20", org="CST") is Status.MEMBER
        assert timeline.status_of(state, "1999-04-21", org="CST") is None
        assert not timeline.events(state, kind="withdrawal")

    def test_the_lapse_is_a_lapse_not_a_withdrawal(self, timeline: Timeline) -> None:
        lapse = [e for e in timeline.events("UZB", body="CST") if e.effective_kind is EventKind.LAPSE]
        assert [str(e.date) for e in lapse] == ["1999-04-20"]

    def test_uzbekistan_restored_on_23_june_2006(self, timeline: Timeline) -> None:
        assert timeline.status_of("UZB", "2006-06-22") is None
        assert timeline.status_of("UZB", "2006-06-23") is Status.MEMBER
        assert timeline.status_of("UZB", "2006-06-23", org="CSTO") is Status.MEMBER

    def test_the_june_2012_note_is_a_request_not_the_change(self, timeline: Timeline) -> None:
        requests = timeline.events("UZB", kind="suspension_request")
        assert {str(e.date) for e in requests} == {"2012-06-20", "2012-06-28"}
        assert timeline.status_of("UZB", "2012-07-01") is Status.MEMBER
        assert timeline.status_of("UZB", "2012-12-18") is Status.MEMBER
        assert timeline.status_of("UZB", "2012-12-19") is Status.SUSPENDED

    def test_suspended_states_are_not_members(self, timeline: Timeline) -> None:
        members = timeline.members_on("2015-01-01")
        assert "UZB" not in members
        assert members.codes == tuple(sorted(RENEWING))

    def test_the_csto_starts_with_the_charter_in_force(self, timeline: Timeline) -> None:
        assert timeline.members_on("2003-09-17", org="CSTO").codes == ()
        assert timeline.members_on("2003-09-17", org="CSTO", status="signatory").codes == tuple(sorted(RENEWING))
        assert timeline.members_on("2003-09-18", org="CSTO").codes == tuple(sorted(RENEWING))

    def test_the_alliance_view_switches_body_when_the_charter_is_in_force(self, timeline: Timeline) -> None:
        bodies = [(s.body, s.status) for s in timeline.history("RUS")]
        assert bodies == [("CST", Status.SIGNATORY), ("CST", Status.MEMBER), ("CSTO", Status.MEMBER)]

    def test_armenias_freeze_changes_participation_not_membership(self, timeline: Timeline) -> None:
        assert timeline.status_of("ARM", "2025-06-01") is Status.MEMBER
        assert timeline.participation_of("ARM", "2025-06-01") is Status.FROZEN
        assert timeline.participation_of("ARM", "2023-06-01") is Status.ACTIVE
        assert "ARM" in timeline.members_on("2025-06-01")
        assert timeline.status_of("ARM", "2025-06-01", track=Track.PARTICIPATION) is Status.FROZEN

    def test_parliamentary_observers_are_known_only_to_the_year(self, timeline: Timeline) -> None:
        assert timeline.members_on("2014", org="CSTO-PA", status="observer").codes == ("AFG", "SRB")
        with pytest.raises(UncertainStatusError):
            timeline.status_of("SRB", "2013-06-01", org="CSTO-PA")
        assert timeline.status_of("SRB", "2015-01-01", org="CSTO") is None

    def test_following_seed_000_moves_uzbekistans_return_to_2005(self, timeline: Timeline) -> None:
        assert timeline.status_of("UZB", "2005-12-31") is None
        assert timeline.according_to("seed-000").status_of("UZB", "2005-12-31") is Status.MEMBER

    def test_seed_001_is_the_roster_that_disagrees(self, timeline: Timeline) -> None:
        disagreements = timeline.roster_disagreements()
        assert [(r.source.id, sorted(s.alpha3 for s in extra)) for r, extra, _ in disagreements] == [("seed-001", ["UZB"])]

    def test_following_a_source_cited_only_by_followed_claims_changes_nothing(self, timeline: Timeline) -> None:
        for source_id in timeline.sources:
            cites_a_rival = any(c.cites(source_id) for e in timeline.events() for c in e.competing)
            if cites_a_rival:
                continue
            alternative = timeline.according_to(source_id)
            for org in ("CST", "CSTO", "CSTO-PA", "alliance"):
                assert alternative.spells(org=org) == timeline.spells(org=org), source_id

    def test_every_source_gives_a_derivable_account(self, timeline: Timeline) -> None:
        for source_id in timeline.sources:
            timeline.according_to(source_id)


class TestParticipationActs:
    def test_the_armenian_parliament_stopped_taking_part_in_the_assembly_in_december_2023(self, timeline: Timeline) -> None:
        """Armenia's parliament is frozen in the Parliamentary Assembly from 5 December 2023 while remaining its member."""
        assert timeline.participation_of("ARM", "2023-12-04", org="CSTO-PA") is Status.ACTIVE
        assert timeline.participation_of("ARM", "2023-12-05", org="CSTO-PA") is Status.FROZEN
        assert timeline.status_of("ARM", "2026-02-17", org="CSTO-PA") is Status.MEMBER
        rivals = {str(c.date) for c in timeline.event("arm-2023-csto-pa-freeze").competing}
        assert {"2023-12-07", "2023-12-19", "2023-11-22"} <= rivals

    def test_uzbekistans_1998_moratorium_is_known_to_the_year_and_ends_with_the_lapse(self, timeline: Timeline) -> None:
        """Uzbekistan's 1998 freeze on the treaty is undecided inside 1998 and closed by the lapse of 20 April 1999."""
        assert timeline.participation_of("UZB", "1998-12-31", org="CST") is Status.FROZEN
        with pytest.raises(UncertainStatusError):
            timeline.participation_of("UZB", "1998-06-01", org="CST")
        assert timeline.status_of("UZB", "1999-04-20", org="CST") is Status.MEMBER
        assert timeline.status_of("UZB", "1999-04-21", org="CST") is None

    def test_every_participation_act_is_on_the_participation_track(self, timeline: Timeline) -> None:
        """Freezes and idle seats change participation, never legal status."""
        acts = [e for e in timeline.events() if e.effective_kind in {EventKind.FREEZE, EventKind.PARTICIPATION_CEASED}]
        assert {e.id.split("/")[0] for e in acts} >= {"arm-2023-csto-pa-freeze", "arm-2024-freeze", "uzb-1998-cst-freeze"}
        for event in acts:
            before = event.date.earliest.fromordinal(event.date.earliest.toordinal() - 1).isoformat()
            after = event.date.latest.isoformat()
            body = event.body
            assert timeline.status_of(event.state.alpha3, before, org=body) == timeline.status_of(event.state.alpha3, after, org=body)


class TestCorrectionsOfRelease020:
    def test_the_army_day_message_is_dated_to_28_january_2026(self, timeline: Timeline) -> None:
        """The Army Day message is dated to the day, not the month."""
        assert str(timeline.event("arm-2026-army-day-message").date) == "2026-01-28"

    def test_georgias_signature_rests_on_gibler_as_well(self, timeline: Timeline) -> None:
        """Georgia's 9 December 1993 signature cites Gibler's reference work, not only Wikipedia-derived texts."""
        event = timeline.event("geo-1993-cst-signature")
        assert str(event.date) == "1993-12-09"
        assert event.claim.cites("gibler-2009-4-1442")

    def test_the_assembly_partner_status_was_proposed_on_1_july_2021(self, timeline: Timeline) -> None:
        """The Duma item of 1 July 2021 is cited for a proposal, and the summary does not say the status was created."""
        event = timeline.event("csto-pa-2021-partner-institution")
        assert event.claim.cites("duma-2021-51944")
        assert "proposes" in event.summary
        assert "creates" not in event.summary

    def test_the_turkmenistan_item_is_described_as_what_it_is(self, timeline: Timeline) -> None:
        """TASS 1505877 is the Ashgabat item of 11 September 2022 on Turkmenistan."""
        source = timeline.source("tass-2022-1505877")
        assert str(source.published) == "2022-09-11"
        assert "Turkmenistan" in source.title

    def test_uzbekistans_suspension_covers_the_treaty_body_and_says_why(self, timeline: Timeline) -> None:
        """The 2012 suspension applies to the CST as well as the CSTO, and the record explains the choice."""
        assert timeline.status_of("UZB", "2013-01-01", org="CST") is Status.SUSPENDED
        assert timeline.status_of("UZB", "2013-01-01", org="CSTO") is Status.SUSPENDED
        assert "treaty (CST) as well" in (timeline.event("uzb-2012-suspension/CST").note or "")

    def test_the_record_has_a_version_and_is_checked_to_february_2026(self, timeline: Timeline) -> None:
        """The record carries its own version and release date, and its as_of is the latest material found."""
        assert timeline.info.version == "0.2.0"
        assert str(timeline.info.released) == "2026-11-30"
        assert str(timeline.info.as_of) == "2026-02-17"
