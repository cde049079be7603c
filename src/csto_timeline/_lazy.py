"""The one way the core reaches the optional extras: by name, when first used.

The extras (Correlates of War reading and writing, panels, charts, the COW
comparison, claim checking, citations and releases) sit above the `Timeline`
facade: they use it, so it must not import them. Two doors lead to them, both
through `resolve`, which imports an extra module by name only when one of its
names is used:

- package attributes (``csto_timeline.read_cow``, ``csto_timeline.to_panel``,
  ...): `EXTRAS` maps each to its module, and the package's ``__getattr__``
  resolves it on first use;
- conveniences on `Timeline` (``tl.plot()``, ``tl.to_panel()``, ...): each is
  an `Extra` descriptor naming the free function it calls with the timeline
  as first argument, the way pandas reaches its plotting backend.

So ``import csto_timeline`` loads none of the extras, and a new extra is one
module plus one line in `EXTRAS` (and one `Extra` line on `Timeline` for a
convenience method).
"""

from __future__ import annotations

import importlib
import types
from collections.abc import Callable
from typing import Any

__all__ = ["EXTRAS", "Extra", "resolve"]

#: Public names served by extra modules: name -> "module:attribute" inside the package.
EXTRAS: dict[str, str] = {
    "COW_SOURCE": "_cow_codes:COW_SOURCE",
    "code_of": "_cow_codes:code_of",
    "cow_state": "_cow_states:cow_state",
    "read_cow": "_cow_read:read_cow",
    "CowRow": "_cow_write:CowRow",
    "to_cow": "_cow_write:to_cow",
    "PanelRow": "_panel:PanelRow",
    "to_panel": "_panel:to_panel",
    "MemberCount": "_counts:MemberCount",
    "MembershipCount": "_counts:MembershipCount",
    "count_members": "_counts:count_members",
    "count_memberships": "_counts:count_memberships",
    "DyadRow": "_dyads:DyadRow",
    "to_dyads": "_dyads:to_dyads",
    "status_many": "_batch:status_many",
    "status_series": "_batch:status_series",
    "OrgMatch": "_orgsearch:OrgMatch",
    "OrgName": "_orgsearch:OrgName",
    "search_orgs": "_orgsearch:search_orgs",
    "organizations_named": "_orgsearch:organizations_named",
    "suggest_orgs": "_names:suggest_orgs",
    "cow_sample_path": "_sample:cow_sample_path",
    "Disagreement": "_compare:Disagreement",
    "compare": "_compare:compare",
    "plot": "_plot:plot",
    "cite": "_cite:cite",
    "sources_of": "_cite:sources_of",
    "Release": "_releases:Release",
    "Releases": "_releases:Releases",
    "RecordChange": "_record_changes:RecordChange",
    "RecordChanges": "_record_changes:RecordChanges",
    "ChangeKind": "_record_changes:ChangeKind",
    "record_diff": "_record_changes:record_diff",
    "ClaimRecord": "_claim_record:ClaimRecord",
    "check": "_check:check",
    "CheckReport": "_check:CheckReport",
    "CheckedClaim": "_check:CheckedClaim",
    "ClaimKind": "_check:ClaimKind",
    "Verdict": "_check:Verdict",
    "to_claimreview": "_check:to_claimreview",
    "source_text": "_source_files:source_text",
    "export": "_export:export",
    "ExportError": "_export:ExportError",
}


def resolve(target: str) -> Any:  # noqa: ANN401 - whatever the extra module defines
    """Import ``module`` of ``"module:attribute"`` (inside the package) and return the attribute."""
    module, _, attribute = target.partition(":")
    return getattr(importlib.import_module(f"csto_timeline.{module}"), attribute)


class Extra:
    """A `Timeline` method served by a free function of an extra module, imported
    on first call: ``tl.plot(**options)`` is ``csto_timeline.plot(tl, **options)``.
    """

    def __init__(self, target: str, doc: str) -> None:
        self.target = target
        self.__doc__ = doc

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, instance: object, owner: type | None = None) -> Callable[..., Any]:
        if instance is None:
            return self  # type: ignore[return-value]  # the descriptor itself, for help() and docs
        function = resolve(self.target)
        return types.MethodType(function, instance)
