"""`MembershipRecord`: a plain record of a status over a period, the input of `Timeline.from_records`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

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


def _typed(name: str, value: object, kinds: tuple[type, ...], accepted: str) -> None:
    if not isinstance(value, kinds):
        msg = f"MembershipRecord {name}={value!r} is a {type(value).__name__}; give {accepted}"
        raise TypeError(msg)


def _of(*kinds: type, accepted: str) -> Callable[[object, attrs.Attribute[Any], object], None]:
    """An attrs validator raising a `TypeError` that names the field and says what is accepted."""

    def check(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        _typed(attribute.name, value, kinds, accepted)

    return check


@attrs.frozen(repr=False)
class MembershipRecord(Serializable):
    """A plain record of a status over a period, for `Timeline.from_records`.

    >>> MembershipRecord.of("NATO", "FRA", "member", "1949-04-04", None, source="nato-members")
    MembershipRecord(org='NATO', state='FRA', status=Status.MEMBER, start=PartialDate(1949, 4, 4), end=None, source='nato-members', says=None)
    """

    org: str = attrs.field(validator=_of(str, accepted="an organization id (str)"))
    state: State | str = attrs.field(validator=_of(State, str, accepted="a State or a state's code or name (str)"))
    status: Status = attrs.field(validator=_of(Status, accepted="a Status"))
    start: PartialDate = attrs.field(validator=_of(PartialDate, accepted="a PartialDate"))
    end: PartialDate | None = attrs.field(validator=_of(PartialDate, type(None), accepted="a PartialDate or None"))
    source: Source | str = attrs.field(validator=_of(Source, str, accepted="a Source or the id of one (str)"))
    says: str | None = attrs.field(default=None, validator=_of(str, type(None), accepted="a str or None"))

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
        A value of the wrong type raises `TypeError`, an unknown status
        `VocabularyError`, a malformed date `DateError`.

        >>> MembershipRecord.of("NATO", "FRA", "member", "1949", source=None)
        Traceback (most recent call last):
        ...
        TypeError: MembershipRecord source=None is a NoneType; give a Source or the id of one (str)
        """
        _typed("org", org, (str,), "an organization id (str)")
        _typed("source", source, (Source, str), "a Source or the id of one (str)")
        return cls(
            org,
            state,
            Status.parse(status),
            _record_date(start),
            None if end is None else _record_date(end),
            source,
            says,
        )
