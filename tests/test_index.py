"""The archive index: build, update, query, self-join, the CLI, and broken index files."""

import os
import sqlite3

import pytest
from typer.testing import CliRunner

from newslint.config import Config
from newslint.dupes import index as store
from newslint.dupes.crossfile import cross_file_findings
from newslint.dupes.fingerprint import Params
from newslint.engine import select_rules
from newslint.errors import InputError
from newslint.index_cli import app
from newslint.readers import read_document
from newslint.source import Source

BRIDGE = (
    "The city council voted on Tuesday to close the harbour bridge for six weeks of repairs, "
    "sending drivers along the coast road while crews replace the deck."
)
FERRY = (
    "Ferry operators said they would add two boats to cope with the extra passengers during the "
    "morning rush, and keep the last sailing at midnight."
)
SCHOOL = (
    "The school board approved a budget on Wednesday that adds four teachers and a part-time nurse "
    "to the district's smallest primary school."
)
MARKET = (
    "Stallholders at the Saturday market said takings had fallen by a third since the car park "
    "beside the old fire station was closed in the spring."
)


def write(folder, name: str, *paragraphs: str) -> str:
    path = os.path.join(folder, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("Headline\n\n" + "\n\n".join(paragraphs) + "\n")
    return path


@pytest.fixture
def archive(tmp_path):
    folder = tmp_path / "archive"
    write(folder, "2019/bridge.txt", BRIDGE, FERRY)
    write(folder, "2020/school.md", SCHOOL)
    write(folder, "2020/bridge-reprint.txt", MARKET, BRIDGE)
    index_path = str(tmp_path / "ix.sqlite")
    stats = store.build([str(folder)], index_path, Params(), jobs=1)
    assert (stats.files, stats.paragraphs, stats.banded) == (3, 5, 4)
    return folder, index_path


def query(index_path: str, *texts: str, exclude: str | None = None):
    from rapidfuzz.utils import default_process

    with store.Index.open(index_path) as index:
        norms = [" ".join(default_process(t).split()) for t in texts]
        found = index.query(norms, [exclude] * len(norms))
    return sorted(
        (m.query, os.path.basename(m.path), m.line, m.column, m.end_line, round(m.score)) for m in found
    )


def test_query_finds_exact_and_edited_copies(archive):
    _, index_path = archive
    edited = BRIDGE.replace("replace the deck", "replace its deck")
    assert query(index_path, edited, SCHOOL, MARKET.replace("a third", "half")) == [
        (0, "bridge-reprint.txt", 5, 1, 5, 99),
        (0, "bridge.txt", 3, 1, 3, 99),
        (1, "school.md", 3, 1, 3, 100),
        (2, "bridge-reprint.txt", 3, 1, 3, 97),
    ]


def test_query_skips_the_file_itself(archive):
    folder, index_path = archive
    own = os.path.abspath(os.path.join(folder, "2020", "school.md"))
    assert query(index_path, SCHOOL, exclude=own) == []


def test_query_of_unrelated_text_is_empty(archive):
    _, index_path = archive
    assert (
        query(
            index_path,
            "A new bakery opened on the high street this week, selling bread made with flour from the mill.",
        )
        == []
    )


def test_update_adds_changed_and_drops_deleted_files(archive):
    folder, index_path = archive
    os.remove(os.path.join(folder, "2019", "bridge.txt"))
    school = write(folder, "2020/school.md", SCHOOL, MARKET)
    st = os.stat(school)
    os.utime(school, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
    write(folder, "2021/new.txt", FERRY)
    stats = store.update(index_path, jobs=1)
    assert (stats.files, stats.unchanged, stats.removed, stats.paragraphs) == (2, 1, 1, 3)
    assert query(index_path, BRIDGE) == [(0, "bridge-reprint.txt", 5, 1, 5, 100)]
    assert query(index_path, FERRY) == [(0, "new.txt", 3, 1, 3, 100)]
    assert [q[1] for q in query(index_path, MARKET)] == ["bridge-reprint.txt", "school.md"]


def test_update_rebands_a_text_whose_banded_copy_was_deleted(archive):
    """bridge.txt held the banded copy of BRIDGE; once it is gone, an edited query still finds the reprint."""
    folder, index_path = archive
    os.remove(os.path.join(folder, "2019", "bridge.txt"))
    store.update(index_path, jobs=1)
    edited = BRIDGE.replace("replace the deck", "replace its deck")
    assert query(index_path, edited) == [(0, "bridge-reprint.txt", 5, 1, 5, 99)]


def test_unchanged_files_are_not_read_again(archive):
    _, index_path = archive
    stats = store.update(index_path, jobs=1)
    assert (stats.files, stats.unchanged, stats.removed) == (0, 3, 0)


def test_many_updates_are_compacted(archive, tmp_path):
    folder, index_path = archive
    for i in range(store.MAX_SEGMENTS + 2):
        write(folder, f"extra/{i}.txt", f"{MARKET} Extra paragraph number {i} about the market stalls.")
        store.update(index_path, jobs=1)
    con = sqlite3.connect(index_path)
    assert con.execute("SELECT count(DISTINCT segment) FROM bands").fetchone()[0] <= store.MAX_SEGMENTS
    assert len(query(index_path, f"{MARKET} Extra paragraph number 3 about the market stalls.")) >= 1


def test_self_join_pairs_near_copies(archive):
    _, index_path = archive
    with store.Index.open(index_path) as index:
        join = index.self_join()
        ids = {
            os.path.basename(p): i
            for i, p in index.con.execute(
                "SELECT p.id, f.path FROM paragraphs p JOIN files f ON f.id = p.file WHERE p.line = 3"
            )
        }
    assert join.rep[ids["bridge.txt"]] == ids["bridge.txt"]
    assert len(join.pairs) == 0  # the only copies are exact: found through the shared text, not LSH


def test_run_with_index_reports_archive_copies(archive, tmp_path):
    _, index_path = archive
    path = write(tmp_path / "new", "story.txt", FERRY, SCHOOL)
    with open(path, encoding="utf-8") as fh:
        doc = read_document(Source(path, fh.read()))
    rule = select_rules(Config(), select=["cross-article-duplicate"])[0]
    found = cross_file_findings([doc], rule, index_path=index_path)
    rows = [(f.message, [(os.path.basename(r.path), r.line) for r in f.related]) for f in found[path]]
    assert len(rows) == 2
    assert rows[0][1] == [("bridge.txt", 5)]
    assert rows[1][1] == [("school.md", 3)]
    assert rows[0][0].startswith("Paragraph also appears in ") and rows[0][0].endswith("bridge.txt:5")


# --- broken index files -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content,why",
    [
        (None, "no such file"),
        (b"this is not a database at all, just some text" * 100, "file is not a database"),
        ("sqlite-empty", "no newslint tables"),
    ],
)
def test_missing_or_corrupt_index_is_an_input_error(tmp_path, content, why):
    path = str(tmp_path / "ix.sqlite")
    if content == "sqlite-empty":
        sqlite3.connect(path).execute("CREATE TABLE other(x)").connection.commit()
    elif content is not None:
        with open(path, "wb") as fh:
            fh.write(content)
    with pytest.raises(InputError, match=rf"^{path}: not a newslint index \(.*{why}"):
        store.Index.open(path)


def test_truncated_index_is_an_input_error(archive):
    _, index_path = archive
    with open(index_path, "r+b") as fh:
        fh.truncate(2048)
    with pytest.raises(InputError, match="not a newslint index"):
        query(index_path, BRIDGE)


def test_index_from_another_version_is_refused(archive):
    _, index_path = archive
    con = sqlite3.connect(index_path)
    con.execute("UPDATE meta SET value = '999' WHERE key = 'version'")
    con.commit()
    with pytest.raises(
        InputError, match="written by another version.*rebuild it with `newslint index build`"
    ):
        store.Index.open(index_path)


# --- CLI ----------------------------------------------------------------------------------------


def test_cli_build_update_info(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "a/one.txt", BRIDGE)
    write(tmp_path, "a/two.txt", SCHOOL)
    runner = CliRunner()
    result = runner.invoke(app, ["build", "a", "-j", "1"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("built .newslint/index.sqlite: read 2 files, indexed 2 paragraphs")
    assert os.path.exists(tmp_path / ".newslint" / "index.sqlite")
    write(tmp_path, "a/three.txt", FERRY)
    result = runner.invoke(app, ["update", "-j", "1"])
    assert result.exit_code == 0, result.output
    assert "read 1 file (2 unchanged, 0 removed), indexed 1 paragraph (1 new distinct)" in result.output
    result = runner.invoke(app, ["info"])
    assert result.exit_code == 0 and "3 files, 3 paragraphs" in result.output


def test_cli_build_of_a_missing_path_exits_2(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["build", "nowhere"])
    assert result.exit_code == 2
    assert "nowhere: no such file or directory" in result.output
    assert not os.path.exists(tmp_path / ".newslint" / "index.sqlite")


def test_cli_build_leaves_out_a_file_name_not_utf8(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "a/one.txt", BRIDGE)
    try:
        with open(os.path.join(b"a", b"caf\xe9.txt"), "w", encoding="utf-8") as fh:
            fh.write(SCHOOL)
    except OSError:
        pytest.skip("this file system wants UTF-8 file names")
    result = CliRunner().invoke(app, ["build", "a", "-j", "1"])  # sqlite cannot store the name
    assert result.exit_code == 0, result.output
    assert "caf\\xe9.txt: file name is not valid UTF-8; rename the file (not indexed)" in result.output
    assert "read 1 file, indexed 1 paragraph" in result.output


def test_cli_update_without_index_exits_2(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["update", "--index", "nowhere.sqlite"])
    assert result.exit_code == 2
    assert "nowhere.sqlite: not a newslint index (no such file" in result.output


def test_check_with_a_corrupt_index_exits_2(tmp_path, monkeypatch):
    from newslint.cli import app as main_app

    monkeypatch.chdir(tmp_path)
    write(tmp_path, "story.txt", BRIDGE)
    (tmp_path / "ix.sqlite").write_bytes(b"not sqlite" * 200)
    result = CliRunner().invoke(main_app, ["check", "--index", "ix.sqlite", "story.txt"])
    assert result.exit_code == 2
    assert "ix.sqlite: not a newslint index (file is not a database)" in result.output


def test_check_with_index_reports_archive_copy(archive, tmp_path, monkeypatch):
    from newslint.cli import app as main_app

    _, index_path = archive
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "story.txt", SCHOOL)
    args = [
        "check",
        "--format",
        "json",
        "--select",
        "cross-article-duplicate",
        "--index",
        index_path,
        "story.txt",
    ]
    result = CliRunner().invoke(main_app, args)
    assert result.exit_code == 1, result.output
    assert '"cross-article-duplicate"' in result.output and "school.md" in result.output


def test_progress_bar_only_on_a_terminal(tmp_path, capsys, monkeypatch):
    for i in range(60):
        write(tmp_path / "many", f"{i:02d}.txt", f"{MARKET} Stall number {i} sells bread.")
    store.build([str(tmp_path / "many")], str(tmp_path / "a.sqlite"), jobs=1)
    assert capsys.readouterr().err == ""
    monkeypatch.setattr(store.sys.stderr, "isatty", lambda: True)
    store.build([str(tmp_path / "many")], str(tmp_path / "b.sqlite"), jobs=1)
    err = capsys.readouterr().err
    assert "indexing" in err and "60/60" in err and "ETA" in err and "/s" in err
