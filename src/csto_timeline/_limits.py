"""The limits on what the library reads, so that no file makes it work without end.

Each limit is a constant here, named in the message of the error that
enforces it and listed in ``docs/limits.md``. The file sizes can be lifted
for one process with an environment variable holding a number of megabytes
(read when a file is read, not when the library is imported).

>>> dataset_limit()
52428800
>>> import os
>>> os.environ["CSTO_TIMELINE_MAX_DATASET_MB"] = "0.001"
>>> dataset_limit()
1048
>>> del os.environ["CSTO_TIMELINE_MAX_DATASET_MB"]
"""

from __future__ import annotations

import math
import os
import stat

from .exceptions import DataError

__all__ = [
    "COW_ENV",
    "DATASET_ENV",
    "MAX_COW_MB",
    "MAX_DATASET_MB",
    "MAX_NESTING",
    "cow_limit",
    "dataset_limit",
    "read_regular",
    "too_large",
]

#: The largest dataset file (TOML) `load` and `validate` read, in megabytes
#: (the bundled record is under 1 MB).
MAX_DATASET_MB = 50
#: The environment variable that lifts `MAX_DATASET_MB`.
DATASET_ENV = "CSTO_TIMELINE_MAX_DATASET_MB"
#: The largest COW file `read_cow` reads, in megabytes, after gzip is unpacked
#: (COW's IGO-year file v3 is about 30 MB).
MAX_COW_MB = 200
#: The environment variable that lifts `MAX_COW_MB`.
COW_ENV = "CSTO_TIMELINE_MAX_COW_MB"
#: The deepest nesting of arrays and inline tables a dataset file may have
#: (the format itself needs three levels).
MAX_NESTING = 32

_MB = 1024 * 1024


def _limit(variable: str, default: float) -> int:
    text = os.environ.get(variable)
    if text is None:
        return int(default * _MB)
    try:
        megabytes = float(text)
    except ValueError:
        megabytes = math.nan
    if not math.isfinite(megabytes) or megabytes <= 0:
        msg = f"the environment variable {variable}={text!r} is not a positive number of megabytes, such as 100"
        raise DataError(msg)
    return int(megabytes * _MB)


def dataset_limit() -> int:
    """The largest dataset file read, in bytes: `MAX_DATASET_MB`, or ``$CSTO_TIMELINE_MAX_DATASET_MB``."""
    return _limit(DATASET_ENV, MAX_DATASET_MB)


def cow_limit() -> int:
    """The largest COW file read, in bytes: `MAX_COW_MB`, or ``$CSTO_TIMELINE_MAX_COW_MB``."""
    return _limit(COW_ENV, MAX_COW_MB)


def too_large(what: str, limit: int, variable: str) -> str:
    """The message for a file over ``limit`` bytes, saying how to lift the limit.

    >>> too_large("dataset file", 52428800, DATASET_ENV)
    'the dataset file is larger than the limit of 50 MB; set the environment variable CSTO_TIMELINE_MAX_DATASET_MB to a larger number of megabytes to read it'
    """
    return (
        f"the {what} is larger than the limit of {limit / _MB:g} MB; set the environment variable "
        f"{variable} to a larger number of megabytes to read it"
    )


def read_regular(path: str | os.PathLike[str], *, what: str, limit: int, variable: str, accepted: str) -> bytes:
    """The bytes of the regular file at ``path``, at most ``limit`` of them.

    Raises `DataError` (the problem only: the caller names the file) for a
    path naming no file, a folder, a FIFO, device or socket (refused before
    anything is read: opening does not wait for a writer), a file that cannot
    be opened or read, and a file over the limit.

    >>> read_regular("/dev/null", what="dataset file", limit=10, variable=DATASET_ENV, accepted="give a file")
    Traceback (most recent call last):
    ...
    csto_timeline.exceptions.DataError: is not a regular file (a FIFO, device or socket); give a file
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        descriptor = os.open(path, flags)
    except (FileNotFoundError, NotADirectoryError) as error:
        detail = " (a folder on the way is a file)" if isinstance(error, NotADirectoryError) else ""
        raise DataError(f"no such file{detail}; {accepted}") from None
    except IsADirectoryError:
        raise DataError(f"is a folder; {accepted}") from None
    except (OSError, ValueError) as error:  # a name too long, no permission, a NUL in the path, ...
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        raise DataError(f"cannot be opened ({reason}); {accepted}") from None
    try:
        mode = os.fstat(descriptor).st_mode
        if not stat.S_ISREG(mode):
            os.close(descriptor)
            kind = "a folder" if stat.S_ISDIR(mode) else "not a regular file (a FIFO, device or socket)"
            raise DataError(f"is {kind}; {accepted}")
        with os.fdopen(descriptor, "rb") as handle:
            data = handle.read(limit + 1)
    except OSError as error:
        raise DataError(f"cannot be read ({error.strerror or error}); {accepted}") from None
    if len(data) > limit:
        raise DataError(too_large(what, limit, variable))
    return data
