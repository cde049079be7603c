"""Time the claim checker on real text of about 1,000 words (the seed articles, then labelled passages).

Run by hand: python benchmarks/bench_check.py [--runs N]. Prints the median and the fastest of
N runs (after one warm-up run that loads the record and compiles the patterns).
"""

from __future__ import annotations

import argparse
import statistics
import time
import tomllib
from pathlib import Path

import csto_timeline
from csto_timeline._check import check

ROOT = Path(__file__).resolve().parents[1]


def article(words: int = 1000) -> str:
    """Real text of at least ``words`` words: seeds 000-004, then labelled passages."""
    parts = [path.read_text(encoding="utf-8") for path in sorted((ROOT / "seeds").glob("*.txt"))]
    passages = tomllib.loads((ROOT / "tests/data/check/passages.toml").read_text(encoding="utf-8"))
    parts += [passage["text"] for passage in passages["passage"]]
    text = ""
    for part in parts:
        text += part + "\n\n"
        if len(text.split()) >= words:
            break
    return text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--words", type=int, default=1000)
    args = parser.parse_args()
    timeline = csto_timeline.load()
    text = article(args.words)
    report = check(text, published="2019-11-29", timeline=timeline)  # warm-up
    times = []
    for _ in range(args.runs):
        start = time.perf_counter()
        check(text, published="2019-11-29", timeline=timeline)
        times.append(time.perf_counter() - start)
    print(f"{len(text.split())} words, {len(text)} characters, {len(report)} claims")
    print(f"median {statistics.median(times) * 1000:.1f} ms, fastest {min(times) * 1000:.1f} ms over {args.runs} runs")


if __name__ == "__main__":
    main()
