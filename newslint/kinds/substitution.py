"""substitution: observed pattern -> expected replacement, with a fix.

Options: swap (mapping of regex -> replacement; the replacement may use \\1 group references),
ignorecase, outside_quotes, exceptions (regexes; a match that fully matches one is left alone).
The message may use {match} and {expected}.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from newslint.document import Document
from newslint.finding import Edit, Finding
from newslint.kinds.base import Pattern, finding, inside, match_case, quoted_ranges, render, scan
from newslint.ruleset import Rule, compile_regex

DEFAULT_SCOPE = "sentence"


@dataclass
class Options:
    swap: dict = field(default_factory=dict)
    ignorecase: bool = False
    outside_quotes: bool = False
    exceptions: list = field(default_factory=list)


class Checker:
    def __init__(self, rule: Rule) -> None:
        o: Options = rule.options
        if not o.swap:
            raise rule.error("swap", "substitution needs a non-empty 'swap' mapping")
        flags = re.IGNORECASE if o.ignorecase else 0
        self.rule = rule
        self.options = o
        self.swaps: list[tuple[Pattern, str]] = []
        for observed, expected in o.swap.items():
            regex = compile_regex(rule, "swap", str(observed), flags)
            if not isinstance(expected, str):
                raise rule.error("swap", f"replacement for {observed!r} must be a string")
            try:
                regex.sub(expected, "")  # reject bad group references now, not mid-run
            except (re.error, IndexError) as exc:
                raise rule.error("swap", f"bad replacement {expected!r}: {exc}") from None
            self.swaps.append((Pattern(regex), expected))
        self.exceptions = [compile_regex(rule, "exceptions", str(e)) for e in o.exceptions]

    def check(self, doc: Document) -> Iterator[Finding]:
        quotes: dict[int, list] = {}
        covered: dict[int, int] = {}  # block id -> end of the last match taken (matches never overlap)
        hits = sorted(scan(doc, [p for p, _ in self.swaps], self.rule.scope), key=_order)
        for block, i, m in hits:
            if m.start() < covered.get(id(block), -1):
                continue
            if self.options.outside_quotes:
                q = quotes.setdefault(id(block), quoted_ranges(block.text))
                if inside(q, m.start(), m.end()):
                    continue
            observed = m.group()
            if any(e.fullmatch(observed) for e in self.exceptions):
                continue
            expected = match_case(observed, m.expand(self.swaps[i][1]))
            if expected == observed:
                continue
            covered[id(block)] = m.end()
            span = block.span(m.start(), m.end())
            message = render(self.rule.message, match=observed, expected=expected)
            yield finding(self.rule, span, message, [Edit(span, expected)])


def _order(hit: tuple) -> tuple[int, int, int]:
    block, _, m = hit
    return block.span(0, 0).start, m.start(), -m.end()
