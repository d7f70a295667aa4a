"""Helpers shared by rule kinds: walking a document by scope, quotations, messages, fixes."""

from __future__ import annotations

import bisect
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


def whole_lines(text: str, span: Span) -> Span:
    """The whole lines under span and the blank lines after them; at the end of the text, the blank
    lines before them instead, keeping the newline that ends the line before."""
    start = text.rfind("\n", 0, span.start) + 1
    end = _after_blank_lines(text, _line_end(text, span.end))
    if end >= len(text):
        while start > 0:
            prev = text.rfind("\n", 0, start - 1) + 1
            if text[prev:start].strip():
                break
            start = prev
        if start > 0 and not text.endswith("\n"):
            start -= 2 if text[:start].endswith("\r\n") else 1
    return Span(start, end)


def _line_end(text: str, offset: int) -> int:
    """Offset just past the newline that ends the line holding offset (or the end of the text)."""
    i = text.find("\n", offset)
    return len(text) if i < 0 else i + 1


def _after_blank_lines(text: str, start: int) -> int:
    end = start
    while end < len(text):
        nxt = _line_end(text, end)
        if text[end:nxt].strip():
            break
        end = nxt
    return end


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
    """A compiled regex plus the literals that gate it (case kept when the regex is case-sensitive)."""

    __slots__ = ("regex", "literals", "folded")

    def __init__(self, regex: re.Pattern, min_length: int = 3) -> None:
        self.regex = regex
        self.folded = bool(regex.flags & re.IGNORECASE) or "(?i" in regex.pattern
        self.literals = required_literals(regex.pattern, regex.flags, min_length, fold=self.folded)

    def may_match(self, block: Block) -> bool:
        return self._present(block.lower if self.folded else block.text)

    def may_match_doc(self, doc: Document) -> bool:
        return self._present(doc.prose_lower if self.folded else doc.prose)

    def may_match_text(self, lower: str) -> bool:
        """For text already lower-cased (a case-sensitive literal is lowered for the test)."""
        return not self.literals or any(lit.lower() in lower for lit in self.literals)

    def _present(self, text: str) -> bool:
        return not self.literals or any(lit in text for lit in self.literals)


def scan(doc: Document, patterns: list[Pattern], scope: str) -> Iterator[tuple[Block, int, re.Match]]:
    """(block, pattern index, match) for every match of the patterns, one regex pass per block;
    with scope sentence or line, matches that cross a boundary are dropped."""
    active = [i for i, p in enumerate(patterns) if p.may_match_doc(doc)]
    if not active:
        return
    for block in doc.blocks:
        here = [i for i in active if patterns[i].may_match(block)]
        if not here:
            continue
        bounds = _bounds(block, scope)
        for i in here:
            for m in patterns[i].regex.finditer(block.text):
                if bounds is None or _within(bounds, m.start(), m.end()):
                    yield block, i, m


def _bounds(block: Block, scope: str) -> tuple[list[int], list[int]] | None:
    if scope == "sentence":
        spans = [(s.start, s.end) for s in block.sentences]
    elif scope == "line":
        spans = block.lines
    else:
        return None
    return [a for a, _ in spans], [b for _, b in spans]


def _within(bounds: tuple[list[int], list[int]], start: int, end: int) -> bool:
    starts, ends = bounds
    k = bisect.bisect_right(starts, start) - 1
    return k >= 0 and end <= ends[k]


def required_literals(
    pattern: str, flags: int = 0, min_length: int = 3, fold: bool = True
) -> tuple[str, ...] | None:
    """Literals one of which every match contains (lower-cased when fold), or None if none can be
    derived."""
    try:
        tree = _sre_parse.parse(pattern, flags & ~re.IGNORECASE)
    except (re.error, RecursionError):
        return None
    found = _sequence_literals(list(tree), fold)
    return found if found and min(map(len, found)) >= min_length else None


def _sequence_literals(items: list, fold: bool = True) -> tuple[str, ...] | None:
    best: tuple[str, ...] | None = None

    def consider(candidates: tuple[str, ...] | None) -> None:
        nonlocal best
        if candidates and (best is None or min(map(len, candidates)) > min(map(len, best))):
            best = candidates

    run: list[str] = []
    for op, av in items:
        if op is _sre_c.LITERAL:
            run.append(chr(av).lower() if fold else chr(av))
            continue
        if op is _sre_c.ASSERT and av[0] == 1:  # a lookahead's leading literals follow the run
            for sub_op, sub_av in av[1]:
                if sub_op is not _sre_c.LITERAL:
                    break
                run.append(chr(sub_av).lower() if fold else chr(sub_av))
        consider(("".join(run),) if run else None)
        run = []
        if op is _sre_c.SUBPATTERN:
            consider(_sequence_literals(list(av[-1]), fold))
        elif op is _sre_c.BRANCH:
            branches = [_sequence_literals(list(b), fold) for b in av[1]]
            if all(branches):
                consider(tuple(sorted({lit for b in branches for lit in b})))  # type: ignore[union-attr]
    consider(("".join(run),) if run else None)
    return best
