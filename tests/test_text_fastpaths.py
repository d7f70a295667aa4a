"""Fast paths of the sentence splitter, repeated-full-name and inconsistent-naming against the plain
way of getting the same result, on text we generate: the splitter against the straightforward
splitter it replaced, the title search against finditer over the blocks that pass the literal
prefilter, the consistency prefilters against Pattern.may_match_doc and a search of every block."""

from __future__ import annotations

import os
import random
import re

import pytest

from newslint.document import NEVER_FINAL, SENTENCE_STARTERS, SOMETIMES_FINAL, split_sentences
from newslint.kinds import consistency, names
from newslint.readers.plain import read
from newslint.ruleset import load_rule
from newslint.source import Source

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# --- sentence splitter -----------------------------------------------------------------------------

_BOUNDARY = re.compile(r"[.!?…]+[\"”’')\]]*(?=\s+[\"“‘(\[]?[A-Z0-9])|[.!?…]+[\"”’')\]]*\s*$")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.']*)$")


def reference_split(text: str) -> list[tuple[int, int]]:
    """The splitter as first written: every boundary, each period judged in full, then trimmed."""
    spans, start = [], 0
    for m in _BOUNDARY.finditer(text):
        if m.group().startswith(".") and not _reference_final(text, m.start(), m.end()):
            continue
        spans.append((start, m.end()))
        start = m.end()
    spans.append((start, len(text)))
    out = []
    for a, b in spans:
        piece = text[a:b]
        if piece.strip():
            a += len(piece) - len(piece.lstrip())
            out.append((a, a + len(piece.strip())))
    return out


def _reference_final(text: str, dot: int, end: int) -> bool:
    before = text[dot - 7 : dot]
    if before.isalpha() and before.islower() and before.isascii():
        return True
    w = _WORD_BEFORE.search(text, max(0, dot - 12), dot)
    if not w:
        return True
    word = w.group(1).lower().rstrip(".")
    if len(word) == 1 and text[w.start(1)].isupper():
        return False
    if word in NEVER_FINAL:
        return False
    if word in SOMETIMES_FINAL or (word.count(".") >= 1 and len(word) <= 5):
        m = re.match(r"\s*[\"“‘(\[]?([A-Za-z]+)", text[end:])
        return bool(m and m.group(1).lower() in SENTENCE_STARTERS)
    return True


WORDS = [
    *sorted(NEVER_FINAL | SOMETIMES_FINAL),
    *sorted(SENTENCE_STARTERS)[:12],
    "said", "year", "time", "Obama", "I", "J", "x", "résumé", "1990", "3", "don't", "Messrs", "essrs",
    "xmessrs", "septa", "Corps", "lbs", "a.b.c", "ab.cd", "abcdefghijklmnop",
]  # fmt: skip
ENDINGS = [".", ".", ".", "!", "?", "…", "...", "?!", '."', ".”", ".’", ".)", ".]", ".'", "", "", ""]
SPACES = [" ", " ", " ", "  ", "\n", "\t", "\u00a0", " \n "]
OPENINGS = ["", "", "", '"', "“", "‘", "(", "["]


def random_prose(rng: random.Random) -> str:
    parts = [rng.choice(["", " ", "\n "])]
    for _ in range(rng.randint(1, 25)):
        word = rng.choice(WORDS)
        word = rng.choice([word, word, word.capitalize(), word.upper()])
        parts += [rng.choice(OPENINGS), word, rng.choice(ENDINGS), rng.choice(SPACES)]
    return "".join(parts[: rng.choice([-1, len(parts)])])


def test_splitter_equals_the_reference_on_generated_prose():
    rng = random.Random(7)
    for _ in range(10000):
        text = random_prose(rng)
        assert split_sentences(text) == reference_split(text), text


@pytest.mark.parametrize(
    "text",
    [
        "Messrs. Smith and Jones left. MESSRS. Lee came.",
        "He filed in Sept. Nobody knew. The corp. The end.",
        "It was a septa. Then a tiger. Wow… Really?! Yes.",
        "  Leading space. Trailing space.  \n",
        "mr. X",
        "Short. ",
    ],
)
def test_splitter_equals_the_reference_on_abbreviations(text):
    assert split_sentences(text) == reference_split(text)


# --- repeated-full-name ----------------------------------------------------------------------------

NAMES_RULE = load_rule("repeated-full-name", os.path.join(ROOT, "rules", "repeated-full-name.yaml"))
TITLES = [t.replace("\\", "") for t in NAMES_RULE.options.titles]
NAME_WORDS = ["Jane", "Doe", "Ana", "Ruiz", "Doe-Smith", "the", "said", "of", "State", "making", "(@jd)"]
ODD_CASE = ["Pre\u017fident", "\u0130", "\u212aing", "\u0131"]


def random_article(rng: random.Random, extra: list[str]) -> str:
    def token() -> str:
        if rng.random() < 0.35:
            title = rng.choice(TITLES)
            return rng.choice([title, title, title.lower(), title.upper()])
        return rng.choice(NAME_WORDS + extra)

    paragraphs = [" ".join(token() for _ in range(rng.randint(1, 30))) for _ in range(rng.randint(1, 6))]
    return "\n\n".join(paragraphs) + "\n"


@pytest.mark.parametrize("extra", [[], ODD_CASE])
def test_title_search_equals_finditer(extra):
    checker = names.Checker(NAMES_RULE)
    assert checker.literal_titles is not None
    regex = checker.titled.regex
    rng = random.Random(3)
    for _ in range(3000):
        doc = read(Source("a.txt", random_article(rng, extra)))
        blocks = [b for b in doc.blocks if checker.titled.may_match(b)]
        expected = [(b.text, m.span()) for b in blocks for m in regex.finditer(b.text)]
        assert [(b.text, m.span()) for b, m in checker._matches(doc)] == expected


def test_titles_that_are_not_plain_strings_take_the_full_path():
    assert names._literal_titles(["President", r"Sen\."]) == ("president", "sen.")
    assert names._literal_titles(["President", r"Sen\.?"]) is None
    assert names._literal_titles(["Président"]) is None


# --- inconsistent-naming ---------------------------------------------------------------------------

NAMING_RULE = load_rule("inconsistent-naming", os.path.join(ROOT, "rules", "inconsistent-naming.yaml"))
VARIANTS = [
    "US", "U.S.", "USA", "U.S.A.", "USA TODAY", "US$5", "UK", "U.K.", "UN", "U.N.", "EU", "E.U.", "Mr.",
    "Mr", "Dr", "ceasefire", "cease-fire", "email", "e-mail", "Web site", "percent", "per cent",
    "al Qaida", "Kyiv", "Kiev", "Gadhafi", "Prime Minister", "prime minister", "Lee", "us", "un", "the",
]  # fmt: skip


def test_consistency_prefilters_equal_the_full_search():
    checker = consistency.Checker(NAMING_RULE)
    rng = random.Random(5)
    for _ in range(2000):
        words = [rng.choice(VARIANTS) for _ in range(rng.randint(1, 40))]
        text = "\n\n".join(" ".join(words[i : i + 6]) for i in range(0, len(words), 6)) + "\n"
        doc = read(Source("a.txt", text))
        mixed = checker._mixed_groups(doc)
        for group in checker.groups:
            two = sum(v.may_match_doc(doc) for v in group.variants) >= 2
            assert (group in mixed) == two
            for block in doc.blocks:
                if group.literals and not any(lit in block.text for lit in group.literals):
                    assert group.regex.search(block.text) is None
