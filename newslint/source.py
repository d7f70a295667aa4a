"""The read-only source text of one file, and the one place offsets become line/column."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field


class LineIndex:
    """Converts 0-based character offsets to 1-based (line, column) and back."""

    def __init__(self, text: str) -> None:
        starts = [0]
        find = text.find
        i = find("\n")
        while i >= 0:
            starts.append(i + 1)
            i = find("\n", i + 1)
        self.starts = starts
        self.length = len(text)

    def location(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a 0-based offset; columns count characters."""
        line = bisect.bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1

    def span_location(self, start: int, end: int) -> tuple[int, int, int, int]:
        """line, column, end_line, end_column of a span: location() of both ends in one call."""
        starts = self.starts
        line = bisect.bisect_right(starts, start)
        end_line = bisect.bisect_right(starts, end)
        return line, start - starts[line - 1] + 1, end_line, end - starts[end_line - 1] + 1

    def offset(self, line: int, column: int) -> int:
        return self.starts[line - 1] + column - 1

    def line_span(self, line: int) -> tuple[int, int]:
        """Offsets of a 1-based line without its line terminator."""
        start = self.starts[line - 1]
        end = self.starts[line] - 1 if line < len(self.starts) else self.length
        return start, end


@dataclass
class Source:
    """A file's decoded text, never modified, plus what is needed to write it back."""

    path: str
    text: str
    encoding: str = "utf-8"
    bom: bool = False
    _index: LineIndex | None = field(default=None, repr=False, compare=False)

    @property
    def index(self) -> LineIndex:
        if self._index is None:
            self._index = LineIndex(self.text)
        return self._index

    @property
    def newline(self) -> str:
        """The file's dominant line ending."""
        crlf = self.text.count("\r\n")
        return "\r\n" if crlf and crlf * 2 >= self.text.count("\n") else "\n"

    def line_text(self, line: int) -> str:
        start, end = self.index.line_span(line)
        return self.text[start:end].rstrip("\r")
