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
