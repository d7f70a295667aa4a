"""names: a person's title and full name repeated after the article has moved to the surname.

News style introduces "Secretary of State Jane Doe" once, then writes "Doe". A titled full name is
flagged when the same name was introduced earlier and the surname alone has been used since.
Options: titles (regex alternatives, matched case-insensitively right before "First Last").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from newslint.document import Block, Document
from newslint.finding import Edit, Finding, Related
from newslint.kinds.base import LITERALS, Pattern, finding, plain_string, render
from newslint.ruleset import Rule, compile_regex

DEFAULT_SCOPE = "document"
# "First Last" right after a title (looked ahead, so names can overlap), not a tweet's signature
_NAME = r"(?=([A-Z][a-z]+) ([A-Z][a-z]+(?:-[A-Z][a-z]+)?)\b(?! \(@))"


@dataclass
class Options:
    titles: list = field(default_factory=lambda: ["President", "Secretary of State", "Prime Minister"])


class Checker:
    def __init__(self, rule: Rule) -> None:
        titles = "|".join(sorted(rule.options.titles, key=len, reverse=True))
        self.rule = rule
        self.titled = Pattern(compile_regex(rule, "titles", rf"\b(?i:{titles}) {_NAME}"))
        self.literal_titles = _literal_titles(rule.options.titles)
        if self.literal_titles:
            LITERALS.add(self.literal_titles)

    def check(self, doc: Document) -> Iterator[Finding]:
        if not self.titled.may_match_doc(doc):
            return
        # (block, title start, name match) in document order
        titled = [(block, m.start(), m) for block, m in self._matches(doc)]
        text = doc.source.text
        first_seen: dict[str, object] = {}
        for block, title_start, m in titled:
            name = _full(m)
            span = block.span(title_start, m.end(2))
            if name not in first_seen:
                first_seen[name] = span
                continue
            first = first_seen[name]
            surname = re.escape(m.group(2))
            between = text[first.end : span.start]  # type: ignore[attr-defined]
            if not re.search(rf"(?<!{re.escape(m.group(1))} )\b{surname}\b", between):
                continue  # the article has not switched to the surname yet
            line, col = doc.source.index.location(first.start)  # type: ignore[attr-defined]
            end_line, end_col = doc.source.index.location(first.end)  # type: ignore[attr-defined]
            related = [Related(doc.path, line, col, end_line, end_col, "first reference")]
            flagged = block.text[title_start : m.end(2)]
            message = render(self.rule.message, match=flagged, last=m.group(2), first_line=line)
            yield finding(self.rule, span, message, [Edit(span, m.group(2))], related)

    def _matches(self, doc: Document) -> Iterator[tuple[Block, re.Match]]:
        """The matches of the titled regex, block by block (what finditer finds in each block)."""
        if self.literal_titles is None or doc.odd_case:
            for block in doc.blocks:
                if self.titled.may_match(block):
                    for m in self.titled.regex.finditer(block.text):
                        yield block, m
            return
        yield from self._matches_at_titles(doc)

    def _matches_at_titles(self, doc: Document) -> Iterator[tuple[Block, re.Match]]:
        """The same matches, trying the regex only where a title starts (Python's re is slow to try
        a case-insensitive alternation at every word): every match starts with a title, and without
        Document.odd_case letters the titles' case-insensitive matches are their places in prose_lower."""
        found = LITERALS.found(doc)
        prose = doc.prose_lower  # the block texts joined by newlines, lower-cased char for char
        starts = set()
        for title in self.literal_titles:  # type: ignore[union-attr]
            if title in found:
                i = prose.find(title)
                while i >= 0:
                    starts.add(i)
                    i = prose.find(title, i + 1)
        if not starts:
            return
        block_starts = doc.block_starts
        resume = 0  # like finditer, the next match starts after the previous one
        for start in sorted(starts):
            if start < resume:
                continue
            k = bisect.bisect_right(block_starts, start) - 1
            block = doc.blocks[k]
            m = self.titled.regex.match(block.text, start - block_starts[k])
            if m:
                resume = block_starts[k] + m.end()
                yield block, m


def _literal_titles(titles: list) -> tuple[str, ...] | None:
    """The titles lower-cased, when each is a plain ASCII string (a regex of literals only)."""
    out = []
    for title in titles:
        text = plain_string(str(title))
        if not text or not text.isascii():
            return None
        out.append(text.lower())
    return tuple(out)


def _full(m: re.Match) -> str:
    return f"{m.group(1)} {m.group(2)}"
