"""The text of a source kept as a file beside its dataset (the seed articles of the bundled record)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ._resources import bundled_root
from ._timeline import Timeline
from .exceptions import UnknownSourceError

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

__all__ = ["source_text"]

#: The largest source file read, in bytes (a long article is some 50 kB).
MAX_SOURCE_BYTES = 5_000_000


def source_text(timeline: Timeline, source_id: str) -> str:
    """The text of the source ``source_id`` when it is kept as a file (its ``path``), read
    from the dataset's folder or one of the two above it (the bundled record's files ship
    with the package, so this works from any folder).

    >>> import csto_timeline
    >>> text = csto_timeline.load().source_text("seed-001")
    >>> "Collective Security Treaty Organization" in text
    True
    >>> csto_timeline.load().source_text("tass-2012-687141")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    csto_timeline.exceptions.UnknownSourceError: source 'tass-2012-687141' is a web page (http://tass.com/russia/687141); only sources kept as files (path = ...) have their text here
    """
    source = timeline.source(source_id)
    if source.path is None:
        msg = (
            f"source {source_id!r} is a web page ({source.url}); only sources kept as files "
            "(path = ...) have their text here"
        )
        raise UnknownSourceError(msg)
    for root in _roots(timeline.info.path):
        candidate = root.joinpath(*source.path.split("/"))
        if candidate.is_file():
            data = candidate.read_bytes()
            if len(data) > MAX_SOURCE_BYTES:
                msg = f"source {source_id!r}: {source.path!r} is over {MAX_SOURCE_BYTES:,} bytes; read it yourself"
                raise UnknownSourceError(msg)
            return data.decode("utf-8")
    msg = f"source {source_id!r}: its file {source.path!r} is not beside the dataset; it may not have been shipped"
    raise UnknownSourceError(msg)


def _roots(dataset: str | None) -> tuple[Traversable | Path, ...]:
    if dataset is None or not Path(dataset).is_file():
        return (bundled_root(),)
    folder = Path(dataset).resolve().parent
    return (folder, *folder.parents[:2])
