"""A baseline: the findings an archive already had when newslint was adopted, so that only new
ones are reported.

An entry is keyed by path (relative to the baseline file, so the archive can move), rule id and a
hash of the flagged text with its whitespace normalised, never by line: edits above a finding do
not bring it back. Entries carry a count, so two identical findings need two. The file is JSON, one
entry a line, sorted, so that it diffs well:

    {"newslint_baseline": 1, "entries": [
      {"path": "2019/bridge.txt", "rule": "stray-marker", "hash": "5d41402abc4b2a76", "count": 1,
       "text": "Advertisement"}
    ]}

`text` is the start of the flagged text, for people reviewing the file; matching uses the hash.
"""

from __future__ import annotations

import hashlib
import json
import os
import unicodedata
from collections import Counter
from dataclasses import dataclass

from newslint.errors import InputError
from newslint.finding import Finding
from newslint.source import Source

VERSION = 1
Key = tuple[str, str, str]  # path, rule, hash


@dataclass
class Baseline:
    path: str
    counts: Counter[Key]
    texts: dict[Key, str]

    @property
    def folder(self) -> str:
        return os.path.dirname(os.path.abspath(self.path))


@dataclass(frozen=True)
class StaleEntry:
    """A baseline entry (or part of its count) that matched no finding in a file that was checked."""

    path: str
    rule: str
    text: str
    count: int


def flagged_text(source: Source, finding: Finding) -> str:
    """The flagged text, NFC and whitespace-normalised; the line's text for an empty span."""
    text = source.text[finding.span.start : finding.span.end]
    if not text.strip():
        text = source.line_text(source.index.location(finding.span.start)[0])
    return " ".join(unicodedata.normalize("NFC", text).split())


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _relpath(path: str, folder: str) -> str:
    if path == "-":
        return path
    try:
        return os.path.relpath(os.path.abspath(path), folder).replace(os.sep, "/")
    except ValueError:  # another drive on Windows
        return os.path.abspath(path).replace(os.sep, "/")


def _entries(results: list, folder: str) -> tuple[Counter[Key], dict[Key, str]]:
    counts: Counter[Key] = Counter()
    texts: dict[Key, str] = {}
    for r in results:
        if r.source is None:
            continue
        path = _relpath(r.path, folder)
        for f in r.findings:
            text = flagged_text(r.source, f)
            key = (path, f.rule, _hash(text))
            counts[key] += 1
            texts.setdefault(key, text[:80])
    return counts, texts


def write_baseline(path: str, results: list) -> int:
    """Write every finding of the results as the baseline; returns the number of entries."""
    counts, texts = _entries(results, os.path.dirname(os.path.abspath(path)))
    rows = [
        json.dumps(
            {"path": k[0], "rule": k[1], "hash": k[2], "count": n, "text": texts[k]}, ensure_ascii=False
        )
        for k, n in sorted(
            counts.items(), key=lambda item: (item[0][0], item[0][1], texts[item[0]], item[0][2])
        )
    ]
    entries = "[\n" + ",\n".join(f"    {row}" for row in rows) + "\n  ]" if rows else "[]"
    try:
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(f'{{\n  "newslint_baseline": {VERSION},\n  "entries": {entries}\n}}\n')
    except OSError as exc:
        raise InputError(f"{path}: cannot write baseline: {exc.strerror}") from None
    return len(rows)


def load_baseline(path: str) -> Baseline:
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except FileNotFoundError:
        raise InputError(f"{path}: baseline file not found") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read baseline: {exc.strerror}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        where = f" (line {exc.lineno})" if isinstance(exc, json.JSONDecodeError) else ""
        raise InputError(f"{path}: not a newslint baseline: invalid JSON{where}") from None
    if not isinstance(data, dict) or data.get("newslint_baseline") != VERSION:
        raise InputError(f'{path}: not a newslint baseline (no "newslint_baseline": {VERSION})')
    entries = data.get("entries", [])
    if not isinstance(entries, list):
        raise InputError(f'{path}: not a newslint baseline: "entries" must be a list')
    counts: Counter[Key] = Counter()
    texts: dict[Key, str] = {}
    for i, e in enumerate(entries):
        try:
            key = (str(e["path"]), str(e["rule"]), str(e["hash"]))
            count = int(e.get("count", 1))
        except (TypeError, KeyError, ValueError, AttributeError, OverflowError):  # "count": 1e999
            raise InputError(
                f"{path}: not a newslint baseline: entry {i + 1} needs path, rule and hash"
            ) from None
        counts[key] += count
        texts.setdefault(key, str(e.get("text", "")))
    return Baseline(path, counts, texts)


def filter_baselined(results: list, baseline: Baseline) -> list[StaleEntry]:
    """Drop the findings the baseline covers (earliest first, up to each entry's count) and return
    the entries left over in the files that were checked: their findings are gone."""
    folder = baseline.folder
    left = Counter(baseline.counts)
    checked = set()
    for r in results:
        if r.source is None:
            continue
        path = _relpath(r.path, folder)
        checked.add(path)
        kept = []
        for f in r.findings:
            key = (path, f.rule, _hash(flagged_text(r.source, f)))
            if left[key] > 0:
                left[key] -= 1
            else:
                kept.append(f)
        r.findings = kept
    return [
        StaleEntry(k[0], k[1], baseline.texts.get(k, ""), n)
        for k, n in sorted(left.items())
        if n > 0 and k[0] in checked
    ]


def describe_stale(path: str, stale: list[StaleEntry], limit: int = 10) -> str:
    """What to tell the user about stale entries: a count, then the first few."""
    n = sum(e.count for e in stale)
    lines = [
        f"newslint: {path}: {n} stale {'entry' if n == 1 else 'entries'}, the findings are gone;"
        " refresh with --write-baseline"
    ]
    lines += [
        f"  {e.path}: {e.rule}: {e.text!r}" + (f" ({e.count}x)" if e.count > 1 else "") for e in stale[:limit]
    ]
    if len(stale) > limit:
        lines.append(f"  ... and {len(stale) - limit} more")
    return "\n".join(lines)
