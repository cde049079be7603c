"""export(): the record as tables read back equal to the record; the descriptor matches the files."""

from __future__ import annotations

import csv
import doctest
import json
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings

import csto_timeline
from csto_timeline import MembershipRecord, Timeline, TimelineError
from csto_timeline._export import ExportError, export, read_rows
from csto_timeline._export_tables import record_tables
from csto_timeline._serialize import edtf

from .strategies import build, record_lists

NAMES = ["spells", "events", "claims", "sources", "rosters"]


def spells_of_record(timeline: Timeline) -> set[tuple[object, ...]]:
    """Every spell of every body and track, as the columns the export gives it."""
    found = set()
    for org in timeline.bodies:
        for track in csto_timeline.Track:
            for spell in timeline.spells(org=org, track=track):
                end = spell.end
                found.add((
                    spell.state.alpha3, spell.state.cow, org, track.value, spell.status.value, edtf(spell.start),
                    spell.start.earliest, spell.start.latest, None if end is None else edtf(end),
                    None if end is None else end.earliest, spell.opened_by.id,
                    None if spell.closed_by is None else spell.closed_by.id,
                ))  # fmt: skip
    return found


def spells_of_export(rows: list[dict[str, object]]) -> set[tuple[object, ...]]:
    keys = ("state", "cow", "org", "track", "status", "start", "start_earliest", "start_latest", "end",
            "end_earliest", "opened_by", "closed_by")  # fmt: skip
    return {tuple(row[key] for key in keys) for row in rows}


def check_export_equals_record(timeline: Timeline, folder: Path, suffix: str) -> None:
    tables = {table.name: table for table in record_tables(timeline)}
    for name, table in tables.items():
        assert read_rows(table, folder / f"{name}.{suffix}") == list(table.rows), name
    spells = read_rows(tables["spells"], folder / f"spells.{suffix}")
    assert spells_of_export(spells) == spells_of_record(timeline)
    events = read_rows(tables["events"], folder / f"events.{suffix}")
    assert [row["id"] for row in events] == [event.id for event in timeline.events()]
    claims = read_rows(tables["claims"], folder / f"claims.{suffix}")
    assert len(claims) == sum(len(event.claims) for event in timeline.events())
    for row in claims:
        claim = timeline.event(str(row["event"])).claims[int(str(row["index"]))]
        assert row["date"] == (None if claim.date is None else str(claim.date))
        assert row["sources"] == ";".join(source.id for source in claim.sources)
    sources = read_rows(tables["sources"], folder / f"sources.{suffix}")
    assert {row["id"] for row in sources} == set(timeline.sources)
    rosters = read_rows(tables["rosters"], folder / f"rosters.{suffix}")
    assert len(rosters) == sum(len(roster.states) for roster in timeline.rosters)


@settings(max_examples=25)
@given(records=record_lists())
def test_an_export_of_random_records_reads_back_equal_to_the_record(records: list[MembershipRecord]) -> None:
    """For random from_records timelines, the CSV and JSON Lines exports read back equal to the record."""
    timeline = build(records)
    with tempfile.TemporaryDirectory() as name:
        for file_format in ("csv", "jsonl"):
            folder = Path(name) / file_format
            export(timeline, folder, format=file_format)
            check_export_equals_record(timeline, folder, file_format)


def test_the_bundled_record_exports_and_reads_back(timeline: Timeline, tmp_path: Path) -> None:
    """The bundled record's CSV export reads back equal, with the dataset's version and licence."""
    written = export(timeline, tmp_path / "record")
    assert [path.name for path in written] == [*(f"{name}.csv" for name in NAMES), "datapackage.json"]
    check_export_equals_record(timeline, tmp_path / "record", "csv")
    package = json.loads((tmp_path / "record" / "datapackage.json").read_text(encoding="utf-8"))
    assert package["version"] == timeline.info.version
    assert package["licenses"][0]["name"] == "MIT"
    assert len(package["sources"]) == len(timeline.sources)


@pytest.mark.parametrize("file_format", ["csv", "jsonl"])
def test_the_descriptor_names_every_file_and_its_columns(timeline: Timeline, tmp_path: Path, file_format: str) -> None:
    """Each resource's path exists and its schema's fields are the file's header (or JSON keys), in order."""
    export(timeline, tmp_path, format=file_format)
    package = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    assert [resource["name"] for resource in package["resources"]] == NAMES
    for resource in package["resources"]:
        fields = [field["name"] for field in resource["schema"]["fields"]]
        path = tmp_path / resource["path"]
        with path.open(encoding="utf-8", newline="") as file:
            header = next(csv.reader(file)) if file_format == "csv" else list(json.loads(file.readline()))
        assert header == fields, resource["name"]
        assert {field["type"] for field in resource["schema"]["fields"]} <= {"string", "integer", "boolean", "date"}
        assert all(field["description"] for field in resource["schema"]["fields"])


def test_parquet_export_reads_back_typed(timeline: Timeline, tmp_path: Path) -> None:
    """The Parquet spells read back with dates as dates and the same rows."""
    pyarrow_parquet = pytest.importorskip("pyarrow.parquet", reason="the parquet extra (pyarrow) is not installed")
    export(timeline, tmp_path, format="parquet")
    table = pyarrow_parquet.read_table(tmp_path / "spells.parquet")
    spells = record_tables(timeline)[0]
    assert table.column_names == [column.name for column in spells.columns]
    assert table.to_pylist() == list(spells.rows)


def test_an_export_refuses_to_overwrite_unless_asked(timeline: Timeline, tmp_path: Path) -> None:
    """A second export into the same folder fails before writing; overwrite=True replaces the files."""
    export(timeline, tmp_path)
    (tmp_path / "spells.csv").write_text("changed", encoding="utf-8")
    with pytest.raises(ExportError, match=r"will not overwrite .*spells\.csv"):
        export(timeline, tmp_path)
    assert (tmp_path / "spells.csv").read_text(encoding="utf-8") == "changed"
    export(timeline, tmp_path, overwrite=True)
    assert (tmp_path / "spells.csv").read_text(encoding="utf-8").startswith("state,cow,")


def test_an_unwritable_path_is_a_timeline_error_quoting_it(timeline: Timeline, tmp_path: Path) -> None:
    """A folder under a file, or a file given as the folder, raises ExportError naming the path."""
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(TimelineError, match="a-file"):
        export(timeline, blocker)
    with pytest.raises(ExportError, match="a-file"):
        export(timeline, blocker / "inside")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="permissions are not enforced for root")
def test_a_read_only_folder_is_an_export_error(timeline: Timeline, tmp_path: Path) -> None:
    """A folder without write permission raises ExportError quoting it."""
    tmp_path.chmod(0o500)
    try:
        with pytest.raises(ExportError, match="cannot write the export"):
            export(timeline, tmp_path / "record")
    finally:
        tmp_path.chmod(0o700)


def test_bad_arguments_are_refused_before_any_work(timeline: Timeline, tmp_path: Path) -> None:
    """An unknown format is an ExportError; wrong Python types are TypeErrors; nothing is written."""
    with pytest.raises(ExportError, match="'xlsx' is not one of"):
        export(timeline, tmp_path / "x", format="xlsx")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="Timeline"):
        export("timeline", tmp_path / "x")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="folder"):
        export(timeline, 42)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="overwrite"):
        export(timeline, tmp_path / "x", overwrite="yes")  # type: ignore[arg-type]
    assert not (tmp_path / "x").exists()


def test_export_is_served_from_the_package_on_first_use() -> None:
    """csto_timeline.export is the export function, resolved through the extras map."""
    assert csto_timeline.export is export


DOCS = Path(__file__).resolve().parents[1] / "docs" / "export.md"


def test_the_duckdb_route_of_the_docs_runs_and_agrees_with_members_on(timeline: Timeline) -> None:
    """docs/export.md's DuckDB examples (skipped by the docs run) run here, and the day counts match the engine."""
    duckdb = pytest.importorskip("duckdb", reason="the duckdb extra is not installed")
    pytest.importorskip("pyarrow", reason="the parquet extra (pyarrow) is not installed")
    text = DOCS.read_text(encoding="utf-8").replace("  # doctest: +SKIP", "")
    test = doctest.DocTestParser().get_doctest(text, {}, "export.md", str(DOCS), 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    runner.run(test, clear_globs=False)
    assert runner.failures == 0
    query = test.globs["query"]
    for org, day, certain, possible in duckdb.sql(query).fetchall():
        found = timeline.members_on(day, org=org)
        assert (certain, possible) == (len(found.certain), len(found.certain) + len(found.uncertain))
