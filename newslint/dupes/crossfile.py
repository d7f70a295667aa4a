"""The run-level rule: paragraphs that also appear in another file of the run, or of an index."""

from __future__ import annotations

import os
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from newslint.document import Document
from newslint.dupes.fingerprint import Para, Params, StopList, extract, fingerprint
from newslint.finding import Finding, Related, Span
from newslint.kinds.base import finding, render
from newslint.ruleset import Rule


@dataclass
class Article:
    """What the run-level rule needs of one checked file, small enough to send back from a worker
    process: its path, its comparable paragraphs and where each one is."""

    path: str
    paras: list[Para]
    locations: list[tuple[int, int, int, int]]  # line, column, end_line, end_column of each para
    keys: Any  # (len(paras), bands) uint64 LSH band keys, computed in the worker


@dataclass
class Collector:
    """Turns a document into its Article; made once per run and sent to the worker processes."""

    params: Params

    @classmethod
    def for_run(cls, rule: Rule, index_path: str | None = None) -> Collector:
        """With an index, the archive decides what a paragraph and a fingerprint are."""
        from newslint.kinds.cross_file import validate

        validate(rule)
        if index_path:
            from newslint.dupes.index import Index

            with Index.open(index_path) as index:
                return cls(index.params)
        return cls(Params.from_options(rule.options))

    def __call__(self, doc: Document) -> Article:
        stop = self.__dict__.get("_stop") or self.__dict__.setdefault(
            "_stop", StopList(self.params.stop_phrases)
        )
        paras = extract(doc, self.params, stop)
        loc = doc.source.index.location
        keys = fingerprint([p.norm for p in paras], self.params)
        return Article(doc.path, paras, [(*loc(p.start), *loc(p.end)) for p in paras], keys)


@dataclass(frozen=True)
class Copy:
    score: float
    path: str
    line: int
    column: int
    end_line: int
    end_column: int


def cross_file_findings(
    items: list[Article] | list[Document], rule: Rule, index_path: str | None = None
) -> dict[str, list[Finding]]:
    """Findings keyed by path: each paragraph with a copy in another article or the index. Takes
    the Articles that the workers collected (or documents, collected here)."""
    collect = Collector.for_run(rule, index_path)
    docs = [a if isinstance(a, Article) else collect(a) for a in items]
    if len(docs) < 2 and not index_path:
        return {}
    o = rule.options
    params = collect.params
    paras = [(d, p) for d, doc in enumerate(docs) for p in doc.paras]
    copies: dict[int, list[Copy]] = defaultdict(list)  # index into paras -> copies elsewhere
    counts: Counter[int] = Counter()
    if len(docs) >= 2 and paras:
        _in_run(docs, paras, o, copies, counts)
    if index_path:
        _in_index(docs, paras, params, o, index_path, copies, counts)
    out: dict[str, list[Finding]] = {}
    for k, found in copies.items():
        d, p = paras[k]
        found.sort(key=lambda c: (-c.score, c.path, c.line))
        first = found[0]
        n = counts[k]
        message = render(
            rule.message,
            where=f"{first.path}:{first.line}",
            count=n,
            more=f" and {n - 1} other place{'s' if n > 2 else ''}" if n > 1 else "",
        )
        related = [
            Related(c.path, c.line, c.column, c.end_line, c.end_column, f"copy ({_form(c.score)})")
            for c in found[: o.max_related]
        ]
        out.setdefault(docs[d].path, []).append(finding(rule, Span(p.start, p.end), message, None, related))
    for findings in out.values():
        findings.sort(key=lambda f: f.span.start)
    return out


def _form(score: float) -> str:
    return "exact" if score >= 100 else f"similarity {score:.0f}%"


def _in_run(
    docs: list[Article],
    paras: list[tuple[int, Para]],
    o,
    copies: dict[int, list[Copy]],
    counts: Counter[int],
) -> None:
    """Pairs within this run: exact copies by text, near copies by LSH + verification."""
    import numpy as np

    from newslint.dupes.lsh import candidate_pairs, verify

    locations = [loc for doc in docs for loc in doc.locations]  # in the order of paras

    group_of: dict[str, int] = {}
    members: list[list[int]] = []
    for k, (_, p) in enumerate(paras):
        g = group_of.setdefault(p.norm, len(members))
        if g == len(members):
            members.append([])
        members[g].append(k)
    reps = [paras[m[0]][1].norm for m in members]
    keys = np.concatenate([doc.keys for doc in docs])[[m[0] for m in members]]
    pairs, _ = candidate_pairs(keys, o.max_bucket)
    a, b = pairs[:, 0].tolist(), pairs[:, 1].tolist()
    scores = verify([reps[i] for i in a], [reps[j] for j in b], o.threshold, o.scorer)
    linked: dict[int, list[tuple[int, float]]] = defaultdict(list)
    for g, h, s in zip(a, b, scores.tolist(), strict=True):
        if s >= o.threshold:
            linked[g].append((h, s))
            linked[h].append((g, s))
    docs_in: dict[int, Counter[int]] = {}  # group -> articles holding it, made when needed

    def articles_of(h: int) -> Counter[int]:
        if h not in docs_in:
            docs_in[h] = Counter(paras[k][0] for k in members[h])
        return docs_in[h]

    for g, m in enumerate(members):
        if len(m) < 2 and g not in linked:
            continue
        near = [(g, 100.0), *sorted(linked.get(g, ()), key=lambda x: -x[1])]
        for k in m:
            d = paras[k][0]
            n = sum(len(members[h]) - articles_of(h)[d] for h, _ in near)
            if not n:
                continue
            counts[k] += n
            found = copies[k]
            for h, s in near:
                for other in members[h]:
                    if len(found) >= o.max_related:
                        break
                    od = paras[other][0]
                    if od != d:
                        found.append(Copy(s, docs[od].path, *locations[other]))


def _in_index(
    docs: list[Article],
    paras: list[tuple[int, Para]],
    params: Params,
    o,
    index_path: str,
    copies: dict[int, list[Copy]],
    counts: Counter[int],
) -> None:
    """Copies in the archive; the archive's own copy of a checked file does not count."""
    from newslint.dupes.index import Index

    with Index.open(index_path) as index:
        if not paras:
            return
        norms = [p.norm for _, p in paras]
        abspaths = [os.path.abspath(doc.path) for doc in docs]
        in_run = set(abspaths)  # the run's own version of an archived file wins over the archive's
        matches = index.query(norms, [abspaths[d] for d, _ in paras], o.threshold, o.scorer, o.max_bucket)
        cwd = os.getcwd()
        for m in matches:
            if m.path in in_run:
                continue
            k = m.query
            counts[k] += 1
            if len(copies[k]) < o.max_related or m.score >= min(c.score for c in copies[k]):
                copies[k].append(
                    Copy(m.score, _display(m.path, cwd), m.line, m.column, m.end_line, m.end_column)
                )


def _display(path: str, cwd: str) -> str:
    rel = os.path.relpath(path, cwd)
    return path if rel.startswith(os.pardir + os.sep) else rel
