"""Faster searches with the same results: patterns anchored at the end of a text ("rose to $",
"killed ... $"), and case-insensitive patterns run on lower-cased text.

re tries an end-anchored pattern at every position of the text before it fails, which is most of
the cost of reading the words before a figure. A Tail first matches the reversed pattern once, at
the reversed end of the text: when that fails, no match can end there and the full search is
skipped. The reversed pattern is derived from the pattern itself, without its assertions and
anchors (lookarounds, \\b, ^, $), so it accepts everything the pattern accepts and more; it only
ever skips searches that would fail, and the result is the pattern's own search.

Under re.IGNORECASE, re must try every alternative of an alternation in full; without it, it skips
one whose first letter differs. folded() gives the pattern for lower-cased text without the flag.
"""

from __future__ import annotations

import re

try:
    from re import _constants as _c
    from re import _parser as _p
except ImportError:  # Python 3.10
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _p  # type: ignore[no-redef]

_CATEGORIES = {
    _c.CATEGORY_DIGIT: r"\d",
    _c.CATEGORY_NOT_DIGIT: r"\D",
    _c.CATEGORY_SPACE: r"\s",
    _c.CATEGORY_NOT_SPACE: r"\S",
    _c.CATEGORY_WORD: r"\w",
    _c.CATEGORY_NOT_WORD: r"\W",
}
_ENDS = (_c.AT_END, _c.AT_END_STRING)


class _Unsupported(Exception):
    pass


class _Reverser:
    """The reversed pattern of a parsed regex; with fold, for lower-cased text and without
    re.IGNORECASE (re then skips an alternative on its first letter, which IGNORECASE prevents)."""

    def __init__(self, fold: bool) -> None:
        self.fold = fold

    def sequence(self, items: list) -> str:
        return "".join(self.node(op, av) for op, av in reversed(items))

    def char(self, code: int) -> str:
        ch = chr(code)
        if self.fold:
            if not (ch.isascii() or ch.lower() == ch.upper() == ch):
                raise _Unsupported("a cased letter outside ASCII")
            ch = ch.lower()
        return re.escape(ch)

    def node(self, op, av) -> str:
        if op is _c.LITERAL:
            return self.char(av)
        if op is _c.NOT_LITERAL:
            return f"[^{self.char(av)}]"
        if op is _c.ANY:
            return "."
        if op is _c.IN:
            return self.charset(av)
        if op is _c.BRANCH:
            return "(?:" + "|".join(self.sequence(list(alt)) for alt in av[1]) + ")"
        if op is _c.SUBPATTERN:
            _group, add_flags, del_flags, sub = av
            if add_flags or del_flags:
                raise _Unsupported("inline flags")
            return f"(?:{self.sequence(list(sub))})"
        if op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
            lo, hi, sub = av
            return f"(?:{self.sequence(list(sub))}){{{lo},{'' if hi is _c.MAXREPEAT else hi}}}"
        if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
            return ""  # dropped: the reversed pattern accepts more, never less
        raise _Unsupported(str(op))

    def charset(self, items: list) -> str:
        out = []
        for op, av in items:
            if op is _c.NEGATE:
                out.append("^")
            elif op is _c.LITERAL:
                out.append(self.char(av))
            elif op is _c.RANGE:
                lo, hi = av
                if self.fold and hi >= 128:
                    raise _Unsupported("a range outside ASCII")
                out.append(f"{re.escape(chr(lo))}-{re.escape(chr(hi))}")
                if self.fold and lo <= ord("Z") and hi >= ord("A"):  # its lower-case letters too
                    out.append(f"{chr(max(lo, ord('A')) + 32)}-{chr(min(hi, ord('Z')) + 32)}")
            elif op is _c.CATEGORY and av in _CATEGORIES:
                out.append(_CATEGORIES[av])
            else:
                raise _Unsupported(str(op))
        return f"[{''.join(out)}]"


def _end_anchored(items: list) -> bool:
    """Whether every way through the pattern ends with $ or \\Z."""
    if not items:
        return False
    op, av = items[-1]
    if op is _c.AT:
        return av in _ENDS
    if op is _c.SUBPATTERN:
        return _end_anchored(list(av[3]))
    if op is _c.BRANCH:
        return all(_end_anchored(list(alt)) for alt in av[1])
    return False


class Tail:
    """A pattern whose every match ends at the end of the searched text; search() gives exactly
    what the pattern's own search gives. It is compiled, and its gate made, on first use.

    starts, when given, ends a match right after each position where a match of the pattern can
    start first (for a pattern that opens with a word, the first letter of each word), so that a
    search from 0 tries the pattern there only rather than at every character."""

    __slots__ = ("pattern", "flags", "starts", "_regex", "_gate", "_fold", "_built")

    def __init__(self, pattern: str, flags: int = 0, starts: re.Pattern | None = None) -> None:
        self.pattern, self.flags, self.starts = pattern, flags, starts
        self._regex: re.Pattern | None = None
        self._gate: re.Pattern | None = None
        self._fold = False
        self._built = False

    @property
    def regex(self) -> re.Pattern:
        if self._regex is None:
            self._regex = re.compile(self.pattern, self.flags)
        return self._regex

    @property
    def gate(self) -> re.Pattern | None:
        """The reversed pattern, matched at the reversed end of a text (None: none could be made)."""
        if not self._built:
            self._build()
        return self._gate

    @property
    def fold(self) -> bool:
        """Whether the gate is for the lower-cased text, without re.IGNORECASE."""
        if not self._built:
            self._build()
        return self._fold

    def _build(self) -> None:
        self._built = True
        if self.flags & re.MULTILINE:
            return
        try:
            tree = list(_p.parse(self.pattern, self.flags))
        except (re.error, RecursionError):
            return
        if not _end_anchored(tree):
            return
        flags = (self.flags | re.UNICODE) & ~re.VERBOSE
        for fold in (True, False) if flags & re.IGNORECASE else (False,):
            try:
                pattern = _Reverser(fold).sequence(tree)
                self._gate = re.compile(pattern, flags & ~re.IGNORECASE if fold else flags)
                self._fold = fold
                return
            except (_Unsupported, re.error, RecursionError):
                continue

    def possible(self, lower: str, pos: int, endpos: int, rev: str | None = None) -> bool:
        """False when search(text[pos:endpos]) finds nothing for sure, given lower = text.lower()
        with foldable(text, lower) (and 0 <= pos <= endpos <= len(text)): the gate alone, cheaper
        than search() when the text is already lower-cased; rev is lower[::-1] when the caller has it."""
        if not self._built:
            self._build()
        return _possible(self._gate if self._fold else None, lower, pos, endpos, rev)

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match | None:
        if not self._built:
            self._build()
        gate = self._gate
        if gate is not None:
            n = len(text)
            end = n if endpos is None else 0 if endpos < 0 else n if endpos > n else endpos
            part = text[pos if pos > 0 else 0 : end]
            if self._fold:
                if "İ" in part or "ı" in part or "ſ" in part:  # see foldable()
                    return self.regex.search(text, pos, n if endpos is None else endpos)
                part = part.lower()
            rev = part[::-1]
            # $ also matches before a newline that ends the text
            if not gate.match(rev) and not (rev[:1] == "\n" and gate.match(rev, 1)):
                return None
        regex = self._regex or self.regex
        end = len(text) if endpos is None else endpos
        if self.starts is not None and pos <= 0:
            for start in self.starts.finditer(text, 0, end):
                m = regex.match(text, start.end() - 1, end)
                if m:
                    return m
            return None
        return regex.search(text, pos, end)


def _possible(gate: re.Pattern | None, lower: str, pos: int, endpos: int, rev: str | None) -> bool:
    """Whether the reversed gate matches at the reversed end of lower[pos:endpos] (always, without
    a gate); rev is lower[::-1] or None. $ also matches before a newline that ends the text."""
    if gate is None:
        return True
    if rev is None:
        part = lower[pos:endpos][::-1]
        return bool(gate.match(part) or part[:1] == "\n" and gate.match(part, 1))
    n = len(lower)
    start, end = n - endpos, n - pos
    return bool(
        gate.match(rev, start, end) or rev[start : start + 1] == "\n" and gate.match(rev, start + 1, end)
    )


class Lazy:
    """A regex compiled on first use, so that a module's regexes cost nothing until a text needs
    them; then its methods are the compiled pattern's own."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern, self.flags = pattern, flags

    def __getattr__(self, name: str):  # only for what is not set yet: compile, keep its methods
        regex = re.compile(self.pattern, self.flags)
        for method in ("match", "fullmatch", "search", "finditer", "findall", "sub", "split"):
            setattr(self, method, getattr(regex, method))
        return getattr(regex, name)


def foldable(text: str, lower: str) -> bool:
    """Whether lower (text.lower()) may stand for text under re.IGNORECASE: str.lower() folds every
    letter as re does but "İ", which it lower-cases to two characters, and "ı" and "ſ", which match
    "i" and "s" under IGNORECASE yet it leaves as they are."""
    return len(lower) == len(text) and "ı" not in lower and "ſ" not in lower


def folded(pattern: str, flags: int) -> re.Pattern | None:
    """An re.IGNORECASE pattern for lower-cased text, without the flag: on text.lower() it gives the
    matches, spans and groups (their text lower-cased) that it gives on text, whenever
    foldable(text, lower). None for a pattern that lower-casing would change (see folded_pattern)."""
    lowered = folded_pattern(pattern, flags)
    try:
        return None if lowered is None else re.compile(lowered, flags & ~re.IGNORECASE)
    except re.error:
        return None


def folded_pattern(pattern: str, flags: int) -> str | None:
    """The pattern of folded(); None for one that lower-casing would change: an escape other than
    \\s \\d \\w \\b, a range between letters, a capital in a group name, a letter with case
    beyond ASCII."""
    if not flags & re.IGNORECASE:
        return None
    if any(e not in "sdwb" for e in re.findall(r"\\(\w)", pattern)) or re.search(r"\w-\w", pattern):
        return None
    if any(not ch.isascii() and ch.lower() != ch.upper() for ch in pattern):
        return None
    if any(name != name.lower() for name in re.findall(r"\(\?P<(\w+)>", pattern)):
        return None
    return pattern.lower().replace("(?p<", "(?P<").replace("(?p=", "(?P=")  # named groups
