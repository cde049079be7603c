"""Loading datasets: the bundled record, read once, and any dataset file."""

from __future__ import annotations

import os
import threading
from pathlib import Path

from ._fields import read_dataset_bytes
from ._load import Problems, parse_document, read_toml
from ._parts import DatasetParts
from ._resources import DATASET, bundled_document, bundled_root, bundled_states
from ._timeline import Timeline
from .exceptions import DataError

__all__ = ["check_file", "load", "validate"]


_BUNDLED: Timeline | None = None
_BUNDLED_LOCK = threading.Lock()


def _parts_from_file(path: Path, name: str, *, strict: bool) -> tuple[DatasetParts | None, Problems]:
    problems = Problems(name, strict=strict)
    document = read_toml(path, problems)
    if document is None:
        return None, problems
    parts = parse_document(document, registry=bundled_states(), problems=problems, base=path.parent)
    return parts, problems


def _bundled_parts() -> DatasetParts:
    """The bundled record's parts: its file read under the limits of every dataset file
    (docs/limits.md), its contents from the compiled form when that is current (`_resources`).
    """
    root = bundled_root()
    problems = Problems(f"data/{DATASET}", strict=True)
    base = root / "data" if isinstance(root, Path) else None  # None: imported from a zip file
    raw = read_dataset_bytes(base / DATASET, problems) if base is not None else None
    parts = parse_document(bundled_document(DATASET, raw), registry=bundled_states(), problems=problems, base=base)
    assert parts is not None  # noqa: S101 - strict mode raises instead
    return parts


def _path(path: object, function: str) -> Path:
    if not isinstance(path, (str, os.PathLike)):
        msg = f"{function}() takes the path of a dataset file (a str or os.PathLike), not {path!r} ({type(path).__name__})"
        raise TypeError(msg)
    return Path(path)


def _name(file: Path) -> str:
    """The file's name for messages; quoted when it holds characters a terminal would not show."""
    text = str(file)
    return text if text.isprintable() else repr(text)


def load(path: str | os.PathLike[str] | None = None) -> Timeline:
    """The bundled CST/CSTO timeline, or the dataset in the TOML file at ``path``.

    Loading checks everything and is all or nothing: a problem raises
    `DataError` naming the file and the record, also for a path that names no
    readable regular file and for a file over the limits of ``docs/limits.md``
    (50 MB, nesting 32 deep). The bundled timeline is read once and shared (it
    is immutable).

    >>> import csto_timeline
    >>> csto_timeline.load()  # doctest: +ELLIPSIS
    <Timeline 'csto': 3 bodies, 1 view, ... states, ... events, ... sources>
    """
    global _BUNDLED  # noqa: PLW0603 - a read-once cache of an immutable value
    if path is None:
        if _BUNDLED is None:
            with _BUNDLED_LOCK:
                if _BUNDLED is None:
                    _BUNDLED = Timeline(_bundled_parts())
        return _BUNDLED
    file = _path(path, "load")
    parts, _ = _parts_from_file(file, _name(file), strict=True)
    assert parts is not None  # noqa: S101 - strict mode raises instead
    return Timeline(parts)


def validate(path: str | os.PathLike[str]) -> list[DataError]:
    """Every problem in the dataset file at ``path`` (an empty list when it loads).

    Unlike `load`, which stops at the first problem, this reads on and reports
    each problem found with its record. A file it cannot read is reported too,
    as one problem; only a ``path`` that is not a path raises (`TypeError`).

    >>> [error.problem for error in validate("no/such/file.toml")]
    ['no such file; give the path of a dataset file in TOML']
    """
    return check_file(path)[0]


def check_file(path: str | os.PathLike[str]) -> tuple[list[DataError], Timeline | None]:
    """`validate`'s problems, and the timeline when there are none (so a caller that
    reports on a valid file, such as ``csto-timeline validate``, reads it only once).
    """
    file = _path(path, "validate")
    parts, problems = _parts_from_file(file, _name(file), strict=False)
    timeline = None
    if parts is not None and not problems.found:
        try:
            timeline = Timeline(parts)
        except DataError as error:
            problems.found.append(error)
    return problems.found, timeline
