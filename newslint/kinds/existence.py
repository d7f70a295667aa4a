"""existence: report every match of a list of tokens or regex patterns.

Options: tokens (words or phrases, matched whole), patterns (regexes; with whole_line, an item may
be {pattern, max_words} to allow that pattern longer or shorter lines), ignorecase, whole_line
(the stripped line must match entirely, and be at most max_words words), outside_quotes (skip
matches inside quotation marks), exceptions (regexes; a match, or with whole_line the stripped
line, that fully matches one is skipped),
delete_line (the fix deletes the whole line and the blank lines after it), unless_sentence (a
regex; matches in a sentence it finds are skipped). A pattern with a group
named `flag` reports only that group: "is (?P<flag>really)" flags "really".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from newslint.document import Block, Document, cached_property
from newslint.finding import Edit, Finding, Span
from newslint.kinds.base import Pattern, finding, inside, quoted_ranges, render, scan, whole_lines
from newslint.ruleset import Rule, compile_regex

DEFAULT_SCOPE = "sentence"


@dataclass
class Options:
    tokens: list = field(default_factory=list)
    patterns: list = field(default_factory=list)
    ignorecase: bool = False
    whole_line: bool = False
    max_words: int = 8
    outside_quotes: bool = False
    exceptions: list = field(default_factory=list)
    delete_line: bool = False
    unless_sentence: str = ""  # a case-sensitive regex: no match is reported in a sentence it finds


class Checker:
    def __init__(self, rule: Rule) -> None:
        o: Options = rule.options
        self.rule = rule
        self.options = o
        if not o.tokens and not o.patterns:
            raise rule.error("kind", "existence needs 'tokens' or 'patterns'")
        if not all(isinstance(t, str) and t.strip() for t in o.tokens):
            raise rule.error("tokens", "'tokens' must be a list of non-empty strings")
        patterns, self.max_words = _patterns(rule, o)
        flags = re.IGNORECASE if o.ignorecase else 0
        for p in patterns:
            compile_regex(rule, "patterns", p, flags)  # report a bad one by itself
        sources = list(patterns)
        if o.tokens:  # one alternation for the whole token list
            words = sorted((re.escape(t) for t in o.tokens), key=len, reverse=True)
            sources.append(r"\b(?:" + "|".join(words) + r")(?![\w-])")
            self.max_words.append(o.max_words)
        # with whole_line, each pattern alone, to tell which one a matching line matched: compiled
        # when a line first matches (start-up compiles every rule's patterns before the run)
        self._line_sources = [rf"\s*(?:{p})\s*" for p in sources] if o.whole_line else []
        self._line_flags = flags
        if o.whole_line:  # one regex, matched against whole lines
            body = "|".join(f"(?:{p})" for p in sources)
            sources = [rf"\s*(?:{body})\s*"]
        self.patterns = [Pattern(compile_regex(rule, "patterns", p, flags)) for p in sources]
        self.exceptions = [compile_regex(rule, "exceptions", e, flags) for e in o.exceptions]
        self.scope = "line" if o.whole_line else rule.scope
        self.unless = compile_regex(rule, "unless_sentence", o.unless_sentence) if o.unless_sentence else None

    def check(self, doc: Document) -> Iterator[Finding]:
        if self.options.whole_line:
            yield from self._check_lines(doc)
            return
        quotes: dict[int, list] = {}
        for block, i, m in scan(doc, self.patterns, self.scope):
            regex = self.patterns[i].regex
            a, b = m.span("flag") if "flag" in regex.groupindex and m.group("flag") else m.span()
            if a == b or any(e.fullmatch(m.group()) for e in self.exceptions):
                continue
            if self.options.outside_quotes:
                q = quotes.setdefault(id(block), quoted_ranges(block.text))
                if inside(q, a, b):
                    continue
            if self.unless and self.unless.search(_sentence_at(block, a)):
                continue
            yield self._finding(doc, block.span(a, b), block.text[a:b])

    def _check_lines(self, doc: Document) -> Iterator[Finding]:
        pattern = self.patterns[0]
        for block in doc.blocks:
            if not pattern.may_match(block):
                continue
            for start, end in _lines(block):
                line = block.text[start:end]
                if not pattern.regex.fullmatch(line) or any(
                    e.fullmatch(line.strip()) for e in self.exceptions
                ):
                    continue
                words = len(line.split())
                limits = zip(self._lines, self.max_words, strict=True)
                if not any(words <= n and p.fullmatch(line) for p, n in limits):
                    continue
                a = start + len(line) - len(line.lstrip())
                b = end - (len(line) - len(line.rstrip()))
                yield self._finding(doc, block.span(a, b), line.strip(), delete=True)

    @cached_property
    def _lines(self) -> list[re.Pattern]:
        return [re.compile(p, self._line_flags) for p in self._line_sources]

    def _finding(self, doc: Document, span: Span, text: str, delete: bool = False) -> Finding:
        message = render(self.rule.message, match=text)
        edits = (
            [Edit(whole_lines(doc.source.text, span), "")] if delete and self.options.delete_line else None
        )
        return finding(self.rule, span, message, edits)


def _patterns(rule: Rule, o: Options) -> tuple[list[str], list[int]]:
    """The regexes of `patterns`, and the most words a whole line matching each may have."""
    regexes, limits = [], []
    for item in o.patterns:
        regex, limit = item, o.max_words
        if isinstance(item, dict) and set(item) <= {"pattern", "max_words"} and o.whole_line:
            regex = item.get("pattern")
            if "max_words" in item:
                limit = item["max_words"]
                if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
                    raise rule.error(
                        "patterns",
                        f"a pattern's 'max_words' must be a whole number of at least 1, not {limit!r}",
                    )
        if not isinstance(regex, str) or not regex.strip():
            raise rule.error(
                "patterns",
                "'patterns' must be a list of non-empty strings"
                " or, with whole_line, {pattern, max_words} mappings",
            )
        regexes.append(regex)
        limits.append(limit)
    return regexes, limits


def _lines(block: Block) -> list[tuple[int, int]]:
    """block.lines, without listing the lines of a block of one line (most blocks: the lines of
    no other block are needed)."""
    return block.lines if "\n" in block.text else [(0, len(block.text))]


def _sentence_at(block, offset: int) -> str:
    for start, end in block.sentence_spans:
        if start <= offset < end:
            return block.text[start:end]
    return ""
