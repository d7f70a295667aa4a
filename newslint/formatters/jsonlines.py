"""JSON Lines: one finding per line, each object exactly as in the `json` format."""

from __future__ import annotations

from newslint.formatters.json import encoded_rows


def format_json_lines(results: list, rules: dict) -> str:
    return "".join(row + "\n" for row in encoded_rows(results))
