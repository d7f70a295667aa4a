"""The library API under the CLI: read files, lint them (in parallel), return results in order."""

from __future__ import annotations

import contextlib
import fnmatch
import gc
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from newslint.config import Config
from newslint.document import Document
from newslint.engine import Linter, select_rules
from newslint.errors import InputError
from newslint.finding import Finding
from newslint.readers import ARTICLE_EXTENSIONS, read_document
from newslint.source import Source

MAX_BYTES = 10 * 1024 * 1024
STDIN = "-"
PARALLEL_MIN_FILES = 48  # below this a process pool costs more than it saves
CHUNK_FILES = 32  # files a worker lints (and fingerprints) together


@dataclass
class FileResult:
    path: str
    source: Source | None
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None  # an input problem: the file was not checked
    article: Any = None  # what a run-level rule collected from the document (see runner)


def decode(data: bytes, path: str) -> Source:
    """Bytes -> Source; refuses what is not UTF-8 text, with a one-line reason naming the file."""
    if not data or data.isspace():
        raise InputError(f"{path}: file is empty")
    if len(data) > MAX_BYTES:
        raise InputError(f"{path}: file is too large ({len(data) // 1024 // 1024} MiB; the limit is 10 MiB)")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"{path}: UTF-16 is not supported; convert the file to UTF-8")
    if data.find(b"\x00", 0, 8192) >= 0:
        raise InputError(f"{path}: binary file (contains NUL bytes)")
    bom = data.startswith(b"\xef\xbb\xbf")
    try:
        text = data[3 if bom else 0 :].decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not valid UTF-8 (byte {exc.start}); convert the file to UTF-8") from None
    return Source(path, text, "utf-8", bom)


def printable(path: str) -> str:
    """A path as text any output can hold: bytes of a name that is not UTF-8 (which the OS hands
    over as lone surrogates) are escaped, as in a\\xff.txt."""
    try:
        raw = path.encode("utf-8", "surrogateescape")  # the name's bytes, as the OS gave them
    except UnicodeEncodeError:  # a surrogate that stands for no byte: a caller's string
        raw = path.encode("utf-8", "backslashreplace")
    return raw.decode("utf-8", "backslashreplace")


def name_error(path: str) -> str | None:
    """Why a file cannot be checked by its name: no report, baseline or index can hold a name
    that is not UTF-8."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return f"{printable(path)}: file name is not valid UTF-8; rename the file"
    return None


def read_source(path: str) -> Source:
    try:
        data = sys.stdin.buffer.read() if path == STDIN else _read_bytes(path)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}") from None
    return decode(data, path)


def _read_bytes(path: str) -> bytes:
    """The file's bytes, up to one past MAX_BYTES (decode() refuses more). Plain os calls: a
    buffered file object costs more than the read itself for a news article."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        # read(n) allocates n bytes first: ask for the size when the file says it
        size = os.fstat(fd).st_size
        limit = MAX_BYTES + 1
        chunks = [os.read(fd, size + 1 if 0 < size <= MAX_BYTES else limit)]
        got = len(chunks[0])
        while chunks[-1] and got < limit:  # short reads, a file that grew, a pipe: on to EOF
            chunks.append(os.read(fd, limit - got))
            got += len(chunks[-1])
    finally:
        os.close(fd)
    return chunks[0] if len(chunks) <= 2 and not chunks[-1] else b"".join(chunks)


def collect_paths(paths: Iterable[str], exclude: Iterable[str] = ()) -> list[str]:
    """Files named on the command line, and article files found under named directories."""
    exclude = list(exclude)
    out: list[str] = []
    for path in paths:
        if path != STDIN and os.path.isdir(path):
            out += (full for full in _article_files(path) if not _excluded(full, exclude))
        elif not _excluded(path, exclude):
            out.append(path)
    return list(dict.fromkeys(out))


_SKIPPED_FOLDERS = ("node_modules", "__pycache__")


def _article_files(folder: str) -> Iterator[str]:
    """The article files under a folder, as os.walk lists them (a folder's files, sorted, then each
    sub-folder's; hidden and tool folders and links to folders left out), but only regular files
    (or links to them): a named pipe among them would block the run."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return
    folders = []
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            if not entry.name.startswith(".") and entry.name not in _SKIPPED_FOLDERS:
                folders.append(entry.path)
        elif entry.name.lower().endswith(ARTICLE_EXTENSIONS) and entry.is_file():
            yield entry.path
    for sub in folders:
        yield from _article_files(sub)


def _excluded(path: str, patterns: list[str]) -> bool:
    if not patterns:
        return False
    rel = os.path.relpath(path) if path != STDIN else path
    return any(fnmatch.fnmatch(rel, p) or fnmatch.fnmatch(os.path.basename(rel), p) for p in patterns)


# --- linting --------------------------------------------------------------------------------------

_worker: tuple[Linter, Callable[[Document], Any] | None] | None = None


def _init_worker(linter: Linter, collect: Callable[[Document], Any] | None) -> None:
    global _worker
    _worker = (linter, collect)


def _init_pool_worker(linter: Linter, collect: Callable[[Document], Any] | None) -> None:
    gc.set_threshold(20_000, 10, 10)  # a run's documents make no reference cycles: rarely
    gc.enable()  # whatever the parent process does
    _init_worker(linter, collect)


@contextlib.contextmanager
def no_cycle_collection() -> Iterator[None]:
    """The cycle collector off for a stretch that makes many objects and no reference cycles
    (results unpickled from the workers, findings and report rows): it would scan them all again
    and again for nothing (15-20 ms of a fnc1 run)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _lint_one(path: str, source: Source | None = None) -> FileResult:
    return _lint_chunk([path], source)[0]


def _lint_chunk(paths: list[str], source: Source | None = None) -> list[FileResult]:
    """Lint a partition of files, and collect what `collect` needs of them."""
    linter, collect = _worker  # type: ignore[misc]
    # a collector with `prepare` and `finish` takes what it needs of each document (which then goes
    # at once: freed while its objects are still in the cache, it costs half as much) and
    # collects the partition in one batch
    prepare = getattr(collect, "prepare", None) or collect
    results, prepared = [], []
    for path in paths:
        try:
            src = source or read_source(path)
        except InputError as exc:
            results.append(FileResult(path, None, error=str(exc)))
            continue
        doc = read_document(src)
        results.append(FileResult(path, src, linter.lint(doc)))
        if collect:
            prepared.append(prepare(doc))
        del doc
    if prepared:
        finish = getattr(collect, "finish", None)
        articles = iter(finish(prepared) if finish else prepared)
        for r in results:
            if r.source is not None:
                r.article = next(articles)
    return results


def lint_text(text: str, path: str = "<text>", config: Config | None = None) -> list[Finding]:
    """Lint one article given as text (the format is taken from the path's extension), with its
    suppression comments applied, as `newslint check` would for a single file."""
    from newslint.engine import RUN_LEVEL_KINDS, available_rules
    from newslint.suppressions import RULE_ID, Suppressor

    config = config or Config()
    rules = select_rules(config)
    linter = Linter([r for r in rules if r.kind not in RUN_LEVEL_KINDS])
    source = Source(path, text)
    unused_rule = next((r for r in rules if r.id == RULE_ID), None)
    suppress = Suppressor(
        frozenset(available_rules(config)), frozenset(r.id for r in linter.rules), unused_rule, True
    )
    return suppress(source, linter.lint(read_document(source)))


def lint_paths(
    paths: list[str],
    linter: Linter,
    collect: Callable[[Document], Any] | None = None,
    jobs: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[FileResult]:
    """Lint files in order; many files are spread over all cores, results keep their order.
    `collect`, when given, turns each document into the small record a run-level rule needs, in
    the worker, so that documents never travel between processes. Files go in partitions of up
    to CHUNK_FILES; a collector with `prepare` and `finish` methods collects a partition in one
    batch: `prepare` takes what it needs of each document, `finish` the list of those."""
    _init_worker(linter, collect)
    stdin_source = None
    if STDIN in paths:
        try:
            stdin_source = read_source(STDIN)
        except InputError as exc:
            stdin_source = exc
    jobs = jobs or os.cpu_count() or 1
    files = [p for p in paths if p != STDIN]
    parallel = jobs > 1 and len(paths) >= PARALLEL_MIN_FILES
    chunks = (
        _partitions(files, jobs)
        if parallel
        else [files[i : i + CHUNK_FILES] for i in range(0, len(files), CHUNK_FILES)]
    )
    by_path: dict[str, FileResult] = {}
    done = 0

    def add(chunk: list[FileResult]) -> None:
        nonlocal done
        for result in chunk:
            by_path[result.path] = result
        done += len(chunk)
        if progress:
            progress(done, len(paths))

    if stdin_source is not None:
        add([_stdin_result(stdin_source)])
    if parallel:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        ctx = multiprocessing.get_context("fork") if hasattr(os, "fork") else None
        # what this process made so far (rules, compiled patterns, numpy) out of the workers'
        # collections: they would scan it all at their first, and copy the pages they touch
        frozen = gc.get_freeze_count()
        gc.freeze()
        try:
            with ProcessPoolExecutor(
                jobs, mp_context=ctx, initializer=_init_pool_worker, initargs=(linter, collect)
            ) as pool:
                _widen_result_pipe(pool)
                results = pool.map(_lint_chunk, chunks)
                with no_cycle_collection():  # this process only unpickles results: no cycles
                    for chunk in results:
                        add(chunk)
        finally:
            if not frozen:  # unfreeze() thaws all: only when the caller had frozen nothing
                gc.unfreeze()
    else:
        for paths_ in chunks:
            add(_lint_chunk(paths_))
    return [by_path[p] for p in paths]


def _partitions(files: list[str], jobs: int) -> list[list[str]]:
    """Partitions for `jobs` workers: CHUNK_FILES files each, smaller towards the end (a quarter of
    each worker's share of what is left, down to 4 files), so that the workers finish together."""
    out, i = [], 0
    while i < len(files):
        size = max(4, min(CHUNK_FILES, (len(files) - i) // (jobs * 4)))
        out.append(files[i : i + size])
        i += size
    return out


RESULT_PIPE_BYTES = 1 << 20


def _widen_result_pipe(pool: Any) -> None:
    """Let a worker write a partition's results (~200 KB) into the pipe at once. Through Linux's
    default 64 KB pipe it waits for the parent to read each piece, and the other worker waits for
    it: that was 60 ms of a worker's 1.3 s on fnc1, halved by this. The pipe is the pool's
    private result queue: where it is missing (another Python, another system) nothing changes."""
    try:
        import fcntl
    except ImportError:  # Windows
        return
    setsize = getattr(fcntl, "F_SETPIPE_SZ", None)
    reader = getattr(getattr(pool, "_result_queue", None), "_reader", None)
    if setsize is None or reader is None:
        return
    # above /proc/sys/fs/pipe-max-size for an unprivileged user: the default stays
    with contextlib.suppress(OSError):
        fcntl.fcntl(reader.fileno(), setsize, RESULT_PIPE_BYTES)


def _stdin_result(source: Source | InputError | None) -> FileResult:
    if isinstance(source, InputError):
        return FileResult(STDIN, None, error=str(source))
    return _lint_one(STDIN, source)
