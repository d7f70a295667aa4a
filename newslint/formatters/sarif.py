"""SARIF 2.1.0, as GitHub code scanning takes it: rule metadata, repo-relative URIs under %SRCROOT%,
code-point columns, related locations, fixes and a stable `partialFingerprints` per result.

Also home to what the other CI formats share: the project root, repo-relative paths and fingerprints.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from importlib import metadata
from pathlib import Path, PurePath
from urllib.parse import quote

from newslint import __version__
from newslint.finding import Finding, Related, Severity
from newslint.formatters.base import Location, fix_description, locate, ordered
from newslint.source import Source

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "newslint/v1"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


# --- shared by the CI formats ---------------------------------------------------------------------


def project_root(start: str | None = None) -> str:
    """The enclosing git work tree (where CI checks out the repository), else the current directory."""
    here = Path(start or os.getcwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / ".git").exists():
            return str(folder)
    return str(here)


def repo_path(path: str, root: str) -> str:
    """`path` relative to `root` with forward slashes; absolute (still forward slashes) when outside it."""
    if path == "-":
        return path
    full = os.path.abspath(path)
    rel = os.path.relpath(full, root) if os.path.splitdrive(full)[0] == os.path.splitdrive(root)[0] else ".."
    return PurePath(full if rel.startswith("..") else rel).as_posix()


def tool_url() -> str:
    """The project's home page from the installed package metadata ('' when it declares none)."""
    try:
        meta = metadata.metadata("newslint")
    except metadata.PackageNotFoundError:
        return ""
    for entry in meta.get_all("Project-URL") or []:
        label, _, url = entry.partition(",")
        if label.strip().lower() in ("homepage", "home", "documentation", "repository", "source"):
            return url.strip()
    return meta.get("Home-page") or ""


class Fingerprints:
    """A stable id per finding: hash of rule, repo-relative path, the flagged text with whitespace
    collapsed, and which occurrence of that (rule, path, text) it is. Line numbers are left out, so
    editing above a finding keeps its id; the occurrence count keeps identical findings apart.
    Call in output order (`ordered`)."""

    def __init__(self, root: str) -> None:
        self.root = root
        self.seen: Counter[tuple[str, str, str]] = Counter()

    def __call__(self, path: str, source: Source, finding: Finding) -> str:
        text = " ".join(source.text[finding.span.start : finding.span.end].split())
        key = (finding.rule, repo_path(path, self.root), text)
        self.seen[key] += 1
        raw = "\0".join((*key, str(self.seen[key])))
        return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:32]


def summary(rule) -> str:
    """The first paragraph of a rule's description on one line (the rule's message if it has none)."""
    first = rule.description.strip().split("\n\n")[0] if rule.description.strip() else rule.message
    return " ".join(first.split())


# --- SARIF ----------------------------------------------------------------------------------------


def format_sarif(results: list, rules: dict) -> str:
    root = project_root()
    fingerprint = Fingerprints(root)
    rows = list(ordered(results))
    ids = sorted(set(rules) | {f.rule for _, _, f, _ in rows})
    index = {rule_id: i for i, rule_id in enumerate(ids)}
    sarif_results = []
    for path, source, f, loc in rows:
        result = {
            "ruleId": f.rule,
            "ruleIndex": index[f.rule],
            "level": LEVELS[f.severity],
            "message": {"text": f.message},
            "locations": [_location(path, loc, root)],
            "partialFingerprints": {FINGERPRINT_KEY: fingerprint(path, source, f)},
        }
        if f.related:
            result["relatedLocations"] = [_related(i, r, root) for i, r in enumerate(f.related, 1)]
        if f.fix:
            result["fixes"] = [_fix(path, source, f, root)]
        sarif_results.append(result)
    driver = {
        "name": "newslint",
        "version": __version__,
        "semanticVersion": __version__,
        "rules": [_descriptor(rule_id, rules.get(rule_id)) for rule_id in ids],
    }
    url = tool_url()
    if url:
        driver["informationUri"] = url
    invocation: dict = {"executionSuccessful": True}
    notes = [_notification(r, root) for r in results if r.error]
    if notes:
        invocation["toolExecutionNotifications"] = notes
    run = {
        "tool": {"driver": driver},
        "invocations": [invocation],
        "originalUriBaseIds": {SRCROOT: {"uri": Path(root).as_uri().rstrip("/") + "/"}},
        "columnKind": "unicodeCodePoints",
        "results": sarif_results,
    }
    log = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def _descriptor(rule_id: str, rule) -> dict:
    if rule is None:  # a finding from a rule the caller did not pass: still a valid descriptor
        return {"id": rule_id, "shortDescription": {"text": rule_id}}
    text = rule.description.strip() or rule.message
    intro = text.split("\n## ")[0].strip()  # what it flags, before the "## Why is this bad?" sections
    markdown = text + (f"\n\n[Documentation]({rule.link})" if rule.link else "")
    out = {
        "id": rule.id,
        "name": rule.id,
        "shortDescription": {"text": summary(rule)},
        "fullDescription": {"text": intro},
        "help": {"text": text, "markdown": markdown},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"tags": [rule.kind]},
    }
    if rule.link:
        out["helpUri"] = rule.link
    return out


def _artifact(path: str, root: str) -> dict:
    rel = repo_path(path, root)
    if PurePath(rel).is_absolute():
        return {"uri": Path(rel).as_uri()}
    return {"uri": quote(rel, safe="/"), "uriBaseId": SRCROOT}


def _region(loc: Location) -> dict:
    return {
        "startLine": loc.line,
        "startColumn": loc.column,
        "endLine": loc.end_line,
        "endColumn": loc.end_column,
    }


def _location(path: str, loc: Location, root: str) -> dict:
    return {"physicalLocation": {"artifactLocation": _artifact(path, root), "region": _region(loc)}}


def _related(i: int, r: Related, root: str) -> dict:
    out = _location(r.path, Location(r.line, r.column, r.end_line, r.end_column), root)
    out["id"] = i
    if r.message:
        out["message"] = {"text": r.message}
    return out


def _fix(path: str, source: Source, f: Finding, root: str) -> dict:
    replacements = [
        {"deletedRegion": _region(locate(source, e.span)), "insertedContent": {"text": e.content}}
        for e in f.fix.edits
    ]
    return {
        "description": {"text": f"{f.fix.applicability} fix: {fix_description(source, f)}"},
        "artifactChanges": [{"artifactLocation": _artifact(path, root), "replacements": replacements}],
    }


def _notification(result, root: str) -> dict:
    return {
        "level": "error",
        "message": {"text": result.error},
        "locations": [{"physicalLocation": {"artifactLocation": _artifact(result.path, root)}}],
    }
