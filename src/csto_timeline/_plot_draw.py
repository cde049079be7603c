"""Drawing the membership chart's parts: the colours, the rectangles, the "?"
marks, the body labels, the axes, the key and the title. matplotlib is
imported inside each function, as it is an optional extra.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from types import ModuleType
from typing import TYPE_CHECKING

from ._dates import PartialDate
from ._enums import Status
from ._plot_rows import Segment, Window
from ._records import Spell
from ._states import State
from ._timeline import Timeline

if TYPE_CHECKING:
    from matplotlib.artist import Artist
    from matplotlib.axes import Axes

__all__ = [
    "BAND",
    "BAR",
    "EDGE",
    "STATUS_COLORS",
    "ToX",
    "draw",
    "label_bodies",
    "legend",
    "mark_qualified",
    "set_axes",
    "title",
]

#: A function from a day to the chart's x coordinate.
ToX = Callable[[dt.date], float]


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
BAR = 0.62  # height of a legal-status bar, in rows
BAND = 0.2  # height of the participation band drawn over it
EDGE = "#333333"
_LABEL_MIN = 0.07  # a body is written in segments wider than this share of the window


def draw(ax: Axes, segment: Segment, row: int, height: float, key: str, to_x: ToX) -> None:
    """Add one segment's rectangle: solid where the status is sure, hatched and faded where it is not."""
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
        face, edge, hatch, width = to_rgba(color, 0.35), EDGE if band else color, "////", 0.6
    else:
        face, edge, hatch, width = to_rgba(color), EDGE if band else "white", None, 0.6 if band else 0.8
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


def mark_qualified(ax: Axes, spell: Spell, row: int, window: Window, to_x: ToX) -> bool:
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
            row - BAR / 2,
            "?",
            ha="center",
            va="bottom",
            fontsize=9,
            fontweight="bold",
            color=EDGE,
            gid=f"qualified {spell.state.alpha3} {boundary}",
            zorder=4,
        )
        drawn = True
    return drawn


def label_bodies(ax: Axes, spells: Sequence[Spell], row: int, window: Window, to_x: ToX) -> None:
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
            color="white" if dark else EDGE,
            zorder=4,
        )


def set_axes(ax: Axes, rows: Sequence[State], window: Window, dates: ModuleType, to_x: ToX) -> None:
    """Limits, state names down the side, concise dates across, light grid."""
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


def legend(ax: Axes, shown: set[Status], *, uncertain: bool, qualified: bool, checked: PartialDate | None) -> None:
    """The key: only the statuses and marks the chart shows."""
    from matplotlib.colors import to_rgba  # noqa: PLC0415 - matplotlib is optional
    from matplotlib.lines import Line2D  # noqa: PLC0415
    from matplotlib.patches import Patch  # noqa: PLC0415

    handles: list[Artist] = []
    for status in Status:
        if status not in shown:
            continue
        band = status in _PARTICIPATION
        label = _LEGEND_TEXT[status] + (",\nshown as a thin band" if band else "")
        edge = EDGE if band else STATUS_COLORS[status]
        handles.append(Patch(facecolor=STATUS_COLORS[status], edgecolor=edge, linewidth=0.6, label=label))
    if uncertain:
        label = "hatched: the change happened on some day\nin this span (date known only to the\nmonth or the year)"
        handles.append(Patch(facecolor=to_rgba("#999999", 0.35), edgecolor="#777777", hatch="////", label=label))
    if qualified:
        label = "date marked uncertain or approximate"
        handles.append(Line2D([], [], linestyle="none", marker="$?$", color=EDGE, label=label))
    if checked is not None:
        label = f"record last checked {checked};\nlater bars assume no change"
        handles.append(Line2D([], [], color=EDGE, linestyle=(0, (3, 2)), linewidth=0.9, label=label))
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


def title(ax: Axes, timeline: Timeline, key: str, title: str | None, window: Window) -> None:
    """The chart's title (the body or view) and a line saying what is shown; ``title`` replaces it."""
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
