"""Noise on professionally edited copy: findings per article, by rule, on the 181 human-extracted
articles of ../shared/corpus/aeb/ground-truth.json (and optionally fnc1). Skips when absent.

usage: python bench/eval_noise.py [--show RULE] [--corpus aeb|fnc1] [--rules a,b]
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.join(HERE, "..", "..", "shared", "corpus")
sys.path.insert(0, os.path.join(HERE, ".."))

from newslint.config import Config  # noqa: E402
from newslint.engine import Linter, select_rules  # noqa: E402
from newslint.readers import read_document  # noqa: E402
from newslint.source import Source  # noqa: E402

# the pattern rules' target (< 1 finding per 10 articles) leaves out quote-punctuation (house style)
# and the rules of later issues, which have targets of their own
EXCLUDED_FROM_BUDGET = {
    "quote-punctuation",
    "duplicate-paragraph",
    "duplicate-sentence",
    "conflicting-figures",
}


def articles(corpus: str) -> list[tuple[str, str]]:
    if corpus == "aeb":
        path = os.path.join(SHARED, "aeb", "ground-truth.json")
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
        return [(sha + ".txt", item["articleBody"]) for sha, item in sorted(data.items())]
    folder = os.path.join(SHARED, corpus)
    out = []
    for name in sorted(os.listdir(folder)):
        if name.endswith(".txt"):
            with open(os.path.join(folder, name), encoding="utf-8", errors="replace") as fh:
                out.append((name, fh.read()))
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default="aeb")
    ap.add_argument("--show", default="", help="print every finding of these rules (comma-separated)")
    ap.add_argument("--rules", default="", help="only these rules")
    ap.add_argument("--no-figures-dupes", action="store_true")
    args = ap.parse_args()
    if not os.path.isdir(SHARED):
        print("skipped: ../shared/corpus is not present")
        return 0
    docs = articles(args.corpus)
    rules = select_rules(Config(), select=[r for r in args.rules.split(",") if r] or None)
    rules = [r for r in rules if r.kind != "cross_file"]
    linter = Linter(rules)
    show = set(filter(None, args.show.split(",")))
    by_rule: collections.Counter = collections.Counter()
    start = time.perf_counter()
    for name, text in docs:
        source = Source(name, text)
        for f in linter.lint(read_document(source)):
            by_rule[f.rule] += 1
            if f.rule in show or "all" in show:
                line, col = source.index.location(f.span.start)
                flagged = text[f.span.start : f.span.end][:80].replace("\n", "⏎")
                context = source.line_text(line)[max(0, col - 60) : col + 80]
                print(f"{name}:{line}:{col} {f.rule}: [{flagged}] … {context}")
    elapsed = time.perf_counter() - start
    n = len(docs)
    budget = sum(c for r, c in by_rule.items() if r not in EXCLUDED_FROM_BUDGET)
    print(f"\n{args.corpus}: {n} articles, {elapsed:.2f} s")
    for rule, count in by_rule.most_common():
        print(f"  {rule:<26} {count:>5}  {count / n * 10:.2f} per 10 articles")
    label = "pattern rules (quote-punctuation, duplicates and figures aside)"
    print(f"  {label}: {budget}, {budget / n * 10:.2f} per 10 articles (target < 1)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
