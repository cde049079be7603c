"""Formatting for ``csto-timeline``: aligned tables for people, CSV tables, and the JSON
of records and results, which is theirs (`_serialize`), never rebuilt here.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence

from ._enums import Status
from ._states import State

__all__ = ["Table", "csv_text", "flat", "status_text", "table", "who"]

#: A command's answer as a table: the column names, and one dict per row (extra keys are left out).
Table = tuple[tuple[str, ...], Sequence[Mapping[str, object]]]


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """Rows as left-aligned columns two spaces apart, header first."""
    lines = [list(header), *(list(row) for row in rows)]
    widths = [max(len(line[column]) for line in lines) for column in range(len(header))]
    return ["  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip() for line in lines]


def who(state: State) -> str:
    return f"{state.name} ({state.alpha3})"


def status_text(status: Status | None) -> str:
    return "not related" if status is None else str(status)


def flat(value: object) -> str:
    """A JSON-ready value as one CSV cell: a state as its code, a record as its id,
    a list as its items joined by ';', true/false, and an empty cell for null.

    >>> flat({"code": "UZB", "name": "Uzbekistan"}), flat(["member", None]), flat(None), flat(True)
    ('UZB', 'member;', '', 'true')
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Mapping):
        key = "code" if "code" in value else "id"
        return flat(value.get(key))
    if isinstance(value, (list, tuple)):
        return ";".join(flat(item) for item in value)
    return str(value)


def csv_text(answer: Table) -> str:
    """A table as CSV text (header first, no final line break), cells made by `flat`.

    >>> print(csv_text((("code", "note"), [{"code": "ARM", "note": "a, b"}])))
    code,note
    ARM,"a, b"
    """
    import csv  # noqa: PLC0415 - only for --csv; not a cost of every start

    columns, rows = answer
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([flat(row.get(column)) for column in columns] for row in rows)
    return out.getvalue().rstrip("\n")
