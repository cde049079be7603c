"""Loading datasets: the bundled record, read once, and any dataset file."""

from __future__ import annotations

import threading
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING

from ._load import Problems, parse_document, read_toml
from ._parts import DatasetParts
from ._resources import DATASET, bundled_root, bundled_states
from ._timeline import Timeline
from .exceptions import DataError

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

__all__ = ["load", "validate"]


_BUNDLED: Timeline | None = None
_BUNDLED_LOCK = threading.Lock()


def _parts_from_file(path: Path | Traversable, name: str, *, strict: bool) -> tuple[DatasetParts | None, Problems]:
    problems = Problems(name, strict=strict)
    if isinstance(path, Path):
        document = read_toml(path, problems)
        roots: Path | None = path.parent
    else:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
        roots = None
    if document is None:
        return None, problems
    parts = parse_document(document, registry=bundled_states(), problems=problems, base=roots)
    return parts, problems


def load(path: str | Path | None = None) -> Timeline:
    """The bundled CST/CSTO timeline, or the dataset in the TOML file at ``path``.

    Loading checks everything and is all or nothing: a problem raises
    `DataError` naming the file and the record. The bundled timeline is read
    once and shared (it is immutable).

    >>> import csto_timeline
    >>> csto_timeline.load()  # doctest: +ELLIPSIS
    <Timeline 'csto': 3 bodies, 1 view, ... states, ... events, ... sources>
    """
    global _BUNDLED  # noqa: PLW0603 - a read-once cache of an immutable value
    if path is None:
        if _BUNDLED is None:
            with _BUNDLED_LOCK:
                if _BUNDLED is None:
                    root = bundled_root()
                    source = root.joinpath("data").joinpath(DATASET)
                    target: Path | Traversable = source if not isinstance(root, Path) else root / "data" / DATASET
                    parts, _ = _parts_from_file(target, f"data/{DATASET}", strict=True)
                    assert parts is not None  # noqa: S101 - strict mode raises instead
                    _BUNDLED = Timeline(parts)
        return _BUNDLED
    file = Path(path)
    parts, _ = _parts_from_file(file, str(file), strict=True)
    assert parts is not None  # noqa: S101 - strict mode raises instead
    return Timeline(parts)


def validate(path: str | Path) -> list[DataError]:
    """Every problem in the dataset file at ``path`` (an empty list when it loads).

    Unlike `load`, which stops at the first problem, this reads on and reports
    each problem found with its record.
    """
    file = Path(path)
    parts, problems = _parts_from_file(file, str(file), strict=False)
    if parts is not None and not problems.found:
        try:
            Timeline(parts)
        except DataError as error:
            problems.found.append(error)
    return problems.found
