"""consistency: groups of variants that must not be mixed in one article.

Options: groups (a list of mappings name -> regex; the name is how the variant is shown),
ignorecase. Reported once per group per article, at the first use of the least-used variant
(on a tie, the variant that appeared later), with related places for the other variants.
The message may use {found}, {found_count}, {other}, {other_count}, {counts}.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from newslint.document import Document
from newslint.finding import Finding, Related
from newslint.kinds.base import Pattern, finding, render
from newslint.ruleset import Rule, compile_regex

DEFAULT_SCOPE = "document"


@dataclass
class Options:
    groups: list = field(default_factory=list)
    ignorecase: bool = False


class Checker:
    def __init__(self, rule: Rule) -> None:
        o: Options = rule.options
        if not o.groups:
            raise rule.error("groups", "consistency needs 'groups'")
        flags = re.IGNORECASE if o.ignorecase else 0
        self.rule = rule
        self.groups: list[tuple[list[str], list[Pattern], re.Pattern]] = []
        for group in o.groups:
            if not isinstance(group, dict) or len(group) < 2:
                raise rule.error("groups", "each group must map two or more variant names to regexes")
            names = [str(n) for n in group]
            variants = [
                Pattern(compile_regex(rule, "groups", str(p), flags), min_length=2) for p in group.values()
            ]
            alternation = "|".join(f"(?P<v{i}>{p})" for i, p in enumerate(group.values()))
            self.groups.append((names, variants, compile_regex(rule, "groups", alternation, flags)))

    def check(self, doc: Document) -> Iterator[Finding]:
        for names, variants, regex in self.groups:
            if sum(v.may_match_doc(doc) for v in variants) < 2:
                continue  # a mix needs two variants
            uses: dict[int, list] = {}
            for block in doc.blocks:
                for m in regex.finditer(block.text):
                    uses.setdefault(int(m.lastgroup[1:]), []).append((block, m))
            if len(uses) < 2:
                continue
            # least used; on a tie, the variant whose first use comes later
            order = sorted(uses, key=lambda v: (len(uses[v]), -_position(doc, uses[v][0])))
            minority, majority = order[0], order[-1]
            block, m = uses[minority][0]
            span = block.span(m.start(), m.end())
            counts = ", ".join(
                f"'{names[v]}' ({len(uses[v])}×)" for v in sorted(uses, key=lambda v: -len(uses[v]))
            )
            message = render(
                self.rule.message,
                found=names[minority],
                found_count=len(uses[minority]),
                other=names[majority],
                other_count=len(uses[majority]),
                counts=counts,
            )
            related = []
            for v in order[1:]:
                b, om = uses[v][0]
                s = b.span(om.start(), om.end())
                line, col = doc.source.index.location(s.start)
                end_line, end_col = doc.source.index.location(s.end)
                related.append(Related(doc.path, line, col, end_line, end_col, f"'{names[v]}' used here"))
            yield finding(self.rule, span, message, related=related)


def _position(doc: Document, use: tuple) -> int:
    block, m = use
    return block.span(m.start(), m.end()).start
