"""Plain text: blocks are runs of non-blank lines separated by blank lines.

A line longer than any line of hard-wrapped prose (LONG_LINE characters) is a paragraph of its own,
as scrapers and CMS exports write them: one paragraph a line, no blank line between. The shorter
lines around it stay together (a headline, a list, a table); a run without such a line is one
block, as before (hard-wrapped prose, a list, an address).

A line holding only an HTML comment (a `<!-- newslint-… -->` directive) is not prose: it counts as
a blank line and is recorded in doc.skipped.
"""

from __future__ import annotations

import re

from newslint.document import Block, Document, OffsetMap
from newslint.finding import Span
from newslint.source import Source

_BLOCK = re.compile(r"[^\n]*\S[^\n]*(?:\n[^\n]*\S[^\n]*)*")
_COMMENT_LINE = re.compile(r"^[ \t]*<!--.*?-->[ \t\r]*$", re.M)
LONG_LINE = 100  # editors and wire services wrap prose at 60 to 80 columns


def read(source: Source) -> Document:
    text = source.text
    skipped = []
    scan = text
    if "<!--" in text:
        skipped = [Span(*m.span()) for m in _COMMENT_LINE.finditer(text)]
        scan = _COMMENT_LINE.sub(lambda m: " " * len(m.group()), text)
    blocks = []
    for m in _BLOCK.finditer(scan):
        for start, end in _paragraphs(scan, *m.span()):
            while scan[start].isspace():
                start += 1
            while scan[end - 1].isspace():
                end -= 1
            blocks.append(Block(text[start:end], OffsetMap.identity(start, end - start)))
    return Document(source, blocks, skipped=skipped)


def _paragraphs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A run of non-blank lines from start to end, split before and after each long line."""
    if end - start <= LONG_LINE or text.find("\n", start, end) < 0:
        return [(start, end)]
    out = []
    group = start  # where the current group of short lines starts
    line = start
    while line < end:
        nl = text.find("\n", line, end)
        stop = end if nl < 0 else nl
        if stop - line > LONG_LINE and len(text[line:stop].rstrip()) > LONG_LINE:
            if group < line:
                out.append((group, line - 1))
            out.append((line, stop))
            group = stop + 1
        line = stop + 1
    if group < end:
        out.append((group, end))
    return out
