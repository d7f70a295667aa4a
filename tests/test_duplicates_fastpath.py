"""duplicate-paragraph/-sentence fast paths against a straightforward reference, on articles we
generate with exact, edited, reordered, truncated and contained copies and many near misses:
_candidates against the inverted-index loop it replaced, and the units the rules keep (only those
that have a candidate or are one) against every unit, with the copies found from each."""

from __future__ import annotations

import os
import random
from collections import Counter
from dataclasses import replace
from itertools import chain

import pytest

from newslint.kinds import duplicates
from newslint.kinds.duplicates import _COMMON, find_copies, make_unit
from newslint.readers.plain import read
from newslint.ruleset import load_rule
from newslint.source import Source

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RULES = {
    name: load_rule(name, os.path.join(ROOT, "rules", f"{name}.yaml"))
    for name in ("duplicate-paragraph", "duplicate-sentence")
}
COMMON = sorted(_COMMON)
CONTENT = (
    "council harbour bridge repairs drivers coast road ferry minister budget teachers nurse school "
    "strike port terminal union vote police storm flood river mayor court judge trial company "
    "shares market price fuel tax wage hospital doctor patient virus vaccine border army"
).split()


def reference_candidates(
    token_sets: list[frozenset[str]], overlap: float, repeated: set[str] | None = None
) -> list[list[int]]:
    """The candidates as computed before the fast path: a Python loop over an inverted index.
    Repeated words: those in more than one of the sets, unless given."""
    if repeated is None:
        repeated = repeated_words(token_sets)
    out: list[list[int]] = [[] for _ in token_sets]
    postings: dict[str, list[int]] = {}
    for j, tokens in enumerate(token_sets):
        common = tokens & repeated
        words = (common - _COMMON) or common
        if tokens and len(common) >= overlap * len(tokens):
            shared: dict[int, int] = {}
            for w in words:
                for i in postings.get(w, ()):
                    shared[i] = shared.get(i, 0) + 1
            need = max(1, len(words) // 2)
            out[j] = sorted(i for i, n in shared.items() if n >= need)
        for w in words:
            postings.setdefault(w, []).append(j)
    return out


def repeated_words(token_sets: list[frozenset[str]]) -> set[str]:
    seen_in = Counter(chain.from_iterable(token_sets))
    return {w for w, n in seen_in.items() if n > 1}


def sentence(rng: random.Random, n: int, common_only: bool = False) -> list[str]:
    pool = COMMON if common_only else COMMON[:30] + CONTENT
    words = [rng.choice(pool) for _ in range(n)]
    if rng.random() < 0.3:
        words.insert(rng.randrange(len(words)), str(rng.choice([3, 12, 1990, 2016])))
    return words


def variant(rng: random.Random, words: list[str]) -> list[str]:
    """A copy of words: exact, edited, reordered, truncated, extended, or a near miss."""
    form = rng.choice(["exact", "edit", "reorder", "truncate", "extend", "near", "half"])
    words = list(words)
    if form == "edit":
        words[rng.randrange(len(words))] = rng.choice(CONTENT)
    elif form == "reorder" and len(words) > 1:
        k = rng.randrange(1, len(words))
        words = words[k:] + words[:k]
    elif form == "truncate":
        words = words[: max(3, len(words) * 2 // 3)]
    elif form == "extend":
        words = words + sentence(rng, rng.randint(2, 8))
    elif form == "near":
        for _ in range(rng.randint(2, 5)):
            words[rng.randrange(len(words))] = rng.choice(CONTENT)
    elif form == "half":
        words = words[: len(words) // 2] + sentence(rng, len(words) - len(words) // 2)
    return words


def text_of(words: list[str], rng: random.Random) -> str:
    end = rng.choice([".", ".", "!", "?"])
    return " ".join(words).capitalize() + end


def article(rng: random.Random) -> str:
    made: list[list[str]] = []
    paragraphs = []
    for _ in range(rng.randint(2, 14)):
        sentences = []
        for _ in range(rng.choice([1, 1, 2, 3])):
            if made and rng.random() < 0.45:
                words = variant(rng, rng.choice(made))
            else:
                words = sentence(rng, rng.randint(3, 22), common_only=rng.random() < 0.1)
            made.append(words)
            sentences.append(text_of(words, rng))
        paragraphs.append(" ".join(sentences))
    if rng.random() < 0.3:  # a paragraph copied whole, maybe edited
        paragraphs.append(rng.choice(paragraphs) + rng.choice(["", " Officials said."]))
    return "\n\n".join(paragraphs) + "\n"


def options(rule: str, **changes) -> duplicates.Options:
    return replace(RULES[rule].options, **changes)


OPTIONS = [
    ("duplicate-paragraph", {}),
    ("duplicate-sentence", {}),
    ("duplicate-paragraph", {"min_words": 3}),
    ("duplicate-sentence", {"min_words": 3, "overlap": 0.5}),
    ("duplicate-sentence", {"overlap": 1.0}),
    ("duplicate-paragraph", {"overlap": 0.0}),
    ("duplicate-sentence", {"overlap": 1.5}),  # nothing passes: every unit is kept
]


def all_units(doc, o: duplicates.Options, unit: str) -> list[duplicates.Unit]:
    units = (
        make_unit(b, s.start, s.end, i) if unit == "sentence" else make_unit(b, 0, len(b.text), i)
        for i, b in enumerate(doc.blocks)
        if b.kind in o.block_kinds
        for s in (b.sentences if unit == "sentence" else [None])
    )
    return [u for u in units if u.size >= o.min_words]


def where(u: duplicates.Unit) -> tuple[int, int, int]:
    return (u.group, u.start, u.end)


def outcome(units, candidates, o, unit: str) -> tuple[dict, list]:
    """Candidates (of units that have any) and copies, by unit position in the text."""
    kind = {"other_group": True, "query": lambda u: u.group % 3 != 1} if unit == "sentence" else {}
    copies = find_copies(units, o, candidates=candidates, **kind)
    found = {where(units[j]): [where(units[i]) for i in c] for j, c in enumerate(candidates) if c}
    return found, [(where(units[c.later]), where(units[c.first]), c.form, c.score) for c in copies]


@pytest.mark.parametrize("seed", range(40))
def test_kept_units_find_the_same_candidates_and_copies(seed):
    rng = random.Random(seed)
    for _ in range(10):
        doc = read(Source("a.txt", article(rng)))
        for rule, changes in OPTIONS:
            o = options(rule, **changes)
            unit = o.unit
            doc.cache.clear()
            fast = duplicates.paragraph_units(doc, o)  # the sentence rule makes them first too
            if unit == "sentence":
                fast = duplicates.sentence_units(doc, o)
            units = all_units(doc, o, unit)
            # a sentence's words count as repeated when they occur in another paragraph
            paragraphs = [frozenset(u.words) for u in all_units(doc, o, "paragraph")]
            repeated = repeated_words(paragraphs) if unit == "sentence" else None
            slow = reference_candidates([frozenset(u.words) for u in units], o.overlap, repeated)
            # a unit with the same text as an earlier one of another group is nobody's candidate:
            # the earlier one stands for it (duplicates._covered), and the copies found are the same
            first: dict[str, duplicates.Unit] = {}
            covered = {k for k, u in enumerate(units) if first.setdefault(u.norm, u).group != u.group}
            narrowed = [[i for i in c if i not in covered] for c in slow]
            assert outcome(*fast, o, unit) == outcome(units, narrowed, o, unit)
            assert outcome(units, narrowed, o, unit)[1] == outcome(units, slow, o, unit)[1]


@pytest.mark.parametrize("seed", range(30))
def test_candidates_match_the_inverted_index(seed, monkeypatch):
    rng = random.Random(seed)
    made: list[list[str]] = []
    for _ in range(rng.randint(2, 120)):
        if made and rng.random() < 0.5:
            made.append(variant(rng, rng.choice(made)))
        else:
            made.append(sentence(rng, rng.randint(1, 20), common_only=rng.random() < 0.15))
    sets = [frozenset(w) for w in made]
    for overlap in (0.8, 0.5, 1.0, 0.0, 1.2):
        expected = {j: c for j, c in enumerate(reference_candidates(sets, overlap)) if c}
        assert duplicates._candidates(sets, overlap) == expected
        monkeypatch.setattr(duplicates, "_PAIRS", 0)  # the inverted index, as for long articles
        assert duplicates._candidates(sets, overlap) == expected
        monkeypatch.undo()


def test_units_of_common_words_only():
    """A unit whose repeated words are all _COMMON ones compares them with each earlier unit's
    repeated words, which must then be _COMMON ones too."""
    a = frozenset("it was one of the people who said that".split())
    b = frozenset("it was one of the people who told police".split())  # 'police' repeated below
    c = frozenset("police were there at the time when it was".split())
    d = frozenset("it was one of the people who said".split())
    sets = [a, b, c, d]
    expected = {j: x for j, x in enumerate(reference_candidates(sets, 0.8)) if x}
    assert expected  # the case is exercised
    assert duplicates._candidates(sets, 0.8) == expected


def test_the_postings_cap_applies_only_where_the_scan_would_be_too_long():
    """Between the index's switch point and BUDGET intersections the index gives the scan's
    candidates even when it reads over a million postings (units sharing hundreds of words)."""
    words = [f"w{i}" for i in range(700)]
    sets = [frozenset(words[: 600 + k]) for k in range(60)]  # 60 units, 3,540 intersections
    assert duplicates._PAIRS < 60 * 59 < duplicates.BUDGET
    expected = {j: c for j, c in enumerate(reference_candidates(sets, 0.8)) if c}
    assert len(expected) == 59
    assert duplicates._candidates(sets, 0.8) == expected


def test_the_documents_cache_keeps_no_set_per_passing_paragraph():
    """The paragraphs that pass the overlap test are kept in the document's cache as indices:
    their repeated words, a set each, are made when the candidates are sought and then dropped
    (a paragraph repeated 40,000 times kept 40,000 sets, 90 MB)."""
    para = "The harbour authority said the ferry service would resume on Monday after the repairs."
    doc = read(Source("a.txt", "Title\n\n" + "\n\n".join([para] * 50) + "\n"))
    blocks = duplicates._blocks(doc, duplicates.Options())
    assert blocks.passing == list(range(50))
    assert blocks.passing_groups == frozenset(range(1, 51))
