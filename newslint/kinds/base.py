"""Helpers shared by rule kinds: walking a document by scope, quotations, messages, fixes."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Iterator

from newslint.document import Block, Document
from newslint.finding import Edit, Finding, Fix, Span
from newslint.ruleset import Rule


def units(doc: Document, scope: str, blocks: list[Block] | None = None) -> Iterator[tuple[Block, int, int]]:
    """(block, start, end) text ranges of a document (or of some of its blocks) in the given scope."""
    for block in doc.blocks if blocks is None else blocks:
        if scope == "sentence":
            for start, end in block.sentence_spans:
                yield block, start, end
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


_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def render(template: str, **values: object) -> str:
    """Fill '{name}' placeholders in a rule message; unknown placeholders are left as they are."""
    if "{" not in template:
        return template
    parts = _TEMPLATES.get(template)
    if parts is None:  # [text, name, text, name, ..., text], once per template
        parts = _TEMPLATES[template] = _PLACEHOLDER.split(template)
    out = parts[:]
    for i in range(1, len(parts), 2):
        name = parts[i]
        out[i] = str(values[name]) if name in values else f"{{{name}}}"
    return "".join(out)


_TEMPLATES: dict[str, list[str]] = {}


def renderer(template: str, names: Iterable[str]) -> Callable[..., str]:
    """render(template, **values) for values of these names, as one str.format: for a message
    filled in thousands of times (str.format writes a str or an int as str() does)."""
    parts = _PLACEHOLDER.split(template)
    names = set(names)
    for i, part in enumerate(parts):
        if i % 2 == 0 or part not in names:  # text, or a placeholder left as it is
            text = part if i % 2 == 0 else f"{{{part}}}"
            parts[i] = text.replace("{", "{{").replace("}", "}}")
        else:
            parts[i] = f"{{{part}}}"
    return "".join(parts).format


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
# blocks without any of them are skipped. A doubled-word pattern (`\b(\w+)\s+\1\b`) has no
# literal; it is gated on the block having two equal words in a row.

try:
    from re import _constants as _sre_c
    from re import _parser as _sre_parse
except ImportError:  # Python 3.10
    import sre_constants as _sre_c  # type: ignore[no-redef]
    import sre_parse as _sre_parse  # type: ignore[no-redef]

MAX_LITERALS = 24  # alternatives a literal set may grow to by expanding character classes


class LiteralIndex:
    """Every literal of every Pattern, found in a document in one Aho-Corasick pass over its
    lower-cased prose (testing each literal with `in` reads the text once per literal)."""

    def __init__(self) -> None:
        self._literals: set[str] = set()
        self._names: list[str] = []  # the literals in the automaton's order
        self._automaton = None
        self._version = 0  # documents cache what they hold under the automaton's version

    def add(self, literals: tuple[str, ...]) -> None:
        new = {lit.lower() for lit in literals} - self._literals
        if new:
            self._literals |= new
            self._automaton = None

    def found(self, doc: Document) -> frozenset[str]:
        """The (lower-cased) literals present in the document."""
        return self.scan(doc)[0]

    def scan(self, doc: Document) -> tuple[frozenset[str], dict[str, set[int]] | None]:
        """found(), and the blocks each literal found occurs in (by index; one that runs over the
        end of a block counts for the block it starts in), or None for the blocks when
        lower-casing changed the prose's length (its offsets then do not map back to blocks)."""
        if self._automaton is None:
            import ahocorasick_rs

            self._names = sorted(self._literals)
            # a DFA: built in under a millisecond for a few hundred literals, it searches more
            # than twice as fast as the NFA the library picks for that many (49 -> 20 ms over fnc1)
            dfa = ahocorasick_rs.Implementation.DFA
            self._automaton = ahocorasick_rs.AhoCorasick(self._names, implementation=dfa)
            self._version += 1
        key = ("literals", self._version)
        if key not in doc.cache:
            prose = doc.prose_lower
            if len(prose) != len(doc.prose):
                found = self._automaton.find_matches_as_strings(prose, overlapping=True)
                doc.cache[key] = (frozenset(found), None)
            else:
                by_literal: dict[str, set[int]] = {}
                starts, names = doc.block_starts, self._names
                for n, start, _ in self._automaton.find_matches_as_indexes(prose, overlapping=True):
                    k = bisect.bisect_right(starts, start) - 1
                    by_literal.setdefault(names[n], set()).add(k)
                doc.cache[key] = (frozenset(by_literal), by_literal)
        return doc.cache[key]


LITERALS = LiteralIndex()


class Pattern:
    """A compiled regex plus the literals that gate it (case kept when the regex is case-sensitive)."""

    __slots__ = ("regex", "literals", "lower_literals", "folded", "doubled_word")

    def __init__(self, regex: re.Pattern, min_length: int = 3) -> None:
        self.regex = regex
        self.folded = bool(regex.flags & re.IGNORECASE) or "(?i" in regex.pattern
        tree = _parse(regex.pattern, regex.flags)
        self.literals = required_literals(regex.pattern, regex.flags, min_length, self.folded, tree)
        self.doubled_word = tree is not None and _is_doubled_word(list(tree))
        self.lower_literals = frozenset(lit.lower() for lit in self.literals or ())
        if self.literals:
            LITERALS.add(self.literals)

    def may_match(self, block: Block) -> bool:
        if self.doubled_word and not block.has_doubled_word:
            return False
        if not self.literals:
            return True  # without lower-casing the block for nothing
        return self._present(block.lower if self.folded else block.text)

    def candidate_blocks(self, doc: Document, hits: dict[str, set[int]]) -> list[int]:
        """The indices of the blocks for which may_match holds, given the blocks of LITERALS.scan(doc)."""
        blocks = doc.blocks
        if not self.literals:
            found: Iterable[int] = range(len(blocks))
        else:
            found = sorted({k for lit in self.lower_literals for k in hits.get(lit, ())})
            if not self.folded:  # found in the lower-cased prose: the case is still to check
                found = [k for k in found if self._present(blocks[k].text)]
        if self.doubled_word:
            return [k for k in found if blocks[k].has_doubled_word]
        return list(found)

    def may_match_doc(self, doc: Document) -> bool:
        if not self.literals:
            return True
        found = LITERALS.found(doc)
        if self.folded:
            return not found.isdisjoint(self.literals)
        return any(lit.lower() in found and lit in doc.prose for lit in self.literals)

    def may_match_text(self, lower: str) -> bool:
        """For text already lower-cased (a case-sensitive literal is lowered for the test)."""
        return not self.literals or any(lit.lower() in lower for lit in self.literals)

    def _present(self, text: str) -> bool:
        if not self.literals:
            return True
        for lit in self.literals:  # noqa: SIM110 - a loop is quicker than any() for a few literals
            if lit in text:
                return True
        return False


def scan(doc: Document, patterns: list[Pattern], scope: str) -> Iterator[tuple[Block, int, re.Match]]:
    """(block, pattern index, match) for every match of the patterns, one regex pass per block;
    with scope sentence or line, matches that cross a boundary are dropped."""
    found, hits = LITERALS.scan(doc)
    if hits is None:
        active = [i for i, p in enumerate(patterns) if p.may_match_doc(doc)]
        here_by_block = ((block, [i for i in active if patterns[i].may_match(block)]) for block in doc.blocks)
    else:  # only the blocks the literals were found in
        here: dict[int, list[int]] = {}
        for i, p in enumerate(patterns):
            if p.literals and found.isdisjoint(p.lower_literals):
                continue
            for k in p.candidate_blocks(doc, hits):
                here.setdefault(k, []).append(i)
        here_by_block = ((doc.blocks[k], here[k]) for k in sorted(here))
    for block, ids in here_by_block:
        if not ids:
            continue
        bounds = _bounds(block, scope)
        for i in ids:
            for m in patterns[i].regex.finditer(block.text):
                if bounds is None or _within(bounds, m.start(), m.end()):
                    yield block, i, m


def blocks_to_search(doc: Document, pattern: Pattern) -> list[Block]:
    """The blocks of a document for which pattern.may_match holds (perhaps a few more), taken from
    the literals' shared pass over the document: most documents hold none of a rare pattern's
    literals, and testing each block of each document for them cost more than the rule's search."""
    found, hits = LITERALS.scan(doc)
    if hits is None:
        return [block for block in doc.blocks if pattern.may_match(block)]
    if pattern.literals and found.isdisjoint(pattern.lower_literals):
        return []
    return [doc.blocks[k] for k in pattern.candidate_blocks(doc, hits)]


def _bounds(block: Block, scope: str) -> tuple[list[int], list[int]] | None:
    if scope == "sentence":
        return block.sentence_bounds
    return block.line_bounds if scope == "line" else None


def _within(bounds: tuple[list[int], list[int]], start: int, end: int) -> bool:
    starts, ends = bounds
    k = bisect.bisect_right(starts, start) - 1
    return k >= 0 and end <= ends[k]


def plain_string(pattern: str) -> str | None:
    """The string a regex matches when it is made of literal characters only, else None."""
    tree = _parse(pattern, 0)
    if tree is None or not all(op is _sre_c.LITERAL for op, _ in tree):  # type: ignore[attr-defined]
        return None
    return "".join(chr(code) for _, code in tree)  # type: ignore[attr-defined]


def _parse(pattern: str, flags: int) -> object | None:
    try:
        return _sre_parse.parse(pattern, flags & ~re.IGNORECASE)
    except (re.error, RecursionError):
        return None


def required_literals(
    pattern: str, flags: int = 0, min_length: int = 3, fold: bool = True, tree: object | None = None
) -> tuple[str, ...] | None:
    """Literals one of which every match contains (lower-cased when fold), or None if none can be
    derived or they are too short to be selective: shorter than min_length, unless each has at
    least two characters and a punctuation mark (a quote and a comma, a space and a hyphen)."""
    tree = tree if tree is not None else _parse(pattern, flags)
    if tree is None:
        return None
    found = _sequence_literals(list(tree), fold)  # type: ignore[call-overload]
    if not found:
        return None
    if min(map(len, found)) >= min_length or all(len(lit) >= 2 and _has_mark(lit) for lit in found):
        return found
    return None


def _has_mark(literal: str) -> bool:
    return any(not (c.isalnum() or c.isspace()) for c in literal)


def _sequence_literals(items: list, fold: bool = True) -> tuple[str, ...] | None:
    """The best literal set of a sequence: runs of items that match a few fixed strings (literals,
    small character classes, groups of them, zero-width assertions) are joined into one run."""
    best: tuple[str, ...] | None = None

    def consider(candidates: tuple[str, ...] | None) -> None:
        nonlocal best
        if candidates and all(candidates) and (best is None or _rank(candidates) > _rank(best)):
            best = candidates

    run: tuple[str, ...] = ("",)
    for op, av in items:
        fixed = _fixed_strings(op, av, fold)
        if fixed is not None and len(run) * len(fixed) <= MAX_LITERALS:
            run = tuple(sorted({a + b for a in run for b in fixed}))
            continue
        if op is _sre_c.ASSERT and av[0] == 1:  # a lookahead's leading literals follow the run
            for sub_op, sub_av in av[1]:
                if sub_op is not _sre_c.LITERAL:
                    break
                run = tuple(a + _char(sub_av, fold) for a in run)
        consider(run)
        run = ("",)
        if op is _sre_c.SUBPATTERN:
            consider(_sequence_literals(list(av[-1]), fold))
        elif op is _sre_c.BRANCH:
            branches = [_sequence_literals(list(b), fold) for b in av[1]]
            if all(branches):
                consider(tuple(sorted({lit for b in branches for lit in b})))  # type: ignore[union-attr]
        elif op in (_sre_c.MAX_REPEAT, _sre_c.MIN_REPEAT) and av[0] >= 1:
            consider(_sequence_literals(list(av[2]), fold))
    consider(run)
    return best


def _rank(literals: tuple[str, ...]) -> tuple[int, int]:
    """Longer is more selective, up to a point; then fewer alternatives are cheaper to test."""
    return min(min(map(len, literals)), 5), -len(literals)


def _char(code: int, fold: bool) -> str:
    return chr(code).lower() if fold else chr(code)


def _fixed_strings(op, av, fold: bool) -> tuple[str, ...] | None:
    """The few strings an item can match, when it is that simple ('' for zero-width assertions)."""
    if op is _sre_c.LITERAL:
        return (_char(av, fold),)
    if op is _sre_c.IN and all(sub_op is _sre_c.LITERAL for sub_op, _ in av):
        return tuple(sorted({_char(code, fold) for _, code in av}))
    if op is _sre_c.AT or op is _sre_c.ASSERT_NOT or (op is _sre_c.ASSERT and av[0] == -1):
        return ("",)
    if op is _sre_c.SUBPATTERN:
        return _fixed_sequence(av[-1], fold)
    if op in (_sre_c.MAX_REPEAT, _sre_c.MIN_REPEAT) and (av[0], av[1]) == (0, 1):  # optional: x?
        fixed = _fixed_sequence(av[2], fold)
        return None if fixed is None else tuple(sorted({"", *fixed}))
    if op is _sre_c.BRANCH:
        alternatives = [_fixed_sequence(b, fold) for b in av[1]]
        if all(a is not None for a in alternatives):
            union = {s for a in alternatives for s in a}  # type: ignore[union-attr]
            return tuple(sorted(union)) if len(union) <= MAX_LITERALS else None
    return None


def _fixed_sequence(items, fold: bool) -> tuple[str, ...] | None:
    strings: tuple[str, ...] = ("",)
    for op, av in items:
        fixed = _fixed_strings(op, av, fold)
        if fixed is None or len(strings) * len(fixed) > MAX_LITERALS:
            return None
        strings = tuple(sorted({a + b for a in strings for b in fixed}))
    return strings


def _is_doubled_word(items: list) -> bool:
    """Whether the pattern contains `\\b([A-Za-z0-9]+)` whitespace+ `\\1\\b`: then every match holds
    two equal words in a row (Block.has_doubled_word)."""
    for k in range(1, len(items) - 3):
        (at1, b1), (sub, group), (rep, space), (ref, g), (at2, b2) = items[k - 1 : k + 4]
        if not (at1 is at2 is _sre_c.AT and b1 is b2 is _sre_c.AT_BOUNDARY):
            continue
        if sub is not _sre_c.SUBPATTERN or ref is not _sre_c.GROUPREF or group[0] != g:
            continue
        if _repeat_of(rep, space, _is_space_class) and len(group[-1]) == 1:
            body_op, body_av = group[-1][0]
            if _repeat_of(body_op, body_av, _is_word_class):
                return True
    return False


def _repeat_of(op, av, test) -> bool:
    return op is _sre_c.MAX_REPEAT and av[0] >= 1 and len(av[2]) == 1 and test(*av[2][0])


def _is_space_class(op, av) -> bool:
    if op is _sre_c.LITERAL:
        return chr(av).isspace()
    return op is _sre_c.IN and all(
        (o is _sre_c.LITERAL and chr(a).isspace()) or (o is _sre_c.CATEGORY and a is _sre_c.CATEGORY_SPACE)
        for o, a in av
    )


def _is_word_class(op, av) -> bool:
    """A class of ASCII letters and digits only (`\\w` also has '_', which splits folded words)."""
    if op is not _sre_c.IN:
        return False
    for o, a in av:
        if o is _sre_c.RANGE and all(chr(c).isascii() and chr(c).isalnum() for c in range(a[0], a[1] + 1)):
            continue
        if not (o is _sre_c.LITERAL and chr(a).isascii() and chr(a).isalnum()):
            return False
    return True
