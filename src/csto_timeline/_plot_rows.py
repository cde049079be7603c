"""The membership chart's layout, without matplotlib: which states are rows,
which days are shown, and the rectangles each spell is cut into.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

import attrs

from ._dates import Boundary, to_partial_date
from ._records import Spell
from ._states import State
from ._tabular import resolve_states
from ._timeline import Timeline
from .exceptions import DateError

__all__ = ["Segment", "Window", "chart_rows", "chart_window", "segments"]


@attrs.frozen
class Window:
    """The days shown: ``first`` up to, but not including, ``stop``."""

    first: dt.date
    stop: dt.date

    def clip(self, begin: dt.date, end: dt.date) -> tuple[dt.date, dt.date] | None:
        """[begin, end) cut to the window, or None when nothing of it is shown."""
        low, high = max(begin, self.first), min(end, self.stop)
        return (low, high) if low < high else None


@attrs.frozen
class Segment:
    """One rectangle to draw: a part of a spell, sure or uncertain."""

    begin: dt.date
    end: dt.date
    uncertain: bool
    low: float  # lower edge, as a share of the bar height (0 bottom, 1 top)
    high: float
    spell: Spell


def chart_rows(
    timeline: Timeline, legal: Sequence[Spell], states: Iterable[State | str] | State | str | None
) -> list[State]:
    """The states to draw, top to bottom."""
    if states is None:
        first: dict[State, tuple[dt.date, str]] = {}
        for spell in legal:
            when = (spell.start.earliest, spell.state.alpha3)
            first[spell.state] = min(first.get(spell.state, when), when)
        return sorted(first, key=first.__getitem__)
    return resolve_states(timeline, states, {})


def chart_window(start: object, end: object, spells: Sequence[Spell]) -> Window:
    """The days shown; raises DateError for an end before the start."""
    last = to_partial_date(end).latest if end is not None else dt.date.today()  # noqa: DTZ011 - a calendar day
    if start is not None:
        first = to_partial_date(start).earliest
    elif spells:
        first = min(dt.date(min(spell.start.earliest for spell in spells).year, 1, 1), last)
    else:
        first = dt.date(last.year, 1, 1)
    if last < first:
        msg = (
            f"the chart would end ({end!r}, last day {last}) before it starts ({start!r}, first day {first}); "
            "give an end on or after the start"
        )
        raise DateError(msg)
    return Window(first, last + dt.timedelta(days=1))


def _same_days(a: Boundary | None, b: Boundary | None) -> bool:
    return a is not None and b is not None and (a.earliest, a.latest) == (b.earliest, b.latest)


def segments(spells: Sequence[Spell], window: Window) -> list[Segment]:
    """Each spell cut into its sure part and the uncertain spans of its boundaries.

    A status certainly holds from ``start.latest`` until ``end.earliest`` and
    may hold from ``start.earliest`` until ``end.latest``. Where one spell's
    uncertain end is the next spell's uncertain start, the two share the span:
    the ending status takes its upper half and the starting status the lower.
    """
    found: list[Segment] = []
    for index, spell in enumerate(spells):
        before = spells[index - 1] if index > 0 else None
        after = spells[index + 1] if index + 1 < len(spells) else None
        end_early = spell.end.earliest if spell.end is not None else window.stop
        end_late = spell.end.latest if spell.end is not None else window.stop
        shared_start = before is not None and _same_days(before.end, spell.start)
        shared_end = after is not None and _same_days(spell.end, after.start)
        parts = (
            (spell.start.earliest, spell.start.latest, True, 0.0, 0.5 if shared_start else 1.0),
            (spell.start.latest, end_early, False, 0.0, 1.0),
            (max(end_early, spell.start.latest), end_late, True, 0.5 if shared_end else 0.0, 1.0),
        )
        for begin, end, unsure, low, high in parts:
            clipped = window.clip(begin, end)
            if clipped is not None:
                found.append(Segment(clipped[0], clipped[1], unsure, low, high, spell))
    return found
