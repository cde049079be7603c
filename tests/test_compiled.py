"""The bundled files' compiled forms (data/compiled): current, used only for the exact text they
were made from, and ignored (the file parsed instead) when stale, missing or damaged."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import tomllib
from pathlib import Path
from typing import Any

import pytest

import csto_timeline
from csto_timeline import _resources
from csto_timeline._resources import BUNDLED_FILES, COMPILED, bundled_document, compile_file
from csto_timeline.exceptions import DataError

ROOT = Path(__file__).resolve().parents[1]
UPDATE = "CSTO_UPDATE_COMPILED"
#: A change to each bundled file that changes what it parses to.
EDITS = {
    "csto.toml": "\n[edited_for_a_test]\nvalue = 1\n",
    "states.toml": "\n[edited_for_a_test]\nvalue = 1\n",
    "cow_states.csv": "999,XXT,,Testland,\n",
}


def parsed(name: str, raw: bytes) -> Any:
    """What the bundled file's text parses to, by the standard library alone (the oracle)."""
    text = raw.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text))) if name.endswith(".csv") else tomllib.loads(text)


def out_of_date(data: Path, name: str) -> str | None:
    """Why ``data/compiled/<name>.json`` does not hold the file's present text and what it parses to
    (None when it does): the currency check, for the repository's data folder or a copy."""
    entry = json.loads((data / COMPILED / f"{name}.json").read_text(encoding="utf-8"))
    raw = (data / name).read_bytes()
    if entry.get("text") != raw.decode("utf-8-sig"):
        return f"data/{COMPILED}/{name}.json was made from another text: run {UPDATE}=1 python -m pytest tests/test_compiled.py"
    if entry.get("document") != parsed(name, raw):
        return f"data/{COMPILED}/{name}.json does not hold what the file parses to: run {UPDATE}=1 python -m pytest tests/test_compiled.py"
    return None


@pytest.mark.parametrize("name", BUNDLED_FILES)
def test_each_compiled_form_was_made_from_the_files_present_text(name: str) -> None:
    """data/compiled/<file>.json holds the file's exact text and what it parses to
    (``CSTO_UPDATE_COMPILED=1 python -m pytest tests/test_compiled.py`` rewrites them)."""
    if os.environ.get(UPDATE):
        (ROOT / "data" / COMPILED / f"{name}.json").write_text(compile_file(name), encoding="utf-8")
    assert out_of_date(ROOT / "data", name) is None


@pytest.fixture
def copied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the bundled files and their compiled forms, standing in for the bundled data."""
    (tmp_path / "data" / COMPILED).mkdir(parents=True)
    for name in BUNDLED_FILES:
        shutil.copy(ROOT / "data" / name, tmp_path / "data" / name)
        shutil.copy(ROOT / "data" / COMPILED / f"{name}.json", tmp_path / "data" / COMPILED / f"{name}.json")
    monkeypatch.setattr(_resources, "bundled_root", lambda: tmp_path)
    return tmp_path / "data"


@pytest.mark.parametrize("name", BUNDLED_FILES)
def test_an_edited_file_is_parsed_again_not_read_from_its_old_compiled_form(copied: Path, name: str) -> None:
    """One changed line is enough for the compiled form to be passed over."""
    with (copied / name).open("a", encoding="utf-8") as file:
        file.write(EDITS[name])
    old = json.loads((copied / COMPILED / f"{name}.json").read_text(encoding="utf-8"))["document"]
    got = bundled_document(name)
    assert got == parsed(name, (copied / name).read_bytes())
    assert got != old


@pytest.mark.parametrize(
    "damage",
    [b"", b"{not json", b"[1, 2]", b'{"text": 3, "document": {}}', b'{"document": {"format": 1}}', None],
    ids=["empty", "not-json", "a-list", "text-not-a-string", "no-text", "missing"],
)
@pytest.mark.parametrize("name", BUNDLED_FILES)
def test_a_damaged_or_missing_compiled_form_costs_only_the_parse(copied: Path, name: str, damage: bytes | None) -> None:
    """Whatever the compiled file holds, the answer is what the bundled file parses to."""
    path = copied / COMPILED / f"{name}.json"
    if damage is None:
        path.unlink()
    else:
        path.write_bytes(damage)
    assert bundled_document(name) == parsed(name, (copied / name).read_bytes())


def test_the_currency_check_catches_an_edited_file_and_a_compiled_form_edited_by_hand(copied: Path) -> None:
    """The run time trusts a document kept beside its exact text; the currency check above is what
    keeps that trust earned: it fails on an edited file and on a document not made from the text."""
    assert out_of_date(copied, "states.toml") is None
    path = copied / COMPILED / "states.toml.json"
    entry = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps({**entry, "document": {"format": 1}}), encoding="utf-8")
    assert "does not hold what the file parses to" in (out_of_date(copied, "states.toml") or "")
    path.write_text(json.dumps(entry), encoding="utf-8")
    with (copied / "states.toml").open("a", encoding="utf-8") as file:
        file.write(EDITS["states.toml"])
    assert "was made from another text" in (out_of_date(copied, "states.toml") or "")


def test_a_bundled_file_that_does_not_parse_raises_a_data_error(copied: Path) -> None:
    """An edited bundled file that is no longer TOML is reported as a `DataError` naming it."""
    (copied / "states.toml").write_text("[[states]\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"data/states\.toml.*not valid TOML"):
        bundled_document("states.toml")


def test_the_bundled_timeline_equals_the_same_file_loaded_by_path() -> None:
    """The compiled start gives the same record as parsing ``data/csto.toml``: events, sources,
    rosters, every state's history in every body and view, and day answers."""
    bundled, parsed_timeline = csto_timeline.load(), csto_timeline.load(ROOT / "data" / "csto.toml")
    assert bundled.events() == parsed_timeline.events()
    assert bundled.sources == parsed_timeline.sources
    assert bundled.rosters == parsed_timeline.rosters
    assert bundled.info.as_of == parsed_timeline.info.as_of
    for org in [*bundled.bodies, *bundled.views]:
        for state in bundled.states:
            assert list(bundled.history(state, org=org)) == list(parsed_timeline.history(state, org=org))
        for year in range(1992, 2027):
            assert bundled.members_on(f"{year}-07-01", org=org) == parsed_timeline.members_on(f"{year}-07-01", org=org)


def test_the_bundled_record_is_read_under_the_limits_of_every_dataset_file(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reading its compiled form does not lift the size limit a dataset file is read with (docs/limits.md)."""
    from csto_timeline import _loading

    monkeypatch.setattr(_loading, "_BUNDLED", None)  # the bundled timeline is read once per process
    monkeypatch.setenv("CSTO_TIMELINE_MAX_DATASET_MB", "0.01")
    with pytest.raises(DataError, match=r"data/csto\.toml: the dataset file is larger than the limit"):
        csto_timeline.load()
    monkeypatch.setenv("CSTO_TIMELINE_MAX_DATASET_MB", "abc")
    with pytest.raises(DataError, match="is not a positive number of megabytes"):
        csto_timeline.load()
