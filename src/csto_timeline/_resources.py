"""Where the bundled data lives, in an installed wheel and in a checkout."""

from __future__ import annotations

import functools
import tomllib
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from ._load import Problems, read_states
from ._states import StateRegistry
from .exceptions import DataError

__all__ = ["bundled_root", "bundled_states"]

DATASET = "csto.toml"
STATES = "states.toml"


@functools.cache
def bundled_root() -> Traversable:
    """The folder holding ``data/`` and ``seeds/``.

    An installed wheel carries them inside the package (``csto_timeline/data``);
    a development checkout, editable installs included, has them at the top of
    the repository, two folders above this file.
    """
    packaged = resources.files("csto_timeline")
    if packaged.joinpath("data").joinpath(DATASET).is_file():
        return packaged
    checkout = Path(__file__).resolve().parents[2]
    if (checkout / "data" / DATASET).is_file():
        return checkout
    msg = f"the bundled data is missing: neither {packaged}/data nor {checkout}/data holds {DATASET}; reinstall csto_timeline"
    raise DataError(msg)


@functools.cache
def bundled_states() -> StateRegistry:
    """The registry of states in ``data/states.toml``, read once."""
    source = bundled_root().joinpath("data").joinpath(STATES)
    problems = Problems(f"data/{STATES}", strict=True)
    document = tomllib.loads(source.read_text(encoding="utf-8"))
    return StateRegistry(read_states(document, problems))
