"""The run-level rule: paragraphs that also appear in another file of the run, or of an index."""

from __future__ import annotations

import functools
import os
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING, Any, NamedTuple

from newslint.document import Document
from newslint.dupes.fingerprint import Params, StopList, band_keys, hash_texts, minhash, paragraphs
from newslint.finding import Finding, Related, Span
from newslint.kinds.base import renderer
from newslint.ruleset import Rule
from newslint.source import LineIndex

if TYPE_CHECKING:
    import numpy as np


@dataclass
class Article:
    """What the run-level rule needs of one checked file, small enough to send back from a worker
    process: its path and, for each comparable paragraph, its normalised text, where it is and its
    band keys; lines and columns come from the file's line index (sent with its source anyway)
    for the few paragraphs that have copies."""

    path: str
    norms: list[str]
    places: list[tuple[int, int]]  # source offsets: start, end
    keys: Any  # (len(norms), bands) uint64 LSH band keys, computed in the worker
    index: LineIndex
    hashes: Any  # (len(norms),) uint64 hashes of the norms: equal norms hash alike

    def __reduce__(self) -> tuple:
        # from a worker: the keys as bytes, which unpickle ten times faster than a small array
        keys = (self.keys.tobytes(), self.keys.dtype.str, self.keys.shape)
        return _article, (self.path, self.norms, self.places, keys, self.index, self.hashes.tobytes())


def _article(
    path: str, norms: list[str], places: list, keys: tuple, index: LineIndex, hashes: bytes
) -> Article:
    import numpy as np

    data, dtype, shape = keys
    keys_ = np.frombuffer(data, dtype).reshape(shape)
    return Article(path, norms, places, keys_, index, np.frombuffer(hashes, np.uint64))


@dataclass
class Collector:
    """Turns documents into their Articles; made once per run and sent to the worker processes."""

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

    def preload(self) -> None:
        """Import now what this process needs after the run (numpy for banding, rapidfuzz to
        verify) and the workers need on their way: forked after this, they inherit it instead of
        importing it each (~0.1 s apiece)."""
        import numpy  # noqa: F401
        from rapidfuzz import fuzz, utils  # noqa: F401 (process, for verifying, loads after the run)

    def __call__(self, doc: Document) -> Article:
        return self.many([doc])[0]

    def many(self, docs: list[Document]) -> list[Article]:
        """The Articles of a partition of documents: fingerprinted together, in one batch."""
        return self.finish([self.prepare(doc) for doc in docs])

    def prepare(self, doc: Document) -> Prepared:
        """What the fingerprints need of a document, so that the document can go at once (a
        document freed while its objects are still in the cache costs half as much to free)."""
        stop = self.__dict__.get("_stop") or self.__dict__.setdefault(
            "_stop", StopList(self.params.stop_phrases)
        )
        norms, counts, places = [], [], []
        for _, block, words in paragraphs(doc, self.params, stop):
            norms.append(" ".join(words))
            counts.append(len(words))
            places.append(block.bounds())
        return Prepared(doc.path, norms, counts, places, doc.source.index)

    def finish(self, prepared: list[Prepared]) -> list[Article]:
        """The Articles of a partition's prepared documents, fingerprinted together."""
        params = self.params
        counts = [n for p in prepared for n in p.counts]
        hashed = hash_texts([n for p in prepared for n in p.norms], counts, params.shingle)
        keys = band_keys(minhash(hashed.shingles, hashed.offsets, params), params.bands)
        out, at = [], 0
        for p in prepared:
            part = slice(at, at + len(p.norms))
            out.append(Article(p.path, p.norms, p.places, keys[part], p.index, hashed.texts[part]))
            at += len(p.norms)
        return out


class Prepared(NamedTuple):
    """A document's comparable paragraphs, before fingerprinting (see Collector.prepare)."""

    path: str
    norms: list[str]
    counts: list[int]  # words of each norm
    places: list[tuple[int, int]]
    index: LineIndex


class Copy(NamedTuple):  # a tuple: made thousands of times, three times quicker than a frozen dataclass
    score: float
    place: Related  # as the findings list it, made with the copy (once, however many list it)


def cross_file_findings(
    items: list[Article] | list[Document], rule: Rule, index_path: str | None = None
) -> dict[str, list[Finding]]:
    """Findings keyed by path: each paragraph with a copy in another article or the index. Takes
    the Articles that the workers collected (or documents, collected here)."""
    collect = Collector.for_run(rule, index_path)
    docs = _articles(items, collect)
    if len(docs) < 2 and not index_path:
        return {}
    o = rule.options
    run = Paragraphs(docs)
    copies: dict[int, list[Copy]] = defaultdict(list)  # index into run -> copies elsewhere
    counts: Counter[int] = Counter()
    if len(docs) >= 2 and run.norms:
        _in_run(docs, run, o, copies, counts)
    if index_path:
        _in_index(docs, run, collect.params, o, index_path, copies, counts)
    out: dict[str, list[Finding]] = {}
    message = renderer(rule.message, ("where", "count", "more"))
    rid, severity = rule.id, rule.severity
    for k, found in copies.items():
        if len(found) > 1:
            found.sort(key=_copy_order)
        first = found[0].place
        n = counts[k]
        text = message(
            where=f"{first.path}:{first.line}",
            count=n,
            more=f" and {n - 1} other place{'s' if n > 2 else ''}" if n > 1 else "",
        )
        related = tuple([c.place for c in found[: o.max_related]])
        span = Span(*run.places[k])
        out.setdefault(docs[run.doc[k]].path, []).append(Finding(rid, severity, text, span, None, related))
    for findings in out.values():
        findings.sort(key=lambda f: f.span.start)
    return out


def _copy_order(c: Copy) -> tuple[float, str, int]:
    return -c.score, c.place.path, c.place.line


def _articles(items: list[Article] | list[Document], collect: Collector) -> list[Article]:
    """The Articles of items, documents among them collected here (in one batch)."""
    docs = [a for a in items if not isinstance(a, Article)]
    if not docs:
        return list(items)  # type: ignore[arg-type]
    made = iter(collect.many(docs))  # type: ignore[arg-type]
    return [a if isinstance(a, Article) else next(made) for a in items]


class Paragraphs:
    """The paragraphs of all articles of a run, in order, as columns indexed by one number."""

    def __init__(self, docs: list[Article]) -> None:
        self.docs = docs
        self.doc = [d for d, a in enumerate(docs) for _ in a.norms]  # article of each paragraph
        self.norms = [n for a in docs for n in a.norms]
        self.places = [p for a in docs for p in a.places]
        self._copies: dict[tuple[int, float], Copy] = {}

    def copy(self, k: int, score: float) -> Copy:
        """Paragraph k as a copy with this score (made once: a paragraph copied into n articles
        is a copy in each of their findings)."""
        c = self._copies.get((k, score))
        if c is None:
            doc = self.docs[self.doc[k]]
            place = Related(doc.path, *doc.index.span_location(*self.places[k]), _copy_message(score))
            c = self._copies[k, score] = Copy(score, place)
        return c


@functools.lru_cache(maxsize=4096)  # a few hundred scores among thousands of copies
def _copy_message(score: float) -> str:
    return f"copy ({'exact' if score >= 100 else f'similarity {score:.0f}%'})"


def _in_run(
    docs: list[Article],
    run: Paragraphs,
    o,
    copies: dict[int, list[Copy]],
    counts: Counter[int],
) -> None:
    """Pairs within this run: exact copies by text, near copies by LSH + verification."""
    import numpy as np

    from newslint.dupes.lsh import candidate_pairs, verify

    firsts, copied = _exact_groups(run.norms, np.concatenate([doc.hashes for doc in docs]))
    keys = np.concatenate([doc.keys for doc in docs])[firsts]
    pairs, _ = candidate_pairs(keys, o.max_bucket)
    a, b = pairs[:, 0].tolist(), pairs[:, 1].tolist()
    norms, first = run.norms, firsts.tolist()
    left, right = [norms[first[g]] for g in a], [norms[first[h]] for h in b]
    scores = verify(left, right, o.threshold, o.scorer)
    linked: dict[int, list[tuple[int, float]]] = defaultdict(list)
    for g, h, s in zip(a, b, scores.tolist(), strict=True):
        if s >= o.threshold:
            linked[g].append((h, s))
            linked[h].append((g, s))
    doc_of = run.doc
    for g in sorted(linked.keys() | copied.keys()):
        near = [(g, 100.0), *sorted(linked.get(g, ()), key=_score_first)]
        # the paragraphs of the group and of its near copies, in the order copies are listed:
        # the same for each paragraph of the group, which then only leaves out its own article's
        places = [(other, s, doc_of[other]) for h, s in near for other in copied.get(h) or (first[h],)]
        held = [d for _, _, d in places]
        # how many of them an article holds: counted once for a large group (a template copied into
        # thousands of articles), not once per paragraph of it
        holds = Counter(held).__getitem__ if len(held) > 64 else held.count
        for k in copied.get(g) or (first[g],):
            d = doc_of[k]
            n = len(held) - holds(d)
            if n:
                counts[k] += n
                elsewhere = (run.copy(other, s) for other, s, od in places if od != d)
                copies[k] = list(islice(elsewhere, o.max_related))  # k is in one group only


def _score_first(link: tuple[int, float]) -> float:
    return -link[1]


class Groups(NamedTuple):
    firsts: np.ndarray  # the first paragraph of each distinct text, in order
    copied: dict[int, list[int]]  # the paragraphs of each text that more than one has, in order


def _exact_groups(norms: list[str], hashes: np.ndarray) -> Groups:
    """The distinct texts, in order of first appearance, and the paragraphs of each text that
    more than one has: grouped by their hashes in numpy, checked by their texts. Two different
    texts share a hash by chance all but never, but they can be made to (the hash is polynomial
    modulo 2**64: a Thue-Morse text and its complement collide); then they are grouped by text
    instead."""
    import numpy as np

    order = np.argsort(hashes)  # equal hashes together (not stable, several times quicker)
    ordered = hashes[order]
    starts = np.flatnonzero(np.concatenate(([True], ordered[1:] != ordered[:-1])))
    sizes = np.diff(np.append(starts, len(hashes)))
    firsts = np.minimum.reduceat(order, starts)
    by_first = np.argsort(firsts)  # the distinct hashes in order of first appearance: the groups
    starts, sizes, firsts = starts[by_first], sizes[by_first], firsts[by_first]
    copied: dict[int, list[int]] = {}
    if len(firsts) < len(hashes):
        by_hash = order.tolist()
        at, size = starts.tolist(), sizes.tolist()
        for g in np.flatnonzero(sizes > 1).tolist():
            copied[g] = m = sorted(by_hash[at[g] : at[g] + size[g]])
            if any(norms[k] != norms[m[0]] for k in m):
                return _groups_by_text(norms)
    return Groups(firsts, copied)


def _groups_by_text(norms: list[str]) -> Groups:
    import numpy as np

    groups: dict[str, list[int]] = {}
    for k, norm in enumerate(norms):
        groups.setdefault(norm, []).append(k)
    members = list(groups.values())
    firsts = np.array([m[0] for m in members], dtype=np.int64)
    return Groups(firsts, {g: m for g, m in enumerate(members) if len(m) > 1})


def _in_index(
    docs: list[Article],
    run: Paragraphs,
    params: Params,
    o,
    index_path: str,
    copies: dict[int, list[Copy]],
    counts: Counter[int],
) -> None:
    """Copies in the archive; the archive's own copy of a checked file does not count."""
    import numpy as np

    from newslint.dupes.index import Index

    with Index.open(index_path) as index:
        if not run.norms:
            return
        abspaths = [os.path.abspath(doc.path) for doc in docs]
        in_run = set(abspaths)  # the run's own version of an archived file wins over the archive's
        keys = np.concatenate([doc.keys for doc in docs])  # made with the index's params
        exclude = [abspaths[d] for d in run.doc]
        matches = index.query(run.norms, exclude, o.threshold, o.scorer, o.max_bucket, keys=keys)
        cwd = os.getcwd()
        for m in matches:
            if m.path in in_run:
                continue
            k = m.query
            counts[k] += 1
            if len(copies[k]) < o.max_related or m.score >= min(c.score for c in copies[k]):
                place = Related(
                    _display(m.path, cwd), m.line, m.column, m.end_line, m.end_column, _copy_message(m.score)
                )
                copies[k].append(Copy(m.score, place))


def _display(path: str, cwd: str) -> str:
    rel = os.path.relpath(path, cwd)
    return path if rel.startswith(os.pardir + os.sep) else rel
