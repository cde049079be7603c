"""csto_timeline: who was a member of the CST/CSTO (or any organization) on a
date, and how we know.

>>> import csto_timeline
>>> tl = csto_timeline.load()
>>> tl.status_of("Uzbekistan", "2010-06-01")
Status.MEMBER

The core (records, derivation, the engine, `Timeline`, `load`) is imported
here; the extras (`read_cow`, `to_cow`, `to_panel`, `compare`, `plot`, ...)
are imported on first use of their name (see ``docs/architecture.md``), so
``import csto_timeline`` stays light.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._dates import Boundary, PartialDate, Precision, to_partial_date
from ._enums import EventKind, Status, Track
from ._lazy import EXTRAS, resolve
from ._loading import load, validate
from ._membership import MembershipRecord
from ._records import (
    Body,
    Citation,
    Claim,
    DatasetInfo,
    Event,
    RosterClaim,
    Source,
    Spell,
    View,
)
from ._results import Change, Decision, Explanation, History, JointSpell, MemberSet, Memberships
from ._rules import RULES, Rule
from ._states import State, StateRegistry
from ._timeline import Timeline
from ._version import __version__
from .exceptions import (
    AmbiguousDateError,
    DataError,
    DateError,
    OutsideCoverageError,
    TimelineError,
    UncertainStatusError,
    UnknownBodyError,
    UnknownEventError,
    UnknownReleaseError,
    UnknownSourceError,
    UnknownStateError,
    VocabularyError,
)

if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs only; at run time see __getattr__
    from ._batch import status_many, status_series
    from ._check import CheckedClaim, CheckReport, ClaimKind, Verdict, check, to_claimreview
    from ._cite import cite, sources_of
    from ._claim_record import ClaimRecord
    from ._compare import Disagreement, compare
    from ._counts import MemberCount, MembershipCount, count_members, count_memberships
    from ._cow_codes import COW_SOURCE, code_of
    from ._cow_read import read_cow
    from ._cow_states import cow_state
    from ._cow_write import CowRow, to_cow
    from ._dyads import DyadRow, to_dyads
    from ._export import ExportError, export
    from ._names import suggest_orgs
    from ._orgsearch import OrgMatch, OrgName, organizations_named, search_orgs
    from ._panel import PanelRow, to_panel
    from ._plot import plot
    from ._record_changes import ChangeKind, RecordChange, RecordChanges, record_diff
    from ._releases import Release, Releases
    from ._sample import cow_sample_path
    from ._source_files import source_text


def __getattr__(name: str) -> Any:  # noqa: ANN401 - whatever the extra module defines
    """Serve the extras' public names, importing their module on first use."""
    target = EXTRAS.get(name)
    if target is None:
        msg = f"module 'csto_timeline' has no attribute {name!r}"
        raise AttributeError(msg)
    value = resolve(target)
    globals()[name] = value  # later uses skip this function
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *EXTRAS])


__all__ = [
    "COW_SOURCE",
    "RULES",
    "AmbiguousDateError",
    "Body",
    "Boundary",
    "Change",
    "ChangeKind",
    "CheckReport",
    "CheckedClaim",
    "Citation",
    "Claim",
    "ClaimKind",
    "ClaimRecord",
    "CowRow",
    "DataError",
    "DatasetInfo",
    "DateError",
    "Decision",
    "Disagreement",
    "DyadRow",
    "Event",
    "EventKind",
    "Explanation",
    "ExportError",
    "History",
    "JointSpell",
    "MemberCount",
    "MemberSet",
    "MembershipCount",
    "MembershipRecord",
    "Memberships",
    "OrgMatch",
    "OrgName",
    "OutsideCoverageError",
    "PanelRow",
    "PartialDate",
    "Precision",
    "RecordChange",
    "RecordChanges",
    "Release",
    "Releases",
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
    "UnknownReleaseError",
    "UnknownSourceError",
    "UnknownStateError",
    "Verdict",
    "View",
    "VocabularyError",
    "__version__",
    "check",
    "cite",
    "code_of",
    "compare",
    "count_members",
    "count_memberships",
    "cow_sample_path",
    "cow_state",
    "export",
    "load",
    "organizations_named",
    "plot",
    "read_cow",
    "record_diff",
    "search_orgs",
    "source_text",
    "sources_of",
    "status_many",
    "status_series",
    "suggest_orgs",
    "to_claimreview",
    "to_cow",
    "to_dyads",
    "to_panel",
    "to_partial_date",
    "validate",
]
