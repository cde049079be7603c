"""The conveniences `Timeline` offers from the extras: one `Extra` line each.

Each names the free function that serves it, imported on first call (see `_lazy`):
``tl.plot(**options)`` is ``csto_timeline.plot(tl, **options)``. The facade inherits
them from `Conveniences` and never imports an extra module.
"""

from __future__ import annotations

from ._lazy import Extra

__all__ = ["Conveniences"]


class Conveniences:
    """`Timeline` methods served by the extras, imported on first use."""

    __slots__ = ()


    plot = Extra(
        "_plot:plot",
        """Draw the membership chart (needs the ``plot`` extra); ``tl.plot(**options)`` is
        ``csto_timeline.plot(tl, **options)``. Options: ``org``, ``states``, ``start``, ``end``,
        ``track_participation``, ``ax``, ``title``; see ``docs/api.md`` (the chart).""",
    )
    to_panel = Extra(
        "_panel:to_panel",
        """One row per state and period, as records, CSV or a pandas DataFrame;
        ``tl.to_panel(**options)`` is ``csto_timeline.to_panel(tl, **options)`` (``docs/cow.md``).""",
    )
    as_recorded = Extra(
        "_releases:as_recorded",
        """This timeline as the record stood at a release ("0.1.0") or on a date (the newest
        release made on or before it); see ``docs/citing.md``.""",
    )
    record_changes = Extra(
        "_record_changes:record_changes",
        """What changed in the record's facts between two releases (``since``, ``until``),
        by record id, readable and as data; see ``docs/citing.md``.""",
    )
    claim_record = Extra(
        "_claim_record:claim_record",
        """When each claim of an event entered the record and, if it did, left it.""",
    )
    export = Extra(
        "_export:export",
        """Write the whole record as tables (csv, jsonl or parquet) with a ``datapackage.json``;
        ``tl.export(folder, format=...)`` is ``csto_timeline.export(tl, folder, format=...)`` (``docs/export.md``).""",
    )
    source_text = Extra(
        "_source_files:source_text",
        """The text of a source kept as a file, such as the seed articles (``tl.source_text("seed-001")``).""",
    )
    check = Extra(
        "_check:check_with",
        """Check the membership claims of a news text against this timeline:
        ``tl.check(text, published=DATE)`` is ``csto_timeline.check(text, published=DATE, timeline=tl)``
        (``docs/check.md``).""",
    )
    cite = Extra(
        "_cite:cite_with",
        """Cite the dataset (``tl.cite()``) or anything with sources behind it (``tl.cite(tl.explain(...))``),
        in ``style`` 'apa', 'bibtex' or 'csl-json'; see ``docs/citing.md``.""",
    )
