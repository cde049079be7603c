"""What every part of the ``csto-timeline`` command shares: its name, its usage error and its result."""

from __future__ import annotations

import argparse
from typing import NoReturn

import attrs

__all__ = ["PROG", "Parser", "Result", "UsageError"]

PROG = "csto-timeline"

class UsageError(Exception):
    """A problem with the command line; ``main`` prints it as one line and returns 2."""


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line, raised for `main` to report."""

    def error(self, message: str) -> NoReturn:
        """Raise `UsageError` instead of printing the usage and exiting."""
        raise UsageError(f"{message} (see '{self.prog} --help')")


@attrs.frozen
class Result:
    text: str
    data: object
    status: int = 0


# ------------------------------------------------------------------ parsing
