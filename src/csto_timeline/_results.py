"""What queries return: member sets, histories, changes, joint spells, memberships
(explanations are in `_explanation`, re-exported here).

Every result has a JSON-ready ``to_dict()`` made by the one serializer
(`_serialize`). A result for a date after the record's ``as_of`` (the day its
material was last checked) says so in its repr, its ``to_dict()`` (``"as_of"``
and ``"after_as_of"``) and its HTML: open spells are carried forward past
that day, and later acts are not in the record.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import NamedTuple, overload

import attrs

from ._dates import Boundary, PartialDate, to_partial_date
from ._enums import Status, Track
from ._explanation import Decision, Explanation, after, stale_html, stale_note
from ._explanation import codes as _codes
from ._records import Event, Spell
from ._serialize import Serializable, computed, escape_html, keys, ref
from ._states import State, StateRegistry

__all__ = [
    "Change",
    "Decision",
    "Explanation",
    "History",
    "Holding",
    "JointSpell",
    "MemberSet",
    "Memberships",
    "after",
    "member_set",
    "period_member_set",
]


_new_object = object.__new__


class Holding(NamedTuple):
    """Everything a `MemberSet` reports except its date. Day queries answered
    from one segment of an index share one `Holding`, so answering builds
    only the small `MemberSet` around it (a named tuple: made and read in C).
    """

    org: str
    status: Status
    certain: frozenset[State]
    uncertain: frozenset[State]
    registry: StateRegistry
    #: The day the record's material was last checked (`DatasetInfo.as_of`), when known.
    as_of: PartialDate | None = None


class MemberSet(Serializable):
    """The states holding a status in a body on a date (or during a window).

    Iterating yields the states whose status is certain, sorted by code; ``in``
    accepts a `State`, an ISO code or a name; ``uncertain`` holds the states
    the evidence cannot decide on that date. Immutable: its attributes are
    read-only properties. ``after_as_of`` is True when the date (or the
    window's end) lies after the record's ``as_of``.
    """

    __slots__ = ("_date", "_holding", "_query", "_until")
    _date: PartialDate
    _until: PartialDate

    def __init__(
        self,
        date: object,
        org: str,
        status: Status,
        certain: frozenset[State],
        uncertain: frozenset[State],
        registry: StateRegistry,
        until: PartialDate | None = None,
        as_of: PartialDate | None = None,
    ) -> None:
        # The date is parsed only when asked for, and the window end is stored only for members_during.
        self._query = date
        self._holding = Holding(org, status, certain, uncertain, registry, as_of)
        if until is not None:
            self._until = until

    @property
    def date(self) -> PartialDate:
        """The query date (the window's start for `Timeline.members_during`)."""
        try:
            return self._date
        except AttributeError:
            self._date = to_partial_date(self._query)  # a PartialDate is returned as it is
            return self._date

    @property
    def until(self) -> PartialDate | None:
        """The window's end for `Timeline.members_during`, else None."""
        return getattr(self, "_until", None)

    @property
    def org(self) -> str:
        """The body or view asked about."""
        return self._holding.org

    @property
    def status(self) -> Status:
        """The status asked about."""
        return self._holding.status

    @property
    def certain(self) -> frozenset[State]:
        """The states that certainly held the status."""
        return self._holding.certain

    @property
    def uncertain(self) -> frozenset[State]:
        """The states the evidence cannot decide."""
        return self._holding.uncertain

    @property
    def as_of(self) -> PartialDate | None:
        """The day the record's material was last checked, when known."""
        return self._holding.as_of

    @property
    def after_as_of(self) -> bool:
        """True when the date (or the window's end) lies after the record's ``as_of``."""
        return after(self.until or self.date, self._holding.as_of)

    def __iter__(self) -> Iterator[State]:
        return iter(sorted(self._holding.certain))

    def __len__(self) -> int:
        return len(self._holding.certain)

    def __contains__(self, item: object) -> bool:
        """True for a certain holder; an unknown state name raises `UnknownStateError`
        (a typo must not read as "not a member").
        """
        if not isinstance(item, (State, str)):
            return False
        holding = self._holding
        return holding.registry.lookup(item) in holding.certain

    def __eq__(self, other: object) -> bool:
        if isinstance(other, MemberSet):
            return (self.certain, self.uncertain) == (other.certain, other.uncertain)
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self.certain, self.uncertain))

    @property
    def when(self) -> str:
        """'on DATE', or 'from START to END' for a window."""
        return f"on {self.date}" if self.until is None else f"from {self.date} to {self.until}"

    @property
    def codes(self) -> tuple[str, ...]:
        """The ISO alpha-3 codes of the certain holders, sorted."""
        return tuple(state.alpha3 for state in self)

    @property
    def uncertain_codes(self) -> tuple[str, ...]:
        """The ISO alpha-3 codes of the undecided states, sorted."""
        return tuple(state.alpha3 for state in sorted(self.uncertain))

    _shape = keys(
        "date", "until", "org", "status", computed("members", lambda m: m.certain), "uncertain", "as_of", "after_as_of"
    )

    def __repr__(self) -> str:
        text = f"<MemberSet {self.org} {self.status} {self.when}: {_codes(self.certain)}"
        if self.uncertain:
            text += f"; uncertain: {_codes(self.uncertain)}"
        return text + stale_note(self.after_as_of, self.as_of) + ">"

    def _repr_html_(self) -> str:
        def cells(states: frozenset[State]) -> str:
            return ", ".join(f"{escape_html(s.name)} ({s.alpha3})" for s in sorted(states)) or "none"

        rows = f"<tr><th>{self.status}</th><td>{cells(self.certain)}</td></tr>"
        if self.uncertain:
            rows += f"<tr><th>uncertain</th><td>{cells(self.uncertain)}</td></tr>"
        stale = stale_html(self.after_as_of, self.as_of)
        return f"<table><caption>{escape_html(self.org)} {self.when}{stale}</caption>{rows}</table>"


def member_set(date: object, holding: Holding) -> MemberSet:
    """The fast constructor `Timeline.members_on` uses for a day: a date around a shared `Holding`."""
    result = _new_object(MemberSet)
    result._query = date  # noqa: SLF001 - this module's own class
    result._holding = holding  # noqa: SLF001
    return result


@attrs.frozen(repr=False)
class History(Serializable, Sequence[Spell]):
    """A state's spells in one body or view, in date order. It answers for no
    date, so it carries no staleness: an open spell (``end`` None) is still so
    when the record was last checked.
    """

    state: State
    org: str
    track: Track
    spells: tuple[Spell, ...]

    _shape = keys("state", "org", "track", "spells")

    @overload
    def __getitem__(self, index: int) -> Spell: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Spell]: ...
    def __getitem__(self, index: int | slice) -> Spell | Sequence[Spell]:
        return self.spells[index]

    def __len__(self) -> int:
        return len(self.spells)

    def _lines(self) -> list[tuple[str, str, str]]:
        return [(spell.body, str(spell.status), spell.interval) for spell in self.spells]

    def __repr__(self) -> str:
        track = "" if self.track is Track.LEGAL else f", track={self.track.value!r}"
        head = f"History({self.state.alpha3!r}, org={self.org!r}{track})"
        if not self.spells:
            return head + ": no spells"
        lines = self._lines()
        width = [max(len(line[column]) for line in lines) for column in range(2)]
        body = [f"  {b:<{width[0]}}  {s:<{width[1]}}  {i}" for b, s, i in lines]
        return "\n".join([head, *body])

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td>{escape_html(b)}</td><td>{s}</td><td>{escape_html(i)}</td>"
            f"<td>{escape_html(spell.opened_by.id)}</td></tr>"
            for (b, s, i), spell in zip(self._lines(), self.spells, strict=True)
        )
        caption = f"{escape_html(self.state.name)} ({self.state.alpha3}) in {escape_html(self.org)}"
        head = "<tr><th>body</th><th>status</th><th>interval</th><th>opened by</th></tr>"
        return f"<table><caption>{caption}</caption>{head}{rows}</table>"


@attrs.frozen(repr=False)
class Change(Serializable):
    """A status change: on ``date`` (the first day of the new status), ``state``
    went from ``old`` to ``new`` (None: no relation) because of ``event``.
    """

    date: Boundary
    state: State
    old: Status | None
    new: Status | None
    event: Event
    org: str

    _shape = keys(
        "date", computed("precision", lambda c: c.date.precision), "uncertain", "state", "old", "new", ref("event"), "org"
    )

    @property
    def uncertain(self) -> bool:
        """True when the day of the change is not known exactly."""
        return not self.date.is_exact

    def __repr__(self) -> str:
        return (
            f"<Change {self.date} {self.state.alpha3} {self.old or 'none'} -> {self.new or 'none'} ({self.event.id})>"
        )


@attrs.frozen(repr=False)
class JointSpell(Serializable):
    """A period in which two states both held a status in a body."""

    states: tuple[State, State]
    org: str
    status: Status
    start: Boundary
    end: Boundary | None
    spells: tuple[Spell, Spell]

    _shape = keys("states", "org", "status", "start", "end", "certain", "spells")

    @property
    def interval(self) -> str:
        """The interval as text, ``[start, end)``."""
        return f"[{self.start}, {self.end if self.end is not None else '..'})"

    @property
    def certain(self) -> bool:
        """True when at least one day is certainly shared; False when imprecise
        boundaries only make an overlap possible.
        """
        return self.end is None or self.start.latest < self.end.earliest

    def __repr__(self) -> str:
        a, b = self.states
        maybe = "" if self.certain else " (possible only)"
        return f"<JointSpell {a.alpha3}+{b.alpha3} {self.org} {self.status} {self.interval}{maybe}>"


@attrs.frozen(repr=False)
class Memberships(Serializable, Mapping[str, Status | None]):
    """A state's status in every body and view on one date.

    Maps body or view ids to a status (None: no relation); ``uncertain`` maps
    the ids where the evidence cannot decide to the possible statuses.
    """

    state: State
    date: PartialDate
    statuses: Mapping[str, Status | None]
    uncertain: Mapping[str, frozenset[Status | None]]
    _order: tuple[str, ...] = ()
    #: The day the record's material was last checked, when known.
    as_of: PartialDate | None = None

    _shape = keys("state", "date", "statuses", "uncertain", "as_of", "after_as_of")

    @property
    def after_as_of(self) -> bool:
        """True when the date lies after the record's ``as_of``."""
        return after(self.date, self.as_of)

    def __getitem__(self, key: str) -> Status | None:
        return self.statuses[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.statuses)

    def __len__(self) -> int:
        return len(self.statuses)

    def __repr__(self) -> str:
        orgs = sorted([*self.statuses, *self.uncertain], key=lambda org: (org not in self._order, org))
        parts = [
            f"{org}: uncertain" if org in self.uncertain else f"{org}: {self.statuses[org] or 'none'}" for org in orgs
        ]
        stale = stale_note(self.after_as_of, self.as_of)
        return f"<Memberships {self.state.alpha3} on {self.date}: {'; '.join(parts)}{stale}>"

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><th>{escape_html(org)}</th><td>{self.statuses[org] or 'none'}</td></tr>" for org in self.statuses
        )
        rows += "".join(
            f"<tr><th>{escape_html(org)}</th><td>uncertain: "
            f"{' or '.join(sorted(str(s or 'none') for s in options))}</td></tr>"
            for org, options in self.uncertain.items()
        )
        who = f"{escape_html(self.state.name)} ({self.state.alpha3}) on {self.date}"
        return f"<table><caption>{who}{stale_html(self.after_as_of, self.as_of)}</caption>{rows}</table>"


def period_member_set(date: PartialDate, window: Sequence[Holding]) -> MemberSet:
    """The `MemberSet` of a period spanning several segments of a day table: certain members
    throughout, and those possible on some day and not certain throughout (the period fast path
    of `Timeline.members_on`; one C-level set operation each).
    """
    head = window[0]
    certain = head.certain.intersection(*[holding.certain for holding in window[1:]])
    possible = head.certain.union(*[holding.certain for holding in window[1:]], *[h.uncertain for h in window])
    holding = Holding(head.org, head.status, certain, possible - certain, head.registry, head.as_of)
    return member_set(date, holding)
