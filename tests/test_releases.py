"""Releases of the record: the bundled ones, as_recorded, the changes between releases, knowledge time."""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import csto_timeline
from csto_timeline import DataError, DateError, PartialDate, TimelineError, UnknownEventError, UnknownSourceError
from csto_timeline._claim_record import claim_record, claim_records
from csto_timeline._record_changes import ChangeKind, record_changes, record_diff
from csto_timeline._releases import Release, Releases, as_recorded, release_of
from csto_timeline.exceptions import UnknownReleaseError

from .documents import to_toml
from .strategies import build, record_lists

ROOT = Path(__file__).resolve().parents[1]
SNAPSHOT = ROOT / "data" / "releases" / "csto-0.1.0.toml"
CHANGES = ROOT / "data" / "changes" / "0.2.0.toml"
# SHA-256 of data/csto.toml as first published (commit 66d444f), computed with `git show 66d444f:data/csto.toml | sha256sum`.
PUBLISHED_0_1_0 = "6a4b7708262caf1546a8fc6b01269d9608638cadd86a080dafcaeb381322f8fb"


# ------------------------------------------------------------ the bundled releases


def test_every_bundled_release_loads_and_declares_its_index_entry() -> None:
    """Each release in data/releases/index.toml loads, and its file declares the version and day the index gives."""
    releases = Releases.bundled()
    assert releases.versions[0] == "0.1.0"
    for release in releases:
        timeline = releases.load(release)
        assert timeline.info.id == releases.dataset
        if timeline.info.version is not None:
            assert (timeline.info.version, timeline.info.released) == (release.version, release.released)


def test_the_current_record_is_the_newest_release() -> None:
    """data/csto.toml is the newest release and declares its version and day (once the record carries them)."""
    current = csto_timeline.load()
    newest = Releases.bundled().newest
    assert newest.path == (ROOT / "data" / "csto.toml").resolve()
    assert Releases.bundled().load(newest) is current
    if current.info.version is None:
        pytest.skip("data/csto.toml declares no version yet (the record's 0.2.0 release lands with issue 11)")
    assert (current.info.version, current.info.released) == (newest.version, newest.released)


def test_the_first_release_is_the_record_as_first_published() -> None:
    """The 0.1.0 snapshot, without the lines marked as added, is byte for byte the record as first published."""
    lines = SNAPSHOT.read_text(encoding="utf-8").splitlines(keepends=True)
    added = [0, 1, 2]  # the header comment
    added += [i for i, line in enumerate(lines) if line.startswith(("version = ", "released = ", "# Added when the snapshot"))]
    assert len(added) == 6
    original = "".join(line for i, line in enumerate(lines) if i not in added)
    assert hashlib.sha256(original.encode("utf-8")).hexdigest() == PUBLISHED_0_1_0


def test_the_snapshot_finds_the_seeds_it_cites() -> None:
    """Sources kept under seeds/ resolve from data/releases/, so the snapshot cites the same files."""
    snapshot = csto_timeline.load(SNAPSHOT)
    seeds = [source for source in snapshot.sources.values() if source.path is not None]
    assert seeds
    assert all((ROOT / source.path).is_file() for source in seeds if source.path)


@given(st.dates(min_value=dt.date(1992, 1, 1), max_value=dt.date(2026, 1, 31)))
def test_as_recorded_at_the_first_release_answers_as_its_snapshot(day: dt.date) -> None:
    """as_recorded('0.1.0') gives the members and every state's status the 0.1.0 file gives."""
    recorded = as_recorded(csto_timeline.load(), "0.1.0")
    snapshot = csto_timeline.load(SNAPSHOT)
    assert recorded.members_on(day) == snapshot.members_on(day)
    for state in ("ARM", "UZB", "GEO", "AZE"):
        assert recorded.explain(state, day).status == snapshot.explain(state, day).status


def test_as_recorded_on_a_date_takes_the_newest_release_made_by_then() -> None:
    """A day picks the newest release made on or before it; the release day itself counts."""
    releases = Releases.bundled()
    first = releases[0]
    day = first.released.earliest
    current = csto_timeline.load()
    assert as_recorded(current, day).info.version == first.version
    assert as_recorded(current, str(first.released)).info.version == first.version
    if len(releases) > 1:
        second = releases[1]
        assert release_of(as_recorded(current, second.released.earliest - dt.timedelta(days=1))) == first
        assert release_of(as_recorded(current, second.released)) == second


@pytest.mark.parametrize(
    ("asked", "error", "quoted"),
    [
        ("9.9.9", UnknownReleaseError, "'9.9.9'"),
        ("2020-01-01", UnknownReleaseError, "'2020-01-01'"),
        ("yesterday", UnknownReleaseError, "'yesterday'"),
        ("2026-11", DateError, "'2026-11'"),
    ],
)
def test_as_recorded_rejects_what_names_no_single_release(asked: str, error: type[TimelineError], quoted: str) -> None:
    """An unknown version, a date before the first release, text that is no date, and a month holding a
    release are refused with a message quoting the input and saying what is accepted."""
    with pytest.raises(error) as raised:
        as_recorded(csto_timeline.load(), asked)
    assert quoted in str(raised.value)
    if error is UnknownReleaseError:
        assert "0.1.0" in str(raised.value)


def test_as_recorded_rejects_a_timeline_of_another_dataset_and_a_wrong_type() -> None:
    """A timeline with no releases raises UnknownReleaseError naming it; a non-date non-version raises TypeError."""
    other = build([])  # a timeline from records, not a release of the record
    with pytest.raises(UnknownReleaseError, match="has no releases"):
        as_recorded(other, "0.1.0")
    with pytest.raises(TypeError, match="give a release version"):
        as_recorded(csto_timeline.load(), 1.0)
    with pytest.raises(TypeError, match="not a Timeline"):
        as_recorded("csto", "0.1.0")  # type: ignore[arg-type]


def test_as_recorded_keeps_following_a_source() -> None:
    """A timeline following one source answers from the earlier release following the same source."""
    following = csto_timeline.load().according_to("seed-000")
    recorded = as_recorded(following, "0.1.0")
    assert recorded.following == "seed-000"
    assert recorded.status_of("UZB", "2005-12-31") == following.status_of("UZB", "2005-12-31")


# Kinds a person may reasonably write one for another: a date made more precise is also a date change, and
# a source swapped in a claim may be listed as added, replaced or removed.
FAMILIES = {
    "date-changed": "date",
    "precision-changed": "date",
    "source-added": "source",
    "source-replaced": "source",
    "source-removed": "source",
    "source-amended": "source",
}


def _disagreements(written: dict[str, Any], releases: Releases) -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    """What a data/changes file lists that the computed differences lack, and the facts computed that it does not list
    (changes in the sources a claim cites and amended sources may go unlisted)."""
    position = releases.versions.index(written["release"])
    since = releases[max(position - 1, 0)]
    computed = record_changes(releases.load(written["release"]), since.version, written["release"], releases=releases)
    found = {(change.record, FAMILIES.get(change.what, change.what)) for change in computed}
    listed = {(entry["record"], FAMILIES.get(entry["what"], entry["what"])) for entry in written["changes"]}
    facts = {(record, what) for record, what in found if what != "source"}
    return listed - found, facts - listed


def test_changes_file_matches_the_computed_differences() -> None:
    """The hand-written list of 0.2.0's corrections agrees with the differences computed between 0.1.0 and the record."""
    if not CHANGES.is_file():
        pytest.skip("data/changes/0.2.0.toml is not here yet (it comes with the record's 0.2.0 release, issue 11)")
    written = tomllib.loads(CHANGES.read_text(encoding="utf-8"))
    releases = Releases.bundled()
    assert written["released"] == str(releases.release(written["release"]).released)
    assert {entry["what"] for entry in written["changes"]} <= {kind.value for kind in ChangeKind}
    unfound, unlisted = _disagreements(written, releases)
    assert not unfound, f"listed in {CHANGES.name} but not found: {sorted(unfound)}"
    assert not unlisted, f"found but not listed in {CHANGES.name}: {sorted(unlisted)}"


# ----------------------------------------------------------- synthetic releases


def _source(ident: str, **extra: Any) -> dict[str, Any]:
    return {"id": ident, "title": f"Source {ident}", "publisher": "tests", "url": f"https://example.org/{ident}", "says": "Test."} | extra


def _claim(date: str, *sources: str, followed: bool = False) -> dict[str, Any]:
    claim: dict[str, Any] = {"date": date, "sources": list(sources)}
    if followed:
        claim["followed"] = True
    return claim


BASE: dict[str, Any] = {
    "format": 1,
    "dataset": {"id": "test", "title": "Test organization", "default": "ORG"},
    "bodies": [{"id": "ORG", "name": "Test Organization", "kind": "organization"}],
    "sources": [_source("s1"), _source("s2"), _source("s3"), _source("s6")],
    "events": [
        {"id": "a-join", "kind": "accession", "state": "ARM", "body": "ORG", "claims": [_claim("2001-05-10", "s1")]},
        {"id": "b-join", "kind": "accession", "state": "KAZ", "body": "ORG", "claims": [_claim("2002", "s2")]},
        {
            "id": "a-leave",
            "kind": "withdrawal",
            "state": "ARM",
            "body": "ORG",
            "note": "The decision's day is followed.",
            "claims": [_claim("2010-03-01", "s1", "s6", followed=True), _claim("2011", "s3")],
        },
        {"id": "c-join", "kind": "accession", "state": "BLR", "body": "ORG", "claims": [_claim("2004-02-02", "s6")]},
    ],
}


def _event(doc: dict[str, Any], ident: str) -> dict[str, Any]:
    return next(event for event in doc["events"] if event["id"] == ident)


def _add_event(doc: dict[str, Any]) -> None:
    doc["events"].append({"id": "d-join", "kind": "accession", "state": "TJK", "body": "ORG", "claims": [_claim("2005", "s6")]})


def _add_claim(doc: dict[str, Any]) -> None:
    event = _event(doc, "c-join")
    event["claims"] = [{**event["claims"][0], "followed": True}, _claim("2004", "s1")]
    event["note"] = "The day is followed."


def _change_date(doc: dict[str, Any]) -> None:
    _event(doc, "a-join")["claims"][0]["date"] = "2001-05-11"


def _refine_date(doc: dict[str, Any]) -> None:
    _event(doc, "b-join")["claims"][0]["date"] = "2002-07-01"


def _amend_source(doc: dict[str, Any]) -> None:
    doc["sources"][0]["accessed"] = "2026-11-30"


def _add_source(doc: dict[str, Any]) -> None:
    doc["sources"].append(_source("s4"))
    _event(doc, "a-leave")["claims"][1]["sources"].append("s4")  # every source must be cited


# Mutations of BASE that touch different records, each with the changes it must produce.
MUTATIONS = {
    "event added": (_add_event, {("d-join", "event-added")}),
    "claim added": (_add_claim, {("c-join", "claim-added")}),
    "date changed": (_change_date, {("a-join", "date-changed")}),
    "precision changed": (_refine_date, {("b-join", "precision-changed")}),
    "source amended": (_amend_source, {("s1", "source-amended")}),
    "source added": (_add_source, {("s4", "source-added"), ("a-leave", "source-added")}),
}


def _switch_followed(doc: dict[str, Any]) -> None:
    claims = _event(doc, "a-leave")["claims"]
    claims[0].pop("followed")
    claims[1]["followed"] = True


def _withdraw_claim_and_source(doc: dict[str, Any]) -> None:
    event = _event(doc, "a-leave")
    event["claims"] = [{k: v for k, v in event["claims"][0].items() if k != "followed"}]
    event.pop("note")
    doc["sources"] = [source for source in doc["sources"] if source["id"] != "s3"]


def _replace_source(doc: dict[str, Any]) -> None:
    _event(doc, "b-join")["claims"][0]["sources"] = ["s5"]
    doc["sources"] = [source for source in doc["sources"] if source["id"] != "s2"] + [_source("s5")]


def _remove_event(doc: dict[str, Any]) -> None:
    doc["events"] = [event for event in doc["events"] if event["id"] != "c-join"]


SINGLE = {
    "followed switched": (_switch_followed, {("a-leave", "followed-switched")}),
    "claim withdrawn, source removed": (_withdraw_claim_and_source, {("a-leave", "claim-withdrawn"), ("s3", "source-removed")}),
    "source replaced": (_replace_source, {("s2", "source-replaced"), ("s5", "source-added"), ("b-join", "source-replaced")}),
    "event removed": (_remove_event, {("c-join", "event-removed")}),
}


def _release_files(folder: Path, docs: list[dict[str, Any]]) -> Releases:
    """Write each document as a release (1.0.0 on 2026-01-01, 2.0.0 on 2026-02-01, ...) with an index."""
    index: dict[str, Any] = {"format": 1, "dataset": "test", "releases": []}
    for number, given_doc in enumerate(docs, start=1):
        version, day = f"{number}.0.0", f"2026-{number:02d}-01"
        doc = copy.deepcopy(given_doc)
        doc["dataset"] |= {"version": version, "released": day}
        (folder / f"test-{version}.toml").write_text(to_toml(doc), encoding="utf-8")
        index["releases"].append({"version": version, "released": day, "file": f"test-{version}.toml"})
    (folder / "index.toml").write_text(to_toml(index), encoding="utf-8")
    return Releases.read(folder / "index.toml")


def _changed(releases: Releases, since: str = "1.0.0", until: str | None = None) -> set[tuple[str, str]]:
    newest = releases.load(releases.newest)
    return {(change.record, str(change.what)) for change in record_changes(newest, since, until, releases=releases)}


@pytest.mark.parametrize("name", [*MUTATIONS, *SINGLE])
def test_record_changes_finds_each_kind_of_change(tmp_path: Path, name: str) -> None:
    """Each kind of correction made to a release shows up, by record id, and nothing else does."""
    mutate, expected = {**MUTATIONS, **SINGLE}[name]
    after = copy.deepcopy(BASE)
    mutate(after)
    assert _changed(_release_files(tmp_path, [BASE, after])) == expected


@given(st.sets(st.sampled_from(sorted(MUTATIONS))))
def test_independent_corrections_are_each_found(tmp_path_factory: pytest.TempPathFactory, names: set[str]) -> None:
    """Corrections to different records, made together, are found together: the changes are the union of each's."""
    after = copy.deepcopy(BASE)
    expected: set[tuple[str, str]] = set()
    for name in sorted(names):
        mutate, changes = MUTATIONS[name]
        mutate(after)
        expected |= changes
    assert _changed(_release_files(tmp_path_factory.mktemp("releases"), [BASE, after])) == expected


@given(record_lists())
def test_a_timeline_compared_with_itself_has_no_changes(records: list[csto_timeline.MembershipRecord]) -> None:
    """Any timeline compared with itself (or an equal copy) has no changes in its facts."""
    assert len(record_diff(build(records), build(records))) == 0


@given(st.sets(st.sampled_from(sorted(MUTATIONS)), min_size=1))
def test_changes_backwards_mirror_changes_forwards(tmp_path_factory: pytest.TempPathFactory, names: set[str]) -> None:
    """Going from the later release back to the earlier turns additions into removals and keeps date changes."""
    after = copy.deepcopy(BASE)
    for name in sorted(names):
        MUTATIONS[name][0](after)
    releases = _release_files(tmp_path_factory.mktemp("releases"), [BASE, after])
    forward = _changed(releases)
    backward = _changed(releases, since="2.0.0", until="1.0.0")
    mirror = {"event-added": "event-removed", "claim-added": "claim-withdrawn", "source-added": "source-removed"}
    assert backward == {(record, mirror.get(what, what)) for record, what in forward}


def test_record_changes_defaults_to_what_the_timelines_release_changed(tmp_path: Path) -> None:
    """Without since and until, the changes are those of the timeline's own release over the one before."""
    second, third = copy.deepcopy(BASE), copy.deepcopy(BASE)
    _change_date(second)
    _change_date(third)
    _add_event(third)
    releases = _release_files(tmp_path, [BASE, second, third])
    changes = record_changes(releases.load("3.0.0"), releases=releases)
    assert (changes.since, changes.until) == ("2.0.0", "3.0.0")
    assert {(c.record, str(c.what)) for c in changes} == {("d-join", "event-added")}
    at_second = as_recorded(releases.load("3.0.0"), "2.0.0", releases=releases)
    assert {(c.record, str(c.what)) for c in record_changes(at_second, releases=releases)} == {("a-join", "date-changed")}
    assert record_changes(releases.load("1.0.0"), releases=releases).until == "1.0.0"


def test_record_changes_reads_as_text_and_as_data(tmp_path: Path) -> None:
    """The changes print one line per change with the releases compared, and give the same as plain data."""
    after = copy.deepcopy(BASE)
    _change_date(after)
    changes = record_changes(_release_files(tmp_path, [BASE, after]).load("2.0.0"), releases=Releases.read(tmp_path / "index.toml"))
    text = str(changes)
    assert "1.0.0 (2026-01-01) to 2.0.0 (2026-02-01)" in text
    assert "a-join: date of the claim per s1 changed from 2001-05-10 to 2001-05-11" in text
    data = changes.to_dict()
    assert data["changes"] == [{"record": "a-join", "what": "date-changed", "detail": changes[0].detail, "before": "2001-05-10", "after": "2001-05-11"}]
    assert changes.of("date-changed") == tuple(changes)


def test_knowledge_time_of_a_corrected_claim(tmp_path: Path) -> None:
    """A corrected claim left the record in the release that corrected it, where its correction entered."""
    after = copy.deepcopy(BASE)
    _change_date(after)
    _switch_followed(after)
    releases = _release_files(tmp_path, [BASE, after])
    newest = releases.load("2.0.0")
    joined = claim_record(newest, "a-join", releases=releases)
    assert [(str(c.claim.date), c.entered.version, c.left.version if c.left else None) for c in joined] == [
        ("2001-05-10", "1.0.0", "2.0.0"),
        ("2001-05-11", "2.0.0", None),
    ]
    left = {str(c.claim.date): c.followed_in for c in claim_record(newest, "a-leave", releases=releases)}
    assert left == {"2010-03-01": ("1.0.0",), "2011": ("2.0.0",)}
    earlier = claim_record(as_recorded(newest, "1.0.0", releases=releases), "a-join", releases=releases)
    assert [(c.entered.version, c.left) for c in earlier] == [("1.0.0", None)]
    assert "entered 1.0.0 (2026-01-01), left 2.0.0 (2026-02-01)" in str(joined)


def test_knowledge_time_keeps_removed_events_and_rejects_unknown_ones(tmp_path: Path) -> None:
    """An event a later release removed keeps its claims' history; an id no release held raises UnknownEventError."""
    after = copy.deepcopy(BASE)
    _remove_event(after)
    releases = _release_files(tmp_path, [BASE, after])
    removed = claim_record(releases.load("2.0.0"), "c-join", releases=releases)
    assert [(c.entered.version, c.left.version if c.left else None) for c in removed] == [("1.0.0", "2.0.0")]
    with pytest.raises(UnknownEventError, match="'no-such-event'"):
        claim_record(releases.load("2.0.0"), "no-such-event", releases=releases)
    every = claim_records(releases.load("2.0.0"), releases=releases)
    assert {c.event for c in every} == {event["id"] for event in BASE["events"]}


def test_as_recorded_with_a_following_source_missing_from_the_release(tmp_path: Path) -> None:
    """Following a source the earlier release does not hold raises UnknownSourceError naming it."""
    after = copy.deepcopy(BASE)
    _add_source(after)
    _event(after, "b-join")["claims"][0]["sources"] = ["s2", "s4"]
    releases = _release_files(tmp_path, [BASE, after])
    with pytest.raises(UnknownSourceError, match="'s4'"):
        as_recorded(releases.load("2.0.0").according_to("s4"), "1.0.0", releases=releases)


@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        ({"version": "1.0", "released": "2026-03", "file": "test-1.0.0.toml"}, "must be a day"),
        ({"version": "0.9.0", "released": "2026-03-01", "file": "test-1.0.0.toml"}, "must rise"),
        ({"version": "3.0.0", "released": "2026-03-01", "file": "missing.toml"}, "names no file"),
        ({"version": "three", "released": "2026-03-01", "file": "test-1.0.0.toml"}, "numbers joined by dots"),
        ({"version": "3.0.0", "released": "2026-03-01", "file": "test-1.0.0.toml", "when": "x"}, "unknown fields"),
    ],
)
def test_a_bad_release_index_is_rejected(tmp_path: Path, entry: dict[str, str], problem: str) -> None:
    """An index with a release out of order, a missing file, a bad version or date, or an unknown field raises DataError."""
    _release_files(tmp_path, [BASE])
    index = tomllib.loads((tmp_path / "index.toml").read_text(encoding="utf-8"))
    index["releases"].append(entry)
    (tmp_path / "index.toml").write_text(to_toml(index), encoding="utf-8")
    with pytest.raises(DataError, match=problem):
        Releases.read(tmp_path / "index.toml")


def test_a_release_file_declaring_another_version_is_rejected(tmp_path: Path) -> None:
    """A release whose file declares a version other than its index entry's raises DataError naming both."""
    releases = _release_files(tmp_path, [BASE, BASE])
    (tmp_path / "test-2.0.0.toml").write_text((tmp_path / "test-1.0.0.toml").read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(DataError, match=r"'2\.0\.0'"):
        Releases.read(tmp_path / "index.toml").load("2.0.0")
    assert releases.release("v1.0.0") == Release("1.0.0", PartialDate(2026, 1, 1), tmp_path / "test-1.0.0.toml")


def test_a_changes_list_is_checked_against_the_computed_differences(tmp_path: Path) -> None:
    """A hand-written list of a release's corrections agrees when complete, and the check names what it misses."""
    after = copy.deepcopy(BASE)
    _replace_source(after)
    _change_date(after)
    releases = _release_files(tmp_path, [BASE, after])
    written: dict[str, Any] = {
        "release": "2.0.0",
        "released": "2026-02-01",
        "changes": [
            {"record": "s2", "what": "source-replaced", "detail": "A mirror replaced by the original."},
            {"record": "a-join", "what": "date-changed", "detail": "The act was on the 11th."},
        ],
    }
    assert _disagreements(written, releases) == (set(), set())
    written["changes"].pop()
    written["changes"].append({"record": "c-join", "what": "claim-added", "detail": "Not made."})
    assert _disagreements(written, releases) == ({("c-join", "claim-added")}, {("a-join", "date")})
