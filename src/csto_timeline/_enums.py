"""The vocabularies: statuses, tracks and event kinds."""

from __future__ import annotations

import enum
from typing import Self

from .exceptions import VocabularyError

__all__ = ["EventKind", "Status", "Track"]


class _Vocabulary(enum.StrEnum):
    """A string enum whose members parse from their value, case-insensitively."""

    def __repr__(self) -> str:
        return f"{type(self).__name__}.{self.name}"

    @classmethod
    def parse(cls, value: object) -> Self:
        if isinstance(value, cls):
            return value
        if isinstance(value, str):
            key = value.strip().lower().replace(" ", "_").replace("-", "_")
            for member in cls:
                if member.value == key:
                    return member
        accepted = ", ".join(repr(member.value) for member in cls)
        what = {"Status": "status", "Track": "track", "EventKind": "event kind"}.get(cls.__name__, cls.__name__)
        msg = f"{value!r} is not a known {what}; accepted: {accepted}"
        raise VocabularyError(msg)


class Status(_Vocabulary):
    """A state's status in a body on a day.

    The legal track uses SIGNATORY, MEMBER, SUSPENDED, OBSERVER, PARTNER and
    ASSOCIATE; the participation track uses FROZEN and INACTIVE (a legal member
    that does not take part), and ACTIVE only as the answer for a member
    without a participation spell. UNKNOWN marks a period that a source records
    as unknown (for instance Correlates of War's -9), and UNCOVERED a period
    the data does not cover for that state (Correlates of War's -1, "not a
    state in the system"): never read as "not a member".
    """

    SIGNATORY = "signatory"
    MEMBER = "member"
    SUSPENDED = "suspended"
    OBSERVER = "observer"
    PARTNER = "partner"
    ASSOCIATE = "associate"
    FROZEN = "frozen"
    INACTIVE = "inactive"
    ACTIVE = "active"
    UNKNOWN = "unknown"
    UNCOVERED = "uncovered"


class Track(_Vocabulary):
    """Legal status and actual participation are derived separately."""

    LEGAL = "legal"
    PARTICIPATION = "participation"


class EventKind(_Vocabulary):
    """What kind of act an event is. `csto_timeline.RULES` says what each does."""

    SIGNATURE = "signature"
    RATIFICATION = "ratification"
    ENTRY_INTO_FORCE = "entry_into_force"
    ACCESSION = "accession"
    RENEWAL = "renewal"
    LAPSE = "lapse"
    WITHDRAWAL = "withdrawal"
    EXPULSION = "expulsion"
    SUSPENSION_REQUEST = "suspension_request"
    SUSPENSION = "suspension"
    RESTORATION = "restoration"
    FREEZE = "freeze"
    UNFREEZE = "unfreeze"
    PARTICIPATION_CEASED = "participation_ceased"
    OBSERVER_GRANTED = "observer_granted"
    OBSERVER_ENDED = "observer_ended"
    PARTNER_GRANTED = "partner_granted"
    PARTNER_ENDED = "partner_ended"
    ASSOCIATE_GRANTED = "associate_granted"
    ASSOCIATE_ENDED = "associate_ended"
    ANNOUNCEMENT = "announcement"
    INSTRUMENT = "instrument"
    DECISION = "decision"
    RECORD_START = "record_start"
    RECORD_END = "record_end"

    @property
    def label(self) -> str:
        """A readable name, such as 'lapse by non-renewal'."""
        return _LABELS.get(self, self.value.replace("_", " "))


_LABELS = {
    EventKind.LAPSE: "lapse by non-renewal",
    EventKind.FREEZE: "freeze of participation",
    EventKind.UNFREEZE: "participation resumed",
    EventKind.PARTICIPATION_CEASED: "participation ceased in practice",
    EventKind.OBSERVER_GRANTED: "observer status granted",
    EventKind.OBSERVER_ENDED: "observer status ended",
    EventKind.PARTNER_GRANTED: "partner status granted",
    EventKind.PARTNER_ENDED: "partner status ended",
    EventKind.ASSOCIATE_GRANTED: "associate status granted",
    EventKind.ASSOCIATE_ENDED: "associate status ended",
    EventKind.INSTRUMENT: "other legal instrument",
    EventKind.RECORD_START: "status recorded as beginning",
    EventKind.RECORD_END: "status recorded as ending",
}
