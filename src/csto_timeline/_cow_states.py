"""The COW state crosswalk: COW state numbers to the registry's states, and
the IGO file's state columns to COW numbers through COW's state list.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence

from ._cow_files import csv_rows, integer
from ._resources import bundled_states
from ._states import State
from .exceptions import DataError

__all__ = ["column_codes", "column_states", "cow_state", "read_state_list"]


def cow_state(ccode: int) -> State:
    """The state for a COW state number, from the bundled registry (which holds
    every state of data/cow_states.csv, COW State System Membership v2016).

    >>> cow_state(345), cow_state(245), cow_state(265).alpha2
    (State('SRB', 'Serbia'), State('XBA', 'Bavaria'), 'DD')
    >>> cow_state(1)
    Traceback (most recent call last):
    ...
    csto_timeline.exceptions.DataError: COW state number 1 is not in data/cow_states.csv; accepted: the 217 numbers of COW State System Membership v2016 (2 for the United States to 990 for Samoa)
    """
    registry = bundled_states()
    if isinstance(ccode, int) and not isinstance(ccode, bool):
        state = registry.by_cow(ccode)
        if state is not None:
            return state
    known = sorted(state.cow for state in registry if state.cow is not None)
    msg = (
        f"COW state number {ccode!r} is not in data/cow_states.csv; accepted: the {len(known)} numbers of "
        f"COW State System Membership v2016 ({known[0]} for the United States to {known[-1]} for Samoa)"
    )
    raise DataError(msg)


def read_state_list(text: str, name: str) -> dict[str, int]:
    r"""The state list's column name -> COW number (COW's ``states2016.csv``:
    columns ``ccode`` and ``state``).

    >>> read_state_list("ccode,state,stateabb\n371,armenia,ARM\n371,armenia,ARM\n", "s.csv")
    {'armenia': 371}
    """
    rows = csv_rows(text)
    try:
        _, header = next(rows)
    except StopIteration:
        raise DataError(
            "the state list is empty; expected COW's states2016.csv with columns ccode and state", file=name
        ) from None
    header = [column.strip() for column in header]
    for column in ("ccode", "state"):
        if column not in header:
            msg = f"column {column!r} is missing; the COW state list (states2016.csv) needs columns 'ccode' and 'state'"
            raise DataError(msg, record="line 1", file=name)
    at_code, at_state = header.index("ccode"), header.index("state")
    codes: dict[str, int] = {}
    for line, row in rows:
        if len(row) != len(header):
            msg = f"has {len(row)} cells, the header {len(header)}"
            raise DataError(msg, record=f"line {line}", file=name)
        ccode = integer(row[at_code])
        if ccode is None:
            msg = f"ccode {row[at_code]!r} is not an integer; expected a COW state number such as 704"
            raise DataError(msg, record=f"line {line}, column 'ccode'", file=name)
        column = row[at_state].strip()
        if not column:
            raise DataError("the state column name is empty", record=f"line {line}, column 'state'", file=name)
        if codes.setdefault(column, ccode) != ccode:
            msg = f"state {column!r} has COW numbers {codes[column]} and {ccode}; each state column needs one number"
            raise DataError(msg, record=f"line {line}, column 'ccode'", file=name)
    return codes


def column_codes(columns: Sequence[str], codes: dict[str, int], list_name: str, igo_file: str) -> list[int]:
    """The COW number of each IGO-file state column, checked against the registry:
    every column must be a state of the list, no two columns one number, and
    each number one of the crosswalk's.
    """
    registry = bundled_states()
    by_code: dict[int, str] = {}
    found: list[int] = []
    for column in columns:
        ccode = codes.get(column)
        if ccode is None:
            close = difflib.get_close_matches(column, list(codes), n=3)
            hint = f" (did you mean {' or '.join(map(repr, close))}?)" if close else ""
            msg = (
                f"column {column!r} is neither a COW IGO metadata column nor a state of the state list "
                f"{list_name}{hint}; state columns are the 'state' names of COW's states2016.csv"
            )
            raise DataError(msg, record=f"line 1, column {column!r}", file=igo_file)
        if ccode in by_code:
            msg = f"columns {by_code[ccode]!r} and {column!r} both stand for COW state number {ccode} in {list_name}"
            raise DataError(msg, record=f"line 1, column {column!r}", file=igo_file)
        by_code[ccode] = column
        if registry.by_cow(ccode) is None:
            msg = (
                f"COW state number {ccode} (column {column!r}) is not in csto_timeline's crosswalk "
                "data/cow_states.csv, which covers COW State System Membership v2016"
            )
            raise DataError(msg, record=f"line 1, column {column!r}", file=igo_file)
        found.append(ccode)
    return found


def column_states(ccodes: Sequence[int]) -> list[State]:
    """The registry's state for each COW number (checked by `column_codes`); a
    number the crosswalk lacks raises `DataError`.
    """
    registry = bundled_states()
    states = []
    for ccode in ccodes:
        state = registry.by_cow(ccode)
        if state is None:
            raise DataError(f"COW state number {ccode} is not in data/cow_states.csv")
        states.append(state)
    return states
