"""Build small datasets as documents (the parsed form of a TOML file) and as TOML text."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from csto_timeline import Timeline
from csto_timeline._load import Problems, parse_document
from csto_timeline._resources import bundled_states


def document(events: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    """A minimal valid dataset with one body 'ORG' and one source 'src'."""
    doc: dict[str, Any] = {
        "format": 1,
        "dataset": {"id": "test", "title": "Test organization", "default": "ORG"},
        "bodies": [{"id": "ORG", "name": "Test Organization", "kind": "organization"}],
        "sources": [{"id": "src", "title": "Test source", "publisher": "tests", "url": "https://example.org/", "says": "Test."}],
        "events": events,
    }
    doc.update(extra)
    return doc


def event(ident: str, kind: str, date: str, state: str | None = "ARM", **extra: Any) -> dict[str, Any]:
    record: dict[str, Any] = {"id": ident, "kind": kind, "body": "ORG", "claims": [{"date": date, "sources": ["src"]}]}
    if state is not None:
        record["state"] = state
    record.update(extra)
    return record


def timeline_of(doc: dict[str, Any]) -> Timeline:
    parts = parse_document(doc, registry=bundled_states(), problems=Problems("test.toml", strict=True), base=None)
    assert parts is not None
    return Timeline(parts)


def _value(value: Any) -> str:
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {_value(v)}" for k, v in value.items()) + " }"
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return json.dumps(value)


def to_toml(doc: dict[str, Any]) -> str:
    """TOML text for a document of this shape (tables of scalars, arrays of tables, inline values)."""
    lines = []
    for key, value in doc.items():
        if not isinstance(value, (dict, list)):
            lines.append(f"{key} = {_value(value)}")
    for key, value in doc.items():
        if isinstance(value, dict):
            lines.append(f"\n[{key}]")
            lines += [f"{k} = {_value(v)}" for k, v in value.items()]
        elif isinstance(value, list):
            for table in value:
                lines.append(f"\n[[{key}]]")
                lines += [f"{k} = {_value(v)}" for k, v in table.items()]
    return "\n".join(lines) + "\n"


def write(tmp_path: Path, doc: dict[str, Any], name: str = "dataset.toml") -> Path:
    path = tmp_path / name
    path.write_text(to_toml(doc), encoding="utf-8")
    return path
