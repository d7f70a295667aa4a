"""Plain text: blocks are runs of non-blank lines separated by blank lines."""

from __future__ import annotations

import re

from newslint.document import Block, Document, OffsetMap
from newslint.source import Source

_BLOCK = re.compile(r"[^\n]*\S[^\n]*(?:\n[^\n]*\S[^\n]*)*")


def read(source: Source) -> Document:
    blocks = []
    text = source.text
    for m in _BLOCK.finditer(text):
        start, end = m.span()
        while text[start].isspace():
            start += 1
        while text[end - 1].isspace():
            end -= 1
        blocks.append(Block(text[start:end], OffsetMap.identity(start, end - start)))
    return Document(source, blocks)
