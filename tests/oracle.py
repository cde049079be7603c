"""A plain, obviously correct oracle: statuses day by day, straight from the records.

A record [start, end) holds certainly on the days from start.latest up to the
day before end.earliest, and possibly from start.earliest up to the day before
end.latest. On a day, the possible statuses are the statuses of the records
that possibly hold, plus "no relation" (None) unless one record certainly holds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from csto_timeline import MembershipRecord, Status

FAR = dt.date(9999, 12, 31)


def _end(record: MembershipRecord, *, early: bool) -> dt.date:
    if record.end is None:
        return FAR
    return record.end.earliest if early else record.end.latest


def certainly(record: MembershipRecord, day: dt.date) -> bool:
    return record.start.latest <= day < _end(record, early=True)


def possibly(record: MembershipRecord, day: dt.date) -> bool:
    return record.start.earliest <= day < _end(record, early=False)


def possible_on(records: Iterable[MembershipRecord], org: str, state: str, day: dt.date) -> set[Status | None]:
    mine = [r for r in records if r.org == org and r.state == state]
    found: set[Status | None] = {r.status for r in mine if possibly(r, day)}
    if not any(certainly(r, day) for r in mine):
        found.add(None)
    return found


def days(first: dt.date, last: dt.date) -> Iterable[dt.date]:
    day = first
    while day <= last:
        yield day
        day += dt.timedelta(days=1)


def possible_during(
    records: Iterable[MembershipRecord], org: str, state: str, first: dt.date, last: dt.date
) -> set[Status | None]:
    found: set[Status | None] = set()
    records = list(records)
    for day in days(first, last):
        found |= possible_on(records, org, state, day)
    return found
