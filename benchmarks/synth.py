"""Synthetic records at Correlates of War scale, as raw tuples, and the floor built from them.

`make_raw` draws, from a seeded generator, ``(org, state, status, start, end)``
tuples of strings and ints (dates as ``(year, month or None, day or None)``):
500 organizations of 100 spells, 200 states, boundaries known to the day
(55%), the month (20%) or the year (25%), about 30% of spells still open. It
is called once for the engine (whose `MembershipRecord` objects are made from
its tuples) and once more, with the same seed, for the floor, so the two never
share an object or a cached day bound.

`Floor` is what a careful programmer would write for these questions with
dicts, sorted lists and `bisect`: change points per organization with the
certain and uncertain member sets of each segment, status segments per
(organization, state), and, built separately, organizations per state and a
sorted change list per organization. It knows the same uncertainty the engine
knows (an imprecise boundary makes its whole range uncertain), but does no
validation and takes no names.
"""

from __future__ import annotations

import datetime as dt
import random
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Sequence

from benchlib import OPEN, Raw, bounds

SEED = 20_240_601
FIRST_DAY = dt.date(1850, 1, 1).toordinal()
LAST_DAY = dt.date(2020, 12, 31).toordinal()
DAY_SHARE, MONTH_SHARE = 0.55, 0.20
STATUSES = (("member", 0.78), ("associate", 0.09), ("observer", 0.09), ("suspended", 0.04))
UNCERTAIN = "uncertain"  # the floor's marker for a segment the evidence cannot decide
RawSpell = tuple[str, str, str, Raw, Raw | None]
NONE: frozenset[str] = frozenset()


def state_codes(count: int, taken: set[str]) -> list[str]:
    """``count`` ISO 3166 user-assigned codes (QMA to QZZ) that the registry does not use."""
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    codes = [f"Q{a}{b}" for a in letters[letters.index("M") :] for b in letters if f"Q{a}{b}" not in taken]
    if len(codes) < count:
        raise SystemExit(f"only {len(codes)} free codes for synthetic states; ask for fewer than {count}")
    return codes[:count]


def _coarsen(rng: random.Random, day: int) -> Raw:
    date = dt.date.fromordinal(day)
    draw = rng.random()
    if draw < DAY_SHARE:
        return (date.year, date.month, date.day)
    if draw < DAY_SHARE + MONTH_SHARE:
        return (date.year, date.month, None)
    return (date.year, None, None)


def _status(rng: random.Random, other_than: str | None) -> str:
    while True:
        status = rng.choices([s for s, _ in STATUSES], [w for _, w in STATUSES])[0]
        if status != other_than:
            return status


def make_raw(seed: int, n_orgs: int, n_spells: int, codes: Sequence[str]) -> list[RawSpell]:
    """``n_spells`` raw spells over ``n_orgs`` organizations; a state's spells meet or leave a gap of a year or more."""
    rng = random.Random(seed)
    per_org = n_spells // n_orgs
    spells: list[RawSpell] = []
    for number in range(n_orgs):
        org = f"IGO{number:03d}"
        founded = rng.randint(FIRST_DAY, dt.date(2000, 1, 1).toordinal())
        alive = rng.random() < 0.8
        dissolved = LAST_DAY if alive else rng.randint(min(founded + 20 * 365, LAST_DAY - 1), LAST_DAY)
        members = rng.sample(list(codes), len(codes))
        made: list[RawSpell] = []
        for state in members:
            if len(made) >= per_org:
                break
            made.extend(_state_spells(rng, org, state, founded, dissolved, alive=alive))
        if len(made) < per_org:
            raise SystemExit(f"{org}: {len(codes)} states give fewer than {per_org} spells; use more states")
        spells.extend(made[:per_org])
    return spells


def _state_spells(
    rng: random.Random, org: str, state: str, founded: int, dissolved: int, *, alive: bool
) -> list[RawSpell]:
    wanted = rng.choices((1, 2, 3), weights=(60, 25, 15))[0]
    day = founded + rng.randint(0, max(0, min(40 * 365, dissolved - founded - 366)))
    out: list[RawSpell] = []
    start: Raw | None = None
    previous: str | None = None
    for number in range(wanted):
        if day + 366 > dissolved:
            break
        start = start or _coarsen(rng, day)
        status = _status(rng, previous)
        end_day = day + rng.randint(366, 40 * 365)
        if alive and (end_day >= dissolved or (number == wanted - 1 and rng.random() < 0.4)):
            out.append((org, state, status, start, None))
            break
        end_day = min(end_day, dissolved)
        end = _coarsen(rng, end_day)
        out.append((org, state, status, start, end))
        if rng.random() < 0.5:  # a change of status at the same boundary
            start, previous, day = end, status, end_day
        else:
            start, previous, day = None, None, end_day + rng.randint(366, 20 * 365)
    return out


# ------------------------------------------------------------------ floor

Span = tuple[int, int, int, int, str]  # start first/last day, end first/last day, status


def spans(raw: Sequence[RawSpell]) -> dict[str, dict[str, list[Span]]]:
    """Per org, per state, each spell's day bounds: certain part [s_last, e_first), possible [s_first, e_last)."""
    out: dict[str, dict[str, list[Span]]] = defaultdict(lambda: defaultdict(list))
    for org, state, status, start, end in raw:
        s_first, s_last = bounds(start)
        e_first, e_last = bounds(end) if end is not None else (OPEN, OPEN)
        out[org][state].append((s_first, s_last, e_first, e_last, status))
    return out


def member_segments(by_state: dict[str, list[Span]]) -> tuple[list[int], list[tuple[frozenset[str], frozenset[str]]]]:
    """One sort and one sweep: change points (a sentinel first) and the (certain, uncertain) members of each segment."""
    steps: list[tuple[int, int, int, str]] = []  # (day, kind 0 certain / 1 possible, +1/-1, state)
    for state, spells in by_state.items():
        for s_first, s_last, e_first, e_last, status in spells:
            if status == "member":
                if s_last < e_first:
                    steps.append((s_last, 0, 1, state))
                    steps.append((e_first, 0, -1, state))
                steps.append((s_first, 1, 1, state))
                steps.append((e_last, 1, -1, state))
    steps.sort()
    counts: list[dict[str, int]] = [defaultdict(int), defaultdict(int)]
    live: list[set[str]] = [set(), set()]
    changed = [False, False]
    points = [0]
    segments = [(NONE, NONE)]
    certain = possible = NONE
    for i, (day, kind, step, state) in enumerate(steps):
        n = counts[kind][state] = counts[kind][state] + step
        if n == 1 and step == 1:
            live[kind].add(state)
            changed[kind] = True
        elif n == 0:
            live[kind].discard(state)
            changed[kind] = True
        if i + 1 < len(steps) and steps[i + 1][0] == day:
            continue
        if changed[0]:
            certain = frozenset(live[0])
        if changed[1]:
            possible = frozenset(live[1])
        points.append(day)
        segments.append((certain, possible - certain) if changed[0] or changed[1] else segments[-1])
        changed = [False, False]
    return points, segments


def status_segments(spells: Sequence[Span]) -> tuple[list[int], list[str | None]]:
    """Change points of one state's spells (a sentinel first) and each segment's status, None or UNCERTAIN."""
    points = sorted({day for s in spells for day in s[:4]})
    values: list[str | None] = [None]
    for day in points:
        sure = [s[4] for s in spells if s[1] <= day < s[2]]
        maybe = any(s[0] <= day < s[3] for s in spells)
        values.append(sure[0] if sure else (UNCERTAIN if maybe else None))
    return [0, *points], values


class Floor:
    """Day and period answers by one bisect; built from raw tuples in one sort and sweep per org."""

    def __init__(self, raw: Sequence[RawSpell]) -> None:
        self.spans = spans(raw)
        self.members = {org: member_segments(by_state) for org, by_state in self.spans.items()}
        self.statuses = {
            org: {state: status_segments(spells) for state, spells in by_state.items()}
            for org, by_state in self.spans.items()
        }
        self.years: dict[str, tuple[int, int]] = {}

    def build_extras(self) -> None:
        """Organizations per state (certain members) and a sorted change list per org."""
        steps: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
        for org, by_state in self.spans.items():
            for state, spells in by_state.items():
                for _, s_last, e_first, _, status in spells:
                    if status == "member" and s_last < e_first:
                        steps[state].append((s_last, 1, org))
                        steps[state].append((e_first, -1, org))
        self.orgs: dict[str, tuple[list[int], list[tuple[str, ...]]]] = {}
        for state, changes in steps.items():
            changes.sort()
            live: dict[str, int] = defaultdict(int)
            points, answers = [0], [()]
            for i, (day, step, org) in enumerate(changes):
                live[org] += step
                if i + 1 < len(changes) and changes[i + 1][0] == day:
                    continue
                points.append(day)
                answers.append(tuple(sorted(o for o, n in live.items() if n)))
            self.orgs[state] = (points, answers)
        self.changes: dict[str, tuple[list[int], list[tuple[int, int, str, str | None, str | None]]]] = {}
        for org, by_state in self.spans.items():
            found = []
            for state, spells in by_state.items():
                previous: Span | None = None
                for spell in sorted(spells):
                    if previous is not None and previous[2:4] != spell[0:2]:
                        found.append((previous[2], previous[3], state, previous[4], None))
                        previous = None
                    old = previous[4] if previous is not None else None
                    if old != spell[4]:
                        found.append((spell[0], spell[1], state, old, spell[4]))
                    previous = spell
                if previous is not None and previous[2] != OPEN:
                    found.append((previous[2], previous[3], state, previous[4], None))
            found.sort()
            self.changes[org] = ([c[0] for c in found], found)

    def _year(self, text: str) -> tuple[int, int]:
        try:
            return self.years[text]
        except KeyError:
            year = int(text)
            found = self.years[text] = (dt.date(year, 1, 1).toordinal(), dt.date(year, 12, 31).toordinal())
            return found

    # day queries (a datetime.date)
    def members_on(self, date: dt.date, *, org: str) -> tuple[frozenset[str], frozenset[str]]:
        points, segments = self.members[org]
        return segments[bisect_right(points, date.toordinal()) - 1]

    def status_of(self, state: str, date: dt.date, *, org: str) -> str | None:
        entry = self.statuses[org].get(state)
        if entry is None:
            return None
        points, values = entry
        return values[bisect_right(points, date.toordinal()) - 1]

    def organizations_of(self, state: str, date: dt.date) -> tuple[str, ...]:
        entry = self.orgs.get(state)
        if entry is None:
            return ()
        points, answers = entry
        return answers[bisect_right(points, date.toordinal()) - 1]

    # period queries (years as text, like the engine's "1995")
    def members_in(self, year: str, *, org: str) -> tuple[frozenset[str], frozenset[str]]:
        """Certain: a member throughout the year; uncertain: may have been a member some day of it."""
        first, last = self._year(year)
        points, segments = self.members[org]
        i, j = bisect_right(points, first) - 1, bisect_right(points, last)
        if j - i == 1:
            return segments[i]
        certain = segments[i][0].intersection(*(s[0] for s in segments[i + 1 : j]))
        possible = NONE.union(*(s[0] | s[1] for s in segments[i:j]))
        return certain, possible - certain

    def members_during(self, start: str, end: str, *, org: str) -> tuple[frozenset[str], frozenset[str]]:
        """Certain: certainly a member some day of the window; uncertain: possibly."""
        first, last = self._year(start)[0], self._year(end)[1]
        points, segments = self.members[org]
        i, j = bisect_right(points, first) - 1, bisect_right(points, last)
        window = segments[i:j]
        certain = NONE.union(*(s[0] for s in window))
        return certain, NONE.union(*(s[1] for s in window)) - certain

    def changes_in(self, start: str, end: str, *, org: str) -> list[tuple[int, int, str, str | None, str | None]]:
        """Changes whose day may fall in the window (a boundary spans at most 366 days)."""
        first, last = self._year(start)[0], self._year(end)[1]
        firsts, changes = self.changes[org]
        return [c for c in changes[bisect_left(firsts, first - 366) : bisect_right(firsts, last)] if c[1] >= first]
