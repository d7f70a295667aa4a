"""Formatters: pure functions (results, rules) -> str, looked up by name and imported on demand."""

from __future__ import annotations

import importlib
from collections.abc import Callable

# name -> "module:function"
FORMATTERS = {
    "text": "newslint.formatters.text:format_full",
    "concise": "newslint.formatters.text:format_concise",
    "json": "newslint.formatters.json:format_json",
}


def get_formatter(name: str) -> Callable:
    module, func = FORMATTERS[name].split(":")
    return getattr(importlib.import_module(module), func)
