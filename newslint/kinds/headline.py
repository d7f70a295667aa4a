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
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "nor",
        "for",
        "of",
        "in",
        "on",
        "at",
        "to",
        "by",
        "as",
        "vs",
        "via",
        "from",
        "with",
        "into",
        "over",
        "than",
        "up",
        "down",
        "out",
        "off",
        "per",
        "is",
        "are",
    ]
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’.-]*|\d[\d,.%]*")
_KICKER = re.compile(r"^[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}: \S")
_CREDIT = re.compile(
    r"(?i)(?:image|photo|picture|video|source|credit|copyright|provided by|courtesy|©|\(c\)|\d"
    r"|(?:via the|art by|illustration by|rendering of)\b)"
)
# the paper's own credit lines: "Additional reporting by …", "With files from The Canadian Press"
_CONTRIBUTORS = re.compile(
    r"(?i)^(?:additional reporting|reporting|editing|writing|compiled) by\b"
    r"|\bwith (?:files|reports?|reporting) from\b|\bcontributed to this report\b"
)
_TERMINAL = '.!?…:;,"”’)]'


@dataclass
class Options:
    min_words: int = 4
    max_words: int = 16
    title_case_ratio: float = 0.75
    min_body_words: int = 12
    min_foot_words: int = 5  # a headline-like last line
    min_body_headline_words: int = 7  # a lone headline-like line between paragraphs


class Checker:
    def __init__(self, rule) -> None:
        self.rule = rule
        self.o: Options = rule.options

    def check(self, doc: Document) -> Iterator[Finding]:
        o = self.o
        candidates = []  # (block, is_last, word count) of headline-like lines after the first body paragraph
        seen_body = False
        last = len(doc.blocks) - 1
        for i, block in enumerate(doc.blocks):
            if block.kind != "paragraph":
                continue  # headings, titles, list items and table cells are marked up as such
            if not seen_body:
                seen_body = _is_body(block, o.min_body_words)
                continue  # lines before the first body paragraph: title, dek, byline
            if "\n" in block.text or _is_body(block, o.min_body_words):  # not one line
                continue
            words = self._headline_words(block.text.strip())
            if words:
                candidates.append((block, i == last, words))
        in_body = [c for c in candidates if not c[1]]
        for block, is_last, words in candidates:
            # several headline-like lines in the body are the article's subheads, not strays
            stray = (
                words >= o.min_foot_words
                if is_last
                else len(in_body) == 1 and words >= o.min_body_headline_words
            )
            if stray:
                line = block.text.strip()
                yield finding(
                    self.rule, block.span(0, len(block.text)), render(self.rule.message, match=line)
                )

    def _headline_words(self, line: str) -> int:
        """The line's word count if it reads like a headline, else 0."""
        o = self.o
        if not line or line[-1] in _TERMINAL or line[0] in "“\"‘('-–—•*#>|[":
            return 0
        words = _WORD.findall(line)
        if not (o.min_words <= len(words) <= o.max_words) or not self._reads_like_a_headline(line, words):
            return 0
        # credit lines read like headlines too (checked last: few lines get this far)
        return 0 if _CREDIT.match(line) or _CONTRIBUTORS.search(line) else len(words)

    def _reads_like_a_headline(self, line: str, words: list[str]) -> bool:
        """A "Name: what happened" kicker, or Title Case."""
        if _KICKER.match(line):
            return True
        content = [w for w in words if w.lower() not in SMALL_WORDS and not w[0].isdigit()]
        if len(content) < 3:
            return False
        capitalised = sum(1 for w in content if w[0].isupper())
        return capitalised / len(content) >= self.o.title_case_ratio


def _is_body(block: Block, min_words: int) -> bool:
    text = block.text.rstrip()
    # split no further than min_words words: a body paragraph has many more
    return text[-1:] in '.!?"”’)…:' and len(text.split(None, min_words - 1)) >= min_words
