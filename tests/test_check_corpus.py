"""The claim checker measured on labelled real texts: the five seeds and 40 passages (tests/data/check).

The labels were written from the fact sheet before the checker ran; the thresholds are the
issue's aims (90% of claims found with the right kind and states, 85% right verdicts, no false
claim called true).
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

import csto_timeline
from csto_timeline._check import check

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "check"


def _texts() -> Iterator[tuple[str, str, str, list[dict[str, object]]]]:
    seeds = tomllib.loads((DATA / "seeds.toml").read_text(encoding="utf-8"))
    for seed in seeds["seed"]:
        yield seed["path"], (ROOT / seed["path"]).read_text(encoding="utf-8"), seed["published"], seed["claim"]
    passages = tomllib.loads((DATA / "passages.toml").read_text(encoding="utf-8"))
    for passage in passages["passage"]:
        yield passage["id"], passage["text"], passage["published"], passage["claim"]


def _measure(timeline: csto_timeline.Timeline) -> dict[str, object]:
    total = found = right = false_true = extra = 0
    problems: list[str] = []
    for name, text, published, labels in _texts():
        report = check(text, published=published, timeline=timeline)
        matched: set[int] = set()
        for label in labels:
            quote = str(label["quote"])
            start = text.index(quote)
            end = start + len(quote)
            total += 1
            hit = next(
                (
                    index
                    for index, item in enumerate(report.items)
                    if index not in matched
                    and item.kind.value == label["kind"]
                    and set(item.codes) == set(label["states"])  # type: ignore[arg-type]
                    and item.start < end
                    and start < item.end
                ),
                None,
            )
            if hit is None:
                problems.append(f"missed in {name}: {label['kind']} {label['states']} {quote!r}")
                continue
            matched.add(hit)
            found += 1
            verdict = report.items[hit].verdict.value
            right += verdict == label["verdict"]
            if verdict != label["verdict"]:
                problems.append(f"verdict in {name}: {quote!r} expected {label['verdict']}, got {verdict}")
            false_true += label["verdict"] == "false" and verdict == "true"
        extra += len(report.items) - len(matched)
    return {
        "total": total,
        "found": found,
        "right": right,
        "false_true": false_true,
        "extra": extra,
        "problems": problems,
    }


@pytest.fixture(name="measured", scope="module")
def _measured(timeline: csto_timeline.Timeline) -> dict[str, object]:
    return _measure(timeline)


def test_labelled_set_is_large_and_every_quote_is_in_its_text() -> None:
    """The labelled set has at least 40 passages and 100 claims, each quote found in its text."""
    texts = list(_texts())
    assert len(texts) >= 40
    assert sum(len(labels) for _name, _text, _published, labels in texts) >= 100
    for name, text, _published, labels in texts:
        for label in labels:
            assert label["quote"] in text, (name, label["quote"])
            assert label["verdict"] in {"true", "false", "partly", "undecidable"}


def test_checker_finds_at_least_90_percent_of_claims_with_kind_and_states(measured: dict[str, object]) -> None:
    """At least 90% of the labelled claims are found with the right kind and states."""
    share = int(measured["found"]) / int(measured["total"])  # type: ignore[call-overload]
    assert share >= 0.90, (share, measured["problems"])


def test_checker_gives_at_least_85_percent_right_verdicts(measured: dict[str, object]) -> None:
    """At least 85% of all labelled claims are found and given the labelled verdict."""
    share = int(measured["right"]) / int(measured["total"])  # type: ignore[call-overload]
    assert share >= 0.85, (share, measured["problems"])


def test_no_false_claim_of_the_labelled_set_is_called_true(measured: dict[str, object]) -> None:
    """No claim labelled false comes back true."""
    assert measured["false_true"] == 0, measured["problems"]
