"""JSON Lines: one finding per line, each object exactly as in the `json` format."""

from __future__ import annotations

from newslint.formatters.json import as_dicts, row_encoder


def format_json_lines(results: list, rules: dict) -> str:
    encode = row_encoder()
    return "".join(encode(d) + "\n" for d in as_dicts(results))
