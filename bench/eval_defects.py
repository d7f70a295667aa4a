"""Recall of the pattern rules on defects inserted into clean, professionally edited articles.

Each human-extracted article of ../shared/corpus/aeb/ground-truth.json gets, one at a time, each
defect below (written for this bench, in the style of a wire story): a sentence appended to one
of its paragraphs, or a line of its own between two paragraphs. A defect counts as found when its
rule reports the inserted text; findings elsewhere that the clean article did not have count as
noise.

    .venv/bin/python bench/eval_defects.py [--show]
"""

from __future__ import annotations

import argparse
import collections
import os
import random
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from eval_noise import SHARED, articles  # noqa: E402

from newslint.config import Config  # noqa: E402
from newslint.engine import Linter, select_rules  # noqa: E402
from newslint.readers import read_document  # noqa: E402
from newslint.source import Source  # noqa: E402

# (rule, where: "sentence" appended to a paragraph or "line" of its own, text, the part flagged)
DEFECTS = [
    ("stray-marker", "line", "Advertisement", "Advertisement"),
    ("stray-marker", "line", "Read more: Harbour strike talks resume", "Read more"),
    ("stray-marker", "line", "Story continues below advertisement", "Story continues"),
    ("stray-marker", "line", "Image via Reuters", "Image via"),
    ("orphan-headline", "line", "Harbour Strike Talks Resume As Union Softens Pay Demand", "Harbour Strike"),
    ("analytic-comparative", "sentence", "Officials said talks would be more hard this year.", "more hard"),
    ("common-confusion", "sentence", "Critics said the council could of stopped the strike.", "could of"),
    ("common-confusion", "sentence", "She was described has having a quick temper.", "has having"),
    ("common-confusion", "sentence", "The union said the the deal was fair.", "the the"),
    ("broken-possessive", "sentence", "Rivera s office declined to comment on Tuesday.", "Rivera s"),
    ("hyphen-spacing", "sentence", "The US -backed plan passed on Tuesday.", "US -backed"),
    ("editorializing", "sentence", "The plan is clearly a disaster for the port.", "clearly"),
    ("stray-marker", "line", "Share this:", "Share"),
    ("stray-marker", "line", "Tweet", "Tweet"),
    ("stray-marker", "line", "Related: Port strike enters second week", "Related"),
    ("stray-marker", "line", "Click here to subscribe to our newsletter", "Click here"),
    ("stray-marker", "line", "Sign up for our daily briefing", "Sign up"),
    ("stray-marker", "line", "Follow us on Twitter", "Follow us"),
    ("stray-marker", "line", "Continue reading below", "Continue reading"),
    ("stray-marker", "line", "Photo: Jane Doe/Reuters", "Photo"),
    ("analytic-comparative", "sentence", "It was the most hard of all its strikes.", "most hard"),
    ("analytic-comparative", "sentence", "The talks are now more harder than before.", "more harder"),
    ("common-confusion", "sentence", "The mayor said the council should of acted sooner.", "should of"),
    ("common-confusion", "sentence", "Dock workers would of walked out anyway, he said.", "would of"),
    ("broken-possessive", "sentence", "The talks moved to Geneva at Lavrov s request.", "Lavrov s"),
    ("hyphen-spacing", "sentence", "The U.S. -Russia talks ended on Friday.", "U.S. -Russia"),
    ("editorializing", "sentence", "The mayor is really enthusiastic about the deal.", "really"),
    ("editorializing", "sentence", "Obviously, the strike will hurt exporters.", "Obviously"),
    ("number-agreement", "sentence", "Numerous rebel faction joined the protest.", "Numerous rebel faction"),
]


def findings(linter: Linter, text: str) -> list[tuple[str, int, int, str]]:
    source = Source("article.txt", text)
    out = []
    for f in linter.lint(read_document(source)):
        line, column = source.index.location(f.span.start)
        out.append((f.rule, line, column, text[f.span.start : f.span.end]))
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--show", action="store_true", help="print the defects that were missed")
    args = ap.parse_args()
    if not os.path.isdir(os.path.join(SHARED, "aeb")):
        print("skipped: ../shared/corpus/aeb is not present")
        return 0
    rules = sorted({d[0] for d in DEFECTS})
    linter = Linter(select_rules(Config(), select=rules))
    rng = random.Random(11)
    found: collections.Counter = collections.Counter()
    tried: collections.Counter = collections.Counter()
    noise = 0
    start = time.perf_counter()
    for sha, body in articles("aeb"):
        paragraphs = [p.strip() for p in body.split("\n\n") if p.strip()]
        # a one-line paragraph in the body that ends a sentence, with a paragraph after it
        spots = [
            i
            for i, p in enumerate(paragraphs[1:-1], 1)
            if "\n" not in p and len(p.split()) >= 8 and p[-1] in '.!?"”'
        ]
        if not spots:
            continue
        k = rng.choice(spots)
        clean = collections.Counter((r, t) for r, _, _, t in findings(linter, "\n\n".join(paragraphs) + "\n"))
        line = sum(p.count("\n") + 2 for p in paragraphs[:k]) + 1  # paragraph k's line
        for rule, where, defect, flagged in DEFECTS:
            if where == "line":
                changed = [*paragraphs[: k + 1], defect, *paragraphs[k + 1 :]]
                at = (line + 2, 1)
            else:
                changed = [*paragraphs[:k], f"{paragraphs[k]} {defect}", *paragraphs[k + 1 :]]
                at = (line, len(paragraphs[k]) + 2 + defect.index(flagged))
            got = findings(linter, "\n\n".join(changed) + "\n")
            key = f"{rule}: {defect}"
            tried[key] += 1
            if any(r == rule and (ln, col) == at for r, ln, col, _ in got):
                found[key] += 1
            elif args.show:
                print(f"missed in {sha[:12]}: {key} | {[g for g in got if g[1] == at[0]]}")
            noise += sum((collections.Counter((r, t) for r, ln, _, t in got if ln != at[0]) - clean).values())
    elapsed = time.perf_counter() - start
    print(f"aeb: defects inserted into {max(tried.values(), default=0)} clean articles, {elapsed:.1f} s")
    for key in tried:
        print(f"  {found[key]:>4}/{tried[key]} = {found[key] / tried[key]:.3f}  {key}")
    total_found, total = sum(found.values()), sum(tried.values())
    print(f"  all: {total_found}/{total} = {total_found / total:.3f}; new findings elsewhere: {noise}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
