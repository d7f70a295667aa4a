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
from newslint.kinds.base import Pattern, finding, inside, match_case, quoted_ranges, render, units
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
        for block in doc.blocks:
            active = [s for s in self.swaps if s[0].may_match(block)]
            if not active:
                continue
            quotes = quoted_ranges(block.text) if self.options.outside_quotes else []
            for _, start, end in units(doc, self.rule.scope, [block]):
                matches = sorted(
                    (
                        (m, template)
                        for pattern, template in active
                        for m in pattern.regex.finditer(block.text, start, end)
                    ),
                    key=lambda mt: (mt[0].start(), -mt[0].end()),
                )
                covered = -1
                for m, template in matches:
                    if m.start() < covered or (quotes and inside(quotes, m.start(), m.end())):
                        continue
                    observed = m.group()
                    if any(e.fullmatch(observed) for e in self.exceptions):
                        continue
                    expected = match_case(observed, m.expand(template))
                    if expected == observed:
                        continue
                    covered = m.end()
                    span = block.span(m.start(), m.end())
                    message = render(self.rule.message, match=observed, expected=expected)
                    yield finding(self.rule, span, message, [Edit(span, expected)])
