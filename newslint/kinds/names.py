"""names: a person's title and full name repeated after the article has moved to the surname.

News style introduces "Secretary of State Jane Doe" once, then writes "Doe". A titled full name is
flagged when the same name was introduced earlier and the surname alone has been used since.
Options: titles (regex alternatives, matched case-insensitively right before "First Last").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from newslint.document import Document
from newslint.finding import Edit, Finding, Related
from newslint.kinds.base import Pattern, finding, render
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

    def check(self, doc: Document) -> Iterator[Finding]:
        if not self.titled.may_match_doc(doc):
            return
        titled = [  # (block, title start, name match) in document order
            (block, m.start(), m)
            for block in doc.blocks
            if self.titled.may_match(block)
            for m in self.titled.regex.finditer(block.text)
        ]
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


def _full(m: re.Match) -> str:
    return f"{m.group(1)} {m.group(2)}"
