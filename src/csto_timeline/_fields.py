"""Reading the fields of a dataset file: problems collected (or raised), each field checked."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NoReturn, TypeVar

from ._dates import PartialDate
from ._limits import DATASET_ENV, MAX_NESTING, dataset_limit, read_regular
from .exceptions import DataError, DateError

__all__ = ["Problems", "Reader", "Skip", "each", "nesting", "parse_toml", "read_dataset_bytes", "read_toml"]

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

    def reject(self, error: ValueError) -> NoReturn:
        """Report a record's constructor refusing its values; a problem already
        reported (a `DataError` raised in strict mode while reading a field) goes on as it is.
        """
        if isinstance(error, DataError):
            raise error
        self.fail(str(error))

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
    """Parse a TOML file, reporting as a problem a path that names no readable
    regular file, a file over the size limit, text that is not UTF-8 or TOML,
    and nesting deeper than `MAX_NESTING`. FIFOs and devices are refused
    before anything is read from them.
    """
    data = read_dataset_bytes(path, problems)
    return None if data is None else parse_toml(data, problems)


def read_dataset_bytes(path: Path, problems: Problems) -> bytes | None:
    """The bytes of a dataset file, under the limits every dataset file is read with (see `read_toml`)."""
    try:
        return read_regular(
            path,
            what="dataset file",
            limit=dataset_limit(),
            variable=DATASET_ENV,
            accepted="give the path of a dataset file in TOML",
        )
    except DataError as error:
        problems.add(error.problem)
        return None


#: Strings, comments and brackets of TOML text: enough to measure nesting without parsing.
_TOKENS = re.compile(
    r'"""(?:[^\\]|\\.)*?"""|\'\'\'.*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'|#[^\n]*|[\[\]{}]',
    re.DOTALL,
)


def nesting(text: str) -> int:
    """The deepest nesting of brackets and braces in TOML text, outside strings and comments.

    >>> nesting('a = [[1, 2], {b = "[[["}]  # ]]]]]')
    2
    """
    depth = deepest = 0
    for match in _TOKENS.finditer(text):
        token = match.group()
        if token in {"[", "{"}:
            depth += 1
            deepest = max(deepest, depth)
        elif token in {"]", "}"}:
            depth = max(depth - 1, 0)
    return deepest


def parse_toml(data: bytes, problems: Problems) -> dict[str, Any] | None:
    """Parse the bytes of a TOML file (a UTF-8 byte order mark is skipped),
    reporting text that is not UTF-8 or TOML, or nests deeper than `MAX_NESTING`.
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        problems.add(f"is not UTF-8 text: {error}")
        return None
    deep = f"nests arrays or inline tables deeper than the limit of {MAX_NESTING} levels; the format needs three"
    if text.count("[") + text.count("{") > MAX_NESTING and nesting(text) > MAX_NESTING:
        problems.add(deep)
        return None
    # Imported here: a start that reads only compiled bundled files (see _resources) never
    # parses TOML, and importing tomllib costs some 5 ms.
    import tomllib  # noqa: PLC0415

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        problems.add(f"is not valid TOML: {error}")
    except RecursionError:  # the check above missed a nesting tomllib cannot follow
        problems.add(deep)
    return None
