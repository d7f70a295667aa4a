"""GitLab Code Quality report (`artifacts:reports:codequality`): a JSON array of issues, the subset of
the Code Climate spec GitLab reads. Fingerprints are unique per finding and survive edits that only
move it (see `sarif.Fingerprints`), so the merge request widget can tell new issues from old ones."""

from __future__ import annotations

import json

from newslint.finding import Severity
from newslint.formatters.base import ordered
from newslint.formatters.sarif import Fingerprints, project_root, repo_path

SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def format_gitlab(results: list, rules: dict) -> str:
    root = project_root()
    fingerprint = Fingerprints(root)
    issues = [
        {
            "description": f.message,
            "check_name": f.rule,
            "fingerprint": fingerprint(path, source, f),
            "severity": SEVERITIES[f.severity],
            "location": {"path": repo_path(path, root), "lines": {"begin": loc.line, "end": _last_line(loc)}},
        }
        for path, source, f, loc in ordered(results)
    ]
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"


def _last_line(loc) -> int:
    """GitLab's line range is inclusive: a span ending at the start of a line ends on the line before."""
    return loc.end_line - 1 if loc.end_column == 1 and loc.end_line > loc.line else loc.end_line
