"""`--statistics`: how many findings each rule produced, most frequent first, after ruff --statistics.
`[*]` marks a rule whose findings have a safe fix (`newslint fix` would apply it)."""

from __future__ import annotations

from collections import Counter

from newslint.finding import Severity
from newslint.formatters.base import ordered


def format_statistics(results: list, rules: dict) -> str:
    counts: Counter[str] = Counter()
    fixable: set[str] = set()
    severity: dict[str, Severity] = {}  # the highest seen, as per-path settings may change it
    for _path, _source, f, _loc in ordered(results):
        counts[f.rule] += 1
        severity[f.rule] = max(severity.get(f.rule, f.severity), f.severity)
        if f.fix and f.fix.applicability == "safe":
            fixable.add(f.rule)
    if not counts:
        return ""
    rows = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    count_width = len(str(rows[0][1]))
    rule_width = max(len(rule) for rule in counts)
    lines = [
        f"{n:>{count_width}}  {rule:<{rule_width}}  {'[*]' if rule in fixable else '[ ]'} {severity[rule]}"
        for rule, n in rows
    ]
    return "\n".join(lines) + "\n"
