"""Where the bundled data lives, in an installed wheel and in a checkout."""

from __future__ import annotations

import csv
import functools
import io
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING

from ._load import Problems, read_states
from ._states import State, StateRegistry
from .exceptions import DataError

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

__all__ = ["bundled_root", "bundled_states"]

DATASET = "csto.toml"
STATES = "states.toml"
CROSSWALK = "cow_states.csv"


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
    data = bundled_root().joinpath("data")
    problems = Problems(f"data/{STATES}", strict=True)
    document = tomllib.loads(data.joinpath(STATES).read_text(encoding="utf-8"))
    named = read_states(document, problems)
    codes = {state.alpha3 for state in named}
    cow_codes = {state.cow for state in named}
    extra = []
    rows = csv.DictReader(io.StringIO(data.joinpath(CROSSWALK).read_text(encoding="utf-8")))
    for row in rows:
        ccode = int(row["ccode"])
        if ccode in cow_codes or row["alpha3"] in codes:
            continue
        aliases = [name for name in row.get("aliases", "").split(";") if name.strip()]
        extra.append(State.of(row["alpha3"], row["alpha2"] or None, row["name"], cow=ccode, aliases=aliases))
        codes.add(row["alpha3"])
    return StateRegistry([*named, *extra])
