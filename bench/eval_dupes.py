"""Measure the duplicate rules on the shared corpora (skips cleanly when ../shared is absent).

  1. Cross-article recall on ../shared/corpus/fnc1: a brute-force reference (rapidfuzz cdist over
     every pair of paragraphs from different files, at the rule's verification threshold) against
     the LSH pipeline, both in a run (`cross_file_findings`) and through an index self-join.
  2. In-article noise on ../shared/corpus/aeb/ground-truth.json (clean article text): findings of
     duplicate-paragraph and duplicate-sentence per article; --show prints each one to inspect.

usage: python bench/eval_dupes.py [--shared DIR] [--show] [--no-reference-cache]
"""

from __future__ import annotations

import argparse
import glob
import hashlib
import json
import os
import pickle
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

from newslint.config import Config  # noqa: E402
from newslint.dupes.crossfile import cross_file_findings  # noqa: E402
from newslint.dupes.fingerprint import Params, StopList, extract  # noqa: E402
from newslint.engine import Linter, select_rules  # noqa: E402
from newslint.readers import read_document  # noqa: E402
from newslint.source import Source  # noqa: E402


def reference_pairs(norms: list[str], files: list[int], threshold: float) -> set[tuple[int, int]]:
    """Every cross-file pair with fuzz.ratio >= threshold, by brute force (length-windowed cdist)."""
    import numpy as np
    from rapidfuzz import fuzz, process

    order = sorted(range(len(norms)), key=lambda i: len(norms[i]))
    texts = [norms[i] for i in order]
    lengths = np.array([len(t) for t in texts])
    widen = 200.0 / threshold - 1.0  # ratio >= t needs len(longer) <= len(shorter) * (200/t - 1)
    out: set[tuple[int, int]] = set()
    step = 1000
    for s in range(0, len(texts), step):
        e = min(s + step, len(texts))
        hi = int(np.searchsorted(lengths, lengths[e - 1] * widen, "right"))
        m = process.cdist(texts[s:e], texts[s:hi], scorer=fuzz.ratio, score_cutoff=threshold, workers=-1)
        rows, cols = np.nonzero(m >= threshold)
        for r, c in zip(rows.tolist(), cols.tolist(), strict=True):
            a, b = order[s + r], order[s + c]
            if a != b and files[a] != files[b]:
                out.add((min(a, b), max(a, b)))
    return out


def cross_article(folder: str, cache: bool) -> None:
    paths = sorted(glob.glob(os.path.join(folder, "*.txt")))
    rules = select_rules(Config(), select=["cross-article-duplicate"])
    rule = rules[0]
    params = Params.from_options(rule.options)
    stop = StopList(params.stop_phrases)
    docs = []
    for path in paths:
        with open(path, encoding="utf-8") as fh:
            docs.append(read_document(Source(path, fh.read())))
    paras = [(d, p) for d, doc in enumerate(docs) for p in extract(doc, params, stop)]
    norms = [p.norm for _, p in paras]
    files = [d for d, _ in paras]
    threshold = rule.options.threshold
    print(f"fnc1: {len(docs)} articles, {len(paras)} paragraphs of >= {params.min_words} words")

    key = hashlib.sha1(("\n".join(norms) + f"|{threshold}").encode()).hexdigest()[:16]
    cached = os.path.join(tempfile.gettempdir(), f"newslint-fnc1-reference-{key}.pkl")
    t = time.perf_counter()
    if cache and os.path.exists(cached):
        with open(cached, "rb") as fh:
            ref = pickle.load(fh)
        print(f"reference: {len(ref)} cross-file pairs (cached in {cached})")
    else:
        ref = reference_pairs(norms, files, threshold)
        with open(cached, "wb") as fh:
            pickle.dump(ref, fh)
        print(
            f"reference: {len(ref)} cross-file pairs with ratio >= {threshold:g}, brute force "
            f"{time.perf_counter() - t:.0f} s"
        )
    ref_paras = {k for pair in ref for k in pair}

    t = time.perf_counter()
    found = cross_file_findings(docs, rule)
    elapsed = time.perf_counter() - t
    flagged = {(d, f.span.start) for d, doc in enumerate(docs) for f in found.get(doc.path, [])}
    want = {(paras[k][0], paras[k][1].start) for k in ref_paras}
    hit = len(want & flagged)
    print(f"run: {sum(map(len, found.values()))} findings in {len(found)} files, {elapsed:.1f} s")
    print(
        f"  paragraph recall {hit}/{len(want)} = {hit / max(len(want), 1):.4f}; "
        f"flagged without a reference pair: {len(flagged - want)}"
    )

    from newslint.dupes.index import Index, build

    with tempfile.TemporaryDirectory() as tmp:
        index_path = os.path.join(tmp, "fnc1.sqlite")
        t = time.perf_counter()
        stats = build([folder], index_path, params)
        built = time.perf_counter() - t
        with Index.open(index_path) as index:
            t = time.perf_counter()
            join = index.self_join(threshold, rule.options.scorer, rule.options.max_bucket)
            joined = time.perf_counter() - t
            # index paragraph ids follow the scan order, which is the sorted path order used here
            ids = [r[0] for r in index.con.execute("SELECT id FROM paragraphs ORDER BY id")]
        if len(ids) != len(paras):
            print(f"  (index holds {len(ids)} paragraphs, the run {len(paras)}: skipping pair recall)")
            return
        rep = join.rep
        linked = {(min(a, b), max(a, b)) for a, b in join.pairs.tolist()}
        got = 0
        for a, b in ref:
            ra, rb = int(rep[ids[a]]), int(rep[ids[b]])
            if ra == rb or (min(ra, rb), max(ra, rb)) in linked:
                got += 1
        print(
            f"index: build {built:.1f} s ({stats.paragraphs} paragraphs, {stats.banded} distinct), "
            f"self-join {joined:.1f} s: {join.candidates} candidate pairs, {len(join.pairs)} verified, "
            f"{join.capped} capped buckets"
        )
        print(f"  pair recall {got}/{len(ref)} = {got / max(len(ref), 1):.4f}")


def in_article(shared: str, show: bool) -> None:
    linter = Linter(select_rules(Config(), select=["duplicate-paragraph", "duplicate-sentence"]))
    with open(os.path.join(shared, "corpus", "aeb", "ground-truth.json"), encoding="utf-8") as fh:
        articles = json.load(fh)
    counts = {"duplicate-paragraph": 0, "duplicate-sentence": 0}
    with_findings = 0
    t = time.perf_counter()
    for sha, item in articles.items():
        source = Source(f"{sha[:12]}.txt", item["articleBody"])
        findings = linter.lint(read_document(source))
        with_findings += bool(findings)
        for f in findings:
            counts[f.rule] += 1
            if show:
                line, _ = source.index.location(f.span.start)
                print(f"  {source.path}:{line}: {f.rule}: {f.message}")
                print(f"      {source.text[f.span.start : f.span.end][:160]!r}")
    n = len(articles)
    total = sum(counts.values())
    fnc1 = sorted(glob.glob(os.path.join(shared, "corpus", "fnc1", "*.txt")))
    by_rule: dict[str, set[str]] = {"duplicate-paragraph": set(), "duplicate-sentence": set()}
    for path in fnc1:
        with open(path, encoding="utf-8") as fh:
            for f in linter.lint(read_document(Source(path, fh.read()))):
                by_rule[f.rule].add(path)
    print(
        f"fnc1 in-article: {len(by_rule['duplicate-paragraph'])} of {len(fnc1)} articles with "
        f"duplicate-paragraph, {len(by_rule['duplicate-sentence'])} with duplicate-sentence"
    )
    print(
        f"aeb ground truth: {n} articles, {total} findings ({total / n:.3f} per article) in "
        f"{with_findings} articles: {counts}; {time.perf_counter() - t:.1f} s"
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=os.path.join(os.path.dirname(HERE), "..", "shared"))
    ap.add_argument("--show", action="store_true", help="print every in-article finding")
    ap.add_argument("--no-reference-cache", action="store_true")
    args = ap.parse_args()
    fnc1 = os.path.join(args.shared, "corpus", "fnc1")
    if not os.path.isdir(fnc1):
        print(f"skipped: {fnc1} not found (the shared corpora are not here)")
        return 0
    if os.path.exists(os.path.join(args.shared, "corpus", "aeb", "ground-truth.json")):
        in_article(args.shared, args.show)
    cross_article(fnc1, not args.no_reference_cache)
    return 0


if __name__ == "__main__":
    sys.exit(main())
