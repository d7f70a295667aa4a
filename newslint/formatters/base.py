"""What every formatter needs: findings in output order with their line/column locations."""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from newslint.finding import Finding, Span
from newslint.source import Source


class Location(NamedTuple):
    line: int
    column: int
    end_line: int
    end_column: int


def locate(source: Source, span: Span) -> Location:
    return Location(*source.index.span_location(span.start, span.end))


def ordered(results: list) -> Iterator[tuple[str, Source, Finding, Location]]:
    """(path, source, finding, location) sorted by path, line, column."""
    rows = []
    for result in results:
        if result.source is None:
            continue
        for f in result.findings:
            rows.append((result.path, result.source, f, locate(result.source, f.span)))
    rows.sort(key=lambda r: (r[0], r[3].line, r[3].column, r[2].rule))
    return iter(rows)


def fix_description(source: Source, finding: Finding) -> str:
    """'replace "x" with "y"' / 'delete "x"', for people reading a report."""
    if not finding.fix:
        return ""
    parts = []
    for edit in finding.fix.edits:
        old = source.text[edit.span.start : edit.span.end]
        if not edit.content:
            old_line = old.strip().splitlines()[0] if old.strip() else old
            parts.append(f'delete "{_short(old_line)}"' + (" (whole line)" if old.endswith("\n") else ""))
        elif not old:
            parts.append(f'insert "{_short(edit.content)}"')
        else:
            parts.append(f'replace "{_short(old)}" with "{_short(edit.content)}"')
    return "; ".join(parts)


def _short(text: str, limit: int = 60) -> str:
    text = text.replace("\n", "⏎")
    return text if len(text) <= limit else text[: limit - 1] + "…"
