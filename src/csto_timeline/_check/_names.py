"""Finding states and the organization in English text.

States are found by the names and aliases of the timeline's state registry, plus common
English variants; adjectives ("the Kazakh president") are not state mentions. A capital city
("Tashkent refused to prolong") is kept as a *metonym*, which only an act's subject may use.
"""

from __future__ import annotations

import functools
import re

import attrs

from csto_timeline._states import State, StateRegistry

__all__ = ["Mention", "OrgMention", "find_adjectives", "find_orgs", "find_states"]

# English spellings news and encyclopedias use that a registry may lack, by alpha-3 code.
_VARIANTS: dict[str, tuple[str, ...]] = {
    "KGZ": ("Kirghizstan", "Kyrghyzstan", "Kirghizia", "Kirgizia", "Kyrgyz Republic"),
    "BLR": ("Byelorussia", "Belorussia", "White Russia", "Bielorussia"),
    "TJK": ("Tadjikistan", "Tadzhikistan"),
    "KAZ": ("Kazakstan",),
    "MDA": ("Moldavia",),
    "TKM": ("Turkmenia",),
    "RUS": ("Russian Federation",),
}
# Capitals used for their state's government.
_CAPITALS: dict[str, tuple[str, ...]] = {
    "ARM": ("Yerevan",),
    "BLR": ("Minsk",),
    "KAZ": ("Astana", "Nur-Sultan"),
    "KGZ": ("Bishkek",),
    "TJK": ("Dushanbe",),
    "UZB": ("Tashkent",),
    "AZE": ("Baku",),
    "GEO": ("Tbilisi",),
    "RUS": ("Moscow", "the Kremlin"),
}
# A name followed by these is not a mention of the state as an actor or member.
_NOT_AFTER = re.compile(
    r"[-\u2010\u2011 ]?(?:led|dominated|backed|based|centred|centered)\b|\s+(?:Treaty|Pact|summit|Summit|meeting|session)\b"
)
_UNION_STATE = re.compile(r"Union State of Russia and Belarus|Union State", re.IGNORECASE)


@attrs.frozen
class Mention:
    """A state named in the text, at ``start``-``end``."""

    state: State
    start: int
    end: int
    metonym: bool = False


@attrs.frozen
class OrgMention:
    """The organization or treaty named in the text.

    ``body`` is 'CST' (the treaty), 'CST?' ("the treaty"), 'CSTO' (the organization), 'CSTO-PA'
    (its Parliamentary Assembly), or None for a generic word ("the bloc", "the alliance") that names the
    organization only when the text has named it elsewhere.
    """

    start: int
    end: int
    body: str | None


def _alternation(names: list[str]) -> str:
    escaped = sorted({re.escape(name) for name in names if name}, key=len, reverse=True)
    return "|".join(escaped)


@functools.lru_cache(maxsize=8)
def _state_pattern(registry: StateRegistry) -> tuple[re.Pattern[str], dict[str, tuple[State, bool]]]:
    table: dict[str, tuple[State, bool]] = {}
    for state in registry:
        names = [state.name, *state.aliases, *_VARIANTS.get(state.alpha3, ())]
        for name in names:
            if len(name) > 3 and not name.endswith(" SSR") and not name.endswith(" SFSR"):
                table[name.casefold()] = (state, False)
        for capital in _CAPITALS.get(state.alpha3, ()):
            table[capital.casefold()] = (state, True)
    pattern = re.compile(r"(?<![\w-])(?:" + _alternation(list(table)) + r")(?![\w])", re.IGNORECASE)
    return pattern, table


def find_states(text: str, registry: StateRegistry) -> list[Mention]:
    """Every state named in ``text``, in order.

    >>> import csto_timeline
    >>> registry = csto_timeline.load().states
    >>> [(m.state.alpha3, m.metonym) for m in find_states("Kirgizia, Byelorussia and the Kazakh president; Tashkent quit", registry)]
    [('KGZ', False), ('BLR', False), ('UZB', True)]
    >>> find_states("the Russia-led bloc and the Union State of Russia and Belarus", registry)
    []
    """
    pattern, table = _state_pattern(registry)
    excluded = [(match.start(), match.end()) for match in _UNION_STATE.finditer(text)]
    found: list[Mention] = []
    for match in pattern.finditer(text):
        if any(start <= match.start() < end for start, end in excluded):
            continue
        if _NOT_AFTER.match(text, match.end()):
            continue
        state, metonym = table[match.group(0).casefold()]
        if metonym and match.group(0)[0].islower():
            continue
        found.append(Mention(state, match.start(), match.end(), metonym))
    return found


_ADJECTIVES: dict[str, tuple[str, ...]] = {
    "ARM": ("Armenian",),
    "BLR": ("Belarusian", "Belarussian", "Byelorussian", "Belorussian"),
    "KAZ": ("Kazakh", "Kazakhstani"),
    "KGZ": ("Kyrgyz", "Kirghiz", "Kyrgyzstani"),
    "RUS": ("Russian",),
    "TJK": ("Tajik", "Tajikistani"),
    "UZB": ("Uzbek", "Uzbekistani"),
    "AZE": ("Azerbaijani", "Azeri"),
    "GEO": ("Georgian",),
    "TKM": ("Turkmen",),
    "UKR": ("Ukrainian",),
    "MDA": ("Moldovan",),
}
_ADJECTIVE_RE = re.compile(
    r"\b(?:"
    + "|".join(name for names in _ADJECTIVES.values() for name in names)
    + r")\s+(?:government|authorities|leadership|side|Foreign Ministry|president|leader|parliament|Senate)\b"
)
_ADJECTIVE_CODE = {name: code for code, names in _ADJECTIVES.items() for name in names}


def find_adjectives(text: str, registry: StateRegistry) -> list[Mention]:
    """States named by an adjective before a word for their government ("the Uzbek Foreign Ministry").

    These are never membership claims; they only tell which state "the country" means.

    >>> import csto_timeline
    >>> [m.state.alpha3 for m in find_adjectives("The Uzbek Foreign Ministry said", csto_timeline.load().states)]
    ['UZB']
    """
    found: list[Mention] = []
    for match in _ADJECTIVE_RE.finditer(text):
        state = registry.get(_ADJECTIVE_CODE[match.group(0).split()[0]])
        if state is not None:
            found.append(Mention(state, match.start(), match.end(), metonym=True))
    return found


_ORG_PATTERNS: tuple[tuple[str, str | None], ...] = (
    (r"(?:CSTO|ODKB|ОДКБ|OSKB)\s+(?:PA\b|Parliamentary Assembly)", "CSTO-PA"),
    (r"Parliamentary Assembly of the (?:CSTO|Collective Security Treaty Organi[sz]ation)", "CSTO-PA"),
    (r"\b(?:CSTO|CTSO|ODKB|ОДКБ|OSKB)\b", "CSTO"),
    (r"Collective Security Treaty Organi[sz]ation|Organi[sz]ation of the Collective Security Treaty", "CSTO"),
    (r"(?:CIS[- ])?Collective Security Treaty(?! Organi)|Tashkent (?:Treaty|Pact)|\bCST\b", "CST"),
    (
        (
            r"(?:Moscow|Russia|Russian|Kremlin)[-\u2010\u2011 ]*(?:led|dominated|backed|controlled)\s+"
            r"(?:[\w-]+\s+){0,3}?(?:bloc|alliance|pact|grouping|group|organi[sz]ation|club|union)"
        ),
        "CSTO",
    ),
    (
        (
            r"\b(?i:the|this|its|that)\s+(?:[a-z][\w-]*\s+){0,3}?"
            r"(?i:bloc|alliance|pact|grouping|group|organi[sz]ation|club|treaty|union|defen[cs]e mechanism)\b"
        ),
        None,
    ),
)
_ORG_RE = re.compile("|".join(f"(?P<g{index}>{pattern})" for index, (pattern, _body) in enumerate(_ORG_PATTERNS)))


def find_orgs(text: str) -> list[OrgMention]:
    """Every name of the organization, the treaty or a generic stand-in, in order.

    >>> text = "ODKB, the Moscow-led bloc, the Collective Security Treaty Organisation"
    >>> [(text[m.start:m.end], m.body) for m in find_orgs(text)]
    [('ODKB', 'CSTO'), ('Moscow-led bloc', 'CSTO'), ('Collective Security Treaty Organisation', 'CSTO')]
    """
    found: list[OrgMention] = []
    for match in _ORG_RE.finditer(text):
        group = match.lastgroup
        if group is None:
            continue
        body = _ORG_PATTERNS[int(group[1:])][1]
        if body is None and re.search(r"\btreaty\b", match.group(0), re.IGNORECASE):
            body = "CST?"
        found.append(OrgMention(match.start(), match.end(), body))
    return found
