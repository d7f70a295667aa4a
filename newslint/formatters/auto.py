"""`--format auto`: workflow commands inside GitHub Actions, the full text report anywhere else."""

from __future__ import annotations

import os


def resolve(name: str) -> str:
    if name != "auto":
        return name
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


def format_auto(results: list, rules: dict) -> str:
    from newslint.formatters import get_formatter

    return get_formatter(resolve("auto"))(results, rules)
