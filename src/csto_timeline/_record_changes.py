"""What changed in the facts of a record between two releases, by record id.

Claims carry no ids of their own, so a claim of one release is matched to a
claim of the same event in the other: an identical claim first, then the one
citing most of the same sources, then the one with the same date, then the one
left of the same kind. A matched claim whose date moved is a correction; an
unmatched one was withdrawn or added. Wording (summaries, notes, paraphrases)
is not a fact and is not listed.

>>> import csto_timeline
>>> changes = record_changes(csto_timeline.load(), since="0.1.0", until="0.1.0")
>>> len(changes), str(changes)
(0, 'No change in the facts of the record from 0.1.0 (2026-11-22) to 0.1.0 (2026-11-22).')
"""

from __future__ import annotations

import enum
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, overload

import attrs

from ._claim_match import claim_sources, match_claims
from ._dates import PartialDate
from ._records import Claim, Event, RosterClaim, Source
from ._releases import Releases

if TYPE_CHECKING:
    from ._timeline import Timeline

__all__ = ["ChangeKind", "RecordChange", "RecordChanges", "match_claims", "record_changes", "record_diff"]

_SOURCE_FIELDS = (
    "title",
    "publisher",
    "published",
    "url",
    "path",
    "accessed",
    "undated",
    "copy_of",
    "original",
    "says",
)


class ChangeKind(enum.StrEnum):
    """The kinds of change in a record's facts (the ``what`` of data/changes/*.toml)."""

    EVENT_ADDED = "event-added"
    EVENT_REMOVED = "event-removed"
    CLAIM_ADDED = "claim-added"
    CLAIM_WITHDRAWN = "claim-withdrawn"
    DATE_CHANGED = "date-changed"
    PRECISION_CHANGED = "precision-changed"
    FOLLOWED_SWITCHED = "followed-switched"
    SOURCE_ADDED = "source-added"
    SOURCE_REPLACED = "source-replaced"
    SOURCE_REMOVED = "source-removed"
    SOURCE_AMENDED = "source-amended"


@attrs.frozen
class RecordChange:
    """One change: the record (an event, source or roster id), what changed, a
    sentence for people, and the value before and after where there is one.
    """

    record: str
    what: ChangeKind
    detail: str
    before: str | None = None
    after: str | None = None

    def to_dict(self) -> dict[str, str | None]:
        """The change as plain data."""
        return {
            "record": self.record,
            "what": str(self.what),
            "detail": self.detail,
            "before": self.before,
            "after": self.after,
        }


class RecordChanges(Sequence[RecordChange]):
    """The changes in the facts between two releases, in record order."""

    __slots__ = ("_changes", "since", "since_released", "until", "until_released")

    def __init__(
        self,
        changes: Sequence[RecordChange],
        *,
        since: str | None = None,
        until: str | None = None,
        since_released: PartialDate | None = None,
        until_released: PartialDate | None = None,
    ) -> None:
        """Changes from release ``since`` to ``until`` (None when the timelines compared are no releases)."""
        self._changes = tuple(changes)
        self.since, self.until = since, until
        self.since_released, self.until_released = since_released, until_released

    @overload
    def __getitem__(self, index: int) -> RecordChange: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[RecordChange]: ...
    def __getitem__(self, index: int | slice) -> RecordChange | Sequence[RecordChange]:
        return self._changes[index]

    def __len__(self) -> int:
        return len(self._changes)

    def __iter__(self) -> Iterator[RecordChange]:
        return iter(self._changes)

    def of(self, what: ChangeKind | str) -> tuple[RecordChange, ...]:
        """The changes of one kind."""
        kind = ChangeKind(what)
        return tuple(change for change in self._changes if change.what is kind)

    def rows(self) -> list[dict[str, str | None]]:
        """One plain dict per change."""
        return [change.to_dict() for change in self._changes]

    def to_dict(self) -> dict[str, object]:
        """The releases compared and the changes, as plain data (JSON-ready)."""
        return {
            "since": self.since,
            "since_released": None if self.since_released is None else str(self.since_released),
            "until": self.until,
            "until_released": None if self.until_released is None else str(self.until_released),
            "changes": self.rows(),
        }

    def _span(self) -> str:
        if self.since is None or self.until is None:
            return "between the two timelines"
        return f"from {self.since} ({self.since_released}) to {self.until} ({self.until_released})"

    def __str__(self) -> str:
        if not self._changes:
            return f"No change in the facts of the record {self._span()}."
        counts: dict[str, int] = {}
        for change in self._changes:
            counts[change.what] = counts.get(change.what, 0) + 1
        summary = ", ".join(f"{count} {what}" for what, count in sorted(counts.items()))
        lines = [f"{len(self._changes)} changes in the facts of the record {self._span()}: {summary}"]
        width = max(len(change.what) for change in self._changes)
        lines += [f"  {change.what:<{width}}  {change.record}: {change.detail}" for change in self._changes]
        return "\n".join(lines)

    def __repr__(self) -> str:
        return f"<RecordChanges {self.since} -> {self.until}: {len(self._changes)} changes>"


def _claim_text(claim: Claim) -> str:
    date = str(claim.date) if claim.occurred and claim.date is not None else "did not happen"
    kind = f" as {claim.kind.label}" if claim.kind is not None else ""
    return f"{date}{kind} per {', '.join(sorted(claim_sources(claim)))}"


def _date_kind(before: PartialDate | None, after: PartialDate | None) -> ChangeKind:
    if before is not None and after is not None:
        nested = (after.earliest >= before.earliest and after.latest <= before.latest) or (
            before.earliest >= after.earliest and before.latest <= after.latest
        )
        if nested and (before.precision != after.precision or before.qualified != after.qualified):
            return ChangeKind.PRECISION_CHANGED
    return ChangeKind.DATE_CHANGED


def _event_changes(before: Event, after: Event) -> list[RecordChange]:
    found: list[RecordChange] = []
    ident = after.id
    pairs = match_claims(before.claims, after.claims)
    for i, j in pairs:
        if i is None and j is not None:
            text = _claim_text(after.claims[j])
            found.append(RecordChange(ident, ChangeKind.CLAIM_ADDED, f"claim added: {text}", None, text))
        elif j is None and i is not None:
            text = _claim_text(before.claims[i])
            found.append(RecordChange(ident, ChangeKind.CLAIM_WITHDRAWN, f"claim withdrawn: {text}", text, None))
        elif i is not None and j is not None:
            found += _claim_changes(ident, before.claims[i], after.claims[j])
    matched = {i: j for i, j in pairs if i is not None and j is not None}
    old_followed = matched.get(before.followed)
    old_choice = next((i for i, j in matched.items() if j == after.followed), None)
    if old_followed != after.followed and (old_followed is not None or old_choice is not None):
        now, was = _claim_text(after.claim), _claim_text(before.claim)
        detail = f"now follows the claim {now} (was {was})"
        found.append(RecordChange(ident, ChangeKind.FOLLOWED_SWITCHED, detail, was, now))
    return found


def _claim_changes(ident: str, before: Claim, after: Claim) -> list[RecordChange]:
    found: list[RecordChange] = []
    if before.date != after.date:
        was, now = str(before.date), str(after.date)
        what = _date_kind(before.date, after.date)
        label = "precision" if what is ChangeKind.PRECISION_CHANGED else "date"
        detail = f"{label} of the claim per {', '.join(sorted(claim_sources(after)))} changed from {was} to {now}"
        found.append(RecordChange(ident, what, detail, was, now))
    gone, new = sorted(claim_sources(before) - claim_sources(after)), sorted(claim_sources(after) - claim_sources(before))
    where = f"the claim of {after.date or 'no date'}"
    if gone and new:
        detail = f"{where} cites {', '.join(new)} instead of {', '.join(gone)}"
        found.append(RecordChange(ident, ChangeKind.SOURCE_REPLACED, detail, ", ".join(gone), ", ".join(new)))
    elif new:
        found.append(
            RecordChange(
                ident, ChangeKind.SOURCE_ADDED, f"{where} now also cites {', '.join(new)}", None, ", ".join(new)
            )
        )
    elif gone:
        detail = f"{where} no longer cites {', '.join(gone)}"
        found.append(RecordChange(ident, ChangeKind.SOURCE_REMOVED, detail, ", ".join(gone), None))
    return found


# ----------------------------------------------------------------- sources


def _field(source: Source, name: str) -> str | None:
    value = getattr(source, name)
    return None if value is None else str(value)


def _source_changes(
    before: Mapping[str, Source], after: Mapping[str, Source], events: Sequence[tuple[Event, Event]]
) -> list[RecordChange]:
    found: list[RecordChange] = []
    for ident in sorted(before.keys() & after.keys()):
        changed = [name for name in _SOURCE_FIELDS if _field(before[ident], name) != _field(after[ident], name)]
        if changed:
            parts = [
                f"{name} {_field(before[ident], name) or 'none'} -> {_field(after[ident], name) or 'none'}"
                if name not in ("title", "says")
                else name
                for name in changed
            ]
            found.append(
                RecordChange(ident, ChangeKind.SOURCE_AMENDED, f"amended: {'; '.join(parts)}", None, ", ".join(changed))
            )
    for ident in sorted(before.keys() - after.keys()):
        instead: dict[str, None] = {}
        for old, new in events:
            for i, j in match_claims(old.claims, new.claims):
                if i is not None and j is not None and old.claims[i].cites(ident):
                    instead.update(dict.fromkeys(sorted(claim_sources(new.claims[j]) - claim_sources(old.claims[i]))))
        if instead:
            detail = f"replaced by {', '.join(instead)} in the claims that cited it"
            found.append(RecordChange(ident, ChangeKind.SOURCE_REPLACED, detail, ident, ", ".join(instead)))
        else:
            found.append(RecordChange(ident, ChangeKind.SOURCE_REMOVED, f"removed: {before[ident].title}", ident, None))
    found += [
        RecordChange(
            ident, ChangeKind.SOURCE_ADDED, f"added: {after[ident].title} ({after[ident].publisher})", None, ident
        )
        for ident in sorted(after.keys() - before.keys())
    ]
    return found


def _roster_changes(before: Sequence[RosterClaim], after: Sequence[RosterClaim]) -> list[RecordChange]:
    def text(roster: RosterClaim) -> str:
        codes = ", ".join(sorted(state.alpha3 for state in roster.states))
        return f"{roster.body} {roster.status} on {roster.date} = {codes} per {roster.source.id}"

    old, new = {r.id: r for r in before}, {r.id: r for r in after}
    found: list[RecordChange] = []
    for ident in sorted(old.keys() | new.keys()):
        was, now = old.get(ident), new.get(ident)
        if was is not None and now is not None and text(was) == text(now):
            continue
        if was is not None and now is not None and text(attrs.evolve(was, date=now.date)) == text(now):
            what = _date_kind(was.date, now.date)
            found.append(
                RecordChange(
                    ident, what, f"roster date changed from {was.date} to {now.date}", str(was.date), str(now.date)
                )
            )
            continue
        if was is not None:
            found.append(
                RecordChange(ident, ChangeKind.CLAIM_WITHDRAWN, f"roster claim withdrawn: {text(was)}", text(was), None)
            )
        if now is not None:
            found.append(
                RecordChange(ident, ChangeKind.CLAIM_ADDED, f"roster claim added: {text(now)}", None, text(now))
            )
    return found


# -------------------------------------------------------------------- entry


def record_diff(before: Timeline, after: Timeline) -> RecordChanges:
    """The changes in the facts from one timeline to another: events added or
    removed, claims added or withdrawn, dates or precision changed, the followed
    claim switched, sources added, replaced, removed or amended, by record id.

    Both are usually releases of one record, but any two timelines compare.
    """
    old = {event.id: event for event in before.events()}
    new = {event.id: event for event in after.events()}
    found: list[RecordChange] = []
    for ident in sorted(old.keys() | new.keys()):
        if ident not in old:
            found.append(
                RecordChange(ident, ChangeKind.EVENT_ADDED, f"event added: {new[ident]}", None, str(new[ident].date))
            )
        elif ident not in new:
            found.append(
                RecordChange(
                    ident, ChangeKind.EVENT_REMOVED, f"event removed: {old[ident]}", str(old[ident].date), None
                )
            )
        else:
            found += _event_changes(old[ident], new[ident])
    both = [(old[ident], new[ident]) for ident in sorted(old.keys() & new.keys())]
    found += _source_changes(before.sources, after.sources, both)
    found += _roster_changes(before.rosters, after.rosters)
    return RecordChanges(found)


def record_changes(
    timeline: Timeline, since: object = None, until: object = None, *, releases: Releases | None = None
) -> RecordChanges:
    """What changed in the facts of the record from release ``since`` to
    release ``until`` (each a version, such as '0.1.0', or a date: the newest
    release made on or before it).

    ``until`` defaults to the timeline's own release, ``since`` to the release
    before ``until`` (so by default: what the timeline's release changed). A
    ``since`` later than ``until`` lists the changes backwards. Raises
    `UnknownReleaseError` for an unknown release, a date before the first
    release or a timeline with no releases.

    >>> import csto_timeline
    >>> record_changes(csto_timeline.load(), since="0.1.0", until="2026-11-29")
    <RecordChanges 0.1.0 -> 0.1.0: 0 changes>
    """
    index = releases if releases is not None else Releases.bundled()
    own = index.of(timeline)
    last = index.find(until) if until is not None else own
    before = index[max(index.versions.index(last.version) - 1, 0)]
    first = index.find(since) if since is not None else before
    found = record_diff(index.load(first), index.load(last)) if first != last else RecordChanges(())
    return RecordChanges(
        found, since=first.version, until=last.version, since_released=first.released, until_released=last.released
    )
