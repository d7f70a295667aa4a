"""LSH banding and verification: band keys -> candidate pairs -> pairs that really match.

`band_pairs` is the one step that needs every key of a band together (a shuffle by key in
Dask/Spark terms); it runs band by band, so memory stays at one band's keys. A bucket holding
more than `max_bucket` entries is over-full (shared boilerplate): it yields a star (each member
paired with the bucket's first entry), not a clique, so it cannot blow up the candidate set.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

SCORERS = ("ratio", "token_sort_ratio")


def band_pairs(keys: np.ndarray, ids: np.ndarray, max_bucket: int) -> tuple[np.ndarray, int]:
    """(id_a, id_b) pairs sharing a key, id_a < id_b, and the number of over-full buckets."""
    import numpy as np

    m = len(keys)
    if m < 2:
        return np.zeros((0, 2), dtype=np.int64), 0
    order = np.argsort(keys)  # not stable (several times quicker): only over-full buckets need order

    def star(start: int, size: int) -> np.ndarray:  # the centre is the entry that comes first in ids
        return ids[np.sort(order[start : start + size])].astype(np.int64)

    return _bucket_pairs(keys[order], ids[order].astype(np.int64), max_bucket, star)


def _bucket_pairs(k: np.ndarray, sid: np.ndarray, max_bucket: int, star) -> tuple[np.ndarray, int]:
    """band_pairs from the keys in sorted order and the ids in the same order; star(start, size)
    gives the members of an over-full bucket, its centre first."""
    import numpy as np

    starts = np.flatnonzero(np.concatenate(([True], k[1:] != k[:-1])))
    sizes = np.diff(np.append(starts, len(k)))
    out = []
    small = (sizes >= 2) & (sizes <= max_bucket)
    if small.any():
        keep = np.repeat(small, sizes)
        sub_ids, sub_group = sid[keep], np.repeat(np.arange(len(sizes)), sizes)[keep]
        for d in range(1, int(sizes[small].max())):
            same = sub_group[d:] == sub_group[:-d]
            if not same.any():
                break
            out.append(np.stack((sub_ids[:-d][same], sub_ids[d:][same]), axis=1))
    big = np.flatnonzero(sizes > max_bucket)
    for b in big.tolist():
        members = star(starts[b], sizes[b])
        out.append(np.stack((np.full(len(members) - 1, members[0]), members[1:]), axis=1))
    if not out:
        return np.zeros((0, 2), dtype=np.int64), len(big)
    pairs = np.concatenate(out)
    return np.sort(pairs, axis=1), len(big)


def unique_pairs(chunks: Iterable[np.ndarray]) -> np.ndarray:
    import numpy as np

    chunks = [c for c in chunks if len(c)]
    if not chunks:
        return np.zeros((0, 2), dtype=np.int64)
    pairs = np.concatenate(chunks)
    pairs = pairs[pairs[:, 0] != pairs[:, 1]]
    width = int(pairs.max()) + 1 if len(pairs) else 0
    if not 0 < width < 2**31:
        return np.unique(pairs, axis=0)
    codes = np.sort(pairs[:, 0] * width + pairs[:, 1])  # one int a pair: far faster than axis=0
    # distinct by hand: np.unique without options imports numpy.ma (8-13 ms) to ask if it is masked
    codes = codes[np.concatenate(([True], codes[1:] != codes[:-1]))]
    return np.stack((codes // width, codes % width), axis=1)


def candidate_pairs(keys: np.ndarray, max_bucket: int) -> tuple[np.ndarray, int]:
    """Row-index pairs that share at least one band key; keys is (n, bands) of band_keys().

    All bands in one sort: band_keys() hashes each band's number into its keys, so equal keys
    are one band's, and each key's low bits make room for its row number, so that a plain sort
    (several times quicker than argsort) groups the rows of a bucket, in order. Two keys that
    differ only in those bits (one chance in 2**(64 - bits)) make one bucket: a candidate pair
    more, which verification drops."""
    import numpy as np

    n = len(keys)
    if n < 2:
        return np.zeros((0, 2), dtype=np.int64), 0
    bits = np.uint64((n - 1).bit_length())
    low = (np.uint64(1) << bits) - np.uint64(1)
    flat = keys & ~low
    flat |= np.arange(n, dtype=np.uint64)[:, None]
    flat = flat.ravel()
    flat.sort()
    bucket = flat >> bits
    same = bucket[1:] == bucket[:-1]  # an entry and the next share a bucket
    shared = np.flatnonzero(np.concatenate(([False], same)) | np.concatenate((same, [False])))
    bucket = bucket[shared]  # the entries of buckets of two or more: a few in a thousand
    sid = (flat[shared] & low).astype(np.int64)

    def star(start: int, size: int) -> np.ndarray:  # rows ascend within a bucket: the first is the centre
        return sid[start : start + size]

    pairs, capped = _bucket_pairs(bucket, sid, max_bucket, star)
    return unique_pairs([pairs]), capped


def verify(
    left: list[str], right: list[str], threshold: float, scorer: str = "ratio", workers: int = 1
) -> np.ndarray:
    """Scores of left[i] against right[i] (already normalised texts); 0 where below threshold."""
    import numpy as np
    from rapidfuzz import fuzz, process

    if not left:
        return np.zeros(0, dtype=np.float32)
    fn = fuzz.token_sort_ratio if scorer == "token_sort_ratio" else fuzz.ratio
    return process.cpdist(left, right, scorer=fn, score_cutoff=threshold, workers=workers, dtype=np.float32)
