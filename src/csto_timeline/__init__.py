"""csto_timeline: who was a member of the CST/CSTO (or any organization) on a
date, and how we know.

>>> import csto_timeline
>>> tl = csto_timeline.load()
>>> tl.status_of("Uzbekistan", "2010-06-01")
Status.MEMBER
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from ._compare import Disagreement, compare
from ._cow import COW_SOURCE, CowRow, code_of, cow_state, read_cow, to_cow
from ._dates import Boundary, PartialDate, Precision, to_partial_date
from ._enums import EventKind, Status, Track
from ._loading import load, validate
from ._panel import PanelRow, to_panel
from ._records import (
    Body,
    Citation,
    Claim,
    DatasetInfo,
    Event,
    MembershipRecord,
    RosterClaim,
    Source,
    Spell,
    View,
)
from ._results import Change, Decision, Explanation, History, JointSpell, MemberSet, Memberships
from ._rules import RULES, Rule
from ._states import State, StateRegistry
from ._timeline import Timeline
from .exceptions import (
    AmbiguousDateError,
    DataError,
    DateError,
    OutsideCoverageError,
    TimelineError,
    UncertainStatusError,
    UnknownBodyError,
    UnknownEventError,
    UnknownSourceError,
    UnknownStateError,
    VocabularyError,
)

try:
    __version__ = version("csto_timeline")
except PackageNotFoundError:  # pragma: no cover - running from a bare source tree
    __version__ = "0+unknown"

__all__ = [
    "COW_SOURCE",
    "RULES",
    "AmbiguousDateError",
    "Body",
    "Boundary",
    "Change",
    "Citation",
    "Claim",
    "CowRow",
    "DataError",
    "DatasetInfo",
    "DateError",
    "Decision",
    "Disagreement",
    "Event",
    "EventKind",
    "Explanation",
    "History",
    "JointSpell",
    "MemberSet",
    "MembershipRecord",
    "Memberships",
    "OutsideCoverageError",
    "PanelRow",
    "PartialDate",
    "Precision",
    "RosterClaim",
    "Rule",
    "Source",
    "Spell",
    "State",
    "StateRegistry",
    "Status",
    "Timeline",
    "TimelineError",
    "Track",
    "UncertainStatusError",
    "UnknownBodyError",
    "UnknownEventError",
    "UnknownSourceError",
    "UnknownStateError",
    "View",
    "VocabularyError",
    "__version__",
    "code_of",
    "compare",
    "cow_state",
    "load",
    "read_cow",
    "to_cow",
    "to_panel",
    "to_partial_date",
    "validate",
]
