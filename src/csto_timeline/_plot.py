"""The membership chart: one row per state, time across, status by colour.

matplotlib is an optional extra (``pip install "csto_timeline[plot]"``) and is
imported only when a chart is drawn, so ``import csto_timeline`` stays light.
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib
import io
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import attrs

from ._dates import Boundary, PartialDate, to_partial_date
from ._enums import Status, Track
from ._panel import resolve_states
from ._records import Spell
from ._states import State
from .exceptions import DateError

if TYPE_CHECKING:
    from types import ModuleType

    from matplotlib.artist import Artist
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from ._timeline import Timeline

__all__ = ["STATUS_COLORS", "plot_timeline"]

INSTALL_HINT = 'pip install "csto_timeline[plot]"'

#: The fill colour of each status (the Okabe-Ito palette, which stays readable
#: with the common forms of colour blindness).
STATUS_COLORS: dict[Status, str] = {
    Status.SIGNATORY: "#56B4E9",
    Status.MEMBER: "#0072B2",
    Status.SUSPENDED: "#D55E00",
    Status.OBSERVER: "#CC79A7",
    Status.PARTNER: "#009E73",
    Status.ASSOCIATE: "#E69F00",
    Status.FROZEN: "#F0E442",
    Status.INACTIVE: "#FFFFFF",
    Status.ACTIVE: "#FFFFFF",
    Status.UNKNOWN: "#999999",
    Status.UNCOVERED: "#DDDDDD",
}

_LEGEND_TEXT: dict[Status, str] = {
    Status.SIGNATORY: "signatory (signed, not yet in force)",
    Status.MEMBER: "member",
    Status.SUSPENDED: "membership suspended",
    Status.OBSERVER: "observer",
    Status.PARTNER: "partner",
    Status.ASSOCIATE: "associate",
    Status.FROZEN: "participation frozen (still a legal member)",
    Status.INACTIVE: "not taking part in practice",
    Status.ACTIVE: "taking part",
    Status.UNKNOWN: "unknown (a source records it so)",
    Status.UNCOVERED: "not covered by the data",
}

_PARTICIPATION = (Status.FROZEN, Status.INACTIVE, Status.ACTIVE)
_BAR = 0.62  # height of a legal-status bar, in rows
_BAND = 0.2  # height of the participation band drawn over it
_EDGE = "#333333"
_LABEL_MIN = 0.07  # a body is written in segments wider than this share of the window


@attrs.frozen
class _Window:
    """The days shown: ``first`` up to, but not including, ``stop``."""

    first: dt.date
    stop: dt.date

    def clip(self, begin: dt.date, end: dt.date) -> tuple[dt.date, dt.date] | None:
        """[begin, end) cut to the window, or None when nothing of it is shown."""
        low, high = max(begin, self.first), min(end, self.stop)
        return (low, high) if low < high else None


@attrs.frozen
class _Segment:
    """One rectangle to draw: a part of a spell, sure or uncertain."""

    begin: dt.date
    end: dt.date
    uncertain: bool
    low: float  # lower edge, as a share of the bar height (0 bottom, 1 top)
    high: float
    spell: Spell


def plot_timeline(
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
    rows = _rows(timeline, legal, states)
    by_state: dict[State, list[Spell]] = {state: [] for state in rows}
    for spell in legal:
        if spell.state in by_state:
            by_state[spell.state].append(spell)
    bands: dict[State, list[Spell]] = {state: [] for state in rows}
    if track_participation:
        for spell in timeline.spells(org=key, track=Track.PARTICIPATION):
            if spell.state in bands and spell.status is not Status.ACTIVE:
                bands[spell.state].append(spell)
    window = _window(start, end, [spell for spells in by_state.values() for spell in spells])

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
        for spells, height in ((by_state[state], _BAR), (bands[state], _BAND)):
            for segment in _segments(spells, window):
                _draw(ax, segment, row, height, key, to_x)
                shown.add(segment.spell.status)
                uncertain |= segment.uncertain
            for spell in spells:
                qualified |= _mark_qualified(ax, spell, row, window, to_x)
        if key in timeline.views:
            _label_bodies(ax, by_state[state], row, window, to_x)

    as_of = timeline.info.as_of
    checked: PartialDate | None = None
    if as_of is not None and window.first < as_of.latest + dt.timedelta(days=1) < window.stop:
        checked = as_of
        x = to_x(as_of.latest + dt.timedelta(days=1))
        ax.axvline(x, color=_EDGE, linestyle=(0, (3, 2)), linewidth=0.9, gid="as-of")

    _axes(ax, rows, window, dates, to_x)
    if not rows:
        ax.text(0.5, 0.5, f"no state has a status in {key}", transform=ax.transAxes, ha="center", va="center")
    _legend(ax, shown, uncertain=uncertain, qualified=qualified, checked=checked)
    _title(ax, timeline, key, title, window)
    return fig


# ------------------------------------------------------------------ layout


def _rows(
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


def _window(start: object, end: object, spells: Sequence[Spell]) -> _Window:
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
    return _Window(first, last + dt.timedelta(days=1))


def _same_days(a: Boundary | None, b: Boundary | None) -> bool:
    return a is not None and b is not None and (a.earliest, a.latest) == (b.earliest, b.latest)


def _segments(spells: Sequence[Spell], window: _Window) -> list[_Segment]:
    """Each spell cut into its sure part and the uncertain spans of its boundaries.

    A status certainly holds from ``start.latest`` until ``end.earliest`` and
    may hold from ``start.earliest`` until ``end.latest``. Where one spell's
    uncertain end is the next spell's uncertain start, the two share the span:
    the ending status takes its upper half and the starting status the lower.
    """
    found: list[_Segment] = []
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
                found.append(_Segment(clipped[0], clipped[1], unsure, low, high, spell))
    return found


# ----------------------------------------------------------------- drawing


def _draw(ax: Axes, segment: _Segment, row: int, height: float, key: str, to_x: _ToX) -> None:
    from matplotlib.colors import to_rgba  # noqa: PLC0415 - matplotlib is optional
    from matplotlib.patches import Rectangle  # noqa: PLC0415

    spell = segment.spell
    color = STATUS_COLORS[spell.status]
    band = spell.status in _PARTICIPATION
    x0, x1 = to_x(segment.begin), to_x(segment.end)
    top = row - height / 2  # the y axis is inverted: the first row is at the top
    y = top + (1.0 - segment.high) * height
    size = (segment.high - segment.low) * height
    what = "uncertain" if segment.uncertain else ("participation" if band else "spell")
    gid = f"{what} {spell.state.alpha3} {key} {spell.status}"
    if segment.uncertain:
        face, edge, hatch, width = to_rgba(color, 0.35), _EDGE if band else color, "////", 0.6
    else:
        face, edge, hatch, width = to_rgba(color), _EDGE if band else "white", None, 0.6 if band else 0.8
    patch = Rectangle(
        (x0, y),
        x1 - x0,
        size,
        facecolor=face,
        edgecolor=edge,
        hatch=hatch,
        linewidth=width,
        gid=gid,
        zorder=3 if band else 2,
    )
    ax.add_patch(patch)


def _mark_qualified(ax: Axes, spell: Spell, row: int, window: _Window, to_x: _ToX) -> bool:
    """Put a '?' over each boundary the sources qualify as uncertain or approximate."""
    drawn = False
    for boundary in (spell.start, spell.end):
        if boundary is None or not boundary.date.qualified:
            continue
        if not window.first <= boundary.earliest < window.stop:
            continue
        middle = boundary.earliest + (boundary.latest - boundary.earliest) / 2
        ax.text(
            to_x(middle),
            row - _BAR / 2,
            "?",
            ha="center",
            va="bottom",
            fontsize=9,
            fontweight="bold",
            color=_EDGE,
            gid=f"qualified {spell.state.alpha3} {boundary}",
            zorder=4,
        )
        drawn = True
    return drawn


def _label_bodies(ax: Axes, spells: Sequence[Spell], row: int, window: _Window, to_x: _ToX) -> None:
    """In a view, write the body inside each segment wide enough for it (CST, CSTO)."""
    span = (window.stop - window.first).days
    for spell in spells:
        end = spell.end.earliest if spell.end is not None else window.stop
        clipped = window.clip(spell.start.latest, end)
        if clipped is None or (clipped[1] - clipped[0]).days < _LABEL_MIN * span:
            continue
        dark = spell.status in (Status.MEMBER, Status.SUSPENDED)
        ax.text(
            to_x(clipped[0] + dt.timedelta(days=max(1, span // 150))),
            row,
            spell.body,
            ha="left",
            va="center",
            fontsize=7.5,
            color="white" if dark else _EDGE,
            zorder=4,
        )


def _axes(ax: Axes, rows: Sequence[State], window: _Window, dates: ModuleType, to_x: _ToX) -> None:
    ax.set_xlim(to_x(window.first), to_x(window.stop))
    ax.set_ylim(max(len(rows), 1) - 0.5, -0.5)
    ax.set_yticks(range(len(rows)), [state.name for state in rows])
    locator = dates.AutoDateLocator(minticks=5, maxticks=14)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(dates.ConciseDateFormatter(locator))
    ax.tick_params(axis="y", length=0)
    ax.grid(axis="x", color="#DDDDDD", linewidth=0.7)
    ax.set_axisbelow(True)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)


def _legend(ax: Axes, shown: set[Status], *, uncertain: bool, qualified: bool, checked: PartialDate | None) -> None:
    from matplotlib.colors import to_rgba  # noqa: PLC0415
    from matplotlib.lines import Line2D  # noqa: PLC0415
    from matplotlib.patches import Patch  # noqa: PLC0415

    handles: list[Artist] = []
    for status in Status:
        if status not in shown:
            continue
        band = status in _PARTICIPATION
        label = _LEGEND_TEXT[status] + (",\nshown as a thin band" if band else "")
        edge = _EDGE if band else STATUS_COLORS[status]
        handles.append(Patch(facecolor=STATUS_COLORS[status], edgecolor=edge, linewidth=0.6, label=label))
    if uncertain:
        label = "hatched: the change happened on some day\nin this span (date known only to the\nmonth or the year)"
        handles.append(Patch(facecolor=to_rgba("#999999", 0.35), edgecolor="#777777", hatch="////", label=label))
    if qualified:
        label = "date marked uncertain or approximate"
        handles.append(Line2D([], [], linestyle="none", marker="$?$", color=_EDGE, label=label))
    if checked is not None:
        label = f"record last checked {checked};\nlater bars assume no change"
        handles.append(Line2D([], [], color=_EDGE, linestyle=(0, (3, 2)), linewidth=0.9, label=label))
    if handles:
        ax.legend(
            handles=handles,
            loc="upper left",
            bbox_to_anchor=(1.01, 1.0),
            frameon=False,
            fontsize=8.5,
            title="Key",
            title_fontsize=9,
            alignment="left",
        )


def _title(ax: Axes, timeline: Timeline, key: str, title: str | None, window: _Window) -> None:
    if title is not None:
        if title:
            ax.set_title(title, loc="left", fontsize=12, fontweight="bold")
        return
    if key in timeline.views:
        view = timeline.views[key]
        main = timeline.info.title if key == timeline.info.default else view.name
        what = f"{key} view: {view.name}"
    else:
        body = timeline.bodies[key]
        main, what = body.name, f"{key} ({body.kind})"
    if timeline.following is not None:
        what += f"; following source {timeline.following}"
    last = window.stop - dt.timedelta(days=1)
    ax.set_title(main, loc="left", fontsize=12, fontweight="bold", pad=22)
    ax.annotate(
        f"{what}; {window.first.isoformat()} to {last.isoformat()}",
        xy=(0.0, 1.0),
        xycoords="axes fraction",
        xytext=(0.0, 7.0),
        textcoords="offset points",
        ha="left",
        va="bottom",
        fontsize=9,
        color="#444444",
    )


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


if TYPE_CHECKING:
    from collections.abc import Callable

    _ToX = Callable[[dt.date], float]
