"""A small Correlates of War excerpt shipped with the package, so that examples
and the tour notebook run from any folder (`cow_sample_path`).
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from .exceptions import DataError

__all__ = ["cow_sample_path"]

_FOLDER = "cow_sample"
_FILE = "igo_year_excerpt.csv.gz"


def cow_sample_path() -> Path:
    """The path of the bundled excerpt of COW's IGO-year file (version 3): the
    rows of the CSTO, the CIS, NATO and two stretches of the Central
    Commission for the Navigation of the Rhine, for 29 states, with the
    matching rows of COW's state list next to it (``states2016.csv``), so
    ``read_cow(cow_sample_path())`` finds both. Its README gives COW's citation.

    >>> import csto_timeline
    >>> sorted(csto_timeline.read_cow(cow_sample_path()).bodies)
    ['CCNR', 'CIS', 'CSTO', 'NATO']
    """
    packaged = resources.files("csto_timeline").joinpath("data", _FOLDER, _FILE)
    if packaged.is_file():
        return Path(str(packaged))
    checkout = Path(__file__).resolve().parents[2] / "data" / _FOLDER / _FILE
    if checkout.is_file():
        return checkout
    msg = f"the bundled COW excerpt is missing: neither {packaged} nor {checkout} exists; reinstall csto_timeline"
    raise DataError(msg)
