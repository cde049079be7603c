"""The opt-in on-disk cache of parsed COW files (``read_cow(..., cache=True)``).

An entry holds a `CowTable` (the IGOs, the state columns and the runs of
equal cells), never Python objects: a header line, the SHA-256 of the rest,
a JSON part (names and small numbers) and the runs as raw machine integers.
Loading checks the checksum and every field, so a damaged, truncated or
foreign file is rebuilt, never trusted; nothing in it is executed.

An entry's name is a hash of everything that decides the table: the IGO
file's bytes, the state list's bytes, ``gaps``, ``orgs``, the library version
and this format's version. A changed file or a new version of the library
never reads an old entry; entries of other library versions are deleted when
a new entry is written. Writes go to a temporary file moved into place, so a
reader never sees half an entry; a directory that cannot be written is
skipped silently (the timeline is built all the same).
"""

from __future__ import annotations

import array
import contextlib
import hashlib
import json
import os
import re
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

from ._cow_codes import LABELS
from ._cow_table import RUN, CowTable
from ._version import __version__

__all__ = ["CACHE_ENV", "cache_directory", "entry_path", "load_entry", "store_entry"]

#: The environment variable that names the cache directory for ``cache=True``.
CACHE_ENV = "CSTO_TIMELINE_CACHE_DIR"
_FORMAT = b"csto_timeline cow cache 2\n"
_DIGEST = 64  # hex digits of a SHA-256
_SIZE = 8  # bytes of the JSON part's length
_CODES = frozenset(code for code in LABELS if code)
_VERSION = re.sub(r"[^A-Za-z0-9.]", "_", __version__)


def cache_directory(cache: object) -> Path | None:
    """The directory ``cache=`` names: None for False, the user's cache
    directory for True (``$CSTO_TIMELINE_CACHE_DIR``, else
    ``$XDG_CACHE_HOME/csto_timeline``, else ``~/.cache/csto_timeline``), or the path given.

    >>> cache_directory(False) is None, cache_directory("/tmp/cow")
    (True, PosixPath('/tmp/cow'))
    """
    if cache is False:
        return None
    if cache is True:
        named = os.environ.get(CACHE_ENV)
        if named:
            return Path(named).expanduser()
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join("~", ".cache")  # noqa: PTH118 - expanded below
        return Path(base).expanduser() / "csto_timeline"
    if isinstance(cache, (str, os.PathLike)) and os.fspath(cache):
        return Path(cache)
    msg = (
        f"cache={cache!r} is not accepted; give False (no cache), True (the user's cache directory) or a directory path"
    )
    raise TypeError(msg)


def entry_path(directory: Path, contents: Iterable[str | bytes], options: str) -> Path:
    """The entry for these file contents and options, under this library version."""
    digest = hashlib.sha256(_FORMAT + _VERSION.encode() + b"\0" + options.encode("utf-8"))
    for content in contents:
        data = content.encode("utf-8") if isinstance(content, str) else content
        digest.update(b"\0%d\0" % len(data))
        digest.update(data)
    return directory / f"cow-{_VERSION}-{digest.hexdigest()}.bin"


def load_entry(path: Path) -> CowTable | None:
    """The table an entry holds, or None when it is missing, damaged or not one of ours."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    start = len(_FORMAT) + _DIGEST + 1
    if not data.startswith(_FORMAT) or len(data) < start + _SIZE:
        return None
    payload = memoryview(data)[start:]
    if hashlib.sha256(payload).hexdigest().encode() != data[len(_FORMAT) : start - 1]:
        return None
    try:
        return _table(payload)
    except (ValueError, TypeError, KeyError, IndexError, OverflowError):
        return None


def _table(payload: memoryview) -> CowTable | None:
    size = int.from_bytes(payload[:_SIZE], "big")
    meta = json.loads(bytes(payload[_SIZE : _SIZE + size]))
    runs: array.array[int] = array.array("i")
    if meta["itemsize"] != runs.itemsize or meta["byteorder"] != sys.byteorder:
        return None  # written on another kind of machine
    runs.frombytes(payload[_SIZE + size :])
    igos = tuple(
        (str(ioname), str(orgname), str(longorgname), int(first), int(last))
        for ioname, orgname, longorgname, first, last in meta["igos"]
    )
    columns = tuple(str(column) for column in meta["columns"])
    ccodes = tuple(int(code) for code in meta["ccodes"])
    names = tuple(tuple(str(name) for name in found) for found in meta["aliases"])
    if len(names) != len(igos) or len(ccodes) != len(columns) or len(runs) != meta["count"] or len(runs) % RUN:
        return None
    if runs and not (
        0 <= min(runs[0::RUN]) <= max(runs[0::RUN]) < len(igos)
        and 0 <= min(runs[1::RUN]) <= max(runs[1::RUN]) < len(columns)
        and set(runs[2::RUN]) <= _CODES
        and 1 <= min(runs[3::RUN]) <= max(runs[3::RUN]) <= 9998
        and 0 <= min(runs[4::RUN]) <= max(runs[4::RUN]) <= 9999
        and set(runs[5::RUN]) <= {0, 1}
    ):
        return None
    return CowTable(igos, columns, ccodes, runs, names)


def store_entry(path: Path, table: CowTable) -> None:
    """Write an entry atomically (a temporary file, then `os.replace`), and
    delete the entries of other library versions; any `OSError` skips it.
    """
    meta = {
        "igos": table.igos,
        "columns": table.columns,
        "ccodes": table.ccodes,
        "aliases": table.aliases,
        "itemsize": table.runs.itemsize,
        "byteorder": sys.byteorder,
        "count": len(table.runs),
    }
    part = json.dumps(meta, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    payload = len(part).to_bytes(_SIZE, "big") + part + table.runs.tobytes()
    data = _FORMAT + hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".cow-", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(data)
            Path(temporary).replace(path)  # atomic: a reader sees the old entry or the new one
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(temporary)  # noqa: PTH108 - a str path from mkstemp
            raise
        for other in path.parent.glob("cow-*.bin"):
            if not other.name.startswith(f"cow-{_VERSION}-"):
                with contextlib.suppress(OSError):
                    other.unlink()
