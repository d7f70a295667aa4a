"""Suppression comments in an article, and `unused-suppression` findings for those that do nothing.

    <!-- newslint-disable rule-a rule-b -->    from here until <!-- newslint-enable --> or the end
    <!-- newslint-enable rule-a -->            ends the suppression of rule-a only
    <!-- newslint-disable-next-line rule-a --> the next non-blank line
    <!-- newslint-disable-file -->             the whole file

A directive without rule ids applies to every rule; ids may be separated by spaces or commas, and
a reason may follow ` -- `. In Markdown and HTML a directive may stand anywhere; in plain text it
must stand on a line of its own. Readers skip HTML comments, so directives are read from the source
text itself. Like ruff's RUF100, a directive that suppresses nothing, or names an unknown rule id,
is itself reported, with a safe fix that removes the dead part.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field

from newslint.finding import Edit, Finding, Fix, Severity, Span
from newslint.kinds.base import render
from newslint.readers import format_of
from newslint.ruleset import Rule
from newslint.source import Source

RULE_ID = "unused-suppression"
ACTIONS = ("disable", "enable", "disable-next-line", "disable-file")
MESSAGE = "Unused suppression: {detail}"
# a comment ends at the first "-->" and holds no "<!--": an unclosed one is not searched past the next
_DIRECTIVE = re.compile(r"<!--[ \t]*newslint-([\w-]*)((?:(?!<!--).)*?)-->", re.DOTALL)
_MARK = "newslint-"  # in every directive: a text without it has none
_BLANK_LINES = re.compile(r"(?:[ \t\r]*\n)+")


@dataclass(eq=False)
class Directive:
    action: str
    span: Span  # the whole comment
    ids: tuple[str, ...]  # empty: every rule
    reason: str
    own_line: bool
    used: set[str] = field(default_factory=set)  # rule ids of the findings it suppressed
    closes: list[Directive] = field(default_factory=list)  # for enable: the disables it ended


@dataclass(eq=False)
class _Region:
    """Offsets [start, end) where findings of `rule` (None: every rule but `excluded`) are dropped."""

    directive: Directive
    rule: str | None
    start: int
    end: int
    excluded: frozenset[str] = frozenset()

    def covers(self, f: Finding) -> bool:
        if not self.start <= f.span.start < self.end:
            return False
        return f.rule == self.rule if self.rule else f.rule not in self.excluded


def parse(source: Source) -> list[Directive]:
    """Every directive comment in the source, in order (plain text: only those on their own line)."""
    text = source.text
    if _MARK not in text:
        return []
    plain = format_of(source.path) == "text"
    out = []
    for m in _DIRECTIVE.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.end())
        after = text[m.end() : line_end if line_end >= 0 else len(text)]
        own_line = not text[line_start : m.start()].strip() and not after.strip()
        if plain and not own_line:
            continue
        body, sep, reason = m.group(2).partition(" -- ")
        ids = tuple(i for i in re.split(r"[\s,]+", body) if i)
        out.append(
            Directive(m.group(1), Span(m.start(), m.end()), ids, reason.strip() if sep else "", own_line)
        )
    return out


def _regions(source: Source, directives: list[Directive]) -> list[_Region]:
    text, index = source.text, source.index
    regions: list[_Region] = []
    open_: list[_Region] = []
    for d in directives:
        if d.action == "disable-file":
            regions += [_Region(d, rule, 0, len(text)) for rule in d.ids or (None,)]
        elif d.action == "disable-next-line":
            line = index.location(d.span.end)[0] + 1
            while line <= len(index.starts) and not source.line_text(line).strip():
                line += 1
            start, end = index.line_span(line) if line <= len(index.starts) else (len(text), len(text))
            regions += [_Region(d, rule, start, end) for rule in d.ids or (None,)]
        elif d.action == "disable":
            opened = [_Region(d, rule, d.span.end, len(text)) for rule in d.ids or (None,)]
            regions += opened
            open_ += opened
        elif d.action == "enable":
            for r in list(open_):
                if d.ids and r.rule is not None and r.rule not in d.ids:
                    continue
                r.end = d.span.start
                open_.remove(r)
                if r.directive not in d.closes:
                    d.closes.append(r.directive)
                if d.ids and r.rule is None:  # "disable" of every rule, then "enable a": the rest stay off
                    rest = _Region(r.directive, None, d.span.end, len(text), r.excluded | set(d.ids))
                    regions.append(rest)
                    open_.append(rest)
    return regions


def apply(
    source: Source,
    findings: list[Finding],
    known_rule_ids: Collection[str],
    enabled: Collection[str] | None = None,
    rule: Rule | None = None,
    judge_all: bool = True,
) -> tuple[list[Finding], list[Finding]]:
    """(kept findings, unused-suppression findings) for one file.

    known_rule_ids: every rule id that exists; enabled: the ids of the rules that ran (default: all
    known), since a directive for a rule that did not run cannot be judged unused; judge_all: every
    rule the project uses ran, so a directive without ids can be judged. rule: the
    unused-suppression rule, for its severity, message and fix applicability.
    """
    directives = parse(source)
    if not directives:
        return findings, []
    regions = _regions(source, directives)
    kept = []
    for f in findings:
        covering = [r for r in regions if r.covers(f)]
        for r in covering:
            r.directive.used.add(f.rule)
        if not covering:
            kept.append(f)
    enabled = set(known_rule_ids if enabled is None else enabled)
    unused = [
        u
        for d in directives
        if (u := _unused(source, d, directives, set(known_rule_ids), enabled, judge_all, rule)) is not None
    ]
    own = [r for r in regions if r.rule == RULE_ID]
    return kept, [u for u in unused if not any(r.covers(u) for r in own)]


def _unused(
    source: Source,
    d: Directive,
    directives: list[Directive],
    known: set[str],
    enabled: set[str],
    judge_all: bool,
    rule: Rule | None,
) -> Finding | None:
    name = f"'newslint-{d.action}'"
    if d.action not in ACTIONS:
        return _finding(source, d, f"unknown directive {name}", None, directives, rule)
    if not d.ids:
        if d.action == "enable" or d.used or not judge_all:
            return None
        return _finding(source, d, f"{name} suppresses no finding", (), directives, rule)
    unknown = [i for i in d.ids if i not in known]
    idle = [i for i in d.ids if i in enabled and i not in d.used and i != RULE_ID and d.action != "enable"]
    if not unknown and not idle:
        return None
    labelled = (("unused", idle), ("unknown", unknown))
    detail = "; ".join(f"{label}: {', '.join(ids)}" for label, ids in labelled if ids)
    keep = tuple(i for i in d.ids if i not in unknown and i not in idle)
    return _finding(source, d, f"{name} ({detail})", keep, directives, rule)


def _finding(
    source: Source,
    d: Directive,
    detail: str,
    keep: tuple[str, ...] | None,
    directives: list[Directive],
    rule: Rule | None,
) -> Finding:
    """The report on a directive, with a fix that keeps only `keep` ids, deletes it when none are
    left, and offers nothing when keep is None (a misspelt directive: the intent is unclear)."""
    if keep is None:
        edits = []
    elif keep:
        reason = f" -- {d.reason}" if d.reason else ""
        edits = [Edit(d.span, f"<!-- newslint-{d.action} {' '.join(keep)}{reason} -->")]
    else:
        # a deleted disable takes along the enables that ended only its own regions
        ends = [e for e in directives if e.closes == [d]]
        edits = [Edit(_removal(source.text, x), "") for x in (d, *ends)]
    message = render(rule.message if rule else MESSAGE, detail=detail)
    severity = rule.severity if rule else Severity.WARNING
    fix = Fix(rule.fix if rule else "safe", tuple(edits)) if edits else None
    return Finding(RULE_ID, severity, message, d.span, fix)


def _removal(text: str, d: Directive) -> Span:
    """What deleting a directive removes: the comment; on a line of its own, the line; standing as
    a paragraph of its own, the blank lines after it too (before it, at the end of the text)."""
    start = d.span.start
    if not d.own_line:
        while start > 0 and text[start - 1] in " \t":
            start -= 1
        return Span(start, d.span.end)
    start = text.rfind("\n", 0, start) + 1
    nl = text.find("\n", d.span.end)
    end = len(text) if nl < 0 else nl + 1
    if start and text[_line_before(text, start) : start].strip():  # the last line of a paragraph
        return Span(start, end)
    blanks = _BLANK_LINES.match(text, end)
    end = blanks.end() if blanks else end
    while end == len(text) and start and not text[_line_before(text, start) : start].strip():
        start = _line_before(text, start)
    return Span(start, end)


def _line_before(text: str, start: int) -> int:
    """Start of the line before the one starting at `start` (> 0)."""
    return text.rfind("\n", 0, start - 1) + 1


@dataclass(frozen=True)
class Suppressor:
    """apply() bound to one run: each file's findings, less the suppressed ones, plus the
    unused-suppression findings when that rule is selected."""

    known_rule_ids: frozenset[str]
    enabled: frozenset[str]
    rule: Rule | None
    judge_all: bool

    def __call__(self, source: Source, findings: list[Finding]) -> list[Finding]:
        if _MARK not in source.text:  # no directive (parse() finds none): the usual case
            return findings
        kept, unused = apply(source, findings, self.known_rule_ids, self.enabled, self.rule, self.judge_all)
        return kept + unused if self.rule else kept
