"""Paragraphs worth comparing across articles, and their LSH band keys.

The steps that touch every paragraph (`extract`, `fingerprint`) work on one partition at a time
and return plain lists and numpy arrays, so a process pool now, or a Dask/Spark `map_partitions`
later, runs them unchanged. Only `lsh.candidate_pairs` needs all keys of one band together.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from newslint.document import Block, Document

if TYPE_CHECKING:
    import numpy as np

NORMALIZER_VERSION = 1  # bump when extract() or shingling changes: old indexes must be rebuilt


@dataclass(frozen=True)
class Params:
    """What decides which paragraphs are fingerprinted and how; an index stores these."""

    min_words: int = 15
    shingle: int = 3
    num_perm: int = 128
    bands: int = 32
    seed: int = 1
    stop_phrases: tuple[str, ...] = ()
    block_kinds: tuple[str, ...] = ("paragraph", "quote", "list_item")

    @classmethod
    def from_options(cls, o: Any) -> Params:
        return cls(
            o.min_words, o.shingle, o.num_perm, o.bands, o.seed, tuple(o.stop_phrases), tuple(o.block_kinds)
        )

    def to_json(self) -> dict:
        return asdict(self)

    @property
    def rows(self) -> int:
        return self.num_perm // self.bands


@dataclass
class Para:
    """One paragraph of one article: where it is, and its normalised text."""

    block: int  # index into doc.blocks
    start: int  # source offsets
    end: int
    norm: str  # default_process'd text with single spaces, stop phrases removed
    hash: int  # signed 64-bit hash of norm (SQLite INTEGER)


class StopList:
    """Boilerplate phrases removed before paragraphs are compared: whole words, after normalising."""

    def __init__(self, phrases: tuple[str, ...]) -> None:
        from rapidfuzz.utils import default_process

        normed = (" ".join(default_process(p).split()) for p in phrases)
        self.phrases = sorted({f" {p} " for p in normed if p}, key=len, reverse=True)
        # one word of each phrase (its longest: the rarest, most likely); a text none of these
        # words is in holds no phrase, so it is left as it is without searching for each phrase
        self.keywords = frozenset(max(p.split(), key=len) for p in self.phrases)

    def strip(self, norm: str) -> str:
        padded = f" {norm} "
        hit = False
        for p in self.phrases:
            if p in padded:
                padded = padded.replace(p, " ")
                hit = True
        return " ".join(padded.split()) if hit else norm

    def strip_words(self, words: list[str]) -> list[str]:
        """The words of strip(" ".join(words)); `words` itself when no phrase can be in them (the
        common case: then no phrase is searched for)."""
        return words if self.keywords.isdisjoint(words) else self.strip(" ".join(words)).split()


def paragraphs(doc: Document, params: Params, stop: StopList) -> Iterator[tuple[int, Block, list[str]]]:
    """(index, block, words of the normalised text) of each block long enough to compare. The
    normalised text is " ".join(words): default_process'd, single spaces, stop phrases removed."""
    kinds, min_words = params.block_kinds, params.min_words
    for i, block in enumerate(doc.blocks):
        if block.kind not in kinds:
            continue
        words = block.words
        if (len(words) or 1) < min_words:  # stripping only removes words; "" counts as one word
            continue
        words = stop.strip_words(words)
        if (len(words) or 1) < min_words:
            continue
        yield i, block, words


def extract(doc: Document, params: Params, stop: StopList | None = None) -> list[Para]:
    """The paragraphs of a document long enough to compare, after removing stop phrases."""
    out = []
    for i, block, words in paragraphs(doc, params, stop or StopList(params.stop_phrases)):
        span = block.span()
        norm = " ".join(words)
        out.append(Para(i, span.start, span.end, norm, text_hash(norm)))
    return out


def text_hash(norm: str) -> int:
    return int.from_bytes(hashlib.blake2b(norm.encode(), digest_size=8).digest(), "little", signed=True)


def shingles(norm: str, k: int) -> list[str]:
    return word_shingles(norm.split(), k, norm)


def word_shingles(words: list[str], k: int, text: str | None = None, join=" ".join) -> list[str]:
    """The k-word shingles of a text given as its words; the whole text (`text`, or the words
    joined) when it has k words or fewer."""
    if len(words) <= k:
        return [join(words) if text is None else text]
    if k == 3:  # the default, a third quicker
        return [*map(join, zip(words, words[1:], words[2:], strict=False))]
    return [join(words[i : i + k]) for i in range(len(words) - k + 1)]


def signatures(norms: list[str], params: Params) -> np.ndarray:
    """MinHash signatures, one row of num_perm uint32 per text (rensa, seeded: stable across runs)."""
    return _minhash([shingles(norm, params.shingle) for norm in norms], params)


def word_signatures(texts: list[list[str]], params: Params) -> np.ndarray:
    """signatures() of texts given as their words (norm.split())."""
    return _minhash([word_shingles(words, params.shingle) for words in texts], params)


def _minhash(sets: list[list[str]], params: Params) -> np.ndarray:
    """One rensa call for all texts: give it a partition's texts at once, not one article's."""
    import array

    import numpy as np
    from rensa import RMinHash

    if not sets:
        return np.zeros((0, params.num_perm), dtype=np.uint32)
    rows = RMinHash.digest_matrix_from_token_sets(sets, params.num_perm, params.seed).to_rows()
    flat = array.array("I")  # C unsigned int (np.uintc): filled from lists twice as fast as fromiter
    for row in rows:
        flat.fromlist(row)
    return np.frombuffer(flat, dtype=np.uintc).astype(np.uint32, copy=False).reshape(len(sets), -1)


_MIX = 0x9E3779B97F4A7C15
_PRIME = 0x100000001B3


def band_keys(sig: np.ndarray, bands: int) -> np.ndarray:
    """One 64-bit key per band: a hash of the band's rows and its number (equal keys = same band)."""
    import numpy as np

    n, perms = sig.shape
    s = sig.reshape(n, bands, perms // bands).astype(np.uint64)
    h = np.tile((np.arange(bands, dtype=np.uint64) + np.uint64(1)) * np.uint64(_MIX), (n, 1))
    for r in range(s.shape[2]):
        h ^= s[:, :, r]
        h *= np.uint64(_PRIME)
        h ^= h >> np.uint64(29)
    h *= np.uint64(_MIX)
    h ^= h >> np.uint64(32)
    return h


def fingerprint(norms: list[str], params: Params) -> np.ndarray:
    """The per-partition step: texts -> (n, bands) uint64 LSH band keys."""
    return band_keys(signatures(norms, params), params.bands)


def word_fingerprint(texts: list[list[str]], params: Params) -> np.ndarray:
    """fingerprint() of texts given as their words (norm.split()), which saves splitting them."""
    return band_keys(word_signatures(texts, params), params.bands)


def algorithm_version() -> str:
    """Changes whenever fingerprints of the same text could change: stored in an index."""
    import rensa

    return f"norm{NORMALIZER_VERSION}-rensa{getattr(rensa.RMinHash, 'ALGORITHM_VERSION', 0)}"
