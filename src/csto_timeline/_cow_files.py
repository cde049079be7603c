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
from typing import IO

from ._limits import COW_ENV, cow_limit, read_regular, too_large
from .exceptions import DataError

__all__ = ["FileLike", "csv_rows", "decode", "in_file", "integer", "is_file_like", "name_of", "not_a_file", "read_data"]

#: A file given as a path, or as an open file in text or binary mode.
FileLike = str | os.PathLike[str] | IO[str] | IO[bytes]

_INTEGER = re.compile(r"[+-]?\d+(?:\.0*)?")


def name_of(source: FileLike) -> str:
    """The file's name, for messages: its path, an open file's ``name``, or ``<stream>``."""
    if isinstance(source, (str, os.PathLike)):
        return os.fspath(source)
    name = getattr(source, "name", None)
    return name if isinstance(name, str) else "<stream>"


def is_file_like(source: object) -> bool:
    """True for a path or an object with a ``read`` method."""
    return isinstance(source, (str, os.PathLike)) or callable(getattr(source, "read", None))


def not_a_file(source: object, what: str) -> TypeError:
    """The error for a ``source`` that is neither a path nor an open file."""
    msg = f"{source!r} is not a file; give the {what} as a path or an open file (text or binary, plain or gzip)"
    return TypeError(msg)


def in_file(error: DataError, name: str) -> DataError:
    """``error`` with the file named, when it names a line but no file (as `csv_rows` raises it)."""
    if error.file is not None:
        return error
    return DataError(error.problem, record=error.record, file=name)


def read_data(source: FileLike, what: str) -> tuple[str | bytes, str]:
    """The raw content of a file given by path or as an open file (text or bytes, as
    read), and its name; raises `DataError` for what cannot be read (a path naming
    no regular file, a closed or write-only file, a text stream that is not UTF-8,
    a file over the limit of `cow_limit`), `TypeError` for what is not a file.
    """
    name = name_of(source)
    limit = cow_limit()
    data: object
    if isinstance(source, (str, os.PathLike)):
        accepted = "give the path of an existing file or an open file"
        try:
            data = read_regular(source, what=what, limit=limit, variable=COW_ENV, accepted=accepted)
        except DataError as error:
            raise DataError(f"cannot read the {what}: {error.problem}", file=name) from None
    elif callable(getattr(source, "read", None)):
        try:
            data = source.read(limit + 1)
        except UnicodeDecodeError as error:
            msg = f"the {what} is not UTF-8 text ({error}); open it in binary mode ('rb') to let the reader decode it"
            raise DataError(msg, file=name) from None
        except (OSError, ValueError) as error:  # closed, or open for writing only
            msg = f"cannot read the {what} from this file ({error}); give a path or a file open for reading"
            raise DataError(msg, file=name) from None
    else:
        raise not_a_file(source, what)
    if not isinstance(data, (str, bytes)):
        msg = (
            f"reading the {what} gave a {type(data).__name__}, not text or bytes; open the file in text or binary mode"
        )
        raise DataError(msg, file=name)
    if len(data) > limit:
        raise DataError(too_large(what, limit, COW_ENV), file=name)
    return data, name


def decode(data: str | bytes, name: str) -> str:
    """The text of raw content: gzip (recognised by its first bytes) is unpacked,
    then UTF-8 (with or without a byte order mark) or else Latin-1 is decoded.
    """
    if isinstance(data, str):
        return data.removeprefix("\ufeff")  # a byte order mark read as text, as by path
    if data[:2] == b"\x1f\x8b":
        limit = cow_limit()
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(data)) as unpacked:
                data = unpacked.read(limit + 1)
        except (OSError, EOFError) as error:
            raise DataError(f"is not a readable gzip file ({error})", file=name) from None
        if len(data) > limit:
            raise DataError(too_large("unpacked gzip file", limit, COW_ENV), file=name)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def csv_rows(text: str) -> Iterator[tuple[int, list[str]]]:
    r"""CSV rows with the line each starts on; blank lines are skipped.

    A row the csv module cannot read (a cell over its field limit of 128 KiB,
    usually a stray double quote opening a cell that never closes) raises
    `DataError` naming the line the row starts on; the reader adds the file.

    >>> list(csv_rows('a,b\n\n"x\ny",2\n'))
    [(1, ['a', 'b']), (3, ['x\ny', '2'])]
    """
    reader = csv.reader(io.StringIO(text, newline=""))
    line = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            msg = (
                f"the row cannot be read as CSV ({error}); a cell may be longer than {csv.field_size_limit():,} "
                "characters, or a stray double quote opens a quoted cell that never closes"
            )
            raise DataError(msg, record=f"line {line}") from None
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
