"""The tour notebook runs without error and its stored outputs are the ones it produces today.

docs/notebooks/tour.ipynb is stored with its outputs so that it reads well on GitHub. This module
executes it on every run and compares every stored text output (``text/plain`` results and printed
text; images and HTML are not compared) with the fresh one, so a change to the data or the library
that alters an answer fails here until the notebook is refreshed:

    CSTO_UPDATE_NOTEBOOK=1 python -m pytest tests/test_notebook.py

rewrites the notebook with the fresh outputs (and no timing metadata).
"""

from __future__ import annotations

import copy
import os
from pathlib import Path
from typing import Any

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOKS = Path(__file__).resolve().parents[1] / "docs" / "notebooks"
TOUR = NOTEBOOKS / "tour.ipynb"
UPDATE = os.environ.get("CSTO_UPDATE_NOTEBOOK") == "1"


def text_outputs(cell: Any) -> list[tuple[str, str]]:
    """The comparable outputs of a code cell: printed text (consecutive chunks joined) and text/plain results."""
    found: list[tuple[str, str]] = []
    for output in cell.get("outputs", []):
        kind = output["output_type"]
        if kind == "stream":
            if output["name"] != "stdout":
                continue
            if found and found[-1][0] == "stdout":
                found[-1] = ("stdout", found[-1][1] + output["text"])
            else:
                found.append(("stdout", output["text"]))
        elif kind in ("execute_result", "display_data"):
            found.append(("text/plain", output["data"].get("text/plain", "")))
        else:
            found.append((kind, "".join(output.get("traceback", [])) or str(output)))
    return found


@pytest.fixture(name="executed", scope="module")
def _executed() -> nbformat.NotebookNode:
    stored = nbformat.read(TOUR, as_version=4)
    fresh = copy.deepcopy(stored)
    client = NotebookClient(
        fresh,
        timeout=120,
        kernel_name="python3",
        record_timing=False,
        resources={"metadata": {"path": str(NOTEBOOKS)}},
    )
    client.execute()  # raises CellExecutionError, naming the cell, when a cell fails
    if UPDATE:
        nbformat.write(fresh, TOUR)
    return fresh


def test_tour_notebook_runs_without_error(executed: nbformat.NotebookNode) -> None:
    for index, cell in enumerate(executed.cells):
        if cell.cell_type == "code":
            kinds = {output["output_type"] for output in cell.get("outputs", [])}
            assert "error" not in kinds, f"cell {index} failed"


def test_stored_text_outputs_match_a_fresh_run(executed: nbformat.NotebookNode) -> None:
    stored = nbformat.read(TOUR, as_version=4)
    assert len(stored.cells) == len(executed.cells)
    for index, (old, new) in enumerate(zip(stored.cells, executed.cells, strict=True)):
        assert old.source == new.source
        if old.cell_type == "code":
            assert text_outputs(old) == text_outputs(new), (
                f"cell {index} of {TOUR.name} is stale; refresh it with CSTO_UPDATE_NOTEBOOK=1 "
                "python -m pytest tests/test_notebook.py"
            )


def test_stored_notebook_has_outputs_for_every_code_cell_and_no_timestamps() -> None:
    stored = nbformat.read(TOUR, as_version=4)
    nbformat.validate(stored)
    code = [cell for cell in stored.cells if cell.cell_type == "code"]
    assert code
    for cell in code:
        assert cell.outputs, f"a code cell is stored without output: {cell.source[:60]!r}"
        assert "execution" not in cell.metadata
    images = [o for cell in code for o in cell.outputs if "image/png" in o.get("data", {})]
    assert images, "the chart cells should store their images"


def test_every_code_cell_follows_an_explanation() -> None:
    stored = nbformat.read(TOUR, as_version=4)
    previous = None
    for cell in stored.cells:
        if cell.cell_type == "code":
            assert previous is not None, f"a code cell opens the notebook: {cell.source[:60]!r}"
            assert previous.cell_type == "markdown", f"code cell without an explanation before it: {cell.source[:60]!r}"
        previous = cell
