"""The tour notebook runs from any folder: the data it needs comes through the installed package."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat", reason="running notebooks needs nbformat")
nbclient = pytest.importorskip("nbclient", reason="running notebooks needs nbclient")

TOUR = Path(__file__).resolve().parents[1] / "docs" / "notebooks" / "tour.ipynb"
SOURCE = Path(__file__).resolve().parents[1] / "src"


def test_the_tour_runs_when_copied_to_another_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A copy of the notebook in a temporary folder runs every cell without error."""
    copy = tmp_path / "elsewhere" / "tour.ipynb"
    copy.parent.mkdir()
    shutil.copy(TOUR, copy)
    paths = [str(SOURCE), *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(str(Path(p).resolve()) for p in paths))
    notebook = nbformat.read(copy, as_version=4)
    assert "tests/data" not in "".join(cell.source for cell in notebook.cells)
    client = nbclient.NotebookClient(
        notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(copy.parent)}}
    )
    client.execute()
    errors = [cell for cell in notebook.cells if any(o.get("output_type") == "error" for o in cell.get("outputs", []))]
    assert not errors
