"""Readers turn a Source into a Document; each maps its blocks back to source offsets."""

from __future__ import annotations

import os

from newslint.document import Document
from newslint.source import Source

MARKDOWN_EXTENSIONS = (".md", ".markdown")
HTML_EXTENSIONS = (".html", ".htm")
TEXT_EXTENSIONS = (".txt",)
ARTICLE_EXTENSIONS = TEXT_EXTENSIONS + MARKDOWN_EXTENSIONS + HTML_EXTENSIONS


def format_of(path: str) -> str:
    ext = os.path.splitext(path)[1].lower()
    if ext in MARKDOWN_EXTENSIONS:
        return "markdown"
    if ext in HTML_EXTENSIONS:
        return "html"
    return "text"


def read_document(source: Source, fmt: str | None = None) -> Document:
    fmt = fmt or format_of(source.path)
    if fmt == "markdown":
        from newslint.readers.markdown import read
    elif fmt == "html":
        from newslint.readers.html import read
    else:
        from newslint.readers.plain import read
    return read(source)
