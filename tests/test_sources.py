"""Every source of the shipped record is dated, checked and traced to its original; corrections are listed."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from urllib.parse import urlparse

import pytest

from csto_timeline import Timeline

ROOT = Path(__file__).resolve().parents[1]
CHANGES = ROOT / "data" / "changes"

#: Hosts that serve copies of other documents (mirrors, web proxies, reposts, syndication).
COPY_HOSTS = (
    "amansaja.com",
    "ak2.bloat.cat",
    "howlingpixel.com",
    "wikimili.com",
    "liquisearch.com",
    "armenianclub.com",
    "armeniandiaspora.com",
    "alliansfriheten.se",
    "hartford-hwp.com",
    "si.frajer.net",
    "wordpress.com",
    "menafn.com",
    "hyetert.org",
    "xebersaati.com",
    "allrefer.com",
    "issuhub.com",
    "narodinfo.ru",
)
#: Hosts that mirror or proxy Wikipedia: a followed claim may not rest on these alone.
WIKIPEDIA_COPY_HOSTS = ("amansaja.com", "ak2.bloat.cat", "howlingpixel.com", "wikimili.com", "liquisearch.com")

#: Sources allowed to lack ``accessed``: none. (Two sources of release 0.1.0 that could no longer
#: be found to check were removed in release 0.2.0; every source, and every source added later,
#: carries the day it was last checked.)
NOT_RECHECKED: frozenset[str] = frozenset()
WHAT = frozenset(
    {
        "event-added",
        "event-removed",
        "claim-added",
        "claim-withdrawn",
        "date-changed",
        "precision-changed",
        "followed-switched",
        "source-added",
        "source-replaced",
        "source-removed",
        "source-amended",
    }
)


def _host(url: str | None) -> str:
    return (urlparse(url).hostname or "") if url else ""


def _on(host: str, suffixes: tuple[str, ...]) -> bool:
    return any(host == s or host.endswith("." + s) for s in suffixes)


def _note_of(source_id: str) -> str:
    document = tomllib.loads((ROOT / "data" / "csto.toml").read_text(encoding="utf-8"))
    return next(str(s.get("note", "")) for s in document["sources"] if s["id"] == source_id)


class TestEverySource:
    def test_every_source_has_a_title_and_a_publisher(self, timeline: Timeline) -> None:
        """No source is anonymous or untitled."""
        for source in timeline.sources.values():
            assert source.title.strip(), source.id
            assert source.publisher.strip(), source.id

    def test_every_source_has_a_publication_date_or_says_why_not(self, timeline: Timeline) -> None:
        """A source without a publication date records why none is known."""
        for source in timeline.sources.values():
            assert source.published is not None or (source.undated or "").strip(), source.id
            assert not (source.published is not None and source.undated), source.id

    def test_every_source_records_when_it_was_last_checked(self, timeline: Timeline) -> None:
        """Sources carry an accessed date; the few the search store no longer held say so, and that list only shrinks."""
        unchecked = {s.id for s in timeline.sources.values() if s.accessed is None}
        assert unchecked <= NOT_RECHECKED, sorted(unchecked - NOT_RECHECKED)
        for source_id in unchecked:
            assert "not re-checked" in _note_of(source_id), source_id

    def test_a_source_is_not_checked_before_it_was_published(self, timeline: Timeline) -> None:
        """The accessed date is never earlier than the publication date."""
        for source in timeline.sources.values():
            if source.accessed is not None and source.published is not None:
                assert source.accessed.latest >= source.published.earliest, source.id

    def test_the_checked_dates_are_not_after_the_release(self, timeline: Timeline) -> None:
        """No source claims to have been checked after the record was released."""
        released = timeline.info.released
        assert released is not None
        for source in timeline.sources.values():
            if source.accessed is not None:
                assert source.accessed.earliest <= released.latest, source.id

    def test_a_source_on_a_copying_host_says_what_it_copies(self, timeline: Timeline) -> None:
        """Mirrors, proxies, reposts and syndicated copies are marked with copy_of."""
        for source in timeline.sources.values():
            if _on(_host(source.url), COPY_HOSTS):
                assert (source.copy_of or "").strip(), source.id

    def test_an_original_is_a_source_of_the_record_and_not_itself_a_mirror(self, timeline: Timeline) -> None:
        """A source's original exists in the record and is not on a Wikipedia mirror or proxy."""
        for source in timeline.sources.values():
            if source.original is not None:
                original = timeline.source(source.original)
                assert original.id != source.id
                assert not _on(_host(original.url), WIKIPEDIA_COPY_HOSTS), source.id

    def test_no_followed_claim_rests_on_wikipedia_copies_alone(self, timeline: Timeline) -> None:
        """Every followed claim cites at least one source that is not a Wikipedia mirror or proxy."""
        for event in timeline.events():
            hosts = [_host(s.url) for s in event.claim.sources]
            assert not all(_on(h, WIKIPEDIA_COPY_HOSTS) for h in hosts), event.id

    @pytest.mark.parametrize(
        ("source_id", "original_id"),
        [("enacademic-csto-entry", "enacademic-csto-entry-original")],
    )
    def test_a_proxy_copy_names_its_original(self, timeline: Timeline, source_id: str, original_id: str) -> None:
        """The proxy copy of the reference-book entry points at the page it copies."""
        assert timeline.source(source_id).original == original_id


class TestTheCorrectionsList:
    def test_the_release_has_a_corrections_file_matching_its_version(self, timeline: Timeline) -> None:
        """The record's version and release date match the corrections file of that release."""
        assert timeline.info.version is not None
        document = tomllib.loads((CHANGES / f"{timeline.info.version}.toml").read_text(encoding="utf-8"))
        assert document["release"] == timeline.info.version
        assert str(document["released"]) == str(timeline.info.released)

    def test_every_correction_names_a_record_a_known_kind_and_a_sentence(self, timeline: Timeline) -> None:
        """Each listed change names a record of the file, one of the agreed kinds, and says what changed."""
        document = tomllib.loads((CHANGES / f"{timeline.info.version}.toml").read_text(encoding="utf-8"))
        records = set(timeline.sources) | {e.id for e in timeline.events()} | {e.id.split("/")[0] for e in timeline.events()}
        assert set(document) == {"release", "released", "changes"}
        assert document["changes"]
        for change in document["changes"]:
            assert set(change) == {"record", "what", "detail"}, change
            assert change["what"] in WHAT, change
            if change["what"] not in {"event-removed", "source-removed"}:
                assert change["record"] in records, change
            assert re.fullmatch(r"\S.*[.)]", change["detail"]), change

    def test_every_source_added_to_the_record_is_listed(self, timeline: Timeline) -> None:
        """A source new in this release appears in its corrections list."""
        document = tomllib.loads((CHANGES / f"{timeline.info.version}.toml").read_text(encoding="utf-8"))
        listed = {c["record"] for c in document["changes"] if c["what"] == "source-added"}
        new = {s.id for s in timeline.sources.values() if s.accessed is not None} - _sources_of_release_010()
        assert new <= listed, sorted(new - listed)


def _sources_of_release_010() -> set[str]:
    """Source ids of release 0.1.0, read from the corrections list (every one still present is amended)."""
    document = tomllib.loads((CHANGES / "0.2.0.toml").read_text(encoding="utf-8"))
    return {c["record"] for c in document["changes"] if c["what"] == "source-amended"}
