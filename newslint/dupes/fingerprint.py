"""Paragraphs worth comparing across articles, and their LSH band keys.

The steps that touch every paragraph (`extract`, `fingerprint`) work on one partition at a time
and return plain lists and numpy arrays, so a process pool now, or a Dask/Spark `map_partitions`
later, runs them unchanged. Only `lsh.candidate_pairs` needs all keys of one band together.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

from newslint.document import Block, Document

if TYPE_CHECKING:
    import numpy as np

NORMALIZER_VERSION = 2  # bump when extract() or shingling changes: old indexes must be rebuilt


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
    import hashlib  # here: loading OpenSSL costs a check run 3 ms it does not need

    return int.from_bytes(hashlib.blake2b(norm.encode(), digest_size=8).digest(), "little", signed=True)


def signatures(norms: list[str], params: Params) -> np.ndarray:
    """MinHash signatures, one row of num_perm uint32 per text (rensa, seeded: stable across runs).
    A text's set is its k-word shingles (its words joined by single spaces), or the whole text
    when it has k words or fewer."""
    texts = [" ".join(n.split()) for n in norms]
    return canonical_signatures(texts, [t.count(" ") + 1 if t else 0 for t in texts], params)


def canonical_signatures(texts: list[str], counts: list[int], params: Params) -> np.ndarray:
    """signatures() of texts whose words are joined by single spaces, given with their word counts
    (as extract() and the Collector make them): nothing is split or joined again."""
    hashed = hash_texts(texts, counts, params.shingle)
    return minhash(hashed.shingles, hashed.offsets, params)


def minhash(shingles: np.ndarray, offsets: np.ndarray, params: Params) -> np.ndarray:
    """MinHash signatures (len(offsets) - 1 rows of num_perm uint32) of texts given as the flat
    hashes of their shingles (hash_texts)."""
    import array

    import numpy as np
    from rensa import RMinHash

    n = len(offsets) - 1
    if not n:
        return np.zeros((0, params.num_perm), dtype=np.uint32)
    matrix = RMinHash.digest_matrix_from_flat_token_hashes(shingles, offsets, params.num_perm, params.seed)
    flat = array.array("I")  # C unsigned int (np.uintc): filled from lists twice as fast as fromiter
    for row in matrix.to_rows():
        flat.fromlist(row)
    return np.frombuffer(flat, dtype=np.uintc).astype(np.uint32, copy=False).reshape(n, -1)


# Shingles are hashed in numpy, all texts of a partition at once, with no string per shingle: a
# polynomial hash of the UTF-8 bytes (base _BASE, modulo 2**64) has prefix sums, so the hash of
# any piece of the joined texts is (prefix[end] - prefix[start]) * _BASE**-start, whatever the
# text it stands in. splitmix64's finaliser then spreads the bits for rensa's permutations.
_BASE = 0x9E3779B97F4A7C15  # odd, so it has an inverse modulo 2**64
_BASE_INVERSE = pow(_BASE, -1, 1 << 64)
_powers: list[np.ndarray] = []  # [_BASE**i, _BASE**-i] for i < their length, grown on demand


class Hashed(NamedTuple):
    shingles: np.ndarray  # uint64 hashes of every text's shingles, text after text
    offsets: np.ndarray  # uint64: text i's shingles are shingles[offsets[i]:offsets[i + 1]]
    texts: np.ndarray  # uint64 hash of each whole text: equal texts hash alike


def hash_texts(texts: list[str], counts: list[int], k: int) -> Hashed:
    """The 64-bit hashes of each text's k-word shingles and of each whole text. Equal shingles
    hash alike wherever they are. texts hold words joined by single spaces (no other whitespace);
    counts are their numbers of words. A text of k words or fewer is one shingle, the whole text."""
    import numpy as np

    if not texts:
        return Hashed(np.zeros(0, np.uint64), np.zeros(1, np.uint64), np.zeros(0, np.uint64))
    data = "\n".join(texts).encode()
    n = len(data)
    power, inverse = _powers_upto(n + 1)
    byte = np.frombuffer(data, np.uint8)
    prefix = np.zeros(n + 1, np.uint64)
    np.cumsum(byte * power[:n], out=prefix[1:])  # uint64 arithmetic wraps: modulo 2**64
    breaks = np.flatnonzero((byte == 32) | (byte == 10))  # a space between words, "\n" between texts
    words = np.asarray(counts, np.int64)
    slots = np.maximum(words, 1)  # an empty text is one empty word between its "\n"s
    if len(breaks) + 1 != slots.sum():
        raise ValueError("hash_texts: texts must be words joined by single spaces, as many as counts says")
    word_start = np.concatenate((np.zeros(1, np.int64), breaks + 1))
    word_end = np.concatenate((breaks, np.full(1, n, np.int64)))
    first_slot = np.cumsum(slots) - slots
    long = words > k
    shingles = np.where(long, words - k + 1, 1)
    last = np.where(long, k - 1, slots - 1)  # a shingle's last word, from its first
    offsets = np.zeros(len(texts) + 1, np.int64)
    np.cumsum(shingles, out=offsets[1:])
    first = np.arange(offsets[-1]) + np.repeat(first_slot - offsets[:-1], shingles)
    start, end = word_start[first], word_end[first + np.repeat(last, shingles)]
    hashes = (prefix[end] - prefix[start]) * inverse[start]
    start, end = word_start[first_slot], word_end[first_slot + slots - 1]
    whole = (prefix[end] - prefix[start]) * inverse[start]
    return Hashed(_mix(hashes), offsets.astype(np.uint64), _mix(whole))


_POWERS_KEPT = 1 << 21  # powers kept between calls (32 MiB); a longer text gets its own


def _powers_upto(n: int) -> tuple[np.ndarray, np.ndarray]:
    import numpy as np

    if _powers and len(_powers[0]) >= n:
        return _powers[0], _powers[1]
    size = max(n, 1 << 16, min(2 * len(_powers[0]), _POWERS_KEPT) if _powers else 0)
    made = []
    for base in (_BASE, _BASE_INVERSE):
        p = np.empty(size, np.uint64)
        p[0] = 1
        np.cumprod(np.full(size - 1, base, np.uint64), out=p[1:])
        made.append(p)
    if size <= _POWERS_KEPT:
        _powers[:] = made
    return made[0], made[1]


def _mix(z: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser, in place."""
    import numpy as np

    z ^= z >> np.uint64(30)
    z *= np.uint64(0xBF58476D1CE4E5B9)
    z ^= z >> np.uint64(27)
    z *= np.uint64(0x94D049BB133111EB)
    z ^= z >> np.uint64(31)
    return z


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


def canonical_fingerprint(texts: list[str], counts: list[int], params: Params) -> np.ndarray:
    """fingerprint() of texts whose words are joined by single spaces, with their word counts."""
    return band_keys(canonical_signatures(texts, counts, params), params.bands)


def algorithm_version() -> str:
    """Changes whenever fingerprints of the same text could change: stored in an index."""
    import rensa

    return f"norm{NORMALIZER_VERSION}-rensa{getattr(rensa.RMinHash, 'ALGORITHM_VERSION', 0)}"
