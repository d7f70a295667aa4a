"""JSON Lines: one finding per line, each object exactly as in the `json` format."""

from __future__ import annotations

import json

from newslint.formatters.json import as_dicts


def format_json_lines(results: list, rules: dict) -> str:
    return "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in as_dicts(results))
