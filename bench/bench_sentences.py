"""Sentence splitting speed in MB/s on news text (fnc1 when ../shared is present, else the bundled
examples repeated). usage: python bench/bench_sentences.py"""

from __future__ import annotations

import glob
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))

from newslint.document import split_sentences  # noqa: E402


def corpus() -> tuple[str, list[str]]:
    files = sorted(glob.glob(os.path.join(HERE, "..", "..", "shared", "corpus", "fnc1", "*.txt")))
    if not files:
        files = sorted(glob.glob(os.path.join(HERE, "..", "examples", "*.txt"))) * 200
        label = "bundled examples x200"
    else:
        label = f"fnc1 ({len(files)} articles)"
    paragraphs = []
    for path in files:
        with open(path, encoding="utf-8", errors="replace") as fh:
            paragraphs.extend(p for p in fh.read().split("\n\n") if p.strip())
    return label, paragraphs


def main() -> int:
    label, paragraphs = corpus()
    size = sum(len(p.encode("utf-8")) for p in paragraphs)
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        n = sum(len(split_sentences(p)) for p in paragraphs)
        best = min(best, time.perf_counter() - start)
    print(f"{label}: {size / 1e6:.1f} MB, {len(paragraphs):,} paragraphs, {n:,} sentences")
    print(f"split_sentences: {best:.3f} s, {size / 1e6 / best:.1f} MB/s (target >= 5 MB/s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
