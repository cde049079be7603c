"""The claim checker: seeds, names, times, verdict rules, bad input, displays, ClaimReview and the CLI handler."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

import csto_timeline
from csto_timeline._check import MAX_TEXT, ClaimKind, Verdict, check, to_claimreview
from csto_timeline.cli import main
from csto_timeline.exceptions import DateError, TimelineError

ROOT = Path(__file__).resolve().parents[1]


def _one(timeline: csto_timeline.Timeline, text: str, published: str) -> tuple[str, tuple[str, ...], str]:
    report = check(text, published=published, timeline=timeline)
    assert len(report) == 1, report.items
    item = report.items[0]
    return item.kind.value, item.codes, item.verdict.value


def test_seed_000_rejoined_in_2005_is_false_and_names_its_sources(timeline: csto_timeline.Timeline) -> None:
    """Seed 000's 'rejoined in 2005' is false, and the why names the 2006 restoration and who repeats 2005."""
    text = (ROOT / "seeds/000_19816d5624441bec.txt").read_text(encoding="utf-8")
    report = check(text, published="2014-12-23", timeline=timeline)
    rejoined = [item for item in report if item.kind is ClaimKind.REJOINED]
    assert [item.verdict for item in rejoined] == [Verdict.FALSE]
    assert "uzb-2006-restoration" in " ".join(rejoined[0].events)
    assert "IANS" in rejoined[0].why
    assert rejoined[0].sources


def test_seed_001_member_list_with_uzbekistan_is_false(timeline: csto_timeline.Timeline) -> None:
    """Seed 001 lists Uzbekistan among the members in 2017: false, naming the suspension."""
    text = (ROOT / "seeds/001_b2a763e40a238bef.txt").read_text(encoding="utf-8")
    report = check(text, published="2017-04-12", timeline=timeline)
    lists = [item for item in report if item.kind is ClaimKind.MEMBER_LIST]
    assert len(lists) == 1
    assert lists[0].verdict is Verdict.FALSE
    assert "Uzbekistan" in lists[0].why
    assert "uzb-2012-suspension" in " ".join(lists[0].events)


def test_claims_come_in_text_order_with_offsets_of_their_quotes(timeline: csto_timeline.Timeline) -> None:
    """Every item's quote is text[start:end], and items are in text order."""
    text = (ROOT / "seeds/000_19816d5624441bec.txt").read_text(encoding="utf-8")
    report = check(text, published="2014-12-23", timeline=timeline)
    assert len(report) >= 5
    assert [item.start for item in report] == sorted(item.start for item in report)
    for item in report:
        assert text[item.start : item.end] == item.quote


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        (
            "The CSTO groups Kirgizia, Byelorussia, Armenia, Kazakhstan, Russia and Tajikistan.",
            "2015-01-01",
            ("member_list", "true"),
        ),
        ("The Kyrgyz Republic remains a member of the CSTO.", "2015-01-01", ("member_list", "true")),
        (
            "The Moscow-led bloc now consists of Russia, Armenia, Belarus, Kazakhstan, Kyrgyzstan, Tajikistan and Uzbekistan.",
            "2015-01-01",
            ("member_list", "false"),
        ),
        ("ODKB, the six-member bloc, met on Tuesday.", "2014-12-23", ("member_count", "true")),
        ("The seven-nation CSTO met on Tuesday.", "2014-12-23", ("member_count", "false")),
    ],
)
def test_names_of_states_and_of_the_organization_in_their_many_forms(
    timeline: csto_timeline.Timeline, text: str, published: str, expected: tuple[str, str]
) -> None:
    """Kirgizia, Byelorussia, the Kyrgyz Republic, ODKB and 'the Moscow-led bloc' are recognised."""
    kind, _codes, verdict = _one(timeline, text, published)
    assert (kind, verdict) == expected


def test_an_adjective_is_not_a_membership_claim(timeline: csto_timeline.Timeline) -> None:
    """'The Kazakh president' at a CSTO meeting makes no claim."""
    report = check(
        "The Kazakh president met CSTO defence ministers in Astana on Wednesday.",
        published="2018-05-23",
        timeline=timeline,
    )
    assert len(report) == 0


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("Uzbekistan suspended its membership in the CSTO in 2012.", "2021-09-28", ("suspended", ("UZB",), "true")),
        ("Uzbekistan withdrew from the CSTO in 2012.", "2014-12-23", ("left", ("UZB",), "partly")),
        ("In 1999 Uzbekistan left the CSTO.", "2012-06-28", ("left", ("UZB",), "partly")),
        ("In 1999 Uzbekistan refused to prolong the treaty.", "2012-06-28", ("left", ("UZB",), "true")),
        ("Uzbekistan rejoined the CSTO in 2006.", "2012-06-28", ("rejoined", ("UZB",), "true")),
        ("Armenia has frozen its participation in the CSTO.", "2024-02-23", ("frozen", ("ARM",), "true")),
        ("Armenia has suspended its participation in the CSTO.", "2024-02-23", ("suspended", ("ARM",), "true")),
        ("Armenia will leave the CSTO, Pashinyan said.", "2024-06-12", ("left", ("ARM",), "undecidable")),
        ("The CSTO was founded in 1992.", "2019-11-29", ("founded", (), "partly")),
        ("The CSTO was founded in 2002.", "2019-11-29", ("founded", (), "true")),
        ("The CSTO was founded in 1997.", "2019-11-29", ("founded", (), "false")),
        ("Serbia has observer status in the CSTO.", "2020-01-01", ("observer", ("SRB",), "partly")),
    ],
)
def test_verdict_rules_of_the_documentation(
    timeline: csto_timeline.Timeline, text: str, published: str, expected: tuple[str, tuple[str, ...], str]
) -> None:
    """Each verdict rule of docs/check.md on a minimal sentence."""
    assert _one(timeline, text, published) == expected


def test_a_request_reported_as_the_decision_is_partly_true(timeline: csto_timeline.Timeline) -> None:
    """On 28 June 2012 only Uzbekistan's request existed: 'has suspended' is partly true."""
    assert _one(timeline, "Uzbekistan has suspended its membership in the CSTO.", "2012-06-28") == (
        "suspended",
        ("UZB",),
        "partly",
    )


def test_the_organization_suspending_armenia_is_false(timeline: csto_timeline.Timeline) -> None:
    """The CSTO never suspended Armenia: its leaders 'suspending Armenia's membership' is false."""
    kind, codes, verdict = _one(timeline, "CSTO leaders decided to suspend Armenia's membership.", "2024-03-01")
    assert (kind, codes, verdict) == ("suspended", ("ARM",), "false")


@pytest.mark.parametrize(
    ("text", "about"),
    [
        ("Uzbekistan rejoined the CSTO last year.", "2006"),
        ("Uzbekistan rejoined the CSTO on Friday.", "2006-06-23"),
        ("Uzbekistan rejoined the CSTO six months ago.", "2006-01"),
    ],
)
def test_relative_times_resolve_against_publication(timeline: csto_timeline.Timeline, text: str, about: str) -> None:
    """'last year', 'on Friday' and 'six months ago' resolve against the publication date."""
    report = check(
        text,
        published="2007-06-24" if "last year" in text else ("2006-06-24" if "Friday" in text else "2006-07-15"),
        timeline=timeline,
    )
    assert str(report.items[0].about) == about


def test_text_that_is_not_a_str_is_a_type_error(timeline: csto_timeline.Timeline) -> None:
    """Bytes are refused with a TypeError naming the type."""
    with pytest.raises(TypeError, match="bytes"):
        check(b"CSTO", published="2020-01-01", timeline=timeline)  # type: ignore[arg-type]


@pytest.mark.parametrize("published", ["05/04/1999", "yesterday-ish", None])
def test_a_bad_publication_date_is_a_date_error_quoting_it(timeline: csto_timeline.Timeline, published: object) -> None:
    """An unreadable or missing publication date raises DateError with the input quoted."""
    with pytest.raises(DateError, match="published" if published is None else repr(published)[1:-1]):
        check("The CSTO met.", published=published, timeline=timeline)


def test_a_text_over_the_limit_is_refused_naming_the_limit(timeline: csto_timeline.Timeline) -> None:
    """A text longer than MAX_TEXT raises TimelineError naming the limit."""
    with pytest.raises(TimelineError, match="1,000,000"):
        check("x" * (MAX_TEXT + 1), published="2020-01-01", timeline=timeline)


def test_report_is_json_ready_and_html_marks_each_claim(timeline: csto_timeline.Timeline) -> None:
    """to_dict survives json.dumps; the HTML marks every claim with its verdict."""
    text = (ROOT / "seeds/000_19816d5624441bec.txt").read_text(encoding="utf-8")
    report = check(text, published="2014-12-23", timeline=timeline)
    data = json.loads(json.dumps(report.to_dict()))
    assert len(data["claims"]) == len(report)
    assert data["claims"][0]["verdict"] in {"true", "false", "partly", "undecidable"}
    page = report._repr_html_()
    assert page.count("<mark") == len(report)
    assert "False" in page


def test_claimreview_has_one_review_per_claim_with_ratings(timeline: csto_timeline.Timeline) -> None:
    """ClaimReview JSON-LD: one object per claim, rated 1 (False) to 4 (True), with the text's URL."""
    text = (ROOT / "seeds/001_b2a763e40a238bef.txt").read_text(encoding="utf-8")
    report = check(text, published="2017-04-12", timeline=timeline)
    reviews = to_claimreview(report, url="https://tass.com/politics/940921")
    assert len(reviews) == len(report)
    assert {review["@type"] for review in reviews} == {"ClaimReview"}
    false = [review for review in reviews if review["reviewRating"]["alternateName"] == "False"]  # type: ignore[index]
    assert false
    assert false[0]["reviewRating"]["ratingValue"] == 1  # type: ignore[index]
    assert false[0]["itemReviewed"]["appearance"]["url"] == "https://tass.com/politics/940921"  # type: ignore[index]


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run ``csto-timeline check ...`` through the real command line."""
    status = main(["check", *argv])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_the_check_command_prints_text_json_and_claimreview(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The check command writes a readable report, --json and --claimreview output, and exits 0."""
    path = tmp_path / "article.txt"
    path.write_text(
        "The CSTO consists of Armenia, Belarus, Kazakhstan, Kyrgyzstan, Russia and Tajikistan.", encoding="utf-8"
    )
    status, out, _ = run_cli(capsys, str(path), "--published", "2018-05-23")
    assert status == 0
    assert "[True] member_list" in out
    status, out, _ = run_cli(capsys, str(path), "--published", "2018-05-23", "--json")
    assert status == 0
    assert json.loads(out)["claims"][0]["verdict"] == "true"
    status, out, _ = run_cli(capsys, str(path), "--published", "2018-05-23", "--claimreview")
    assert status == 0
    assert json.loads(out)[0]["@type"] == "ClaimReview"


def test_the_check_command_reads_standard_input(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """'-' reads the text from standard input."""
    monkeypatch.setattr("sys.stdin", io.StringIO("Uzbekistan rejoined the CSTO in 2005."))
    status, out, _ = run_cli(capsys, "-", "--published", "2014-12-23", "--json")
    assert status == 0
    assert json.loads(out)["claims"][0]["verdict"] == "false"


def test_the_check_command_refuses_bad_input_in_one_line_with_status_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A missing file, a bad date or two outputs at once give exit status 2 and one line on stderr."""
    status, _, err = run_cli(capsys, str(tmp_path / "missing.txt"), "--published", "2018-05-23")
    assert status == 2
    assert "missing.txt" in err
    assert len(err.strip().splitlines()) == 1
    path = tmp_path / "a.txt"
    path.write_text("CSTO", encoding="utf-8")
    status, _, err = run_cli(capsys, str(path), "--published", "05/04/1999")
    assert status == 2
    assert "05/04/1999" in err
    status, _, err = run_cli(capsys, str(path), "--published", "2018", "--json", "--claimreview")
    assert status == 2
    assert "--claimreview" in err
