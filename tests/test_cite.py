"""Citations of the dataset, of sources and of the sources behind an answer; CITATION.cff; the CLI commands."""

from __future__ import annotations

import argparse
import json
import re
import tomllib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import csto_timeline
from csto_timeline import Source, UnknownSourceError, VocabularyError
from csto_timeline._cite import STYLES, cite, sources_of
from csto_timeline._cite_cli import apply_as_recorded, register
from csto_timeline._releases import Releases, as_recorded

ROOT = Path(__file__).resolve().parents[1]
COW = ROOT / "tests" / "data" / "igo_year_excerpt.csv"


@pytest.fixture(name="first", scope="module")
def _first() -> csto_timeline.Timeline:
    return as_recorded(csto_timeline.load(), "0.1.0")


def _balanced(text: str) -> bool:
    depth = 0
    for char in re.sub(r"\\[{}]", "", text):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


def test_the_dataset_citation_names_its_release_and_as_of_in_every_style(first: csto_timeline.Timeline) -> None:
    """APA, BibTeX and CSL-JSON each carry the release's version, its day and the as-of date."""
    info = first.info
    assert info.version is not None
    assert info.released is not None
    assert info.as_of is not None
    meta = Releases.bundled().citation
    assert meta is not None
    apa = cite(first)
    assert f"(Version {info.version}," in apa
    assert "[Data set]" in apa
    assert f"({info.released.year})" in apa
    bibtex = cite(first, "bibtex")
    assert f"version = {{{info.version}}}" in bibtex
    assert f"date = {{{info.released}}}" in bibtex
    assert _balanced(bibtex)
    (item,) = json.loads(cite(first, "csl-json"))
    assert (item["type"], item["version"], item["URL"]) == ("dataset", info.version, meta.url)
    assert item["issued"]["date-parts"] == [[info.released.year, info.released.month, info.released.day]]
    assert [author["literal"] for author in item["author"]] == list(meta.authors)
    for text in (apa, bibtex, item["note"]):
        assert str(info.as_of.year) in text
        assert "checked" in text


def test_a_timeline_of_another_dataset_is_cited_by_its_own_title() -> None:
    """A dataset that is not the bundled record is cited by its own title, without the bundled record's authors."""
    source = Source.of("reg", "A register", publisher="Office", url="https://example.org", says="Members.")
    timeline = csto_timeline.Timeline.from_records(
        [csto_timeline.MembershipRecord.of("UNION", "KAZ", "member", "2015", source=source)], title="A union", as_of="2020"
    )
    (item,) = json.loads(cite(timeline, "csl-json"))
    assert item["title"] == "A union"
    assert "author" not in item
    assert cite(timeline).startswith("A union. (2020)")


def test_citing_an_explanation_cites_every_source_behind_it(first: csto_timeline.Timeline) -> None:
    """An explanation's citation lists each source of its deciding events once, after the dataset when a timeline is given."""
    explanation = first.explain("UZB", "2013-01-01")
    wanted = [source.id for event in explanation.events for source in event.sources]
    assert [source.id for source in sources_of(explanation)] == list(dict.fromkeys(wanted))
    lines = cite(explanation, timeline=first).splitlines()
    assert lines[0] == cite(first)
    assert len(lines) == 1 + len(dict.fromkeys(wanted))
    for ident in dict.fromkeys(wanted):
        url = first.source(ident).url
        assert any(url is not None and url in line for line in lines)
    entries = json.loads(cite(explanation, "csl-json"))
    assert [entry["id"] for entry in entries] == list(dict.fromkeys(wanted))
    bibtex = cite(explanation, "bibtex", timeline=first)
    assert bibtex.count("\n@") == len(dict.fromkeys(wanted))
    assert _balanced(bibtex)


def test_citing_panel_rows_needs_the_timeline_and_cites_the_spells_in_their_periods(first: csto_timeline.Timeline) -> None:
    """Panel rows are cited by the sources of their state's spells in their periods; without a timeline, TypeError."""
    rows = first.to_panel(states=["UZB"], start="2012", end="2013", org="CSTO")
    with pytest.raises(TypeError, match="pass timeline="):
        cite(rows)
    expected = {
        source.id
        for row in rows
        for spell in first.history("UZB", org="CSTO")
        if spell.possibly_during(row.first_day, row.last_day)
        for event in (spell.opened_by, spell.closed_by)
        if event is not None
        for source in event.sources
    }
    assert {source.id for source in sources_of(rows, timeline=first)} == expected
    suspension = first.event("uzb-2012-suspension/CSTO")
    assert {source.id for source in suspension.sources} <= expected


def test_results_that_list_events_or_sources_are_citable(first: csto_timeline.Timeline) -> None:
    """A history, a list of changes, a claim, a roster claim and objects listing sources by id are all citable."""
    history = first.history("ARM")
    assert sources_of(history)
    changes = first.changes("2012-01-01", "2013-12-31")
    assert {s.id for s in sources_of(changes)} == {s.id for change in changes for s in change.event.sources}

    class Report:
        sources = ("seed-000", "seed-001")

    with pytest.raises(TypeError, match="pass timeline="):
        sources_of(Report())
    assert [s.id for s in sources_of([Report()], timeline=first)] == ["seed-000", "seed-001"]
    with pytest.raises(TypeError, match="names no sources"):
        cite(first.members_on("2010"))
    with pytest.raises(TypeError, match="nested more than"):
        sources_of([[[[[[first.source("seed-000")]]]]]])


def test_correlates_of_war_data_is_cited_as_its_authors_ask() -> None:
    """A timeline read by read_cow, and its source, are cited as the 2020 Journal of Peace Research article."""
    cow = csto_timeline.read_cow(COW)
    apa = cite(cow)
    assert apa.startswith("Pevehouse, J. C. W., Nordstrom, T., McManus, R. W., & Jamison, A. S. (2020).")
    assert "Journal of Peace Research, 57(3)" in apa
    assert "https://doi.org/10.1177/0022343319881175" in apa
    assert cite(csto_timeline.COW_SOURCE) == apa
    (item,) = json.loads(cite(cow, "csl-json"))
    assert (item["type"], item["DOI"], item["volume"], item["issue"]) == ("article-journal", "10.1177/0022343319881175", "57", "3")
    bibtex = cite(cow, "bibtex")
    assert bibtex.startswith("@article{")
    assert "journal = {Journal of Peace Research}" in bibtex
    assert cite(cow.explain("RUS", "2010", org="CSTO"), timeline=cow) == apa  # the article once, not twice


def test_an_unknown_style_is_refused_before_any_work(first: csto_timeline.Timeline) -> None:
    """A style other than apa, bibtex and csl-json raises VocabularyError quoting it and naming the accepted ones."""
    with pytest.raises(VocabularyError, match=r"'chicago'.*'apa', 'bibtex' or 'csl-json'"):
        cite(object(), "chicago")
    assert STYLES == ("apa", "bibtex", "csl-json")


TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=40).filter(str.strip)


@given(title=TEXT, publisher=TEXT, ident=st.from_regex(r"[A-Za-z0-9][A-Za-z0-9 ._/-]{0,20}[A-Za-z0-9]", fullmatch=True))
def test_any_source_gives_well_formed_bibtex_and_csl_json(title: str, publisher: str, ident: str) -> None:
    """Whatever a source's title and publisher hold, BibTeX braces balance, the key is plain and CSL-JSON keeps the text."""
    source = Source.of(ident, title, publisher=publisher, url="https://example.org/x", says="x", published="2020-05")
    bibtex = cite(source, "bibtex")
    assert _balanced(bibtex)
    assert re.match(r"@misc\{[A-Za-z0-9_.:-]+,\n", bibtex)
    (item,) = json.loads(cite(source, "csl-json"))
    assert (item["title"], item["publisher"], item["issued"]) == (title, publisher, {"date-parts": [[2020, 5]]})


def test_citation_file_agrees_with_the_release_index() -> None:
    """CITATION.cff holds CFF 1.2.0's required keys, and its title, authors, version and date are the index's."""
    yaml = pytest.importorskip("yaml", reason="PyYAML reads CITATION.cff")
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["cff-version"] == "1.2.0"
    assert isinstance(cff["message"], str)
    assert cff["message"].strip()
    releases = Releases.bundled()
    meta = releases.citation
    assert meta is not None
    assert cff["title"] == meta.title
    assert [author["name"] for author in cff["authors"]] == list(meta.authors)
    assert (str(cff["version"]), str(cff["date-released"])) == (releases.newest.version, str(releases.newest.released))
    assert cff["repository-code"] == meta.url
    assert cff["license"] == meta.license
    cow = next(reference for reference in cff["references"] if reference.get("doi"))
    assert cow["doi"] == "10.1177/0022343319881175"
    assert isinstance(cow["issue"], str)  # CFF types an issue as a string, a volume as an integer
    assert isinstance(cow["volume"], int)


def test_the_release_index_names_the_project_as_pyproject_does() -> None:
    """The citation's URL and licence are those of pyproject.toml."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    meta = Releases.bundled().citation
    assert meta is not None
    assert meta.license == project["license"]
    assert meta.authors == tuple(author["name"] for author in project["authors"])
    assert meta.url is not None
    assert meta.url in project["urls"]["Documentation"]


# ---------------------------------------------------------------------- CLI


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="csto-timeline")
    shared = argparse.ArgumentParser(add_help=False)
    shared.add_argument("--data")
    shared.add_argument("--according-to")
    shared.add_argument("--json", action="store_true")
    shared.add_argument("--as-recorded")
    register(parser.add_subparsers(dest="command", required=True), parents=[shared])
    return parser


def _run(*argv: str) -> tuple[str, object]:
    args = _parser().parse_args(argv)
    result = args.handler(args)
    assert result.status == 0
    return result.text, result.data


def test_cli_cite_prints_the_dataset_or_sources_in_each_style(first: csto_timeline.Timeline) -> None:
    """`cite` gives the dataset's citation as the library does, `--source` the sources', `--style csl-json` JSON data."""
    text, data = _run("cite", "--as-recorded", "0.1.0")
    assert text == cite(first)
    assert data == {"style": "apa", "citation": text}
    text, data = _run("cite", "--as-recorded", "0.1.0", "--style", "csl-json", "--source", "seed-000", "--source", "seed-001")
    assert [item["id"] for item in data] == ["seed-000", "seed-001"]  # type: ignore[attr-defined]
    assert json.loads(text) == data
    with pytest.raises(UnknownSourceError, match="'no-such-source'"):
        _run("cite", "--source", "no-such-source")


def test_cli_record_changes_gives_text_and_data() -> None:
    """`record-changes` prints the changes between two releases and gives them as data for --json."""
    text, data = _run("record-changes", "--since", "0.1.0", "--until", "0.1.0")
    assert "from 0.1.0" in text
    assert data == {"since": "0.1.0", "since_released": "2026-11-22", "until": "0.1.0", "until_released": "2026-11-22", "changes": []}
    parser = argparse.ArgumentParser()
    register(parser.add_subparsers(dest="command"))
    assert parser.parse_args(["record-changes", "--json"]).json  # added when no shared parser gives it


def test_the_as_recorded_option_applies_to_any_command_timeline() -> None:
    """--as-recorded turns the command's timeline into the release's; absent, the timeline is unchanged."""
    current = csto_timeline.load()
    assert apply_as_recorded(current, None) is current
    assert apply_as_recorded(current, "0.1.0").info.version == "0.1.0"


def test_a_claim_check_report_is_cited_by_the_sources_behind_its_verdicts() -> None:
    """Citing a check report gives the dataset, then the sources of the events its verdicts rest on."""
    timeline = csto_timeline.load()
    report = timeline.check("Uzbekistan rejoined the CSTO in 2005.", published="2014-12-23")
    expected = {source.id for claim in report for event in claim.events for source in timeline.event(event).sources}
    assert expected
    cited = {item["id"] for item in json.loads(timeline.cite(report, style="csl-json"))}
    assert expected <= cited


def test_citations_write_english_month_names_whatever_the_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    """A locale that renames the months (here, `calendar`'s names replaced as a German LC_TIME
    would) does not change a citation: its dates are written in English."""
    import calendar

    german = ["", "Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
              "November", "Dezember"]  # fmt: skip
    text = csto_timeline.cite(csto_timeline.load())
    monkeypatch.setattr(calendar, "month_name", german)
    assert csto_timeline.cite(csto_timeline.load()) == text
    assert "17 February 2026" in text
