"""How ``csto-timeline`` writes to its streams, whatever their state: the answer
to stdout, one error line to stderr, and the exit.

A terminal that cannot show a character gets an escape instead; a closed or
gone stream (a reader such as ``head`` that has left, stdout closed with
``>&-``, a full disk) ends the command with a status, never a traceback.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import NoReturn

from ._cli_base import PROG

__all__ = ["ascii_text", "fail", "for_shell", "hard_exit", "quiet_stdout", "write"]

def _one_line(text: str) -> str:
    return " ".join(text.splitlines())


def fail(message: str, status: int = 2) -> int:
    """Print one error line to stderr (if there is one to print to) and return ``status``."""
    line = f"{PROG}: error: {_one_line(message)}\n"
    stream = sys.stderr
    if stream is not None:  # None when the process started with stderr closed
        try:
            try:
                stream.write(line)
            except UnicodeEncodeError:  # a terminal that cannot show the message as it is
                encoding = stream.encoding or "ascii"
                stream.write(line.encode(encoding, "backslashreplace").decode(encoding))
            stream.flush()
        except (OSError, ValueError):  # closed or gone: the status still tells
            pass
    return status


def for_shell(message: str) -> str:
    """The library's messages, worded for a shell user where they speak of Python."""
    return message.replace("a datetime.date or datetime.datetime, ", "").replace("with org=", "with --org")


def quiet_stdout() -> None:
    """Point stdout at devnull, so that the interpreter's final flush does not fail again.

    https://docs.python.org/3/library/signal.html#note-on-sigpipe
    """
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def write(output: str, plain: Callable[[], str]) -> int | None:
    """Print the answer; an exit status when stdout cannot take it, else None.

    ``plain`` gives the answer in ASCII, for a terminal whose encoding cannot
    show it (``PYTHONIOENCODING=ascii``).
    """
    stream = sys.stdout
    if stream is None:  # the process started with stdout closed (`>&-`)
        return fail("cannot write the output: standard output is closed")
    try:
        try:
            stream.write(output + "\n")
        except UnicodeEncodeError:
            stream.write(plain() + "\n")
        stream.flush()
    except BrokenPipeError:
        # The reader (say, `head`) has gone: stop quietly.
        quiet_stdout()
        return 1
    except (OSError, ValueError) as error:  # a full disk, a closed terminal or file: say so in one line
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        return fail(f"cannot write the output: {reason}")
    return None


def ascii_text(text: str) -> str:
    return text.encode("ascii", "backslashreplace").decode("ascii")


def hard_exit(status: int) -> NoReturn:
    """Flush stdout and stderr, then end the process with ``status`` at once.

    The command has nothing left to do once its answer is written: it registers
    no exit handlers and has closed every file it wrote. A normal exit would
    still free every object one by one (the loaded record, its indexes, every
    class), some 15 ms: a sixth of the whole run of a query. The same shortcut
    mypy takes. A stream that cannot be flushed any more (a reader that has
    gone) turns a success into status 1, as `write` does.

    Under a tracer or a profiler (coverage, ``python -m cProfile``, a
    debugger), which write their results at exit, the process exits normally.
    """
    if sys.gettrace() is not None or sys.getprofile() is not None:
        sys.exit(status)
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):
            status = status or 1
    os._exit(status)
