"""Where the bundled data lives, in an installed wheel and in a checkout, and
the bundled files' contents, parsed ahead of time.

Parsing ``data/csto.toml`` takes some 25 ms, and importing ``tomllib`` 5 ms
more: most of what a start of ``csto-timeline`` spent on its own work. So
``data/compiled/<file>.json`` keeps, for each bundled file, the exact text it
was parsed from and what parsing it gave. A file's compiled form is used only
when the file's text is the same, character for character, so an edited file is
always parsed again and never answered from an old parse; a compiled file that
is missing, damaged or of another shape is ignored and only costs the parse.
Every check of the dataset still runs on the parsed contents. Only the bundled
files are looked up this way: a dataset a user loads is always parsed. The test
suite fails when a compiled file is out of date, and
``CSTO_UPDATE_COMPILED=1 python -m pytest tests/test_compiled.py`` writes them
anew.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._fields import parse_toml
from ._load import Problems, read_states
from ._states import State, StateRegistry
from .exceptions import DataError

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

__all__ = ["BUNDLED_FILES", "bundled_document", "bundled_root", "bundled_states", "compile_file"]

DATASET = "csto.toml"
STATES = "states.toml"
CROSSWALK = "cow_states.csv"
#: The bundled files a load reads, each with a compiled form in ``data/compiled``.
BUNDLED_FILES = (DATASET, STATES, CROSSWALK)
COMPILED = "compiled"


@functools.cache
def bundled_root() -> Traversable:
    """The folder holding ``data/`` and ``seeds/``.

    An installed wheel carries them inside the package (``csto_timeline/data``);
    a development checkout, editable installs included, has them at the top of
    the repository, two folders above this file.
    """
    here = Path(__file__).resolve().parent
    if (here / "data" / DATASET).is_file():  # an installed wheel, from the file system
        return here
    checkout = here.parents[1]
    if (checkout / "data" / DATASET).is_file():
        return checkout
    # A package imported from a zip file: only importlib.resources can reach its data. Imported
    # here, not at the top: it costs some 25 ms of every start (it imports zipfile and more).
    from importlib import resources  # noqa: PLC0415

    packaged = resources.files("csto_timeline")
    if packaged.joinpath("data").joinpath(DATASET).is_file():
        return packaged
    msg = f"the bundled data is missing: neither {packaged}/data nor {checkout}/data holds {DATASET}; reinstall csto_timeline"
    raise DataError(msg)


@functools.cache
def bundled_states() -> StateRegistry:
    """The registry of states, read once: ``data/states.toml`` (the states the
    CST/CSTO record names, with their aliases), completed by every other state
    of the Correlates of War state list from ``data/cow_states.csv`` (with
    COW's own name as an alias where it differs), so that any dataset can name
    any state by ISO code or name.
    """
    named = read_states(bundled_document(STATES), Problems(f"data/{STATES}", strict=True))
    codes = {state.alpha3 for state in named}
    cow_codes = {state.cow for state in named}
    extra = []
    for row in bundled_document(CROSSWALK):
        ccode = int(row["ccode"])
        if ccode in cow_codes or row["alpha3"] in codes:
            continue
        aliases = [name for name in (row.get("aliases") or "").split(";") if name.strip()]
        extra.append(State.of(row["alpha3"], row["alpha2"] or None, row["name"], cow=ccode, aliases=aliases))
        codes.add(row["alpha3"])
    return StateRegistry([*named, *extra])


def bundled_document(name: str, raw: bytes | None = None) -> Any:  # noqa: ANN401 - a TOML document (a dict) or CSV rows (a list of dicts)
    """The parsed contents of the bundled file ``data/<name>`` (one of
    `BUNDLED_FILES`), whose bytes are ``raw`` when the caller has read them:
    from its compiled form when that was made from the same text, else parsed
    (a TOML file as a dict, a CSV file as a list of rows). A bundled file that
    does not parse raises `DataError`.

    >>> bundled_document(STATES)["states"][0]["alpha3"]
    'ARM'
    """
    data = bundled_root().joinpath("data")
    if raw is None:
        raw = data.joinpath(name).read_bytes()
    document = _compiled(data.joinpath(COMPILED).joinpath(f"{name}.json"), raw)
    return _parse(name, raw) if document is None else document


def compile_file(name: str) -> str:
    """The text of ``data/compiled/<name>.json``: the bundled file's text and its parsed contents."""
    raw = bundled_root().joinpath("data").joinpath(name).read_bytes()
    entry = {"file": name, "text": raw.decode("utf-8-sig"), "document": _parse(name, raw)}
    return json.dumps(entry, ensure_ascii=False, indent=0, allow_nan=False) + "\n"


def _parse(name: str, raw: bytes) -> Any:  # noqa: ANN401 - as `bundled_document`
    if name.endswith(".csv"):
        import csv  # noqa: PLC0415 - needed only when the compiled form is out of date
        import io  # noqa: PLC0415

        return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    return parse_toml(raw, Problems(f"data/{name}", strict=True))


def _compiled(path: Traversable | Path, raw: bytes) -> Any:  # noqa: ANN401 - as `bundled_document`
    """The parsed contents kept at ``path`` if they were made from exactly ``raw``, else None."""
    try:
        entry = json.loads(path.read_bytes())
        text = raw.decode("utf-8-sig")
    except (OSError, ValueError):  # missing, unreadable or damaged: parse instead
        return None
    if isinstance(entry, dict) and entry.get("text") == text and "document" in entry:
        return entry["document"]
    return None
