"""GitHub Actions workflow commands: one `::error|warning|notice file=…,line=…::message` per finding,
which the runner turns into annotations on the pull request's diff.

Escaping follows the runner (actions/toolkit `escapeData` / `escapeProperty`): in the message
% → %25, CR → %0D, LF → %0A; in property values also : → %3A and , → %2C.
"""

from __future__ import annotations

from newslint.finding import Severity
from newslint.formatters.base import fix_description, ordered
from newslint.formatters.sarif import project_root, repo_path

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(name: str, message: str, **properties: object) -> str:
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::{name} {props}::{escape_data(message)}" if props else f"::{name}::{escape_data(message)}"


def format_github(results: list, rules: dict) -> str:
    root = project_root()
    lines = [
        command("error", r.error, file=repo_path(r.path, root), title="newslint") for r in results if r.error
    ]
    for path, source, f, loc in ordered(results):
        notes = [
            f"related: {repo_path(r.path, root)}:{r.line}:{r.column} {r.message}".rstrip() for r in f.related
        ]
        if f.fix:
            notes.append(f"{f.fix.applicability} fix: {fix_description(source, f)}")
        message = "\n".join([f.message, *notes])
        lines.append(
            command(
                COMMANDS[f.severity],
                message,
                file=repo_path(path, root),
                line=loc.line,
                col=loc.column,
                endLine=loc.end_line,
                endColumn=loc.end_column,
                title=f"newslint ({f.rule})",
            )
        )
    return "\n".join(lines) + ("\n" if lines else "")
