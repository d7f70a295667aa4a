"""Plain text: blocks are runs of non-blank lines separated by blank lines.

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


def read(source: Source) -> Document:
    text = source.text
    skipped = []
    scan = text
    if "<!--" in text:
        skipped = [Span(*m.span()) for m in _COMMENT_LINE.finditer(text)]
        scan = _COMMENT_LINE.sub(lambda m: " " * len(m.group()), text)
    blocks = []
    for m in _BLOCK.finditer(scan):
        start, end = m.span()
        while scan[start].isspace():
            start += 1
        while scan[end - 1].isspace():
            end -= 1
        blocks.append(Block(text[start:end], OffsetMap.identity(start, end - start)))
    return Document(source, blocks, skipped=skipped)
