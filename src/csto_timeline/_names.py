"""Close matches for organization names, for "did you mean" messages and search.

Only `normalize_name` and `difflib` are used, so the engine's error path can
call `suggest_orgs` as well as the search extra (`search_orgs`).
"""

from __future__ import annotations

from collections.abc import Iterable

from ._states import normalize_name

__all__ = ["similarity", "suggest_orgs"]


def similarity(text: str, name: str) -> float:
    """How well ``text`` matches ``name``, from 0 to 1, after `normalize_name`:
    1 for the same name, 0.9 for a name holding the text as whole words,
    otherwise the larger of difflib's ratio and the share of the text's words
    the name holds.

    >>> similarity("Shanghai Cooperation Organization", "Shanghai Cooperation Organisation") > 0.9
    True
    >>> similarity("nato", "NATO"), similarity("Rhine", "Central Commission for the Navigation of the Rhine")
    (1.0, 0.9)
    """
    wanted, candidate = normalize_name(text), normalize_name(name)
    if not wanted or not candidate:
        return 0.0
    if wanted == candidate:
        return 1.0
    if f" {wanted} " in f" {candidate} ":
        return 0.9
    import difflib  # noqa: PLC0415 - only after a miss or for a search; 1.5 ms of every start otherwise

    words = wanted.split()
    shared = sum(word in candidate.split() for word in words) / len(words)
    return max(difflib.SequenceMatcher(None, wanted, candidate).ratio(), 0.85 * shared)


def suggest_orgs(names: Iterable[str], text: str, *, limit: int = 3, cutoff: float = 0.75) -> tuple[str, ...]:
    """The names (ids, names or aliases of organizations) closest to ``text``,
    best first, at most ``limit`` of them, each at least ``cutoff`` similar
    (see `similarity`); empty when none is close.

    >>> suggest_orgs(["SCO", "Shanghai Cooperation Organisation", "CIS"], "Shanghai Cooperation Organization")
    ('Shanghai Cooperation Organisation',)
    >>> suggest_orgs(["NATO", "CSTO"], "Warsaw Pact")
    ()
    """
    if not isinstance(text, str):
        msg = f"suggest_orgs takes the name to match as a str, not {text!r} ({type(text).__name__})"
        raise TypeError(msg)
    scored = sorted(
        {(similarity(text, name), name) for name in names if isinstance(name, str)},
        key=lambda item: (-item[0], item[1]),
    )
    return tuple(name for score, name in scored[:limit] if score >= cutoff)
