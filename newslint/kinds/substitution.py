"""substitution: observed pattern -> expected replacement, with a fix.

Options: swap (mapping of regex -> replacement; the replacement may use \\1 group references),
ignorecase, outside_quotes. The message may use {match} and {expected}.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from newslint.document import Document
from newslint.finding import Edit, Finding
from newslint.kinds.base import finding, inside, match_case, quoted_ranges, render, units
from newslint.ruleset import Rule, compile_regex

DEFAULT_SCOPE = "sentence"


@dataclass
class Options:
    swap: dict = field(default_factory=dict)
    ignorecase: bool = False
    outside_quotes: bool = False


class Checker:
    def __init__(self, rule: Rule) -> None:
        o: Options = rule.options
        if not o.swap:
            raise rule.error("swap", "substitution needs a non-empty 'swap' mapping")
        flags = re.IGNORECASE if o.ignorecase else 0
        self.rule = rule
        self.options = o
        self.templates: list[str] = []
        parts = []
        offset = 0  # groups before this pattern's own wrapper group in the combined regex
        for observed, expected in o.swap.items():
            regex = compile_regex(rule, "swap", str(observed), flags)
            if not isinstance(expected, str):
                raise rule.error("swap", f"replacement for {observed!r} must be a string")
            try:
                regex.sub(expected, "")  # reject bad group references now, not mid-run
            except (re.error, IndexError) as exc:
                raise rule.error("swap", f"bad replacement {expected!r}: {exc}") from None
            shift = offset + 1
            parts.append(f"(?P<s{len(parts)}>{_shift_backrefs(str(observed), shift)})")
            self.templates.append(_shift_backrefs(expected, shift, template=True))
            offset += regex.groups + 1
        self.regex = compile_regex(rule, "swap", "|".join(parts), flags)

    def check(self, doc: Document) -> Iterator[Finding]:
        for block, start, end in units(doc, self.rule.scope):
            quotes = None
            for m in self.regex.finditer(block.text, start, end):
                if self.options.outside_quotes:
                    quotes = quoted_ranges(block.text) if quotes is None else quotes
                    if inside(quotes, m.start(), m.end()):
                        continue
                observed = m.group()
                expected = match_case(observed, m.expand(self.templates[int(m.lastgroup[1:])]))
                if expected == observed:
                    continue
                span = block.span(m.start(), m.end())
                message = render(self.rule.message, match=observed, expected=expected)
                yield finding(self.rule, span, message, [Edit(span, expected)])


def _shift_backrefs(text: str, shift: int, template: bool = False) -> str:
    """Renumber \\N group references by shift, so patterns can share one combined regex."""

    def renumber(m: re.Match) -> str:
        if m.group(1):
            return m.group(0)  # an escaped backslash
        n = int(m.group(2) or m.group(3))
        return f"\\g<{n + shift}>" if template else f"(?:\\{n + shift})"

    return re.sub(r"(\\\\)|\\(\d+)|\\g<(\d+)>", renumber, text)
