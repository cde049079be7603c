"""The words of membership claims: verbs of acts, list and count phrases, modifiers.

Each pattern is compiled once at import; the extractor (`_extract`) reads them.
"""

from __future__ import annotations

import re

from ._report import ClaimKind
from ._when import NUMBER

__all__ = [
    "AFTER_MEMBER",
    "ANAPHORA",
    "BEFORE_MEMBER",
    "COUNT_PATTERNS",
    "EVENT_RE",
    "FOREIGN_ORG",
    "GROUP_SEP",
    "INTENTION",
    "INTENTION_AFTER",
    "LIST_GAP",
    "LIST_TRIGGER",
    "NEGATION",
    "NONRENEWAL",
    "NUMBER_WORDS",
    "ORIGINALLY",
    "PARTICIPATION",
    "PAST_LIST",
    "PRESENT_BEFORE",
    "REQUEST",
    "SENTENCE_END",
    "SIGN_NOT_JOIN",
    "kind_of",
]

_ORGISH = r"(?:treaty|charter|pact|CST\b|CSTO|Collective Security Treaty|organi[sz]ation|bloc|alliance|it\b)"

# Verbs of acts, by claim kind. Order matters: the first group that matches wins.
_EVENTS: tuple[tuple[str, ClaimKind, str], ...] = (
    (
        "rejoin",
        ClaimKind.REJOINED,
        r"\bre-?join(?:ed|s|ing)?\b|\bre-?enter(?:ed|s)?\b|\breturn(?:ed|s|ing)?\b(?!\s+of)",
    ),
    ("comeback", ClaimKind.REJOINED, r"\bc(?:a|o)me back\b"),
    (
        "restore",
        ClaimKind.REJOINED,
        r"\brestor(?:ed|es|ing|ation)\b[^.;]{0,60}?\bmembership\b|\bre-?establish(?:ed|es|ing)?\s+(?:its\s+|their\s+)?membership\b|\bresum(?:ed|es|ing)\s+(?:its\s+)?membership\b",
    ),
    (
        "nonrenew",
        ClaimKind.LEFT,
        r"\b(?:refus(?:ed|ing|es)|declin(?:ed|ing|es)|decided not|did not|didn[\u2019']t|chose not|failed|not)\s+(?:to\s+)?(?:prolong|renew|extend)\b",
    ),
    ("former", ClaimKind.LEFT, r"\b(?:former|ex-)\s*members?\b"),
    (
        "leave",
        ClaimKind.LEFT,
        r"\bwithdr(?:ew|aw|awn|aws|awing|awal)\b|\bleft\b|\bleav(?:e|es|ing)\b|\bquit(?:s|ting)?\b|\bexit(?:ed|s|ing)?\b|\bpull(?:ed|s|ing)? out\b|\bdrop(?:ped|s)? out\b|\bno longer (?:a )?members?\b",
    ),
    ("suspend", ClaimKind.SUSPENDED, r"\bsuspen(?:d|ded|ds|ding|sion)\b"),
    ("freeze", ClaimKind.FROZEN, r"\bfr(?:oze|ozen|eeze|eezes|eezing)\b"),
    (
        "become",
        ClaimKind.JOINED,
        r"\bbec(?:ame|omes|ome|oming)\s+(?:a\s+)?(?:full(?:-fledged)?\s+|founding\s+)?(?:member|participant|party)\b",
    ),
    (
        "founding",
        ClaimKind.JOINED,
        r"\bamong the (?:founding|original) (?:countries|members|states|signatories)\b|\bfounding (?:member|state|countr)",
    ),
    (
        "join",
        ClaimKind.JOINED,
        r"\bjoin(?:ed|s|ing)?\b(?!\s+(?:efforts|forces|exercises|drills|talks|statement|the talks))|\bc(?:a|o)me on board\b|\bacce(?:ded|des|de|ssion)\b",
    ),
    ("sign", ClaimKind.JOINED, r"\bsign(?:ed|s|ing)?\b"),
    (
        "effect",
        ClaimKind.FOUNDED,
        r"\b(?:came|went|entered|come|enter|took|take|taken|comes|goes|go)\s+(?:into\s+)?(?:effect|force)\b",
    ),
    (
        "since",
        ClaimKind.FOUNDED,
        r"\bsince its (?:establishment|creation|founding|inception|foundation)\b|\byears of its existence\b",
    ),
    (
        "found",
        ClaimKind.FOUNDED,
        r"\b(?:founded|established|created|set up|formed|launched)\b(?!\s+(?:a|an|its|the)\b)|\bagreed to create\b|\bto create the\b|\bgiven the form of an international organi[sz]ation\b",
    ),
    ("observer", ClaimKind.OBSERVER, r"\bobservers?\b(?:\s+status)?|\bstatus of (?:an\s+)?observers?\b"),
)
EVENT_RE = re.compile(
    "(?<!\\w)(?=\\w)(?:" + "|".join(f"(?P<{name}>{pattern})" for name, _kind, pattern in _EVENTS) + ")", re.IGNORECASE
)
_KINDS = {name: kind for name, kind, _pattern in _EVENTS}


def kind_of(group: str) -> ClaimKind:
    """The claim kind of a named group of `EVENT_RE`.

    >>> kind_of("nonrenew")
    ClaimKind.LEFT
    """
    return _KINDS[group]


# "signed" is a joining only for a treaty or charter, or a passive "was signed ... by".
SIGN_NOT_JOIN = re.compile(
    r"\s+(?:a|an|the)?\s*(?:protocol|declaration|document|agreement|package|statement|decision|memorandum|deal|contract|law|decree)s?\b",
    re.IGNORECASE,
)
SIGN_TREATY = re.compile(
    rf"^[^.;]{{0,40}}?{_ORGISH}|^\s*(?:on|in)\s|^\s*(?:January|February|March|April|May|June|July|August|September|October|November|December)\b",
    re.IGNORECASE,
)
INTENTION_AFTER = re.compile(
    r"^[^.;]{0,60}?\b(?:is not off the table|is possible|is being considered|would|could|if)\b", re.IGNORECASE
)

# A foreign organization right after a verb: "withdrew from GUAM", "became a member of the ICC".
FOREIGN_ORG = re.compile(
    r"^[^.;]{0,40}?\b(?:GUAM|NATO|the ICC|International Criminal Court|European Union|the EU\b|EurAsEC|Eurasian Economic|"
    r"Shanghai Cooperation|the SCO\b|United Nations|the UN\b|WTO|OSCE|Council of Europe|Warsaw Pact|Commonwealth of Independent States|the CIS\b(?! Collective))",
)

# Modifiers read in the words before a verb.
INTENTION = re.compile(
    r"\b(?:will|would|shall|'ll|intends?|intention|intending|plans?|planning|decided|decision|decide|wants?|wanted|wish(?:es)?|"
    r"(?-i:may)|might|could|threaten(?:ed|s)?|consider(?:ing|s)?|if|whether|possible|possibility|rumou?rs?|speculation|not off the table|ready to|prepared to|about to|due to)\b[^.;]{0,40}$",
    re.IGNORECASE,
)
REQUEST = re.compile(
    r"\b(?:request(?:ed|s|ing)?|asked|appl(?:ied|ies)|sent a note|a note|announced|announces|announcement|declaring|declared)\b[^.;]{0,50}$",
    re.IGNORECASE,
)
NEGATION = re.compile(
    r"\b(?:never|did not|didn[\u2019']t|has not|have not|had not|hasn[\u2019']t|haven[\u2019']t|was not|were not|not)\s+(?:\w+\s+)?$",
    re.IGNORECASE,
)
PRESENT_BEFORE = re.compile(
    r"\b(?:has|have|is|are|'s)\s+(?:(?:officially|already|now|formally|effectively|de facto|basically|in practice|just|also)\s+){0,2}$",
    re.IGNORECASE,
)
NONRENEWAL = re.compile(
    r"refus\w*\s+to\s+(?:prolong|renew|extend)|not\s+to\s+(?:extend|renew|prolong)|did not\s+(?:renew|extend|prolong)|non-renewal|declin\w*\s+to\s+(?:renew|extend|prolong)|not renew",
    re.IGNORECASE,
)
PARTICIPATION = re.compile(
    r"^[^.;]{0,50}?\b(?:participation|involvement|activit(?:y|ies)|work|engagement|cooperation)\b", re.IGNORECASE
)
MEMBERSHIP = re.compile(r"^[^.;]{0,50}?\bmembership\b", re.IGNORECASE)

# A subject pronoun or description standing for a state named before.
ANAPHORA = re.compile(
    r"\b(?:it|its|the country|his country|her country|the latter|the republic|the Central Asian (?:state|country|republic|nation)|they)\b[^.;,]{0,40}$",
    re.IGNORECASE,
)

# Between two state names of one list.
GROUP_SEP = re.compile(
    r"^(?:[\u2019']s\b|\s*\[note \d+\]\s*|\s*\([^)]{0,40}\)\s*|[\s,;]|&|and\b|as well as\b|plus\b|the\b|"
    r"and\s+(?:the\s+)?(?:[\w-]+\s+){0,5}(?:nations|states|republics|countries)\s+of\b)*$",
    re.IGNORECASE,
)

# Words before a list of states that make it a membership claim: (pattern, whole membership?).
LIST_TRIGGER: tuple[tuple[re.Pattern[str], bool], ...] = (
    (
        re.compile(
            r"\b(?:other|fellow)\s+members?\s+(?:are|were|include)\b|\bmembers such as\b|\bamong (?:its|the) members\b",
            re.IGNORECASE,
        ),
        False,
    ),
    (re.compile(r"\b(?:also\s+)?(?:includes|include|included|including)\b", re.IGNORECASE), False),
    (
        re.compile(
            r"\b(?:consists? of|consisting of|consisted of|comprises|comprise|comprising|comprised of|composed of|made up of|"
            r"groups(?: together)?|grouping(?: together)?|grouped|brings together|bringing together|unites|uniting|they are|"
            r"members?(?:[- ](?:states|countries|nations))?(?: henceforth| now| currently| today)? (?:are|were))\b"
            r"|\bmembers?\b[^.:;]{0,40}:|\b(?:states|countries|nations|republics)\s*:",
            re.IGNORECASE,
        ),
        True,
    ),
)
# What may stand between a list trigger and the list: "the six former Soviet republics of".
LIST_GAP = re.compile(
    rf"^(?:[\s,:\u2013\u2014-]|\bthe\b|\bits\b|\bsome of\b|\bof\b|\ball\b|\bonly\b|\bsuch as\b|\bnow\b|\bcurrently\b|\balso\b|"
    rf"\b{NUMBER}\b|\bformer\b|\bpost\b|\bex\b|\bSoviet\b|\bCentral\b|\bAsian\b|\bmember\b|\bfounding\b|\bsignatories\b|"
    r"\bstates\b|\bcountries\b|\bnations\b|\brepublics\b|\bmembers\b|\bsix\b)*$",
    re.IGNORECASE,
)
PAST_LIST = re.compile(r"\b(?:consisted|comprised(?! of)|included|grouped|were|was made up)\b", re.IGNORECASE)
ORIGINALLY = re.compile(
    r"\b(?:originally|initially|at (?:its|the) (?:founding|creation|start|outset))\b", re.IGNORECASE
)

# Words right before a single state that make it a member: "fellow member Tajikistan".
BEFORE_MEMBER = re.compile(
    r"(?<!former )(?<!ex-)\b(?:fellow\s+)?members?(?:[- ](?:states?|countr(?:y|ies)|nations?))?\s*,?\s*$", re.IGNORECASE
)
# Words right after a state that make it a member: "Armenia, a member state", "Armenia remains a member".
AFTER_MEMBER = re.compile(
    r"^\s*(?:,\s*(?:a|one of (?:the\s+)?(?:\w+\s+)?)\s*(?:founding\s+|full\s+)?member\b|"
    r"\s(?:remains?|is|are|was|were)\s+(?:still\s+|also\s+|now\s+)?(?:a\s+|the\s+)?(?:full\s+|founding\s+)?members?\b)",
    re.IGNORECASE,
)

NUMBER_WORDS = NUMBER
_SOVIET = r"(?:(?:post|former|ex)[- ]Soviet\s+|former\s+Soviet\s+|member\s+|founding\s+|Central Asian\s+|Eurasian\s+)*"
COUNT_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(
        rf"\b(?P<n>{NUMBER})[-\s](?:member|nation|country|state)s?\b,?\s+(?:[\w-]+,?\s+){{0,3}}?"
        r"(?:bloc|alliance|pact|grouping|group|organi[sz]ation|club|CSTO|treaty)\b",
        re.IGNORECASE,
    ),
    re.compile(
        r"\b(?:of|groups?|grouping|comprises|comprising|comprised of|consists of|consisting of|made up of|includes|including|"
        rf"include|unites|uniting|brings together|composed of)\s+(?:only\s+|the\s+|its\s+|just\s+)*(?P<n>{NUMBER})\s+{_SOVIET}"
        r"(?:states|countries|nations|republics|members)\b(?!\s+of\s+the)",
        re.IGNORECASE,
    ),
    re.compile(
        rf"\b(?P<n>{NUMBER})\s+(?:member\s+)?(?:states|countries|nations)\s+are\s+(?:members\s+of|in)\b", re.IGNORECASE
    ),
)
SENTENCE_END = re.compile(r"(?<=[.!?])[\"”\u2019)\]]*\s+(?=[\"“(\[]?[A-Z0-9])|\n\s*")
