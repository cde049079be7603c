"""Citations: the dataset, a source, and the sources behind one answer, as APA,
BibTeX or CSL-JSON.

The dataset is cited with its release (version and date) and the day its
material was last checked (``as_of``). Correlates of War data read through
`read_cow` is cited as its authors ask: the 2020 article in the Journal of
Peace Research.

>>> import csto_timeline
>>> from csto_timeline._releases import as_recorded
>>> print(cite(as_recorded(csto_timeline.load(), "0.1.0")))
csto_timeline developers. (2026). csto_timeline: sourced membership history of the Collective Security Treaty and the CSTO (Version 0.1.0, released 22 November 2026) [Data set]. Record checked to 31 January 2026. https://github.com/csto-timeline/csto_timeline
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Literal

import attrs

from ._cite_text import apa_date, initials, parts, tex, us_day, written
from ._dates import PartialDate, Precision
from ._records import Claim, DatasetInfo, Event, RosterClaim, Source, Spell
from ._releases import CitationMeta, Releases
from .exceptions import DataError, VocabularyError

if TYPE_CHECKING:
    from ._timeline import Timeline

__all__ = ["COW_ID", "STYLES", "cite", "cite_with", "sources_of"]

#: The citation styles `cite` writes.
STYLES = ("apa", "bibtex", "csl-json")
#: How deep `sources_of` looks into nested collections (a list of lists of rows is two levels).
MAX_DEPTH = 4

#: The id of the source every timeline read by `read_cow` cites.
COW_ID = "cow-igo-v3"
_COW_AUTHORS = (
    ("Pevehouse", "Jon C. W."),
    ("Nordstrom", "Timothy"),
    ("McManus", "Roseanne W."),
    ("Jamison", "Anne Spencer"),
)
_COW_TITLE = "Tracking organizations in the world: The Correlates of War IGO Version 3.0 datasets"
_COW_DOI = "10.1177/0022343319881175"


# ----------------------------------------------------------------- dates


# -------------------------------------------------------------- entries


@attrs.frozen
class _Entry:
    """One work to cite, from which each style is written."""

    key: str
    kind: Literal["dataset", "source", "article"]
    title: str
    authors: tuple[str, ...] = ()  # literal names, or (for articles) "Family, Given"
    issued: PartialDate | None = None
    version: str | None = None
    released: PartialDate | None = None
    checked: PartialDate | None = None
    publisher: str | None = None
    url: str | None = None
    accessed: PartialDate | None = None
    note: str | None = None
    journal: tuple[str, str, str, str] | None = None  # title, volume, issue, pages
    doi: str | None = None


def _bundled_meta(info: DatasetInfo) -> CitationMeta | None:
    try:
        releases = Releases.bundled()
    except DataError:
        return None
    return releases.citation if releases.dataset == info.id else None


def _dataset_entry(info: DatasetInfo) -> _Entry:
    meta = _bundled_meta(info)
    return _Entry(
        f"{info.id}-{info.version}" if info.version else info.id,
        "dataset",
        meta.title if meta is not None else info.title,
        meta.authors if meta is not None else (),
        info.released or info.as_of,
        version=info.version,
        released=info.released,
        checked=info.as_of,
        url=meta.url if meta is not None else None,
    )


def _source_entry(source: Source) -> _Entry:
    if source.id == COW_ID:
        authors = tuple(f"{family}, {given}" for family, given in _COW_AUTHORS)
        journal = ("Journal of Peace Research", "57", "3", "492-503")
        return _Entry("pevehouse2020", "article", _COW_TITLE, authors, PartialDate(2020), journal=journal, doi=_COW_DOI)
    notes = []
    if source.path is not None:
        notes.append(f"copy kept with the dataset at {source.path}")
    if source.copy_of is not None:
        notes.append(f"a copy of {source.copy_of}")
    return _Entry(
        source.id,
        "source",
        source.title,
        (source.publisher,),
        source.published,
        publisher=source.publisher,
        url=source.url,
        accessed=source.accessed,
        note="; ".join(notes) or None,
    )


def _csl(entry: _Entry) -> dict[str, object]:
    item: dict[str, object] = {
        "id": entry.key,
        "type": {"dataset": "dataset", "article": "article-journal"}.get(
            entry.kind, "webpage" if entry.url else "document"
        ),
        "title": entry.title,
    }
    if entry.authors:
        item["author"] = [
            {"family": name.split(", ")[0], "given": name.split(", ")[1]}
            if entry.kind == "article"
            else {"literal": name}
            for name in entry.authors
        ]
    if entry.issued is not None:
        item["issued"] = parts(entry.issued)
    if entry.version is not None:
        item["version"] = entry.version
    if entry.publisher is not None:
        item["publisher"] = entry.publisher
    if entry.journal is not None:
        item["container-title"], item["volume"], item["issue"], item["page"] = entry.journal
    if entry.doi is not None:
        item["DOI"] = entry.doi
    if entry.url is not None:
        item["URL"] = entry.url
    if entry.accessed is not None:
        item["accessed"] = parts(entry.accessed)
    notes = [f"released {written(entry.released)}"] if entry.released is not None else []
    notes += [f"record checked to {written(entry.checked)}"] if entry.checked is not None else []
    notes += [entry.note] if entry.note else []
    if notes:
        item["note"] = "; ".join(notes)
    return item


def _apa(entry: _Entry) -> str:
    issued = PartialDate(entry.issued.year) if entry.kind == "dataset" and entry.issued else entry.issued
    when = f"({apa_date(issued)})"
    if entry.kind == "article" and entry.journal is not None:
        names = [f"{name.split(', ')[0]}, {initials(name.split(', ')[1])}" for name in entry.authors]
        who = ", ".join(names[:-1]) + f", & {names[-1]}" if len(names) > 1 else names[0]
        journal, volume, issue, pages = entry.journal
        pages = pages.replace("-", "\N{EN DASH}")
        return f"{who} {when}. {entry.title}. {journal}, {volume}({issue}), {pages}. https://doi.org/{entry.doi}"
    text = f"{' & '.join(entry.authors)}. {when}. {entry.title}" if entry.authors else f"{entry.title}. {when}"
    if entry.kind == "dataset":
        bracket = [f"Version {entry.version}"] if entry.version else []
        bracket += [f"released {written(entry.released)}"] if entry.released is not None else []
        text += (f" ({', '.join(bracket)})" if bracket else "") + " [Data set]."
        text += f" Record checked to {written(entry.checked)}." if entry.checked is not None else ""
    else:
        text += "." + (f" [{entry.note[0].upper()}{entry.note[1:]}]." if entry.note else "")
    if entry.url is not None:
        text += f" Retrieved {us_day(entry.accessed)}, from {entry.url}" if entry.accessed else f" {entry.url}"
    return text


def _bibtex(entry: _Entry) -> str:
    key = re.sub(r"[^A-Za-z0-9_.:-]", "_", entry.key)
    fields: list[tuple[str, str]] = []
    if entry.authors:
        names = [tex(name) if entry.kind == "article" else "{" + tex(name) + "}" for name in entry.authors]
        fields.append(("author", " and ".join(names)))
    fields.append(("title", "{" + tex(entry.title) + "}"))
    if entry.journal is not None:
        journal, volume, issue, pages = entry.journal
        fields += [("journal", journal), ("volume", volume), ("number", issue), ("pages", pages.replace("-", "--"))]
    if entry.issued is not None:
        fields.append(("year", str(entry.issued.year)))
        if entry.issued.precision is not Precision.YEAR:
            fields.append(("date", str(entry.issued)))
    if entry.version is not None:
        fields.append(("version", entry.version))
    if entry.kind == "dataset":
        fields.append(("howpublished", "Data set"))
    if entry.kind == "source" and entry.publisher is not None:
        fields.append(("organization", tex(entry.publisher)))
    note = _csl(entry).get("note")
    if isinstance(note, str):
        fields.append(("note", tex(note)))
    if entry.url is not None:
        fields.append(("url", entry.url))
    if entry.accessed is not None:
        fields.append(("urldate", str(entry.accessed)))
    if entry.doi is not None:
        fields.append(("doi", entry.doi))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@{'article' if entry.kind == 'article' else 'misc'}{{{key},\n{body}\n}}"


# -------------------------------------------------------------- gathering


def _timeline_like(value: object) -> bool:
    return isinstance(getattr(value, "info", None), DatasetInfo) and hasattr(value, "events")


def sources_of(obj: object, *, timeline: Timeline | None = None) -> tuple[Source, ...]:
    """The sources behind an answer, in order of first appearance: a `Source`,
    `Claim`, `Event` (its followed claim), `Spell` (its opening and closing
    events), `RosterClaim`, an `Explanation` or any result with ``events`` or
    ``sources`` (ids are looked up in ``timeline``), a panel row (its state's
    spells in the row's period, from ``timeline``), or a collection of these.

    >>> import csto_timeline
    >>> tl = csto_timeline.load()
    >>> [s.id for s in sources_of(tl.event("uzb-2012-suspension/CSTO"))]
    ['tass-2012-687141', 'belta-2012-63616', 'den-2012-club-narrower']
    """
    found: dict[str, Source] = {}
    _gather(obj, timeline, found, 0)
    return tuple(found.values())


def _gather(obj: object, timeline: Timeline | None, found: dict[str, Source], depth: int) -> None:
    """Add the sources behind ``obj``; ``depth`` counts the collections it sits in."""
    if isinstance(obj, Source):
        found.setdefault(obj.id, obj)
        return
    parts = _parts_of(obj, timeline)
    if parts is not None:
        for part in parts:
            _gather(part, timeline, found, depth)
        return
    if isinstance(obj, Iterable) and not isinstance(obj, (str, bytes, Mapping)) and not _timeline_like(obj):
        if depth >= MAX_DEPTH:
            msg = f"the answers to cite are nested more than {MAX_DEPTH} collections deep; pass a flatter collection"
            raise TypeError(msg)
        for item in obj:
            _gather(item, timeline, found, depth + 1)
        return
    msg = (
        f"{obj!r} is a {type(obj).__name__}, which names no sources; cite a Timeline, DatasetInfo, Source, Event, "
        "Claim, Spell, RosterClaim, Explanation, Change, panel rows (with timeline=), or a collection of these"
    )
    raise TypeError(msg)


def _parts_of(obj: object, timeline: Timeline | None) -> Sequence[object] | None:  # noqa: PLR0911 - one return per kind of answer
    """What an answer's sources come from (sources, events, spells), or None for a plain collection."""
    if isinstance(obj, Claim):
        return obj.sources
    if isinstance(obj, Event):
        return obj.claim.sources
    if isinstance(obj, Spell):
        return [event for event in (obj.opened_by, obj.closed_by) if event is not None]
    if isinstance(obj, RosterClaim):
        return [obj.source]
    if isinstance(getattr(obj, "events", None), tuple):  # Explanation, and results that list their events
        events = [_event(event, timeline, obj) for event in getattr(obj, "events", ())]  # ids: a claim check's
        return [*events, *getattr(obj, "rosters", ())]
    if isinstance(getattr(obj, "event", None), Event):  # Change
        return [getattr(obj, "event", None)]
    if hasattr(obj, "sources") and not _timeline_like(obj):
        return [_lookup(source, timeline, obj) for source in getattr(obj, "sources", ())]
    if all(hasattr(obj, name) for name in ("state", "org", "first_day", "last_day")):  # a panel row
        return _row_spells(obj, timeline)
    return None


def _event(event: object, timeline: Timeline | None, owner: object) -> object:
    if isinstance(event, str):
        if timeline is None:
            msg = f"{owner!r} names its events by id ({event!r}); pass timeline= to look them up"
            raise TypeError(msg)
        return timeline.event(event)
    return event


def _lookup(source: object, timeline: Timeline | None, owner: object) -> Source:
    if isinstance(source, Source):
        return source
    if isinstance(source, str) and timeline is not None:
        return timeline.source(source)
    msg = f"{owner!r} names its sources by id ({source!r}); pass timeline= to look them up"
    raise TypeError(msg)


def _row_spells(row: object, timeline: Timeline | None) -> list[Spell]:
    if timeline is None:
        msg = f"{row!r} is a panel row, whose sources are those of its state's spells; pass timeline= to find them"
        raise TypeError(msg)
    first, last = getattr(row, "first_day"), getattr(row, "last_day")  # noqa: B009 - checked by the caller
    history = timeline.history(getattr(row, "state"), org=getattr(row, "org"))  # noqa: B009
    return [spell for spell in history if spell.possibly_during(first, last)]


# ------------------------------------------------------------------ entry


def _entries(obj: object, timeline: Timeline | None) -> list[_Entry]:
    if _timeline_like(obj):
        sources: Mapping[str, Source] = getattr(obj, "sources", {})
        if COW_ID in sources and all(source.id == COW_ID for source in sources.values()):
            return [_source_entry(sources[COW_ID])]  # read by read_cow: cite the article
        return [_dataset_entry(getattr(obj, "info"))]  # noqa: B009 - checked by _timeline_like
    if isinstance(obj, DatasetInfo):
        return [_dataset_entry(obj)]
    found = _entries(timeline, None) if timeline is not None else []
    return found + [_source_entry(source) for source in sources_of(obj, timeline=timeline)]


def cite(obj: object, style: str = "apa", *, timeline: Timeline | None = None) -> str:
    """A citation of ``obj`` in ``style`` ('apa', 'bibtex' or 'csl-json').

    ``obj`` is a `Timeline` or `DatasetInfo` (the dataset, with its release and
    the day its material was last checked; a timeline read by `read_cow` gives
    the article its authors ask users to cite), or anything `sources_of`
    accepts (a source, or the sources behind an answer). With ``timeline``,
    the dataset comes first, then the sources. APA gives one reference a line,
    BibTeX one entry a paragraph, CSL-JSON a JSON array of items.

    >>> s = Source.of("tass-2012-687141", "CSTO leaders suspend Uzbekistan's membership", publisher="TASS",
    ...               published="2012-12-19", accessed="2026-11-30", url="http://tass.com/russia/687141",
    ...               says="Leaders suspended Uzbekistan's membership.")
    >>> print(cite(s))
    TASS. (2012, December 19). CSTO leaders suspend Uzbekistan's membership. Retrieved November 30, 2026, from http://tass.com/russia/687141
    >>> print(cite(s, style="bibtex"))
    @misc{tass-2012-687141,
      author = {{TASS}},
      title = {{CSTO leaders suspend Uzbekistan's membership}},
      year = {2012},
      date = {2012-12-19},
      organization = {TASS},
      url = {http://tass.com/russia/687141},
      urldate = {2026-11-30}
    }
    >>> cite(s, style="mla")
    Traceback (most recent call last):
    ...
    csto_timeline.exceptions.VocabularyError: style 'mla' is not accepted; use 'apa', 'bibtex' or 'csl-json'
    """
    if style not in STYLES:
        msg = f"style {style!r} is not accepted; use 'apa', 'bibtex' or 'csl-json'"
        raise VocabularyError(msg)
    unique: dict[str, _Entry] = {}
    for entry in _entries(obj, timeline):
        unique.setdefault(entry.key, entry)
    entries = list(unique.values())
    if style == "csl-json":
        return json.dumps([_csl(entry) for entry in entries], indent=2, ensure_ascii=False)
    if style == "bibtex":
        return "\n\n".join(_bibtex(entry) for entry in entries)
    return "\n".join(_apa(entry) for entry in entries)


def cite_with(timeline: Timeline, obj: object = None, style: str = "apa") -> str:
    """``tl.cite(obj, style)``: the dataset alone, or the dataset then the sources behind ``obj``."""
    return cite(timeline, style) if obj is None else cite(obj, style, timeline=timeline)
