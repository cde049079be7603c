"""The csto-timeline command: every command in text and JSON, user errors, help, real processes."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import csto_timeline
from csto_timeline import Status, Timeline, cli
from csto_timeline.cli import build_parser, main

COMMANDS = ("members", "status", "history", "changes", "events", "explain", "sources", "validate")

# A dataset small enough to know every answer without the library: two states sign on
# 1 March 1995 and become members on 1 January 1996; Georgia accedes in June 2000 according
# to the register (month precision), on 1 February 2001 according to a later report.
PACT = """\
format = 1

[dataset]
id = "pact"
title = "A small test pact"
as_of = "2020-12-31"
default = "PACT"

[[bodies]]
id = "PACT"
name = "Test Pact"
kind = "treaty"

[[sources]]
id = "register"
title = "Pact register"
publisher = "Depositary"
published = "2020-01-01"
url = "https://example.org/register"
says = "Lists the signatures, entries into force and accessions."

[[sources]]
id = "report"
title = "Later report"
publisher = "Newspaper"
url = "https://example.org/report"
says = "Dates Georgia's accession to 1 February 2001."

[[events]]
id = "signature"
kind = "signature"
states = ["ARM", "KAZ"]
body = "PACT"
summary = "Armenia and Kazakhstan sign."

  [[events.claims]]
  date = "1995-03-01"
  sources = ["register"]

[[events]]
id = "in-force"
kind = "entry_into_force"
states = ["ARM", "KAZ"]
body = "PACT"
summary = "The pact enters into force."

  [[events.claims]]
  date = "1996-01-01"
  sources = ["register"]

[[events]]
id = "geo-accession"
kind = "accession"
state = "GEO"
body = "PACT"
summary = "Georgia accedes."
note = "The depositary's register is the official record."

  [[events.claims]]
  date = "2000-06"
  followed = true
  sources = ["register"]

  [[events.claims]]
  date = "2001-02-01"
  sources = ["report"]
"""


@pytest.fixture(name="pact")
def _pact(tmp_path: Path) -> Path:
    path = tmp_path / "pact.toml"
    path.write_text(PACT, encoding="utf-8")
    return path


@pytest.fixture(name="broken")
def _broken(tmp_path: Path) -> Path:
    """The pact with three independent mistakes: an impossible date, an unknown state, an unknown source."""
    text = (
        PACT.replace('date = "1996-01-01"', 'date = "1996-13-01"')
        .replace(
            'states = ["ARM", "KAZ"]\nbody = "PACT"\nsummary = "Armenia',
            'states = ["ARM", "XXX"]\nbody = "PACT"\nsummary = "Armenia',
        )
        .replace('sources = ["report"]', 'sources = ["no-such-source"]')
    )
    path = tmp_path / "broken.toml"
    path.write_text(text, encoding="utf-8")
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> Any:
    status, out, err = run(capsys, *argv, "--json")
    assert (status, err) == (0, "")
    return json.loads(out)


def assert_user_error(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    status, out, err = run(capsys, *argv)
    assert status == 2
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("csto-timeline: error: ")
    assert "Traceback" not in err
    return lines[0]


# ------------------------------------------------------------------ members


def test_members_lists_the_states_of_a_small_dataset_with_their_names(capsys, pact):
    status, out, _ = run(capsys, "members", "1999-01-01", "--data", str(pact))
    assert status == 0
    rows = out.splitlines()[2:]
    assert [row.split()[:2] for row in rows] == [["ARM", "Armenia"], ["KAZ", "Kazakhstan"]]


def test_members_marks_a_state_whose_month_precise_accession_falls_in_the_year_as_uncertain(capsys, pact):
    _, out, _ = run(capsys, "members", "2000", "--data", str(pact))
    assert out.splitlines()[-1].split() == ["GEO", "Georgia", "uncertain"]
    data = run_json(capsys, "members", "2000", "--data", str(pact))
    assert [row["code"] for row in data["members"]] == ["ARM", "KAZ"]
    assert data["uncertain"] == [{"code": "GEO", "name": "Georgia"}]


def with_as_of(found: Any, timeline: Timeline) -> dict[str, Any]:
    """The result's dict, with the record's as_of where the engine does not give it yet."""
    expected: dict[str, Any] = found.to_dict()
    if found.as_of is None:
        expected["as_of"] = str(timeline.info.as_of)
    return expected


def test_members_json_is_the_member_sets_own_dict(capsys, timeline):
    data = run_json(capsys, "members", "2012", "--org", "CSTO")
    assert data == with_as_of(timeline.members_on("2012", org="CSTO"), timeline)
    data = run_json(capsys, "members", "2015-01-01", "--org", "CSTO-PA", "--status", "observer")
    assert data == with_as_of(timeline.members_on("2015-01-01", org="CSTO-PA", status="observer"), timeline)


def test_members_text_lists_the_same_states_as_the_library(capsys, timeline):
    _, out, _ = run(capsys, "members", "2010-01-01")
    listed = [line.split()[0] for line in out.splitlines()[2:]]
    assert listed == list(timeline.members_on("2010-01-01").codes)


def test_members_follows_another_source_with_according_to(capsys, pact):
    # The register puts Georgia's accession in June 2000, the report on 1 February 2001.
    default = run_json(capsys, "members", "2000-12-31", "--data", str(pact))
    following = run_json(capsys, "members", "2000-12-31", "--data", str(pact), "--according-to", "report")
    assert "GEO" in [row["code"] for row in default["members"]]
    assert "GEO" not in [row["code"] for row in following["members"]]


@settings(max_examples=20)
@given(day=st.dates(min_value=dt.date(1993, 1, 1), max_value=dt.date(2025, 12, 31)))
def test_members_and_status_agree_on_every_day(day):
    # Invariant across two commands: a state is listed by `members` exactly when `status` says member.
    timeline = csto_timeline.load()
    members = json.loads(_stdout("members", day.isoformat(), "--json"))
    listed = {row["code"] for row in members["members"]}
    for state in ("ARM", "AZE", "BLR", "GEO", "KAZ", "KGZ", "RUS", "TJK", "UZB"):
        answer = json.loads(_stdout("status", state, day.isoformat(), "--json"))
        assert (answer["decided"] and answer["status"] == "member") == (state in listed)
    assert listed == set(timeline.members_on(day).codes)


def _stdout(*argv: str) -> str:
    """Run main and return what it wrote (hypothesis tests cannot use capsys)."""
    import contextlib
    import io

    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        assert main(list(argv)) == 0
    return buffer.getvalue()


# ------------------------------------------------------------------- status


def test_status_prints_the_decided_status(capsys, pact):
    status, out, _ = run(capsys, "status", "KAZ", "1997-05-05", "--data", str(pact))
    assert status == 0
    assert out == "Kazakhstan (KAZ) in PACT on 1997-05-05: member\n"
    _, out, _ = run(capsys, "status", "Georgia", "1997-05-05", "--data", str(pact))
    assert out.endswith(": not related\n")


def test_status_inside_an_imprecise_boundary_is_undecided_not_an_error(capsys, pact):
    status, out, err = run(capsys, "status", "GEO", "2000-06-15", "--data", str(pact))
    assert (status, err) == (0, "")
    assert out.startswith("undecided: ")
    assert "member" in out.splitlines()[0]
    assert "not related" in out.splitlines()[0]
    assert "geo-accession" in out


def test_status_json_of_an_undecided_date_gives_the_possibilities_and_the_events_in_the_way(capsys, timeline):
    data = run_json(capsys, "status", "UZB", "2012")
    with pytest.raises(csto_timeline.UncertainStatusError) as caught:
        timeline.status_of("UZB", "2012")
    assert data["decided"] is False
    assert data["status"] is None
    assert data["possible"] == [None if s is None else s.value for s in caught.value.possible]
    assert [event["id"] for event in data["events"]] == [e.id for e in caught.value.events]


def test_status_json_of_a_decided_date(capsys, timeline):
    data = run_json(capsys, "status", "Armenia", "2025-01-01", "--track", "participation")
    expected = timeline.status_of("ARM", "2025-01-01", track="participation")
    assert data["state"] == {"code": "ARM", "name": "Armenia"}
    assert data["track"] == "participation"
    assert data["decided"] is True
    assert data["status"] == (None if expected is None else expected.value)
    assert data["possible"] == [data["status"]]
    assert data["events"] == []


# ------------------------------------------------------------------ history


def test_history_lists_the_spells_in_order(capsys, pact):
    _, out, _ = run(capsys, "history", "ARM", "--data", str(pact))
    rows = [line.split() for line in out.splitlines()[2:]]
    assert [row[:4] for row in rows] == [
        ["PACT", "signatory", "1995-03-01", "1996-01-01"],
        ["PACT", "member", "1996-01-01", ".."],
    ]


def test_history_json_gives_each_spell_with_edtf_dates_and_precisions(capsys, pact):
    data = run_json(capsys, "history", "GEO", "--data", str(pact))
    assert data["spells"] == [
        {
            "state": {"code": "GEO", "name": "Georgia"},
            "body": "PACT",
            "status": "member",
            "track": "legal",
            "start": "2000-06",
            "end": None,
            "opened_by": "geo-accession",
            "closed_by": None,
            "start_precision": "month",
            "end_precision": None,
        }
    ]


def test_history_json_matches_the_library(capsys, timeline):
    data = run_json(capsys, "history", "UZB")
    spells = timeline.history("UZB")
    assert [(s["body"], s["status"], s["opened_by"]) for s in data["spells"]] == [
        (s.body, s.status.value, s.opened_by.id) for s in spells
    ]
    assert [s["end"] for s in data["spells"]] == [None if s.end is None else str(s.end) for s in spells]


# ------------------------------------------------------------------ changes


def test_changes_lists_each_change_with_old_and_new_status(capsys, pact):
    _, out, _ = run(capsys, "changes", "1996", "1996", "--data", str(pact))
    rows = [line.split() for line in out.splitlines()[2:]]
    assert rows == [
        ["1996-01-01", "ARM", "signatory", "member", "in-force/ARM"],
        ["1996-01-01", "KAZ", "signatory", "member", "in-force/KAZ"],
    ]


def test_changes_json_matches_the_library(capsys, timeline):
    data = run_json(capsys, "changes", "1999", "2012", "--org", "CST")
    expected = timeline.changes("1999", "2012", org="CST")
    assert [(c["state"]["code"], c["old"], c["new"], c["event"]) for c in data["changes"]] == [
        (c.state.alpha3, c.old and c.old.value, c.new and c.new.value, c.event.id) for c in expected
    ]
    assert (data["start"], data["end"], data["org"]) == ("1999", "2012", "CST")


# ------------------------------------------------------------------- events


def test_events_filters_by_state_and_kind(capsys, timeline):
    _, out, _ = run(capsys, "events", "--state", "UZB", "--kind", "suspension")
    ids = [line.split()[-1] for line in out.splitlines()[1:]]
    assert ids == [e.id for e in timeline.events("UZB", kind="suspension")]
    assert ids  # the record has Uzbekistan's 2012 suspension


def test_events_json_gives_every_claim_and_which_is_followed(capsys, pact):
    data = run_json(capsys, "events", "--state", "GEO", "--data", str(pact))
    (event,) = data["events"]
    assert (event["id"], event["kind"], event["date"], event["precision"]) == (
        "geo-accession",
        "accession",
        "2000-06",
        "month",
    )
    assert [(c["date"], c["followed"], [s["id"] for s in c["sources"]]) for c in event["claims"]] == [
        ("2000-06", True, ["register"]),
        ("2001-02-01", False, ["report"]),
    ]


def test_events_json_of_a_body_matches_the_library(capsys, timeline):
    data = run_json(capsys, "events", "--body", "CSTO-PA")
    assert [e["id"] for e in data["events"]] == [e.id for e in timeline.events(body="CSTO-PA")]
    assert data["body"] == "CSTO-PA"


# ------------------------------------------------------------------ explain


def test_explain_prints_the_explanation(capsys, timeline):
    status, out, _ = run(capsys, "explain", "UZB", "2010-01-01")
    assert status == 0
    assert out == str(timeline.explain("UZB", "2010-01-01")) + "\n"


def test_explain_json_matches_the_explanation(capsys, timeline):
    data = run_json(capsys, "explain", "Armenia", "2025-01-01")
    explanation = timeline.explain("ARM", "2025-01-01")
    assert data["decided"] is explanation.decided
    assert data["status"] == explanation.status.value
    assert data["participation"] == explanation.participation.value
    assert [d["event"]["id"] for d in data["decisions"]] == [e.id for e in explanation.events]
    assert data["sources"] == list(explanation.sources)


def test_explain_of_an_undecided_date_names_the_competing_claim(capsys, pact):
    data = run_json(capsys, "explain", "GEO", "2000-06-15", "--data", str(pact))
    assert data["decided"] is False
    assert sorted(data["possible"], key=str) == [None, "member"]
    (decision,) = data["decisions"]
    assert [c["sources"][0]["id"] for c in decision["event"]["claims"]] == ["register", "report"]


# ------------------------------------------------------------------ sources


def test_sources_lists_every_source(capsys, pact):
    _, out, _ = run(capsys, "sources", "--data", str(pact))
    assert [line.split()[0] for line in out.splitlines()] == ["id", "register", "report"]
    data = run_json(capsys, "sources", "--data", str(pact))
    assert data["sources"][1] == {"id": "report", "publisher": "Newspaper", "published": None, "title": "Later report"}


def test_sources_shows_one_source_and_what_cites_it(capsys, pact):
    _, out, _ = run(capsys, "sources", "report", "--data", str(pact))
    assert "https://example.org/report" in out
    assert "geo-accession (competing claim)" in out
    data = run_json(capsys, "sources", "register", "--data", str(pact))
    assert data["url"] == "https://example.org/register"
    assert data["published"] == "2020-01-01"
    assert [e["id"] for e in data["cited_by"]["events"]] == [
        "signature/ARM",
        "signature/KAZ",
        "in-force/ARM",
        "in-force/KAZ",
        "geo-accession",
    ]
    assert all(e["followed"] for e in data["cited_by"]["events"])


def test_sources_of_the_bundled_data_list_its_rosters(capsys, timeline):
    data = run_json(capsys, "sources", "seed-001")
    assert data["cited_by"]["rosters"] == [r.id for r in timeline.rosters if r.source.id == "seed-001"]
    assert len(run_json(capsys, "sources")["sources"]) == len(timeline.sources)


# ----------------------------------------------------------------- validate


def test_validate_reports_a_valid_file_with_its_counts(capsys, pact):
    status, out, _ = run(capsys, "validate", str(pact))
    assert status == 0
    assert out == f"{pact}: valid (5 events, 2 sources)\n"


def test_validate_lists_every_problem_one_per_line_and_exits_2(capsys, broken):
    status, out, err = run(capsys, "validate", str(broken))
    assert status == 2
    assert "Traceback" not in out + err
    lines = out.splitlines()
    assert lines == [str(problem) for problem in csto_timeline.validate(broken)]
    assert len(lines) >= 3
    assert all(line.startswith(f"{broken}: ") for line in lines)
    text = "\n".join(lines)
    assert "1996-13-01" in text
    assert "XXX" in text
    assert "no-such-source" in text


def test_validate_json_gives_file_record_and_problem(capsys, broken):
    status, out, _ = run(capsys, "validate", str(broken), "--json")
    data = json.loads(out)
    assert status == 2
    assert data["valid"] is False
    assert {p["file"] for p in data["problems"]} == {str(broken)}
    assert all(p["record"] and p["problem"] for p in data["problems"])


def test_validate_of_a_missing_file_exits_2(capsys, tmp_path):
    status, out, _ = run(capsys, "validate", str(tmp_path / "nothing.toml"))
    assert status == 2
    assert "no such file" in out


# -------------------------------------------------------------- user errors


@pytest.mark.parametrize(
    ("argv", "named"),
    [
        (["status", "Narnia", "2010-01-01"], "Narnia"),
        (["history", "ZZZ"], "ZZZ"),
        (["status", "UZB", "05/04/1999"], "05/04/1999"),
        (["members", "2010-02-30"], "2010-02-30"),
        (["changes", "soon", "2012"], "soon"),
        (["members", "2010", "--org", "NATO"], "NATO"),
        (["events", "--body", "NATO"], "NATO"),
        (["members", "2010", "--according-to", "no-such-source"], "no-such-source"),
        (["sources", "no-such-source"], "no-such-source"),
        (["members"], "DATE"),
        (["frobnicate"], "frobnicate"),
        ([], "COMMAND"),
        (["members", "2010", "--status", "emperor"], "emperor"),
        (["history", "UZB", "--track", "sideways"], "sideways"),
        (["events", "--kind", "coronation"], "coronation"),
        (["members", "2010", "--bogus"], "--bogus"),
        (["validate"], "PATH"),
    ],
)
def test_user_errors_print_one_line_naming_the_problem_and_exit_2(capsys, argv, named):
    line = assert_user_error(capsys, *argv)
    assert named in line


def test_a_missing_data_file_is_a_user_error(capsys, tmp_path):
    missing = tmp_path / "missing.toml"
    line = assert_user_error(capsys, "members", "2010", "--data", str(missing))
    assert str(missing) in line
    assert "no such file" in line


def test_an_invalid_data_file_is_a_user_error_that_points_to_validate(capsys, broken):
    line = assert_user_error(capsys, "members", "2010", "--data", str(broken))
    assert str(broken) in line
    assert "validate" in line


def test_an_unreadable_file_is_a_user_error(capsys, monkeypatch, pact):
    def refuse(path: object = None) -> Timeline:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr("csto_timeline._cli_commands.load", refuse)
    line = assert_user_error(capsys, "members", "2010", "--data", str(pact))
    assert "Permission denied" in line
    assert str(pact) in line


def test_user_errors_name_what_would_be_accepted(capsys):
    assert "legal" in assert_user_error(capsys, "history", "UZB", "--track", "sideways")
    assert "member" in assert_user_error(capsys, "members", "2010", "--status", "emperor")
    assert "accepted" in assert_user_error(capsys, "members", "2010-02-30")
    assert "members" in assert_user_error(capsys, "frobnicate")
    assert "csto-timeline sources" in assert_user_error(capsys, "sources", "no-such-source")


# --------------------------------------------------------------------- help


@pytest.mark.parametrize("command", COMMANDS)
def test_help_of_each_command_exits_0_and_shows_an_example(capsys, command):
    status, out, _ = run(capsys, command, "--help")
    assert status == 0
    assert "example:" in out
    assert f"csto-timeline {command}" in out.split("example:")[1]


def test_the_examples_in_the_help_run(capsys):
    # Every example line of every command's help parses (and, for the bundled data, runs).
    parser = build_parser()
    for command in COMMANDS:
        _, text, _ = run(capsys, command, "--help")
        examples = [line.split()[1:] for line in text.split("example:")[1].splitlines() if line.strip()]
        for argv in examples:
            parser.parse_args(argv)
            if argv[0] != "validate":
                assert main(argv) == 0, argv
            capsys.readouterr()


def test_top_level_help_and_version(capsys):
    status, out, _ = run(capsys, "--help")
    assert status == 0
    assert all(command in out for command in COMMANDS)
    status, out, _ = run(capsys, "--version")
    assert (status, out.strip()) == (0, f"csto-timeline {csto_timeline.__version__}")


def test_members_accepts_every_status_name_the_library_lists(capsys):
    for status in Status:
        code, _, err = run(capsys, "members", "2010-01-01", "--status", status.value.upper())
        if status is Status.ACTIVE:  # no spell holds "active": refused, with what to ask instead
            assert code == 2
            assert "participation_of" in err
            assert err.count("\n") == 1
        else:
            assert (code, err) == (0, "")


# ----------------------------------------------------------- real processes


def test_python_dash_m_runs_the_command(pact):
    done = subprocess.run(
        [sys.executable, "-m", "csto_timeline", "members", "1999-01-01", "--data", str(pact), "--json"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert [row["code"] for row in json.loads(done.stdout)["members"]] == ["ARM", "KAZ"]


def test_python_dash_m_reports_a_user_error_in_one_line_with_status_2():
    done = subprocess.run(
        [sys.executable, "-m", "csto_timeline", "status", "Narnia", "2010"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert len(done.stderr.splitlines()) == 1
    assert done.stderr.startswith("csto-timeline: error: unknown state 'Narnia'")


def test_console_script_runs(pact):
    script = shutil.which("csto-timeline")
    if script is None:
        pytest.skip("the csto-timeline console script is not installed; run `pip install -e .`")
    done = subprocess.run(
        [script, "status", "GEO", "2000-06-15", "--data", str(pact)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.startswith("undecided: Georgia (GEO) in PACT on 2000-06-15")
    done = subprocess.run(
        [script, "--help"], capture_output=True, text=True, check=False, timeout=60
    )
    assert done.returncode == 0
    assert "example:" in done.stdout


def test_a_closed_pipe_ends_the_command_without_a_traceback():
    # The reader closes its end before the command writes (as `head` does after its lines).
    with subprocess.Popen(
        [sys.executable, "-m", "csto_timeline", "events"], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    ) as process:
        assert process.stdout is not None
        assert process.stderr is not None
        process.stdout.close()
        err = process.stderr.read().decode()
        status = process.wait(timeout=60)
    assert "Traceback" not in err
    assert "Exception ignored" not in err
    assert err == ""
    assert status == 1


def test_an_answer_after_the_record_was_last_checked_carries_a_note(capsys):
    code, out, _ = run(capsys, "status", "RUS", "2030-01-01")
    assert code == 0
    assert out.splitlines()[-1] == "note: the record was last checked on 2026-02-17; later acts are not in it"
    code, out, _ = run(capsys, "status", "RUS", "2020-01-01")
    assert "note:" not in out


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux) to make stdout unwritable")
def test_an_unwritable_stdout_is_one_line_and_status_2():
    with Path("/dev/full").open("w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "csto_timeline", "members", "2010"], stdout=full, stderr=subprocess.PIPE, text=True, check=False
        )
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1
    assert "Traceback" not in done.stderr


def test_date_errors_speak_to_a_shell_user(capsys):
    code, _, err = run(capsys, "members", "05/04/1999")
    assert code == 2
    assert "datetime" not in err
    assert "'1999-04-05'" in err


# ------------------------------------------------------------- issue 12: parity, CSV, today


def run_csv(capsys, *argv: str) -> list[dict[str, str]]:
    assert main([*argv, "--csv"]) == 0
    return list(csv.DictReader(io.StringIO(capsys.readouterr().out)))


def test_every_json_answer_is_the_results_own_to_dict(capsys, timeline):
    """members, members-during, history, memberships and explain print the result's to_dict()."""
    assert run_json(capsys, "history", "UZB") == timeline.history("UZB").to_dict()
    assert run_json(capsys, "explain", "UZB", "2012") == timeline.explain("UZB", "2012").to_dict()
    during = run_json(capsys, "members-during", "1999", "2006", "--org", "CST")
    expected = timeline.members_during("1999", "2006", org="CST").to_dict()
    assert {key: during[key] for key in ("members", "uncertain", "date", "until")} == {
        key: expected[key] for key in ("members", "uncertain", "date", "until")
    }
    memberships = run_json(capsys, "memberships", "SRB", "2015-01-01")
    assert memberships["statuses"] == timeline.memberships_of("SRB", "2015-01-01").to_dict()["statuses"]


def test_csv_tables_agree_with_the_library(capsys, timeline):
    """--csv gives one row per member, spell, change, event, source or joint spell the library returns."""
    members = run_csv(capsys, "members", "2012", "--org", "CSTO")
    found = timeline.members_on("2012", org="CSTO")
    assert [row["code"] for row in members if row["uncertain"] == "false"] == list(found.codes)
    assert [row["code"] for row in members if row["uncertain"] == "true"] == list(found.uncertain_codes)
    spells = run_csv(capsys, "history", "UZB")
    assert [row["opened_by"] for row in spells] == [spell.opened_by.id for spell in timeline.history("UZB")]
    changes = run_csv(capsys, "changes", "1999", "1999", "--org", "CST")
    assert [row["event"] for row in changes] == [c.event.id for c in timeline.changes("1999", "1999", org="CST")]
    events = run_csv(capsys, "events", "--state", "UZB")
    assert [row["id"] for row in events] == [event.id for event in timeline.events("UZB")]
    sources = run_csv(capsys, "sources")
    assert {row["id"] for row in sources} == set(timeline.sources)
    joint = run_csv(capsys, "co-members", "RUS", "UZB", "--org", "CSTO")
    assert [row["start"] for row in joint] == [str(j.start) for j in timeline.co_members("RUS", "UZB", org="CSTO")]
    organizations = run_csv(capsys, "organizations", "ARM", "2010-01-01")
    assert [row["id"] for row in organizations] == list(timeline.organizations_of("ARM", "2010-01-01"))
    assert all(row["name"] == timeline.bodies[row["id"]].name for row in organizations)


def test_csv_is_refused_where_there_is_no_table_and_with_json(capsys):
    """explain has no table, and --csv with --json is ambiguous: both are one-line usage errors."""
    assert main(["explain", "UZB", "2012", "--csv"]) == 2
    assert "no table" in capsys.readouterr().err
    assert main(["members", "2012", "--csv", "--json"]) == 2
    assert "cannot be used together" in capsys.readouterr().err


def test_today_is_a_date_on_the_command_line(capsys, timeline):
    """'today' answers for the current day, with the as_of note when today is after the record's as_of."""
    before = dt.date.today()  # noqa: DTZ011 - 'today' is the computer's own calendar day
    data = run_json(capsys, "status", "RUS", "today")
    organizations = run_json(capsys, "organizations", "ARM", "TODAY")
    days = {before.isoformat(), dt.date.today().isoformat()}  # noqa: DTZ011 - a run across midnight
    assert data["date"] in days
    assert organizations["date"] in days
    assert data["after_as_of"] is (dt.date.fromisoformat(data["date"]) > timeline.info.as_of.latest)


def test_participation_and_memberships_commands_answer_as_the_library(capsys, timeline):
    """participation gives participation_of; memberships gives memberships_of, with the as_of flags."""
    data = run_json(capsys, "participation", "ARM", "2025-01-01")
    assert data["status"] == timeline.participation_of("ARM", "2025-01-01").value
    undecided = run_json(capsys, "participation", "ARM", "2024")
    assert undecided["decided"] is False
    assert undecided["events"]
    late = run_json(capsys, "memberships", "RUS", "2030-01-01")
    assert late["after_as_of"] is True
    assert late["as_of"] == str(timeline.info.as_of)


def test_panel_command_gives_the_rows_of_to_panel(capsys, timeline):
    """panel prints to_panel's rows as CSV, and its JSON rows are the same rows."""
    rows = csto_timeline.to_panel(timeline, start="2011", end="2013", states=["UZB"])
    assert main(["panel", "--start", "2011", "--end", "2013", "--states", "UZB"]) == 0
    printed = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [row["status"] or None for row in printed] == [None if r.status is None else r.status.value for r in rows]
    data = run_json(capsys, "panel", "--start", "2011", "--end", "2013", "--states", "UZB")
    assert [row["period"] for row in data["rows"]] == [row.period for row in rows]


def test_export_command_writes_the_record_and_refuses_to_overwrite(capsys, tmp_path):
    """export writes the five tables and the descriptor; a second run fails unless --overwrite."""
    folder = tmp_path / "out"
    assert main(["export", str(folder), "--json"]) == 0
    written = json.loads(capsys.readouterr().out)["written"]
    assert sorted(Path(path).name for path in written) == sorted(
        ["spells.csv", "events.csv", "claims.csv", "sources.csv", "rosters.csv", "datapackage.json"]
    )
    assert main(["export", str(folder)]) == 2
    assert "will not overwrite" in capsys.readouterr().err
    assert main(["export", str(folder), "--overwrite", "--format", "jsonl"]) == 0


def test_a_command_run_alone_parses_its_arguments_as_the_full_parser_does(capsys):
    """Run as ``csto-timeline CMD ...``, only CMD's parser is built; every example of every command's
    help parses to the same arguments as with the parser of every command."""
    full = build_parser()
    assert set(full._subparsers._group_actions[0].choices) == cli._COMMANDS
    for command in sorted(cli._COMMANDS - set(cli.EXTRA_COMMANDS)):
        _, text, _ = run(capsys, command, "--help")
        for line in text.split("example:")[1].splitlines():
            argv = line.split()[1:]
            if not argv:
                continue
            alone, together = vars(build_parser(argv[0]).parse_args(argv)), vars(full.parse_args(argv))
            handlers = alone.pop("handler"), together.pop("handler")
            assert alone == together, argv
            assert handlers[0].__name__ == handlers[1].__name__, argv


def test_the_console_command_writes_everything_before_its_hard_exit():
    """``python -m csto_timeline`` ends with `os._exit` once its streams are flushed: a long answer
    written to a pipe arrives whole, and the exit status is the command's."""
    done = subprocess.run(
        [sys.executable, "-m", "csto_timeline", "events", "--json"], capture_output=True, check=False, timeout=60
    )
    assert (done.returncode, done.stderr) == (0, b"")
    assert json.loads(done.stdout) == json.loads(json.dumps(cli_json("events")))
    failed = subprocess.run(
        [sys.executable, "-m", "csto_timeline", "status", "UZB", "not a date"], capture_output=True, check=False, timeout=60
    )
    assert failed.returncode == 2
    assert failed.stderr.decode().count("\n") == 1


def cli_json(*argv: str) -> Any:
    """The JSON the command prints in this process (no hard exit here: `main` returns)."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main([*argv, "--json"]) == 0
    return json.loads(out.getvalue())


@pytest.mark.parametrize("argv", [["--help", "members"], ["-h", "status"], ["--help"]])
def test_the_top_level_help_lists_every_command_whatever_follows_it(capsys, argv):
    """``--help`` before a command word asks for the top-level help, which lists every command."""
    status, out, _ = run(capsys, *argv)
    assert status == 0
    assert all(command in out for command in sorted(cli._COMMANDS)), out


def test_under_a_profiler_the_command_exits_normally_so_the_profile_is_written():
    """The hard exit is skipped under a tracer or profiler: ``python -m cProfile`` still prints its table."""
    done = subprocess.run(
        [sys.executable, "-m", "cProfile", "-m", "csto_timeline", "members", "2010"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0
    assert "member of alliance on 2010" in done.stdout
    assert "function calls" in done.stdout
