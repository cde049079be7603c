"""The membership chart: one row per state, time across, status by colour.

matplotlib is an optional extra (``pip install "csto_timeline[plot]"``) and is
imported only when a chart is drawn, so ``import csto_timeline`` stays light.
`plot` is a free function (``csto_timeline.plot(tl)``); ``tl.plot()`` reaches
it by name (see `_lazy`). The layout is `_plot_rows`'s, the drawing `_plot_draw`'s.
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib
import io
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ._dates import PartialDate
from ._enums import Status, Track
from ._plot_draw import BAND, BAR, EDGE, draw, label_bodies, legend, mark_qualified, set_axes
from ._plot_draw import title as write_title
from ._plot_rows import chart_rows, chart_window, segments
from ._records import Spell
from ._states import State
from ._timeline import Timeline

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["INSTALL_HINT", "plot"]

INSTALL_HINT = 'pip install "csto_timeline[plot]"'


def plot(
    timeline: Timeline,
    *,
    org: str | None = None,
    states: Iterable[State | str] | State | str | None = None,
    start: object = None,
    end: object = None,
    track_participation: bool = True,
    ax: Axes | None = None,
    title: str | None = None,
) -> Figure:
    """Draw the membership chart of one body or view and return the matplotlib figure.

    One row per state (by default every state with a status in ``org``, in
    the order of their first status; or the states given, in the order
    given), time across, the legal status by colour. Open spells run to
    ``end`` (default: today); a dashed line marks the day the record was last
    checked when that is earlier. A boundary whose day is not known (an event
    dated only to the month or the year) is drawn as a hatched, faded span
    over every day the change may have happened on; a date the sources
    qualify as uncertain or approximate gets a "?". With
    ``track_participation`` the participation spells (a frozen or ceased
    participation, such as Armenia's from 2024) are drawn as a thin band over
    the legal bar. The legend lists only what the chart shows.

    ``org`` is a body or view id (default: the timeline's default, "alliance"
    for the bundled data). ``start`` and ``end`` take any date the queries
    take; the chart runs from the first day of ``start`` to the last day of
    ``end``. ``ax`` draws into an existing matplotlib axes instead of a new
    figure. ``title`` replaces the default title; ``""`` leaves none.

    The figure is not registered with pyplot: save it with
    ``fig.savefig(path)``, or show it in Jupyter by making it a cell's value.
    Needs matplotlib; without it raises `ImportError` saying
    ``pip install "csto_timeline[plot]"``. Raises `UnknownBodyError` for an
    unknown ``org``, `UnknownStateError` for an unknown state in ``states``,
    and `DateError` for a date it cannot read or an ``end`` before ``start``.

    >>> import csto_timeline
    >>> fig = csto_timeline.load().plot(org="CSTO", end="2025-12-31")
    >>> [label.get_text() for label in fig.axes[0].get_yticklabels()]
    ['Armenia', 'Belarus', 'Kazakhstan', 'Kyrgyzstan', 'Russia', 'Tajikistan', 'Uzbekistan']
    >>> fig.savefig("chart.png")  # doctest: +SKIP
    """
    try:
        dates = importlib.import_module("matplotlib.dates")  # matplotlib is an optional extra
    except ImportError as error:
        msg = f"Timeline.plot needs matplotlib, which is not installed; install it with: {INSTALL_HINT}"
        raise ImportError(msg) from error

    key = timeline.org(org)
    legal = timeline.spells(org=key, track=Track.LEGAL)
    rows = chart_rows(timeline, legal, states)
    by_state: dict[State, list[Spell]] = {state: [] for state in rows}
    for spell in legal:
        if spell.state in by_state:
            by_state[spell.state].append(spell)
    bands: dict[State, list[Spell]] = {state: [] for state in rows}
    if track_participation:
        for spell in timeline.spells(org=key, track=Track.PARTICIPATION):
            if spell.state in bands and spell.status is not Status.ACTIVE:
                bands[spell.state].append(spell)
    window = chart_window(start, end, [spell for spells in by_state.values() for spell in spells])

    if ax is None:
        fig = _chart_class()(figsize=(11.0, max(3.4, 1.5 + 0.4 * len(rows))), layout="constrained")
        ax = fig.add_subplot()
    else:
        fig = _root_figure(ax)

    def to_x(day: dt.date) -> float:
        return float(dates.date2num(day))

    shown: set[Status] = set()
    uncertain = qualified = False
    for row, state in enumerate(rows):
        for spells, height in ((by_state[state], BAR), (bands[state], BAND)):
            for segment in segments(spells, window):
                draw(ax, segment, row, height, key, to_x)
                shown.add(segment.spell.status)
                uncertain |= segment.uncertain
            for spell in spells:
                qualified |= mark_qualified(ax, spell, row, window, to_x)
        if key in timeline.views:
            label_bodies(ax, by_state[state], row, window, to_x)

    as_of = timeline.info.as_of
    checked: PartialDate | None = None
    if as_of is not None and window.first < as_of.latest + dt.timedelta(days=1) < window.stop:
        checked = as_of
        x = to_x(as_of.latest + dt.timedelta(days=1))
        ax.axvline(x, color=EDGE, linestyle=(0, (3, 2)), linewidth=0.9, gid="as-of")

    set_axes(ax, rows, window, dates, to_x)
    if not rows:
        ax.text(0.5, 0.5, f"no state has a status in {key}", transform=ax.transAxes, ha="center", va="center")
    legend(ax, shown, uncertain=uncertain, qualified=qualified, checked=checked)
    write_title(ax, timeline, key, title, window)
    return fig


# ------------------------------------------------------------------ figure


@functools.cache
def _chart_class() -> type[Figure]:
    """A matplotlib Figure that Jupyter shows as a PNG even when pyplot is not in use."""
    from matplotlib.figure import Figure  # noqa: PLC0415

    class MembershipChart(Figure):
        """The figure `plot_timeline` returns: a matplotlib Figure that displays as a PNG."""

        def _repr_png_(self) -> bytes:
            buffer = io.BytesIO()
            self.savefig(buffer, format="png", dpi=100)
            return buffer.getvalue()

    MembershipChart.__module__ = __name__
    MembershipChart.__qualname__ = "MembershipChart"
    return MembershipChart


def __getattr__(name: str) -> object:
    """Make ``MembershipChart`` importable (for pickle) without importing matplotlib early."""
    if name == "MembershipChart":
        return _chart_class()
    msg = f"module {__name__!r} has no attribute {name!r}"
    raise AttributeError(msg)


def _root_figure(ax: Axes) -> Figure:
    """The top-level figure holding ``ax`` (the axes may sit in a subfigure)."""
    from matplotlib.figure import Figure  # noqa: PLC0415

    figure: object = ax.figure
    while not isinstance(figure, Figure):
        figure = getattr(figure, "figure", None)
        if figure is None:
            msg = "the axes given as ax= belong to no figure; make them with Figure.add_subplot or pyplot.subplots"
            raise ValueError(msg)
    return figure
