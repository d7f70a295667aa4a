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
from newslint.kinds.base import LITERALS, Pattern, finding, render
from newslint.ruleset import Rule, compile_regex

DEFAULT_SCOPE = "document"


@dataclass
class Options:
    groups: list = field(default_factory=list)
    ignorecase: bool = False


@dataclass
class _Group:
    names: list[str]  # how each variant is shown
    variants: list[Pattern]
    regex: re.Pattern  # the alternation of the variants, group v<i> for variant i
    # the variants' literals, when each variant has some and is case-sensitive: a block holding none
    # of them holds no match (None: search every block)
    literals: tuple[str, ...] | None


class Checker:
    def __init__(self, rule: Rule) -> None:
        o: Options = rule.options
        if not o.groups:
            raise rule.error("groups", "consistency needs 'groups'")
        flags = re.IGNORECASE if o.ignorecase else 0
        self.rule = rule
        self.groups: list[_Group] = []
        # which variants each lower-cased literal gates, as (group, variant): the literals found in
        # a document (one set intersection) tell which variants may_match_doc needs to test
        self.gates: dict[str, list[tuple[int, int]]] = {}
        for g, group in enumerate(o.groups):
            if not isinstance(group, dict) or len(group) < 2:
                raise rule.error("groups", "each group must map two or more variant names to regexes")
            names = [str(n) for n in group]
            variants = [
                Pattern(compile_regex(rule, "groups", str(p), flags), min_length=2) for p in group.values()
            ]
            alternation = "|".join(f"(?P<v{i}>{p})" for i, p in enumerate(group.values()))
            regex = compile_regex(rule, "groups", alternation, flags)
            self.groups.append(_Group(names, variants, regex, _block_literals(variants)))
            for i, v in enumerate(variants):
                for lit in v.literals or ():
                    self.gates.setdefault(lit.lower(), []).append((g, i))
        self.lowered = frozenset(self.gates)

    def check(self, doc: Document) -> Iterator[Finding]:
        for group in self._mixed_groups(doc):
            names = group.names
            uses: dict[int, list] = {}
            for block in doc.blocks:
                if group.literals and not any(map(block.text.__contains__, group.literals)):
                    continue
                for m in group.regex.finditer(block.text):
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

    def _mixed_groups(self, doc: Document) -> list[_Group]:
        """The groups with two variants that pass Pattern.may_match_doc (a mix needs two)."""
        gated: dict[int, set[int]] = {}  # the variants whose literals are found lower-cased
        for low in self.lowered & LITERALS.found(doc):
            for g, i in self.gates[low]:
                gated.setdefault(g, set()).add(i)
        mixed = []
        for g, group in enumerate(self.groups):
            maybe = [v for i, v in enumerate(group.variants) if not v.literals or i in gated.get(g, ())]
            if len(maybe) >= 2 and sum(v.may_match_doc(doc) for v in maybe) >= 2:
                mixed.append(group)
        return mixed


def _block_literals(variants: list[Pattern]) -> tuple[str, ...] | None:
    if all(v.literals and not v.folded for v in variants):
        return tuple(lit for v in variants for lit in v.literals)  # type: ignore[union-attr]
    return None


def _position(doc: Document, use: tuple) -> int:
    block, m = use
    return block.span(m.start(), m.end()).start
