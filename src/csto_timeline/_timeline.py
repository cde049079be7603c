"""The `Timeline` facade: built from a dataset's parts, it answers every query.

Building (derivation by the rules table, or spells given directly), the
accessors, explanations and display live here; the answering is the
engine's (`_engine`, `_windows`), and the optional extras are reached by
name through `_lazy` (never imported here).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from ._conveniences import Conveniences
from ._dates import PartialDate, to_partial_date
from ._derive import derive, derive_view
from ._engine import PARTICIPATING
from ._enums import EventKind, Status, Track
from ._explain import explanation, rosters_on
from ._from_records import records_to_parts
from ._membership import MembershipRecord
from ._parts import DatasetParts, LazySpells, SpellMap
from ._records import Body, DatasetInfo, Event, RosterClaim, Source, Spell, View
from ._resources import bundled_states
from ._results import Explanation, History, Memberships
from ._serialize import escape_html
from ._states import State, StateRegistry
from ._windows import Windows
from .exceptions import DataError, OutsideCoverageError, UncertainStatusError, UnknownEventError, UnknownSourceError

__all__ = ["Timeline"]

_LEGAL = Track.LEGAL


class Timeline(Windows, Conveniences):
    """An immutable membership history: bodies, states, sources, events and
    the status spells derived from them, with an index for fast queries.

    Build one with `load` (the bundled CST/CSTO record or any dataset file),
    `Timeline.from_records` (plain records in code) or `Timeline.according_to`.
    """

    __slots__ = ("_conflicts", "_events", "_following", "_info", "_parts", "_rosters", "_sources", "_spells")

    def __init__(self, parts: DatasetParts, *, following: str | None = None) -> None:
        """Build from checked parts; use `load`, `from_records` or `according_to` instead."""
        conflicts: list[DataError] | None = [] if following is not None else None
        table: SpellMap
        if parts.spells is not None:  # spell-shaped input: no derivation, no events yet
            table = parts.spells if not parts.views else dict(parts.spells)
            events: tuple[Event, ...] | None = None
        else:
            table = derive(parts.events, parts.bodies, file=parts.info.path, conflicts=conflicts)
            events = _in_date_order(parts.events)
        if parts.views:
            derived = dict(table)
            for view in parts.views.values():
                derived.update(derive_view(view, derived, parts.states))
            table = derived
        super().__init__(table, parts.bodies, parts.views, parts.states, parts.info.default, parts.info.as_of)
        self._parts = parts
        self._info = parts.info
        self._sources = dict(parts.sources)
        self._rosters = parts.rosters
        self._following = following
        self._conflicts = tuple(conflicts or ())
        self._spells = table
        self._events = events

    # ----------------------------------------------------------------- build

    @classmethod
    def from_records(
        cls,
        records: Iterable[MembershipRecord],
        *,
        sources: Iterable[Source] = (),
        states: Iterable[State] = (),
        bodies: Iterable[Body] = (),
        title: str = "records given in code",
        as_of: PartialDate | str | None = None,
    ) -> Timeline:
        """A timeline from plain records: organization, state, status, start, end
        and source, with the same checks as a dataset file.

        Organizations not given in ``bodies`` are created with their name as id.
        A record's source is a `Source` or the id of one given in ``sources``.
        Each record becomes one spell directly; the events behind it (``record-N/start``
        and ``record-N/end``) are made when `events` or `explain` first asks for them.

        An illustrative (made-up) union of two states:

        >>> from csto_timeline import MembershipRecord, Source, Timeline
        >>> src = Source.of("example", "An example register", publisher="Example Office",
        ...                 url="https://example.org/register", says="Lists members and dates.")
        >>> t = Timeline.from_records([
        ...     MembershipRecord.of("UNION", "KAZ", "member", "2015-01-01", source=src),
        ...     MembershipRecord.of("UNION", "KGZ", "member", "2015-08", source=src),
        ... ])
        >>> t.members_on("2015-08-15", org="UNION")
        <MemberSet UNION member on 2015-08-15: KAZ; uncertain: KGZ>
        """
        parts = records_to_parts(
            records,
            registry=bundled_states(),
            sources=sources,
            states=states,
            bodies=bodies,
            title=title,
            as_of=as_of,
        )
        return cls(parts)

    def according_to(self, source_id: str) -> Timeline:
        """A copy of this timeline following the claims of one source wherever it makes one
        (and the dataset's choice elsewhere).

        Events that change no status but no longer fit (a ratification dated
        before the return this source gives) are listed in `conflicts`; an
        account under which a status change is impossible raises `DataError`.

        >>> import csto_timeline
        >>> csto_timeline.load().according_to("seed-000").status_of("UZB", "2005-12-31")
        Status.MEMBER
        """
        if not isinstance(source_id, str):
            msg = f"according_to takes a source id (a str), not {source_id!r} ({type(source_id).__name__})"
            raise TypeError(msg)
        self.source(source_id)
        parts = self._parts
        if parts.spells is not None:  # records have one claim each: one source's account is the record itself
            return Timeline(parts, following=source_id)
        events = []
        for event in self._all_events():
            chosen = next((i for i, claim in enumerate(event.claims) if claim.cites(source_id)), None)
            events.append(event if chosen is None else event.following(chosen))
        parts = DatasetParts(
            parts.info, parts.bodies, parts.views, parts.states, parts.sources, tuple(events), parts.rosters
        )
        try:
            return Timeline(parts, following=source_id)
        except DataError as error:
            msg = f"following source {source_id!r} breaks the legal order: {error.problem}"
            raise DataError(msg, record=error.record, file=error.file) from None

    def _all_events(self) -> tuple[Event, ...]:
        """Every event in date order; for spell-shaped input, made from the spells on first use."""
        events = self._events
        if events is None:
            made: dict[str, Event] = {}
            for spells in self._spells.values():
                for spell_list in spells.values():
                    for spell in spell_list:
                        for event in (spell.opened_by, spell.closed_by):
                            if event is not None:
                                made.setdefault(event.id, event)
            events = _in_date_order(made.values())
            self._events = events  # one assignment of a finished tuple: a racing first call builds an equal one
        return events

    # ------------------------------------------------------------ accessors

    @property
    def info(self) -> DatasetInfo:
        """What the dataset says about itself (id, title, as-of date, default org, release)."""
        return self._info

    @property
    def conflicts(self) -> tuple[DataError, ...]:
        """Events that change no status but do not fit the account this timeline
        follows (see `according_to`): say, a ratification dated before the
        return the followed source gives. Empty for a dataset's own account.

        >>> import csto_timeline
        >>> alt = csto_timeline.load().according_to("howlingpixel-csto")
        >>> alt.status_of("UZB", "2007-01-01"), len(alt.conflicts) > 0
        (None, True)
        """
        return self._conflicts

    @property
    def following(self) -> str | None:
        """The source this timeline follows (see `according_to`), or None."""
        return self._following

    @property
    def bodies(self) -> Mapping[str, Body]:
        """The bodies (treaties, organizations, organs) by id."""
        return dict(self._bodies)

    @property
    def views(self) -> Mapping[str, View]:
        """The body-switching views by id."""
        return dict(self._views)

    @property
    def states(self) -> StateRegistry:
        """Every state the timeline knows, with lookup by code, name or alias."""
        return self._states

    @property
    def sources(self) -> Mapping[str, Source]:
        """Every source by id."""
        return dict(self._sources)

    @property
    def rosters(self) -> tuple[RosterClaim, ...]:
        """Sources' lists of who held a status on a date."""
        return self._rosters

    def source(self, source_id: str) -> Source:
        """The source with that id; raises `UnknownSourceError` otherwise."""
        try:
            return self._sources[source_id]
        except (KeyError, TypeError):
            msg = f"unknown source {source_id!r}; the timeline's sources are listed by Timeline.sources"
            raise UnknownSourceError(msg) from None

    def events(
        self,
        state: State | str | None = None,
        *,
        kind: EventKind | str | None = None,
        body: str | None = None,
    ) -> tuple[Event, ...]:
        """Events in date order, optionally only one state's, one kind's or one body's.

        >>> import csto_timeline
        >>> [e.id for e in csto_timeline.load().events("UZB", kind="suspension")]
        ['uzb-2012-suspension/CST', 'uzb-2012-suspension/CSTO']
        """
        wanted_state = self.state(state) if state is not None else None
        wanted_kind = EventKind.parse(kind) if kind is not None else None
        wanted_body = self.org(body) if body is not None else None
        if wanted_body is not None and wanted_body in self._views:
            bodies = set(self._views[wanted_body].sequence)
        else:
            bodies = {wanted_body} if wanted_body is not None else set(self._bodies)
        return tuple(
            event
            for event in self._all_events()
            if (wanted_state is None or event.state == wanted_state)
            and (wanted_kind is None or event.kind is wanted_kind or event.effective_kind is wanted_kind)
            and event.body in bodies
        )

    def citing(self, source_id: str) -> tuple[Event, ...]:
        """The events with a claim (followed or not) citing that source, in date order.

        >>> import csto_timeline
        >>> [e.id for e in csto_timeline.load().citing("seed-001")]
        ['cst-2002-decision-to-create-csto']
        """
        self.source(source_id)
        return tuple(e for e in self._all_events() if any(claim.cites(source_id) for claim in e.claims))

    def event(self, event_id: str) -> Event:
        """The event with that id; raises `UnknownEventError` (a `LookupError`) otherwise."""
        for event in self._all_events():
            if event.id == event_id:
                return event
        msg = f"unknown event {event_id!r}; Timeline.events() lists them"
        raise UnknownEventError(msg)

    def spells(self, *, org: str | None = None, track: Track | str = _LEGAL) -> tuple[Spell, ...]:
        """Every spell of one body or view, ordered by state then date."""
        table = self._spells.get((self.org(org), Track.parse(track)), {})
        return tuple(spell for state in sorted(table) for spell in table[state])

    def history(self, state: State | str, *, org: str | None = None, track: Track | str = _LEGAL) -> History:
        """A state's spells in one body or view (default: the dataset's default), in order.

        >>> import csto_timeline
        >>> csto_timeline.load().history("Uzbekistan")
        History('UZB', org='alliance')
          CST   signatory  [1992-05-15, 1994-04-20)
          CST   member     [1994-04-20, 1999-04-21)
          CSTO  member     [2006-06-23, 2012-12-19)
          CSTO  suspended  [2012-12-19, ..)
        """
        found = self.state(state)
        key = self.org(org)
        wanted = Track.parse(track)
        return History(found, key, wanted, self._spells.get((key, wanted), {}).get(found, ()))

    # ------------------------------------------------------ more queries

    def memberships_of(self, state: State | str, date: object) -> Memberships:
        """The state's status in every body and view of the timeline on ``date``.

        >>> import csto_timeline
        >>> csto_timeline.load().memberships_of("SRB", "2015-01-01")
        <Memberships SRB on 2015-01-01: CST: none; CSTO: none; CSTO-PA: observer; alliance: none>
        """
        found = self.state(state)
        when = to_partial_date(date)
        statuses: dict[str, Status | None] = {}
        uncertain: dict[str, frozenset[Status | None]] = {}
        keys = (*sorted(self._bodies), *sorted(self._views))
        for key in keys:
            try:
                statuses[key] = self.status_of(found, when, org=key)
            except UncertainStatusError as error:
                uncertain[key] = frozenset(error.possible)  # type: ignore[arg-type]
            except OutsideCoverageError:
                continue
        return Memberships(found, when, statuses, uncertain, keys, as_of=self._info.as_of)

    def explain(self, state: State | str, date: object, *, org: str | None = None) -> Explanation:
        """Why the state held the status it held on ``date``: the deciding events,
        their dates with precision, the sources and any competing claims.

        >>> import csto_timeline
        >>> print(csto_timeline.load().explain("UZB", "2010-01-01"))  # doctest: +ELLIPSIS
        Uzbekistan (UZB) in alliance on 2010-01-01: member (participation: active)
          since 2006-06-23 (day): restoration [uzb-2006-restoration/CSTO]
        ...
        """
        found = self.state(state)
        when = to_partial_date(date)
        key = self.org(org)
        bodies = {key} | (set(self._views[key].sequence) if key in self._views else set())
        try:
            status: Status | None = self.status_of(found, date, org=key)
        except UncertainStatusError as error:
            return explanation(self._spells, found, key, when, error, None, rosters_on(self._rosters, bodies, when), self._info.as_of)
        participation = None
        if status in PARTICIPATING:
            try:
                participation = self.participation_of(found, date, org=key)
            except UncertainStatusError:
                participation = None  # the participation spells in range are listed instead
        rosters = rosters_on(self._rosters, bodies, when)
        return explanation(self._spells, found, key, when, status, participation, rosters, self._info.as_of)

    def roster_disagreements(self) -> tuple[tuple[RosterClaim, frozenset[State], frozenset[State]], ...]:
        """Rosters that disagree with the record: (roster, states it adds, states it leaves out).

        >>> import csto_timeline
        >>> for roster, extra, missing in csto_timeline.load().roster_disagreements():
        ...     print(roster.source.id, [s.alpha3 for s in extra], [s.alpha3 for s in missing])
        seed-001 ['UZB'] []
        """
        found = []
        for roster in self._rosters:
            members = self.members_on(roster.date, org=roster.body, status=roster.status)
            claimed = frozenset(roster.states)
            extra = claimed - members.certain - members.uncertain
            missing = members.certain - claimed
            if extra or missing:
                found.append((roster, extra, missing))
        return tuple(found)

    # ------------------------------------------------------------- display

    def __repr__(self) -> str:
        following = f", following {self._following!r}" if self._following else ""
        if self._parts.spells is None:
            events = len(self._parts.events)
            states = len({event.state for event in self._parts.events if event.state})
        elif isinstance(self._parts.spells, LazySpells):  # counted when read: counting would make every spell
            states, events = self._parts.spells.counts
        else:  # each record makes a start event and, when it ends, an end event
            spells = [spell for table in self._parts.spells.values() for spell in table.values()]
            events = sum(1 + (spell.end is not None) for found in spells for spell in found)
            states = len({found[0].state for found in spells})
        counts = ", ".join(
            _plural(number, noun)
            for number, noun in (
                (len(self._bodies), "body"),
                (len(self._views), "view"),
                (states, "state"),
                (events, "event"),
                (len(self._sources), "source"),
            )
        )
        return f"<Timeline {self._info.id!r}: {counts}{following}>"

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td>{escape_html(b.id)}</td><td>{escape_html(b.name)}</td><td>{b.kind}</td></tr>"
            for b in self._bodies.values()
        )
        return (
            f"<div><b>{escape_html(self._info.title)}</b> ({escape_html(repr(self))[4:-4]})"
            f"<table><tr><th>body</th><th>name</th><th>kind</th></tr>{rows}</table></div>"
        )


def _in_date_order(events: Iterable[Event]) -> tuple[Event, ...]:
    return tuple(sorted(events, key=lambda e: (e.date.sort_key() if e.date else (dt.date.max, dt.date.max), e.id)))


def _plural(number: int, noun: str) -> str:
    if number == 1:
        return f"1 {noun}"
    return f"{number} {noun[:-1] + 'ies' if noun.endswith('y') else noun + 's'}"
