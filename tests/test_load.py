"""Loading dataset files: a second organization, and every kind of bad file rejected whole."""

from __future__ import annotations

import copy
import os
import re
from pathlib import Path
from typing import Any

import pytest

import csto_timeline
from csto_timeline import DataError, Status

from .documents import document, event, write

# A small second organization in the same format: the Warsaw Pact, as a test of genericity.
WARSAW = document(
    [
        event("wp-signature", "signature", "1955-05-14", state=None, states=["RUS", "BLR"]),
        event("wp-in-force", "entry_into_force", "1955-06-04", state=None, states=["RUS", "BLR"]),
        event("wp-blr-withdrawal", "withdrawal", "1991-07", state="BLR"),
    ],
    dataset={"id": "wp", "title": "A test treaty", "default": "ORG", "as_of": "1991"},
)


def load_doc(tmp_path: Path, doc: dict[str, Any]) -> csto_timeline.Timeline:
    return csto_timeline.load(write(tmp_path, doc))


class TestSecondOrganization:
    def test_another_dataset_loads_and_answers_the_same_queries(self, tmp_path: Path) -> None:
        timeline = load_doc(tmp_path, WARSAW)
        assert timeline.members_on("1960").codes == ("BLR", "RUS")
        assert timeline.status_of("BLR", "1991-08-01") is None
        assert timeline.members_on("1991-07").uncertain_codes == ("BLR",)
        assert [e.id for e in timeline.events("BLR")] == ["wp-signature/BLR", "wp-in-force/BLR", "wp-blr-withdrawal"]

    def test_validate_finds_nothing_in_a_good_file(self, tmp_path: Path) -> None:
        assert csto_timeline.validate(write(tmp_path, WARSAW)) == []


def broken(change: str) -> dict[str, Any]:
    doc = copy.deepcopy(WARSAW)
    events = doc["events"]
    if change == "unknown state":
        events[2]["state"] = "XYZ"
    elif change == "unknown source":
        events[0]["claims"][0]["sources"] = ["nowhere"]
    elif change == "duplicate id":
        events[1]["id"] = "wp-signature"
    elif change == "out of order":
        events[2]["kind"] = "suspension"
        events[2]["claims"][0]["date"] = "1950"
    elif change == "claim without sources":
        events[0]["claims"][0]["sources"] = []
    elif change == "impossible date":
        events[0]["claims"][0]["date"] = "1955-02-30"
    elif change == "unknown kind":
        events[0]["kind"] = "merger"
    elif change == "competing claims without a note":
        events[2]["claims"].append({"date": "1991-08", "sources": ["src"]})
        events[2]["claims"][0]["followed"] = True
    elif change == "two followed claims":
        events[2]["claims"].append({"date": "1991-08", "sources": ["src"], "followed": True})
        events[2]["claims"][0]["followed"] = True
        events[2]["note"] = "why"
    elif change == "unknown body":
        events[2]["body"] = "NATO"
    elif change == "missing field":
        del events[2]["kind"]
    elif change == "unknown field":
        events[2]["colour"] = "red"
    elif change == "bad format":
        doc["format"] = 2
    elif change == "uncited source":
        doc["sources"].append({"id": "lonely", "title": "t", "publisher": "p", "url": "https://x.org", "says": "s"})
    return doc


EXPECTED = {
    "unknown state": ("event 'wp-blr-withdrawal'", "unknown state 'XYZ'"),
    "unknown source": ("event 'wp-signature'", "unknown source 'nowhere'"),
    "duplicate id": ("event 'wp-signature/RUS'", "used twice"),
    "out of order": ("event 'wp-blr-withdrawal'", "out of legal order"),
    "claim without sources": ("event 'wp-signature'", "needs 'sources'"),
    "impossible date": ("event 'wp-signature'", "'1955-02-30' is not a possible date"),
    "unknown kind": ("event 'wp-signature'", "'merger' is not a known event kind"),
    "competing claims without a note": ("event 'wp-blr-withdrawal'", "needs a 'note'"),
    "two followed claims": ("event 'wp-blr-withdrawal'", "exactly one needs 'followed = true'"),
    "unknown body": ("event 'wp-blr-withdrawal'", "unknown body 'NATO'"),
    "missing field": ("event 'wp-blr-withdrawal'", "'kind' is missing"),
    "unknown field": ("event 'wp-blr-withdrawal'", "unknown field(s) 'colour'"),
    "bad format": ("format", "'format' must be 1"),
    "uncited source": ("source 'lonely'", "no claim or roster cites this source"),
}


class TestBadFiles:
    @pytest.mark.parametrize("change", sorted(EXPECTED))
    def test_a_bad_file_is_rejected_whole_naming_the_file_and_record(self, tmp_path: Path, change: str) -> None:
        path = write(tmp_path, broken(change))
        record, problem = EXPECTED[change]
        with pytest.raises(DataError) as caught:
            csto_timeline.load(path)
        error = caught.value
        assert error.file == str(path)
        assert error.record == record
        assert problem in error.problem
        assert str(error).startswith(f"{path}: {record}: ")
        assert isinstance(error, ValueError)

    def test_validate_lists_every_problem_not_just_the_first(self, tmp_path: Path) -> None:
        doc = broken("unknown state")
        doc["events"][0]["claims"][0]["sources"] = ["nowhere"]
        problems = csto_timeline.validate(write(tmp_path, doc))
        assert {p.record for p in problems} == {"event 'wp-blr-withdrawal'", "event 'wp-signature'"}

    def test_a_missing_file_is_a_data_error(self, tmp_path: Path) -> None:
        with pytest.raises(DataError, match="no such file"):
            csto_timeline.load(tmp_path / "absent.toml")

    def test_a_file_that_is_not_toml_is_a_data_error(self, tmp_path: Path) -> None:
        path = tmp_path / "bad.toml"
        path.write_text("format = = 1\n", encoding="utf-8")
        with pytest.raises(DataError, match="is not valid TOML"):
            csto_timeline.load(path)

    def test_a_seed_path_must_exist(self, tmp_path: Path) -> None:
        doc = copy.deepcopy(WARSAW)
        doc["sources"][0] = {"id": "src", "title": "t", "publisher": "p", "path": "seeds/none.txt", "says": "s"}
        with pytest.raises(DataError, match="names no file"):
            csto_timeline.load(write(tmp_path, doc))


class TestRecordsInCode:
    def test_overlapping_records_are_rejected(self) -> None:
        src = csto_timeline.Source.of("s", "t", publisher="p", url="https://x.org", says="s")
        records = [
            csto_timeline.MembershipRecord.of("ORG", "ARM", "member", "2000", "2005", source=src),
            csto_timeline.MembershipRecord.of("ORG", "ARM", "observer", "2004", None, source=src),
        ]
        with pytest.raises(DataError, match="record 2: overlaps record 1"):
            csto_timeline.Timeline.from_records(records)

    def test_an_unknown_source_id_is_rejected(self) -> None:
        records = [csto_timeline.MembershipRecord.of("ORG", "ARM", "member", "2000", source="nope")]
        with pytest.raises(DataError, match="unknown source 'nope'"):
            csto_timeline.Timeline.from_records(records)

    def test_adjacent_records_follow_each_other(self) -> None:
        src = csto_timeline.Source.of("s", "t", publisher="p", url="https://x.org", says="s")
        records = [
            csto_timeline.MembershipRecord.of("ORG", "ARM", "observer", "2000", "2005", source=src),
            csto_timeline.MembershipRecord.of("ORG", "ARM", "member", "2005", None, source=src),
        ]
        timeline = csto_timeline.Timeline.from_records(records)
        assert [s.status for s in timeline.history("ARM")] == [Status.OBSERVER, Status.MEMBER]


class TestRegressions:
    def test_a_one_body_file_without_default_answers_for_that_body(self, tmp_path: Path) -> None:
        doc = copy.deepcopy(WARSAW)
        del doc["dataset"]["default"]
        assert load_doc(tmp_path, doc).members_on("1960").codes == ("BLR", "RUS")

    def test_validate_does_not_call_a_source_uncited_when_its_citing_record_was_skipped(self, tmp_path: Path) -> None:
        doc = copy.deepcopy(WARSAW)
        doc["sources"].append({"id": "only", "title": "t", "publisher": "p", "url": "https://x.org", "says": "s"})
        doc["events"][2]["claims"][0]["sources"] = ["only"]
        doc["events"][2]["claims"][0]["date"] = "1991-02-30"
        problems = csto_timeline.validate(write(tmp_path, doc))
        assert [p.record for p in problems] == ["event 'wp-blr-withdrawal'"]

    def test_a_record_naming_an_unknown_state_is_a_data_error_naming_the_record(self) -> None:
        src = csto_timeline.Source.of("s", "t", publisher="p", url="https://x.org", says="s")
        records = [csto_timeline.MembershipRecord.of("ORG", "Atlantis", "member", "2000", source=src)]
        with pytest.raises(DataError, match="record 1: unknown state 'Atlantis'"):
            csto_timeline.Timeline.from_records(records)

    def test_any_state_of_the_registry_can_be_named_in_records(self) -> None:
        src = csto_timeline.Source.of("s", "t", publisher="p", url="https://x.org", says="s")
        records = [csto_timeline.MembershipRecord.of("NATO", "France", "member", "1949-08-24", source=src)]
        assert csto_timeline.Timeline.from_records(records).members_on("1950").codes == ("FRA",)

    def test_record_dates_may_carry_qualifiers(self) -> None:
        record = csto_timeline.MembershipRecord.of("ORG", "ARM", "member", "1990-03-01?", source="s")
        assert record.start.uncertain


class TestReviewRegressions:
    def test_identifiers_may_hold_inner_spaces_and_bad_ones_are_data_errors(self, tmp_path: Path) -> None:
        doc = copy.deepcopy(WARSAW)
        doc["events"][2]["id"] = "blr withdrawal"
        assert csto_timeline.load(write(tmp_path, doc)).event("blr withdrawal").state is not None
        doc["events"][2]["id"] = " leading space"
        with pytest.raises(DataError, match="must be letters"):
            csto_timeline.load(write(tmp_path, doc))
        assert [p.record for p in csto_timeline.validate(write(tmp_path, doc))] == ["event ' leading space'"]

    def test_a_lapse_on_the_last_representable_day_is_a_data_error(self, tmp_path: Path) -> None:
        doc = copy.deepcopy(WARSAW)
        doc["events"][2]["kind"] = "lapse"
        doc["events"][2]["claims"][0]["date"] = "9999"
        with pytest.raises(DataError, match="after 9999-12-31"):
            csto_timeline.load(write(tmp_path, doc))

    def test_body_aliases_and_coverage_are_read(self, tmp_path: Path) -> None:
        doc = copy.deepcopy(WARSAW)
        doc["bodies"][0]["aliases"] = ["The Pact"]
        doc["bodies"][0]["coverage"] = ["1955", "1991"]
        timeline = csto_timeline.load(write(tmp_path, doc))
        assert timeline.org("the pact") == "ORG"
        with pytest.raises(csto_timeline.OutsideCoverageError):
            timeline.status_of("RUS", "1995")
        doc["bodies"][0]["coverage"] = ["1991", "1955"]
        with pytest.raises(DataError, match="coverage ends"):
            csto_timeline.load(write(tmp_path, doc))

    def test_a_source_path_must_stay_inside_the_project(self, tmp_path: Path) -> None:
        doc = copy.deepcopy(WARSAW)
        doc["sources"][0] = {"id": "src", "title": "t", "publisher": "p", "path": "../../etc/passwd", "says": "s"}
        with pytest.raises(DataError, match="stay inside the project"):
            csto_timeline.load(write(tmp_path, doc))

    def test_overlapping_imprecise_dates_are_applied_in_an_order_the_rules_allow(self, tmp_path: Path) -> None:
        doc = copy.deepcopy(WARSAW)
        doc["events"][0]["claims"][0]["date"] = "1955-06"
        doc["events"][1]["claims"][0]["date"] = "1955"
        timeline = csto_timeline.load(write(tmp_path, doc))
        assert [s.status for s in timeline.history("RUS")] == [Status.SIGNATORY, Status.MEMBER]

    def test_records_with_two_different_sources_of_one_id_are_refused(self) -> None:
        a = csto_timeline.Source.of("s", "t", publisher="p", url="https://x.org", says="one")
        b = csto_timeline.Source.of("s", "t", publisher="p", url="https://x.org", says="two")
        records = [
            csto_timeline.MembershipRecord.of("ORG", "ARM", "member", "2000", source=a),
            csto_timeline.MembershipRecord.of("ORG", "KAZ", "member", "2000", source=b),
        ]
        with pytest.raises(DataError, match="differs from another source"):
            csto_timeline.Timeline.from_records(records)

    def test_an_empty_record_says_what_end_means(self) -> None:
        records = [csto_timeline.MembershipRecord.of("ORG", "ARM", "member", "2000-01-01", "2000-01-01", source="s")]
        src = csto_timeline.Source.of("s", "t", publisher="p", url="https://x.org", says="s")
        with pytest.raises(DataError, match="first day the status no longer held"):
            csto_timeline.Timeline.from_records(records, sources=[src])


def deep_toml(tmp_path: Path, depth: int) -> Path:
    path = tmp_path / "deep.toml"
    path.write_text(f"a = {'[' * depth}{']' * depth}\n", encoding="utf-8")
    return path


class TestHostileFiles:
    def test_deep_nesting_is_refused_naming_the_limit(self, tmp_path: Path) -> None:
        """A file of 3,000 nested arrays is a DataError naming the limit, from load and validate alike."""
        path = deep_toml(tmp_path, 3000)
        with pytest.raises(DataError, match="deeper than the limit of 32 levels"):
            csto_timeline.load(path)
        assert ["deeper than the limit" in problem.problem for problem in csto_timeline.validate(path)] == [True]

    def test_nesting_within_the_limit_reaches_the_checks(self, tmp_path: Path) -> None:
        """A file nested just within the limit is parsed and then checked as any other."""
        with pytest.raises(DataError, match="'format' must be 1"):
            csto_timeline.load(deep_toml(tmp_path, 32))

    def test_a_missing_field_is_reported_once(self, tmp_path: Path) -> None:
        """A problem found while reading a field is not wrapped into a second copy of itself."""
        path = write(tmp_path, broken("missing field"))
        with pytest.raises(DataError) as caught:
            csto_timeline.load(path)
        assert str(caught.value).count(str(path)) == 1
        assert caught.value.problem == "the field 'kind' is missing"

    def test_a_byte_order_mark_is_skipped(self, tmp_path: Path) -> None:
        """A TOML file saved with a UTF-8 byte order mark loads like the same file without it."""
        path = write(tmp_path, WARSAW)
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
        assert csto_timeline.load(path).members_on("1960").codes == ("BLR", "RUS")

    @pytest.mark.parametrize(
        ("name", "problem"),
        [
            ("x" * 5000, "cannot be opened (File name too long)"),
            ("file.toml/inner.toml", "no such file (a folder on the way is a file)"),
            ("nul\0byte.toml", "cannot be opened (embedded null byte)"),
            (".", "is a folder"),
        ],
    )
    def test_a_path_naming_no_readable_file_is_a_data_error(self, tmp_path: Path, name: str, problem: str) -> None:
        """load raises and validate reports a DataError for a path the system refuses, never an OSError."""
        (tmp_path / "file.toml").write_text("format = 1\n", encoding="utf-8")
        path = tmp_path / name
        with pytest.raises(DataError, match=re.escape(problem)) as caught:
            csto_timeline.load(path)
        assert "give the path of a dataset file" in caught.value.problem
        assert [error.problem for error in csto_timeline.validate(path)] == [caught.value.problem]

    def test_an_unreadable_file_is_a_data_error(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """A file the process may not open (as a user, not root) is a DataError saying so."""
        path = write(tmp_path, WARSAW)

        def refuse(*_: object) -> int:
            raise PermissionError(13, "Permission denied", str(path))

        monkeypatch.setattr(os, "open", refuse)
        with pytest.raises(DataError, match=r"cannot be opened \(Permission denied\)"):
            csto_timeline.load(path)
        assert len(csto_timeline.validate(path)) == 1

    @pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are a POSIX feature")
    def test_a_fifo_or_device_is_refused_before_reading(self, tmp_path: Path) -> None:
        """validate on a FIFO with no writer returns at once; a device that never ends is refused too."""
        fifo = tmp_path / "fifo.toml"
        os.mkfifo(fifo)
        assert ["not a regular file" in p.problem for p in csto_timeline.validate(fifo)] == [True]
        with pytest.raises(DataError, match="not a regular file"):
            csto_timeline.load(os.devnull)

    def test_a_file_over_the_size_limit_is_refused_saying_how_to_lift_it(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """With the limit set below a file's size the file is refused; lifted, it loads."""
        path = write(tmp_path, WARSAW)
        monkeypatch.setenv("CSTO_TIMELINE_MAX_DATASET_MB", str(path.stat().st_size / 2 / 1024 / 1024))
        with pytest.raises(DataError, match=r"larger than the limit .* CSTO_TIMELINE_MAX_DATASET_MB"):
            csto_timeline.load(path)
        monkeypatch.setenv("CSTO_TIMELINE_MAX_DATASET_MB", "1")
        assert csto_timeline.load(path).members_on("1960").codes == ("BLR", "RUS")
        monkeypatch.setenv("CSTO_TIMELINE_MAX_DATASET_MB", "lots")
        with pytest.raises(DataError, match="not a positive number of megabytes"):
            csto_timeline.load(path)

    @pytest.mark.parametrize("path", [None, 3, b"data.toml", ["data.toml"]])
    def test_a_path_of_the_wrong_type_is_a_type_error(self, path: object) -> None:
        """validate (and load, for anything but None) says what a path is."""
        with pytest.raises(TypeError, match="takes the path of a dataset file"):
            csto_timeline.validate(path)  # type: ignore[arg-type]
        if path is not None:
            with pytest.raises(TypeError, match="takes the path of a dataset file"):
                csto_timeline.load(path)  # type: ignore[arg-type]
