"""Seconds each rule takes on a corpus, single process (where a full run spends its time).

usage: python bench/profile_rules.py [--corpus fnc1|aeb] [--limit N]
"""

from __future__ import annotations

import argparse
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from eval_noise import SHARED, articles  # noqa: E402

from newslint.config import Config  # noqa: E402
from newslint.engine import RUN_LEVEL_KINDS, select_rules  # noqa: E402
from newslint.readers import read_document  # noqa: E402
from newslint.ruleset import kind_module  # noqa: E402
from newslint.source import Source  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default="fnc1")
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args()
    if not os.path.isdir(SHARED):
        print("skipped: ../shared/corpus is not present")
        return 0
    docs_text = articles(args.corpus)[: args.limit or None]
    start = time.perf_counter()
    docs = [read_document(Source(name, text)) for name, text in docs_text]
    print(f"{'read':<24} {time.perf_counter() - start:6.3f} s")
    start = time.perf_counter()
    for d in docs:
        for b in d.blocks:
            b.sentences  # noqa: B018 - cached, shared by the rules that need it
    print(f"{'split sentences':<24} {time.perf_counter() - start:6.3f} s")
    total = 0.0
    for rule in select_rules(Config()):
        if rule.kind in RUN_LEVEL_KINDS:
            continue
        checker = kind_module(rule.kind, rule.path).Checker(rule)
        start = time.perf_counter()
        n = sum(1 for d in docs for _ in checker.check(d))
        elapsed = time.perf_counter() - start
        total += elapsed
        print(f"{rule.id:<24} {elapsed:6.3f} s  {n:5} findings")
    print(f"{'all rules':<24} {total:6.3f} s on {len(docs)} articles")
    return 0


if __name__ == "__main__":
    sys.exit(main())
