"""Correlates of War's IGO coding: the cell codes, the statuses they stand for,
the file's metadata columns and the one source every COW record cites.
"""

from __future__ import annotations

from ._enums import Status
from ._records import Source

__all__ = ["CODE_STATUS", "COW_SOURCE", "LABELS", "META_COLUMNS", "REQUIRED", "STATUS_CODE", "code_of"]

#: COW's cell codes and the statuses they become (0, no membership, makes no spell).
CODE_STATUS: dict[int, Status] = {
    1: Status.MEMBER,
    2: Status.ASSOCIATE,
    3: Status.OBSERVER,
    -9: Status.UNKNOWN,
    -1: Status.UNCOVERED,
}

#: The code each status is exported as. Statuses COW has no code for
#: (signatory, suspended, partner) and no relation at all are 0.
STATUS_CODE: dict[Status, int] = {status: code for code, status in CODE_STATUS.items()}

#: What each code means, in the codebook's words.
LABELS: dict[int, str] = {
    0: "no membership",
    1: "full member",
    2: "associate member",
    3: "observer",
    -9: "missing",
    -1: "not in the state system",
}

#: The COW IGO-year file's metadata columns; every other column is a state.
META_COLUMNS = frozenset(
    {
        "ioname",
        "orgname",
        "year",
        "sdate",
        "deaddate",
        "dead",
        "integrated",
        "replaced",
        "longorgname",
        "ionum",
        "igocode",
        "version",
        "accuracyofpre1965membershipdates",
        "sourcesandnotes",
        "imputed",
        "political",
        "social",
        "economic",
    }
)

#: The metadata columns the reader needs.
REQUIRED = ("ioname", "orgname", "year", "longorgname")

#: The one source every record read from a COW file cites.
COW_SOURCE = Source.of(
    "cow-igo-v3",
    "Correlates of War Project, Intergovernmental Organizations data, version 3.0 (IGO-year file)",
    publisher="The Correlates of War Project",
    url="https://correlatesofwar.org/data-sets/IGOs",
    published="2020",
    says=(
        "IGO-year membership codes 1816-2014 (0 none, 1 full, 2 associate, 3 observer, -9 missing, "
        "-1 state not in the system). Cite: Pevehouse, Nordstrom, McManus and Jamison (2020), "
        "'Tracking Organizations in the World: The Correlates of War IGO Version 3.0 datasets', "
        "Journal of Peace Research 57(3): 492-503, doi:10.1177/0022343319881175."
    ),
)


def code_of(status: Status | None) -> int:
    """COW's code for a status: 1 member, 2 associate, 3 observer, -9 unknown,
    -1 outside coverage, and 0 for no relation and for the statuses COW has no
    code for (signatory, suspended, partner).

    >>> code_of(Status.OBSERVER), code_of(Status.SUSPENDED), code_of(None)
    (3, 0, 0)
    """
    if status is not None and not isinstance(status, Status):
        msg = f"code_of takes a Status or None, not {status!r} ({type(status).__name__})"
        raise TypeError(msg)
    return 0 if status is None else STATUS_CODE.get(status, 0)
