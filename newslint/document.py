"""The document model: blocks (paragraphs, headings, list items) and sentences, each with a
span that maps back to the source. Readers build it; rules only read it."""

from __future__ import annotations

import bisect
import itertools
import operator
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from newslint.finding import Span
from newslint.source import Source

# The only characters outside ASCII that match an ASCII letter case-insensitively (re's docs): İ ı ſ
# and the Kelvin sign; U+0130 is the only one whose str.lower() is two characters long.
ODD_CASE_LETTERS = "\u0130\u0131\u017f\u212a"
# Frequent English words that are rare in other languages' prose ("of", "to", "in", "had", "over",
# "also", "has", "he", "for", "at", "her", "was" are left out: Dutch, Polish, German, Spanish,
# Danish or Tagalog prose has them too)
ENGLISH_WORDS = frozenset(
    """the and that with this from have which they their his said would been who are not but it
    she or you its after about than when there what into could were""".split()
)
ENGLISH_SHARE = 0.02
ENGLISH_MIN_WORDS = 40
# ...with the short words English shares with other languages: of a sentence's distinct words, an
# English sentence has ENGLISH_SENTENCE_SHARE and more among them, other languages' seldom do
ENGLISH_FUNCTION_WORDS = ENGLISH_WORDS | frozenset(
    "of to in on for at by was is be an we will her had has he also over".split()
)
ENGLISH_SENTENCE_SHARE = 0.15


class cached_property:  # noqa: N801 - a drop-in for functools.cached_property
    """functools.cached_property without the lock it takes on Python 3.11 (a tenth of the cost):
    the first access stores the value in the instance, later ones never reach the descriptor."""

    def __init__(self, func: Callable[[Any], Any]) -> None:
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, obj: Any, owner: type | None = None) -> Any:
        if obj is None:
            return self
        value = obj.__dict__[self.name] = self.func(obj)
        return value


class OffsetMap:
    """Maps offsets in a block's prose text to offsets in the source.

    pieces are (text_start, source_start, length) runs, sorted by text_start; characters a reader
    inserted between runs (a space for a soft line break) map to the end of the run before them.
    """

    __slots__ = ("_text_starts", "_pieces")

    def __init__(self, pieces: list[tuple[int, int, int]]) -> None:
        self._pieces = pieces
        self._text_starts = [p[0] for p in pieces]

    @classmethod
    def identity(cls, source_start: int, length: int) -> OffsetMap:
        """One run: the text is source[source_start:source_start + length] (every block of plain
        text; made without __init__, twice as quick)."""
        offsets = cls.__new__(cls)
        offsets._pieces = [(0, source_start, length)]
        offsets._text_starts = [0]
        return offsets

    def to_source(self, i: int) -> int:
        k = bisect.bisect_right(self._text_starts, i) - 1
        if k < 0:
            return self._pieces[0][1]
        text_start, source_start, length = self._pieces[k]
        return source_start + min(i - text_start, length)

    @property
    def pieces(self) -> list[tuple[int, int, int]]:
        return self._pieces

    def covers(self, start: int, end: int) -> bool:
        """Whether the source range [start, end) lies inside one run copied verbatim into the text."""
        return any(src <= start and end <= src + length for _, src, length in self._pieces)

    def span(self, start: int, end: int) -> Span:
        """Source span of the half-open text range [start, end)."""
        if len(self._pieces) == 1:  # one run (all plain text): to_source without bisecting
            text_start, source_start, length = self._pieces[0]
            a = source_start + min(max(start - text_start, 0), length)
            b = source_start + min(max(end - 1 - text_start, 0), length) + 1 if end > start else a
            return Span(a, max(a, b))
        a = self.to_source(start)
        b = self.to_source(end - 1) + 1 if end > start else a
        return Span(a, max(a, b))


def add_run(pieces: list[list[int]], text_at: int, source_at: int, length: int) -> None:
    """Record that text[text_at:text_at+length] came from source[source_at:...], extending the last
    run when both sides continue it (readers build their OffsetMap pieces with this)."""
    if pieces and pieces[-1][0] + pieces[-1][2] == text_at and pieces[-1][1] + pieces[-1][2] == source_at:
        pieces[-1][2] += length
    else:
        pieces.append([text_at, source_at, length])


@dataclass(eq=False)
class Sentence:
    block: Block
    start: int  # offsets into block.text
    end: int

    @property
    def text(self) -> str:
        return self.block.text[self.start : self.end]

    def span(self, start: int = 0, end: int | None = None) -> Span:
        """Source span of [start, end) given relative to this sentence."""
        return self.block.span(
            self.start + start, self.start + (self.end - self.start if end is None else end)
        )


@dataclass(eq=False)
class Block:
    """One paragraph-level unit of prose: text plus the map of its characters to the source."""

    text: str
    offsets: OffsetMap
    kind: str = "paragraph"  # paragraph | heading | list_item | quote | title | cell

    def span(self, start: int = 0, end: int | None = None) -> Span:
        return self.offsets.span(start, len(self.text) if end is None else end)

    def bounds(self) -> tuple[int, int]:
        """Where the whole block lies in the source: span() as a plain tuple, made directly when
        the text is one slice of the source (every block of plain text)."""
        pieces = self.offsets._pieces
        if len(pieces) == 1:
            text_start, source_start, length = pieces[0]
            if text_start == 0 and length == len(self.text):
                return source_start, source_start + length
        span = self.span()
        return span.start, span.end

    @cached_property
    def lower(self) -> str:
        """The lower-cased text, for fast literal prefilters."""
        return self.text.lower()

    @cached_property
    def sentence_spans(self) -> list[tuple[int, int]]:
        """(start, end) of each sentence in the text: what rules use (cached without the Sentence
        objects, which point back at the block: a cycle only the garbage collector would free)."""
        return split_sentences(self.text)

    @property
    def sentences(self) -> list[Sentence]:
        return [Sentence(self, a, b) for a, b in self.sentence_spans]

    @cached_property
    def folded(self) -> str:
        """The text lower-cased, each character that is not a letter or digit made a space, one
        character for one (rapidfuzz's default_process without its trimming): what duplicate
        checks compare, sliceable with the text's offsets."""
        from rapidfuzz.utils import default_process

        return default_process(f"a{self.text}a")[1:-1]

    @cached_property
    def words(self) -> list[str]:
        """The words of `folded`."""
        return self.folded.split()

    @cached_property
    def has_doubled_word(self) -> bool:
        """Whether a word follows itself, ignoring case and punctuation: every match of a
        `\\b(\\w+)\\s+\\1\\b` regex is one (it gates such regexes)."""
        words = self.words
        return any(map(operator.eq, words, words[1:]))  # operator.eq: twice as quick as str.__eq__

    @cached_property
    def sentence_bounds(self) -> tuple[list[int], list[int]]:
        """Starts and ends of the sentences, for bisecting."""
        spans = self.sentence_spans
        return [a for a, _ in spans], [b for _, b in spans]

    @cached_property
    def line_bounds(self) -> tuple[list[int], list[int]]:
        """Starts and ends of the lines, for bisecting."""
        return [a for a, _ in self.lines], [b for _, b in self.lines]

    @cached_property
    def lines(self) -> list[tuple[int, int]]:
        """(start, end) of each line of the block text, without the newline."""
        out, start = [], 0
        text = self.text
        while True:
            i = text.find("\n", start)
            if i < 0:
                out.append((start, len(text)))
                return out
            out.append((start, i))
            start = i + 1


@dataclass(eq=False)
class Document:
    source: Source
    blocks: list[Block]
    title: str | None = None  # from front matter or <title>, when the format has one
    # source spans a reader skipped (code, front matter): no rule reports inside them
    skipped: list[Span] = field(default_factory=list)
    # analyses that several rules share (e.g. the paragraph copies behind both duplicate rules)
    cache: dict = field(default_factory=dict, repr=False)

    @property
    def path(self) -> str:
        return self.source.path

    @property
    def sentences(self) -> list[Sentence]:
        return [s for b in self.blocks for s in b.sentences]

    @cached_property
    def prose(self) -> str:
        """All block texts, one per line: for whole-document literal prefilters."""
        return "\n".join(b.text for b in self.blocks)

    @cached_property
    def block_starts(self) -> list[int]:
        """Where each block's text starts in `prose`."""
        return list(itertools.accumulate((len(b.text) + 1 for b in self.blocks[:-1]), initial=0))

    @cached_property
    def prose_lower(self) -> str:
        return self.prose.lower()

    @cached_property
    def reads_as_english(self) -> bool:
        """Whether the prose reads as English: ENGLISH_SHARE of its words are common English words
        that other languages seldom use ("the", "which", "said"). English news prose has 7% and
        more of them, prose in other languages under 1.5%; a text of fewer than ENGLISH_MIN_WORDS
        words is too short to tell and counts as English."""
        total = sum(len(block.words) for block in self.blocks)
        if total < ENGLISH_MIN_WORDS:
            return True
        need, hits = ENGLISH_SHARE * total, 0
        for block in self.blocks:  # English prose has enough of them in its first paragraphs
            hits += sum(map(ENGLISH_WORDS.__contains__, block.words))
            if hits >= need:
                return True
        return False

    def reads_as(self, language: str, offset: int | None = None) -> bool:
        """Whether the prose reads as this language (one of ruleset.LANGUAGES); with a source
        offset, whether the article does or the sentence at that offset does (an English sentence
        in an article in another language)."""
        if language != "en" or self.reads_as_english:
            return True
        return offset is not None and self._sentence_reads_as_english(offset)

    def _sentence_reads_as_english(self, offset: int) -> bool:
        """Whether the prose sentence holding a source offset has ENGLISH_SENTENCE_SHARE of its
        distinct words among ENGLISH_FUNCTION_WORDS (False outside the prose)."""
        starts, runs = self._runs_by_source
        k = bisect.bisect_right(starts, offset) - 1
        if k < 0 or offset >= runs[k][1]:
            return False
        _, _, b, text_start = runs[k]
        block = self.blocks[b]
        at = text_start + offset - starts[k]
        bounds_start, bounds_end = block.sentence_bounds
        i = bisect.bisect_right(bounds_start, at) - 1
        start, end = (
            (bounds_start[i], bounds_end[i]) if i >= 0 and at < bounds_end[i] else (0, len(block.text))
        )
        words = set(block.folded[start:end].split())  # distinct: "on ... on" is one French word
        return bool(words) and len(words & ENGLISH_FUNCTION_WORDS) >= ENGLISH_SENTENCE_SHARE * len(words)

    @cached_property
    def _runs_by_source(self) -> tuple[list[int], list[tuple[int, int, int, int]]]:
        """Every verbatim run of every block, sorted by source start: (source start, source end,
        block index, text start), with the source starts alone for bisecting."""
        runs = sorted(
            (src, src + length, b, text_start)
            for b, block in enumerate(self.blocks)
            for text_start, src, length in block.offsets.pieces
        )
        return [r[0] for r in runs], runs

    @cached_property
    def odd_case(self) -> bool:
        """Whether the prose holds one of ODD_CASE_LETTERS (then prose_lower may not map char for
        char, and case-insensitive regexes match words no table spells that way)."""
        return any(c in self.prose for c in ODD_CASE_LETTERS)

    def verbatim(self, span: Span) -> bool:
        """Whether a source span is prose copied as is (no markup, entity or escape inside it): it
        lies inside one run of a block's OffsetMap, i.e. the runs starting at or before it reach
        its end (by bisection: a document of thousands of blocks and findings made the scan of
        every block per finding quadratic)."""
        starts, reach = self._runs
        k = bisect.bisect_right(starts, span.start) - 1
        return k >= 0 and span.end <= reach[k]

    @cached_property
    def _runs(self) -> tuple[list[int], list[int]]:
        """Source starts of every block's verbatim runs, sorted, and the furthest end of the runs
        up to each."""
        starts, runs = self._runs_by_source
        return starts, list(itertools.accumulate((end for _, end, _, _ in runs), max))


# --- sentence splitting -------------------------------------------------------------------------

# Abbreviations after which a period does not end a sentence when a capitalised word follows
# (titles before names, months before dates, company suffixes mid-sentence...).
NEVER_FINAL = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "sen",
        "rep",
        "gov",
        "lt",
        "col",
        "gen",
        "maj",
        "capt",
        "sgt",
        "cmdr",
        "adm",
        "st",
        "mt",
        "ft",
        "prof",
        "rev",
        "hon",
        "pres",
        "supt",
        "insp",
        "det",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "no",
        "nos",
        "vol",
        "fig",
        "vs",
        "v",
        "e.g",
        "i.e",
        "etc",
        "jr",
        "sr",
        "messrs",
        "mme",
        "mlle",
        "gov't",
        "atty",
        "brig",
        "cpl",
        "pvt",
    ]
)
# Abbreviations that end a sentence only when the next word usually starts one.
SOMETIMES_FINAL = frozenset(
    [
        "u.s",
        "u.k",
        "u.n",
        "e.u",
        "inc",
        "corp",
        "co",
        "ltd",
        "llc",
        "plc",
        "a.m",
        "p.m",
        "d.c",
        "n.y",
        "l.a",
        "u.s.a",
        "bros",
        "dept",
        "est",
    ]
)
SENTENCE_STARTERS = frozenset(
    [
        "the",
        "a",
        "an",
        "he",
        "she",
        "it",
        "they",
        "we",
        "i",
        "you",
        "this",
        "that",
        "these",
        "those",
        "there",
        "his",
        "her",
        "its",
        "their",
        "our",
        "but",
        "and",
        "so",
        "yet",
        "in",
        "on",
        "at",
        "for",
        "as",
        "if",
        "when",
        "while",
        "after",
        "before",
        "since",
        "although",
        "though",
        "however",
        "meanwhile",
        "still",
        "then",
        "now",
        "officials",
        "police",
        "authorities",
    ]
)


def _plain_word_period() -> str:
    """A lookbehind that holds for a period after four lower-case letters ending no listed
    abbreviation: _is_final_period calls those final, as their word is not an initial, not listed,
    and, when it has a period, longer than five characters."""
    listed = sorted(w for w in NEVER_FINAL | SOMETIMES_FINAL if len(w) >= 4)
    return r"(?<=[a-z]{4}\.)" + "".join(rf"(?<!(?i:{re.escape(w)})\.)" for w in listed)


# what a sentence may start with: a digit or a capital, Latin, Greek or Cyrillic (the ranges of
# scripts without case, Hangul and CJK, would add 4 ms of pattern compiling to every start-up)
_SENTENCE_START = "A-Z0-9À-ÖØ-ÞΆ-ΏΑ-ΩЀ-Я"


def _boundary(first: str) -> re.Pattern:
    """Sentence-ending punctuation and closing quotes/brackets (ending where group `gap` starts),
    then the whitespace before a capital or digit, or before the end of the text. `first` is the
    class of the first character: a pattern that starts with a class or a literal rather than an
    alternation lets re skip to the candidates. The empty group `plain` is set after a plain word
    (_plain_word_period)."""
    return re.compile(
        rf"{first}(?:{_plain_word_period()}(?P<plain>))?[.!?…]*[\"”’')\]]*"
        rf"(?P<gap>\s+(?=[\"“‘(\[]?[{_SENTENCE_START}])|\s*$)"
    )


_BOUNDARY = _boundary("[.!?…]")
_PERIOD_BOUNDARY = _boundary(r"\.")  # the same on text without "!?…", scanned faster
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.']*)$")
_WS = re.compile(r"\s+")
_NEXT_WORD = re.compile(r"[\"“‘(\[]?([A-Za-z]+)")


_CLOSERS = "\"”’')]"  # what may follow the final mark of a sentence


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of one block of prose, whitespace trimmed."""
    spans: list[tuple[int, int]] = []
    core = text.rstrip().rstrip(_CLOSERS).rstrip(".!?…")
    if "." not in core and "!" not in core and "?" not in core and "…" not in core:
        _append(spans, text, 0, len(text))  # a boundary needs a mark: only the closing ones remain
        return spans
    start = len(text) - len(text.lstrip())
    boundary = _BOUNDARY if "!" in text or "?" in text or "…" in text else _PERIOD_BOUNDARY
    for m in boundary.finditer(text):
        end = m.start(2)  # a sentence ends before the gap and the next starts after it
        dot = m.start()
        if text[dot] == "." and m.group(1) is None and not _is_final_period(text, dot, end):
            continue
        spans.append((start, end))
        start = m.end()
    if start < len(text):
        _append(spans, text, start, len(text))
    return spans


def _is_final_period(text: str, dot: int, end: int) -> bool:
    before = text[dot - 7 : dot]
    if before.isalpha() and before.islower() and before.isascii():
        return True  # after a long plain word ("said."): longer than every abbreviation listed
    w = _WORD_BEFORE.search(text, max(0, dot - 12), dot)
    if not w:
        return True
    word = w.group(1).lower().rstrip(".")
    if len(word) == 1 and text[w.start(1)].isupper():
        return False  # an initial: "John F. Kennedy"
    if word in NEVER_FINAL:
        return False
    if word in SOMETIMES_FINAL or (word.count(".") >= 1 and len(word) <= 5):
        nxt = _WS.match(text, end)
        m = _NEXT_WORD.match(text, nxt.end() if nxt else end)
        return bool(m and m.group(1).lower() in SENTENCE_STARTERS)
    return True


def _append(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))
