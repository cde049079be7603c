"""`export`: the whole record as tables (CSV, JSON Lines or Parquet) with a
Frictionless Data Package descriptor, for R, Stata, pandas, DuckDB and
spreadsheets.

>>> import csv, json, tempfile
>>> from pathlib import Path
>>> import csto_timeline
>>> folder = Path(tempfile.mkdtemp()) / "record"
>>> written = export(csto_timeline.load(), folder)
>>> [path.name for path in written]
['spells.csv', 'events.csv', 'claims.csv', 'sources.csv', 'rosters.csv', 'datapackage.json']
>>> with (folder / "spells.csv").open(encoding="utf-8", newline="") as file:
...     row = next(r for r in csv.DictReader(file) if r["state"] == "UZB" and r["org"] == "CSTO")
>>> row["status"], row["start"], row["end"], row["cow"]
('member', '2006-06-23', '2012-12-19', '704')
>>> json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))["resources"][0]["path"]
'spells.csv'
>>> export(csto_timeline.load(), folder)  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
csto_timeline._export.ExportError: will not overwrite '.../record/spells.csv' (and 5 more files); pass overwrite=True to replace them
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from ._datapackage import FORMATS, descriptor
from ._export_tables import Row, Table, record_tables
from .exceptions import TimelineError

if TYPE_CHECKING:
    from ._timeline import Timeline

__all__ = ["ExportError", "export"]

Format = Literal["csv", "jsonl", "parquet"]
#: The descriptor's file name, as the Data Package specification wants it.
DESCRIPTOR = "datapackage.json"


class ExportError(TimelineError, ValueError):
    """An export cannot be written: a bad format, files in the way, or a path that cannot be written."""


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _json_value(value: object) -> object:
    return value.isoformat() if isinstance(value, dt.date) else value


def _write_csv(table: Table, path: Path) -> None:
    names = [column.name for column in table.columns]
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file, lineterminator="\n")
        writer.writerow(names)
        writer.writerows([_cell(row[name]) for name in names] for row in table.rows)


def _write_jsonl(table: Table, path: Path) -> None:
    names = [column.name for column in table.columns]
    with path.open("w", encoding="utf-8", newline="\n") as file:
        for row in table.rows:
            file.write(json.dumps({name: _json_value(row[name]) for name in names}, ensure_ascii=False) + "\n")


_ARROW_TYPES = {"string": "string", "integer": "int64", "boolean": "bool_", "date": "date32"}


def _write_parquet(table: Table, path: Path, pyarrow: Any) -> None:  # noqa: ANN401 - the optional module
    parquet = __import__("pyarrow.parquet", fromlist=["write_table"])
    schema = pyarrow.schema(
        [
            pyarrow.field(c.name, getattr(pyarrow, _ARROW_TYPES[c.type])(), nullable=not c.required)
            for c in table.columns
        ],
        metadata={"description": table.title},
    )
    data = {column.name: [row[column.name] for row in table.rows] for column in table.columns}
    parquet.write_table(pyarrow.Table.from_pydict(data, schema=schema), str(path))


def _pyarrow() -> Any:  # noqa: ANN401 - the optional module
    try:
        return __import__("pyarrow")
    except ImportError:
        msg = "format='parquet' needs pyarrow: pip install 'csto_timeline[parquet]' (or use 'csv' or 'jsonl')"
        raise ExportError(msg) from None


def _check(timeline: object, path: object, file_format: object, overwrite: object) -> Path:
    if type(timeline).__name__ != "Timeline" or not hasattr(timeline, "spells"):
        msg = f"export takes a Timeline first, not {type(timeline).__name__}"
        raise TypeError(msg)
    if not isinstance(path, (str, os.PathLike)):
        msg = f"export writes into a folder given as a str or a path, not {path!r} ({type(path).__name__})"
        raise TypeError(msg)
    if not isinstance(file_format, str) or file_format not in FORMATS:
        msg = f"format {file_format!r} is not one of {', '.join(map(repr, FORMATS))}"
        raise ExportError(msg)
    if not isinstance(overwrite, bool):
        msg = f"overwrite must be True or False, not {overwrite!r}"
        raise TypeError(msg)
    folder = Path(path)
    if folder.exists() and not folder.is_dir():
        msg = f"cannot export into {str(folder)!r}: it is a file, not a folder"
        raise ExportError(msg)
    return folder


def export(
    timeline: Timeline,
    path: str | os.PathLike[str],
    *,
    format: Format = "csv",  # noqa: A002 - the natural name of the option, as in pandas
    overwrite: bool = False,
    licenses: Sequence[Mapping[str, str]] | None = None,
) -> tuple[Path, ...]:
    """Write the whole record of ``timeline`` into the folder ``path`` (made if
    missing): ``spells``, ``events``, ``claims``, ``sources`` and ``rosters``
    as ``format`` files ("csv": UTF-8 with a header, ISO dates, empty cells
    for no value; "jsonl": one JSON object per line; "parquet": typed columns,
    needs the ``parquet`` extra), and ``datapackage.json``, a Frictionless
    Data Package descriptor giving every column's type and description and
    the dataset's title, version, licence and sources (``docs/export.md``).

    Spells are those of the bodies (views are derived from them). Returns the
    paths written. Files already there are not replaced unless ``overwrite``
    is True; nothing is written then. Raises `ExportError` (a `TimelineError`)
    for an unknown format, files in the way, or a folder that cannot be
    written, quoting the path.
    """
    folder = _check(timeline, path, format, overwrite)
    arrow = _pyarrow() if format == "parquet" else None
    suffix = FORMATS[format][0]
    tables = record_tables(timeline)
    targets = [folder / f"{table.name}.{suffix}" for table in tables] + [folder / DESCRIPTOR]
    present = [target for target in targets if target.exists()]
    if present and not overwrite:
        more = f" (and {len(present) - 1} more files)" if len(present) > 1 else ""
        msg = f"will not overwrite {str(present[0])!r}{more}; pass overwrite=True to replace them"
        raise ExportError(msg)
    package = descriptor(timeline, tables, format, licenses)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for table, target in zip(tables, targets, strict=False):
            if format == "csv":
                _write_csv(table, target)
            elif format == "jsonl":
                _write_jsonl(table, target)
            else:
                _write_parquet(table, target, arrow)
        targets[-1].write_text(json.dumps(package, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    except OSError as error:
        where = error.filename if error.filename is not None else folder
        msg = f"cannot write the export into {str(where)!r}: {error.strerror or error}"
        raise ExportError(msg) from None
    return tuple(targets)


def read_rows(table: Table, path: str | os.PathLike[str]) -> list[Row]:
    """Read back one table written as CSV or JSON Lines, typed by its columns (for checks and tests)."""
    file = Path(path)
    kinds = {column.name: column.type for column in table.columns}
    with file.open(encoding="utf-8", newline="") as handle:
        raw: list[dict[str, Any]] = (
            list(csv.DictReader(handle)) if file.suffix == ".csv" else [json.loads(line) for line in handle]
        )
    return [{name: _typed(row[name], kinds[name]) for name in kinds} for row in raw]


def _typed(value: object, kind: str) -> Any:  # noqa: ANN401 - the column's type
    if value is None or value == "":
        return None
    text = str(value)
    if kind == "integer":
        return int(text)
    if kind == "boolean":
        return value if isinstance(value, bool) else text == "true"
    if kind == "date":
        return dt.date.fromisoformat(text)
    return text
