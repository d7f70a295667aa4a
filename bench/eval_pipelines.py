"""Cross-article duplicates between two extraction pipelines of the same articles.

Each of the 181 article-extraction-benchmark pages in ../shared/corpus/aeb is checked twice in one
run: as the HTML page (newslint's HTML reader) and as the human-extracted text (plain text, as
another pipeline would save it). Every article's two versions should be linked by
cross-article-duplicate, and nothing else should be. Prints how many articles are linked to their
own other version, the share of the text version's paragraphs (of min_words words or more) that
are flagged with a copy in their own page, and the findings that link different articles.

    .venv/bin/python bench/eval_pipelines.py [--missed]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from newslint.config import Config  # noqa: E402
from newslint.dupes.crossfile import Collector, cross_file_findings  # noqa: E402
from newslint.dupes.fingerprint import StopList, paragraphs  # noqa: E402
from newslint.engine import select_rules  # noqa: E402
from newslint.readers import read_document  # noqa: E402
from newslint.source import Source  # noqa: E402

AEB = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "corpus", "aeb")


def pages() -> list[tuple[str, str, str]]:
    """(id, html, human text) of each page."""
    with open(os.path.join(AEB, "ground-truth.json"), encoding="utf-8") as fh:
        truth = json.load(fh)
    out = []
    for sha, entry in sorted(truth.items()):
        path = os.path.join(AEB, "html", f"{sha}.html.gz")
        if not os.path.exists(path):
            continue
        with gzip.open(path, "rb") as fh:
            html = fh.read().decode("utf-8", errors="replace")
        out.append((sha[:12], html, entry["articleBody"]))
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--missed", action="store_true", help="list the articles not linked to their page")
    args = ap.parse_args()
    if not os.path.isdir(AEB):
        print("skipped: ../shared/corpus/aeb is not present")
        return 0
    rule = next(r for r in select_rules(Config()) if r.id == "cross-article-duplicate")
    start = time.perf_counter()
    docs = []
    for sha, html, text in pages():
        docs.append(read_document(Source(f"{sha}.html", html)))
        docs.append(read_document(Source(f"{sha}.txt", text)))
    found = cross_file_findings(docs, rule)
    elapsed = time.perf_counter() - start
    params = Collector.for_run(rule).params
    stop = StopList(params.stop_phrases)
    linked = wrong = flagged = comparable = 0
    missed = []
    for doc in docs[1::2]:
        sha = doc.path[:12]
        comparable += sum(1 for _ in paragraphs(doc, params, stop))
        own = [f for f in found.get(doc.path, []) if any(r.path.startswith(sha) for r in f.related)]
        wrong += len(found.get(doc.path, [])) - len(own)
        flagged += len(own)
        linked += bool(own)
        if not own:
            missed.append(sha)
    n = len(docs) // 2
    print(f"aeb: {n} articles as HTML and as text, cross-article run {elapsed:.2f} s")
    print(f"  text linked to its own page: {linked}/{n} = {linked / n:.3f}")
    share = flagged / comparable
    print(f"  paragraphs flagged with a copy in their page: {flagged}/{comparable} = {share:.3f}")
    print(f"  findings linking different articles: {wrong}")
    if args.missed:
        print("  not linked:", " ".join(missed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
