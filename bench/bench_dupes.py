"""Scale bench for cross-article duplicates: synthetic archive -> index build -> self-join -> query.

Generates articles of synthetic news-like paragraphs (Zipf-distributed pseudo-words, 20-80 words
each) with injected near-duplicates (a paragraph copied into a later article with 1-3 word edits),
exact copies, and a family of templated boilerplate paragraphs that lands in over-full LSH
buckets. Then it times `index build` + self-join, measures the recall of the injected pairs whose
true fuzz.ratio reaches the verification threshold, reports peak memory, and times
`newslint check --index` on one new article (a fresh process, imports included).

usage: python bench/bench_dupes.py [--paragraphs 1000000] [--jobs 2] [--keep DIR]
Targets (2 cores): 1M paragraphs built and self-joined < 180 s, peak memory < 4 GB,
recall >= 0.97, one article checked against the index < 1 s.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, ROOT)

PER_ARTICLE = 20
SYLLABLES = [c + v for c in "bdfgklmnprstvz" for v in "aeiou"]
TEMPLATE = (
    "Readers with questions about this story can write to {name} at the newsroom, and letters may be "
    "edited for length and clarity before they are published in print or online."
)


def vocabulary(rng, n: int) -> list[str]:
    words = set()
    while len(words) < n:
        k = int(rng.integers(1, 5))
        words.add("".join(rng.choice(SYLLABLES, k)))
    return sorted(words)


def generate(n_paragraphs: int, folder: str, seed: int = 7) -> tuple[list[tuple[int, int]], str, list[str]]:
    """Write the archive; return injected (original, copy) paragraph numbers, a query article, the texts."""
    import numpy as np

    rng = np.random.default_rng(seed)
    vocab = np.array(vocabulary(rng, 40_000), dtype=object)
    ranks = np.arange(1, len(vocab) + 1)
    p = 1.0 / ranks**1.05
    p /= p.sum()
    lengths = rng.integers(20, 81, n_paragraphs)
    words = rng.choice(len(vocab), int(lengths.sum()), p=p)
    cuts = np.concatenate(([0], np.cumsum(lengths)))
    paras: list[str] = [" ".join(vocab[words[cuts[i] : cuts[i + 1]]]) for i in range(n_paragraphs)]
    for i in range(n_paragraphs):
        paras[i] = paras[i][0].upper() + paras[i][1:] + "."
    injected: list[tuple[int, int]] = []
    n_near, n_exact, n_template = n_paragraphs // 50, n_paragraphs // 200, n_paragraphs // 500
    targets = rng.choice(
        np.arange(PER_ARTICLE * 10, n_paragraphs), n_near + n_exact + n_template, replace=False
    )
    for t, copy in enumerate(targets.tolist()):
        if t < n_near + n_exact:
            orig = int(rng.integers(0, copy - copy % PER_ARTICLE))  # a paragraph of an earlier article
            text = paras[orig].rstrip(".").split()
            if t < n_near:
                for _ in range(int(rng.integers(1, 4))):
                    j = int(rng.integers(0, len(text)))
                    op = int(rng.integers(0, 3))
                    if op == 0:
                        text[j] = str(vocab[rng.choice(len(vocab), p=p)])
                    elif op == 1 and len(text) > 20:
                        del text[j]
                    else:
                        text.insert(j, str(vocab[rng.choice(len(vocab), p=p)]))
            paras[copy] = " ".join(text) + "."
            injected.append((orig, copy))
        else:
            paras[copy] = TEMPLATE.format(name=str(vocab[int(rng.integers(0, len(vocab)))]).title())
    for a in range(0, n_paragraphs, PER_ARTICLE):
        path = os.path.join(folder, f"{a // PER_ARTICLE // 1000:03d}", f"{a // PER_ARTICLE:07d}.txt")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(f"Article {a // PER_ARTICLE}\n\n" + "\n\n".join(paras[a : a + PER_ARTICLE]) + "\n")
    orig, copy = injected[0]
    query = "Breaking story\n\n" + "\n\n".join([paras[copy], paras[(orig + 7) % n_paragraphs]]) + "\n"
    return injected, query, paras


def path_line(n: int, folder: str) -> tuple[str, int]:
    a = n // PER_ARTICLE
    return os.path.join(folder, f"{a // 1000:03d}", f"{a:07d}.txt"), 3 + 2 * (n % PER_ARTICLE)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--paragraphs", type=int, default=1_000_000)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--keep", help="generate into (or reuse) this folder and keep it")
    args = ap.parse_args()

    from rapidfuzz import fuzz, process
    from rapidfuzz.utils import default_process

    from newslint.config import Config
    from newslint.dupes import index as store
    from newslint.dupes.fingerprint import Params
    from newslint.engine import select_rules

    rule = select_rules(Config(), select=["cross-article-duplicate"])[0]
    o = rule.options
    params = Params.from_options(o)
    work = args.keep or tempfile.mkdtemp(prefix="newslint-bench-")
    folder = os.path.join(work, "archive")
    t = time.perf_counter()
    if os.path.isdir(folder):
        shutil.rmtree(folder)
    injected, query_text, paras = generate(args.paragraphs, folder)
    print(
        f"generated {args.paragraphs:,} paragraphs in {args.paragraphs // PER_ARTICLE:,} files, "
        f"{len(injected):,} injected copies: {time.perf_counter() - t:.0f} s"
    )

    norm = [" ".join(default_process(paras[a]).split()) for a, _ in injected]
    norm_b = [" ".join(default_process(paras[b]).split()) for _, b in injected]
    true_scores = process.cpdist(norm, norm_b, scorer=fuzz.ratio, workers=-1)
    del norm, norm_b
    wanted = [pair for pair, s in zip(injected, true_scores.tolist(), strict=True) if s >= o.threshold]
    del paras

    index_path = os.path.join(work, "index.sqlite")
    t0 = time.perf_counter()
    stats = store.build([folder], index_path, params, jobs=args.jobs)
    t1 = time.perf_counter()
    with store.Index.open(index_path) as index:
        join = index.self_join(o.threshold, o.scorer, o.max_bucket)
        t2 = time.perf_counter()
        ids = {}
        for pid, path, line in index.con.execute(
            "SELECT p.id, f.path, p.line FROM paragraphs p JOIN files f ON f.id = p.file"
        ):
            ids[(path, line)] = pid
    linked = set(map(tuple, join.pairs.tolist()))
    got = 0
    for a, b in wanted:
        ra, rb = (int(join.rep[ids[path_line(n, folder)]]) for n in (a, b))
        got += ra == rb or (min(ra, rb), max(ra, rb)) in linked
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    peak_children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    size = os.path.getsize(index_path) / 2**20
    print(
        f"build: {t1 - t0:.1f} s ({stats.paragraphs:,} paragraphs, {stats.banded:,} distinct, "
        f"{stats.paragraphs / (t1 - t0):,.0f} paragraphs/s), index {size:,.0f} MiB"
    )
    print(
        f"self-join: {t2 - t1:.1f} s, {join.candidates:,} candidate pairs, {len(join.pairs):,} verified, "
        f"{join.capped:,} over-full buckets capped"
    )
    print(f"build + self-join: {t2 - t0:.1f} s wall (target < 180 s for 1M)")
    print(
        f"recall of injected copies with ratio >= {o.threshold:g}: {got:,}/{len(wanted):,} = "
        f"{got / max(len(wanted), 1):.4f} (target >= 0.97)"
    )
    print(f"peak memory: main {peak:,.0f} MiB, largest worker {peak_children:,.0f} MiB (target < 4096)")

    article = os.path.join(work, "new-article.txt")
    with open(article, "w", encoding="utf-8") as fh:
        fh.write(query_text)
    for select in (["--select", "cross-article-duplicate"], []):
        cmd = [sys.executable, "-m", "newslint", "check", "--index", index_path, *select, article]
        t = time.perf_counter()
        run = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
        wall = time.perf_counter() - t
        hits = run.stdout.count("cross-article-duplicate")
        what = "cross-article rule only" if select else "all rules"
        print(
            f"check --index, one article ({what}): {wall:.2f} s wall, exit {run.returncode}, "
            f"{hits} cross-article finding(s) (target < 1 s)"
        )
        if run.returncode not in (0, 1):
            print(run.stderr)
    if not args.keep:
        shutil.rmtree(work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
