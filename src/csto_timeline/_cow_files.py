"""Reading the files a COW reader takes: a path or an open file, text or
binary, plain or gzip; CSV rows with the line each starts on.
"""

from __future__ import annotations

import csv
import gzip
import io
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from .exceptions import DataError

__all__ = ["FileLike", "csv_rows", "decode", "integer", "name_of", "read_data"]

#: A file given as a path, or as an open file in text or binary mode.
FileLike = str | os.PathLike[str] | IO[str] | IO[bytes]

_INTEGER = re.compile(r"[+-]?\d+(?:\.0*)?")


def name_of(source: FileLike) -> str:
    """The file's name, for messages: its path, an open file's ``name``, or ``<stream>``."""
    if isinstance(source, (str, os.PathLike)):
        return os.fspath(source)
    name = getattr(source, "name", None)
    return name if isinstance(name, str) else "<stream>"


def read_data(source: FileLike, what: str) -> tuple[str | bytes, str]:
    """The raw content of a file given by path or as an open file (text or bytes, as
    read), and its name; raises `DataError` for what cannot be read.
    """
    name = name_of(source)
    data: object
    if isinstance(source, (str, os.PathLike)):
        try:
            data = Path(source).read_bytes()
        except OSError as error:
            msg = (
                f"cannot read the {what}: {error.strerror or error}; give the path of an existing file or an open file"
            )
            raise DataError(msg, file=name) from None
    elif hasattr(source, "read"):
        data = source.read()
    else:
        msg = f"{source!r} is not a file; give the {what} as a path or an open file (text or binary, plain or gzip)"
        raise DataError(msg)
    if not isinstance(data, (str, bytes)):
        msg = (
            f"reading the {what} gave a {type(data).__name__}, not text or bytes; open the file in text or binary mode"
        )
        raise DataError(msg, file=name)
    return data, name


def decode(data: str | bytes, name: str) -> str:
    """The text of raw content: gzip (recognised by its first bytes) is unpacked,
    then UTF-8 (with or without a byte order mark) or else Latin-1 is decoded.
    """
    if isinstance(data, str):
        return data
    if data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as error:
            raise DataError(f"is not a readable gzip file ({error})", file=name) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def csv_rows(text: str) -> Iterator[tuple[int, list[str]]]:
    r"""CSV rows with the line each starts on; blank lines are skipped.

    >>> list(csv_rows('a,b\n\n"x\ny",2\n'))
    [(1, ['a', 'b']), (3, ['x\ny', '2'])]
    """
    reader = csv.reader(io.StringIO(text, newline=""))
    line = 1
    for row in reader:
        start, line = line, reader.line_num + 1
        if row and (row[0].strip() or any(cell.strip() for cell in row)):
            yield start, row


def integer(text: str) -> int | None:
    """An integer cell (integral decimals such as ``1.0`` included), or None.

    >>> integer(" 7 "), integer("1.0"), integer("1.5"), integer("x")
    (7, 1, None, None)
    """
    text = text.strip()
    if not _INTEGER.fullmatch(text):
        return None
    return int(text.split(".", 1)[0])
