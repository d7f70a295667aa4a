"""figures: the same count, sum or span of time given as figures that cannot all be true.

Options (all tables live in the rule file, so a house can tune them):
- bare: the interval a bare number admits, e.g. '[n-g, n+g)' (g: half the place value of the
  number's last non-zero digit, so 400,000 means 350,000 to 450,000);
- hedges: phrase before a number -> interval ('as many as': '[n-e, n]'; e is the larger of g and
  estimate_share of n); hedges_after: phrase after it ('or more': '[n, inf)');
- vague: vague plural -> interval ('dozens': '[24, 100)');
- events: class -> {noun, only, words}: the verbs and nouns that make a count comparable
  ("killed", "died", "deaths"), the noun counted when none is written, and the only nouns the
  class applies to (jobs are cut, games are not);
- verbs: class -> words a duration, sum or share hangs on ("paid", "holds for"); the class 'last'
  makes "the ceasefire holds for a week" the same thing as "a week-long ceasefire";
- nouns: canonical noun -> synonyms ("people": [persons, individuals]);
- max_ratio: figures further apart than this factor describe different things;
- part_message: the message when a part ("including 160 children") exceeds its whole.
The message may use {found}, {line}, {other}, {other_line}.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial

from newslint.document import ODD_CASE_LETTERS, Block, Document
from newslint.figures.conflicts import conflicts
from newslint.figures.mentions import EventClass, Extractor, Mention, norm
from newslint.figures.numbers import IntervalSpec, Reader
from newslint.finding import Finding, Related
from newslint.kinds.base import finding, render
from newslint.ruleset import Rule

DEFAULT_SCOPE = "document"


@dataclass
class Options:
    bare: str = "[n-g, n+g)"
    hedges: dict = field(default_factory=dict)
    hedges_after: dict = field(default_factory=dict)
    vague: dict = field(default_factory=dict)
    estimate_share: float = 0.1
    events: dict = field(default_factory=dict)
    verbs: dict = field(default_factory=dict)
    nouns: dict = field(default_factory=dict)
    max_ratio: float = 10.0
    part_message: str = "'{found}' (line {line}) is a part of '{other}' (line {other_line}) but larger"


class Checker:
    def __init__(self, rule: Rule) -> None:
        o: Options = rule.options
        self.rule = rule
        self.options = o
        reader = Reader(
            _specs(rule, "hedges", o.hedges),
            _specs(rule, "hedges_after", o.hedges_after),
            _specs(rule, "vague", o.vague),
            _specs(rule, "bare", {"": o.bare})[""],
            o.estimate_share,
        )
        if not o.events:
            raise rule.error("events", "figures needs 'events' (class -> {noun, words})")
        events: dict[str, EventClass] = {}
        event_words: dict[str, str] = {}
        for name, spec in o.events.items():
            if not isinstance(spec, dict) or not isinstance(spec.get("words"), list):
                raise rule.error("events", f"event '{name}' needs a list of 'words'")
            only = frozenset(norm(str(w)) for w in spec.get("only", []))
            events[str(name)] = EventClass(str(name), norm(str(spec.get("noun", "people"))), only)
            event_words.update({str(w): str(name) for w in spec["words"]})
        self.extractor = Extractor(
            reader,
            events,
            event_words,
            _inverse(rule, "verbs", o.verbs, str),
            _inverse(rule, "nouns", o.nouns, norm),
        )

    def check(self, doc: Document) -> Iterator[Finding]:
        mentions: list[Mention] = []
        blocks = doc.blocks
        texts, lowers, prose_lower = [b.text for b in blocks], None, doc.prose_lower
        if doc.odd_case:  # read those letters as the ASCII ones they match
            texts = [t.translate(_AS_ASCII) for t in texts]
            lowers = [t.lower() for t in texts]
            prose_lower = "\n".join(lowers)
        found = self.extractor.document_matches(texts, prose_lower)
        if sum(map(len, found)) < 2:
            return  # each mention is one of these matches, and a conflict needs two mentions
        found = _comparable(found)
        if not any(found):
            return
        for i, matches in enumerate(found):
            if matches:
                block = blocks[i]
                lower = lowers[i] if lowers else block.lower
                for m in self.extractor.mentions(texts[i], partial(_sentences, block), matches, lower):
                    m.block = i
                    if lowers:
                        m.text = block.text[m.start : m.end]  # as written
                    mentions.append(m)
        if len(mentions) < 2:
            return  # a conflict needs two figures
        for c in conflicts(mentions, self.options.max_ratio):
            index = doc.source.index
            span = doc.blocks[c.mention.block].span(c.mention.start, c.mention.end)
            other = doc.blocks[c.other.block].span(c.other.start, c.other.end)
            line, _ = index.location(span.start)
            other_line, other_col = index.location(other.start)
            end_line, end_col = index.location(other.end)
            template = self.options.part_message if c.part else self.rule.message
            message = render(
                template, found=c.mention.text, line=line, other=c.other.text, other_line=other_line
            )
            related = Related(doc.path, other_line, other_col, end_line, end_col, f"'{c.other.text}' here")
            yield finding(self.rule, span, message, related=[related])


# a case-insensitive regex matches "kılled" as "killed", but the figure tables are looked up by
# ASCII words: the rule reads these letters as the ASCII ones, one for one (offsets stay the same)
_AS_ASCII = str.maketrans(ODD_CASE_LETTERS, "IisK")


def _comparable(found: list[list[re.Match]]) -> list[list[re.Match]]:
    """The matches of each block that share their unit with another match of the document: a
    conflict is between two mentions of one unit (a part and its whole are both counts), and the
    mention of a match depends on no mention but the counts before it (mentions() reads them for
    elided nouns and wholes), so the others would be read in vain."""
    units = [Reader.unit(m) for matches in found for m in matches]
    seen = Counter(units)
    if None not in seen and min(seen.values()) > 1:
        return found  # each is comparable
    seen[None] = 0  # no quantity at all
    each = iter(units)
    return [[m for m in matches if seen[next(each)] > 1] if matches else matches for matches in found]


def _sentences(block: Block) -> list[tuple[int, int]]:
    return block.sentence_spans


def _specs(rule: Rule, key: str, table: dict) -> dict[str, IntervalSpec]:
    out = {}
    for phrase, text in table.items():
        try:
            out[str(phrase)] = IntervalSpec(str(text))
        except ValueError as exc:
            raise rule.error(key, f"'{key}': {exc}") from None
    return out


def _inverse(rule: Rule, key: str, table: dict, normalize) -> dict[str, str]:
    """{canonical: [variants]} -> {variant: canonical}, the canonical name a variant of itself."""
    out = {}
    for name, variants in table.items():
        if not isinstance(variants, list):
            raise rule.error(key, f"'{key}': '{name}' must map to a list of words")
        for v in [name, *variants]:
            out[normalize(str(v))] = normalize(str(name))
    return out
