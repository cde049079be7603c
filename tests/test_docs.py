"""Every >>> example in README.md and docs/*.md runs and gives the output shown."""

from __future__ import annotations

import doctest
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
FLAGS = doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_examples_in_page_run(page: Path) -> None:
    result = doctest.testfile(str(page), module_relative=False, optionflags=FLAGS, raise_on_error=False, verbose=False)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed in {page.name}"


def test_the_readme_and_every_semantics_page_have_examples() -> None:
    for name in ("README.md", "docs/semantics.md", "docs/api.md", "docs/data.md"):
        page = ROOT / name
        examples = doctest.DocTestParser().get_examples(page.read_text(encoding="utf-8"))
        assert examples, f"{name} has no executed example"
