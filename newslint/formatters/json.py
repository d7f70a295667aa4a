"""The JSON contract: an array of findings sorted by path, line, column (see README)."""

from __future__ import annotations

import json
from collections.abc import Callable

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
    """One finding a line, each encoded by the C encoder (indent= would fall back to the slow
    Python one)."""
    encode = row_encoder()
    rows = [encode(d) for d in as_dicts(results)]
    return "[\n" + ",\n".join(rows) + "\n]\n" if rows else "[]\n"


def row_encoder() -> Callable[[dict], str]:
    """A function encoding one finding's dict as JSON.dumps(d, ensure_ascii=False) does, with the
    C encoder made once: JSONEncoder.encode makes a new one for every call (a quarter of its time
    for a finding)."""
    from json import encoder

    make = encoder.c_make_encoder
    if make is None:  # no C accelerator
        return json.JSONEncoder(ensure_ascii=False).encode
    c_encode = make(None, None, encoder.encode_basestring, None, ": ", ", ", False, False, True)
    join = "".join
    return lambda d: join(c_encode(d, 0))
