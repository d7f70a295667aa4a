"""The literal prefilter in front of rule regexes: it may let a block through that has no match, but
it must never hide one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newslint.config import Config
from newslint.engine import RUN_LEVEL_KINDS, select_rules
from newslint.kinds.base import LITERALS, Pattern, blocks_to_search, required_literals
from newslint.kinds.comparative import _MORE
from newslint.readers import read_document
from newslint.ruleset import kind_module
from newslint.source import Source

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("pattern", "flags", "literals"),
    [
        (r"\bper say\b", re.I, ("per say",)),
        (r"colou?r", 0, ("color", "colour")),
        (r"\b(could|should) of\b", 0, ("could of", "should of")),
        (r"(?i)\bmore (hard|easy)\b", 0, ("more easy", "more hard")),
        (r"\bFoo(?=Bar)", 0, ("FooBar",)),
        (r"\bFoo(?=Bar)", re.I, ("foobar",)),
        # two-character literals count when they hold a punctuation mark
        (r"(?<=\w)([”\"])([,.])(?!\d)", 0, ('",', '".', "”,", "”.")),
        (r"\b(\w+) -(\w+)", 0, (" -",)),
        # too short or too common to gate anything
        (r"\bit\b", 0, None),
        (r"a?b?c?", 0, None),
        (r"[a-z]+ing\b", 0, ("ing",)),
    ],
)
def test_required_literals(pattern: str, flags: int, literals: tuple[str, ...] | None) -> None:
    fold = bool(flags & re.I) or "(?i" in pattern
    assert required_literals(pattern, flags, fold=fold) == literals


@pytest.mark.parametrize(
    ("pattern", "doubled"),
    [
        (r"\b([A-Za-z]+)[ \t]+\1\b", True),
        (r"\b([a-z]+)\s+\1\b", True),
        (r"\b(\w+)\s+\1\b", False),  # \w has '_', which folded words split on
        (r"([A-Za-z]+) \1\b", False),  # no \b before: "xthe the"
        (r"\b([A-Za-z]+) \1", False),  # no \b after: "the theory"
        (r"\b([A-Za-z]+) and \1\b", False),
    ],
)
def test_doubled_word_gate_shape(pattern: str, doubled: bool) -> None:
    assert Pattern(re.compile(pattern)).doubled_word is doubled


@pytest.mark.parametrize(
    ("text", "gate"),
    [
        ("The the mayor spoke.", True),
        ("He said that that was fine.", True),
        ("She left (left) early.", True),
        ("The theory held.", False),
        ("A re-run run.", True),
        ("Nothing repeats here.", False),
    ],
)
def test_doubled_word_block_gate(text: str, gate: bool) -> None:
    block = read_document(Source("a.txt", text)).blocks[0]
    assert block.has_doubled_word is gate


def _patterns(obj: object, seen: set[int] | None = None) -> list[Pattern]:
    """Every Pattern a checker holds, however its kind stores them."""
    seen = set() if seen is None else seen
    if id(obj) in seen:
        return []
    seen.add(id(obj))
    if isinstance(obj, Pattern):
        return [obj]
    if isinstance(obj, dict):
        items = list(obj.keys()) + list(obj.values())
    elif isinstance(obj, (list, tuple, set, frozenset)):
        items = list(obj)
    elif hasattr(obj, "__dict__") and type(obj).__module__.startswith("newslint.kinds"):
        items = list(vars(obj).values())
    else:
        return []
    return [p for item in items for p in _patterns(item, seen)]


def _texts() -> list[str]:
    """Articles and rule examples we wrote, each also in upper and title case."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").rglob("*")) if p.is_file()]
    for rule in select_rules(Config()):
        texts += [str(t) for t in rule.examples.get("bad", []) + rule.examples.get("good", [])]
    return texts + [t.upper() for t in texts] + [t.title() for t in texts]


def test_prefilter_never_hides_a_match() -> None:
    checked = 0
    docs = [read_document(Source(f"t{i}.txt", t)) for i, t in enumerate(_texts())]
    for rule in select_rules(Config()):
        if rule.kind in RUN_LEVEL_KINDS:
            continue
        for pattern in _patterns(kind_module(rule.kind, rule.path).Checker(rule)):
            for doc in docs:
                for block in doc.blocks:
                    if pattern.regex.search(block.text):
                        checked += 1
                        assert pattern.may_match_doc(doc), (rule.id, pattern.regex.pattern, block.text)
                        assert pattern.may_match(block), (rule.id, pattern.regex.pattern, block.text)
    assert checked > 100  # the texts do exercise the patterns


def test_literal_blocks_are_the_blocks_that_may_match() -> None:
    """scan() visits only the blocks its literals were found in (one Aho-Corasick pass over the
    document): for every pattern, exactly the blocks Pattern.may_match lets through."""
    texts = _texts() + ["Rivera s office\n\nThe U.S. -Russia talks\n\nİstanbul: the the mayor could of"]
    docs = [read_document(Source(f"t{i}.txt", t)) for i, t in enumerate(texts)]
    checked = 0
    for rule in select_rules(Config()):
        if rule.kind in RUN_LEVEL_KINDS:
            continue
        for pattern in _patterns(kind_module(rule.kind, rule.path).Checker(rule)):
            for doc in docs:
                found, hits = LITERALS.scan(doc)
                if hits is None:  # lower-casing changed the length ('İ'): scan() tests each block
                    assert "İ" in doc.prose
                    continue
                expected = [k for k, b in enumerate(doc.blocks) if pattern.may_match(b)]
                if pattern.literals and found.isdisjoint(pattern.lower_literals):
                    assert expected == [], (rule.id, pattern.regex.pattern)
                    continue
                assert pattern.candidate_blocks(doc, hits) == expected, (rule.id, pattern.regex.pattern)
                checked += bool(expected)
    assert checked > 100


def test_blocks_to_search_are_the_blocks_that_may_match() -> None:
    """blocks_to_search() (the literal pass, or each block tested when lower-casing changed the
    length) gives the blocks Pattern.may_match lets through: what number-agreement and the
    comparative gate ("more"/"most" in the lower-cased block) tested block by block before."""
    texts = _texts() + ["More or MOST\n\nİstanbul is more big\n\nseveral person", "moſt big\n\nmore"]
    docs = [read_document(Source(f"t{i}.txt", t)) for i, t in enumerate(texts)]
    checked = 0
    for doc in docs:
        gate = [b for b in doc.blocks if "more" in b.lower or "most" in b.lower]
        assert blocks_to_search(doc, _MORE) == gate
        checked += bool(gate)
    for rule in select_rules(Config()):
        if rule.kind in RUN_LEVEL_KINDS:
            continue
        for pattern in _patterns(kind_module(rule.kind, rule.path).Checker(rule)):
            for doc in docs:
                expected = [b for b in doc.blocks if pattern.may_match(b)]
                assert blocks_to_search(doc, pattern) == expected, (rule.id, pattern.regex.pattern)
    assert checked > 10
