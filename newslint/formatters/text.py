"""Human-readable output, after ruff: a full style with the source line and a caret span, and a
concise one-line-per-finding style."""

from __future__ import annotations

from newslint.formatters.base import fix_description, ordered


def format_concise(results: list, rules: dict) -> str:
    lines = []
    for path, _source, f, loc in ordered(results):
        fixable = " [*]" if f.fix and f.fix.applicability == "safe" else ""
        lines.append(f"{path}:{loc.line}:{loc.column}: {f.rule} [{f.severity}]{fixable} {f.message}")
    return "\n".join(lines) + ("\n" if lines else "")


def format_full(results: list, rules: dict) -> str:
    out = []
    for path, source, f, loc in ordered(results):
        out.append(f"{path}:{loc.line}:{loc.column}: {f.rule} [{f.severity}] {f.message}")
        text = source.line_text(loc.line)
        width = len(str(loc.line))
        pad = " " * width
        end = loc.end_column if loc.end_line == loc.line else len(text) + 1
        shown, caret_from, caret_len = _window(text, loc.column - 1, max(1, end - loc.column))
        out.append(f"{pad} |")
        out.append(f"{loc.line} | {shown}")
        out.append(f"{pad} | {' ' * caret_from}{'^' * caret_len}")
        for r in f.related:
            where = f"{r.path}:{r.line}:{r.column}" if r.path != path else f"line {r.line}, column {r.column}"
            out.append(f"{pad} = related: {where}" + (f": {r.message}" if r.message else ""))
        if f.fix:
            label = {"safe": "fix", "unsafe": "unsafe fix", "display": "suggestion"}[f.fix.applicability]
            out.append(f"{pad} = {label}: {fix_description(source, f)}")
        out.append("")
    return "\n".join(out)


def _window(text: str, start: int, length: int, width: int = 100) -> tuple[str, int, int]:
    """Cut a long line around the flagged span so the caret stays visible."""
    text = text.replace("\t", " ")
    if len(text) <= width:
        return text, start, min(length, max(1, len(text) - start))
    left = max(0, start - 30)
    right = min(len(text), max(left + width, start + min(length, width - 30)))
    shown = ("…" if left else "") + text[left:right] + ("…" if right < len(text) else "")
    return shown, start - left + (1 if left else 0), min(length, right - start)
