"""Test helpers: lint a text with chosen rules and get plain rows to assert on."""

from __future__ import annotations

import contextlib
import signal
from collections.abc import Iterator

from newslint.config import Config
from newslint.engine import Linter, select_rules
from newslint.readers import read_document
from newslint.source import Source

# two paragraphs longer than any hard-wrapped line (100 characters): one paragraph a line in plain text
LONG_LINES = (
    "The council voted on Tuesday to close the harbour bridge for six weeks of repairs, two officials said.",
    "Repairs to the bridge, which carries 40,000 cars a day, will start in March and cost $12 million, "
    "they said.",
)


def lint(text: str, *rules: str, path: str = "article.txt", config: Config | None = None) -> list[dict]:
    """Findings as dicts: rule, line, column, end_line, end_column, text (flagged), fixed (whole text)."""
    source = Source(path, text)
    linter = Linter(select_rules(config or Config(), select=list(rules) or None))
    rows = []
    for f in linter.lint(read_document(source)):
        line, column = source.index.location(f.span.start)
        end_line, end_column = source.index.location(f.span.end)
        fixed = None
        if f.fix:
            fixed = text
            for edit in sorted(f.fix.edits, key=lambda e: e.span.start, reverse=True):
                fixed = fixed[: edit.span.start] + edit.content + fixed[edit.span.end :]
        rows.append(
            {
                "rule": f.rule,
                "line": line,
                "column": column,
                "end_line": end_line,
                "end_column": end_column,
                "text": text[f.span.start : f.span.end],
                "fixed": fixed,
                "message": f.message,
                "related": [(r.line, r.column) for r in f.related],
            }
        )
    return rows


def where(rows: list[dict]) -> list[tuple]:
    return [(r["rule"], r["line"], r["column"], r["text"]) for r in rows]


@contextlib.contextmanager
def deadline(seconds: int) -> Iterator[None]:
    """Fail, rather than hang, when the body runs longer (a regex backtracking exponentially);
    re checks for signals while it matches. Where there is no SIGALRM the body just runs."""
    if not hasattr(signal, "SIGALRM"):
        yield
        return

    def expire(*_: object) -> None:
        raise TimeoutError(f"took more than {seconds} s")

    old = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
