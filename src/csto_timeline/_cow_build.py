"""Build a `Timeline` from a `CowTable`: one body per IGO and one spell per run,
made directly (no records, no events, no derivation).

Each spell's opening and closing events are made only when asked for (by
`Timeline.events` or `Timeline.explain`), from the table the spell came
from: a spell keeps two small makers, not its events. Objects many spells
share are made once: one `Boundary` per year, one `State` per column.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from itertools import compress, repeat
from operator import ne
from pathlib import Path

from ._cow_codes import CODE_STATUS, COW_SOURCE, LABELS
from ._cow_states import column_states
from ._cow_table import RUN, CowTable
from ._dates import Boundary, PartialDate
from ._enums import EventKind, Track
from ._parts import DatasetParts, LazySpells
from ._records import Body, Citation, Claim, DatasetInfo, Event, Spell
from ._resources import bundled_states
from ._states import State
from ._timeline import Timeline

__all__ = ["build_timeline"]

_LEGAL = Track.LEGAL


class _Source:
    """What the events of one table need: the table and each column's state."""

    __slots__ = ("states", "table")

    def __init__(self, table: CowTable, states: Sequence[State]) -> None:
        self.table, self.states = table, states

    def event(self, index: int, *, closing: bool) -> Event:
        """The event opening or closing the spell of run ``index``: ``record-N/start`` or ``record-N/end``."""
        table = self.table
        igo, column, code, first, end, filled = table.runs[index * RUN : index * RUN + RUN]
        ioname, _, _, igo_first, igo_last = table.igos[igo]
        last = end - 1 if end else igo_last
        span = str(first) if first == last else f"{first}-{last}"
        name = table.columns[column]
        if filled:
            says = (
                f"COW gives {name} no code in {ioname} for {span} (years without a row between rows that differ, or -9)"
            )
        else:
            cell = "-1 or empty" if code == -1 else str(code)
            says = f"COW codes {name} {cell} ({LABELS[code]}) in {ioname} for {span}"
        citation = (Citation(COW_SOURCE, says),)
        number = index + 1
        state = self.states[column]
        if closing:
            claim = Claim(PartialDate(end), citation)
            return Event(
                f"record-{number}/end", EventKind.RECORD_END, state, ioname, (claim,), record=f"record-{number}"
            )
        begin = PartialDate(first, 1, 1) if first == igo_first and code < 0 else PartialDate(first)
        return Event(
            f"record-{number}/start",
            EventKind.RECORD_START,
            state,
            ioname,
            (Claim(begin, citation),),
            status=CODE_STATUS[code],
            record=f"record-{number}",
        )


def _maker_type(source: _Source) -> type[int]:
    """The type of one table's event makers: ints (run ``k`` opens with ``k`` and closes with
    ``-k - 1``) whose class knows the table, so a spell keeps 32 bytes per maker instead of a tuple.
    """

    def call(self: int) -> Event:
        return source.event(self if self >= 0 else -self - 1, closing=self < 0)

    return type("_EventMaker", (int,), {"__slots__": (), "__call__": call, "__doc__": "Makes one run's event."})


def build_timeline(table: CowTable, file_name: str) -> Timeline:
    """The timeline of a parsed (or cached) table; ``file_name`` names it in its title."""
    states = column_states(table.ccodes)
    source = _Source(table, states)
    bodies = {
        ioname: Body(
            ioname,
            longorgname or orgname or ioname,
            "organization",
            coverage_start=dt.date(first, 1, 1),
            coverage_end=dt.date(last, 12, 31),
            aliases=aliases,
        )
        for (ioname, orgname, longorgname, first, last), aliases in zip(table.igos, table.aliases, strict=True)
    }
    runs = table.runs
    igo_of, column_of, code_of, first_of, end_of = (runs[field::RUN] for field in range(5))
    count = len(igo_of)
    # One Boundary per year and one per 1 January (runs of -9 or -1 that open an IGO's data hold
    # from its first day: they report no change inside that year), shared by every spell.
    years = {year: Boundary(PartialDate(year)) for year in {*first_of, *end_of} if year}
    igo_first = [igo[3] for igo in table.igos]
    january = {year: Boundary(PartialDate(year, 1, 1)) for year in set(igo_first)}
    maker = _maker_type(source)
    names = [igo[0] for igo in table.igos]
    position = {name: number for number, name in enumerate(names)}

    def make(key: tuple[str, Track]) -> dict[State, tuple[Spell, ...]]:
        """One IGO's spells, made column-wise by C loops where possible (``map``)."""
        igo = position[key[0]]
        # Runs come IGO by IGO, column by column: this IGO's runs are one stretch of the table.
        low, high = bisect_left(igo_of, igo), bisect_right(igo_of, igo)
        columns, codes, firsts, ends = column_of[low:high], code_of[low:high], first_of[low:high], end_of[low:high]
        starts = [
            january[first] if code < 0 and first == igo_first[igo] else years[first]
            for code, first in zip(codes, firsts, strict=True)
        ]
        made = list(
            map(
                Spell,
                map(states.__getitem__, columns),
                repeat(key[0]),
                map(CODE_STATUS.__getitem__, codes),
                starts,
                [years[end] if end else None for end in ends],
                map(maker, range(low, high)),
                [maker(-index - 1) if end else None for index, end in zip(range(low, high), ends, strict=True)],
                repeat(_LEGAL),
            )
        )
        by_state: dict[State, tuple[Spell, ...]] = {}
        begin = 0
        for stop in [*compress(range(1, len(columns)), map(ne, columns[1:], columns)), len(columns)]:
            by_state[states[columns[begin]]] = tuple(made[begin:stop])
            begin = stop
        return by_state

    keys = [(names[igo], _LEGAL) for igo in sorted(set(igo_of))]
    counts = (len(set(column_of)), count + sum(1 for end in end_of if end))
    spells = LazySpells(keys, make, counts)
    last_year = max((igo[4] for igo in table.igos), default=None)
    title = f"Correlates of War IGO data v3 ({Path(file_name).name})"
    default = next(iter(bodies)) if len(bodies) == 1 else None
    info = DatasetInfo("records", title, PartialDate(last_year) if last_year is not None else None, default)
    parts = DatasetParts(info, bodies, {}, bundled_states(), {COW_SOURCE.id: COW_SOURCE}, (), (), spells)
    return Timeline(parts)
