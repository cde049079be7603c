"""Result objects: deterministic reprs for doctests, HTML for notebooks."""

from __future__ import annotations

from pathlib import Path

import csto_timeline
from csto_timeline import Timeline


def test_reprs_are_deterministic_across_loads(timeline: Timeline) -> None:
    fresh = csto_timeline.load(Path(__file__).resolve().parents[1] / "data" / "csto.toml")  # no shared caches
    assert fresh is not timeline
    for query in (lambda t: t.members_on("2012"), lambda t: t.history("UZB"), lambda t: t.explain("ARM", "2025")):
        assert repr(query(fresh)) == repr(query(timeline))
    assert "0x" not in repr(timeline.explain("UZB", "2010-01-01"))
    assert "0x" not in repr(timeline.history("UZB"))


def test_every_result_has_html_that_escapes_text(timeline: Timeline) -> None:
    results = [
        timeline,
        timeline.members_on("2012"),
        timeline.history("UZB"),
        timeline.history("UZB")[0],
        timeline.explain("UZB", "2012"),
    ]
    for result in results:
        markup = result._repr_html_()
        assert markup.startswith("<")
        assert "<script" not in markup
    assert "&lt;" in timeline.explain("UZB", "2010-01-01")._repr_html_()  # the <url> of a source is escaped


def test_a_member_set_is_immutable(timeline: Timeline) -> None:
    members = timeline.members_on("2010-01-01")
    try:
        members.org = "CST"  # type: ignore[misc]
    except AttributeError:
        pass
    else:  # pragma: no cover - the assertion below reports it
        raise AssertionError("MemberSet.org could be reassigned")
    assert members.org == "alliance"
