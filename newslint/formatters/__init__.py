"""Formatters: pure functions (results, rules) -> str, looked up by name and imported on demand."""

from __future__ import annotations

import importlib
from collections.abc import Callable

from newslint.formatters.auto import resolve

# name -> "module:function"; the CLI's --format choices, in this order
FORMATTERS = {
    "text": "newslint.formatters.text:format_full",
    "concise": "newslint.formatters.text:format_concise",
    "json": "newslint.formatters.json:format_json",
    "json-lines": "newslint.formatters.jsonlines:format_json_lines",
    "sarif": "newslint.formatters.sarif:format_sarif",
    "github": "newslint.formatters.github:format_github",
    "gitlab": "newslint.formatters.gitlab:format_gitlab",
    "junit": "newslint.formatters.junit:format_junit",
    "rdjson": "newslint.formatters.rdjson:format_rdjson",
    "auto": "newslint.formatters.auto:format_auto",  # github inside GitHub Actions, text elsewhere
}


def get_formatter(name: str) -> Callable:
    """The formatter for a --format name; "auto" is resolved from the environment first."""
    module, func = FORMATTERS[resolve(name)].split(":")
    return getattr(importlib.import_module(module), func)
