"""`MembershipRecord`: a plain record of a status over a period, the input of `Timeline.from_records`."""

from __future__ import annotations

import datetime as dt

import attrs

from ._dates import PartialDate, to_partial_date
from ._enums import Status
from ._records import Source
from ._serialize import Serializable
from ._states import State

__all__ = ["MembershipRecord"]


def _record_date(value: PartialDate | dt.date | str) -> PartialDate:
    if isinstance(value, str) and value.strip()[-1:] in ("?", "~", "%"):
        return PartialDate.parse(value)
    return to_partial_date(value)


@attrs.frozen
class MembershipRecord(Serializable):
    """A plain record of a status over a period, for `Timeline.from_records`.

    >>> MembershipRecord.of("NATO", "FRA", "member", "1949-04-04", None, source="nato-members")
    MembershipRecord(org='NATO', state='FRA', status=Status.MEMBER, start=PartialDate(1949, 4, 4), end=None, source='nato-members', says=None)
    """

    org: str
    state: State | str
    status: Status
    start: PartialDate
    end: PartialDate | None
    source: Source | str
    says: str | None = None

    @classmethod
    def of(
        cls,
        org: str,
        state: State | str,
        status: Status | str,
        start: PartialDate | dt.date | str,
        end: PartialDate | dt.date | str | None = None,
        *,
        source: Source | str,
        says: str | None = None,
    ) -> MembershipRecord:
        """Build a record; dates may be EDTF text (qualifiers included), any form
        `to_partial_date` reads, or dates; ``end`` None for an open spell.

        ``end`` is the first day the status no longer held, like a spell's end.
        """
        return cls(
            org,
            state,
            Status.parse(status),
            _record_date(start),
            None if end is None else _record_date(end),
            source,
            says,
        )
