"""Reading the fields of a dataset file: problems collected (or raised), each field checked."""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NoReturn, TypeVar

from ._dates import PartialDate
from .exceptions import DataError, DateError

__all__ = ["Problems", "Reader", "Skip", "each", "read_toml"]

T = TypeVar("T")


class Problems:
    """Collects problems; in strict mode the first one is raised at once."""

    def __init__(self, file: str | None, *, strict: bool) -> None:
        self.file, self.strict = file, strict
        self.found: list[DataError] = []

    def add(self, problem: str, record: str | None = None) -> None:
        error = DataError(problem, record=record, file=self.file)
        if self.strict:
            raise error
        self.found.append(error)


class Skip(Exception):  # noqa: N818 - internal control flow, never escapes
    """Stop reading the current record after a problem was reported."""


class Reader:
    """Typed access to one TOML table, reporting problems against a record name."""

    def __init__(self, table: object, record: str, problems: Problems) -> None:
        self.record, self.problems = record, problems
        if not isinstance(table, dict):
            self.fail(f"must be a table, not {type(table).__name__}")
        self.table: dict[str, Any] = table

    def fail(self, problem: str) -> NoReturn:
        self.problems.add(problem, self.record)
        raise Skip

    def get(self, key: str, kind: type[T], *, required: bool = True) -> T | None:
        if key not in self.table:
            if required:
                self.fail(f"the field {key!r} is missing")
            return None
        value = self.table[key]
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            self.fail(f"the field {key!r} must be a {kind.__name__}, not {value!r}")
        return value

    def text(self, key: str) -> str:
        value = self.get(key, str)
        assert value is not None  # noqa: S101 - required fields are present
        if not value.strip():
            self.fail(f"the field {key!r} is empty")
        return value

    def optional_text(self, key: str) -> str | None:
        return self.get(key, str, required=False)

    def strings(self, key: str, *, required: bool = True) -> list[str] | None:
        values = self.get(key, list, required=required)
        if values is None:
            return None
        if not values or not all(isinstance(value, str) for value in values):
            self.fail(f"the field {key!r} must be a non-empty list of strings, not {values!r}")
        return values

    def date(self, key: str, *, required: bool = True) -> PartialDate | None:
        value = self.get(key, str, required=required)
        if value is None:
            return None
        try:
            return PartialDate.parse(value)
        except DateError as error:
            self.fail(f"the field {key!r}: {error}")

    def unknown_fields(self, allowed: set[str]) -> None:
        extra = sorted(set(self.table) - allowed)
        if extra:
            self.fail(f"unknown field(s) {', '.join(map(repr, extra))}; accepted: {', '.join(sorted(allowed))}")


def records_of(document: dict[str, Any], key: str, problems: Problems) -> list[Any]:
    value = document.get(key, [])
    if not isinstance(value, list):
        problems.add(f"[[{key}]] must be an array of tables", key)
        return []
    return value


def each(
    document: dict[str, Any], key: str, problems: Problems, label: str, read: Callable[[Reader], T]
) -> Iterator[T]:
    for number, table in enumerate(records_of(document, key, problems), start=1):
        name = table.get("id") if isinstance(table, dict) else None
        record = f"{label} {name!r}" if isinstance(name, str) else f"{label} #{number}"
        try:
            yield read(Reader(table, record, problems))
        except Skip:
            continue


def read_toml(path: Path, problems: Problems) -> dict[str, Any] | None:
    """Parse a TOML file, reporting a missing or malformed file as a problem."""
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        problems.add("no such file; give the path of a dataset file in TOML")
    except IsADirectoryError:
        problems.add("is a folder; give the path of a dataset file in TOML")
    except tomllib.TOMLDecodeError as error:
        problems.add(f"is not valid TOML: {error}")
    except UnicodeDecodeError as error:
        problems.add(f"is not UTF-8 text: {error}")
    return None
