"""The immutable records: sources, claims, events, bodies, views and spells."""

from __future__ import annotations

import datetime as dt
from typing import Protocol

import attrs

from ._dates import Boundary, PartialDate
from ._enums import EventKind, Status, Track
from ._serialize import Serializable, computed, escape_html, keys, ref, register
from ._source import Source, check_id
from ._states import State

__all__ = [
    "Body",
    "Citation",
    "Claim",
    "DatasetInfo",
    "Event",
    "RosterClaim",
    "Source",
    "Spell",
    "View",
]

register(
    State,
    keys(computed("code", lambda state: state.alpha3), "alpha2", "name", "cow", "aliases"),
    keys(computed("code", lambda state: state.alpha3), "name"),
)


def _precision(date: PartialDate | Boundary | None) -> str | None:
    return None if date is None else str(date.precision)


@attrs.frozen(repr=False)
class Citation(Serializable):
    """A source cited by a claim, with what it says about that particular claim."""

    source: Source
    says: str | None = None

    _shape = keys(ref("id", "source"), "says")


@attrs.frozen(repr=False)
class Claim(Serializable):
    """One dated account of an event, resting on one or more sources.

    ``occurred`` False means the sources say the event never happened (then
    ``date`` is None). ``kind`` is set when the sources describe the act as
    another kind than the event's (for instance "withdrew" for a suspension).
    """

    date: PartialDate | None
    citations: tuple[Citation, ...]
    note: str | None = None
    kind: EventKind | None = None
    occurred: bool = True

    _shape = keys(
        "date", computed("precision", lambda c: _precision(c.date)), "occurred", "kind", computed("sources", lambda c: c.citations), "note"
    )

    @property
    def sources(self) -> tuple[Source, ...]:
        """The cited sources, in order."""
        return tuple(citation.source for citation in self.citations)

    def cites(self, source_id: str) -> bool:
        """True when one of the citations is the source with that id."""
        return any(citation.source.id == source_id for citation in self.citations)

    def __str__(self) -> str:
        what = str(self.date) if self.occurred else "did not happen"
        kind = f" ({self.kind.label})" if self.kind is not None else ""
        return f"{what}{kind} per {', '.join(source.id for source in self.sources)}"


@attrs.frozen(repr=False)
class Event(Serializable):
    """A legal or political act concerning a state (or a whole body) in a body.

    An event has one or more competing `Claim`s; ``followed`` is the index of
    the one the dataset follows, and ``note`` says why when there are several.
    ``status`` is used only by ``record_start`` events.
    """

    id: str = attrs.field(validator=check_id)
    kind: EventKind
    state: State | None
    body: str
    claims: tuple[Claim, ...]
    followed: int = 0
    summary: str = ""
    note: str | None = None
    ref: str | None = None
    status: Status | None = None
    record: str | None = None

    # The kind and date are the followed claim's; each claim says whether it is the followed one.
    _shape = keys(
        "id", computed("kind", lambda e: e.effective_kind), "state", "body", "date",
        computed("precision", lambda e: _precision(e.date)), computed("recorded_kind", lambda e: e.kind),
        "summary", "note", "ref", computed("claims", lambda e: e.claim_rows()), "status", "record",
    )  # fmt: skip

    def claim_rows(self) -> list[dict[str, object]]:
        """Each claim's JSON-ready dict with ``followed`` (True for the claim the dataset follows)."""
        return [{**claim.to_dict(), "followed": index == self.followed} for index, claim in enumerate(self.claims)]

    def __attrs_post_init__(self) -> None:
        if not self.claims:
            msg = f"event {self.id!r} has no claim"
            raise ValueError(msg)
        if not 0 <= self.followed < len(self.claims):
            msg = f"event {self.id!r} follows claim {self.followed}, but has {len(self.claims)}"
            raise ValueError(msg)

    @property
    def claim(self) -> Claim:
        """The claim the dataset follows."""
        return self.claims[self.followed]

    @property
    def date(self) -> PartialDate | None:
        """The followed claim's date (None when it says the event did not happen)."""
        return self.claim.date

    @property
    def effective_kind(self) -> EventKind:
        """The kind the followed claim gives the event."""
        return self.claim.kind or self.kind

    @property
    def sources(self) -> tuple[Source, ...]:
        """The followed claim's sources."""
        return self.claim.sources

    @property
    def competing(self) -> tuple[Claim, ...]:
        """The claims the dataset does not follow."""
        return tuple(claim for index, claim in enumerate(self.claims) if index != self.followed)

    def following(self, index: int) -> Event:
        """The same event following claim ``index`` instead."""
        return attrs.evolve(self, followed=index)

    def __repr__(self) -> str:
        return f"Event({self.id!r})"

    def __str__(self) -> str:
        who = self.state.alpha3 if self.state is not None else "(body)"
        return f"{self.date or 'never'} {who} {self.body} {self.effective_kind.label}: {self.summary}"


@attrs.frozen(repr=False)
class Body(Serializable):
    """A treaty, an organization or an organ whose members the data records.

    ``continues`` names the body this one continues (the CSTO continues the
    CST), ``part_of`` the body an organ belongs to. ``coverage`` is the period
    the data covers, as inclusive first and last days (None: unbounded).
    """

    id: str = attrs.field(validator=check_id)
    name: str
    kind: str = "organization"
    continues: str | None = None
    part_of: str | None = None
    coverage_start: dt.date | None = None
    coverage_end: dt.date | None = None
    aliases: tuple[str, ...] = ()

    def covers(self, first: dt.date, last: dt.date) -> bool:
        """True when the whole period [first, last] lies inside the coverage."""
        if self.coverage_start is not None and first < self.coverage_start:
            return False
        return not (self.coverage_end is not None and last > self.coverage_end)


@attrs.frozen(repr=False)
class View(Serializable):
    """A body-switching view: each state follows the first body of ``sequence``
    until its membership of the next body begins, and so on.
    """

    id: str = attrs.field(validator=check_id)
    name: str
    sequence: tuple[str, ...]


@attrs.frozen(repr=False)
class DatasetInfo(Serializable):
    """What a dataset says about itself."""

    id: str
    title: str
    as_of: PartialDate | None = None
    default: str | None = None
    description: str = ""
    path: str | None = None
    #: The record's own release (not the library's version), such as "0.2.0".
    version: str | None = None
    #: The day that release of the record was made.
    released: PartialDate | None = None


class EventMaker(Protocol):
    """Makes the event that opens or closes a spell of spell-shaped input, when it is asked for."""

    def __call__(self) -> Event: ...


@attrs.frozen(repr=False)
class Spell(Serializable):
    """A derived interval during which a state held one status in a body.

    Intervals are half-open at day granularity: ``start`` is the first day of
    the status and ``end`` the first day after it (``None``: still so when the
    data was last checked). When a boundary's event is known only to a month or
    a year, the boundary is a range of possible days, and days inside that range
    are uncertain.

    >>> import csto_timeline
    >>> csto_timeline.load().history("UZB", org="CST")[1]
    <Spell UZB CST member [1994-04-20, 1999-04-21)>
    """

    state: State
    body: str
    status: Status
    start: Boundary
    end: Boundary | None
    # The events are compared by the spell they bound, not field by field. Spell-shaped input
    # (`Timeline.from_records`, `read_cow`) passes a maker instead of an event: the event is made
    # the first time it is asked for, so a build of 50,000 records makes no events at all.
    _opened: Event | EventMaker = attrs.field(alias="opened_by", eq=False)
    _closed: Event | EventMaker | None = attrs.field(default=None, alias="closed_by", eq=False)
    track: Track = Track.LEGAL

    _shape = keys(
        "state", "body", "status", "track", "start", "end", ref("opened_by"), ref("closed_by"),
        computed("start_precision", lambda s: _precision(s.start)), computed("end_precision", lambda s: _precision(s.end)),
    )  # fmt: skip

    @property
    def opened_by(self) -> Event:
        """The event that began the spell."""
        opened = self._opened
        if type(opened) is Event:
            return opened
        made = opened()  # type: ignore[operator]
        object.__setattr__(self, "_opened", made)  # the same value every time: memoised, never changed
        return made

    @property
    def closed_by(self) -> Event | None:
        """The event that ended it, or None for an open spell."""
        closed = self._closed
        if closed is None or type(closed) is Event:
            return closed
        made = closed()  # type: ignore[operator]
        object.__setattr__(self, "_closed", made)
        return made

    @property
    def last_day(self) -> dt.date | None:
        """The last day of the spell when its end is exact, else None."""
        if self.end is None or not self.end.is_exact:
            return None
        return self.end.earliest - dt.timedelta(days=1)

    def certainly_on(self, day: dt.date) -> bool:
        """True when the status certainly held on ``day``."""
        return self.start.latest <= day and (self.end is None or day < self.end.earliest)

    def possibly_on(self, day: dt.date) -> bool:
        """True when the status may have held on ``day``."""
        return self.start.earliest <= day and (self.end is None or day < self.end.latest)

    def possibly_during(self, first: dt.date, last: dt.date) -> bool:
        """True when the status may have held on some day of [first, last]."""
        return self.start.earliest <= last and (self.end is None or self.end.latest > first)

    @property
    def interval(self) -> str:
        """The interval as text: ``[start, end)``, with ``..`` for an open end."""
        return f"[{self.start}, {self.end if self.end is not None else '..'})"

    def __repr__(self) -> str:
        track = " (participation)" if self.track is Track.PARTICIPATION else ""
        return f"<Spell {self.state.alpha3} {self.body} {self.status}{track} {self.interval}>"

    def _repr_html_(self) -> str:
        return (
            f"<span><b>{escape_html(self.state.name)}</b> ({self.state.alpha3}) "
            f"{escape_html(self.body)}: <b>{self.status}</b> {escape_html(self.interval)}</span>"
        )


@attrs.frozen(repr=False)
class RosterClaim(Serializable):
    """A source's list of the states holding a status in a body on a date."""

    id: str = attrs.field(validator=check_id)
    source: Source
    date: PartialDate
    body: str
    status: Status
    states: tuple[State, ...]
    says: str = ""

    _shape = keys("id", ref("source"), "date", "body", "status", computed("states", lambda r: sorted(r.states)), "says")

    def __repr__(self) -> str:
        return f"RosterClaim({self.id!r})"
