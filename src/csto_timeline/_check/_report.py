"""The claim checker's report: claim kinds, verdicts, checked claims and their displays."""

from __future__ import annotations

import enum
import html
from collections.abc import Iterator
from typing import Self

import attrs

from csto_timeline._dates import PartialDate
from csto_timeline._states import State

__all__ = ["About", "CheckReport", "CheckedClaim", "ClaimKind", "Verdict"]

#: What a claim is about: a date at the precision the text gives, a period (first, last), or
#: None when the text gives no time and none can be inferred.
About = PartialDate | tuple[PartialDate, PartialDate] | None


class ClaimKind(enum.StrEnum):
    """What a membership claim says."""

    MEMBER_LIST = "member_list"
    MEMBER_COUNT = "member_count"
    JOINED = "joined"
    LEFT = "left"
    REJOINED = "rejoined"
    SUSPENDED = "suspended"
    FROZEN = "frozen"
    FOUNDED = "founded"
    OBSERVER = "observer"

    def __repr__(self) -> str:
        return f"ClaimKind.{self.name}"


class Verdict(enum.StrEnum):
    """How a claim compares with the record (defined in docs/check.md).

    ``TRUE``: the record agrees; ``FALSE``: it contradicts the record; ``PARTLY``: right in
    substance, wrong in one detail; ``UNDECIDABLE``: the record or the text cannot settle it.
    """

    TRUE = "true"
    FALSE = "false"
    PARTLY = "partly"
    UNDECIDABLE = "undecidable"

    def __repr__(self) -> str:
        return f"Verdict.{self.name}"

    @property
    def label(self) -> str:
        """A label for people: 'True', 'False', 'Partly true', 'Undecidable'."""
        return _LABELS[self]


_LABELS = {
    Verdict.TRUE: "True",
    Verdict.FALSE: "False",
    Verdict.PARTLY: "Partly true",
    Verdict.UNDECIDABLE: "Undecidable",
}
_COLOURS = {
    Verdict.TRUE: "#d4edda",
    Verdict.FALSE: "#f8d7da",
    Verdict.PARTLY: "#fff3cd",
    Verdict.UNDECIDABLE: "#e2e3e5",
}


def about_text(about: About) -> str | None:
    """The date or period a claim concerns, as text ('2012', '2006-06-23/2012-12-18').

    >>> about_text((PartialDate.of(2006), PartialDate.of(2012))), about_text(None)
    ('2006/2012', None)
    """
    if about is None:
        return None
    if isinstance(about, PartialDate):
        return str(about)
    return f"{about[0]}/{about[1]}"


@attrs.frozen
class CheckedClaim:
    """One membership claim found in a text, with its verdict.

    ``start`` and ``end`` are character offsets of ``quote`` in the text (``text[start:end]``);
    ``whole`` is True for a list presented as the whole membership; ``count`` is the number a
    count claim gives; ``negated`` marks a claim that something did not happen ("never signed").
    ``events`` and ``sources`` are the ids of the record's events and sources behind the verdict.
    """

    kind: ClaimKind
    states: tuple[State, ...]
    quote: str
    start: int
    end: int
    about: About
    verdict: Verdict
    why: str
    events: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    whole: bool = False
    count: int | None = None
    negated: bool = False

    @property
    def codes(self) -> tuple[str, ...]:
        """The alpha-3 codes of the states, in text order."""
        return tuple(state.alpha3 for state in self.states)

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready dictionary."""
        return {
            "kind": self.kind.value,
            "states": list(self.codes),
            "quote": self.quote,
            "start": self.start,
            "end": self.end,
            "about": about_text(self.about),
            "verdict": self.verdict.value,
            "why": self.why,
            "events": list(self.events),
            "sources": list(self.sources),
            "whole": self.whole,
            "count": self.count,
            "negated": self.negated,
        }

    def __repr__(self) -> str:
        states = ",".join(self.codes) or "-"
        return f"<CheckedClaim {self.kind.value} {states} {about_text(self.about) or 'undated'}: {self.verdict.value}>"


@attrs.frozen
class CheckReport:
    """The claims found in a text, in text order, each judged against a timeline.

    ``timeline`` names the record used (its title and ``as_of`` date).
    """

    text: str
    published: PartialDate
    items: tuple[CheckedClaim, ...]
    timeline: str
    as_of: PartialDate | None = None

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[CheckedClaim]:
        return iter(self.items)

    def __getitem__(self, index: int) -> CheckedClaim:
        return self.items[index]

    def with_items(self, items: tuple[CheckedClaim, ...]) -> Self:
        """The same report holding other items."""
        return attrs.evolve(self, items=items)

    def counts(self) -> dict[str, int]:
        """How many claims got each verdict."""
        return {verdict.value: sum(item.verdict is verdict for item in self.items) for verdict in Verdict}

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready dictionary."""
        return {
            "published": str(self.published),
            "timeline": self.timeline,
            "as_of": None if self.as_of is None else str(self.as_of),
            "counts": self.counts(),
            "claims": [item.to_dict() for item in self.items],
        }

    def __repr__(self) -> str:
        counts = ", ".join(f"{value} {name}" for name, value in self.counts().items() if value)
        return f"<CheckReport published {self.published}: {len(self.items)} claims ({counts or 'none'})>"

    def __str__(self) -> str:
        lines = [repr(self)]
        for item in self.items:
            states = ", ".join(item.codes) or "-"
            lines.append(f"- [{item.verdict.label}] {item.kind.value} ({states}) {item.quote!r}")
            lines.append(f"  {item.why}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        parts: list[str] = []
        position = 0
        for number, item in enumerate(self.items, 1):
            if item.start < position:  # overlapping claims: mark only the first
                continue
            parts.append(html.escape(self.text[position : item.start]))
            colour = _COLOURS[item.verdict]
            title = html.escape(f"{item.verdict.label}: {item.why}", quote=True)
            parts.append(
                f'<mark style="background:{colour}" title="{title}">{html.escape(item.quote)}'
                f"<sup>[{number}: {item.verdict.label}]</sup></mark>"
            )
            position = item.end
        parts.append(html.escape(self.text[position:]))
        rows = "".join(
            f"<tr><td>{number}</td><td>{item.kind.value}</td><td>{html.escape(', '.join(item.codes))}</td>"
            f"<td>{html.escape(about_text(item.about) or '')}</td>"
            f'<td style="background:{_COLOURS[item.verdict]}">{item.verdict.label}</td>'
            f"<td>{html.escape(item.why)}</td></tr>"
            for number, item in enumerate(self.items, 1)
        )
        return (
            f"<div><p><b>{len(self.items)} membership claims</b> (published {self.published}; "
            f"record: {html.escape(self.timeline)})</p>"
            f'<p style="white-space:pre-wrap">{"".join(parts)}</p>'
            "<table><tr><th>#</th><th>kind</th><th>states</th><th>about</th><th>verdict</th><th>why</th></tr>"
            f"{rows}</table></div>"
        )
