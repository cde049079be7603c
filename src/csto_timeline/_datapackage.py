"""The Frictionless Data Package descriptor (``datapackage.json``) of an export.

It names the dataset (title, version, as-of date, licence, its sources) and
describes each table as a resource with a Table Schema: every field's type
(string, integer, boolean, date) and description, required fields, primary
and foreign keys, so pandas, R, DuckDB and spreadsheets can read the tables
typed. Specification: https://specs.frictionlessdata.io/data-package/ and
https://specs.frictionlessdata.io/table-schema/.

>>> import csto_timeline
>>> from csto_timeline._export_tables import record_tables
>>> tl = csto_timeline.load()
>>> package = descriptor(tl, record_tables(tl), "csv")
>>> package["name"], package["version"], package["licenses"][0]["name"]
('csto', '0.2.0', 'MIT')
>>> spells = package["resources"][0]
>>> spells["path"], spells["schema"]["fields"][4]
('spells.csv', {'name': 'track', 'type': 'string', 'description': 'legal (status) or participation (frozen, inactive)', 'constraints': {'required': True}})
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from ._export_tables import Table

if TYPE_CHECKING:
    from ._timeline import Timeline

__all__ = ["FORMATS", "descriptor"]

#: Export formats: name -> (file suffix, media type).
FORMATS: dict[str, tuple[str, str]] = {
    "csv": ("csv", "text/csv"),
    "jsonl": ("jsonl", "application/x-ndjson"),
    "parquet": ("parquet", "application/vnd.apache.parquet"),
}
#: The licence of the bundled record (the project's, see CITATION.cff).
BUNDLED = {"name": "MIT", "path": "https://opensource.org/licenses/MIT", "title": "MIT License"}
_FOREIGN = {
    "spells": (("opened_by", "events", "id"), ("closed_by", "events", "id")),
    "claims": (("event", "events", "id"),),
    "rosters": (("source", "sources", "id"),),
}


def _name(text: str) -> str:
    """A package name as the specification wants it: lower case, digits, '-', '_', '.'."""
    return re.sub(r"[^a-z0-9._-]+", "-", text.lower()).strip("-") or "record"


def _schema(table: Table) -> dict[str, object]:
    fields: list[dict[str, object]] = []
    for column in table.columns:
        field: dict[str, object] = {"name": column.name, "type": column.type, "description": column.description}
        if column.required:
            field["constraints"] = {"required": True}
        fields.append(field)
    schema: dict[str, object] = {"fields": fields, "missingValues": [""]}
    if table.key:
        schema["primaryKey"] = list(table.key)
    foreign = _FOREIGN.get(table.name, ())
    if foreign:
        schema["foreignKeys"] = [
            {"fields": column, "reference": {"resource": resource, "fields": target}}
            for column, resource, target in foreign
        ]
    return schema


def descriptor(
    timeline: Timeline,
    tables: Sequence[Table],
    file_format: str,
    licenses: Sequence[Mapping[str, str]] | None = None,
) -> dict[str, object]:
    """The Data Package descriptor of ``tables`` written as ``file_format`` files.

    ``licenses`` defaults to the bundled record's licence for the bundled
    record, and to none (the field left out) for any other dataset.
    """
    info = timeline.info
    suffix, media = FORMATS[file_format]
    package: dict[str, object] = {
        "profile": "tabular-data-package",
        "name": _name(info.id),
        "title": info.title,
        "description": (info.description or info.title)
        + (f" The material was last checked on {info.as_of}." if info.as_of is not None else ""),
    }
    if info.version is not None:
        package["version"] = info.version
    if info.released is not None:
        package["created"] = str(info.released)
    chosen = licenses if licenses is not None else ([BUNDLED] if info.id == "csto" else [])
    if chosen:
        package["licenses"] = [dict(licence) for licence in chosen]
    package["sources"] = [
        {"title": source.title, "path": source.location} for _, source in sorted(timeline.sources.items())
    ]
    package["resources"] = [
        {
            "name": table.name,
            "path": f"{table.name}.{suffix}",
            "profile": "tabular-data-resource",
            "title": table.title,
            "format": suffix,
            "mediatype": media,
            **({"encoding": "utf-8"} if file_format != "parquet" else {}),
            "schema": _schema(table),
        }
        for table in tables
    ]
    return package
