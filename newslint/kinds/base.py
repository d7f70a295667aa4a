"""Helpers shared by rule kinds: walking a document by scope, quotations, messages, fixes."""

from __future__ import annotations

import re
from collections.abc import Iterator

from newslint.document import Block, Document
from newslint.finding import Edit, Finding, Fix, Span
from newslint.ruleset import Rule


def units(doc: Document, scope: str) -> Iterator[tuple[Block, int, int]]:
    """(block, start, end) text ranges of a document in the given scope."""
    for block in doc.blocks:
        if scope == "sentence":
            for s in block.sentences:
                yield block, s.start, s.end
        elif scope == "line":
            for a, b in block.lines:
                yield block, a, b
        else:  # paragraph; document-scope kinds walk blocks themselves
            yield block, 0, len(block.text)


_QUOTE = re.compile(r"“[^”]*(?:”|$)|\"[^\"]*(?:\"|$)|(?<![A-Za-z])‘[^’]*’(?![A-Za-z])")


def quoted_ranges(text: str) -> list[tuple[int, int]]:
    """Text ranges inside quotation marks (an unclosed quote runs to the end of the block)."""
    return [m.span() for m in _QUOTE.finditer(text)]


def inside(ranges: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(a <= start and end <= b for a, b in ranges)


def render(template: str, **values: object) -> str:
    """Fill '{name}' placeholders in a rule message; unknown placeholders are left as they are."""
    return re.sub(r"\{(\w+)\}", lambda m: str(values.get(m.group(1), m.group(0))), template)


def finding(rule: Rule, span: Span, message: str, edits: list[Edit] | None = None, related=()) -> Finding:
    fix = Fix(rule.fix, tuple(edits)) if edits else None
    return Finding(rule.id, rule.severity, message, span, fix, tuple(related))


def match_case(observed: str, replacement: str) -> str:
    """Give a replacement the capitalisation of the text it replaces."""
    if observed[:1].isupper() and replacement[:1].islower():
        return replacement[0].upper() + replacement[1:]
    return replacement
