"""The query engine against the day-by-day oracle, on random timelines."""

from __future__ import annotations

import datetime as dt
import itertools
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from csto_timeline import (
    MembershipRecord,
    PartialDate,
    Source,
    Status,
    Timeline,
    UncertainStatusError,
)

from . import oracle
from .strategies import SOURCE, STATES, build, record_lists

FIRST, LAST = dt.date(2000, 1, 1), dt.date(2016, 12, 31)
query_days = st.dates(min_value=FIRST, max_value=LAST)


@st.composite
def query_dates(draw: st.DrawFn) -> PartialDate:
    day = draw(query_days)
    precision = draw(st.sampled_from(("day", "day", "month", "year")))
    if precision == "year":
        return PartialDate.of(day.year)
    if precision == "month":
        return PartialDate.of(day.year, day.month)
    return PartialDate.from_date(day)


def orgs_of(records: list[MembershipRecord]) -> list[str]:
    return sorted({r.org for r in records})


def member_verdict(possible: set[Status | None]) -> str:
    if possible == {Status.MEMBER}:
        return "certain"
    if Status.MEMBER in possible or Status.UNKNOWN in possible:
        return "uncertain"
    return "no"


class TestAgainstOracle:
    @given(record_lists(), query_dates())
    def test_status_of_matches_the_oracle(self, records: list[MembershipRecord], when: PartialDate) -> None:
        """status_of answers exactly when one status is possible, and otherwise names the possible ones."""
        timeline = build(records)
        for org in orgs_of(records):
            for state in STATES:
                expected = oracle.possible_during(records, org, state, when.earliest, when.latest)
                if len(expected) == 1 and Status.UNKNOWN not in expected:
                    assert timeline.status_of(state, when, org=org) == next(iter(expected))
                else:
                    with pytest.raises(UncertainStatusError) as caught:
                        timeline.status_of(state, when, org=org)
                    assert set(caught.value.possible) == expected

    @given(record_lists(), query_dates())
    def test_members_on_matches_the_oracle(self, records: list[MembershipRecord], when: PartialDate) -> None:
        """members_on holds the certain members; uncertain holds those the evidence cannot decide."""
        timeline = build(records)
        for org in orgs_of(records):
            result = timeline.members_on(when, org=org)
            verdicts = {
                state: member_verdict(oracle.possible_during(records, org, state, when.earliest, when.latest))
                for state in STATES
            }
            assert set(result.codes) == {s for s, v in verdicts.items() if v == "certain"}
            assert set(result.uncertain_codes) == {s for s, v in verdicts.items() if v == "uncertain"}

    @given(record_lists(), query_dates())
    def test_organizations_of_matches_the_oracle(self, records: list[MembershipRecord], when: PartialDate) -> None:
        """A body is named exactly when the state certainly held the status there throughout the date."""
        timeline = build(records)
        for state in STATES:
            for status in (Status.MEMBER, Status.OBSERVER):
                expected = tuple(
                    org
                    for org in orgs_of(records)
                    if oracle.possible_during(records, org, state, when.earliest, when.latest) == {status}
                )
                assert timeline.organizations_of(state, when, status=status) == expected

    @given(record_lists(), query_dates(), query_dates())
    def test_members_during_matches_the_oracle(
        self, records: list[MembershipRecord], a: PartialDate, b: PartialDate
    ) -> None:
        """'all' needs membership on every day; 'any' on some day, counting a spell that must overlap."""
        start, end = sorted((a, b), key=PartialDate.sort_key)
        first, last = start.earliest, end.latest
        timeline = build(records)
        for org in orgs_of(records):
            every = timeline.members_during(start, end, org=org, mode="all")
            some = timeline.members_during(start, end, org=org, mode="any")
            for state in STATES:
                per_day = [oracle.possible_on(records, org, state, d) for d in oracle.days(first, last)]
                all_certain = all(p == {Status.MEMBER} for p in per_day)
                all_possible = all(Status.MEMBER in p or Status.UNKNOWN in p for p in per_day)
                assert (state in every.codes) == all_certain
                assert (state in every.uncertain_codes) == (all_possible and not all_certain)
                mine = [r for r in records if r.org == org and r.state == state]
                sure = any(
                    r.status is Status.MEMBER and r.start.latest <= last and (r.end is None or r.end.earliest > first)
                    for r in mine
                )
                maybe = any(  # a period recorded as unknown may have been membership
                    r.status in (Status.MEMBER, Status.UNKNOWN)
                    and r.start.earliest <= last
                    and (r.end is None or r.end.latest > first)
                    for r in mine
                )
                assert (state in some.codes) == sure
                assert (state in some.uncertain_codes) == (maybe and not sure)

    @given(record_lists(), st.lists(query_days, min_size=1, max_size=25))
    def test_replaying_changes_reproduces_status_of(self, records: list[MembershipRecord], probes: list[dt.date]) -> None:
        """Applying every change whose day is surely past gives the status on every decidable day."""
        timeline = build(records)
        for org in orgs_of(records):
            changes = timeline.changes(FIRST - dt.timedelta(days=4000), LAST + dt.timedelta(days=4000), org=org)
            assert list(changes) == sorted(changes, key=lambda c: (*c.date.sort_key(), c.state.alpha3))
            for day in probes:
                for state in STATES:
                    expected = oracle.possible_on(records, org, state, day)
                    if len(expected) != 1 or Status.UNKNOWN in expected:
                        continue
                    status: Status | None = None
                    for change in changes:
                        if change.state.alpha3 == state and change.date.latest <= day:
                            status = change.new
                    assert status == next(iter(expected))

    @given(record_lists(), query_dates(), query_dates())
    def test_changes_window_holds_exactly_the_changes_that_may_fall_in_it(
        self, records: list[MembershipRecord], a: PartialDate, b: PartialDate
    ) -> None:
        start, end = sorted((a, b), key=PartialDate.sort_key)
        timeline = build(records)
        for org in orgs_of(records):
            everything = timeline.changes("1900", "2100", org=org)
            window = timeline.changes(start, end, org=org)
            expected = [
                c for c in everything if c.date.earliest <= end.latest and c.date.latest >= start.earliest
            ]
            assert list(window) == expected
            for change in everything:
                assert change.old != change.new

    @given(record_lists(), st.lists(query_days, min_size=1, max_size=25))
    def test_co_members_agree_with_both_states_days(self, records: list[MembershipRecord], probes: list[dt.date]) -> None:
        """A day is certainly inside a joint spell exactly when both states are certainly members."""
        timeline = build(records)
        for org in orgs_of(records):
            for a in STATES[:3]:
                for b in STATES[3:]:
                    joint = timeline.co_members(a, b, org=org)
                    for day in probes:
                        both = all(
                            oracle.possible_on(records, org, s, day) == {Status.MEMBER} for s in (a, b)
                        )
                        inside = any(
                            j.start.latest <= day and (j.end is None or day < j.end.earliest) for j in joint
                        )
                        assert inside == both


class TestFastPaths:
    @given(record_lists(), st.lists(query_days, min_size=1, max_size=20))
    def test_a_date_gives_what_the_same_day_as_a_partial_date_gives(
        self, records: list[MembershipRecord], days: list[dt.date]
    ) -> None:
        """The datetime.date fast paths (taken once an org is indexed) agree with the general path."""
        timeline = build(records)
        orgs: list[str | None] = list(orgs_of(records))
        if len(orgs) == 1:
            orgs.append(None)  # the one body is the default, which has a fast path of its own
        for org in orgs:
            for day in days:
                slow = PartialDate.from_date(day)
                for _ in range(2):  # the first call builds the index; the second takes the fast path
                    fast_set, slow_set = timeline.members_on(day, org=org), timeline.members_on(slow, org=org)
                    assert fast_set == slow_set
                    assert fast_set.to_dict() == slow_set.to_dict()
                    assert repr(fast_set) == repr(slow_set)
                for text in (f"{day.year:04d}", f"{day.year:04d}-{day.month:02d}"):
                    for _ in range(2):  # the second call of a text period takes the period fast path
                        period, general_period = timeline.members_on(text, org=org), timeline.members_on(
                            PartialDate.parse(text), org=org
                        )
                        assert period == general_period
                        assert period.to_dict() == general_period.to_dict()
                # a code, a name and a State: the status fast path remembers each as given
                given = [*STATES, *(timeline.state(code).name for code in STATES), *map(timeline.state, STATES)]
                for state in given:
                    for _ in range(2):
                        assert timeline.organizations_of(state, day) == timeline.organizations_of(state, slow)
                        try:
                            fast = timeline.status_of(state, day, org=org)
                        except UncertainStatusError:
                            fast = "undecided"
                        try:
                            general = timeline.status_of(state, slow, org=org)
                        except UncertainStatusError:
                            general = "undecided"
                        assert fast == general


    def test_a_body_with_limited_coverage_is_checked_on_every_day_query(self) -> None:
        """Fast paths are per body: one body's coverage limit still holds once the other is fast."""
        from csto_timeline import OutsideCoverageError

        from .documents import document, event, timeline_of

        founding = [
            event(f"{body}-{kind}", kind, day, state=None, states=["RUS", "BLR"], body=body)
            for body in ("ORG", "OTHER")
            for kind, day in (("signature", "1955-05-14"), ("entry_into_force", "1955-06-04"))
        ]
        bodies = [
            {"id": "ORG", "name": "Test Organization", "kind": "organization", "coverage": ["1955", "1991"]},
            {"id": "OTHER", "name": "Other Organization", "kind": "organization"},
        ]
        timeline = timeline_of(document(founding, bodies=bodies))
        outside, inside = dt.date(1995, 1, 1), dt.date(1990, 1, 1)
        for _ in range(3):
            assert timeline.members_on(outside, org="OTHER").codes == ("BLR", "RUS")
            assert timeline.status_of("RUS", outside, org="OTHER") is Status.MEMBER
            assert timeline.members_on(inside, org="ORG").codes == ("BLR", "RUS")
            assert timeline.status_of("RUS", inside) is Status.MEMBER
            for org in ("ORG", None):
                with pytest.raises(OutsideCoverageError, match=r"1995, 1, 1\) is outside"):
                    timeline.members_on(outside, org=org)
                with pytest.raises(OutsideCoverageError, match=r"1995, 1, 1\) is outside"):
                    timeline.status_of("RUS", outside, org=org)


class TestInvariance:
    @given(record_lists(), st.randoms(use_true_random=False))
    def test_answers_do_not_depend_on_record_order(self, records: list[MembershipRecord], rnd: random.Random) -> None:
        shuffled = list(records)
        rnd.shuffle(shuffled)
        a, b = build(records), build(shuffled)
        for org in orgs_of(records):
            assert {(s.state, s.status, s.start, s.end) for s in a.spells(org=org)} == {
                (s.state, s.status, s.start, s.end) for s in b.spells(org=org)
            }
            for year in range(2000, 2012):
                assert a.members_on(str(year), org=org) == b.members_on(str(year), org=org)

    @given(record_lists())
    def test_following_a_source_with_no_claims_changes_nothing(self, records: list[MembershipRecord]) -> None:
        silent = Source.of("silent", "Cites nothing", publisher="tests", url="https://example.org/s", says="Nothing.")
        timeline = Timeline.from_records(records, sources=[SOURCE, silent])
        alternative = timeline.according_to("silent")
        for org in orgs_of(records):
            assert alternative.spells(org=org) == timeline.spells(org=org)

    @given(record_lists())
    def test_spells_never_overlap_and_are_ordered(self, records: list[MembershipRecord]) -> None:
        timeline = build(records)
        for org in orgs_of(records):
            for state in STATES:
                spells = list(timeline.history(state, org=org))
                for before, after in itertools.pairwise(spells):
                    assert before.end is not None
                    assert before.end == after.start or before.end.latest <= after.start.earliest


class TestDateArguments:
    def test_every_accepted_form_gives_the_same_answer(self, timeline: Timeline) -> None:
        forms = [
            dt.date(2010, 1, 1),
            dt.datetime(2010, 1, 1, 23, 59, tzinfo=dt.timezone(dt.timedelta(hours=5))),
            "2010-01-01",
            "1 January 2010",
            "January 1, 2010",
            PartialDate.of(2010, 1, 1),
        ]
        answers = {timeline.members_on(form) for form in forms}
        assert len(answers) == 1

    def test_an_aware_datetime_counts_by_its_own_calendar_date(self, timeline: Timeline) -> None:
        """The rule: the date a datetime shows in its own zone, not its UTC date."""
        moscow = dt.timezone(dt.timedelta(hours=4))
        just_after = dt.datetime(2012, 12, 19, 0, 30, tzinfo=moscow)  # 2012-12-18 in UTC
        assert timeline.status_of("UZB", just_after, org="CSTO") is Status.SUSPENDED

    @pytest.mark.parametrize("bad", ["05/04/1999", "2010-13-45", "", "   ", "garbage", "1999-02-30", "Smarch 2001"])
    def test_bad_dates_raise_a_value_error_quoting_the_input(self, timeline: Timeline, bad: str) -> None:
        with pytest.raises(ValueError, match="accepted") as caught:
            timeline.members_on(bad)
        assert repr(bad) in str(caught.value)


class TestRegressions:
    def test_organizations_of_leaves_out_bodies_whose_data_has_ended(self) -> None:
        """A Correlates of War IGO whose rows end in 1982 is not named for 2010."""
        import io

        from csto_timeline import OutsideCoverageError, read_cow

        igo = "ioname,orgname,year,longorgname,usa,canada\nOLD,O,1980,O,1,1\nOLD,O,1981,O,1,1\nOLD,O,1982,O,1,0\n"
        timeline = read_cow(io.StringIO(igo), state_list=io.StringIO("ccode,state\n2,usa\n20,canada\n"))
        assert timeline.organizations_of("USA", dt.date(1981, 6, 1)) == ("OLD",)
        assert timeline.organizations_of("USA", dt.date(2010, 6, 1)) == ()
        with pytest.raises(OutsideCoverageError):
            timeline.status_of("USA", dt.date(2010, 6, 1), org="OLD")

    @pytest.mark.parametrize("org", [[1], 3, ("CST",)])
    def test_an_org_that_is_not_a_string_is_an_unknown_body(self, timeline: Timeline, org: object) -> None:
        from csto_timeline import UnknownBodyError

        with pytest.raises(UnknownBodyError, match="is a"):
            timeline.members_on("2010", org=org)  # type: ignore[arg-type]

    def test_a_reversed_window_is_a_date_error(self, timeline: Timeline) -> None:
        from csto_timeline import DateError

        with pytest.raises(DateError, match=r"ends .* before it starts"):
            timeline.changes("2013", "2012")
        with pytest.raises(DateError, match=r"ends .* before it starts"):
            timeline.members_during("2013", "2012")

    def test_an_unknown_status_name_is_a_vocabulary_error(self, timeline: Timeline) -> None:
        from csto_timeline import TimelineError, VocabularyError

        with pytest.raises(VocabularyError, match="'foo' is not a known status") as caught:
            timeline.members_on("2010", status="foo")
        assert isinstance(caught.value, TimelineError)
        assert isinstance(caught.value, ValueError)

    def test_explaining_a_lapse_gives_the_first_day_outside(self, timeline: Timeline) -> None:
        text = str(timeline.explain("UZB", "2004-06-01"))
        assert "not related since 1999-04-21 (the day after the act of 1999-04-20, day)" in text

    def test_explaining_inside_an_unknown_period_names_the_record(self) -> None:
        src = Source.of("s", "t", publisher="p", url="https://x.org", says="s")
        records = [MembershipRecord.of("ORG", "ARM", "unknown", "2000-01-01", "2010-01-01", source=src)]
        why = Timeline.from_records(records, sources=[src]).explain("ARM", "2005-06-01")
        assert not why.decided
        assert [d.role for d in why.decisions] == ["recorded as unknown since"]


class TestReviewRegressions:
    """Bugs found in review, each checked here (each failed before its fix)."""

    def test_explain_answers_when_participation_changes_inside_the_period(self, timeline: Timeline) -> None:
        why = timeline.explain("ARM", "2024")
        assert why.status is Status.MEMBER
        assert why.participation is None
        assert "freeze of participation" in str(why)

    def test_explain_across_the_body_switch_names_both_openings(self, timeline: Timeline) -> None:
        why = timeline.explain("RUS", "2003")
        assert [(d.role, d.event.id) for d in why.decisions] == [
            ("since", "cst-1994-entry-into-force/RUS"),
            ("then", "csto-2003-charter-in-force/RUS"),
        ]

    def test_participation_statuses_can_be_listed(self, timeline: Timeline) -> None:
        assert timeline.members_on("2025-01-01", status="frozen").codes == ("ARM",)
        assert timeline.members_during("2024", "2025", status="frozen").codes == ("ARM",)
        assert timeline.organizations_of("ARM", "2025-01-01", status="frozen") == ("CST", "CSTO", "CSTO-PA")
        from csto_timeline import VocabularyError

        with pytest.raises(VocabularyError, match="participation_of"):
            timeline.members_on("2025-01-01", status="active")

    def test_the_participation_track_answers_active_for_a_member_taking_part(self, timeline: Timeline) -> None:
        assert timeline.status_of("ARM", "2023-01-01", track="participation") is Status.ACTIVE
        with pytest.raises(UncertainStatusError) as caught:
            timeline.status_of("ARM", "2024", track="participation")
        assert set(caught.value.possible) == {Status.ACTIVE, Status.FROZEN}

    def test_in_raises_for_a_misspelled_state(self, timeline: Timeline) -> None:
        from csto_timeline import UnknownStateError

        with pytest.raises(UnknownStateError, match="Kyrgyzstan"):
            "Kyrgystan" in timeline.members_on("2010-01-01")  # noqa: B015 - the lookup is the point

    def test_members_during_counts_unknown_periods_as_undecided(self) -> None:
        src = Source.of("s", "t", publisher="p", url="https://x.org", says="s")
        records = [MembershipRecord.of("ORG", "ARM", "unknown", "2001", "2003", source=src)]
        timeline = Timeline.from_records(records, sources=[src])
        assert timeline.members_during("2002", "2002", org="ORG").uncertain_codes == ("ARM",)
        assert timeline.members_during("2002", "2002", org="ORG", mode="all").uncertain_codes == ("ARM",)

    def test_a_name_shared_by_two_bodies_is_refused(self) -> None:
        from csto_timeline import Body, UnknownBodyError

        src = Source.of("s", "t", publisher="p", url="https://x.org", says="s")
        bodies = [Body("ECCA", "Eastern Caribb. Central Bank"), Body("ECCB", "Eastern Caribb. Central Bank")]
        records = [MembershipRecord.of(b.id, "ARM", "member", "2000", source=src) for b in bodies]
        timeline = Timeline.from_records(records, sources=[src], bodies=bodies)
        with pytest.raises(UnknownBodyError, match="names several organizations"):
            timeline.org("Eastern Caribb. Central Bank")
        assert timeline.org("ECCB") == "ECCB"

    def test_numpy_style_integer_years_are_accepted(self, timeline: Timeline) -> None:
        class Year:  # what numpy.int64 offers: __index__, not int
            def __init__(self, value: int) -> None:
                self.value = value

            def __index__(self) -> int:
                return self.value

        rows = csto_timeline_to_cow(timeline, Year(2005), Year(2006))
        assert [row.year for row in rows] == [2005, 2006]


def csto_timeline_to_cow(timeline: Timeline, first: object, last: object) -> list:
    from csto_timeline import to_cow

    return list(to_cow(timeline, start_year=first, end_year=last, states=["UZB"]))


def test_a_joint_spell_that_is_only_possible_says_so() -> None:
    src = Source.of("s", "t", publisher="p", url="https://x.org", says="s")
    records = [
        MembershipRecord.of("ORG", "ARM", "member", "2003", None, source=src),
        MembershipRecord.of("ORG", "RUS", "member", "1990", "2003", source=src),
    ]
    (joint,) = Timeline.from_records(records, sources=[src]).co_members("ARM", "RUS", org="ORG")
    assert not joint.certain
    assert repr(joint).endswith("(possible only)>")


def test_possible_statuses_refuses_a_range_that_ends_before_it_starts(timeline) -> None:
    """A reversed range is a DateError saying to give the earlier date first, not an empty answer."""
    from csto_timeline import DateError

    with pytest.raises(DateError, match="earlier date first"):
        timeline.possible_statuses("UZB", "2013", "2012")
