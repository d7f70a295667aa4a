"""How much of each page's human-extracted article text the HTML reader's blocks cover.

Runs newslint's HTML reader on the article-extraction-benchmark pages in ../shared/corpus/aeb and
scores every page against ground-truth.json by word tokens (a multiset):
recall = ground-truth words found in the blocks, precision = block words found in the ground truth.
Prints the medians, the worst pages, and the reader's speed.

    .venv/bin/python bench/eval_html.py [--pages] [--worst N] [--show SHA]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import statistics
import sys
import time
from collections import Counter

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from newslint.readers.html import read  # noqa: E402
from newslint.source import Source  # noqa: E402

AEB = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "corpus", "aeb")
_WORD = re.compile(r"\w+")


def words(text: str) -> Counter:
    return Counter(_WORD.findall(text.lower()))


def overlap(truth: str, extracted: str) -> tuple[float, float]:
    """(recall, precision) of word tokens; an empty side scores 1.0 when the other is empty too."""
    t, e = words(truth), words(extracted)
    common = sum((t & e).values())
    nt, ne = sum(t.values()), sum(e.values())
    return (common / nt if nt else 1.0), (common / ne if ne else float(not nt))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", action="store_true", help="print the scores of every page")
    ap.add_argument("--worst", type=int, default=10, help="how many of the worst pages to list")
    ap.add_argument("--show", help="print the blocks extracted from the page with this sha (prefix)")
    args = ap.parse_args()
    truth_path = os.path.join(AEB, "ground-truth.json")
    if not os.path.exists(truth_path):
        print(f"skipped: {os.path.normpath(AEB)} is absent (the aeb corpus lives in ../shared)")
        return 0
    with open(truth_path, encoding="utf-8") as fh:
        truth = json.load(fh)
    pages = []
    for sha in sorted(truth):
        if args.show and not sha.startswith(args.show):
            continue
        with gzip.open(os.path.join(AEB, "html", f"{sha}.html.gz"), "rb") as fh:
            pages.append((sha, fh.read().decode("utf-8", "replace")))
    rows, elapsed, size = [], 0.0, 0
    for sha, html in pages:
        t0 = time.perf_counter()
        doc = read(Source(f"{sha}.html", html))
        elapsed += time.perf_counter() - t0
        size += len(html.encode("utf-8"))
        text = "\n\n".join(b.text for b in doc.blocks)
        rows.append((sha, *overlap(truth[sha]["articleBody"], text), len(doc.blocks)))
        if args.show:
            print(f"title: {doc.title!r}")
            for b in doc.blocks:
                print(f"[{b.kind}] {b.text}")
    if args.pages:
        print("recall precision blocks sha")
        for sha, r, p, nb in rows:
            print(f"{r:.3f} {p:.3f} {nb:4d} {sha}")
    recall = [r[1] for r in rows]
    precision = [r[2] for r in rows]
    f1 = [2 * r * p / (r + p) if r + p else 0.0 for _, r, p, _ in rows]
    print(f"pages: {len(rows)}")
    print(f"median recall {statistics.median(recall):.3f}  mean {statistics.mean(recall):.3f}")
    print(f"median precision {statistics.median(precision):.3f}  mean {statistics.mean(precision):.3f}")
    print(f"median F1 {statistics.median(f1):.3f}  mean {statistics.mean(f1):.3f}")
    print(f"pages with recall >= 0.95: {sum(r >= 0.95 for r in recall)}/{len(rows)}")
    print(f"speed: {size / 1e6:.1f} MB in {elapsed:.2f} s = {size / 1e6 / elapsed:.1f} MB/s")
    print(f"\nworst {args.worst} by F1 (recall, precision, blocks, sha, url):")
    for (sha, r, p, nb), _ in sorted(zip(rows, f1, strict=True), key=lambda x: x[1])[: args.worst]:
        print(f"  {r:.2f} {p:.2f} {nb:4d} {sha[:12]} {truth[sha].get('url', '')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
