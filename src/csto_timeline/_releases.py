"""The record's releases: their index, each release's record, and a timeline
as the record stood at a release or on a date.

The bundled record lists its releases in ``data/releases/index.toml``: each
release's version, the day it was made and its file. Earlier releases are kept
as files of their own and the newest is ``data/csto.toml`` itself, so every
release's facts can be read again without the project's version history.

>>> import csto_timeline
>>> Releases.bundled()[0]
Release('0.1.0', released=2026-11-22)
>>> as_recorded(csto_timeline.load(), "0.1.0").info.version
'0.1.0'
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import re
import tomllib
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, overload

import attrs

from ._dates import PartialDate, Precision, to_partial_date
from ._loading import load
from ._records import DatasetInfo
from .exceptions import DataError, DateError, UnknownReleaseError, UnknownSourceError

if TYPE_CHECKING:
    from ._timeline import Timeline

__all__ = ["CitationMeta", "Release", "Releases", "as_recorded", "release_of"]

#: Release timelines kept loaded at once (each is a whole record); older ones are read again when asked.
CACHE_SIZE = 16

_RECORD = "csto.toml"
_INDEX = ("releases", "index.toml")
_VERSION = re.compile(r"v?(\d+(?:\.\d+)+)")


@attrs.frozen
class CitationMeta:
    """How a dataset asks to be cited: its title, its authors and where it lives."""

    title: str
    authors: tuple[str, ...]
    url: str | None = None
    license: str | None = None


@attrs.frozen(repr=False)
class Release:
    """One release of a record: its version, the day it was made, and its file."""

    version: str
    released: PartialDate
    path: Path = attrs.field(eq=False)
    note: str = ""

    @property
    def key(self) -> tuple[int, ...]:
        """The version as numbers, for ordering ('0.10.0' comes after '0.9.0')."""
        return tuple(int(part) for part in self.version.split("."))

    def __repr__(self) -> str:
        return f"Release({self.version!r}, released={self.released})"


def _data_folder() -> Path:
    """The folder holding the bundled record: inside an installed wheel, or the checkout's ``data/``."""
    packaged = resources.files("csto_timeline").joinpath("data")
    if packaged.joinpath(_RECORD).is_file():
        if isinstance(packaged, Path):
            return packaged
        msg = f"the bundled releases are inside an archive ({packaged}); install csto_timeline as files to read them"
        raise DataError(msg)
    checkout = Path(__file__).resolve().parents[2] / "data"
    if (checkout / _RECORD).is_file():
        return checkout
    msg = f"the bundled data is missing: neither {packaged} nor {checkout} holds {_RECORD}; reinstall csto_timeline"
    raise DataError(msg)


def _text(table: dict[str, object], key: str, where: str, file: str, *, required: bool = True) -> str | None:
    value = table.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value.strip():
        raise DataError(f"{key!r} must be a non-empty string, not {value!r}", record=where, file=file)
    return value


def _release(table: object, position: int, folder: Path, file: str) -> Release:
    where = f"release {position + 1}"
    if not isinstance(table, dict):
        raise DataError(f"must be a table, not {type(table).__name__}", record=where, file=file)
    unknown = sorted(set(table) - {"version", "released", "file", "note"})
    if unknown:
        raise DataError(
            f"unknown fields {unknown}; a release has version, released, file, note", record=where, file=file
        )
    version = _text(table, "version", where, file) or ""
    if not _VERSION.fullmatch(version) or version.startswith("v"):
        raise DataError(f"version {version!r} must be numbers joined by dots, such as '0.2.0'", record=where, file=file)
    where = f"release {version!r}"
    try:
        released = PartialDate.parse(_text(table, "released", where, file) or "")
    except DateError as error:
        raise DataError(f"released: {error}", record=where, file=file) from None
    if released.precision is not Precision.DAY or released.qualified:
        raise DataError(f"released {str(released)!r} must be a day such as '2026-11-30'", record=where, file=file)
    name = _text(table, "file", where, file) or ""
    path = (folder / name).resolve()
    if not path.is_file():
        raise DataError(f"file {name!r} names no file in {folder}", record=where, file=file)
    return Release(version, released, path, _text(table, "note", where, file, required=False) or "")


class Releases(Sequence[Release]):
    """The releases of one record, oldest first, read from an index file.

    >>> releases = Releases.bundled()
    >>> releases.dataset, releases.release("0.1.0").released
    ('csto', PartialDate(2026, 11, 22))
    >>> releases.on("2026-11-25").version
    '0.1.0'
    """

    __slots__ = ("_releases", "citation", "dataset", "path")

    def __init__(
        self, releases: Sequence[Release], *, dataset: str, path: Path, citation: CitationMeta | None = None
    ) -> None:
        """Releases of ``dataset`` (its id), as listed by the index at ``path``; use `read` or `bundled`."""
        self._releases = tuple(releases)
        self.dataset = dataset
        self.path = path
        self.citation = citation

    @classmethod
    def read(cls, path: str | Path) -> Releases:
        """The releases listed by the index file at ``path`` (format: docs/citing.md).

        Raises `DataError` naming the file and the entry for a malformed index,
        a release file that does not exist, versions out of order or release
        dates going back.
        """
        file = Path(path)
        try:
            document = tomllib.loads(file.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise DataError("no such release index; give the path of an index.toml", file=str(file)) from None
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
            raise DataError(f"cannot read the release index: {error}", file=str(file)) from None
        if document.get("format") != 1:
            raise DataError(f"format {document.get('format')!r} is not supported; write format = 1", file=str(file))
        dataset = _text(document, "dataset", "[index]", str(file)) or ""
        entries = document.get("releases")
        if not isinstance(entries, list) or not entries:
            raise DataError("the index lists no [[releases]]", file=str(file))
        folder = file.resolve().parent
        releases = [_release(entry, position, folder, str(file)) for position, entry in enumerate(entries)]
        for before, after in itertools.pairwise(releases):
            if after.key <= before.key or after.released.earliest < before.released.earliest:
                problem = f"comes after release {before.version!r} ({before.released}): versions and dates must rise"
                raise DataError(problem, record=f"release {after.version!r} ({after.released})", file=str(file))
        return cls(releases, dataset=dataset, path=file, citation=_citation(document.get("citation"), str(file)))

    @classmethod
    def bundled(cls) -> Releases:
        """The releases of the bundled CST/CSTO record (read once)."""
        return _bundled()

    @overload
    def __getitem__(self, index: int) -> Release: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Release]: ...
    def __getitem__(self, index: int | slice) -> Release | Sequence[Release]:
        return self._releases[index]

    def __len__(self) -> int:
        return len(self._releases)

    @property
    def versions(self) -> tuple[str, ...]:
        """Every version, oldest first."""
        return tuple(release.version for release in self._releases)

    @property
    def newest(self) -> Release:
        """The newest release."""
        return self._releases[-1]

    def _accepted(self) -> str:
        first = self._releases[0]
        return f"a release ({', '.join(self.versions)}) or a day on or after the first release ({first.released})"

    def release(self, version: str) -> Release:
        """The release with that version; raises `UnknownReleaseError` otherwise."""
        wanted = version.strip().removeprefix("v") if isinstance(version, str) else version
        for release in self._releases:
            if release.version == wanted:
                return release
        msg = f"{version!r} is not a release of the record {self.dataset!r}; accepted: {self._accepted()}"
        raise UnknownReleaseError(msg)

    def on(self, date: object) -> Release:
        """The newest release made on or before ``date`` (a day, or a month or
        year in which no release was made).

        Raises `UnknownReleaseError` for a date before the first release and
        `DateError` for a month or year in which a release was made.
        """
        return self._on(to_partial_date(date), date)

    def _on(self, when: PartialDate, date: object) -> Release:
        inside = [r for r in self._releases if when.earliest < r.released.earliest <= when.latest]
        if inside:
            msg = (
                f"{date!r} is a {when.precision} in which release {inside[0].version} was made "
                f"({inside[0].released}); give a day, such as '{inside[0].released}'"
            )
            raise DateError(msg)
        made = [r for r in self._releases if r.released.earliest <= when.earliest]
        if not made:
            msg = f"{date!r} is before the first release of the record {self.dataset!r}; accepted: {self._accepted()}"
            raise UnknownReleaseError(msg)
        return made[-1]

    def find(self, release_or_date: object) -> Release:
        """The release a version, a `Release` or a date names (see `on`)."""
        if isinstance(release_or_date, Release):
            if release_or_date not in self._releases:
                return self.release(release_or_date.version)
            return release_or_date
        if isinstance(release_or_date, str):
            if _VERSION.fullmatch(release_or_date.strip()):
                return self.release(release_or_date)
            try:
                when = to_partial_date(release_or_date)
            except DateError:
                msg = f"{release_or_date!r} is neither a release nor a date; accepted: {self._accepted()}"
                raise UnknownReleaseError(msg) from None
            return self._on(when, release_or_date)
        if isinstance(release_or_date, (dt.date, PartialDate)):
            return self.on(release_or_date)
        msg = f"{release_or_date!r} is a {type(release_or_date).__name__}; give a release version (str) or a date"
        raise TypeError(msg)

    def of(self, timeline: Timeline) -> Release:
        """The release a timeline of this record shows: the one its dataset
        declares, or the newest when it declares none.
        """
        info = _info(timeline)
        if info.id != self.dataset:
            msg = (
                f"the timeline {info.title!r} (dataset {info.id!r}) has no releases: the index "
                f"{self.path.name} lists those of the record {self.dataset!r}; pass releases=Releases.read(PATH) "
                "with the index of the timeline's own releases"
            )
            raise UnknownReleaseError(msg)
        return self.newest if info.version is None else self.release(info.version)

    def load(self, release_or_date: object) -> Timeline:
        """The timeline of a release (a version, a `Release` or a date), loaded once and shared."""
        release = self.find(release_or_date)
        timeline = _load_file(release.path)
        info = timeline.info
        declared = (info.id, info.version or release.version, info.released or release.released)
        if declared != (self.dataset, release.version, release.released):
            problem = (
                f"declares dataset {info.id!r}, version {info.version!r}, released {info.released}; "
                f"the index {self.path} gives {self.dataset!r}, {release.version!r}, {release.released}"
            )
            raise DataError(problem, record="[dataset]", file=str(release.path))
        return timeline

    def __repr__(self) -> str:
        return f"<Releases {self.dataset!r}: {', '.join(self.versions)}>"


def _citation(table: object, file: str) -> CitationMeta | None:
    if table is None:
        return None
    if not isinstance(table, dict):
        raise DataError(f"must be a table, not {type(table).__name__}", record="[citation]", file=file)
    authors = table.get("authors", [])
    if not isinstance(authors, list) or not all(isinstance(name, str) and name.strip() for name in authors):
        raise DataError(f"authors {authors!r} must be a list of names", record="[citation]", file=file)
    return CitationMeta(
        _text(table, "title", "[citation]", file) or "",
        tuple(authors),
        _text(table, "url", "[citation]", file, required=False),
        _text(table, "license", "[citation]", file, required=False),
    )


def _info(timeline: object) -> DatasetInfo:
    info = getattr(timeline, "info", None)
    if not isinstance(info, DatasetInfo):
        msg = f"{timeline!r} is a {type(timeline).__name__}, not a Timeline"
        raise TypeError(msg)
    return info


@functools.cache
def _bundled() -> Releases:
    return Releases.read(_data_folder().joinpath(*_INDEX))


@functools.lru_cache(maxsize=CACHE_SIZE)
def _load_file(path: Path) -> Timeline:
    if path == (_data_folder() / _RECORD).resolve():
        return load()  # the bundled record, shared with everyone who loads it
    return load(path)


def release_of(timeline: Timeline, *, releases: Releases | None = None) -> Release:
    """The release of the record a timeline shows (see `Releases.of`).

    >>> import csto_timeline
    >>> release_of(as_recorded(csto_timeline.load(), "0.1.0"))
    Release('0.1.0', released=2026-11-22)
    """
    return (releases if releases is not None else Releases.bundled()).of(timeline)


def as_recorded(timeline: Timeline, release_or_date: object, *, releases: Releases | None = None) -> Timeline:
    """The timeline as the record stood at a release (its version, such as
    '0.1.0') or on a date (the newest release made on or before that day).

    Every query then answers from that release's facts. A timeline following
    one source (`Timeline.according_to`) keeps following it. ``releases``
    defaults to those of the bundled record; give another index for another
    dataset's releases.

    >>> import csto_timeline
    >>> old = as_recorded(csto_timeline.load(), "2026-11-25")
    >>> old.info.version, str(old.info.released)
    ('0.1.0', '2026-11-22')
    >>> as_recorded(csto_timeline.load(), "2020-01-01")
    Traceback (most recent call last):
    ...
    csto_timeline.exceptions.UnknownReleaseError: '2020-01-01' is before the first release of the record 'csto'; accepted: a release (0.1.0, 0.2.0) or a day on or after the first release (2026-11-22)
    """
    index = releases if releases is not None else Releases.bundled()
    index.of(timeline)
    recorded = index.load(release_or_date)
    following = timeline.following
    if following is None:
        return recorded
    if following not in recorded.sources:
        version = index.find(release_or_date).version
        msg = f"the timeline follows source {following!r}, which release {version} of the record does not hold"
        raise UnknownSourceError(msg)
    return recorded.according_to(following)
