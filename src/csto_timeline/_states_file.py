"""Reading the ``[[states]]`` tables of a states file (``data/states.toml``) or dataset."""

from __future__ import annotations

from typing import Any

from ._fields import Problems, Reader, each
from ._states import State

__all__ = ["read_states"]


def read_states(document: dict[str, Any], problems: Problems) -> list[State]:
    """The ``[[states]]`` tables of a document."""

    def read(row: Reader) -> State:
        row.unknown_fields({"alpha3", "alpha2", "name", "cow", "aliases", "note"})
        row.record = f"state {row.table.get('alpha3')!r}"
        try:
            return State.of(
                row.text("alpha3"),
                row.optional_text("alpha2"),
                row.text("name"),
                cow=row.get("cow", int, required=False),
                aliases=row.strings("aliases", required=False) or (),
            )
        except ValueError as error:
            row.reject(error)

    return list(each(document, "states", problems, "state", read))
