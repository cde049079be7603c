"""Reading Correlates of War IGO v3 files and writing COW state-year codes.

The excerpt in tests/data holds real rows of COW IGO v3 (CSTO, CIS, NATO and
two stretches of CCNR around a gap in the file) for 29 state columns, and the
matching rows of COW's states2016.csv. Expected values come from COW's own
cells (read independently with the csv module) or from well-known dates.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import itertools
import re
import sys
import tomllib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import csto_timeline
from csto_timeline import (
    COW_SOURCE,
    CowRow,
    DataError,
    OutsideCoverageError,
    Status,
    UncertainStatusError,
    UnknownBodyError,
    code_of,
    cow_state,
    read_cow,
    to_cow,
)
from csto_timeline import _cow_cache as cow_cache
from csto_timeline import _cow_read as cow_read
from csto_timeline._cow_table import RUN, _segments, parse_table
from csto_timeline._resources import bundled_root, bundled_states
from csto_timeline._states import State
from csto_timeline.exceptions import DateError, UnknownStateError, VocabularyError

ROOT = Path(__file__).resolve().parents[1]

DATA = Path(__file__).parent / "data"
EXCERPT = DATA / "igo_year_excerpt.csv"
STATE_LIST = DATA / "states2016.csv"
HEADER = "ioname,orgname,year,longorgname"

# Every state number of COW State System Membership v2016 (states2016.csv).
COW_V2016 = (
    2, 20, 31, 40, 41, 42, 51, 52, 53, 54, 55, 56, 57, 58, 60, 70, 80, 90, 91, 92, 93, 94, 95, 100, 101, 110,
    115, 130, 135, 140, 145, 150, 155, 160, 165, 200, 205, 210, 211, 212, 220, 221, 223, 225, 230, 232, 235,
    240, 245, 255, 260, 265, 267, 269, 271, 273, 275, 280, 290, 300, 305, 310, 315, 316, 317, 325, 327, 329,
    331, 332, 335, 337, 338, 339, 341, 343, 344, 345, 346, 347, 349, 350, 352, 355, 359, 360, 365, 366, 367,
    368, 369, 370, 371, 372, 373, 375, 380, 385, 390, 395, 402, 403, 404, 411, 420, 432, 433, 434, 435, 436,
    437, 438, 439, 450, 451, 452, 461, 471, 475, 481, 482, 483, 484, 490, 500, 501, 510, 511, 516, 517, 520,
    522, 530, 531, 540, 541, 551, 552, 553, 560, 565, 570, 571, 572, 580, 581, 590, 591, 600, 615, 616, 620,
    625, 626, 630, 640, 645, 651, 652, 660, 663, 666, 670, 678, 679, 680, 690, 692, 694, 696, 698, 700, 701,
    702, 703, 704, 705, 710, 712, 713, 730, 731, 732, 740, 750, 760, 770, 771, 775, 780, 781, 790, 800, 811,
    812, 816, 817, 820, 830, 835, 840, 850, 860, 900, 910, 920, 935, 940, 946, 947, 950, 955, 970, 983, 986,
    987, 990,
)  # fmt: skip


@pytest.fixture(name="cow", scope="module")
def _cow() -> csto_timeline.Timeline:
    return read_cow(DATA / "igo_year_excerpt.csv.gz")


def tiny(rows: str, columns: str = "armenia,uzbekistan") -> io.StringIO:
    """An IGO-year file with the given state columns and data rows."""
    return io.StringIO(f"{HEADER},{columns}\n{rows}")


def read_tiny(rows: str, columns: str = "armenia,uzbekistan", **options: object) -> csto_timeline.Timeline:
    return read_cow(tiny(rows, columns), state_list=STATE_LIST, **options)  # type: ignore[arg-type]


def excerpt_cells() -> dict[tuple[str, int, str], int]:
    """(ioname, year, column) -> code, read straight from the excerpt (empty cells as -1)."""
    cells = {}
    with EXCERPT.open(encoding="utf-8", newline="") as file:
        for row in csv.DictReader(file):
            for column, value in row.items():
                if column in {"ioname", "orgname", "year"} or column in META:
                    continue
                cells[(row["ioname"], int(row["year"]), column)] = int(value) if value else -1
    return cells


META = {
    "sdate", "deaddate", "dead", "integrated", "replaced", "longorgname", "ionum", "igocode", "version",
    "accuracyofpre1965membershipdates", "sourcesandnotes", "imputed", "political", "social", "economic",
}  # fmt: skip


def column_states() -> dict[str, State]:
    with STATE_LIST.open(encoding="utf-8", newline="") as file:
        return {row["state"]: cow_state(int(row["ccode"])) for row in csv.DictReader(file)}


# ------------------------------------------------------------------ reading


def test_gzip_and_plain_files_and_open_files_read_alike(cow: csto_timeline.Timeline) -> None:
    def spells(timeline: csto_timeline.Timeline) -> list[str]:
        return [repr(spell) for org in sorted(timeline.bodies) for spell in timeline.spells(org=org)]

    expected = spells(cow)
    assert spells(read_cow(EXCERPT)) == expected
    assert spells(read_cow(str(EXCERPT))) == expected
    with EXCERPT.open("rb") as binary:
        assert spells(read_cow(binary)) == expected
    with gzip.open(DATA / "igo_year_excerpt.csv.gz", "rt", encoding="utf-8") as text:
        assert spells(read_cow(text)) == expected
    with (DATA / "igo_year_excerpt.csv.gz").open("rb") as compressed:
        assert spells(read_cow(compressed)) == expected


def test_each_igo_is_a_body_named_by_its_short_and_long_names(cow: csto_timeline.Timeline) -> None:
    assert set(cow.bodies) == {"CSTO", "CIS", "NATO", "CCNR"}
    csto = cow.bodies["CSTO"]
    assert csto.name == "Collective Security Treaty Organization (CSTO)"
    assert "Collective Security Treaty Organization" in csto.aliases
    assert (csto.coverage_start, csto.coverage_end) == (dt.date(2002, 1, 1), dt.date(2014, 12, 31))
    assert "North Atlantic Treaty Org" in cow.bodies["NATO"].aliases


@pytest.mark.parametrize(
    "name",
    [
        "NATO",
        "nato",
        "North Atlantic Treaty Organization",
        "North Atlantic Treaty Org",
        "North Atlantic Treaty Organization (NATO)",
    ],
)
def test_organizations_are_found_by_short_or_long_name(cow: csto_timeline.Timeline, name: str) -> None:
    assert cow.org(name) == "NATO"


def test_the_dataset_is_cited_once_with_its_article(cow: csto_timeline.Timeline) -> None:
    assert list(cow.sources) == ["cow-igo-v3"]
    assert "Journal of Peace Research 57(3)" in COW_SOURCE.says
    assert "Pevehouse" in COW_SOURCE.says


def test_every_cell_of_the_excerpt_comes_back_from_to_cow(cow: csto_timeline.Timeline) -> None:
    cells = excerpt_cells()
    states = column_states()
    for ioname in ("CSTO", "CIS", "NATO", "CCNR"):
        years = sorted({year for (org, year, _) in cells if org == ioname})
        rows = to_cow(cow, org=ioname, start_year=years[0], end_year=years[-1], states=list(states.values()))
        exported = {(row.year, row.state): row.code for row in rows}
        for (org, year, column), code in cells.items():
            if org == ioname:
                assert exported[(year, states[column].alpha3)] == code, (org, year, column)


def test_uzbekistan_is_a_full_csto_member_2002_to_2011_in_cow(cow: csto_timeline.Timeline) -> None:
    # The data README and the anchor survey both report this coding.
    assert cow.history("UZB", org="CSTO")[0].status is Status.MEMBER
    for year in range(2003, 2012):
        assert cow.status_of("UZB", str(year), org="CSTO") is Status.MEMBER
    assert cow.status_of("UZB", "2013", org="CSTO") is None


def test_a_change_is_dated_to_the_year_of_the_first_new_cell(cow: csto_timeline.Timeline) -> None:
    with pytest.raises(UncertainStatusError) as caught:
        cow.status_of("UZB", "2012", org="CSTO")
    assert set(caught.value.possible) == {Status.MEMBER, None}
    assert cow.status_of("UZB", "2012-12-31", org="CSTO") is None
    assert cow.status_of("UZB", "2011-12-31", org="CSTO") is Status.MEMBER


def test_missing_cells_are_undecided_never_non_membership() -> None:
    cow = read_tiny("X,X igo,2000,X igo,-9,1\nX,X igo,2001,X igo,-9,1\n")
    with pytest.raises(UncertainStatusError) as caught:
        cow.status_of("ARM", "2000-06-01", org="X")
    assert Status.UNKNOWN in caught.value.possible
    members = cow.members_on("2000-06-01", org="X")
    assert "ARM" not in members
    assert "ARM" in members.uncertain_codes


def test_cells_of_states_outside_the_system_are_outside_coverage(cow: csto_timeline.Timeline) -> None:
    # Czechoslovakia was dissolved at the end of 1992: COW leaves its cells empty from 1993.
    with pytest.raises(OutsideCoverageError):
        cow.status_of("CSK", "1995", org="NATO")
    assert "CSK" not in cow.members_on("1995", org="NATO")
    assert "CSK" not in cow.members_on("1995", org="NATO").uncertain_codes
    explicit = read_tiny("X,X igo,2000,X igo,-1,1\n")
    with pytest.raises(OutsideCoverageError):
        explicit.status_of("ARM", "2000-06-01", org="X")


def test_dates_outside_an_igos_rows_are_outside_coverage(cow: csto_timeline.Timeline) -> None:
    with pytest.raises(OutsideCoverageError):
        cow.members_on("2001-06-01", org="CSTO")
    with pytest.raises(OutsideCoverageError):
        cow.status_of("RUS", "2015", org="CSTO")


def test_years_without_rows_between_differing_rows_are_unknown() -> None:
    cow = read_tiny("X,X igo,1950,X igo,0,1\nX,X igo,1955,X igo,1,1\n")
    with pytest.raises(UncertainStatusError) as caught:
        cow.status_of("ARM", "1952", org="X")
    assert Status.UNKNOWN in caught.value.possible
    assert cow.status_of("ARM", "1950", org="X") is None
    assert cow.status_of("ARM", "1955-12-31", org="X") is Status.MEMBER
    # Uzbekistan's rows agree, so the years between keep the status.
    assert cow.status_of("UZB", "1952", org="X") is Status.MEMBER


def test_gaps_unknown_leaves_every_unobserved_year_undecided() -> None:
    cow = read_tiny("X,X igo,1950,X igo,0,1\nX,X igo,1955,X igo,1,1\n", gaps="unknown")
    with pytest.raises(UncertainStatusError):
        cow.status_of("UZB", "1952", org="X")
    assert cow.status_of("UZB", "1950-12-31", org="X") is Status.MEMBER


def test_the_real_gap_in_the_rhine_commission_rows(cow: csto_timeline.Timeline) -> None:
    # COW has no CCNR rows for 1870-1905; Bavaria (a member in 1869) left the state system in 1871.
    assert cow.status_of("FRA", "1880", org="CCNR") is Status.MEMBER
    with pytest.raises(UncertainStatusError):
        cow.status_of("XBA", "1880", org="CCNR")
    with pytest.raises(OutsideCoverageError):
        cow.status_of("XBA", "1907", org="CCNR")


def test_orgs_reads_only_the_named_igos() -> None:
    cow = read_cow(EXCERPT, orgs=["csto"])
    assert list(cow.bodies) == ["CSTO"]
    assert list(read_cow(EXCERPT, orgs="CIS").bodies) == ["CIS"]
    assert cow.members_on("2010-06-01").codes == ("ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK", "UZB")
    with pytest.raises(UnknownBodyError, match="'WTO'"):
        read_cow(EXCERPT, orgs=["WTO"])


def test_states_come_from_the_registry_or_the_crosswalk(cow: csto_timeline.Timeline) -> None:
    registry = bundled_states()
    assert cow.state("SRB") is registry.lookup("SRB")  # COW 345, column yugoslaviaserb
    assert cow.state("UZB") is registry.lookup("UZB")
    bavaria = cow.state("XBA")
    assert (bavaria.name, bavaria.alpha2, bavaria.cow) == ("Bavaria", None, 245)
    assert cow.state("Czechoslovakia").alpha3 == "CSK"
    assert cow.state("German Democratic Republic").alpha3 == "DDR"  # COW's name kept as an alias
    assert cow.state("XWG").cow == 260


def test_cow_state_rejects_numbers_outside_the_state_list() -> None:
    assert cow_state(704) is bundled_states().lookup("UZB")
    with pytest.raises(DataError, match="999"):
        cow_state(999)


# --------------------------------------------------------------- crosswalk


def crosswalk() -> list[dict[str, str]]:
    path = Path(str(bundled_root().joinpath("data").joinpath("cow_states.csv")))
    with path.open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def test_crosswalk_has_one_row_per_cow_state() -> None:
    rows = crosswalk()
    assert sorted(int(row["ccode"]) for row in rows) == sorted(COW_V2016)
    assert len({row["alpha3"] for row in rows}) == len(rows)
    assert all(list(row) == ["ccode", "alpha3", "alpha2", "name", "aliases", "note"] for row in rows)


def test_crosswalk_codes_are_well_formed_and_explained() -> None:
    for row in crosswalk():
        assert re.fullmatch("[A-Z]{3}", row["alpha3"]), row
        if row["alpha3"].startswith("X"):
            assert row["note"], row  # user-assigned codes always say why
            assert row["alpha2"] in ("", "XK"), row
        else:
            assert re.fullmatch("[A-Z]{2}", row["alpha2"]), row


def test_crosswalk_agrees_with_states_toml_and_completes_the_registry() -> None:
    """Rows for states of data/states.toml repeat its codes; the others join the registry."""
    named = {s["cow"]: s for s in tomllib.loads((ROOT / "data" / "states.toml").read_text(encoding="utf-8"))["states"]}
    registry = bundled_states()
    for row in crosswalk():
        ccode = int(row["ccode"])
        if ccode in named:
            assert (named[ccode]["alpha3"], named[ccode]["alpha2"]) == (row["alpha3"], row["alpha2"])
            assert "registry" in row["note"]
            assert not row["aliases"]  # states.toml carries this state's aliases
        state = registry.by_cow(ccode)
        assert state is not None
        assert state.alpha3 == row["alpha3"]
        for alias in filter(None, row["aliases"].split(";")):
            assert registry.lookup(alias) is state
    assert len(registry) == 217


@pytest.mark.parametrize(
    ("ccode", "alpha3"),
    [(365, "RUS"), (315, "CSK"), (265, "DDR"), (680, "YMD"), (679, "YEM"), (816, "VNM"), (255, "DEU"), (345, "SRB")],
)
def test_well_known_cow_numbers_map_to_their_iso_codes(ccode: int, alpha3: str) -> None:
    assert cow_state(ccode).alpha3 == alpha3


# ---------------------------------------------------------------- queries


def test_members_of_an_igo_in_a_year(cow: csto_timeline.Timeline) -> None:
    nato_1995 = cow.members_on("1995", org="NATO")
    assert {"USA", "CAN", "GBR", "FRA", "DEU", "GRC", "TUR"} <= set(nato_1995.codes)
    assert "POL" not in nato_1995  # Poland joined NATO on 12 March 1999
    nato_1999 = cow.members_on("1999", org="North Atlantic Treaty Organization")
    assert {"POL", "CZE"} <= set(nato_1999.uncertain_codes)
    assert {"POL", "CZE"} <= set(cow.members_on("1999-12-31", org="NATO").codes)


def test_organizations_a_state_belonged_to_on_a_date(cow: csto_timeline.Timeline) -> None:
    assert cow.organizations_of("RUS", "2005-06-01") == ("CIS", "CSTO")
    assert cow.organizations_of("USA", "2005-06-01") == ("NATO",)
    # COW codes Ukraine an associate of the CIS from 1993.
    assert cow.organizations_of("UKR", "2005-06-01", status="associate") == ("CIS",)


def test_joint_memberships_of_two_states(cow: csto_timeline.Timeline) -> None:
    (joint,) = cow.co_members("RUS", "UZB", org="CSTO")
    assert (str(joint.start), str(joint.end)) == ("2002", "2012")


def test_georgia_leaves_the_cis_in_2008_in_cow(cow: csto_timeline.Timeline) -> None:
    # The anchor survey notes COW's CIS row: Georgia 1 through 2007 and 0 from 2008.
    assert cow.status_of("GEO", "2007", org="CIS") is Status.MEMBER
    assert cow.status_of("GEO", "2009", org="CIS") is None


def test_a_record_says_which_cells_it_rests_on(cow: csto_timeline.Timeline) -> None:
    explanation = cow.explain("UZB", "2005", org="CSTO")
    assert explanation.sources == ("cow-igo-v3",)
    says = explanation.decisions[0].event.claim.citations[0].says
    assert says == "COW codes uzbekistan 1 (full member) in CSTO for 2002-2011"


# ------------------------------------------------------------- bad files


def error_of(text: str, **options: object) -> DataError:
    stream = io.StringIO(text)
    stream.name = "bad.csv"  # type: ignore[misc]
    with pytest.raises(DataError) as caught:
        read_cow(stream, state_list=STATE_LIST, **options)  # type: ignore[arg-type]
    return caught.value


@pytest.mark.parametrize(
    ("text", "record", "problem"),
    [
        ("ioname,orgname,year,armenia\nX,X,2000,1\n", "line 1", "'longorgname' is missing"),
        (f"{HEADER},armenia\nX,X,2000,X,1\nX,X,2001,X,one\n", "line 3, column 'armenia'", "'one' is not an integer"),
        (f"{HEADER},armenia\nX,X,2000,X,1.5\n", "line 2, column 'armenia'", "not an integer"),
        (f"{HEADER},armenia\nX,X,2000,X,4\n", "line 2, column 'armenia'", "'4' is not a COW code"),
        (f"{HEADER},armenia\nX,X,2000,X,-2\n", "line 2, column 'armenia'", "accepted: -9, -1, 0, 1, 2, 3"),
        (
            f"{HEADER},atlantis\nX,X,2000,X,1\n",
            "line 1, column 'atlantis'",
            "neither a COW IGO metadata column nor a state",
        ),
        (
            f"{HEADER},armenia\nX,X,2000,X,1\nY,Y,2000,Y,1\nX,X,2000,X,0\n",
            "line 4, column 'year'",
            "X 2000 is given twice",
        ),
        (f"{HEADER},armenia\nX,X,MM,X,1\n", "line 2, column 'year'", "'MM' is not a year"),
        (f"{HEADER},armenia\nX,X,2000,X\n", "line 2", "has 4 cells, the header 5"),
        (f"{HEADER},armenia,armenia\nX,X,2000,X,1,1\n", "line 1, column 'armenia'", "appears twice"),
        (f"{HEADER},armenia\nX Y,X,2000,X,1\n", "line 2, column 'ioname'", "'X Y' is not an IGO short name"),
    ],
)
def test_malformed_files_are_rejected_naming_file_line_and_column(text: str, record: str, problem: str) -> None:
    error = error_of(text)
    assert error.file == "bad.csv"
    assert error.record == record
    assert problem in error.problem
    assert str(error).startswith(f"bad.csv: {record}: ")


def test_a_quoted_cell_spanning_lines_keeps_line_numbers_right() -> None:
    text = f'{HEADER},armenia\nX,X,2000,"two\nlines",1\nX,X,2001,X,9\n'
    assert error_of(text).record == "line 4, column 'armenia'"


def test_integral_decimals_such_as_pandas_writes_are_accepted() -> None:
    cow = read_tiny("X,X igo,2000,X igo,1.0,-9.0\n")
    assert cow.status_of("ARM", "2000-12-31", org="X") is Status.MEMBER


def test_without_a_state_list_the_error_says_what_to_pass(tmp_path: Path) -> None:
    igo = tmp_path / "igo.csv"
    igo.write_text(f"{HEADER},armenia\nX,X,2000,X,1\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"states2016\.csv") as caught:
        read_cow(igo)
    assert caught.value.file == str(igo)
    with pytest.raises(DataError, match="state_list="):
        read_cow(io.StringIO(f"{HEADER},armenia\nX,X,2000,X,1\n"))


def test_a_state_list_without_its_columns_is_rejected() -> None:
    with pytest.raises(DataError, match="'ccode' is missing"):
        read_cow(tiny("X,X,2000,X,1,1\n"), state_list=io.StringIO("code,state\n371,armenia\n"))


def test_a_missing_file_is_a_data_error(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="cannot read"):
        read_cow(tmp_path / "nothing.csv", state_list=STATE_LIST)


def test_an_unknown_gaps_option_is_rejected() -> None:
    with pytest.raises(VocabularyError, match="gaps='maybe'"):
        read_tiny("X,X,2000,X,1,1\n", gaps="maybe")


# ------------------------------------------------------------------ to_cow


def test_codes_of_statuses() -> None:
    assert [code_of(status) for status in (Status.MEMBER, Status.ASSOCIATE, Status.OBSERVER)] == [1, 2, 3]
    assert [code_of(status) for status in (Status.UNKNOWN, Status.UNCOVERED)] == [-9, -1]
    assert {code_of(status) for status in (Status.SIGNATORY, Status.SUSPENDED, Status.PARTNER, None)} == {0}


def test_our_cst_csto_record_in_cow_coding_is_one_call(timeline: csto_timeline.Timeline) -> None:
    rows = to_cow(timeline, start_year=1992, end_year=2014, states=["UZB"])
    codes = {row.year: row.code for row in rows}
    # In force 20 April 1994, lapsed 20 April 1999, restored 23 June 2006, suspended 19 December 2012.
    assert [year for year, code in codes.items() if code == 1] == [*range(1994, 1999), *range(2006, 2012)]
    assert set(codes.values()) == {0, 1}
    assert rows[0] == CowRow("alliance", "UZB", 704, 1992, 0)


def test_to_cow_defaults_to_every_state_with_a_spell(timeline: csto_timeline.Timeline) -> None:
    rows = to_cow(timeline, org="CSTO", start_year=2010, end_year=2010)
    assert [row.state for row in rows] == sorted({spell.state.alpha3 for spell in timeline.spells(org="CSTO")})
    assert {"ARM", "RUS", "UZB"} <= {row.state for row in rows}


def test_to_cow_codes_years_outside_coverage_minus_one(cow: csto_timeline.Timeline) -> None:
    rows = to_cow(cow, org="CSTO", start_year=2000, end_year=2002, states=["RUS"])
    assert [row.code for row in rows] == [-1, -1, 1]


def test_to_cow_covers_every_body_when_there_is_no_default(cow: csto_timeline.Timeline) -> None:
    rows = to_cow(cow, start_year=2010, end_year=2010, states=["RUS"])
    # The excerpt's CCNR rows end in 1908, so 2010 is outside their coverage.
    assert {row.org: row.code for row in rows} == {"CCNR": -1, "CIS": 1, "CSTO": 1, "NATO": 0}


def test_to_cow_writes_csv_and_pandas(timeline: csto_timeline.Timeline) -> None:
    text = to_cow(timeline, start_year=2012, end_year=2012, states=["UZB", "ARM"], output="csv")
    assert text == "org,state,ccode,year,code\nalliance,UZB,704,2012,0\nalliance,ARM,371,2012,1\n"
    frame = to_cow(timeline, start_year=2012, end_year=2013, states=["UZB"], output="pandas")
    assert list(frame.columns) == ["org", "state", "ccode", "year", "code"]
    assert frame["code"].tolist() == [0, 0]


def test_to_cow_explains_bad_years_and_states(timeline: csto_timeline.Timeline) -> None:
    with pytest.raises(DateError, match="end_year=1990 is before start_year=2000"):
        to_cow(timeline, start_year=2000, end_year=1990)
    with pytest.raises(DateError, match="start_year='2000'"):
        to_cow(timeline, start_year="2000", end_year=2001)  # type: ignore[arg-type]
    with pytest.raises(UnknownStateError):
        to_cow(timeline, start_year=2000, end_year=2001, states=["Atlantis"])


# ------------------------------------------------------------- round trip

COLUMNS = ("armenia", "uzbekistan", "czechoslovakia", "bavariaelect", "yugoslaviaserb")
CELLS = ("-9", "-1", "", "0", "1", "2", "3")


@st.composite
def cow_tables(draw: st.DrawFn) -> tuple[list[str], dict[str, list[int]], list[list[str]]]:
    """A small COW IGO-year table: state columns, each IGO's years, and rows of cells."""
    columns = draw(st.lists(st.sampled_from(COLUMNS), min_size=1, max_size=4, unique=True))
    years: dict[str, list[int]] = {}
    rows: list[list[str]] = []
    for ioname in draw(st.lists(st.sampled_from(("IGO-A", "IGO-B")), min_size=1, max_size=2, unique=True)):
        year = draw(st.sampled_from((1950, 1955, 1960, 1964, 1965, 1990)))
        observed = []
        for _ in range(draw(st.integers(1, 7))):
            observed.append(year)
            # COW v2 steps: five years before 1965, one after; sometimes a longer hole.
            year += draw(st.sampled_from((5, 5, 12))) if year < 1965 else draw(st.sampled_from((1, 1, 1, 3)))
        years[ioname] = observed
        for when in draw(st.permutations(observed)):
            cells = [draw(st.sampled_from(CELLS)) for _ in columns]
            rows.append([ioname, f"{ioname} long", str(when), f"{ioname} long name", *cells])
    return columns, years, rows


@given(cow_tables())
def test_read_then_export_gives_back_every_cell(table: tuple[list[str], dict[str, list[int]], list[list[str]]]) -> None:
    columns, years, rows = table
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows([["ioname", "orgname", "year", "longorgname", *columns], *rows])
    timeline = read_cow(io.StringIO(buffer.getvalue()), state_list=STATE_LIST)
    states = column_states()
    for ioname, observed in years.items():
        exported = {
            (row.year, row.state): row.code
            for row in to_cow(
                timeline, org=ioname, start_year=observed[0], end_year=observed[-1], states=[states[c] for c in columns]
            )
        }
        for row in rows:
            if row[0] != ioname:
                continue
            for column, cell in zip(columns, row[4:], strict=True):
                assert exported[(int(row[2]), states[column].alpha3)] == (int(cell) if cell else -1)


@given(cow_tables())
def test_unobserved_years_carry_agreeing_rows_and_are_unknown_between_differing_ones(
    table: tuple[list[str], dict[str, list[int]], list[list[str]]],
) -> None:
    columns, years, rows = table
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows([["ioname", "orgname", "year", "longorgname", *columns], *rows])
    timeline = read_cow(io.StringIO(buffer.getvalue()), state_list=STATE_LIST)
    states = column_states()
    cells = {
        (row[0], int(row[2]), column): int(cell) if cell else -1
        for row in rows
        for column, cell in zip(columns, row[4:], strict=True)
    }
    for ioname, observed in years.items():
        for column in columns:
            state = states[column]
            exported = {
                row.year: row.code
                for row in to_cow(timeline, org=ioname, start_year=observed[0], end_year=observed[-1], states=[state])
            }
            for before, after in itertools.pairwise(observed):
                a, b = cells[(ioname, before, column)], cells[(ioname, after, column)]
                for year in range(before + 1, after):
                    assert exported[year] == (a if a == b else -9)


def test_pandas_output_says_how_to_install_pandas(
    monkeypatch: pytest.MonkeyPatch, timeline: csto_timeline.Timeline
) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=r"pip install 'csto_timeline\[pandas\]'"):
        to_cow(timeline, start_year=2012, end_year=2012, output="pandas")


# ------------------------------------------------------------------ parsing


@given(cow_tables())
def test_the_row_wise_run_finder_matches_the_cell_by_cell_rule(
    table: tuple[list[str], dict[str, list[int]], list[list[str]]],
) -> None:
    """Runs found by comparing whole rows are the runs the cell-by-cell rule (`_segments`) finds."""
    columns, years, rows = table
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows([["ioname", "orgname", "year", "longorgname", *columns], *rows])
    codes = {column: state.cow for column, state in column_states().items() if state.cow is not None}
    parsed = parse_table(buffer.getvalue(), "t.csv", state_codes=codes, list_name="s", wanted=None, gaps="carry")
    expected: list[tuple[int, ...]] = []
    for number, (ioname, observed) in enumerate(years.items()):
        ordered = sorted(observed)
        for position in range(len(columns)):
            cells = {int(row[2]): row[4 + position] for row in rows if row[0] == ioname}
            values = [int(cells[year]) if cells[year] else -1 for year in ordered]
            if not any(values):
                continue
            found = _segments(ordered, values, "carry")
            for index, (first, code, filled) in enumerate(found):
                end = found[index + 1][0] if index + 1 < len(found) else 0
                if code:
                    expected.append((number, position, code, first, end, int(filled)))
    runs = parsed.runs
    assert [tuple(runs[i : i + RUN]) for i in range(0, len(runs), RUN)] == expected


# -------------------------------------------------------------------- cache


def cached_read(path: Path, directory: Path, **options: object) -> csto_timeline.Timeline:
    return read_cow(path, state_list=STATE_LIST, cache=directory, **options)  # type: ignore[arg-type]


class ParseCounter:
    """Counts the parses `read_cow` makes (a cache hit makes none)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        original = cow_read.parse_table

        def counting(*args: object, **kwargs: object) -> object:
            self.count += 1
            return original(*args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(cow_read, "parse_table", counting)


@pytest.fixture(name="parses")
def _parses(monkeypatch: pytest.MonkeyPatch) -> ParseCounter:
    return ParseCounter(monkeypatch)


def test_a_second_read_of_the_same_file_comes_from_the_cache(tmp_path: Path, parses: ParseCounter) -> None:
    """The second read parses nothing and gives the same timeline, events included."""
    first = cached_read(EXCERPT, tmp_path)
    second = cached_read(EXCERPT, tmp_path)
    assert parses.count == 1
    assert len(list(tmp_path.glob("cow-*.bin"))) == 1
    for org in first.bodies:
        assert first.spells(org=org) == second.spells(org=org)
    assert first.bodies == second.bodies
    assert first.events() == second.events()
    assert repr(first) == repr(second)


def test_the_cached_timeline_is_named_after_the_file_read(tmp_path: Path) -> None:
    """A copy of a file under another name hits the entry but keeps its own name in the title."""
    copy = tmp_path / "copy.csv"
    copy.write_bytes(EXCERPT.read_bytes())
    cached_read(EXCERPT, tmp_path / "cache")
    assert cached_read(copy, tmp_path / "cache").info.title.endswith("(copy.csv)")


def test_a_changed_file_is_read_again(tmp_path: Path, parses: ParseCounter) -> None:
    """Changing one cell changes the key: the file is parsed again and the new cell is read."""
    path = tmp_path / "igo.csv"
    path.write_text(f"{HEADER},armenia\nCSTO,C,2010,C long,1\nCSTO,C,2011,C long,1\n", encoding="utf-8")
    assert cached_read(path, tmp_path / "cache").status_of("ARM", "2011", org="CSTO") is Status.MEMBER
    path.write_text(f"{HEADER},armenia\nCSTO,C,2010,C long,1\nCSTO,C,2011,C long,3\n", encoding="utf-8")
    assert cached_read(path, tmp_path / "cache").status_of("ARM", "2011-12-31", org="CSTO") is Status.OBSERVER
    assert parses.count == 2


def test_options_are_part_of_the_key(tmp_path: Path, parses: ParseCounter) -> None:
    """Reading with other ``gaps`` or ``orgs`` never reads the entry of another choice."""
    cached_read(EXCERPT, tmp_path)
    assert sorted(cached_read(EXCERPT, tmp_path, orgs=["CSTO"]).bodies) == ["CSTO"]
    cached_read(EXCERPT, tmp_path, gaps="unknown")
    assert parses.count == 3


def test_a_new_library_version_never_reads_an_old_entry(
    tmp_path: Path, parses: ParseCounter, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An entry written by another version is neither read nor kept once a new entry is written."""
    cached_read(EXCERPT, tmp_path)
    monkeypatch.setattr(cow_cache, "_VERSION", "99.0.0")
    cached_read(EXCERPT, tmp_path)
    assert parses.count == 2
    assert [path.name.split("-")[1] for path in tmp_path.glob("cow-*.bin")] == ["99.0.0"]


@pytest.mark.parametrize("damage", ["truncate", "flip a byte", "empty", "wrong header", "foreign runs"])
def test_a_damaged_entry_is_rebuilt_never_trusted(tmp_path: Path, parses: ParseCounter, damage: str) -> None:
    """A truncated, altered or foreign entry is parsed again and replaced by a good one."""
    expected = cached_read(EXCERPT, tmp_path)
    (entry,) = tmp_path.glob("cow-*.bin")
    data = entry.read_bytes()
    if damage == "truncate":
        data = data[: len(data) // 2]
    elif damage == "flip a byte":
        data = data[:-5] + bytes([data[-5] ^ 0xFF]) + data[-4:]
    elif damage == "empty":
        data = b""
    elif damage == "wrong header":
        data = b"X" + data[1:]
    else:  # a well-formed entry whose runs point at an IGO that does not exist
        table = cow_cache.load_entry(entry)
        assert table is not None
        table.runs[0] = 99
        cow_cache.store_entry(entry, table)
        data = entry.read_bytes()
    entry.write_bytes(data)
    again = cached_read(EXCERPT, tmp_path)
    assert parses.count == 2
    assert again.spells(org="CSTO") == expected.spells(org="CSTO")
    assert cow_cache.load_entry(entry) is not None  # rewritten whole


def test_an_unwritable_cache_directory_still_loads(tmp_path: Path) -> None:
    """A cache path that cannot be made (under a file) is skipped silently."""
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory", encoding="utf-8")
    timeline = cached_read(EXCERPT, blocker / "cache")
    assert timeline.status_of("UZB", "2005", org="CSTO") is Status.MEMBER
    assert not (blocker / "cache").exists()


def test_cache_true_uses_the_environment_then_xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``cache=True`` writes to $CSTO_TIMELINE_CACHE_DIR, else to $XDG_CACHE_HOME/csto_timeline."""
    monkeypatch.setenv("CSTO_TIMELINE_CACHE_DIR", str(tmp_path / "named"))
    read_cow(EXCERPT, state_list=STATE_LIST, cache=True)
    assert len(list((tmp_path / "named").glob("cow-*.bin"))) == 1
    monkeypatch.delenv("CSTO_TIMELINE_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    read_cow(EXCERPT, state_list=STATE_LIST, cache=True)
    assert len(list((tmp_path / "xdg" / "csto_timeline").glob("cow-*.bin"))) == 1


@pytest.mark.parametrize("cache", [1, None, "", b"/tmp"])
def test_a_cache_option_of_another_type_is_a_type_error(cache: object) -> None:
    """``cache`` takes False, True or a directory path; anything else says so before reading."""
    with pytest.raises(TypeError, match="cache="):
        read_cow(EXCERPT, state_list=STATE_LIST, cache=cache)  # type: ignore[arg-type]
