"""Select and compile rules once, run them on documents, and order the findings."""

from __future__ import annotations

import re
from dataclasses import replace

from newslint.config import Config
from newslint.document import Document
from newslint.errors import ConfigError
from newslint.finding import Finding, Severity
from newslint.ruleset import BUNDLED_RULES, Rule, kind_module, load_rule, rule_files

RUN_LEVEL_KINDS = ("cross_file",)  # rules that look at the whole run, not one document


def available_rules(config: Config) -> dict[str, str]:
    """rule id -> rule file, bundled first, then the config's extra folders."""
    return rule_files([BUNDLED_RULES, *config.rule_dirs])


def select_rules(
    config: Config, select: list[str] | None = None, ignore: list[str] | None = None
) -> list[Rule]:
    """Load the rules a run uses: the config's choice, narrowed by the command line."""
    files = available_rules(config)
    for where, ids in (
        (config.where("select"), config.select or []),
        (config.where("ignore"), config.ignore),
        (config.where("rules"), list(config.rules)),
        ("--select", select or []),
        ("--ignore", ignore or []),
    ):
        for rule_id in ids:
            if rule_id != "ALL" and rule_id not in files:
                raise ConfigError(f"{where}: unknown rule id '{rule_id}'")
    chosen = select if select else config.select
    wanted = set(files) if not chosen or "ALL" in chosen else set(chosen)
    wanted -= set(config.ignore) | set(ignore or [])
    rules = []
    for rule_id in sorted(wanted):
        overrides = config.rules.get(rule_id)
        if overrides == "off" and not select:
            continue
        options = overrides if isinstance(overrides, dict) else None
        rule = load_rule(rule_id, files[rule_id], options, config.path or "configuration")
        unknown = next((r for r in rule.yields_to if r not in files), None)
        if unknown:
            raise ConfigError(f"{rule.where('yields_to')}: unknown rule id '{unknown}' in 'yields_to'")
        if all(config.style.get(k) == v for k, v in rule.when.items()):
            rules.append(rule)
    _check_yields(rules)
    return rules


def _check_yields(rules: list[Rule]) -> None:
    """A rule that yields to itself, or rules that yield to each other round a loop, would drop
    each other's findings and report nothing: a configuration error."""
    by_id = {r.id: r for r in rules}
    done: set[str] = set()

    def visit(rule_id: str, path: list[str]) -> None:
        if rule_id in path:
            cycle = path[path.index(rule_id) :]
            # where to point: a configuration that set yields_to, else the first rule file
            blame = next((by_id[r] for r in cycle if "yields_to" in by_id[r].origins), by_id[cycle[0]])
            loop = " -> ".join([*cycle, rule_id])
            raise ConfigError(f"{blame.where('yields_to')}: rules yield to each other in a loop: {loop}")
        if rule_id in done:
            return
        for target in by_id[rule_id].yields_to:
            if target in by_id:
                visit(target, [*path, rule_id])
        done.add(rule_id)

    for rule in rules:
        visit(rule.id, [])


class Linter:
    """The compiled checkers of a rule set; build once per process, reuse for every file."""

    def __init__(self, rules: list[Rule]) -> None:
        self.rules = rules
        self.checkers = [(rule, kind_module(rule.kind, rule.path).Checker(rule)) for rule in rules]
        ids = {rule.id for rule in rules}
        # rule -> the rules it yields to that run here: "a residue line is stray-marker's, not
        # orphan-headline's" (without stray-marker, orphan-headline reports the line)
        self.yielding = {r.id: set(r.yields_to) & ids for r in rules if set(r.yields_to) & ids}

    def lint(self, doc: Document) -> list[Finding]:
        findings: list[Finding] = []
        for rule, checker in self.checkers:
            found = list(checker.check(doc))
            # a rule for English grammar says nothing of prose in another language, but an English
            # sentence in such an article is English (asked only when the rule found something)
            if found and rule.language and not doc.reads_as(rule.language):
                found = [f for f in found if doc.reads_as(rule.language, f.span.start)]
            findings.extend(found)
        if self.yielding and findings:
            findings = self._yield(findings)
        if doc.skipped:
            findings = [f for f in findings if not any(s.start <= f.span.start < s.end for s in doc.skipped)]
        findings = [f if f.fix is None or fix_is_clean(doc, f) else replace(f, fix=None) for f in findings]
        findings.sort(key=lambda f: (f.span.start, f.span.end, f.rule))
        return findings

    def _yield(self, findings: list[Finding]) -> list[Finding]:
        """The findings less those of a yielding rule that overlap a finding of a rule it yields to."""
        spans: dict[str, list] = {}
        for f in findings:
            spans.setdefault(f.rule, []).append(f.span)
        out = []
        for f in findings:
            winners = self.yielding.get(f.rule, ())
            if not any(
                s.start < f.span.end and f.span.start < s.end for w in winners for s in spans.get(w, ())
            ):
                out.append(f)
        return out


_TAG = re.compile(r"<[^>]*>")
_NOT_ALNUM = re.compile(r"\W+")


def fix_is_clean(doc: Document, finding: Finding) -> bool:
    """Whether a fix only touches the prose the rule saw. A replacement must lie in text copied
    verbatim from the source; a deletion (a residue line, a repeated paragraph) may take markup with
    it but no other words. Markdown or HTML around a flagged phrase would otherwise be mangled."""
    text = doc.source.text
    for edit in finding.fix.edits:  # type: ignore[union-attr]
        if doc.verbatim(edit.span):
            continue
        if edit.content:
            return False
        removed = _visible(text[edit.span.start : edit.span.end])
        if removed != _visible(text[finding.span.start : finding.span.end]):
            return False
    return True


def _visible(markup: str) -> str:
    return _NOT_ALNUM.sub("", _TAG.sub(" ", markup)).lower()


def at_or_above(findings: list[Finding], level: Severity) -> bool:
    return any(f.severity >= level for f in findings)
