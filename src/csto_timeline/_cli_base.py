"""What every part of the ``csto-timeline`` command shares: its name, its usage error and its result."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import NoReturn

import attrs

from ._cli_format import Table, csv_text

__all__ = ["PROG", "Parser", "Result", "UsageError", "with_csv"]

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
    """A command's answer: text for people, data for ``--json``, a table for ``--csv``, the exit status."""

    text: str
    data: object
    status: int = 0
    table: Table | None = None


Handler = Callable[[argparse.Namespace], object]


def with_csv(handler: Handler) -> Handler:
    """The handler, answering with its table as CSV text when ``--csv`` is given."""

    def answer(args: argparse.Namespace) -> object:
        if getattr(args, "csv", False) and getattr(args, "json", False):
            raise UsageError("--csv and --json cannot be used together; choose one")
        result = handler(args)
        if not getattr(args, "csv", False):
            return result
        found: Table | None = getattr(result, "table", None)
        if found is None:
            msg = f"'{args.command}' answers with no table; leave out --csv (or use --json)"
            raise UsageError(msg)
        return attrs.evolve(result, text=csv_text(found))  # type: ignore[misc]

    return answer
