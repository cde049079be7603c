"""What the tabular extras (panels, COW export, comparison) share: which
bodies and states a call covers, a body's coverage, the spells of one body by
state, checked year ranges, and how rows are returned (records, CSV text or a
pandas DataFrame).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import operator
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal

import attrs

from ._coding import CodingRule, parse_rule
from ._enums import Status, Track
from ._periods import Period, check_freq, check_max_rows, check_rows, count_periods, periods, window
from ._records import Spell
from ._states import State
from ._sweep import StatusSteps
from ._timeline import Timeline
from .exceptions import DateError, VocabularyError

__all__ = ["Output", "Plan", "check_output", "coverage_of", "emit", "plan", "resolve_orgs", "resolve_states", "state_spells", "year_range"]


def resolve_orgs(timeline: Timeline, org: str | Iterable[str] | None) -> list[str]:
    """The body and view ids a call covers: ``org`` (one name or several), or
    the timeline's default, or every body when it has no default.
    """
    if org is None:
        if timeline.info.default is not None:
            return [timeline.info.default]
        return sorted(timeline.bodies)
    if isinstance(org, str):
        return [timeline.org(org)]
    return list(dict.fromkeys(timeline.org(name) for name in org))  # first appearance kept


def resolve_states(
    timeline: Timeline, states: Iterable[State | str] | State | str | None, spells: Mapping[State, Sequence[Spell]]
) -> list[State]:
    """``states`` looked up in the timeline (in the order given), or every state
    with a spell, sorted by code.
    """
    if states is None:
        return sorted(spells)
    if isinstance(states, (str, State)):
        states = [states]
    return list(dict.fromkeys(timeline.state(state) for state in states))  # first appearance kept


def state_spells(timeline: Timeline, org: str) -> dict[State, list[Spell]]:
    """The legal-track spells of one body or view, by state."""
    found: dict[State, list[Spell]] = {}
    for spell in timeline.spells(org=org, track=Track.LEGAL):
        found.setdefault(spell.state, []).append(spell)
    return found


def coverage_of(timeline: Timeline, key: str) -> tuple[dt.date | None, dt.date | None]:
    """The first and last day a body's data covers (None: unbounded; views are unbounded)."""
    body = timeline.bodies.get(key)
    return (body.coverage_start, body.coverage_end) if body is not None else (None, None)


def year_range(start_year: object, end_year: object) -> tuple[int, int]:
    """Check a pair of years given as integers (numpy integers from a DataFrame
    included), first not after last.

    >>> year_range(2001, 2003)
    (2001, 2003)
    """
    years = []
    for name, value in (("start_year", start_year), ("end_year", end_year)):
        try:
            year = operator.index(value)  # type: ignore[arg-type]
        except TypeError:
            year = None
        if isinstance(value, bool) or year is None or not 1 <= year <= 9998:
            msg = f"{name}={value!r} is not a year; give an integer from 1 to 9998, such as 2002"
            raise DateError(msg)
        years.append(year)
    first, last = years
    if last < first:
        msg = f"end_year={last} is before start_year={first}; give the earlier year first"
        raise DateError(msg)
    return first, last


@attrs.frozen
class Plan:
    """What a panel covers, checked and counted before any work: the periods,
    the coding rule, and for each body or view its coverage (first, last
    ordinal) and the steps of each state asked about (None: no spell).
    """

    periods: tuple[Period, ...]
    rule: CodingRule
    orgs: tuple[tuple[str, tuple[int | None, int | None], tuple[tuple[State, StatusSteps | None], ...]], ...]


def plan(
    timeline: Timeline,
    *,
    caller: str,
    freq: object,
    start: object,
    end: object,
    org: str | Iterable[str] | None,
    states: Iterable[State | str] | State | str | None,
    rule: object,
    output: object,
    max_rows: object,
    pairs: bool = False,
) -> Plan:
    """Check every option, count the rows (per state, or per pair of states when
    ``pairs``) and refuse more than ``max_rows``, all before any panel work.
    """
    kind = check_freq(freq)
    check_output(output)
    limit = check_max_rows(max_rows)
    coding = parse_rule(rule, kind)
    first, last = window(kind, start, end)
    count = count_periods(kind, first, last)
    check_rows(count, limit, caller, f"{count:,} {kind}s from {start!r} to {end!r}")
    keys = resolve_orgs(timeline, org)
    chosen = []
    total = 0
    for key in keys:
        spells = state_spells(timeline, key)
        found = resolve_states(timeline, states, spells)
        total += len(found) * (len(found) - 1) // 2 if pairs else len(found)
        chosen.append((key, spells, found))
        what = f"{count:,} {kind}s x {total:,} {'pairs of states' if pairs else 'states'} in {len(keys)} bodies or views"
        check_rows(total * count, limit, caller, what)
    table = []
    for key, spells, found in chosen:
        low, high = coverage_of(timeline, key)
        bounds = (None if low is None else low.toordinal(), None if high is None else high.toordinal())
        steps = tuple((state, StatusSteps(spells[state]) if state in spells else None) for state in found)
        table.append((key, bounds, steps))
    return Plan(tuple(periods(kind, first, last)), coding, tuple(table))


def _cell(value: object) -> object:
    if isinstance(value, Status):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return "|".join("none" if item is None else str(item) for item in value)
    return "" if value is None else value


def _plain(value: object) -> object:
    if isinstance(value, Status):
        return value.value
    if isinstance(value, tuple):
        return _cell(value)
    return value


#: What a table-making extra returns: rows (records), CSV text, or a pandas DataFrame.
Output = Literal["records", "csv", "pandas"]


def check_output(output: object) -> None:
    """Raise `VocabularyError` for an ``output`` other than "records", "csv" or "pandas"."""
    if output not in ("records", "csv", "pandas"):
        msg = f"output={output!r} is not accepted; use 'records', 'csv' or 'pandas'"
        raise VocabularyError(msg)


def emit(rows: Sequence[Any], fields: Sequence[str], output: str, caller: str) -> Any:  # noqa: ANN401
    """Rows as a tuple, CSV text (with a header) or a pandas DataFrame."""
    check_output(output)
    if output == "records":
        return tuple(rows)
    if output == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(fields)
        writer.writerows([_cell(getattr(row, field)) for field in fields] for row in rows)
        return buffer.getvalue()
    try:
        import pandas as pd  # noqa: PLC0415 - pandas is an optional extra
    except ImportError:
        msg = (
            f"{caller}(output='pandas') needs pandas, which is not installed: "
            "pip install 'csto_timeline[pandas]', or use output='records' or output='csv'"
        )
        raise ImportError(msg) from None
    table = {field: [_plain(getattr(row, field)) for row in rows] for field in fields}
    frame = pd.DataFrame(table, columns=list(fields))
    for field in ("first_day", "last_day"):
        if field in frame.columns:
            frame[field] = pd.to_datetime(frame[field])
    return frame
