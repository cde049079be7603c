"""Knowledge time: the release in which each claim entered the record and the
release in which it left (when it was corrected or withdrawn).

A claim is one account of an event as stated: its date, the kind it gives the
act, and the sources it cites. A correction of any of these makes a new claim:
the old one left the record in the release that corrected it, and the new one
entered there. Only the releases up to the timeline's own are read, so a
timeline as recorded at an earlier release knows nothing of later corrections.

>>> import csto_timeline
>>> history = claim_record(csto_timeline.load(), "uzb-2012-suspension/CSTO")
>>> history[0].entered.version, history[0].left
('0.1.0', None)
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, overload

import attrs

from ._records import Claim
from ._releases import Release, Releases
from .exceptions import UnknownEventError

if TYPE_CHECKING:
    from ._timeline import Timeline

__all__ = ["ClaimRecord", "RecordedClaim", "claim_record", "claim_records"]

_Key = tuple[str, object, object, bool, frozenset[str]]


def _claim_text(claim: Claim) -> str:
    date = f"{claim.date} ({claim.date.precision})" if claim.occurred and claim.date is not None else "did not happen"
    kind = f" as {claim.kind.label}" if claim.kind is not None else ""
    return f"{date}{kind} per {', '.join(source.id for source in claim.sources)}"


@attrs.frozen
class RecordedClaim:
    """One claim of an event and its knowledge time: the release it entered the
    record in, the release it left in (None: still in it), and the releases
    in which the record followed it.
    """

    event: str
    claim: Claim
    entered: Release
    left: Release | None
    followed_in: tuple[str, ...]

    @property
    def current(self) -> bool:
        """True when the claim is still in the newest release read."""
        return self.left is None

    def to_dict(self) -> dict[str, object]:
        """The claim and its knowledge time as plain data."""
        claim = self.claim
        return {
            "event": self.event,
            "date": str(claim.date) if claim.date is not None else None,
            "occurred": claim.occurred,
            "kind": claim.kind.value if claim.kind is not None else None,
            "sources": [source.id for source in claim.sources],
            "entered": self.entered.version,
            "entered_on": str(self.entered.released),
            "left": self.left.version if self.left is not None else None,
            "left_on": str(self.left.released) if self.left is not None else None,
            "followed_in": list(self.followed_in),
        }

    def __str__(self) -> str:
        when = f"entered {self.entered.version} ({self.entered.released})"
        if self.left is not None:
            when += f", left {self.left.version} ({self.left.released})"
        followed = f"; followed in {', '.join(self.followed_in)}" if self.followed_in else "; never followed"
        return f"{_claim_text(self.claim)}: {when}{followed}"


class ClaimRecord(Sequence[RecordedClaim]):
    """Every claim one event has had in the record's releases, in the order they entered."""

    __slots__ = ("_claims", "event_id", "releases")

    def __init__(self, event_id: str, claims: Sequence[RecordedClaim], releases: Sequence[Release]) -> None:
        """The claims of ``event_id`` over ``releases`` (the releases read)."""
        self.event_id = event_id
        self._claims = tuple(claims)
        self.releases = tuple(releases)

    @overload
    def __getitem__(self, index: int) -> RecordedClaim: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[RecordedClaim]: ...
    def __getitem__(self, index: int | slice) -> RecordedClaim | Sequence[RecordedClaim]:
        return self._claims[index]

    def __len__(self) -> int:
        return len(self._claims)

    def __iter__(self) -> Iterator[RecordedClaim]:
        return iter(self._claims)

    def rows(self) -> list[dict[str, object]]:
        """One plain dict per claim."""
        return [claim.to_dict() for claim in self._claims]

    def to_dict(self) -> dict[str, object]:
        """The event, the releases read and its claims, as plain data (JSON-ready)."""
        return {"event": self.event_id, "releases": [r.version for r in self.releases], "claims": self.rows()}

    def __str__(self) -> str:
        span = f"{self.releases[0].version} to {self.releases[-1].version}" if self.releases else "no release"
        lines = [f"{self.event_id}: {len(self._claims)} claims in releases {span}"]
        lines += [f"  {claim}" for claim in self._claims]
        return "\n".join(lines)

    def __repr__(self) -> str:
        return f"<ClaimRecord {self.event_id!r}: {len(self._claims)} claims>"


def _key(event_id: str, claim: Claim) -> _Key:
    return (event_id, claim.date, claim.kind, claim.occurred, frozenset(source.id for source in claim.sources))


def _read(releases: Sequence[Release], index: Releases) -> list[RecordedClaim]:
    done: list[RecordedClaim] = []
    # key -> [entered, latest version of the claim, versions it was followed in]
    open_: dict[_Key, tuple[Release, Claim, list[str]]] = {}
    for release in releases:
        present: dict[_Key, tuple[Claim, bool]] = {}
        for event in index.load(release).events():
            for position, claim in enumerate(event.claims):
                present[_key(event.id, claim)] = (claim, position == event.followed)
        for key in [key for key in open_ if key not in present]:
            entered, claim, versions = open_.pop(key)
            done.append(RecordedClaim(key[0], claim, entered, release, tuple(versions)))
        for key, (claim, followed) in present.items():
            entered, _, versions = open_.get(key, (release, claim, []))
            open_[key] = (entered, claim, [*versions, release.version] if followed else versions)
    done += [
        RecordedClaim(key[0], claim, entered, None, tuple(versions))
        for key, (entered, claim, versions) in open_.items()
    ]
    return sorted(done, key=lambda c: (c.event, c.entered.key, c.left is None, c.left.key if c.left else ()))


def _upto(timeline: Timeline, releases: Releases | None) -> tuple[Releases, list[Release]]:
    index = releases if releases is not None else Releases.bundled()
    own = index.of(timeline)
    return index, [release for release in index if release.key <= own.key]


def claim_records(timeline: Timeline, *, releases: Releases | None = None) -> tuple[RecordedClaim, ...]:
    """The knowledge time of every claim of every event the record has held,
    from its first release to the timeline's own, by event id.

    >>> import csto_timeline
    >>> from csto_timeline._releases import as_recorded
    >>> every = claim_records(as_recorded(csto_timeline.load(), "0.1.0"))
    >>> {claim.entered.version for claim in every}, [claim for claim in every if claim.left]
    ({'0.1.0'}, [])
    """
    index, read = _upto(timeline, releases)
    return tuple(_read(read, index))


def claim_record(timeline: Timeline, event_id: str, *, releases: Releases | None = None) -> ClaimRecord:
    """Every claim an event has had in the record, each with the release it
    entered in and the release it left in, from the first release to the
    timeline's own. The event may be one a later release removed.

    Raises `UnknownEventError` when no release read holds the event.

    >>> import csto_timeline
    >>> print(claim_record(csto_timeline.load(), "geo-1993-cst-signature"))  # doctest: +ELLIPSIS
    geo-1993-cst-signature: ... claims in releases 0.1.0 to ...
      1993-12-09 (day) per ...: entered 0.1.0 (2026-11-22)...
    """
    if not isinstance(event_id, str):
        msg = f"event_id {event_id!r} is a {type(event_id).__name__}, not an event id (str)"
        raise TypeError(msg)
    index, read = _upto(timeline, releases)
    claims = [claim for claim in _read(read, index) if claim.event == event_id]
    if not claims:
        span = f"{read[0].version} to {read[-1].version}"
        msg = f"unknown event {event_id!r}: no release of the record from {span} holds it; Timeline.events() lists the events"
        raise UnknownEventError(msg)
    return ClaimRecord(event_id, claims, read)
