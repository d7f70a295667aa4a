"""The JSON contract: an array of findings sorted by path, line, column (see README)."""

from __future__ import annotations

from json import encoder

from newslint.finding import Related, Severity
from newslint.formatters.base import locate, ordered

# json.dumps(ensure_ascii=False) of a string: the C function where CPython has it
_string = encoder.encode_basestring
_SEVERITY = {s: _string(str(s)) for s in Severity}


def encoded_rows(results: list) -> list[str]:
    """Each finding as one JSON object, in output order: the fields of the contract in its order,
    exactly as json.dumps(row, ensure_ascii=False) writes them. Written field by field, with the
    strings escaped by the json module's own encoder: twice as quick as building a dict per
    finding for json.dumps (a large run has thousands of findings)."""
    out = []
    for path, source, f, loc in ordered(results):
        fix = "null"
        if f.fix:
            edits = []
            for e in f.fix.edits:
                el = locate(source, e.span)
                edits.append(
                    f'{{"line": {el.line}, "column": {el.column}, "end_line": {el.end_line}, '
                    f'"end_column": {el.end_column}, "content": {_string(e.content)}}}'
                )
            fix = f'{{"applicability": {_string(f.fix.applicability)}, "edits": [{", ".join(edits)}]}}'
        related = ", ".join(map(_related, f.related))
        out.append(
            f'{{"path": {_string(path)}, "rule": {_string(f.rule)}, "severity": {_SEVERITY[f.severity]}, '
            f'"message": {_string(f.message)}, "line": {loc.line}, "column": {loc.column}, '
            f'"end_line": {loc.end_line}, "end_column": {loc.end_column}, "fix": {fix}, '
            f'"related": [{related}]}}'
        )
    return out


def _related(r: Related) -> str:
    return (
        f'{{"path": {_string(r.path)}, "line": {r.line}, "column": {r.column}, "end_line": {r.end_line}, '
        f'"end_column": {r.end_column}, "message": {_string(r.message)}}}'
    )


def format_json(results: list, rules: dict) -> str:
    """One finding a line."""
    rows = encoded_rows(results)
    if not rows:
        return "[]\n"
    # the brackets go on the first and last rows: one join makes the report, which is megabytes
    # (wider than Latin-1 when a message is), where concatenating after it copied it twice more
    rows[0] = "[\n" + rows[0]
    rows[-1] += "\n]\n"
    return ",\n".join(rows)
