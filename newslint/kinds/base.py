"""Helpers shared by rule kinds: walking a document by scope, quotations, messages, fixes."""

from __future__ import annotations

import re
from collections.abc import Iterator

from newslint.document import Block, Document
from newslint.finding import Edit, Finding, Fix, Span
from newslint.ruleset import Rule


def units(doc: Document, scope: str, blocks: list[Block] | None = None) -> Iterator[tuple[Block, int, int]]:
    """(block, start, end) text ranges of a document (or of some of its blocks) in the given scope."""
    for block in doc.blocks if blocks is None else blocks:
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


# --- literal prefilter ----------------------------------------------------------------------------
# Python's regex engine tries a pattern at every position; a plain `in` test over the lower-cased
# block is ~20x faster. Each pattern gets the literals one of which every match must contain, and
# blocks without any of them are skipped.

try:
    from re import _constants as _sre_c
    from re import _parser as _sre_parse
except ImportError:  # Python 3.10
    import sre_constants as _sre_c  # type: ignore[no-redef]
    import sre_parse as _sre_parse  # type: ignore[no-redef]


class Pattern:
    """A compiled regex plus the literals that gate it."""

    __slots__ = ("regex", "literals")

    def __init__(self, regex: re.Pattern, min_length: int = 3) -> None:
        self.regex = regex
        self.literals = required_literals(regex.pattern, regex.flags, min_length)

    def may_match(self, block: Block) -> bool:
        return self.may_match_text(block.lower)

    def may_match_text(self, lower: str) -> bool:
        return not self.literals or any(lit in lower for lit in self.literals)


def required_literals(pattern: str, flags: int = 0, min_length: int = 3) -> tuple[str, ...] | None:
    """Lower-cased literals one of which every match contains, or None if none can be derived."""
    try:
        tree = _sre_parse.parse(pattern, flags & ~re.IGNORECASE)
    except (re.error, RecursionError):
        return None
    found = _sequence_literals(list(tree))
    return found if found and min(map(len, found)) >= min_length else None


def _sequence_literals(items: list) -> tuple[str, ...] | None:
    best: tuple[str, ...] | None = None

    def consider(candidates: tuple[str, ...] | None) -> None:
        nonlocal best
        if candidates and (best is None or min(map(len, candidates)) > min(map(len, best))):
            best = candidates

    run: list[str] = []
    for op, av in items:
        if op is _sre_c.LITERAL:
            run.append(chr(av).lower())
            continue
        consider(("".join(run),) if run else None)
        run = []
        if op is _sre_c.SUBPATTERN:
            consider(_sequence_literals(list(av[-1])))
        elif op is _sre_c.BRANCH:
            branches = [_sequence_literals(list(b)) for b in av[1]]
            if all(branches):
                consider(tuple(sorted({lit for b in branches for lit in b})))  # type: ignore[union-attr]
    consider(("".join(run),) if run else None)
    return best
