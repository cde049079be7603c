"""`to_cow` codes an organization's years as COW's codebook does, and the
evidence table of docs/cow.md matches COW's own file.

A year is -1 only when the body's coverage includes no day of it; in a year
the coverage starts or ends, a state is coded by the rule applied to the
covered days (a reference day outside them moves to the nearest covered day).
Expected cells come from the engine (`possible_statuses`, `status_of`) on the
day the rule names, never from `to_cow` itself.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import gzip
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from csto_timeline import (
    Body,
    MembershipRecord,
    OutsideCoverageError,
    Source,
    Status,
    Timeline,
    UncertainStatusError,
    code_of,
    compare,
    to_cow,
)

from .strategies import boundary_dates

ROOT = Path(__file__).resolve().parents[1]
COW_FILE = ROOT.parent / "shared" / "data" / "cow" / "igo_year_formatv3.csv.gz"
SOURCE = Source.of("register", "A test register", publisher="tests", url="https://example.org/", says="Test data.")
ORG = "UNION"
DAY_RULES = ("dec31", "last", "first", "07-01", "03-15")
SPAN_RULES = ("any", "all", "most")
FIRST_YEAR, LAST_YEAR = 1999, 2009


def union(records: list[MembershipRecord], first: dt.date | None, last: dt.date | None) -> Timeline:
    """A timeline of one body, UNION, covering ``first`` to ``last`` (None: unbounded)."""
    body = Body(ORG, "An illustrative union", coverage_start=first, coverage_end=last)
    return Timeline.from_records(records, sources=[SOURCE], bodies=[body])


def member(state: str, start: str, end: str | None = None, status: str = "member") -> MembershipRecord:
    return MembershipRecord.of(ORG, state, status, start, end, source=SOURCE)


def codes(timeline: Timeline, state: str, first: int, last: int, rule: str = "dec31") -> dict[int, int]:
    return {row.year: row.code for row in to_cow(timeline, start_year=first, end_year=last, states=[state], rule=rule)}


# ---------------------------------------------------------------- examples


def test_a_body_ending_mid_year_codes_its_final_year_by_its_last_day() -> None:
    """The final year of a coverage ending on 30 June is coded by that day, not -1."""
    timeline = union([member("KAZ", "1995-01-01")], dt.date(1995, 1, 1), dt.date(2005, 6, 30))
    assert timeline.status_of("KAZ", "2005-06-30", org=ORG) is Status.MEMBER
    assert codes(timeline, "KAZ", 2004, 2006) == {2004: 1, 2005: 1, 2006: -1}


def test_a_year_wholly_outside_the_coverage_is_minus_one() -> None:
    """Years before the first covered day and after the last are -1 under every rule."""
    timeline = union([member("KAZ", "1990-01-01")], dt.date(2001, 3, 1), dt.date(2005, 6, 30))
    for rule in (*DAY_RULES, *SPAN_RULES):
        found = codes(timeline, "KAZ", 2000, 2006, rule)
        assert (found[2000], found[2006]) == (-1, -1), rule
        with pytest.raises(OutsideCoverageError):
            timeline.status_of("KAZ", "2000-12-31", org=ORG)


def test_a_state_leaving_before_the_coverage_ends_is_not_coded_a_member() -> None:
    """A state that left before the body's last day is 0 in the final year under the default, 1 under "any"."""
    timeline = union([member("KGZ", "1995-01-01", "2005-03-01")], dt.date(1995, 1, 1), dt.date(2005, 6, 30))
    assert codes(timeline, "KGZ", 2005, 2005) == {2005: 0}
    assert codes(timeline, "KGZ", 2005, 2005, "any") == {2005: 1}


@pytest.mark.parametrize("rule", ["first", "07-01", "dec31", "all", "most", "any"])
def test_a_body_starting_mid_year_codes_its_first_year_by_its_covered_days(rule: str) -> None:
    """A body whose data start on 1 September codes a founding member 1 in that year, whatever the rule."""
    timeline = union([member("KAZ", "2000-09-01")], dt.date(2000, 9, 1), None)
    assert codes(timeline, "KAZ", 1999, 2001, rule) == {1999: -1, 2000: 1, 2001: 1}


def test_all_and_most_count_only_the_covered_days() -> None:
    """A member on every covered day of a partly covered year is a member under "all" and "most"."""
    timeline = union([member("KAZ", "1995-01-01")], dt.date(1995, 1, 1), dt.date(2005, 1, 10))
    assert codes(timeline, "KAZ", 2005, 2005, "all") == {2005: 1}
    assert codes(timeline, "KAZ", 2005, 2005, "most") == {2005: 1}


def test_an_uncovered_spell_on_the_coded_day_is_still_minus_one() -> None:
    """A state outside the system on the body's last covered day is -1 in the final year."""
    timeline = union(
        [member("RUS", "1995-01-01", "2005-01-01"), member("RUS", "2005-01-01", None, "uncovered")],
        dt.date(1995, 1, 1),
        dt.date(2005, 6, 30),
    )
    assert codes(timeline, "RUS", 2004, 2005) == {2004: 1, 2005: -1}


def test_compare_agrees_with_itself_on_a_partly_covered_year() -> None:
    """Comparing a timeline with itself finds no difference, in partly covered years included."""
    timeline = union(
        [member("KAZ", "1995-01-01"), member("KGZ", "2000-02-01")], dt.date(1995, 7, 1), dt.date(2005, 6, 30)
    )
    assert compare(timeline, timeline, org=ORG, start_year=1994, end_year=2006) == ()


# ---------------------------------------------------------------- properties


@st.composite
def coverages(draw: st.DrawFn) -> tuple[dt.date | None, dt.date | None]:
    """Coverage bounds inside the tested years, either of them possibly unbounded."""
    first = draw(st.none() | st.dates(dt.date(FIRST_YEAR, 1, 1), dt.date(LAST_YEAR, 12, 31)))
    low = first or dt.date(FIRST_YEAR, 1, 1)
    last = draw(st.none() | st.dates(low, dt.date(LAST_YEAR, 12, 31)))
    return first, last


@st.composite
def spell_records(draw: st.DrawFn, state: str) -> list[MembershipRecord]:
    """Records of one state that do not overlap, with day, month or year boundaries, gaps and every kind of status."""
    count = draw(st.integers(1, 4))
    dates = draw(boundary_dates(count * 2, first_year=FIRST_YEAR - 1))
    records = []
    for number in range(count):
        start, end = dates[2 * number], dates[2 * number + 1]
        if number > 0 and draw(st.booleans()):
            start = dates[2 * number - 1]  # adjacent to the previous record
        status = draw(st.sampled_from(("member", "observer", "associate", "suspended", "unknown", "uncovered")))
        open_ended = number == count - 1 and draw(st.booleans())
        records.append(MembershipRecord.of(ORG, state, status, start, None if open_ended else end, source=SOURCE))
    return records


def covered_days(timeline: Timeline, year: int) -> tuple[dt.date, dt.date] | None:
    """The first and last day of ``year`` inside the body's coverage, or None."""
    body = timeline.bodies[ORG]
    low = max(dt.date(year, 1, 1), body.coverage_start or dt.date.min)
    high = min(dt.date(year, 12, 31), body.coverage_end or dt.date.max)
    return (low, high) if low <= high else None


def reference_day(rule: str, year: int) -> dt.date:
    """The day of ``year`` a day rule names (before moving it into the coverage)."""
    if rule == "first":
        return dt.date(year, 1, 1)
    if rule in ("last", "dec31"):
        return dt.date(year, 12, 31)
    month, day = (int(part) for part in rule.split("-"))
    return dt.date(year, month, day)


def engine_code(possible: frozenset[Status | None]) -> int:
    """The COW code of what the engine allows: the one status's code, -9 when it allows several."""
    if len(possible) == 1:
        (only,) = possible
        return code_of(only)
    return -9


@given(
    coverage=coverages(),
    records=spell_records("KAZ"),
    rule=st.sampled_from(DAY_RULES),
)
def test_every_cell_under_a_day_rule_is_the_engines_answer_on_the_clamped_day(
    coverage: tuple[dt.date | None, dt.date | None], records: list[MembershipRecord], rule: str
) -> None:
    """Each cell is -1 for a year with no covered day, else what `possible_statuses` allows on the reference day moved into the coverage."""
    timeline = union(records, *coverage)
    found = codes(timeline, "KAZ", FIRST_YEAR, LAST_YEAR, rule)
    for year, code in found.items():
        days = covered_days(timeline, year)
        if days is None:
            assert code == -1, year
            with pytest.raises(OutsideCoverageError):
                timeline.status_of("KAZ", f"{year}-07-01", org=ORG)
            continue
        low, high = days
        day = min(max(reference_day(rule, year), low), high)
        possible = timeline.possible_statuses("KAZ", day.isoformat(), org=ORG)
        assert code == engine_code(possible), (year, day)
        if Status.UNCOVERED not in possible:  # the body covers the day: status_of answers or is undecided
            with contextlib.suppress(UncertainStatusError):
                timeline.status_of("KAZ", day.isoformat(), org=ORG)


@given(
    coverage=coverages(),
    records=spell_records("KAZ"),
    rule=st.sampled_from(SPAN_RULES),
)
def test_a_status_certain_on_every_covered_day_is_the_cell_under_any_all_and_most(
    coverage: tuple[dt.date | None, dt.date | None], records: list[MembershipRecord], rule: str
) -> None:
    """When the engine allows one status on every covered day of a year, "any", "all" and "most" code that status."""
    timeline = union(records, *coverage)
    found = codes(timeline, "KAZ", FIRST_YEAR, LAST_YEAR, rule)
    for year, code in found.items():
        days = covered_days(timeline, year)
        if days is None:
            assert code == -1, year
            continue
        possible = timeline.possible_statuses("KAZ", days[0].isoformat(), days[1].isoformat(), org=ORG)
        if len(possible) == 1:
            assert code == engine_code(possible), (year, possible)


# ---------------------------------------------------------------- the evidence table of docs/cow.md


def evidence_rows() -> list[tuple[str, str, int, int]]:
    """(ioname, state column, year, cell) for every cell the evidence table of docs/cow.md quotes."""
    text = (ROOT / "docs" / "cow.md").read_text(encoding="utf-8")
    section = text[text.index("**What COW's own cells do.**") : text.index("**Why 31 December is the default.**")]
    cells = []
    for line in section.splitlines():
        parts = [part.strip() for part in line.strip().strip("|").split("|")]
        if len(parts) != 5 or not re.fullmatch(r"[A-Za-z]+", parts[0]) or parts[0] == "IGO":
            continue
        cells += [(parts[0], parts[1], int(year), int(cell)) for year, cell in re.findall(r"(\d{4}): (-?\d)", parts[3])]
    return cells


def test_the_evidence_table_quotes_cells_of_six_cases() -> None:
    """The table of docs/cow.md lists the cells of six states, two or three years each."""
    rows = evidence_rows()
    assert len({(ioname, state) for ioname, state, _, _ in rows}) == 6
    assert len(rows) >= 12


@pytest.mark.skipif(not COW_FILE.exists(), reason=f"COW's IGO-year file is not at {COW_FILE}")
def test_the_evidence_table_matches_cows_file() -> None:
    """Every cell the evidence table of docs/cow.md quotes is the cell of COW's IGO-year file."""
    wanted_rows: dict[tuple[str, int], list[tuple[str, int]]] = {}
    for ioname, state, year, cell in evidence_rows():
        wanted_rows.setdefault((ioname, year), []).append((state, cell))
    seen = {}
    with gzip.open(COW_FILE, "rt", encoding="utf-8", newline="") as file:
        for row in csv.DictReader(file):
            for state, _ in wanted_rows.get((row["ioname"], int(row["year"])), ()):
                seen[(row["ioname"], state, int(row["year"]))] = int(row[state])
    expected = {(ioname, state, year): cell for (ioname, year), pairs in wanted_rows.items() for state, cell in pairs}
    assert seen == expected
