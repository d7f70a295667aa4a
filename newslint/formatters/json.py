"""The JSON contract: an array of findings sorted by path, line, column (see README)."""

from __future__ import annotations

import json

from newslint.formatters.base import locate, ordered


def as_dicts(results: list) -> list[dict]:
    out = []
    for path, source, f, loc in ordered(results):
        fix = None
        if f.fix:
            edits = []
            for e in f.fix.edits:
                el = locate(source, e.span)
                edits.append(
                    {
                        "line": el.line,
                        "column": el.column,
                        "end_line": el.end_line,
                        "end_column": el.end_column,
                        "content": e.content,
                    }
                )
            fix = {"applicability": f.fix.applicability, "edits": edits}
        out.append(
            {
                "path": path,
                "rule": f.rule,
                "severity": str(f.severity),
                "message": f.message,
                "line": loc.line,
                "column": loc.column,
                "end_line": loc.end_line,
                "end_column": loc.end_column,
                "fix": fix,
                "related": [
                    {
                        "path": r.path,
                        "line": r.line,
                        "column": r.column,
                        "end_line": r.end_line,
                        "end_column": r.end_column,
                        "message": r.message,
                    }
                    for r in f.related
                ],
            }
        )
    return out


def format_json(results: list, rules: dict) -> str:
    """One finding a line: the C encoder (indent= would fall back to the slow Python one), made
    once (json.dumps with an option makes a new encoder for each call)."""
    encode = json.JSONEncoder(ensure_ascii=False).encode
    rows = [encode(d) for d in as_dicts(results)]
    return "[\n" + ",\n".join(rows) + "\n]\n" if rows else "[]\n"
