"""`read_cow`: a COW IGO v3 IGO-year file as a `Timeline`, with an opt-in on-disk cache."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Literal

from ._cow_build import build_timeline
from ._cow_cache import cache_directory, entry_path, load_entry, store_entry
from ._cow_files import FileLike, decode, in_file, is_file_like, not_a_file, read_data
from ._cow_states import read_state_list
from ._cow_table import parse_table
from ._states import normalize_name
from ._timeline import Timeline
from .exceptions import DataError, VocabularyError

__all__ = ["read_cow"]


def read_cow(
    source: FileLike,
    *,
    state_list: FileLike | None = None,
    orgs: Iterable[str] | None = None,
    gaps: Literal["carry", "unknown"] = "carry",
    cache: bool | str | os.PathLike[str] = False,
) -> Timeline:
    r"""A timeline from the COW IGO v3 IGO-year file (``igo_year_formatv3.csv``,
    plain or gzip, a path or an open file in text or binary mode).

    Each IGO becomes a body: id the short name (``ioname``, such as "CSTO"),
    name the long name, its other names as aliases, covering 1 January of its
    first year to 31 December of its last. Cells become year-precision spells:
    1 member, 2 associate, 3 observer, -9 `Status.UNKNOWN` ("undecided"), -1
    and empty cells `Status.UNCOVERED` (the state is not in the state system:
    outside coverage, never "not a member"); 0 makes no spell. A run of equal
    cells from year A to year B is the status from some day of A (the change
    happened in A) to some day of B+1. Years without a row between two
    observed rows (COW v2's five-year steps before 1965) keep the status when
    both rows agree and are `Status.UNKNOWN` when they differ, or always with
    ``gaps="unknown"``. Each spell's events (``record-N/start`` and
    ``record-N/end``, citing the cells) are made when first asked for.

    ``state_list`` is COW's State System Membership file (``states2016.csv``;
    default: the one next to the IGO file), whose ``state`` column names the
    IGO file's state columns and ``ccode`` their COW numbers; numbers map to
    ISO codes through data/cow_states.csv. ``orgs`` reads only the IGOs with
    those short names (case-insensitive), and checks only their rows.

    ``cache`` keeps the parsed file on disk, so that the next read of the same
    file is fast: True uses the user's cache directory (``$CSTO_TIMELINE_CACHE_DIR``,
    else ``$XDG_CACHE_HOME/csto_timeline``, else ``~/.cache/csto_timeline``), a
    path uses that directory. Entries are keyed by the files' contents, the
    options and the library version, checked when read, and rebuilt when
    damaged; docs/cow.md says how to clear them.

    Raises `DataError` naming the file, the line and the column for a
    malformed file (a missing column, a non-integer cell, a column that is no
    state, a code outside -9, -1, 0, 1, 2, 3, an IGO-year given twice), and
    `UnknownBodyError` for an ``orgs`` name the file does not hold,
    `VocabularyError` for another ``gaps``, `TypeError` for a ``source``,
    ``state_list``, ``cache`` or ``orgs`` of the wrong type. A file that
    cannot be read (a closed or write-only file, a text stream that is not
    UTF-8, a FIFO or device, a file over 200 MB: see ``docs/limits.md``) raises
    `DataError` before any work.

    >>> import io
    >>> igo = io.StringIO(
    ...     "ioname,orgname,year,longorgname,armenia,uzbekistan\n"
    ...     "CSTO,Collective Security Treaty Organization,2010,Collective Security Treaty Organization (CSTO),1,1\n"
    ...     "CSTO,Collective Security Treaty Organization,2011,Collective Security Treaty Organization (CSTO),1,1\n"
    ...     "CSTO,Collective Security Treaty Organization,2012,Collective Security Treaty Organization (CSTO),1,0\n")
    >>> states = io.StringIO("ccode,state\n371,armenia\n704,uzbekistan\n")
    >>> cow = read_cow(igo, state_list=states)
    >>> cow.members_on("2011", org="CSTO")
    <MemberSet CSTO member on 2011: ARM, UZB>
    >>> cow.members_on("2012", org="Collective Security Treaty Organization")
    <MemberSet CSTO member on 2012: ARM; uncertain: UZB>
    """
    if gaps not in ("carry", "unknown"):
        msg = f"gaps={gaps!r} is not accepted; use 'carry' (keep a status both neighbouring rows agree on) or 'unknown'"
        raise VocabularyError(msg)
    if not is_file_like(source):
        raise not_a_file(source, "COW IGO-year file")
    if state_list is not None and not is_file_like(state_list):
        raise not_a_file(state_list, "COW state list")
    directory = cache_directory(cache)
    wanted = _wanted(orgs)
    data, name = read_data(source, "COW IGO-year file")
    text = decode(data, name) if directory is None else None
    if state_list is None:
        if isinstance(source, (str, os.PathLike)) or name != "<stream>":
            state_list = Path(name).parent / "states2016.csv"
        if state_list is None or not Path(state_list).is_file():
            where = f" ({state_list} does not exist)" if state_list is not None else ""
            msg = (
                f"no COW state list{where}; pass state_list= the path of COW's states2016.csv (State System "
                "Membership v2016), whose 'state' column names the IGO file's state columns"
            )
            raise DataError(msg, file=name)
    list_data, list_name = read_data(state_list, "COW state list")
    return _read(data, name, list_data, list_name, text, directory, wanted, gaps)


def _read(
    data: str | bytes,
    name: str,
    list_data: str | bytes,
    list_name: str,
    text: str | None,
    directory: Path | None,
    wanted: dict[str, str] | None,
    gaps: str,
) -> Timeline:
    """The timeline from the cache entry for these inputs, or parsed (and then stored)."""
    entry = None
    if directory is not None:
        options = f"gaps={gaps};orgs={sorted(wanted) if wanted is not None else None}"
        entry = entry_path(directory, (data, list_data), options)
        table = load_entry(entry)
        if table is not None:
            return build_timeline(table, name)
        text = decode(data, name)
    assert text is not None  # noqa: S101 - decoded above when there is no cache
    try:
        codes = read_state_list(decode(list_data, list_name), list_name)
    except DataError as error:
        raise in_file(error, list_name) from None
    try:
        table = parse_table(text, name, state_codes=codes, list_name=list_name, wanted=wanted, gaps=gaps)
    except DataError as error:  # the CSV layer names the line; the file is named here
        raise in_file(error, name) from None
    if entry is not None:
        store_entry(entry, table)
    return build_timeline(table, name)


def _wanted(orgs: Iterable[str] | None) -> dict[str, str] | None:
    """The IGOs asked for, by normalized name; None for all."""
    if orgs is None:
        return None
    chosen = [orgs] if isinstance(orgs, str) else list(orgs)
    for org in chosen:
        if not isinstance(org, str):
            msg = f"orgs= holds {org!r}, a {type(org).__name__}; give COW short names (str) such as 'CSTO'"
            raise TypeError(msg)
    return {normalize_name(org): org for org in chosen}
