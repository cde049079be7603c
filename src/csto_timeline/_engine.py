"""The query engine: names resolved, then day and period queries answered from the indexes.

`Engine` is the part of `Timeline` that answers; the facade (`_timeline`) adds
building, accessors, windows, explanations and display. Every derived table
belongs to the engine's `Tables`; the engine only reads them.

Day queries (`members_on`, `status_of`, `organizations_of` with a
`datetime.date`) first try a fast path: for a body asked about before, the
answer is one bisect into a day table. Everything else takes the general path,
which builds (once) what the fast path then uses.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Mapping

from ._dates import PartialDate, is_today, to_partial_date
from ._enums import Status, Track
from ._explain import undecided
from ._index import NOTHING, UNDECIDED, possible_covered
from ._names import suggest_orgs
from ._parts import SpellMap
from ._records import Body, View
from ._results import MemberSet, member_set, period_member_set
from ._states import State, StateRegistry, normalize_name
from ._tables import Tables
from .exceptions import DateError, OutsideCoverageError, UncertainStatusError, UnknownBodyError, VocabularyError

__all__ = ["Engine", "ordinals"]

_LEGAL = Track.LEGAL
# Module constants for the day fast paths: an enum's class attribute costs ~100 ns per lookup.
_MEMBER = Status.MEMBER
_DAY = dt.date
#: Legal statuses under which a state takes part (or not) in a body's work.
PARTICIPATING = (Status.MEMBER, Status.OBSERVER, Status.ASSOCIATE, Status.PARTNER)
#: Statuses answered from the participation track.
_PARTICIPATION_STATUSES = (Status.FROZEN, Status.INACTIVE)


def ordinals(date: object, memo: dict[str, tuple[int, int, PartialDate]]) -> tuple[int, int, PartialDate | None]:
    """(first day, last day, the parsed date or None) of a query date, fast for `datetime.date`.

    Dates given as text are parsed once per timeline and kept in ``memo`` (its
    `Tables.text_dates`), up to `MEMO_LIMIT` of them.
    """
    if type(date) is dt.date:
        ordinal = date.toordinal()
        return ordinal, ordinal, None
    if type(date) is str:
        found = memo.get(date)
        if found is None:
            when = to_partial_date(date)
            found = (when.earliest.toordinal(), when.latest.toordinal(), when)
            if len(memo) < MEMO_LIMIT and not is_today(date):  # "today" is read when the query runs
                memo[date] = found  # a pure function of the text: any thread stores an equal value
        return found
    when = to_partial_date(date)
    return when.earliest.toordinal(), when.latest.toordinal(), when


#: How many distinct text dates a timeline remembers parsed (beyond it they are parsed each time).
MEMO_LIMIT = 4096


def track_of(status: Status) -> Track:
    """The track whose spells hold ``status``; ACTIVE is no spell at all, so it cannot be listed."""
    if status is Status.ACTIVE:
        msg = (
            "'active' is what a member without a participation spell is; it is not recorded as spells, "
            "so it cannot be listed: ask participation_of(state, date), or list members and 'frozen'/'inactive'"
        )
        raise VocabularyError(msg)
    return Track.PARTICIPATION if status in _PARTICIPATION_STATUSES else _LEGAL


class Engine:
    """Answers membership queries over derived spells (see `Timeline` for the public API)."""

    __slots__ = (
        "_as_of",
        "_bodies",
        "_default",
        "_member_bodies",
        "_member_days",
        "_org_keys",
        "_state_cache",
        "_states",
        "_status_days",
        "_tables",
        "_text_dates",
        "_views",
    )

    def __init__(
        self,
        spells: SpellMap,
        bodies: Mapping[str, Body],
        views: Mapping[str, View],
        states: StateRegistry,
        default: str | None,
        as_of: PartialDate | None = None,
    ) -> None:
        self._bodies = dict(bodies)
        self._as_of = as_of
        self._views = dict(views)
        self._states = states
        self._default = default
        self._tables = Tables(spells, self._bodies, states, default, as_of)
        # The fast-path tables belong to `_tables`; the engine keeps direct references to the
        # three dicts because an attribute hop costs ~15 ns on a path of ~500 ns.
        self._member_days = self._tables.member_days
        self._status_days = self._tables.status_days
        self._member_bodies = self._tables.member_bodies
        self._text_dates = self._tables.text_dates
        # A memo of state lookups (input -> State): each entry is a pure function of its key.
        self._state_cache: dict[object, State] = {}
        self._org_keys = _org_keys(self._bodies, self._views)

    # ------------------------------------------------------------ names

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
        names = [*self._bodies, *self._views, *(b.name for b in self._bodies.values())]
        names += [alias for body in self._bodies.values() for alias in body.aliases]
        close = suggest_orgs(names, org)
        if close:
            msg = f"unknown organization {org!r}; did you mean: {', '.join(map(repr, close))}?"
            raise UnknownBodyError(msg)
        known = ", ".join(sorted([*self._bodies, *self._views])[:20])
        msg = f"unknown organization {org!r}; known bodies and views include: {known}"
        raise UnknownBodyError(msg)

    def _check_coverage(self, key: str, first: int, last: int, date: object) -> None:
        if key not in self._tables.coverage:
            return
        body = self._bodies[key]
        if not body.covers(dt.date.fromordinal(first), dt.date.fromordinal(last)):
            start = body.coverage_start or "the beginning"
            end = body.coverage_end or "the present"
            msg = f"{date!r} is outside the period the data for {key!r} covers ({start} to {end})"
            raise OutsideCoverageError(msg)

    # ---------------------------------------------------------- queries

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
            # Fast path: one bisect and a tuple index in a table made when the org was first asked about.
            try:
                points, holdings = self._member_days[org]
            except (KeyError, TypeError):  # not asked about before, a name, limited coverage, or not an org
                pass
            else:
                return member_set(date, holdings[bisect_right(points, date.toordinal()) - 1])
        elif type(date) is str and status is _MEMBER:
            # Period fast path: a month or year asked before (so parsed), on a body asked about before.
            try:
                points, holdings = self._member_days[org]
                low, high, when = self._text_dates[date]
            except (KeyError, TypeError):
                pass
            else:
                i = bisect_right(points, low) - 1
                j = bisect_right(points, high)
                return member_set(when, holdings[i]) if j - i == 1 else period_member_set(when, holdings[i:j])
        first, last, parsed = ordinals(date, self._text_dates)
        key = self._default if org is None and self._default is not None else self.org(org)
        wanted = status if type(status) is Status else Status.parse(status)
        self._check_coverage(key, first, last, date)
        index = self._tables.index(key, track_of(wanted))
        certain, uncertain = index.holders(wanted, first, last)
        return MemberSet(
            parsed if parsed is not None else date, key, wanted, certain, uncertain, self._states, as_of=self._as_of
        )

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
        if type(date) is _DAY and track is _LEGAL:
            # Fast path: a day, the legal track, a known state, an org asked about before.
            # The memo is keyed by the state as given, so no lookup of the state is needed here.
            try:
                points, answers = self._status_days[org][state]
            except (KeyError, TypeError):  # not asked about before, limited coverage, or a bad argument
                pass
            else:
                answer = answers[bisect_right(points, date.toordinal()) - 1]
                if answer is not UNDECIDED:
                    return answer  # type: ignore[return-value]
        wanted = track if type(track) is Track else Track.parse(track)
        if wanted is Track.PARTICIPATION:
            return self.participation_of(state, date, org=org)
        found = self.state(state)
        first, last, parsed = ordinals(date, self._text_dates)
        key = self._default if org is None and self._default is not None else self.org(org)
        self._check_coverage(key, first, last, date)
        index = self._tables.states(key, wanted).by_code.get(found.alpha3)
        if wanted is _LEGAL and type(date) is _DAY:
            self._tables.remember_status(key, state, index)
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
        when = parsed if parsed is not None else to_partial_date(date)
        spells = self._tables.spells_of(key, wanted).get(found, ())
        raise undecided(found, key, spells, first, last, when, possible)

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
        if legal not in PARTICIPATING:
            return None
        found = self.state(state)
        key = self.org(org)
        first, last, parsed = ordinals(date, self._text_dates)
        index = self._tables.states(key, Track.PARTICIPATION).by_state.get(found)
        possible = NOTHING if index is None else index.possible(first, last)
        # A member with no participation spell takes part: "no relation" on this track reads "active".
        answers = frozenset(Status.ACTIVE if option is None else option for option in possible)
        if len(answers) == 1:
            return next(iter(answers))
        when = parsed if parsed is not None else to_partial_date(date)
        spells = self._tables.spells_of(key, Track.PARTICIPATION).get(found, ())
        error = undecided(found, key, spells, first, last, when, possible)
        message = str(error).replace("not related", "active")
        possible_answers = tuple(Status.ACTIVE if option is None else option for option in error.possible)
        raise UncertainStatusError(message, possible=possible_answers, events=error.events)

    def possible_statuses(
        self,
        state: State | str,
        start: object,
        end: object | None = None,
        *,
        org: str | None = None,
        track: Track | str = _LEGAL,
    ) -> frozenset[Status | None]:
        """Every status the evidence allows on some day from the first day of
        ``start`` to the last day of ``end`` (default: ``start``'s own last day),
        with None for "no relation", `Status.UNKNOWN` where a source records the
        status as unknown and `Status.UNCOVERED` outside the data's coverage
        (a body's ``coverage`` period, or cells a source leaves empty: the days
        `status_of` refuses with `OutsideCoverageError`; views have no coverage).
        A set of one element is a certain answer for every day of the range.

        >>> import csto_timeline
        >>> sorted(map(str, csto_timeline.load().possible_statuses("UZB", "2012")))
        ['member', 'suspended']
        """
        found = self.state(state)
        first = to_partial_date(start).earliest.toordinal()
        last = to_partial_date(start if end is None else end).latest.toordinal()
        if last < first:
            msg = f"the range ends ({end!r}) before it starts ({start!r}); give the earlier date first"
            raise DateError(msg)
        key = self.org(org)
        wanted = track if type(track) is Track else Track.parse(track)
        index = self._tables.states(key, wanted).by_state.get(found)
        if key in self._tables.coverage:  # a body covering part of time: its days outside are UNCOVERED
            body = self._bodies[key]
            return possible_covered(index, first, last, body.coverage_start, body.coverage_end)
        return NOTHING if index is None else index.possible(first, last)

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
            # Fast path: a day, a known state asked about before.
            try:
                points, bodies = self._member_bodies[self._state_cache[state].alpha3]
            except (KeyError, TypeError):  # not asked about before, or a bad argument
                pass
            else:
                return bodies[bisect_right(points, date.toordinal()) - 1]
        found = self.state(state)
        first, last, _ = ordinals(date, self._text_dates)
        wanted = status if isinstance(status, Status) else Status.parse(status)
        return self._tables.bodies(found, wanted, track_of(wanted)).holding(first, last)


def _org_keys(bodies: Mapping[str, Body], views: Mapping[str, View]) -> dict[str, str | tuple[str, ...]]:
    """Normalized names and ids -> the body or view id; a name shared by several -> all of them."""
    named: dict[str, set[str]] = {}
    for ident, body in bodies.items():
        for name in (body.name, *body.aliases):
            named.setdefault(normalize_name(name), set()).add(ident)
    for ident, view in views.items():
        named.setdefault(normalize_name(view.name), set()).add(ident)
    # An id always wins; a name shared by several bodies resolves to none of them (see Engine.org).
    keys: dict[str, str | tuple[str, ...]] = {
        name: next(iter(idents)) if len(idents) == 1 else tuple(sorted(idents)) for name, idents in named.items()
    }
    for ident in [*bodies, *views]:
        keys[normalize_name(ident)] = ident
    return keys
