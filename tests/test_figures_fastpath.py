"""conflicting-figures' fast paths against its full path, on many sentences we generate: the scanner
against finditer, Reader.counts/attributive against read(), and the filters that drop matches before
they are read (Extractor._may_matter, Extractor._may_count) against what _mention decides. A fast
path may let through more than the full path keeps, never less; the mentions must be the same."""

from __future__ import annotations

import bisect
import os
import random

import pytest

from newslint.kinds import figures
from newslint.kinds.figures import Checker
from newslint.readers.plain import read
from newslint.ruleset import load_rule
from newslint.source import Source

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RULE = load_rule("conflicting-figures", os.path.join(ROOT, "rules", "conflicting-figures.yaml"))
EXTRACTOR = Checker(RULE).extractor
READER = EXTRACTOR.reader

SUBJECTS = [
    "The war", "The storm", "Fighting", "An airstrike", "Police", "The company", "Barclays",
    "Floods in the south", "The ceasefire, which took effect on Monday,", "It", "Officials", "Boko Haram",
    "the truce", "A car bomb",
]  # fmt: skip
AUX = [
    "",
    "has ",
    "had ",
    "was ",
    "were ",
    "has been ",
    "is believed to have ",
    "also ",
    "so far ",
    "will be ",
]
EVENTS = [
    *(w for spec in RULE.options.events.values() for w in spec["words"]),
    *(w for words in RULE.options.verbs.values() for w in words),
    "Killed", "KILLED", "laid  off", "skilled", "ago", "undone", "killer", "overcut",
]  # fmt: skip
HEDGES = [
    "", "", "as many as ", "up to ", "at least ", "more than ", "nearly ", "about ", "an estimated ",
    "a total of ", "between ", "just over ", "over ", "some ",
]  # fmt: skip
NUMBERS = [
    "30", "1,200", "400,000", "3.5 million", "2m", "$3bn", "£600m", "USD30", "US$ 5", "25%", "5 per cent",
    "5percent", "two", "twenty-five", "two hundred and six", "a dozen", "dozens of", "hundreds of",
    "tens of thousands of", "half a million", "a week", "seven days", "seven-day", "month-long", "two years",
    "10-15", "300 to 400", "300 and 400", "1990", "No. 5", "5:30", "9/11", "3 March", "5G", "40 days of",
    "one", "an hour", "a handful of", "12 more", "1.5", "٣٠", "8 percentage points",
]  # fmt: skip
NOUNS = [
    "people", "civilians", "children", "jobs", "workers", "", "Syrian civilians", "of them", "more people",
    "other cases", "deaths", "lives", "fine", "of the vote", "sentence", "deal", "“people”", "'people'",
    "young male civilians", "of the young men",
]  # fmt: skip
ENDS = [
    ".", ", officials said.", " in the attack.", " since it began.", " killed.", " were killed.", " died.",
    " were reported missing.", " ago.", " a year.", ", including 160 children.", " (killed)",
    ", of whom 12 were children.", " among them 4 children.", " – all of them killed", " lost their lives.",
    " who were laid off", "; 40 died", " and wounded nine.", " earlier.", " up from 20.", "\nkilled",
]  # fmt: skip
PADS = ["", "", "Monitors said on Friday that ", "In the north of the country, where the army says that " * 2]


def sentence(rng: random.Random) -> str:
    subject, aux, event = rng.choice(SUBJECTS), rng.choice(AUX), rng.choice(EVENTS)
    quantity = f"{rng.choice(HEDGES)}{rng.choice(NUMBERS)} {rng.choice(NOUNS)}".rstrip()
    if rng.random() < 0.5:
        text = f"{subject} {aux}{event} {quantity}{rng.choice(ENDS)}"
    else:
        text = f"{quantity} {aux}{event}{rng.choice(ENDS)}"
    return rng.choice(PADS) + text


def paragraphs(n: int) -> list[str]:
    rng = random.Random(20240607)
    out = []
    for _ in range(n):
        text = " ".join(sentence(rng) for _ in range(rng.randint(1, 3)))
        out.append(f"“{text}”" if rng.random() < 0.1 else text)
    return out


PARAGRAPHS = paragraphs(2400)
DOCS = [read(Source(f"p{i}.txt", "\n\n".join(PARAGRAPHS[i : i + 3]))) for i in range(0, len(PARAGRAPHS), 3)]


def lowered(m) -> tuple:
    return m.span(), {k: v and v.lower() for k, v in m.groupdict().items()}


def test_scanner_finds_what_finditer_finds() -> None:
    for doc in DOCS:
        texts = [b.text for b in doc.blocks]
        found = READER.document_matches(texts, doc.prose_lower)
        for text, matches in zip(texts, found, strict=True):
            assert [lowered(m) for m in matches] == [lowered(m) for m in READER.regex.finditer(text)], text


def test_counts_unit_and_attributive_agree_with_read() -> None:
    seen = 0
    for doc in DOCS:
        for block in doc.blocks:
            for m in READER.regex.finditer(block.text):
                q = READER.read(block.text, m)
                if q is None:
                    continue
                seen += 1
                assert READER.unit(m) == q.unit, m.group()
                assert READER.counts(m) == (q.unit == ""), m.group()
                if q.unit:
                    assert READER.attributive(m) == q.attributive, m.group()
    assert seen > 1000


def full_path_mentions(monkeypatch: pytest.MonkeyPatch, doc) -> list[tuple]:
    """The mentions of a document with the fast path off: every match read and decided by _mention."""
    with monkeypatch.context() as patch:
        patch.setattr(EXTRACTOR, "_may_count", lambda *args: True)
        found = READER.document_matches([b.text for b in doc.blocks])
        return mentions(doc, found)


def mentions(doc, found: list[list]) -> list[tuple]:
    out = []
    for block, matches in zip(doc.blocks, found, strict=True):
        split = lambda b=block: [(s.start, s.end) for s in b.sentences]  # noqa: E731
        for m in EXTRACTOR.mentions(block.text, split, matches, block.lower):
            out.append((m.start, m.end, m.key, m.subject, m.sentence, m.times, m.fresh, m.partitive))
    return out


def test_fast_path_finds_the_same_mentions(monkeypatch: pytest.MonkeyPatch) -> None:
    total = 0
    for doc in DOCS:
        fast = mentions(doc, EXTRACTOR.document_matches([b.text for b in doc.blocks], doc.prose_lower))
        assert fast == full_path_mentions(monkeypatch, doc), doc.prose
        total += len(fast)
    assert total > 300  # the sentences do make mentions


def test_filters_let_every_count_mention_through() -> None:
    """Each count that _mention makes a mention, or a part of one, passes _may_count and _may_matter."""
    checked = 0
    for doc in DOCS:
        lower = doc.prose_lower
        rev = lower[::-1]
        offset = 0
        for block in doc.blocks:
            text, folded = block.text, block.lower
            bounds = [(s.start, s.end) for s in block.sentences] or [(0, len(text))]
            for m in READER.regex.finditer(text):
                if not READER.counts(m):
                    continue
                s0, s1 = bounds[max(0, bisect.bisect_right([a for a, _ in bounds], m.start()) - 1)]
                reach = (max(s0, m.start() - 90), max(m.end(), min(s1, m.end() + 90)))
                if EXTRACTOR._mention(text, m, *reach, "") is None:
                    continue
                checked += 1
                assert EXTRACTOR._may_count(folded, folded[::-1], m.start(), m.end(), s0), text
                assert EXTRACTOR._may_matter(lower, rev, m, offset, text), text
            offset += len(text) + 1
    assert checked > 200


def test_filters_let_every_measure_mention_through() -> None:
    """Each duration, sum or share that _mention makes a mention passes _may_matter, and it does drop
    some measures (shares without their verb, "seven days" or "$3bn" alone)."""
    checked = dropped = 0
    for doc in DOCS:
        lower = doc.prose_lower
        rev = lower[::-1]
        offset = 0
        for block in doc.blocks:
            text = block.text
            bounds = [(s.start, s.end) for s in block.sentences] or [(0, len(text))]
            for m in READER.regex.finditer(text):
                if READER.counts(m):
                    continue
                s0, s1 = bounds[max(0, bisect.bisect_right([a for a, _ in bounds], m.start()) - 1)]
                if not EXTRACTOR._may_matter(lower, rev, m, offset, text):
                    dropped += 1
                reach = (max(s0, m.start() - 90), max(m.end(), min(s1, m.end() + 90)))
                if EXTRACTOR._mention(text, m, *reach, "") is None:
                    continue
                checked += 1
                assert EXTRACTOR._may_matter(lower, rev, m, offset, text), text
            offset += len(text) + 1
    assert checked > 200 and dropped > 200


def test_check_reads_only_comparable_matches(monkeypatch: pytest.MonkeyPatch) -> None:
    """The check leaves out the matches whose unit no other match of the article has
    (kinds.figures._comparable): the findings are those of the check that reads them all."""
    rng = random.Random(7)
    checker = Checker(RULE)
    total = 0
    for i in range(2000):  # short articles: a unit may be that of one match only, or of two
        text = "\n\n".join(sentence(rng) for _ in range(rng.randint(2, 4)))
        doc = read(Source(f"a{i}.txt", text))
        fast = [(f.span, f.message, f.related) for f in checker.check(doc)]
        with monkeypatch.context() as patch:
            patch.setattr(figures, "_comparable", lambda found: found)
            assert fast == [(f.span, f.message, f.related) for f in checker.check(doc)], text
        total += len(fast)
    assert total > 20
