"""Finding organizations by name (igoR's ``igo_search``) and naming the
organizations a state belongs to (`organizations_named`).
"""

from __future__ import annotations

from typing import NamedTuple

from ._enums import Status
from ._names import similarity
from ._states import State
from ._timeline import Timeline

__all__ = ["OrgMatch", "OrgName", "organizations_named", "search_orgs"]

#: The most matches `search_orgs` returns unless told otherwise.
SEARCH_LIMIT = 10


class OrgMatch(NamedTuple):
    """A body or view whose id, name or an alias matches a search: ``score`` (0 to 1)
    and the name that matched best (``matched``).
    """

    id: str
    name: str
    score: float
    matched: str


class OrgName(NamedTuple):
    """A body's id and name."""

    id: str
    name: str


def search_orgs(
    timeline: Timeline, text: str, *, limit: int = SEARCH_LIMIT, cutoff: float = 0.5
) -> tuple[OrgMatch, ...]:
    """The bodies and views whose id, name or aliases match ``text``, best first
    (fuzzy: different spellings, word order and abbreviations within an alias
    still match), each with a score from 0 to 1; at most ``limit``, each
    scoring at least ``cutoff``.

    >>> import csto_timeline
    >>> tl = csto_timeline.load()
    >>> [(match.id, round(match.score, 2)) for match in search_orgs(tl, "parliamentary assembly")]
    [('CSTO-PA', 0.9)]
    """
    if not isinstance(text, str):
        msg = f"search_orgs takes a text to look for, not {text!r} ({type(text).__name__})"
        raise TypeError(msg)
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
        msg = f"limit={limit!r} is not a number of matches; give a positive integer"
        raise TypeError(msg)
    candidates: list[tuple[str, str, tuple[str, ...]]] = [
        (key, body.name, (key, body.name, *body.aliases)) for key, body in timeline.bodies.items()
    ]
    candidates += [(key, view.name, (key, view.name)) for key, view in timeline.views.items()]
    found = []
    for key, name, names in candidates:
        score, matched = max((similarity(text, each), each) for each in names)
        if score >= cutoff:
            found.append(OrgMatch(key, name, score, matched))
    found.sort(key=lambda match: (-match.score, match.id))
    return tuple(found[:limit])


def organizations_named(
    timeline: Timeline, state: State | str, date: object, *, status: Status | str = Status.MEMBER
) -> tuple[OrgName, ...]:
    """`Timeline.organizations_of` with each body's name: (id, name) pairs.

    >>> import csto_timeline
    >>> for org in organizations_named(csto_timeline.load(), "ARM", "2010-01-01"):
    ...     print(org.id, "-", org.name)
    CST - Collective Security Treaty (Tashkent, 15 May 1992)
    CSTO - Collective Security Treaty Organization
    CSTO-PA - Parliamentary Assembly of the Collective Security Treaty Organization
    """
    bodies = timeline.bodies
    return tuple(
        OrgName(key, bodies[key].name if key in bodies else timeline.views[key].name)
        for key in timeline.organizations_of(state, date, status=status)
    )
