"""Matching the claims of one event across two releases: claims carry no ids of their own."""

from __future__ import annotations

from collections.abc import Sequence

from ._records import Claim

__all__ = ["claim_sources", "match_claims", "same_kind"]


def claim_sources(claim: Claim) -> frozenset[str]:
    """The ids of the sources a claim cites."""
    return frozenset(source.id for source in claim.sources)


def same_kind(a: Claim, b: Claim) -> bool:
    """True when two claims describe the act as the same kind, and agree that it happened."""
    return a.kind is b.kind and a.occurred == b.occurred


def match_claims(before: Sequence[Claim], after: Sequence[Claim]) -> list[tuple[int | None, int | None]]:
    """Pairs of positions of the same claim in two versions of an event (None
    on the side where it is missing): identical claims first, then the claim of
    the same kind citing most of the same sources, then the one with the same
    date, then the one left of the same kind when one is left on each side.

    >>> from csto_timeline import Citation, PartialDate, Source
    >>> s = Source.of("s", "t", publisher="p", says="x", url="https://example.org")
    >>> old = [Claim(PartialDate(2006), (Citation(s),))]
    >>> match_claims(old, [Claim(PartialDate(2006, 6), (Citation(s),))])
    [(0, 0)]
    """
    pairs: list[tuple[int | None, int | None]] = []
    left_b = list(range(len(before)))
    left_a = list(range(len(after)))

    def pair(tests: Sequence[tuple[int, int]]) -> None:
        for i, j in tests:
            if i in left_b and j in left_a:
                pairs.append((i, j))
                left_b.remove(i)
                left_a.remove(j)

    def key(claim: Claim) -> tuple[object, ...]:
        return (claim.date, claim.kind, claim.occurred, claim_sources(claim))

    pair([(i, j) for i in left_b for j in left_a if key(before[i]) == key(after[j])])
    overlaps = [
        (len(claim_sources(before[i]) & claim_sources(after[j])), i, j)
        for i in left_b
        for j in left_a
        if same_kind(before[i], after[j]) and claim_sources(before[i]) & claim_sources(after[j])
    ]
    pair([(i, j) for _, i, j in sorted(overlaps, key=lambda t: (-t[0], t[1], t[2]))])
    pair(
        [(i, j) for i in left_b for j in left_a if same_kind(before[i], after[j]) and before[i].date == after[j].date]
    )
    for i in list(left_b):
        kin_b = [k for k in left_b if same_kind(before[k], before[i])]
        kin_a = [k for k in left_a if same_kind(after[k], before[i])]
        if len(kin_b) == 1 and len(kin_a) == 1:
            pair([(i, kin_a[0])])
    pairs += [(i, None) for i in left_b]
    pairs += [(None, j) for j in left_a]
    return sorted(pairs, key=lambda p: (p[1] if p[1] is not None else len(after), p[0] or 0))
