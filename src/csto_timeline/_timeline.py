"""The Timeline: an immutable, indexed membership history and its queries."""

from __future__ import annotations

import datetime as dt
import functools
import html
import threading
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal, TypeVar, cast

from ._dates import Boundary, PartialDate, to_partial_date
from ._derive import SpellTable, derive, derive_view
from ._enums import EventKind, Status, Track
from ._from_records import records_to_parts
from ._index import (
    NOTHING,
    UNDECIDED,
    BodiesIndex,
    DayTable,
    OrgIndex,
    StateIndex,
    build_bodies_index,
    build_org_index,
    build_state_indexes,
)
from ._load import DatasetParts
from ._records import (
    Body,
    DatasetInfo,
    Event,
    MembershipRecord,
    RosterClaim,
    Source,
    Spell,
    View,
)
from ._results import Change, Decision, Explanation, History, Holding, JointSpell, MemberSet, Memberships, member_set
from ._states import State, StateRegistry, normalize_name
from .exceptions import (
    DataError,
    DateError,
    OutsideCoverageError,
    UncertainStatusError,
    UnknownBodyError,
    UnknownEventError,
    UnknownSourceError,
    VocabularyError,
)

__all__ = ["Timeline"]

_Value = TypeVar("_Value")

_LEGAL = Track.LEGAL
# Module constants for the day fast paths: an enum's class attribute costs ~100 ns per lookup.
_MEMBER = Status.MEMBER
_DAY = dt.date
#: Legal statuses under which a state takes part (or not) in a body's work.
_PARTICIPATING = (Status.MEMBER, Status.OBSERVER, Status.ASSOCIATE, Status.PARTNER)
#: Statuses answered from the participation track.
_PARTICIPATION_STATUSES = (Status.FROZEN, Status.INACTIVE)


def _ordinals(date: object) -> tuple[int, int, PartialDate | None]:
    """(first day, last day, the parsed date or None) of a query date, fast for `datetime.date`."""
    if type(date) is dt.date:
        ordinal = date.toordinal()
        return ordinal, ordinal, None
    if type(date) is str:
        return _text_ordinals(date)
    when = to_partial_date(date)
    return when.earliest.toordinal(), when.latest.toordinal(), when


@functools.lru_cache(maxsize=4096)
def _text_ordinals(text: str) -> tuple[int, int, PartialDate]:
    """Query dates given as text are parsed once (PartialDate is immutable, so sharing is safe)."""
    when = to_partial_date(text)
    return when.earliest.toordinal(), when.latest.toordinal(), when


def _as_date(date: object, parsed: PartialDate | None) -> PartialDate:
    return parsed if parsed is not None else to_partial_date(date)


class Timeline:
    """An immutable membership history: bodies, states, sources, events and
    the status spells derived from them, with an index for fast queries.

    Build one with `load` (the bundled CST/CSTO record or any dataset file),
    `Timeline.from_records` (plain records in code) or `Timeline.according_to`.
    """

    __slots__ = (
        "_bodies",
        "_bodies_index",
        "_conflicts",
        "_coverage",
        "_default",
        "_events",
        "_following",
        "_indexes",
        "_info",
        "_legal",
        "_legal_states",
        "_lock",
        "_member_bodies",
        "_member_days",
        "_org_keys",
        "_rosters",
        "_sources",
        "_spells",
        "_state_cache",
        "_state_indexes",
        "_states",
        "_status_days",
        "_views",
    )

    def __init__(self, parts: DatasetParts, *, following: str | None = None) -> None:
        """Build from checked parts; use `load`, `from_records` or `according_to` instead."""
        self._info = parts.info
        self._bodies = dict(parts.bodies)
        self._views = dict(parts.views)
        self._states = parts.states
        self._sources = dict(parts.sources)
        self._rosters = parts.rosters
        self._following = following
        conflicts: list[DataError] | None = [] if following is not None else None
        table: SpellTable = derive(parts.events, parts.bodies, file=parts.info.path, conflicts=conflicts)
        self._conflicts = tuple(conflicts or ())
        for view in parts.views.values():
            table.update(derive_view(view, table, parts.states))
        self._spells = table
        self._events = tuple(
            sorted(parts.events, key=lambda e: (e.date.sort_key() if e.date else (dt.date.max, dt.date.max), e.id))
        )
        self._indexes: dict[tuple[str, Track], OrgIndex] = {}
        self._state_indexes: dict[tuple[str, Track], dict[State, StateIndex]] = {}
        # The legal track keyed by strings (cheap to hash): org id -> index,
        # and org id -> alpha-3 code -> state index.
        self._legal: dict[str, OrgIndex] = {}
        self._legal_states: dict[str, dict[str, StateIndex]] = {}
        # The day fast paths, for orgs asked about before and not limited by a coverage period:
        # org id (None for the default) -> day table of members, and -> alpha-3 code -> day table of statuses.
        self._member_days: dict[str | None, DayTable[Holding]] = {}
        self._status_days: dict[str | None, dict[str, DayTable[object]]] = {}
        self._member_bodies: dict[str, DayTable[tuple[str, ...]]] = {}  # alpha-3 code -> bodies (organizations_of)
        self._bodies_index: dict[tuple[State, Status], BodiesIndex] = {}
        self._default = parts.info.default
        self._coverage = {ident for ident, body in self._bodies.items() if body.coverage_start or body.coverage_end}
        self._state_cache: dict[object, State] = {}
        self._lock = threading.Lock()
        named: dict[str, set[str]] = {}
        for ident, body in self._bodies.items():
            for name in (body.name, *body.aliases):
                named.setdefault(normalize_name(name), set()).add(ident)
        for ident, view in self._views.items():
            named.setdefault(normalize_name(view.name), set()).add(ident)
        # An id always wins; a name shared by several bodies resolves to none of them (see org()).
        keys: dict[str, str | tuple[str, ...]] = {
            name: next(iter(idents)) if len(idents) == 1 else tuple(sorted(idents)) for name, idents in named.items()
        }
        for ident in [*self._bodies, *self._views]:
            keys[normalize_name(ident)] = ident
        self._org_keys = keys

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
        parts = records_to_parts(records, sources=sources, states=states, bodies=bodies, title=title, as_of=as_of)
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
        if source_id not in self._sources:
            msg = f"unknown source {source_id!r}; the timeline's sources are listed by Timeline.sources"
            raise UnknownSourceError(msg)
        events = []
        for event in self._events:
            chosen = next((i for i, claim in enumerate(event.claims) if claim.cites(source_id)), None)
            events.append(event if chosen is None else event.following(chosen))
        parts = DatasetParts(
            self._info, self._bodies, self._views, self._states, self._sources, tuple(events), self._rosters
        )
        try:
            return Timeline(parts, following=source_id)
        except DataError as error:
            msg = f"following source {source_id!r} breaks the legal order: {error.problem}"
            raise DataError(msg, record=error.record, file=error.file) from None

    # ------------------------------------------------------------ accessors

    @property
    def info(self) -> DatasetInfo:
        """What the dataset says about itself (id, title, as-of date, default org)."""
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
        except KeyError:
            msg = f"unknown source {source_id!r}; the timeline's sources are listed by Timeline.sources"
            raise UnknownSourceError(msg) from None

    def state(self, state: State | str) -> State:
        """The state for a `State`, ISO code, name or alias; raises `UnknownStateError`
        with close matches otherwise.
        """
        try:
            return self._state_cache[state]
        except (KeyError, TypeError):
            pass
        found = self._states.lookup(state)
        if isinstance(state, (str, State)):
            self._state_cache[state] = found
        return found

    def org(self, org: str | None = None) -> str:
        """The body or view id a query uses for ``org`` (None: the dataset's default)."""
        if org is None:
            if self._default is not None:
                return self._default
            known = ", ".join(sorted([*self._bodies, *self._views]))
            if not known:
                msg = "this timeline has no bodies, so there is nothing to ask about"
                raise UnknownBodyError(msg)
            msg = f"this timeline has several bodies and no default; name one with org=: {known}"
            raise UnknownBodyError(msg)
        if not isinstance(org, str):
            msg = f"{org!r} is a {type(org).__name__}; an organization is given by the id or name of a body or view"
            raise UnknownBodyError(msg)
        if org in self._bodies or org in self._views:
            return org
        found = self._org_keys.get(normalize_name(org))
        if isinstance(found, str):
            return found
        if found is not None:
            msg = f"{org!r} names several organizations ({', '.join(found)}); give one of their ids"
            raise UnknownBodyError(msg)
        known = ", ".join(sorted([*self._bodies, *self._views])[:20])
        msg = f"unknown organization {org!r}; known bodies and views include: {known}"
        raise UnknownBodyError(msg)

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
            for event in self._events
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
        return tuple(e for e in self._events if any(claim.cites(source_id) for claim in e.claims))

    def event(self, event_id: str) -> Event:
        """The event with that id; raises `UnknownEventError` (a `LookupError`) otherwise."""
        for event in self._events:
            if event.id == event_id:
                return event
        msg = f"unknown event {event_id!r}; Timeline.events() lists them"
        raise UnknownEventError(msg)

    def spells(self, *, org: str | None = None, track: Track | str = _LEGAL) -> tuple[Spell, ...]:
        """Every spell of one body or view, ordered by state then date."""
        key = self.org(org)
        table = self._spells.get((key, Track.parse(track)), {})
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
        spells = self._spells.get((key, wanted), {}).get(found, ())
        return History(found, key, wanted, spells)

    # -------------------------------------------------------------- indexes

    def _index(self, key: str, track: Track) -> OrgIndex:
        index = self._indexes.get((key, track))
        if index is None:
            states = self._states_index(key, track)
            with self._lock:
                index = self._indexes.get((key, track))
                if index is None:
                    index = build_org_index(states)
                    self._indexes[(key, track)] = index
                    if track is _LEGAL:
                        self._legal[key] = index
                        if key not in self._coverage:
                            points, pairs = index.member_days
                            holdings = tuple(Holding(key, _MEMBER, *pair, self._states) for pair in pairs)
                            self._add_fast_path(self._member_days, key, (points, holdings))
        return index

    def _add_fast_path(self, table: dict[str | None, _Value], key: str, value: _Value) -> None:
        """Store a fast-path table under the body's id, and under None when the body is the default."""
        table[key] = value
        if key == self._default:
            table[None] = value

    def _states_index(self, key: str, track: Track) -> dict[State, StateIndex]:
        indexes = self._state_indexes.get((key, track))
        if indexes is None:
            with self._lock:
                indexes = self._state_indexes.get((key, track))
                if indexes is None:
                    indexes = build_state_indexes(self._spells.get((key, track), {}))
                    self._state_indexes[(key, track)] = indexes
                    if track is _LEGAL:
                        self._legal_states[key] = {state.alpha3: index for state, index in indexes.items()}
                        if key not in self._coverage:
                            days = {state.alpha3: index.days for state, index in indexes.items()}
                            self._add_fast_path(self._status_days, key, days)
        return indexes

    def _check_coverage(self, key: str, first: int, last: int, date: object) -> None:
        if key not in self._coverage:
            return
        body = self._bodies[key]
        if not body.covers(dt.date.fromordinal(first), dt.date.fromordinal(last)):
            start = body.coverage_start or "the beginning"
            end = body.coverage_end or "the present"
            msg = f"{date!r} is outside the period the data for {key!r} covers ({start} to {end})"
            raise OutsideCoverageError(msg)

    # -------------------------------------------------------------- queries

    def members_on(self, date: object, *, org: str | None = None, status: Status | str = Status.MEMBER) -> MemberSet:
        """The states whose status in ``org`` on ``date`` is ``status`` (default member).

        ``date`` may be a day, or a month or year ("2012"): then a state counts
        only if its status held throughout, and states whose status changed
        inside the period, or whose boundary is imprecise there, are in
        ``.uncertain``. Suspended states are not members; a state that froze its
        participation still is.

        >>> import csto_timeline
        >>> tl = csto_timeline.load()
        >>> tl.members_on("2010-01-01")
        <MemberSet alliance member on 2010-01-01: ARM, BLR, KAZ, KGZ, RUS, TJK, UZB>
        >>> tl.members_on("2012")
        <MemberSet alliance member on 2012: ARM, BLR, KAZ, KGZ, RUS, TJK; uncertain: UZB>
        >>> "Armenia" in tl.members_on("2025-06-01")
        True
        """
        if type(date) is _DAY and status is _MEMBER:
            # The common case: one bisect and a list index in a table made when the org was first asked about.
            try:
                points, holdings = self._member_days[org]
            except (KeyError, TypeError):  # not asked about before, a name, limited coverage, or not an org
                pass
            else:
                return member_set(date, holdings[bisect_right(points, date.toordinal()) - 1])
        first, last, parsed = _ordinals(date)
        key: str
        if type(org) is str and org in self._legal:
            key = org
        elif org is None and self._default is not None:
            key = self._default
        else:
            key = self.org(org)
        wanted = status if type(status) is Status else Status.parse(status)
        if self._coverage:
            self._check_coverage(key, first, last, date)
        track = _track_of(wanted)
        index = (self._legal.get(key) if track is _LEGAL else None) or self._index(key, track)
        certain, uncertain = index.holders(wanted, first, last)
        return MemberSet(parsed if parsed is not None else date, key, wanted, certain, uncertain, self._states)

    def status_of(
        self, state: State | str, date: object, *, org: str | None = None, track: Track | str = _LEGAL
    ) -> Status | None:
        """The state's status in ``org`` on ``date``, or None for no relation.

        Raises `UncertainStatusError` when the evidence cannot decide: the date
        falls inside an imprecise boundary, or a month or year query spans a
        change. A period whose status does not change inside it is answered.
        With ``track="participation"`` it answers as `participation_of`.

        >>> import csto_timeline
        >>> tl = csto_timeline.load()
        >>> tl.status_of("UZB", "1999-04-20", org="CST"), tl.status_of("UZB", "1999-04-21", org="CST")
        (Status.MEMBER, None)
        >>> tl.status_of("UZB", "2012")
        Traceback (most recent call last):
        ...
        csto_timeline.exceptions.UncertainStatusError: the status of UZB in alliance on 2012 cannot be decided: it may be member or suspended; in the way: suspension on 2012-12-19 (uzb-2012-suspension/CSTO)
        """
        if track is not _LEGAL and Track.parse(track) is Track.PARTICIPATION:
            return self.participation_of(state, date, org=org)
        if type(date) is _DAY:
            # The common case: a day, the legal track, a known state, an org asked about before.
            try:
                tables = self._status_days[org]
                code = self._state_cache[state].alpha3
            except (KeyError, TypeError):  # not asked about before, a name, limited coverage, or a bad argument
                pass
            else:
                table = tables.get(code)
                if table is None:
                    return None
                # StateIndex.answer_on, inlined: a method call costs as much as the rest of this path.
                answer = table[1][bisect_right(table[0], date.toordinal()) - 1]
                if answer is not UNDECIDED:
                    return answer  # type: ignore[return-value]
        found = self._state_cache.get(state) if isinstance(state, (str, State)) else None
        if found is None:
            found = self.state(state)
        first, last, parsed = _ordinals(date)
        if type(org) is str and org in self._legal_states:
            key = org
        else:
            key = self._default if org is None and self._default is not None else self.org(org)
        wanted = track if type(track) is Track else Track.parse(track)
        if self._coverage:
            self._check_coverage(key, first, last, date)
        if wanted is _LEGAL:
            by_code = self._legal_states.get(key)
            if by_code is None:
                self._states_index(key, _LEGAL)
                by_code = self._legal_states[key]
            index = by_code.get(found.alpha3)
        else:
            index = self._states_index(key, wanted).get(found)
        if index is None:
            return None
        if first == last:
            answer = index.answer_on(first)
            if answer is not UNDECIDED:
                return answer  # type: ignore[return-value]
        possible = index.possible(first, last)
        if len(possible) == 1:
            only = next(iter(possible))
            if only is Status.UNCOVERED:
                msg = f"{date!r} is outside the period the data for {key!r} covers for {found.alpha3}"
                raise OutsideCoverageError(msg)
            if only is not Status.UNKNOWN:
                return only
        raise self._undecided(found, key, wanted, first, last, _as_date(date, parsed), possible)

    def _undecided(
        self,
        state: State,
        key: str,
        track: Track,
        first: int,
        last: int,
        date: PartialDate,
        possible: frozenset[Status | None],
    ) -> UncertainStatusError:
        spells = self._spells.get((key, track), {}).get(state, ())
        in_way: dict[str, tuple[Boundary, Event]] = {}
        for spell in spells:
            for boundary, event in ((spell.start, spell.opened_by), (spell.end, spell.closed_by)):
                if boundary is None or event is None:
                    continue
                if boundary.earliest.toordinal() <= last + 1 and boundary.latest.toordinal() >= first:
                    in_way.setdefault(event.id, (boundary, event))
        order = sorted(possible, key=lambda s: "" if s is None else s.value)
        options = " or ".join("not related" if s is None else str(s) for s in order)
        details = "; ".join(f"{e.effective_kind.label} on {b} ({e.id})" for b, e in in_way.values())
        if Status.UNKNOWN in possible:
            details = details + ("; " if details else "") + "a source records the status as unknown"
        msg = f"the status of {state.alpha3} in {key} on {date} cannot be decided: it may be {options}"
        if details:
            msg += f"; in the way: {details}"
        return UncertainStatusError(msg, possible=tuple(order), events=tuple(e for _, e in in_way.values()))

    def participation_of(self, state: State | str, date: object, *, org: str | None = None) -> Status | None:
        """``Status.FROZEN`` or ``Status.INACTIVE`` when the state's participation is
        recorded as such, ``Status.ACTIVE`` for another member or observer, None
        when it holds no such status.

        >>> import csto_timeline
        >>> tl = csto_timeline.load()
        >>> tl.status_of("ARM", "2025-01-01"), tl.participation_of("ARM", "2025-01-01")
        (Status.MEMBER, Status.FROZEN)
        """
        legal = self.status_of(state, date, org=org)
        if legal not in _PARTICIPATING:
            return None
        found = self.state(state)
        key = self.org(org)
        first, last, parsed = _ordinals(date)
        index = self._states_index(key, Track.PARTICIPATION).get(found)
        possible = NOTHING if index is None else index.possible(first, last)
        # A member with no participation spell takes part: "no relation" on this track reads "active".
        answers = frozenset(Status.ACTIVE if option is None else option for option in possible)
        if len(answers) == 1:
            return next(iter(answers))
        error = self._undecided(found, key, Track.PARTICIPATION, first, last, _as_date(date, parsed), possible)
        message = str(error).replace("not related", "active")
        possible_answers = tuple(Status.ACTIVE if option is None else option for option in error.possible)
        raise UncertainStatusError(message, possible=possible_answers, events=error.events)

    def members_during(
        self,
        start: object,
        end: object,
        *,
        org: str | None = None,
        mode: Literal["any", "all"] = "any",
        status: Status | str = Status.MEMBER,
    ) -> MemberSet:
        """The states holding ``status`` at some point (``mode="any"``) or throughout
        (``mode="all"``) from the first day of ``start`` to the last day of ``end``.

        In "any" mode a state is certain when one of its spells must overlap the
        window whichever way its imprecise boundaries fall.

        >>> import csto_timeline
        >>> tl = csto_timeline.load()
        >>> tl.members_during("1999", "2006", org="CST").codes
        ('ARM', 'AZE', 'BLR', 'GEO', 'KAZ', 'KGZ', 'RUS', 'TJK', 'UZB')
        >>> tl.members_during("1999", "2006", org="CST", mode="all").codes
        ('ARM', 'BLR', 'KAZ', 'KGZ', 'RUS', 'TJK')
        """
        begin, finish = to_partial_date(start), to_partial_date(end)
        first, last = begin.earliest.toordinal(), finish.latest.toordinal()
        _check_window(start, end, first, last)
        key = self.org(org)
        wanted = status if isinstance(status, Status) else Status.parse(status)
        self._check_coverage(key, first, last, start)
        track = _track_of(wanted)
        table = self._spells.get((key, track), {})
        maybe_statuses = (wanted, Status.UNKNOWN)
        if mode == "all":
            certain, uncertain = self._index(key, track).holders(wanted, first, last)
            possible_all = {
                state
                for state in uncertain
                if _covered([s for s in table[state] if s.status in maybe_statuses], first, last)
            }
            return MemberSet(begin, key, wanted, certain, frozenset(possible_all), self._states, until=finish)
        if mode == "any":
            sure: set[State] = set()
            maybe: set[State] = set()
            for state, spells in table.items():
                for spell in spells:
                    if spell.status not in maybe_statuses:
                        continue
                    end_early = spell.end.earliest.toordinal() if spell.end else None
                    end_late = spell.end.latest.toordinal() if spell.end else None
                    if (
                        spell.status is wanted
                        and spell.start.latest.toordinal() <= last
                        and (end_early is None or end_early > first)
                    ):
                        sure.add(state)
                    elif spell.start.earliest.toordinal() <= last and (end_late is None or end_late > first):
                        maybe.add(state)
            return MemberSet(begin, key, wanted, frozenset(sure), frozenset(maybe - sure), self._states, until=finish)
        msg = f"mode {mode!r} is not one of 'any', 'all'"
        raise ValueError(msg)

    def changes(self, start: object, end: object, *, org: str | None = None) -> tuple[Change, ...]:
        """The status changes whose day may fall between the first day of ``start``
        and the last day of ``end``, in date order.

        >>> import csto_timeline
        >>> for change in csto_timeline.load().changes("1999", "1999", org="CST"):
        ...     print(change)
        <Change 1999-04-21 AZE member -> none (aze-1999-cst-lapse)>
        <Change 1999-04-21 GEO member -> none (geo-1999-cst-lapse)>
        <Change 1999-04-21 UZB member -> none (uzb-1999-cst-lapse)>
        """
        first = to_partial_date(start).earliest
        last = to_partial_date(end).latest
        _check_window(start, end, first.toordinal(), last.toordinal())
        key = self.org(org)
        found = [
            change for change in self._all_changes(key) if change.date.earliest <= last and change.date.latest >= first
        ]
        return tuple(found)

    def _all_changes(self, key: str) -> list[Change]:
        changes: list[Change] = []
        for state, spells in self._spells.get((key, _LEGAL), {}).items():
            previous: Spell | None = None
            for spell in spells:
                if previous is not None and previous.end is not None and previous.end != spell.start:
                    changes.append(Change(previous.end, state, previous.status, None, _closer(previous), key))
                    previous = None
                old = previous.status if previous is not None else None
                if old is not spell.status:
                    changes.append(Change(spell.start, state, old, spell.status, spell.opened_by, key))
                previous = spell
            if previous is not None and previous.end is not None:
                changes.append(Change(previous.end, state, previous.status, None, _closer(previous), key))
        changes.sort(key=lambda c: (*c.date.sort_key(), c.state.alpha3))
        return changes

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
        for key in sorted(self._bodies) + sorted(self._views):
            try:
                statuses[key] = self.status_of(found, when, org=key)
            except UncertainStatusError as error:
                uncertain[key] = frozenset(error.possible)  # type: ignore[arg-type]
            except OutsideCoverageError:
                continue
        return Memberships(found, when, statuses, uncertain, tuple(sorted(self._bodies)) + tuple(sorted(self._views)))

    def organizations_of(
        self, state: State | str, date: object, *, status: Status | str = Status.MEMBER
    ) -> tuple[str, ...]:
        """The bodies in which the state certainly held ``status`` (default member) on ``date``.

        Bodies whose data does not cover the date (a Correlates of War IGO after
        its last year, say) are left out.

        >>> import csto_timeline
        >>> csto_timeline.load().organizations_of("ARM", "2010-01-01")
        ('CST', 'CSTO', 'CSTO-PA')
        """
        if type(date) is _DAY and status is _MEMBER:
            # The common case: a day, a known state asked about before.
            try:
                points, bodies = self._member_bodies[self._state_cache[state].alpha3]
            except (KeyError, TypeError):  # not asked about before, or a bad argument
                pass
            else:
                return bodies[bisect_right(points, date.toordinal()) - 1]
        found = self.state(state)
        first, last, _ = _ordinals(date)
        wanted = status if isinstance(status, Status) else Status.parse(status)
        index = self._bodies_index.get((found, wanted))
        if index is None:
            index = self._build_bodies_index(found, wanted)
        return index.holding(first, last)

    def _build_bodies_index(self, state: State, status: Status) -> BodiesIndex:
        track = _track_of(status)
        parts = []
        for key in sorted(self._bodies):
            index = self._states_index(key, track).get(state)
            if index is None:
                continue
            body = self._bodies[key]
            start = body.coverage_start.toordinal() if body.coverage_start else None
            end = body.coverage_end.toordinal() if body.coverage_end else None
            parts.append((key, index, start, end))
        built = build_bodies_index(parts, status)
        with self._lock:
            self._bodies_index[(state, status)] = built
            if status is _MEMBER:
                self._member_bodies[state.alpha3] = built.days
        return built

    def co_members(
        self,
        state_a: State | str,
        state_b: State | str,
        *,
        org: str | None = None,
        status: Status | str = Status.MEMBER,
    ) -> tuple[JointSpell, ...]:
        """The periods in which both states held ``status`` (default member) in ``org``.

        Each joint spell starts at the later of the two starts and ends at the
        earlier of the two ends; where both are imprecise, the days it certainly
        covers are exact and the days it may cover can be wider.

        >>> import csto_timeline
        >>> csto_timeline.load().co_members("RUS", "UZB", org="CSTO")
        (<JointSpell RUS+UZB CSTO member [2006-06-23, 2012-12-19)>,)
        """
        a, b = self.state(state_a), self.state(state_b)
        key = self.org(org)
        wanted = status if isinstance(status, Status) else Status.parse(status)
        table = self._spells.get((key, _LEGAL), {})
        spells_a = [s for s in table.get(a, ()) if s.status is wanted]
        spells_b = [s for s in table.get(b, ()) if s.status is wanted]
        joint = []
        for sa in spells_a:
            for sb in spells_b:
                # The later start by its latest day and the earlier end by its earliest
                # day make the certain part of the joint spell exact.
                start = max(sa.start, sb.start, key=lambda b: (b.latest, b.earliest))
                end = _earlier_end(sa.end, sb.end)
                if end is None or end.latest > start.earliest:
                    joint.append(JointSpell((a, b), key, wanted, start, end, (sa, sb)))
        return tuple(sorted(joint, key=lambda j: j.start.sort_key()))

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
        spells = self._spells.get((key, _LEGAL), {}).get(found, ())
        try:
            status = self.status_of(found, date, org=key)
        except UncertainStatusError as error:
            decisions = _boundaries_in_way(spells, when.earliest, when.latest)
            possible = cast("tuple[Status | None, ...]", error.possible)
            return Explanation(
                found,
                key,
                when,
                None,
                decided=False,
                possible=possible,
                participation=None,
                decisions=decisions,
                rosters=self._rosters_on(key, when),
                as_of=self._info.as_of,
            )
        participation = None
        if status is not None:
            try:
                participation = self.participation_of(found, date, org=key)
            except UncertainStatusError:
                participation = None  # the participation spells in range are listed below
        decisions = _holding(spells, when.earliest, when.latest)
        part_spells = self._spells.get((key, Track.PARTICIPATION), {}).get(found, ())
        decisions += tuple(
            Decision(f"{spell.status} since", spell.opened_by, spell.start)
            for spell in part_spells
            if spell.possibly_during(when.earliest, when.latest)
        )
        return Explanation(
            found,
            key,
            when,
            status,
            decided=True,
            possible=(status,),
            participation=participation,
            decisions=decisions,
            rosters=self._rosters_on(key, when),
            as_of=self._info.as_of,
        )

    def _rosters_on(self, key: str, when: PartialDate) -> tuple[RosterClaim, ...]:
        bodies = {key} | (set(self._views[key].sequence) if key in self._views else set())
        return tuple(
            roster
            for roster in self._rosters
            if roster.body in bodies and roster.date.earliest <= when.latest and roster.date.latest >= when.earliest
        )

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
        states = len({e.state for e in self._events if e.state})
        counts = ", ".join(
            _plural(number, noun)
            for number, noun in (
                (len(self._bodies), "body"),
                (len(self._views), "view"),
                (states, "state"),
                (len(self._events), "event"),
                (len(self._sources), "source"),
            )
        )
        return f"<Timeline {self._info.id!r}: {counts}{following}>"

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td>{html.escape(b.id)}</td><td>{html.escape(b.name)}</td><td>{b.kind}</td></tr>"
            for b in self._bodies.values()
        )
        return (
            f"<div><b>{html.escape(self._info.title)}</b> ({html.escape(repr(self))[4:-4]})"
            f"<table><tr><th>body</th><th>name</th><th>kind</th></tr>{rows}</table></div>"
        )

    # The optional extras live in their own modules and are imported only when used.

    def plot(self, **options: Any) -> Any:  # noqa: ANN401 - returns a matplotlib Figure
        """Draw the membership chart (needs the ``plot`` extra): one row per state,
        time across, status by colour, imprecise boundaries hatched. Options:
        ``org``, ``states``, ``start``, ``end``, ``track_participation``, ``ax``,
        ``title``; see ``docs/api.md`` (the chart).
        """
        from ._plot import plot_timeline  # noqa: PLC0415 - matplotlib is optional

        return plot_timeline(self, **options)

    def to_panel(self, **options: Any) -> Any:  # noqa: ANN401 - rows, CSV text or a DataFrame
        """One row per state and period, with the status and its coverage, as
        records, CSV or a pandas DataFrame; see `csto_timeline.to_panel` and
        ``docs/cow.md`` (panels).
        """
        from ._panel import to_panel  # noqa: PLC0415

        return to_panel(self, **options)


def _track_of(status: Status) -> Track:
    """The track whose spells hold ``status``; ACTIVE is no spell at all, so it cannot be listed."""
    if status is Status.ACTIVE:
        msg = (
            "'active' is what a member without a participation spell is; it is not recorded as spells, "
            "so it cannot be listed: ask participation_of(state, date), or list members and 'frozen'/'inactive'"
        )
        raise VocabularyError(msg)
    return Track.PARTICIPATION if status in _PARTICIPATION_STATUSES else _LEGAL


def _check_window(start: object, end: object, first: int, last: int) -> None:
    if last < first:
        msg = f"the window ends ({end!r}) before it starts ({start!r}); give the earlier date first"
        raise DateError(msg)


def _plural(number: int, noun: str) -> str:
    if number == 1:
        return f"1 {noun}"
    return f"{number} {noun[:-1] + 'ies' if noun.endswith('y') else noun + 's'}"


def _holding(spells: Sequence[Spell], first: dt.date, last: dt.date) -> tuple[Decision, ...]:
    """The events that open (and close) the spells holding over [first, last],
    or, when none holds, the last end before and the next start after.
    """
    holding = [spell for spell in spells if spell.possibly_during(first, last)]
    if holding:
        decisions = [Decision("since", holding[0].opened_by, holding[0].start)]
        decisions += [Decision("then", spell.opened_by, spell.start) for spell in holding[1:]]
        final = holding[-1]
        if final.closed_by is not None:
            decisions.append(Decision("until", final.closed_by, final.end))
        return tuple(decisions)
    decisions = []
    before = [spell for spell in spells if spell.end is not None and spell.end.latest <= first]
    after = [spell for spell in spells if spell.start.earliest > last]
    if before:
        decisions.append(Decision("not related since", _closer(before[-1]), before[-1].end))
    if after:
        decisions.append(Decision("not related until", after[0].opened_by, after[0].start))
    return tuple(decisions)


def _boundaries_in_way(spells: Sequence[Spell], first: dt.date, last: dt.date) -> tuple[Decision, ...]:
    """The events whose boundaries may fall inside [first, last + 1 day]."""
    found: dict[str, Decision] = {}
    for spell in spells:
        if spell.status is Status.UNKNOWN and spell.possibly_on(first) and spell.possibly_on(last):
            found[spell.opened_by.id] = Decision("recorded as unknown since", spell.opened_by, spell.start)
        for boundary, event in ((spell.start, spell.opened_by), (spell.end, spell.closed_by)):
            if boundary is None or event is None or event.id in found:
                continue
            if boundary.earliest <= last + dt.timedelta(days=1) and boundary.latest >= first:
                found[event.id] = Decision("boundary", event, boundary)
    return tuple(found.values())


def _closer(spell: Spell) -> Event:
    assert spell.closed_by is not None  # noqa: S101 - only closed spells are passed
    return spell.closed_by


def _earlier_end(a: Boundary | None, b: Boundary | None) -> Boundary | None:
    if a is None:
        return b
    if b is None:
        return a
    return min(a, b, key=Boundary.sort_key)  # by earliest day first


def _covered(spells: Sequence[Spell], first: int, last: int) -> bool:
    """True when the possible days of ``spells`` cover every day of [first, last]."""
    reach = first
    for spell in sorted(spells, key=lambda s: s.start.earliest):
        if spell.start.earliest.toordinal() > reach:
            return False
        end = spell.end.latest.toordinal() if spell.end is not None else last + 1
        reach = max(reach, end)
        if reach > last:
            return True
    return reach > last
