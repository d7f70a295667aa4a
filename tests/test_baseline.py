"""`--write-baseline` / `--baseline`: old findings stay quiet wherever they move, new ones are reported."""

import json
import os
import subprocess
import sys

import pytest

RULES = "stray-marker,hyphen-spacing"
ARTICLE = (
    "Harbour bridge to close for repairs\n\n"
    "Advertisement\n\n"
    "The city council voted on Tuesday to close the EU -funded bridge for repairs next month.\n\n"
    "Engineers found cracks in two of its piers last year.\n"
)


def run(*args, cwd):
    proc = subprocess.run(
        [sys.executable, "-m", "newslint", "check", "--format", "concise", "--select", RULES, *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "NO_COLOR": "1"},
    )
    return proc.returncode, proc.stdout, proc.stderr


@pytest.fixture
def archive(tmp_path):
    (tmp_path / "2019").mkdir()
    story = tmp_path / "2019" / "bridge.txt"
    story.write_text(ARTICLE)
    code, out, err = run("--write-baseline", "baseline.json", "2019", cwd=tmp_path)
    assert (code, out, err) == (0, "", "newslint: wrote 2 baseline entries to baseline.json\n")
    return story


def test_baseline_file_is_keyed_by_path_rule_and_text(archive, tmp_path):
    data = json.loads((tmp_path / "baseline.json").read_text())
    assert data["newslint_baseline"] == 1
    rows = [(e["path"], e["rule"], e["count"], e["text"]) for e in data["entries"]]
    assert rows == [
        ("2019/bridge.txt", "hyphen-spacing", 1, "EU -funded"),
        ("2019/bridge.txt", "stray-marker", 1, "Advertisement"),
    ]
    assert all(len(e["hash"]) == 16 and "line" not in e for e in data["entries"])


def test_baselined_findings_are_not_reported(archive, tmp_path):
    assert run("--baseline", "baseline.json", "2019", cwd=tmp_path) == (0, "", "")


def test_finding_moved_by_inserted_lines_stays_baselined(archive, tmp_path):
    archive.write_text(ARTICLE.replace("\n\n", "\n\nThe vote was unanimous.\n\n", 1))
    assert run("--baseline", "baseline.json", "2019", cwd=tmp_path) == (0, "", "")


def test_new_finding_of_the_same_rule_in_the_same_file_is_reported(archive, tmp_path):
    archive.write_text(ARTICLE + "\nThe UN -led inspection is due in May.\n\nShare\n")
    code, out, err = run("--baseline", "baseline.json", "2019", cwd=tmp_path)
    path = os.path.join("2019", "bridge.txt")
    assert (code, err) == (1, "")
    assert out.splitlines() == [
        f"{path}:9:5: hyphen-spacing [warning] [*] Stray space before a hyphen in 'UN -led': use 'UN-led'",
        f"{path}:11:1: stray-marker [warning] [*] Scraping residue 'Share' left in the article body",
    ]


def test_a_second_identical_finding_needs_its_own_entry(archive, tmp_path):
    archive.write_text(ARTICLE + "\nAdvertisement\n")
    code, out, _ = run("--baseline", "baseline.json", "2019", cwd=tmp_path)
    assert code == 1 and out.count("\n") == 1
    assert ":9:1: stray-marker" in out  # the earlier copy is the baselined one


def test_stale_entries_are_reported(archive, tmp_path):
    archive.write_text(ARTICLE.replace("Advertisement\n\n", ""))
    code, out, err = run("--baseline", "baseline.json", "2019", cwd=tmp_path)
    assert (code, out) == (0, "")
    assert err.splitlines() == [
        "newslint: baseline.json: 1 stale entry, the findings are gone; refresh with --write-baseline",
        "  2019/bridge.txt: stray-marker: 'Advertisement'",
    ]


def test_entries_of_files_not_checked_are_not_stale(archive, tmp_path):
    other = tmp_path / "2019" / "ferry.txt"
    other.write_text("Ferry service resumes\n\nThe ferry sailed at noon.\n")
    assert run("--baseline", "baseline.json", str(other), cwd=tmp_path) == (0, "", "")


def test_paths_are_relative_to_the_baseline_file(archive, tmp_path):
    code, out, err = run("--baseline", "../baseline.json", "bridge.txt", cwd=tmp_path / "2019")
    assert (code, out, err) == (0, "", "")


NOT_A_LIST = 'baseline.json: not a newslint baseline: "entries" must be a list'


@pytest.mark.parametrize(
    "content,needle",
    [
        (None, "baseline.json: baseline file not found"),
        ("{not json", "baseline.json: not a newslint baseline: invalid JSON (line 1)"),
        ('{"entries": []}', 'baseline.json: not a newslint baseline (no "newslint_baseline": 1)'),
        (
            '{"newslint_baseline": 1, "entries": [{"path": "a.txt"}]}',
            "baseline.json: not a newslint baseline: entry 1 needs path, rule and hash",
        ),
        ('{"newslint_baseline": 1, "entries": 5}', NOT_A_LIST),
        ('{"newslint_baseline": 1, "entries": null}', NOT_A_LIST),
        (
            '{"newslint_baseline": 1, "entries": [{"path": "a", "rule": "r", "hash": "h", "count": 1e999}]}',
            "baseline.json: not a newslint baseline: entry 1 needs path, rule and hash",
        ),
    ],
)
def test_bad_baseline_is_a_one_line_error(archive, tmp_path, content, needle):
    target = tmp_path / "baseline.json"
    if content is None:
        target.unlink()
    else:
        target.write_text(content)
    code, out, err = run("--baseline", "baseline.json", "2019", cwd=tmp_path)
    assert (code, out) == (2, "") and "Traceback" not in err
    assert err.splitlines() == [f"newslint: error: {needle}"]
