"""A persistent archive of paragraph fingerprints in SQLite: build, update, query, self-join.

Tables:
  meta(key, value)          format, version, fingerprint params (JSON), roots, bucket_bits
  files(id, path, mtime_ns, size, sha1)
  paragraphs(id, file, hash, banded, line, col, end_line, end_col, text)
      text is the normalised paragraph; `banded` marks the one paragraph per distinct text whose
      band keys are stored (exact copies are found through `hash`)
  bands(band, bucket, segment, keys, ids)
      LSH band keys split into 2**bucket_bits buckets by their top bits; a row holds one bucket
      of one band as two arrays sorted by key: keys (low 32 bits, uint32) and paragraph ids
      (uint32). `index update` appends a segment; segments are merged when there are too many.

A query reads only the bucket rows its own keys fall in, so one article is checked against a
million-paragraph archive in a few dozen small reads.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import sqlite3
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import quote

from newslint.dupes.fingerprint import (
    Params,
    StopList,
    algorithm_version,
    canonical_fingerprint,
    extract,
    fingerprint,
)
from newslint.errors import InputError

if TYPE_CHECKING:
    import numpy as np

DEFAULT_INDEX = os.path.join(".newslint", "index.sqlite")
FORMAT = "newslint-index"
VERSION = 1
MAX_SEGMENTS = 8
PARTITION_FILES = 200  # files per worker task
_SQL_VARS = 900

SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE files(id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE, mtime_ns INTEGER, size INTEGER,
                   sha1 TEXT);
CREATE TABLE paragraphs(id INTEGER PRIMARY KEY, file INTEGER NOT NULL, hash INTEGER NOT NULL,
                        banded INTEGER NOT NULL, line INTEGER, col INTEGER, end_line INTEGER,
                        end_col INTEGER, text TEXT NOT NULL);
CREATE TABLE bands(band INTEGER, bucket INTEGER, segment INTEGER, keys BLOB, ids BLOB,
                   PRIMARY KEY(band, bucket, segment)) WITHOUT ROWID;
"""
INDEXES = """
CREATE INDEX IF NOT EXISTS paragraphs_hash ON paragraphs(hash);
CREATE INDEX IF NOT EXISTS paragraphs_file ON paragraphs(file);
"""


@dataclass(frozen=True)
class Match:
    """A paragraph of the archive that matches a query paragraph."""

    query: int  # index into the query list
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    score: float


@dataclass
class Stats:
    files: int = 0
    unchanged: int = 0
    removed: int = 0
    paragraphs: int = 0
    banded: int = 0
    capped: int = 0
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0


# --- opening --------------------------------------------------------------------------------------


def _not_index(path: str, why: str) -> InputError:
    return InputError(f"{path}: not a newslint index ({why})")


class Index:
    """An open index file. Use `Index.open(path)`; every SQLite problem becomes an InputError."""

    def __init__(self, path: str, con: sqlite3.Connection, meta: dict[str, str]) -> None:
        self.path, self.con, self.meta = path, con, meta
        self.params = Params(
            **{k: tuple(v) if isinstance(v, list) else v for k, v in json.loads(meta["params"]).items()}
        )
        self.bucket_bits = int(meta["bucket_bits"])
        self.roots: list[str] = json.loads(meta.get("roots", "[]"))

    @classmethod
    def open(cls, path: str, write: bool = False) -> Index:
        if not os.path.exists(path):
            raise _not_index(path, "no such file; create it with `newslint index build PATHS`")
        if os.path.isdir(path):
            raise _not_index(path, "it is a directory")
        uri = f"file:{quote(os.path.abspath(path))}?mode={'rw' if write else 'ro'}"
        try:
            con = sqlite3.connect(uri, uri=True)
            tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if not {"meta", "files", "paragraphs", "bands"} <= tables:
                raise _not_index(path, "no newslint tables")
            meta = dict(con.execute("SELECT key, value FROM meta").fetchall())
        except sqlite3.DatabaseError as exc:
            raise _not_index(path, str(exc)) from None
        if meta.get("format") != FORMAT:
            raise _not_index(path, "no newslint metadata")
        if meta.get("version") != str(VERSION) or meta.get("algorithm") != algorithm_version():
            raise _not_index(
                path,
                f"written by another version: format {meta.get('version')}, {meta.get('algorithm')}; "
                "rebuild it with `newslint index build`",
            )
        try:
            return cls(path, con, meta)
        except (KeyError, ValueError, TypeError) as exc:
            raise _not_index(path, f"bad metadata: {exc}") from None

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Index:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _sql(self, sql: str, args: Iterable = ()) -> sqlite3.Cursor:
        try:
            return self.con.execute(sql, tuple(args))
        except sqlite3.DatabaseError as exc:
            raise _not_index(self.path, str(exc)) from None

    def count(self, table: str) -> int:
        return self._sql(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608 - fixed names

    # --- query ------------------------------------------------------------------------------------

    def query(
        self,
        norms: list[str],
        exclude_paths: list[str | None] | None = None,
        threshold: float = 90.0,
        scorer: str = "ratio",
        max_bucket: int = 100,
        keys: np.ndarray | None = None,
    ) -> list[Match]:
        """Archive paragraphs matching each normalised text (exactly, or >= threshold after LSH).

        exclude_paths[i] is the absolute path of the file query i comes from: the archive's copy
        of that same file is not a match.
        """
        from newslint.dupes.fingerprint import text_hash
        from newslint.dupes.lsh import verify

        if not norms:
            return []
        if keys is None:
            keys = fingerprint(norms, self.params)
        hashes = [text_hash(n) for n in norms]
        candidates = self._band_candidates(keys, max_bucket)  # query -> set of banded ids
        banded = self._rows_by_id({i for ids in candidates.values() for i in ids}, "hash, text")
        left, right, pairs = [], [], []
        for q, ids in candidates.items():
            for i in ids:
                row = banded.get(i)
                if row is not None and row[0] != hashes[q]:
                    left.append(norms[q])
                    right.append(row[1])
                    pairs.append((q, row[0]))
        scores = verify(left, right, threshold, scorer)
        wanted: dict[int, list[tuple[int, float]]] = defaultdict(list)  # hash -> [(query, score)]
        for q, h in enumerate(hashes):
            wanted[h].append((q, 100.0))
        for (q, h), s in zip(pairs, scores.tolist(), strict=True):
            if s >= threshold:
                wanted[h].append((q, s))
        out = []
        sql = (
            "SELECT p.hash, f.path, p.line, p.col, p.end_line, p.end_col FROM paragraphs p "
            "JOIN files f ON f.id = p.file WHERE p.hash IN ({})"
        )
        for chunk in _chunks(list(wanted), _SQL_VARS):
            for h, path, line, col, end_line, end_col in self._sql(
                sql.format(",".join("?" * len(chunk))), chunk
            ):
                for q, s in wanted[h]:
                    if exclude_paths is None or exclude_paths[q] != path:
                        out.append(Match(q, path, line, col, end_line, end_col, s))
        return out

    def _band_candidates(self, keys: np.ndarray, max_bucket: int) -> dict[int, set[int]]:
        import numpy as np

        shift = np.uint64(64 - self.bucket_bits)
        out: dict[int, set[int]] = defaultdict(set)
        for b in range(keys.shape[1]):
            kb = keys[:, b]
            buckets = (kb >> shift).astype(np.int64) if self.bucket_bits else np.zeros(len(kb), np.int64)
            lows = (kb & np.uint64(0xFFFFFFFF)).astype(np.uint32)
            by_bucket: dict[int, list[int]] = defaultdict(list)
            for q, bucket in enumerate(buckets.tolist()):
                by_bucket[bucket].append(q)
            for chunk in _chunks(list(by_bucket), _SQL_VARS):
                marks = ",".join("?" * len(chunk))
                sql = f"SELECT bucket, keys, ids FROM bands WHERE band = ? AND bucket IN ({marks})"
                rows = self._sql(sql, [b, *chunk])
                for bucket, kblob, iblob in rows:
                    row_keys = np.frombuffer(kblob, dtype=np.uint32)
                    row_ids = np.frombuffer(iblob, dtype=np.uint32)
                    for q in by_bucket[bucket]:
                        lo = int(np.searchsorted(row_keys, lows[q], "left"))
                        hi = int(np.searchsorted(row_keys, lows[q], "right"))
                        if hi - lo > max_bucket:
                            hi = lo + 1  # over-full bucket: its first paragraph only
                        out[q].update(row_ids[lo:hi].tolist())
        return out

    def _rows_by_id(self, ids: set[int], columns: str) -> dict[int, tuple]:
        out = {}
        for chunk in _chunks(sorted(ids), _SQL_VARS):
            sql = f"SELECT id, {columns} FROM paragraphs WHERE id IN ({','.join('?' * len(chunk))})"
            for row in self._sql(sql, chunk):
                out[row[0]] = row[1:]
        return out

    # --- self-join --------------------------------------------------------------------------------

    def self_join(
        self, threshold: float = 90.0, scorer: str = "ratio", max_bucket: int = 100, workers: int = -1
    ) -> SelfJoin:
        """Every verified near-duplicate pair among the archive's distinct paragraphs."""
        import numpy as np

        from newslint.dupes.lsh import band_pairs, unique_pairs, verify

        ids_hashes = np.array(
            self._sql("SELECT id, hash FROM paragraphs").fetchall(), dtype=np.int64
        ).reshape(-1, 2)
        texts: dict[int, str] = dict(self._sql("SELECT id, text FROM paragraphs WHERE banded = 1").fetchall())
        top = int(ids_hashes[:, 0].max()) + 1 if len(ids_hashes) else 1
        live = np.zeros(top, dtype=bool)
        live[np.fromiter(texts, dtype=np.int64, count=len(texts))] = True
        chunks, capped = [], 0
        for b in range(self.params.bands):
            keys, ids = self._band(b)
            keep = live[np.minimum(ids, top - 1)] & (ids < top)
            pairs, n = band_pairs(keys[keep], ids[keep], max_bucket)
            chunks.append(pairs)
            capped += n
        pairs = unique_pairs(chunks)
        scores = verify(
            [texts[a] for a in pairs[:, 0].tolist()],
            [texts[b] for b in pairs[:, 1].tolist()],
            threshold,
            scorer,
            workers,
        )
        ok = scores >= threshold
        rep = np.arange(top, dtype=np.int64)
        if len(ids_hashes):
            order = np.lexsort((ids_hashes[:, 0], ids_hashes[:, 1]))
            h = ids_hashes[order, 1]
            first = np.concatenate(([True], h[1:] != h[:-1]))
            group_first = ids_hashes[order, 0][np.maximum.accumulate(np.where(first, np.arange(len(h)), 0))]
            rep[ids_hashes[order, 0]] = group_first
        return SelfJoin(pairs[ok], scores[ok], rep, len(pairs), capped)

    def _band(self, b: int) -> tuple[np.ndarray, np.ndarray]:
        """All (bucket<<32 | low) keys and ids of one band, over every segment."""
        import numpy as np

        keys, ids = [], []
        for bucket, kblob, iblob in self._sql("SELECT bucket, keys, ids FROM bands WHERE band = ?", [b]):
            low = np.frombuffer(kblob, dtype=np.uint32).astype(np.uint64)
            keys.append(low | (np.uint64(bucket) << np.uint64(32)))
            ids.append(np.frombuffer(iblob, dtype=np.uint32).astype(np.int64))
        if not keys:
            return np.zeros(0, np.uint64), np.zeros(0, np.int64)
        return np.concatenate(keys), np.concatenate(ids)


@dataclass
class SelfJoin:
    pairs: np.ndarray  # (k, 2) paragraph ids of distinct texts, verified
    scores: np.ndarray
    rep: np.ndarray  # paragraph id -> id of the first paragraph with the same text
    candidates: int
    capped: int


def _chunks(items: list, n: int) -> Iterator[list]:
    for i in range(0, len(items), n):
        yield items[i : i + n]


# --- scanning files (per partition: runs in worker processes) -----------------------------------


@dataclass
class Scanned:
    files: list[tuple[str, int, int, str]]  # abs path, mtime_ns, size, sha1
    paras: list[tuple[int, int, int, int, int, int, str]]  # file (index in files), hash, line, col, ...
    keys: np.ndarray
    errors: list[str]


def scan_partition(paths: list[str], params: Params) -> Scanned:
    """Read, parse and fingerprint a partition of files (the per-partition step of a build)."""
    from newslint.api import decode, name_error
    from newslint.readers import read_document

    stop = StopList(params.stop_phrases)
    files, paras, norms, errors = [], [], [], []
    for path in paths:
        error = name_error(path)
        if error:
            errors.append(error)
            continue
        try:
            st = os.stat(path)
            with open(path, "rb") as fh:
                data = fh.read()
        except OSError as exc:
            errors.append(f"{path}: cannot read: {exc.strerror}")
            continue
        fi = len(files)
        files.append((os.path.abspath(path), st.st_mtime_ns, st.st_size, hashlib.sha1(data).hexdigest()))
        try:
            source = decode(data, path)
        except InputError as exc:
            errors.append(str(exc))
            continue
        doc = read_document(source)
        loc = source.index.location
        for p in extract(doc, params, stop):
            line, col = loc(p.start)
            end_line, end_col = loc(p.end)
            paras.append((fi, p.hash, line, col, end_line, end_col, p.norm))
            norms.append(p.norm)
    counts = [n.count(" ") + 1 if n else 0 for n in norms]  # extract() joins words by single spaces
    return Scanned(files, paras, canonical_fingerprint(norms, counts, params), errors)


def _scan_task(args: tuple[list[str], Params]) -> Scanned:
    return scan_partition(*args)


def _scan(
    paths: list[str], params: Params, jobs: int | None, progress: Callable[[int], None] | None
) -> Iterator[Scanned]:
    parts = list(_chunks(paths, PARTITION_FILES))
    jobs = jobs or os.cpu_count() or 1
    done = 0
    if jobs > 1 and len(parts) > 1:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        ctx = multiprocessing.get_context("spawn")  # forking after rapidfuzz threads can deadlock
        with ProcessPoolExecutor(jobs, mp_context=ctx) as pool:
            for part, scanned in zip(parts, pool.map(_scan_task, [(p, params) for p in parts]), strict=True):
                done += len(part)
                if progress:
                    progress(done)
                yield scanned
        return
    for part in parts:
        scanned = scan_partition(part, params)
        done += len(part)
        if progress:
            progress(done)
        yield scanned


# --- build and update -----------------------------------------------------------------------------


def _progress(total: int, label: str) -> tuple[Callable[[int], None] | None, Callable[[], None]]:
    if not sys.stderr.isatty() or total < 50:
        return None, lambda: None
    from newslint.progress import Progress

    bar = Progress(total, label)
    return (lambda done: bar(done, total)), bar.done


def build(
    paths: list[str], index_path: str = DEFAULT_INDEX, params: Params | None = None, jobs: int | None = None
) -> Stats:
    """Index every article file under paths into a new index file (replacing any old one)."""
    from newslint.api import collect_paths

    started = time.monotonic()
    params = params or Params()
    for path in paths:
        if not os.path.exists(path):
            raise InputError(f"{path}: no such file or directory")
    files = collect_paths(paths)
    folder = os.path.dirname(os.path.abspath(index_path))
    os.makedirs(folder, exist_ok=True)
    tmp = f"{index_path}.tmp{os.getpid()}"
    if os.path.exists(tmp):
        os.remove(tmp)
    con = sqlite3.connect(tmp)
    try:
        stats = _build_into(con, files, paths, params, jobs)
    except BaseException:
        con.close()
        os.remove(tmp)
        raise
    con.close()
    os.replace(tmp, index_path)
    stats.seconds = time.monotonic() - started
    return stats


def _build_into(
    con: sqlite3.Connection, files: list[str], paths: list[str], params: Params, jobs: int | None
) -> Stats:
    """Fill a fresh index database: tables, files, paragraphs, then the band rows."""
    con.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;" + SCHEMA)
    meta = {
        "format": FORMAT,
        "version": str(VERSION),
        "algorithm": algorithm_version(),
        "params": json.dumps(params.to_json()),
        "roots": json.dumps(sorted({os.path.abspath(p) for p in paths})),
        "bucket_bits": "0",
    }
    con.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
    stats = Stats()
    writer = _Writer(con, next_file=1, next_para=1, seen=set())
    tick, finish = _progress(len(files), "indexing")
    try:
        for scanned in _scan(files, params, jobs, tick):
            writer.add(scanned, stats)
    finally:
        finish()
    keys, ids = writer.band_arrays()
    bits = bucket_bits(len(ids))
    con.execute("UPDATE meta SET value = ? WHERE key = 'bucket_bits'", (str(bits),))
    _write_bands(con, keys, ids, bits, segment=0)
    con.executescript(INDEXES)
    con.commit()
    return stats


def bucket_bits(n: int) -> int:
    """Buckets of ~256 entries per band: small rows for a query to read, few rows to write."""
    return max(0, min(20, math.ceil(math.log2(max(n, 1) / 256)))) if n > 256 else 0


class _Writer:
    """Appends scanned partitions to the tables; keeps the band keys of new distinct texts."""

    def __init__(self, con: sqlite3.Connection, next_file: int, next_para: int, seen: set[int]) -> None:
        self.con, self.next_file, self.next_para, self.seen = con, next_file, next_para, seen
        self.keys: list[np.ndarray] = []
        self.ids: list[np.ndarray] = []

    def add(self, scanned: Scanned, stats: Stats) -> None:
        import numpy as np

        file_ids = list(range(self.next_file, self.next_file + len(scanned.files)))
        self.next_file += len(scanned.files)
        self.con.executemany(
            "INSERT INTO files(id, path, mtime_ns, size, sha1) VALUES (?, ?, ?, ?, ?)",
            [(fid, *f) for fid, f in zip(file_ids, scanned.files, strict=True)],
        )
        rows, take = [], []
        for k, (fi, h, line, col, end_line, end_col, norm) in enumerate(scanned.paras):
            banded = h not in self.seen
            if banded:
                self.seen.add(h)
                take.append(k)
            rows.append(
                (self.next_para + k, file_ids[fi], h, int(banded), line, col, end_line, end_col, norm)
            )
        self.con.executemany("INSERT INTO paragraphs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        if take:
            self.keys.append(scanned.keys[take])
            self.ids.append(np.asarray(take, dtype=np.int64) + self.next_para)
        self.next_para += len(rows)
        stats.files += len(scanned.files)
        stats.paragraphs += len(rows)
        stats.banded += len(take)
        stats.errors.extend(scanned.errors)

    def band_arrays(self) -> tuple[np.ndarray, np.ndarray]:
        import numpy as np

        if not self.ids:
            return np.zeros((0, 1), np.uint64), np.zeros(0, np.int64)
        return np.concatenate(self.keys), np.concatenate(self.ids)


def _write_bands(con: sqlite3.Connection, keys: np.ndarray, ids: np.ndarray, bits: int, segment: int) -> None:
    import numpy as np

    if not len(ids):
        return
    ids32 = ids.astype(np.uint32)
    for b in range(keys.shape[1]):
        kb = keys[:, b]
        bucket = (kb >> np.uint64(64 - bits)) if bits else np.zeros(len(kb), np.uint64)
        low = kb & np.uint64(0xFFFFFFFF)
        order = np.argsort((bucket << np.uint64(32)) | low, kind="stable")
        bucket, low, bid = bucket[order], low[order].astype(np.uint32), ids32[order]
        cuts = np.flatnonzero(np.concatenate(([True], bucket[1:] != bucket[:-1], [True])))
        con.executemany(
            "INSERT INTO bands VALUES (?, ?, ?, ?, ?)",
            (
                (b, int(bucket[s]), segment, low[s:e].tobytes(), bid[s:e].tobytes())
                for s, e in zip(cuts[:-1].tolist(), cuts[1:].tolist(), strict=True)
            ),
        )


def update(index_path: str = DEFAULT_INDEX, paths: list[str] | None = None, jobs: int | None = None) -> Stats:
    """Add new and changed files (by mtime and size, then SHA-1), drop deleted ones."""
    from newslint.api import collect_paths

    started = time.monotonic()
    index = Index.open(index_path, write=True)
    con, params = index.con, index.params
    stats = Stats()
    try:
        roots = sorted(set(index.roots) | {os.path.abspath(p) for p in paths or []})
        scan_roots = [os.path.abspath(p) for p in paths] if paths else roots
        known = {
            path: (fid, mtime, size, sha1)
            for fid, path, mtime, size, sha1 in index._sql("SELECT id, path, mtime_ns, size, sha1 FROM files")
        }
        present = [os.path.abspath(p) for p in collect_paths([r for r in scan_roots if os.path.exists(r)])]
        present_set = set(present)
        todo, gone = [], []
        for path in present:
            old = known.get(path)
            if old is None:
                todo.append(path)
                continue
            st = os.stat(path)
            if (st.st_mtime_ns, st.st_size) == (old[1], old[2]):
                stats.unchanged += 1
                continue
            with open(path, "rb") as fh:
                if hashlib.sha1(fh.read()).hexdigest() == old[3]:
                    con.execute(
                        "UPDATE files SET mtime_ns = ?, size = ? WHERE id = ?",
                        (st.st_mtime_ns, st.st_size, old[0]),
                    )
                    stats.unchanged += 1
                    continue
            todo.append(path)
            gone.append(old[0])
        for path, old in known.items():
            if path not in present_set and any(_under(path, r) for r in scan_roots):
                gone.append(old[0])
                stats.removed += 1
        lost = _remove_files(con, gone)
        next_file = (con.execute("SELECT max(id) FROM files").fetchone()[0] or 0) + 1
        next_para = (con.execute("SELECT max(id) FROM paragraphs").fetchone()[0] or 0) + 1
        seen = {h for (h,) in con.execute("SELECT DISTINCT hash FROM paragraphs WHERE banded = 1")}
        writer = _Writer(con, next_file, next_para, seen)
        tick, finish = _progress(len(todo), "indexing")
        try:
            for scanned in _scan(todo, params, jobs, tick):
                writer.add(scanned, stats)
        finally:
            finish()
        _reband_orphans(con, params, lost, writer)
        keys, ids = writer.band_arrays()
        segment = (con.execute("SELECT max(segment) FROM bands").fetchone()[0] or 0) + 1
        _write_bands(con, keys, ids, index.bucket_bits, segment)
        con.execute("UPDATE meta SET value = ? WHERE key = 'roots'", (json.dumps(roots),))
        if con.execute("SELECT count(DISTINCT segment) FROM bands").fetchone()[0] > MAX_SEGMENTS:
            _compact(con)
        con.commit()
    except sqlite3.DatabaseError as exc:
        raise _not_index(index_path, str(exc)) from None
    finally:
        index.close()
    stats.seconds = time.monotonic() - started
    return stats


def _under(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def _remove_files(con: sqlite3.Connection, file_ids: list[int]) -> set[int]:
    """Delete files and their paragraphs; the hashes whose banded paragraph went with them."""
    lost: set[int] = set()
    for chunk in _chunks(file_ids, _SQL_VARS):
        marks = ",".join("?" * len(chunk))
        lost.update(
            h
            for (h,) in con.execute(
                f"SELECT hash FROM paragraphs WHERE banded = 1 AND file IN ({marks})", chunk
            )
        )
        con.execute(f"DELETE FROM paragraphs WHERE file IN ({marks})", chunk)
        con.execute(f"DELETE FROM files WHERE id IN ({marks})", chunk)
    return lost


def _reband_orphans(con: sqlite3.Connection, params: Params, lost: set[int], writer: _Writer) -> None:
    """A text whose banded paragraph was deleted but which has other copies: band one of them."""
    import numpy as np

    orphans: dict[int, tuple[int, str]] = {}
    for chunk in _chunks(sorted(lost - writer.seen), _SQL_VARS):
        marks = ",".join("?" * len(chunk))
        sql = f"SELECT min(id), hash, text FROM paragraphs WHERE hash IN ({marks}) GROUP BY hash"
        for pid, h, text in con.execute(sql, chunk):
            orphans[h] = (pid, text)
    if not orphans:
        return
    items = list(orphans.values())
    con.executemany("UPDATE paragraphs SET banded = 1 WHERE id = ?", [(pid,) for pid, _ in items])
    writer.keys.append(fingerprint([t for _, t in items], params))
    writer.ids.append(np.array([pid for pid, _ in items], dtype=np.int64))
    writer.seen.update(orphans)


def _compact(con: sqlite3.Connection) -> None:
    """Merge all segments into one, dropping entries of deleted or no longer banded paragraphs."""
    import numpy as np

    live = {pid for (pid,) in con.execute("SELECT id FROM paragraphs WHERE banded = 1")}
    live_ids = np.fromiter(live, dtype=np.int64, count=len(live))
    merged = []
    for band, bucket in con.execute("SELECT DISTINCT band, bucket FROM bands").fetchall():
        keys, ids = [], []
        for kblob, iblob in con.execute(
            "SELECT keys, ids FROM bands WHERE band = ? AND bucket = ?", (band, bucket)
        ):
            keys.append(np.frombuffer(kblob, dtype=np.uint32))
            ids.append(np.frombuffer(iblob, dtype=np.uint32))
        k, i = np.concatenate(keys), np.concatenate(ids)
        keep = np.isin(i.astype(np.int64), live_ids)
        k, i = k[keep], i[keep]
        order = np.lexsort((i, k))
        if len(order):
            merged.append((band, bucket, 0, k[order].tobytes(), i[order].tobytes()))
    con.execute("DELETE FROM bands")
    con.executemany("INSERT INTO bands VALUES (?, ?, ?, ?, ?)", merged)
