"""Recall of duplicate-paragraph on copies inserted into clean articles.

Each human-extracted article of ../shared/corpus/aeb/ground-truth.json with a paragraph of 15 words
or more gets, one at a time, a copy of such a paragraph inserted two paragraphs after it (or at
the end): exact, edited (one word replaced and one dropped), and truncated (its first sentence,
when that has 8 words or more and the paragraph has more than one); then one of its sentences of
12 words or more, as it is and with one word replaced, is appended to the paragraph two further
on, for duplicate-sentence to find. A copy counts as found when
duplicate-paragraph reports the inserted paragraph (copies reported by duplicate-sentence instead
are counted apart); findings of the duplicate rules elsewhere that
the clean article did not have count as noise.

    .venv/bin/python bench/eval_inserted.py [--show]
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
from newslint.document import split_sentences  # noqa: E402
from newslint.engine import Linter, select_rules  # noqa: E402
from newslint.readers import read_document  # noqa: E402
from newslint.source import Source  # noqa: E402

RULES = ["duplicate-paragraph", "duplicate-sentence"]


def variants(paragraph: str, rng: random.Random) -> dict[str, str]:
    words = paragraph.split()
    edited = list(words)
    # edit words, not figures (a copy with another figure is another fact: not reported)
    plain = [i for i in range(1, len(words) - 1) if not any(c.isdigit() for c in words[i])]
    i, j = rng.sample(plain, 2)
    edited[i] = "the" if edited[i].lower() != "the" else "a"
    del edited[j]
    out = {"exact": paragraph, "edited": " ".join(edited)}
    spans = split_sentences(paragraph)
    if len(spans) > 1:
        first = paragraph[spans[0][0] : spans[0][1]]
        if len(first.split()) >= 8:
            out["truncated"] = first
    return out


def findings(linter: Linter, text: str) -> set[tuple[str, int]]:
    source = Source("article.txt", text)
    return {(f.rule, source.index.location(f.span.start)[0]) for f in linter.lint(read_document(source))}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--show", action="store_true", help="print the copies that were missed")
    args = ap.parse_args()
    if not os.path.isdir(os.path.join(SHARED, "aeb")):
        print("skipped: ../shared/corpus/aeb is not present")
        return 0
    linter = Linter(select_rules(Config(), select=RULES))
    rng = random.Random(7)
    found: collections.Counter = collections.Counter()
    tried: collections.Counter = collections.Counter()
    as_sentence: collections.Counter = collections.Counter()  # reported, as a repeated sentence
    noise = 0
    start = time.perf_counter()
    for sha, body in articles("aeb"):
        paragraphs = [p.strip() for p in body.split("\n\n") if p.strip()]
        long = [i for i, p in enumerate(paragraphs) if len(p.split()) >= 15 and "\n" not in p]
        if not long:
            continue
        k = rng.choice(long)
        clean = findings(linter, "\n\n".join(paragraphs) + "\n")
        for form, copy in variants(paragraphs[k], rng).items():
            at = min(k + 3, len(paragraphs))
            text_paragraphs = paragraphs[:at] + [copy] + paragraphs[at:]
            line = sum(p.count("\n") + 2 for p in paragraphs[:at]) + 1  # the copy's line
            got = findings(linter, "\n\n".join(text_paragraphs) + "\n")
            tried[form] += 1
            if ("duplicate-paragraph", line) in got:
                found[form] += 1
            elif ("duplicate-sentence", line) in got:
                as_sentence[form] += 1
            elif args.show:
                print(f"missed {form} in {sha[:12]}: {copy[:100]!r}")
            shift = {(r, n + 2 if n >= line else n) for r, n in clean}
            noise += len({f for f in got if f[1] != line} - shift)
        # a sentence of the paragraph appended to another paragraph further on
        t = min(k + 2, len(paragraphs) - 1)
        sentences = [paragraphs[k][a:b] for a, b in split_sentences(paragraphs[k])]
        sentences = [x for x in sentences if len(x.split()) >= 12]
        ends = paragraphs[t].rstrip()[-1:] in (".", "!", "?", '"', "”")  # else the copy runs on
        if t == k or "\n" in paragraphs[t] or not ends or not sentences:
            continue
        sentence = rng.choice(sentences)
        words = sentence.split()
        plain = [i for i in range(1, len(words) - 1) if not any(c.isdigit() for c in words[i])]
        edited = list(words)
        edited[rng.choice(plain)] = "the"
        line = sum(p.count("\n") + 2 for p in paragraphs[:t]) + 1
        for form, copy in (("sentence", sentence), ("sentence edited", " ".join(edited))):
            text_paragraphs = paragraphs[:t] + [f"{paragraphs[t]} {copy}"] + paragraphs[t + 1 :]
            got = findings(linter, "\n\n".join(text_paragraphs) + "\n")
            tried[form] += 1
            if ("duplicate-sentence", line) in got:
                found[form] += 1
            elif args.show:
                print(f"missed {form} in {sha[:12]}: {copy[:100]!r}")
            noise += len({f for f in got if f[1] != line} - clean)
    elapsed = time.perf_counter() - start
    print(f"aeb: copies inserted into {tried['exact']} clean articles, {elapsed:.1f} s")
    for form in ("exact", "edited", "truncated"):
        n = tried[form]
        line = f"  {form:<16} duplicate-paragraph {found[form]}/{n} = {found[form] / n:.3f}"
        print(line + (f"; duplicate-sentence instead {as_sentence[form]}" if as_sentence[form] else ""))
    for form in ("sentence", "sentence edited"):
        n = tried[form]
        print(f"  {form:<16} duplicate-sentence {found[form]}/{n} = {found[form] / n:.3f}")
    print(f"  new findings elsewhere (noise): {noise}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
