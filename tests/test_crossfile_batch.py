"""cross-article-duplicate computed per partition: batch fingerprints equal per-text ones, the
stop-phrase shortcut equals the full search, and serial and parallel runs give the same findings."""

import random

import numpy as np
import pytest

from newslint import api
from newslint.config import Config
from newslint.dupes.crossfile import Collector, cross_file_findings
from newslint.dupes.fingerprint import (
    Params,
    StopList,
    band_keys,
    canonical_fingerprint,
    extract,
    fingerprint,
    hash_texts,
    signatures,
)
from newslint.dupes.lsh import band_pairs, candidate_pairs, unique_pairs
from newslint.engine import Linter, select_rules
from newslint.kinds.cross_file import STOP_PHRASES
from newslint.readers import read_document
from newslint.source import Source

WORDS = (
    "harbour bridge council voted close repairs drivers coast road crews replace deck ferry hour "
    "school board budget teachers nurse strike spreads terminals port region mayor valley fire "
    "night hill town police said report minister election week market prices rose fell percent"
).split()


def sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def make_articles(n: int, seed: int = 7) -> dict[str, str]:
    """Articles sharing some paragraphs exactly, some edited, some with credit lines."""
    rng = random.Random(seed)
    pool = [sentence(rng, rng.randint(12, 40)) for _ in range(40)]
    out = {}
    for i in range(n):
        paras = []
        for _ in range(rng.randint(1, 6)):
            p = rng.choice(pool) if rng.random() < 0.5 else sentence(rng, rng.randint(5, 40))
            if rng.random() < 0.2:
                words = p.split()
                words[rng.randrange(len(words))] = rng.choice(WORDS)
                p = " ".join(words)
            if rng.random() < 0.15:
                p += " " + rng.choice(STOP_PHRASES).capitalize() + "."
            paras.append(p)
        out[f"a{i:03d}.txt"] = "\n\n".join(paras) + "\n"
    return out


def cross_rule():
    return select_rules(Config(), select=["cross-article-duplicate"])[0]


def test_stop_list_shortcut_gives_the_same_text_as_the_full_search():
    stop = StopList(tuple(STOP_PHRASES) + ("reporting", "all rights"))
    rng = random.Random(3)
    texts = [
        "",
        "copyright",
        "copyright 2020 all rights reserved",
        "reporting by jane doe editing by john roe",
        "additional reporting by reporting by",
        "all rights are not reserved here",
        "they all like us on facebook and follow us on twitter today",
    ]
    vocab = WORDS + [w for p in STOP_PHRASES for w in p.split()]
    texts += [" ".join(rng.choice(vocab) for _ in range(rng.randint(1, 30))) for _ in range(2000)]
    for text in texts:
        words = text.split()
        assert " ".join(stop.strip_words(words)) == stop.strip(text), text


def python_shingle_hash(shingle: str) -> int:
    """The shingle hash written out: a polynomial hash of the UTF-8 bytes modulo 2**64, mixed by
    splitmix64's finaliser."""
    mask, base = (1 << 64) - 1, 0x9E3779B97F4A7C15
    h = 0
    for i, byte in enumerate(shingle.encode()):
        h = (h + byte * pow(base, i, 1 << 64)) & mask
    h ^= h >> 30
    h = (h * 0xBF58476D1CE4E5B9) & mask
    h ^= h >> 27
    h = (h * 0x94D049BB133111EB) & mask
    return h ^ (h >> 31)


def python_shingles(text: str, k: int) -> list[str]:
    w = text.split()
    return [" ".join(w)] if len(w) <= k else [" ".join(w[i : i + k]) for i in range(len(w) - k + 1)]


@pytest.mark.parametrize("k", [1, 2, 3, 4])
def test_shingle_hashes_equal_the_hashes_of_the_shingles_written_out(k):
    texts = ["", "one", "one two", "one two three", "one two three four five six", ""]
    texts += ["café über straße naïve", "one two three four five six", "жёлтый дом у реки стоит", "x"]
    hashes, offsets, whole = hash_texts(texts, [len(t.split()) for t in texts], k)
    assert hashes.dtype == np.uint64 and offsets.tolist()[0] == 0 and len(offsets) == len(texts) + 1
    for i, text in enumerate(texts):
        got = hashes[offsets[i] : offsets[i + 1]].tolist()
        assert got == [python_shingle_hash(s) for s in python_shingles(text, k)], text
        assert whole[i] == python_shingle_hash(text)
    # the same shingle hashes alike wherever it stands
    assert hashes[offsets[4]] == hashes[offsets[7]] != hashes[offsets[4] + 1]


@pytest.mark.parametrize("params", [Params(), Params(shingle=2, num_perm=64, bands=16, seed=5)])
def test_batch_fingerprints_equal_per_text_fingerprints(params):
    docs = [read_document(Source(p, t)) for p, t in make_articles(40).items()]
    stop = StopList(params.stop_phrases)
    per_doc = [[p.norm for p in extract(d, params, stop)] for d in docs]
    norms = [n for ns in per_doc for n in ns]
    batch = fingerprint(norms, params)
    assert batch.dtype == np.uint64 and batch.shape == (len(norms), params.bands)
    one_by_one = np.concatenate([fingerprint([n], params) for n in norms])
    assert np.array_equal(batch, one_by_one)
    assert np.array_equal(canonical_fingerprint(norms, [len(n.split()) for n in norms], params), batch)
    assert np.array_equal(signatures(norms, params), np.concatenate([signatures([n], params) for n in norms]))
    collect = Collector(params)
    articles = collect.many(docs)
    assert [a.norms for a in articles] == per_doc
    for doc, a in zip(docs, articles, strict=True):
        single = collect(doc)
        assert single.norms == a.norms and single.places == a.places
        assert np.array_equal(single.keys, a.keys)
        assert np.array_equal(a.keys, fingerprint(a.norms, params).reshape(-1, params.bands))


def test_fingerprints_are_stable():
    """Stored in indexes: these values must not change without a new algorithm_version()."""
    norms = ["the city council voted on tuesday to close the harbour bridge for six weeks of repairs"]
    keys = fingerprint(norms, Params())
    assert keys.shape == (1, 32)
    assert keys[0, :4].tolist() == [
        9702238426774279155,
        17740242805662058437,
        7420678154239633523,
        5648512537148655690,
    ]
    again = fingerprint(norms * 3, Params())
    assert np.array_equal(again, np.repeat(keys, 3, axis=0))


def reference_fingerprint(norms: list[str], params: Params) -> np.ndarray:
    """The fingerprint written out: one text at a time, its shingles hashed in Python."""
    from rensa import RMinHash

    from newslint.dupes.fingerprint import band_keys

    rows = []
    for norm in norms:
        hashes = [python_shingle_hash(s) for s in python_shingles(norm, params.shingle)]
        rows += RMinHash.digest_matrix_from_token_hash_sets([hashes], params.num_perm, params.seed).to_rows()
    sig = np.array(rows, dtype=np.uint32).reshape(len(norms), params.num_perm)
    return band_keys(sig, params.bands)


@pytest.mark.parametrize("params", [Params(), Params(shingle=1), Params(shingle=5, num_perm=64, bands=8)])
def test_fingerprints_equal_the_reference_even_for_odd_texts(params):
    texts = ["", " ", "a", "a  b", " a b ", "one two three", "one  two three", "x\ty z w v"]
    texts += [" ".join(WORDS[i : i + n]) for i in range(0, 30, 7) for n in (2, 3, 4, 9, 30)]
    assert np.array_equal(fingerprint(texts, params), reference_fingerprint(texts, params))


def test_band_pairs_star_centre_is_the_first_id_of_an_over_full_bucket():
    rng = np.random.default_rng(1)
    keys = rng.integers(0, 40, size=3000).astype(np.uint64)
    ids = rng.permutation(10_000)[:3000]
    pairs, capped = band_pairs(keys, ids, max_bucket=60)
    expected, big = set(), 0
    for key in np.unique(keys):
        members = ids[keys == key].tolist()  # in the order of ids
        if len(members) > 60:
            big += 1
            expected |= {tuple(sorted((members[0], m))) for m in members[1:]}
        else:
            expected |= {tuple(sorted((a, b))) for i, a in enumerate(members) for b in members[i + 1 :]}
    assert capped == big > 0
    assert {tuple(p) for p in pairs.tolist()} == expected


@pytest.mark.parametrize("n", [1, 2, 3, 64, 65, 1000])
def test_candidate_pairs_in_one_sort_equal_the_bands_one_by_one(n):
    """All bands sorted at once, rows packed into the keys' low bits: the same pairs and over-full
    buckets as band_pairs band by band, stars included."""
    rng = np.random.default_rng(n)
    prototypes = rng.integers(0, 2**32, size=(12, 128), dtype=np.uint64).astype(np.uint32)
    sig = prototypes[rng.integers(0, 12, size=n)]
    noise = rng.random((n, 128)) < 0.05  # some bands of some rows differ from their prototype's
    sig[noise] = rng.integers(0, 2**32, size=int(noise.sum()), dtype=np.uint64).astype(np.uint32)
    keys = band_keys(sig, 32)
    ids = np.arange(n)
    by_band = [band_pairs(np.ascontiguousarray(keys[:, b]), ids, 6) for b in range(32)]
    pairs, capped = candidate_pairs(keys, 6)
    assert pairs.tolist() == unique_pairs(p for p, _ in by_band).tolist()
    assert capped == sum(c for _, c in by_band)
    if n >= 64:
        assert capped > 0 and len(pairs) > n


def write_articles(tmp_path, n: int) -> list[str]:
    paths = []
    for name, text in make_articles(n).items():
        path = tmp_path / name
        path.write_text(text)
        paths.append(str(path))
    (tmp_path / "a010.txt").write_bytes(b"\x00\x01binary")  # unreadable: no article, others unaffected
    (tmp_path / "a020.txt").write_text("   \n")  # empty
    return paths


def run(paths: list[str], jobs: int):
    rule = cross_rule()
    linter = Linter(select_rules(Config(), select=["duplicate-paragraph"]))
    seen = []
    results = api.lint_paths(paths, linter, Collector.for_run(rule), jobs, lambda i, n: seen.append((i, n)))
    assert seen[-1] == (len(paths), len(paths))
    assert [i for i, _ in seen] == sorted(i for i, _ in seen)
    assert [r.path for r in results] == paths
    assert [r.article is None for r in results] == [r.error is not None for r in results]
    found = cross_file_findings([r.article for r in results if r.article is not None], rule)
    return results, found


def test_each_document_is_freed_before_the_next_is_read(tmp_path, monkeypatch):
    """A partition's documents do not pile up until its fingerprints are made: each goes once
    linted and prepared, and the articles equal those collected from the documents together."""
    import weakref

    paths = write_articles(tmp_path, 12)
    alive, collect = [], Collector.for_run(cross_rule())
    read = api.read_document

    def reading(source):
        assert all(r() is None for r in alive), "an earlier document is still alive"
        doc = read(source)
        alive.append(weakref.ref(doc))
        return doc

    monkeypatch.setattr(api, "read_document", reading)
    api._init_worker(Linter(select_rules(Config())), collect)
    results = api._lint_chunk(paths)
    monkeypatch.undo()
    docs = [read_document(r.source) for r in results if r.source is not None]
    together = collect.many(docs)
    got = [r.article for r in results if r.article is not None]
    assert len(got) == len(together) == len(paths) - 1  # a010.txt is binary
    for a, b in zip(got, together, strict=True):
        assert (a.path, a.norms, a.places) == (b.path, b.norms, b.places)
        assert np.array_equal(a.keys, b.keys) and np.array_equal(a.hashes, b.hashes)


def test_serial_and_parallel_runs_give_the_same_findings(tmp_path, monkeypatch):
    paths = write_articles(tmp_path, 150)
    monkeypatch.setattr(api, "CHUNK_FILES", 16)
    serial, found_serial = run(paths, jobs=1)
    parallel, found_parallel = run(paths, jobs=2)
    assert found_serial == found_parallel
    assert sum(map(len, found_serial.values())) > 20
    assert [r.findings for r in serial] == [r.findings for r in parallel]
    assert [r.error for r in serial] == [r.error for r in parallel]
    assert sum(r.error is not None for r in serial) == 2
    for a, b in zip(serial, parallel, strict=True):
        if a.article is not None:
            assert (a.article.norms, a.article.places) == (b.article.norms, b.article.places)
            assert np.array_equal(a.article.keys, b.article.keys)
    # documents collected in cross_file_findings itself (no workers) give the same findings
    docs = [read_document(r.source) for r in serial if r.source is not None]
    assert cross_file_findings(docs, cross_rule()) == found_serial


def test_the_result_pipe_takes_a_partition_at_once():
    from concurrent.futures import ProcessPoolExecutor

    fcntl = pytest.importorskip("fcntl")
    if not hasattr(fcntl, "F_GETPIPE_SZ"):
        pytest.skip("pipe sizes are set on Linux only")
    with ProcessPoolExecutor(1) as pool:
        reader = pool._result_queue._reader
        before = fcntl.fcntl(reader.fileno(), fcntl.F_GETPIPE_SZ)
        api._widen_result_pipe(pool)
        after = fcntl.fcntl(reader.fileno(), fcntl.F_GETPIPE_SZ)
    assert before < api.RESULT_PIPE_BYTES == after
    api._widen_result_pipe(object())  # a pool without the private queue: left as it is


@pytest.mark.parametrize("n", [48, 100, 2587])
def test_partitions_keep_file_order_and_shrink_towards_the_end(n):
    files = [f"{i}.txt" for i in range(n)]
    parts = api._partitions(files, 2)
    assert [f for p in parts for f in p] == files
    sizes = [len(p) for p in parts]
    assert max(sizes) <= api.CHUNK_FILES and min(sizes[:-1]) >= 4
    assert sizes == sorted(sizes, reverse=True)
    assert sizes[-2] == 4  # the workers' last partitions are small: they finish together


def test_exact_groups_follow_the_texts_in_order_of_first_appearance():
    from newslint.dupes.crossfile import _exact_groups

    norms = ["bridge closed", "ferry late", "bridge closed", "port strike", "ferry late", "bridge closed"]
    hashes = np.array([hash(n) % 1000 for n in norms], dtype=np.uint64)
    for groups in (
        _exact_groups(norms, hashes),
        # two different texts with one hash (which 64 bits make all but impossible) are kept apart
        _exact_groups(norms, np.array([7, 9, 7, 7, 9, 7], dtype=np.uint64)),
    ):
        assert groups.firsts.tolist() == [0, 1, 3]
        assert groups.copied == {0: [0, 2, 5], 1: [1, 4]}
    single = _exact_groups(["a"], np.array([3], dtype=np.uint64))
    assert (single.firsts.tolist(), single.copied) == ([0], {})


def test_exact_groups_list_each_texts_paragraphs_in_order_however_the_hashes_sort():
    from newslint.dupes.crossfile import _exact_groups

    rng = np.random.default_rng(5)
    texts = rng.integers(0, 300, 5000)  # many repeats, in runs longer than a sort keeps in order
    norms = [str(t) for t in texts.tolist()]
    groups = _exact_groups(norms, texts.astype(np.uint64))
    expected: dict[str, list[int]] = {}
    for k, norm in enumerate(norms):
        expected.setdefault(norm, []).append(k)
    assert groups.firsts.tolist() == [m[0] for m in expected.values()]
    assert list(groups.copied.values()) == [m for m in expected.values() if len(m) > 1]


def test_articles_carry_the_hash_of_each_paragraph_text():
    params = Params()
    docs = [read_document(Source(p, t)) for p, t in make_articles(12).items()]
    for a in Collector(params).many(docs):
        assert a.hashes.dtype == np.uint64 and len(a.hashes) == len(a.norms)
        for norm, h in zip(a.norms, a.hashes.tolist(), strict=True):
            assert h == python_shingle_hash(norm)


def test_no_cycle_collection_restores_the_collector_as_it_was():
    import gc

    was = gc.isenabled()
    try:
        gc.enable()
        with api.no_cycle_collection():
            assert not gc.isenabled()
            with api.no_cycle_collection():
                assert not gc.isenabled()
            assert not gc.isenabled()  # the inner one found it off: leaves it off
        assert gc.isenabled()
        gc.disable()
        with api.no_cycle_collection():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        (gc.enable if was else gc.disable)()


def test_a_parallel_run_leaves_the_collector_as_it_found_it_and_workers_collect(tmp_path, monkeypatch):
    import gc

    paths = write_articles(tmp_path, 60)
    monkeypatch.setattr(api, "CHUNK_FILES", 8)
    assert gc.isenabled() and gc.get_freeze_count() == 0
    run(paths, jobs=2)
    assert gc.isenabled() and gc.get_freeze_count() == 0  # unfrozen after the pool
    # a worker collects its garbage even when forked from a process that does not
    threshold = gc.get_threshold()
    gc.disable()
    try:
        api._init_pool_worker(*api._worker)  # type: ignore[misc]
        assert gc.isenabled() and gc.get_threshold()[0] == 20_000
    finally:
        gc.set_threshold(*threshold)
        gc.enable()


def test_hash_texts_refuses_counts_that_do_not_match_the_texts():
    with pytest.raises(ValueError, match="single spaces"):
        hash_texts(["one two three four"], [5], 3)
    with pytest.raises(ValueError, match="single spaces"):
        hash_texts(["one two", "three"], [2], 3)


def test_a_huge_text_does_not_stay_in_the_power_tables():
    from newslint.dupes import fingerprint as fp

    big = " ".join(["harbour"] * 400_000)  # 3.2 MB
    fp.hash_texts([big], [400_000], 3)
    assert len(fp._powers[0]) <= fp._POWERS_KEPT
    small = fp.hash_texts(["one two three four"], [4], 3)
    assert small.shingles.tolist() == [python_shingle_hash(s) for s in ("one two three", "two three four")]


def test_a_run_that_ends_the_process_leaves_its_results_to_the_exit(tmp_path, monkeypatch):
    """The CLI exits at once after a check: the run's results are left alive for the exit to drop,
    not freed one object at a time. A library caller's run keeps nothing."""
    from newslint import runner

    monkeypatch.setattr(runner, "_LEFT_FOR_EXIT", [])
    folder = tmp_path / "articles"
    folder.mkdir()
    write_articles(folder, 30)
    reports = []
    for exiting in (False, True):
        out = tmp_path / f"report-{exiting}.json"
        code = runner.run_check(
            paths=[str(folder)], output_format="json", output_file=str(out), exiting=exiting
        )
        assert code == 2  # a010.txt is binary, a020.txt empty
        reports.append(out.read_text(encoding="utf-8"))
        assert len(runner._LEFT_FOR_EXIT) == int(exiting)
    assert reports[0] == reports[1] and "cross-article-duplicate" in reports[0]
    [results] = runner._LEFT_FOR_EXIT
    assert len(results) == 30 and sum(r.article is not None for r in results) == 28


@pytest.mark.parametrize(
    "template",
    [
        "Paragraph also appears in {where}{more}",
        "no placeholders",
        "{count} copies, {count} again; {unknown} and {where} stay {",
        "braces {{where}} } { {more}x{where}",
        "",
    ],
)
def test_renderer_fills_a_message_as_render_does(template):
    from newslint.kinds.base import render, renderer

    fill = renderer(template, ("where", "count", "more"))
    for values in (
        {"where": "a/b{1}.txt:3", "count": 2, "more": " and 1 other place"},
        {"where": "}", "count": 0, "more": ""},
    ):
        assert fill(**values) == render(template, **values)


def test_line_index_locates_both_ends_of_a_span_at_once():
    from newslint.source import LineIndex

    text = "one\ntwo lines\n\nfour\n"
    index = LineIndex(text)
    for start in range(len(text) + 1):
        for end in range(start, len(text) + 1):
            assert index.span_location(start, end) == (*index.location(start), *index.location(end))


@pytest.mark.parametrize("articles", [5, 80])  # below and above the size counted once a group
def test_copies_of_a_template_count_each_other_article_once(articles):
    """A paragraph copied into every article (and twice into the first) is reported in each with
    the number of its copies in the other articles, and the first three of them as related."""
    shared = (
        "The harbour authority said the ferry service would resume on Monday after engineers "
        "finished repairs to the ramp at the northern terminal."
    )
    texts = {f"a{i:03d}.txt": f"Ferry news {i}\n\n{shared}\n" for i in range(articles)}
    texts["a000.txt"] += f"\n{shared}\n"
    docs = [read_document(Source(p, t)) for p, t in texts.items()]
    found = cross_file_findings(docs, cross_rule())
    assert sorted(found) == sorted(texts)
    first, second = found["a000.txt"]
    assert (first.span.start, second.span.start) == (14, 14 + len(shared) + 2)
    for f in (first, second):
        assert f.message == f"Paragraph also appears in a001.txt:3 and {articles - 2} other places"
        assert [(r.path, r.line) for r in f.related] == [("a001.txt", 3), ("a002.txt", 3), ("a003.txt", 3)]
    [last] = found[f"a{articles - 1:03d}.txt"]
    assert last.message == f"Paragraph also appears in a000.txt:3 and {articles - 1} other places"
    assert [(r.path, r.line) for r in last.related] == [("a000.txt", 3), ("a000.txt", 5), ("a001.txt", 3)]
