"""Print what `analytic-comparative` reports on the shared corpora, to measure its noise.

    .venv/bin/python bench/eval_comparative.py [--lexicon PATH] [--quotes] [--quiet]

Reads ../shared/corpus/aeb/ground-truth.json and ../shared/corpus/fnc1/*.txt; skips cleanly when
they are absent. Prints each finding with a little context, then the counts per corpus.
"""

from __future__ import annotations

import argparse
import collections
import glob
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from newslint.kinds.comparative import Checker  # noqa: E402
from newslint.readers.plain import read  # noqa: E402
from newslint.ruleset import load_rule  # noqa: E402
from newslint.source import Source  # noqa: E402

CORPUS = os.path.join(os.path.dirname(ROOT), "shared", "corpus")


def articles() -> dict[str, list[tuple[str, str]]]:
    """corpus name -> [(name, text)] for the corpora that are present."""
    out: dict[str, list[tuple[str, str]]] = {}
    aeb = os.path.join(CORPUS, "aeb", "ground-truth.json")
    if os.path.exists(aeb):
        with open(aeb, encoding="utf-8") as fh:
            out["aeb"] = [(sha, v["articleBody"]) for sha, v in json.load(fh).items()]
    files = sorted(glob.glob(os.path.join(CORPUS, "fnc1", "*.txt")))
    if files:
        out["fnc1"] = []
        for path in files:
            with open(path, encoding="utf-8", errors="replace") as fh:
                out["fnc1"].append((os.path.basename(path), fh.read()))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lexicon", help="another lexicon file (default: the rule's)")
    parser.add_argument("--quotes", action="store_true", help="also report inside quotation marks")
    parser.add_argument("--quiet", action="store_true", help="counts only")
    args = parser.parse_args()
    corpora = articles()
    if not corpora:
        print(f"skipped: no corpus at {CORPUS}")
        return 0
    overrides: dict[str, object] = {"outside_quotes": not args.quotes}
    if args.lexicon:
        overrides["lexicon"] = os.path.abspath(args.lexicon)
    path = os.path.join(ROOT, "rules", "analytic-comparative.yaml")
    rule = load_rule("analytic-comparative", path, overrides)
    checker = Checker(rule)
    for name, docs in corpora.items():
        words: collections.Counter[str] = collections.Counter()
        for doc_name, text in docs:
            source = Source(doc_name, text)
            for f in checker.check(read(source)):
                words[text[f.span.start : f.span.end].lower()] += 1
                if not args.quiet:
                    line, col = source.index.location(f.span.start)
                    context = text[max(0, f.span.start - 50) : f.span.end + 40].replace("\n", " ")
                    print(f"{name}/{doc_name}:{line}:{col}: {f.message}  | {context}")
        total = sum(words.values())
        rate = 10 * total / len(docs)
        print(f"{name}: {total} findings in {len(docs)} articles ({rate:.2f} per 10 articles)")
        if words:
            print("  " + ", ".join(f"{w} x{n}" for w, n in words.most_common()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
