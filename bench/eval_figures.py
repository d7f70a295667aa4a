"""conflicting-figures on real copy: noise (findings per 50 articles) on the 181 edited articles of
../shared/corpus/aeb/ground-truth.json and the 2,587 of fnc1/, every finding with its two mentions
for inspection, and the speed in ms per paragraph. Skips when ../shared is absent.

usage: python bench/eval_figures.py [--corpus aeb|fnc1|all] [--mentions] [--quiet] [--repeat N]

The speed is of the first pass over the corpus, sentences split beforehand (the document model's
cost, shared by all rules); with --repeat N also the fastest of N passes, when the lower-cased
texts other rules share are cached too.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..")
SHARED = os.path.join(ROOT, "..", "shared", "corpus")
sys.path.insert(0, ROOT)
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from eval_noise import articles  # noqa: E402

from newslint.kinds.figures import Checker  # noqa: E402
from newslint.readers.plain import read  # noqa: E402
from newslint.ruleset import load_rule  # noqa: E402
from newslint.source import Source  # noqa: E402


def run(corpus: str, checker: Checker, quiet: bool, show_mentions: bool, repeat: int = 1) -> None:
    docs = [(name, read(Source(name, text))) for name, text in articles(corpus)]
    paragraphs = sum(len(doc.blocks) for _, doc in docs)
    for _, doc in docs:  # sentence splitting is the document model's cost, shared by all rules
        for block in doc.blocks:
            block.sentences  # noqa: B018
    findings = []
    start = time.perf_counter()
    for name, doc in docs:
        findings.extend((name, doc, f) for f in checker.check(doc))
    elapsed = time.perf_counter() - start
    passes = [elapsed]
    for _ in range(repeat - 1):
        start = time.perf_counter()
        for _name, doc in docs:
            for _finding in checker.check(doc):
                pass
        passes.append(time.perf_counter() - start)
    mentions = 0
    for name, doc in docs:
        for block in doc.blocks:
            found = checker.extractor.mentions(
                block.text, lambda b=block: [(s.start, s.end) for s in b.sentences]
            )
            mentions += len(found)
            if show_mentions:
                for m in found:
                    print(f"  {name}: {m.text!r} {m.key} subject={m.subject!r}")
    if not quiet:
        for name, doc, f in findings:
            line, col = doc.source.index.location(f.span.start)
            print(f"{name}:{line}:{col}: {f.message}")
            for where, ln in (("later", line), ("earlier", f.related[0].line)):
                print(f"    {where:>7} | {doc.source.line_text(ln)[:300]}")
    n = len(docs)
    print(
        f"{corpus}: {n} articles, {paragraphs} paragraphs, {mentions} comparable mentions, "
        f"{len(findings)} findings = {len(findings) / n * 50:.2f} per 50 articles; "
        f"{elapsed * 1000 / paragraphs:.3f} ms per paragraph ({elapsed:.2f} s"
        + (f"; fastest of {repeat}: {min(passes):.2f} s)" if repeat > 1 else ")")
    )


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default="all", choices=["aeb", "fnc1", "all"])
    ap.add_argument("--quiet", action="store_true", help="only the summary lines")
    ap.add_argument("--mentions", action="store_true", help="list every comparable mention")
    ap.add_argument("--repeat", type=int, default=1, help="time N passes, report the fastest too")
    args = ap.parse_args()
    if not os.path.isdir(SHARED):
        print("skipped: ../shared/corpus is not present")
        return 0
    checker = Checker(
        load_rule("conflicting-figures", os.path.join(ROOT, "rules", "conflicting-figures.yaml"))
    )
    for corpus in ("aeb", "fnc1") if args.corpus == "all" else (args.corpus,):
        run(corpus, checker, args.quiet, args.mentions, max(1, args.repeat))
    return 0


if __name__ == "__main__":
    sys.exit(main())
