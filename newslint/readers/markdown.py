"""Markdown: the prose of headings, paragraphs, list items and block quotes, mapped to the source.

A CommonMark parser (markdown-it-py) gives each block its source lines; the text of each inline token
is then found in the source by walking forward from the block's start, past the markup between
tokens, so every character of block text keeps its exact source offset (an escaped character maps to
itself, an entity to its '&'). Soft and hard line breaks stay "\\n", mapped to the source newline.

Left out of the text and recorded in doc.skipped: YAML front matter (its title becomes doc.title and a
"title" block), code spans and blocks, HTML (comments included), autolinks and bare URLs. Images and
link destinations are left out too; link text is kept.
"""

from __future__ import annotations

import re

from newslint.document import Block, Document, OffsetMap, add_run
from newslint.finding import Span
from newslint.source import Source

_FRONT_OPEN = re.compile(r"---[ \t]*\r?\n")
_FRONT_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$\n?", re.M)
_TITLE = re.compile(r"^title[ \t]*:[ \t]*(.*?)[ \t]*\r?$", re.M)
_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>]*[^\s<>.,;:!?)\]'\"’”]")
_SKIPPED_BLOCKS = ("fence", "code_block", "html_block")
_CONTAINERS = {"blockquote_open": "quote", "list_item_open": "list_item"}
_CLOSERS = ("blockquote_close", "list_item_close")
_parser = None


def _markdown():
    """The CommonMark parser with tables and strikethrough, built on first use (import is slow)."""
    global _parser
    if _parser is None:
        from markdown_it import MarkdownIt

        # without text_join, escapes and entities stay separate tokens that carry their source markup
        _parser = MarkdownIt("commonmark").enable(["table", "strikethrough"]).disable("text_join")
    return _parser


def read(source: Source) -> Document:
    text = source.text
    skipped: list[Span] = []
    blocks: list[Block] = []
    title = None
    body_start = 0
    front = _front_matter(text)
    if front:
        body_start, title, title_span = front
        if title_span:
            blocks.append(Block(title, OffsetMap.identity(title_span.start, len(title)), "title"))
            skipped += [Span(0, title_span.start), Span(title_span.end, body_start)]
        else:
            skipped.append(Span(0, body_start))
    # blank out the front matter but keep its lines, so the parser's line numbers are the source's
    tokens = _markdown().parse("\n" * text.count("\n", 0, body_start) + text[body_start:])
    starts = source.index.starts
    containers: list[str] = []
    for i, tok in enumerate(tokens):
        kind = tok.type
        if kind in _CONTAINERS:
            containers.append(_CONTAINERS[kind])
        elif kind in _CLOSERS:
            containers.pop()
        elif kind in _SKIPPED_BLOCKS and tok.map:
            skipped.append(Span(_line_start(starts, text, tok.map[0]), _line_start(starts, text, tok.map[1])))
        elif kind == "inline" and tok.map:
            opener = tokens[i - 1].type
            if opener == "heading_open":
                block_kind = "heading"
            elif opener in ("th_open", "td_open"):
                block_kind = "cell"
            else:
                block_kind = containers[-1] if containers else "paragraph"
            lo = _line_start(starts, text, tok.map[0])
            hi = _line_start(starts, text, tok.map[1])
            block = _Inline(text, lo, hi, skipped).run(tok.children or [], block_kind)
            if block:
                blocks.append(block)
                if (
                    title is None
                    and block_kind == "heading"
                    and tokens[i - 1].tag == "h1"
                    and len(blocks) == 1
                ):
                    title = block.text
    return Document(source, blocks, title, skipped)


def _line_start(starts: list[int], text: str, line: int) -> int:
    return starts[line] if line < len(starts) else len(text)


def _front_matter(text: str) -> tuple[int, str | None, Span | None] | None:
    """(end of the front matter, its title, the title's source span when the value is written as is)."""
    m = _FRONT_OPEN.match(text)
    if not m:
        return None
    close = _FRONT_CLOSE.search(text, m.end())
    if not close:
        return None
    yaml_text = text[m.end() : close.start()]
    t = _TITLE.search(yaml_text)
    if not t:
        return close.end(), None, None
    raw, start = t.group(1), m.end() + t.start(1)
    quote = raw[:1]
    if (
        quote in ("'", '"')
        and len(raw) >= 2
        and raw[-1] == quote
        and "\\" not in raw
        and quote * 2 not in raw[1:-1]
    ):
        value, start = raw[1:-1], start + 1
    elif quote not in ("'", '"', "|", ">", "[", "{", "&", "*", "!") and " #" not in raw:
        value = raw
    else:  # written in a way only a YAML parser reads right: take its value, without a source span
        return close.end(), _yaml_title(yaml_text), None
    start += len(value) - len(value.lstrip())
    value = value.strip()
    return close.end(), value or None, Span(start, start + len(value)) if value else None


def _yaml_title(yaml_text: str) -> str | None:
    import yaml

    try:
        data = yaml.safe_load(yaml_text)
    except yaml.YAMLError:
        return None
    title = data.get("title") if isinstance(data, dict) else None
    return " ".join(str(title).split()) or None if title is not None else None


class _Inline:
    """Walks one block's inline tokens and the source side by side, building text and pieces."""

    def __init__(self, src: str, lo: int, hi: int, skipped: list[Span]) -> None:
        self.src, self.pos, self.hi, self.skipped = src, lo, hi, skipped
        self.parts: list[str] = []
        self.pieces: list[list[int]] = []
        self.n = 0
        self.gap = False  # something was just left out

    def _find(self, s: str) -> int:
        """Source offset of s at or after the cursor, moving the cursor past it."""
        at = self.src.find(s, self.pos, self.hi)
        if at < 0:  # not written as parsed (should not happen): keep the cursor, map approximately
            return self.pos
        self.pos = at + len(s)
        return at

    def _put(self, s: str, at: int) -> None:
        if not s:
            return
        if self.gap:
            self.gap = False
            if s[0] == " " and (not self.parts or self.parts[-1][-1:] == "\n"):
                s, at = s[1:], at + 1  # no leading space at the start of a line
                if not s:
                    return
        add_run(self.pieces, self.n, at, len(s))
        self.parts.append(s)
        self.n += len(s)

    def _skip(self, start: int, end: int) -> None:
        self.skipped.append(Span(start, end))
        self.pos = max(self.pos, end)
        self._gap()

    def _gap(self) -> None:
        """Something was left out: drop the space before it, so no double space or "word ." is left."""
        if self.parts and self.parts[-1].endswith(" "):
            self.parts[-1] = self.parts[-1][:-1]
            self.n -= 1
            self.pieces[-1][2] -= 1
            if not self.pieces[-1][2]:
                self.pieces.pop()
        self.gap = True

    def _text(self, s: str, at: int) -> None:
        """Literal text, less any bare URL in it."""
        if "://" not in s and "www." not in s:
            self._put(s, at)
            return
        last = 0
        for m in _URL.finditer(s):
            self._put(s[last : m.start()], at + last)
            self.skipped.append(Span(at + m.start(), at + m.end()))
            self._gap()
            last = m.end()
        self._put(s[last:], at + last)

    def run(self, children: list, kind: str) -> Block | None:
        i = 0
        while i < len(children):
            tok = children[i]
            t = tok.type
            if t == "text":
                if tok.content:
                    self._text(tok.content, self._find(tok.content))
            elif t == "text_special":  # markup holds the source form: "\\*" or "&amp;"
                at = self._find(tok.markup)
                escaped = tok.info == "escape" and tok.content != tok.markup  # "\\ " stays as it is
                self._put(tok.content, at + 1 if escaped else at)
            elif t in ("softbreak", "hardbreak"):
                self.gap = False
                self._put("\n", self._find("\n"))
            elif t == "code_inline":
                start = self._find(tok.markup)
                self._skip(start, _closing_run(self.src, tok.markup, self.pos, self.hi))
            elif t == "html_inline":
                start = self._find(tok.content)
                self._skip(start, start + len(tok.content))
            elif t == "image":
                start = self._find("![")
                self.pos = _link_tail(self.src, _label_end(self.src, start + 1, self.hi), self.hi)
                self._gap()
            elif t == "link_open" and tok.markup in ("autolink", "linkify"):
                start = self._find("<") if tok.markup == "autolink" else self.pos
                end = self.src.find(">", start, self.hi) + 1 if tok.markup == "autolink" else self.pos
                while i + 1 < len(children) and children[i].type != "link_close":
                    i += 1
                self._skip(start, max(end, start))
            elif t == "link_close":
                close = self.src.find("]", self.pos, self.hi)
                if close >= 0:
                    self.pos = _link_tail(self.src, close + 1, self.hi)
            i += 1
        return self._block(kind)

    def _block(self, kind: str) -> Block | None:
        text = "".join(self.parts)
        body = text.strip()
        if not body:
            return None
        lead = len(text) - len(text.lstrip())
        pieces = []
        for t, s, n in self.pieces:
            if t + n > lead and t < lead + len(body):
                cut = max(0, lead - t)
                pieces.append((t + cut - lead, s + cut, n - cut))
        return Block(body, OffsetMap(pieces), kind)


def _closing_run(src: str, ticks: str, pos: int, hi: int) -> int:
    """End of the backtick run that closes a code span opened by ticks (exactly as long)."""
    while True:
        at = src.find(ticks, pos, hi)
        if at < 0:
            return pos
        end = at + len(ticks)
        while end < hi and src[end] == "`":
            end += 1
        if end - at == len(ticks):
            return end
        pos = end


def _label_end(src: str, pos: int, hi: int) -> int:
    """Offset after the ']' that closes the '[' at pos (nested brackets and escapes allowed)."""
    depth = 0
    i = pos
    while i < hi:
        c = src[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            depth += 1
        elif c == "]":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return pos


def _link_tail(src: str, pos: int, hi: int) -> int:
    """Offset after a link's destination part at pos: "(url "title")", "[ref]", or nothing."""
    if src.startswith("[", pos):
        close = src.find("]", pos, hi)
        return close + 1 if close >= 0 else pos
    if not src.startswith("(", pos):
        return pos
    depth, i, quote = 0, pos, ""
    while i < hi:
        c = src[i]
        if c == "\\":
            i += 2
            continue
        if quote:
            if c == quote:
                quote = ""
        elif c in "\"'" and src[i - 1] in " \t\n":
            quote = c
        elif c == "<" and i == pos + 1:
            end = src.find(">", i, hi)
            i = end if end >= 0 else i
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return pos
