"""names: a person's title and full name repeated after the article has moved to the surname.

News style introduces "Secretary of State Jane Doe" once, then writes "Doe". A titled full name is
flagged when the same name was introduced earlier and the surname alone has been used since.
Options: titles (regex alternatives, matched case-insensitively before "First Last").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from newslint.document import Document
from newslint.finding import Edit, Finding, Related
from newslint.kinds.base import finding, render
from newslint.ruleset import Rule, compile_regex

DEFAULT_SCOPE = "document"


@dataclass
class Options:
    titles: list = field(default_factory=lambda: ["President", "Secretary of State", "Prime Minister"])


class Checker:
    def __init__(self, rule: Rule) -> None:
        titles = "|".join(sorted(rule.options.titles, key=len, reverse=True))
        self.rule = rule
        self.regex = compile_regex(
            rule,
            "titles",
            rf"\b(?i:{titles}) (?P<name>(?P<first>[A-Z][a-z]+) (?P<last>[A-Z][a-z]+(?:-[A-Z][a-z]+)?))"
            r"\b(?! \(@)",  # not a tweet's signature
        )

    def check(self, doc: Document) -> Iterator[Finding]:
        mentions = [(block, m) for block in doc.blocks for m in self.regex.finditer(block.text)]
        if len(mentions) < 2:
            return
        text = doc.source.text
        first_seen: dict[str, tuple] = {}
        for block, m in mentions:
            name = m.group("name")
            start = block.span(m.start(), m.end())
            if name not in first_seen:
                first_seen[name] = (block, m, start)
                continue
            _, _, first = first_seen[name]
            last = re.escape(m.group("last"))
            between = text[first.end : start.start]
            if not re.search(rf"(?<!{re.escape(m.group('first'))} )\b{last}\b", between):
                continue  # the article has not switched to the surname yet
            line, col = doc.source.index.location(first.start)
            end_line, end_col = doc.source.index.location(first.end)
            related = [Related(doc.path, line, col, end_line, end_col, "first reference")]
            message = render(self.rule.message, match=m.group(), last=m.group("last"), first_line=line)
            yield finding(self.rule, start, message, [Edit(start, m.group("last"))], related)
