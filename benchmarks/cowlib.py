"""The pandas way to COW spells, shared by bench_cow.py and bench_memory.py.

`pandas_spells` is what a political scientist would write with pandas to turn
COW's wide IGO-year table into membership spells: ``read_csv``, ``melt`` to
one row per (IGO, year, state), drop the zero cells, and ``groupby`` runs of
equal codes into (IGO, state, code, first year, last year) rows. Years without
a row (COW's five-year steps before 1965) do not break a run, as in
``read_cow``'s default ``gaps="carry"`` when both rows agree.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

#: Columns of the IGO file that are not states.
META = frozenset(
    {
        "ioname", "orgname", "year", "sdate", "deaddate", "dead", "integrated", "replaced", "longorgname",
        "ionum", "igocode", "version", "accuracyofpre1965membershipdates", "sourcesandnotes", "imputed",
        "political", "social", "economic",
    }
)  # fmt: skip


def pandas_spells(path: Path) -> Any:
    """COW IGO-year file -> DataFrame of spells (ioname, state, code, first, last), all in pandas."""
    import pandas as pd  # noqa: PLC0415 - the bench extra

    wide = pd.read_csv(path, low_memory=False, dtype={"ioname": "category"})
    states = [column for column in wide.columns if column not in META]
    long = wide.melt(id_vars=["ioname", "year"], value_vars=states, var_name="state", value_name="code")
    code = long["code"].fillna(-1).astype("int8")
    long = long.assign(code=code)[code.to_numpy() != 0]
    long["state"] = long["state"].astype("category")  # sorting categories is three times faster than strings
    long = long.sort_values(["ioname", "state", "year"], kind="stable")
    new_run = (
        (long["code"] != long["code"].shift())
        | (long["state"] != long["state"].shift())
        | (long["ioname"] != long["ioname"].shift())
    )
    long["run"] = new_run.cumsum()
    return (
        long.groupby("run", sort=False)
        .agg(ioname=("ioname", "first"), state=("state", "first"), code=("code", "first"),
             first=("year", "min"), last=("year", "max"))
        .reset_index(drop=True)
    )  # fmt: skip


def index_every_org(tl: Any) -> int:
    """One day query per body (its first covered day), which builds that body's index; returns the bodies asked."""
    asked = 0
    for key, body in tl.bodies.items():
        if body.coverage_start is not None:
            tl.members_on(body.coverage_start, org=key)
            asked += 1
    return asked
