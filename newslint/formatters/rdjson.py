"""reviewdog Diagnostic Format, JSON flavour (`reviewdog -f=rdjson`): a DiagnosticResult with one
diagnostic per finding, its rule as `code`, and fixes as `suggestions`.

rdformat counts columns in UTF-8 bytes (reviewdog.proto, `Position.column`), so columns here are byte
columns, not the character columns of the other formats; ranges are end-exclusive like ours."""

from __future__ import annotations

import json

from newslint.finding import Severity, Span
from newslint.formatters.base import ordered
from newslint.formatters.sarif import tool_url
from newslint.source import Source

SEVERITIES = {Severity.ERROR: "ERROR", Severity.WARNING: "WARNING", Severity.INFO: "INFO"}


def format_rdjson(results: list, rules: dict) -> str:
    diagnostics = []
    for path, source, f, _loc in ordered(results):
        diagnostic: dict = {
            "message": f.message,
            "location": {"path": path, "range": byte_range(source, f.span)},
            "severity": SEVERITIES[f.severity],
            "code": {"value": f.rule},
        }
        rule = rules.get(f.rule)
        if rule is not None and rule.link:
            diagnostic["code"]["url"] = rule.link
        if f.fix:
            diagnostic["suggestions"] = [
                {"range": byte_range(source, e.span), "text": e.content} for e in f.fix.edits
            ]
        diagnostics.append(diagnostic)
    source_info = {"name": "newslint"}
    url = tool_url()
    if url:
        source_info["url"] = url
    out = {"source": source_info, "diagnostics": diagnostics}
    return json.dumps(out, indent=2, ensure_ascii=False) + "\n"


def byte_range(source: Source, span: Span) -> dict:
    return {"start": _byte_position(source, span.start), "end": _byte_position(source, span.end)}


def _byte_position(source: Source, offset: int) -> dict:
    line, _column = source.index.location(offset)
    line_start = source.index.starts[line - 1]
    return {"line": line, "column": len(source.text[line_start:offset].encode("utf-8")) + 1}
