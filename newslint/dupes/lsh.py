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
    k, sid = keys[order], ids[order].astype(np.int64)
    starts = np.flatnonzero(np.concatenate(([True], k[1:] != k[:-1])))
    sizes = np.diff(np.append(starts, m))
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
    for b in big:  # the star's centre is the entry that comes first in `ids`
        members = ids[np.sort(order[starts[b] : starts[b] + sizes[b]])].astype(np.int64)
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
    codes = np.unique(pairs[:, 0] * width + pairs[:, 1])  # one int a pair: far faster than axis=0
    return np.stack((codes // width, codes % width), axis=1)


def candidate_pairs(keys: np.ndarray, max_bucket: int) -> tuple[np.ndarray, int]:
    """Row-index pairs that share at least one band key; keys is (n, bands)."""
    import numpy as np

    ids = np.arange(len(keys), dtype=np.int64)
    results = [band_pairs(keys[:, b], ids, max_bucket) for b in range(keys.shape[1])]
    return unique_pairs(p for p, _ in results), sum(n for _, n in results)


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
