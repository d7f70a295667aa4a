"""headline: a headline-like line stranded in the body or at its foot.

A line is headline-like when it is short, has no closing punctuation, and is written like a
headline: Title Case, or a "Name: what happened" kicker. The article's own title (its first line
of prose, or the reader's title) is never flagged, nor are marked-up headings (Markdown "##").
Options: min_words, max_words, title_case_ratio (share of capitalised content words).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from newslint.document import Block, Document
from newslint.finding import Finding
from newslint.kinds.base import finding, render

DEFAULT_SCOPE = "document"

SMALL_WORDS = frozenset(
    "a an the and or but nor for of in on at to by as vs via from with into over than up down out off per is are".split()
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’.-]*|\d[\d,.%]*")
_KICKER = re.compile(r"^[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}: \S")
_TERMINAL = ".!?…:;,\"”’)]"


@dataclass
class Options:
    min_words: int = 4
    max_words: int = 16
    title_case_ratio: float = 0.75
    min_body_words: int = 12


class Checker:
    def __init__(self, rule) -> None:
        self.rule = rule
        self.o: Options = rule.options

    def check(self, doc: Document) -> Iterator[Finding]:
        o = self.o
        seen_body = False
        last = len(doc.blocks) - 1
        for i, block in enumerate(doc.blocks):
            if block.kind in ("heading", "title"):
                continue
            if not seen_body:
                seen_body = _is_body(block, o.min_body_words)
                continue  # lines before the first body paragraph: title, dek, byline
            if len(block.lines) != 1 or _is_body(block, o.min_body_words):
                continue
            line = block.text.strip()
            if self._headline_like(line, at_foot=i == last):
                yield finding(self.rule, block.span(0, len(block.text)), render(self.rule.message, match=line))

    def _headline_like(self, line: str, at_foot: bool) -> bool:
        o = self.o
        if not line or line[-1] in _TERMINAL or line[0] in "“\"‘('-–—•*#>|":
            return False
        words = _WORD.findall(line)
        if not (o.min_words <= len(words) <= o.max_words):
            return False
        if _KICKER.match(line):
            return True
        content = [w for w in words if w.lower() not in SMALL_WORDS and not w[0].isdigit()]
        if len(content) < 3:
            return False
        capitalised = sum(1 for w in content if w[0].isupper())
        return capitalised / len(content) >= o.title_case_ratio


def _is_body(block: Block, min_words: int) -> bool:
    text = block.text.rstrip()
    return len(text.split()) >= min_words and text[-1:] in ".!?\"”’)…:"
