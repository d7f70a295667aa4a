"""The command line as users and CI see it: exit codes, one-line errors, the JSON contract."""

import json
import os
import subprocess
import sys

import pytest

ARTICLE = (
    "Council votes to close harbour bridge\n\n"
    "The city council voted on Tuesday to close the US -backed bridge project for repairs next month.\n\n"
    "Advertisement\n"
)


def run(*args, cwd=None, stdin=None):
    proc = subprocess.run(
        [sys.executable, "-m", "newslint", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        input=stdin,
        env={**os.environ, "NO_COLOR": "1"},
    )
    return proc.returncode, proc.stdout, proc.stderr


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def assert_one_line_error(code, err, *needles):
    assert code == 2
    assert "Traceback" not in err
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 1, err
    for needle in needles:
        assert needle in lines[0]


def test_json_contract(article, tmp_path):
    code, out, err = run(
        "check", "--format", "json", "--select", "hyphen-spacing,stray-marker", str(article), cwd=tmp_path
    )
    assert code == 1, err
    data = json.loads(out)
    assert [(d["rule"], d["line"], d["column"], d["end_line"], d["end_column"]) for d in data] == [
        ("hyphen-spacing", 3, 48, 3, 58),
        ("stray-marker", 5, 1, 5, 14),
    ]
    first = data[0]
    assert set(first) == {
        "path",
        "rule",
        "severity",
        "message",
        "line",
        "column",
        "end_line",
        "end_column",
        "fix",
        "related",
    }
    assert first["path"] == str(article) and first["severity"] == "warning"
    assert first["fix"] == {
        "applicability": "safe",
        "edits": [{"line": 3, "column": 48, "end_line": 3, "end_column": 58, "content": "US-backed"}],
    }
    assert first["related"] == []


def test_clean_article_exits_zero(tmp_path):
    path = tmp_path / "clean.txt"
    path.write_text("Bridge to close\n\nThe council voted on Tuesday to close the bridge for repairs.\n")
    code, out, err = run("check", str(path), cwd=tmp_path)
    assert (code, out, err) == (0, "", "")


def test_fail_on_error_ignores_warnings(article, tmp_path):
    code, _, _ = run("check", "--fail-on", "error", "--select", "stray-marker", str(article), cwd=tmp_path)
    assert code == 0


def test_stdin_and_text_format(tmp_path):
    code, out, _ = run("check", "--select", "hyphen-spacing", "-", stdin=ARTICLE, cwd=tmp_path)
    assert code == 1
    assert (
        out.splitlines()[0]
        == "-:3:48: hyphen-spacing [warning] Stray space before a hyphen in 'US -backed': use 'US-backed'"
    )
    assert "^^^^^^^^^^" in out and '= fix: replace "US -backed" with "US-backed"' in out


@pytest.mark.parametrize(
    "content,needle",
    [
        (b"", "file is empty"),
        (b"caf\xe9 au lait\n", "not valid UTF-8"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary file"),
    ],
)
def test_bad_input_files(tmp_path, content, needle):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    code, _, err = run("check", str(path), cwd=tmp_path)
    assert_one_line_error(code, err, str(path), needle)


def test_missing_file(tmp_path):
    code, _, err = run("check", "nope.txt", cwd=tmp_path)
    assert_one_line_error(code, err, "nope.txt", "no such file")


def test_huge_file(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_bytes(b"The council met. " * (11 * 1024 * 1024 // 17))
    code, _, err = run("check", str(path), cwd=tmp_path)
    assert_one_line_error(code, err, "too large")


def test_bad_input_does_not_stop_other_files(article, tmp_path):
    (tmp_path / "empty.txt").write_text("")
    code, out, err = run(
        "check", "--format", "concise", "--select", "stray-marker", str(tmp_path), cwd=tmp_path
    )
    assert code == 2
    assert "empty.txt: file is empty" in err
    assert out.count("stray-marker") == 1


def latin1_named(folder) -> str:
    """A file named 'café.txt' in Latin-1 (not UTF-8), as os.listdir gives it."""
    name = os.path.join(os.fsencode(folder), b"caf\xe9.txt")
    try:
        with open(name, "wb") as fh:
            fh.write(ARTICLE.encode())
    except OSError:
        pytest.skip("this file system wants UTF-8 file names")
    return os.fsdecode(name)


@pytest.mark.parametrize("output", [[], ["-o", "report.out"]])
@pytest.mark.parametrize("fmt", ["sarif", "gitlab", "json"])
def test_file_name_not_utf8_is_an_input_error(article, tmp_path, fmt, output):
    latin1_named(tmp_path)  # no output could hold its name: sarif, gitlab and -o used to crash
    code, out, err = run("check", "--format", fmt, "--select", "stray-marker", *output, ".", cwd=tmp_path)
    assert_one_line_error(code, err, "caf\\xe9.txt: file name is not valid UTF-8")
    report = (tmp_path / "report.out").read_text(encoding="utf-8") if output else out
    assert "story.txt" in report  # the other file is checked


@pytest.mark.parametrize("target", [".", "missing/report.json"])
def test_output_file_that_cannot_be_written(article, tmp_path, target):
    code, out, err = run("check", "--format", "json", "-o", target, str(article), cwd=tmp_path)
    assert_one_line_error(code, err, f"{target}: cannot write the report: ")
    assert out == ""


def test_unknown_rule_id(article, tmp_path):
    code, _, err = run("check", "--select", "no-such-rule", str(article), cwd=tmp_path)
    assert_one_line_error(code, err, "--select", "unknown rule id 'no-such-rule'")


@pytest.mark.parametrize("jobs", ["0", "-3"])
def test_jobs_must_be_at_least_one(article, tmp_path, jobs):
    code, out, err = run("check", "-j", jobs, str(article), cwd=tmp_path)
    assert (code, out) == (2, "")
    assert f"Invalid value for '--jobs' / '-j': {jobs} is not in the range x>=1." in err
    assert "Traceback" not in err


def test_malformed_config(article, tmp_path):
    (tmp_path / "newslint.yaml").write_text("select: [stray-marker\nignore: 3\n")
    code, _, err = run("check", str(article), cwd=tmp_path)
    assert_one_line_error(code, err, "newslint.yaml:", "invalid YAML")


def test_unknown_config_key_names_its_line(article, tmp_path):
    (tmp_path / "newslint.yaml").write_text("select: [stray-marker]\ncolour: blue\n")
    code, _, err = run("check", str(article), cwd=tmp_path)
    assert_one_line_error(code, err, "newslint.yaml:2:", "unknown configuration key 'colour'")


def test_config_in_pyproject_is_discovered_from_a_subfolder(article, tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.newslint]\nselect = ["stray-marker"]\n')
    sub = tmp_path / "sub"
    sub.mkdir()
    code, out, _ = run("check", "--format", "concise", str(article), cwd=sub)
    assert code == 1 and out.count("\n") == 1 and "stray-marker" in out


@pytest.mark.parametrize(
    "rule_text,needle",
    [
        (
            "kind: existence\nmessage: m\nseverity: warning\ntokens: [a]\nbogus: 1\n",
            "x-rule.yaml:5: unknown key 'bogus'",
        ),
        ("kind: existence\nmessage: m\nseverity: loud\ntokens: [a]\n", "x-rule.yaml:3: 'severity' must be"),
        (
            "kind: existence\nmessage: m\nseverity: info\npatterns: ['(unclosed']\n",
            "x-rule.yaml:4: bad regex",
        ),
        ("kind: nosuchkind\nmessage: m\nseverity: info\n", "x-rule.yaml:1: unknown kind 'nosuchkind'"),
        ("message: m\nseverity: info\n", "missing required key 'kind'"),
        ("kind: existence\nmessage: [m\n", "x-rule.yaml:3: invalid YAML"),
        (
            "kind: existence\nmessage: m\nseverity: info\nignorecase: maybe\ntokens: [a]\n",
            "x-rule.yaml:4: option 'ignorecase' must be a bool",
        ),
        (
            "kind: existence\nmessage: m\nseverity: info\nwhole_line: true\npatterns:\n"
            "  - {pattern: 'more:.*', max_words: 0}\n",
            "x-rule.yaml:5: a pattern's 'max_words' must be a whole number of at least 1, not 0",
        ),
        (
            "kind: existence\nmessage: m\nseverity: info\npatterns:\n"
            "  - {pattern: 'more:.*', max_words: 20}\n",
            "x-rule.yaml:4: 'patterns' must be a list of non-empty strings",
        ),
        (
            "kind: existence\nmessage: m\nseverity: info\nwhole_line: true\npatterns: ['(unclosed']\n",
            "x-rule.yaml:5: bad regex",
        ),
        (
            "kind: existence\nmessage: m\nseverity: info\ntokens: [a]\nyields_to: [nope]\n",
            "x-rule.yaml:5: unknown rule id 'nope' in 'yields_to'",
        ),
        (
            "kind: existence\nmessage: m\nseverity: info\ntokens: [a]\nyields_to: stray-marker\n",
            "x-rule.yaml:5: 'yields_to' must be a list",
        ),
        (
            "kind: existence\nmessage: m\nseverity: info\ntokens: [a]\nyields_to: [x-rule]\n",
            "x-rule.yaml:5: rules yield to each other in a loop: x-rule -> x-rule",
        ),
    ],
)
def test_malformed_rule_files(article, tmp_path, rule_text, needle):
    rules = tmp_path / "house-rules"
    rules.mkdir()
    (rules / "x-rule.yaml").write_text(rule_text)
    (tmp_path / "newslint.yaml").write_text("rule_dirs: [house-rules]\n")
    code, _, err = run("check", str(article), cwd=tmp_path)
    assert_one_line_error(code, err, needle)


def test_rules_and_explain(tmp_path):
    code, out, _ = run("rules", cwd=tmp_path)
    assert code == 0
    assert any(line.split()[:3] == ["stray-marker", "existence", "warning"] for line in out.splitlines())
    code, out, _ = run("explain", "hyphen-spacing", cwd=tmp_path)
    assert code == 0 and out.startswith("# hyphen-spacing") and "## Fix safety" in out
    assert out.splitlines()[2] == "kind: substitution · severity: warning · fix: safe"
    code, out, _ = run("explain", "common-confusion", cwd=tmp_path)
    assert out.splitlines()[2] == "kind: substitution · severity: warning · fix: safe · language: en"
    code, _, err = run("explain", "nope", cwd=tmp_path)
    assert_one_line_error(code, err, "unknown rule id 'nope'")


def test_many_files_in_parallel_keep_order(tmp_path):
    for i in range(60):
        (tmp_path / f"a{i:02d}.txt").write_text(ARTICLE)
    code, out, _ = run(
        "check", "--format", "concise", "--select", "stray-marker", "--no-cross-file", ".", cwd=tmp_path
    )
    assert code == 1
    paths = [line.split(":")[0] for line in out.splitlines()]
    assert paths == sorted(paths) and len(paths) == 60


def test_per_path_settings_apply_to_matching_files(tmp_path):
    (tmp_path / "opinion").mkdir()
    (tmp_path / "news").mkdir()
    text = (
        "Bridge to close\n\nThe council is really sure the bridge will close for repairs.\n\nAdvertisement\n"
    )
    (tmp_path / "opinion" / "a.txt").write_text(text)
    (tmp_path / "news" / "b.txt").write_text(text)
    (tmp_path / "newslint.yaml").write_text(
        "per_path:\n  - paths: ['opinion/*']\n    ignore: [editorializing]\n"
    )
    code, out, _ = run("check", "--format", "concise", "--no-cross-file", "opinion", "news", cwd=tmp_path)
    assert code == 1
    rules = sorted((line.split(":")[0], line.split()[1]) for line in out.splitlines())
    assert rules == [
        ("news/b.txt", "editorializing"),
        ("news/b.txt", "stray-marker"),
        ("opinion/a.txt", "stray-marker"),
    ]


def test_statistics(article, tmp_path):
    code, out, _ = run(
        "check", "--statistics", "--select", "stray-marker,hyphen-spacing", str(article), cwd=tmp_path
    )
    assert code == 1
    assert [line.split() for line in out.splitlines()] == [
        ["1", "hyphen-spacing", "[*]", "warning"],
        ["1", "stray-marker", "[*]", "warning"],
    ]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_directory_walk_skips_what_is_not_a_regular_file(tmp_path):
    """A named pipe called *.txt in a checked folder blocked the run on open(); a link to a missing
    file made it exit 2. Both are left out; links to files are read."""
    from helpers import deadline

    (tmp_path / "story.txt").write_text("The council met on Tuesday.\n\nAdvertisement\n\nIt voted.\n")
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "link.txt").symlink_to(tmp_path / "story.txt")
    (tmp_path / "broken.txt").symlink_to(tmp_path / "missing.txt")
    with deadline(20):
        code, out, err = run("check", "--format", "json", "--select", "stray-marker", ".", cwd=tmp_path)
    rows = json.loads(out)
    assert (code, err) == (1, "")
    assert [(r["path"], r["rule"], r["line"]) for r in rows] == [
        ("./link.txt", "stray-marker", 3),
        ("./story.txt", "stray-marker", 3),
    ]


def test_the_bundled_examples_show_every_rule_and_a_clean_article(tmp_path):
    examples = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "examples")
    code, out, _ = run("check", "--format", "json", examples, cwd=tmp_path)
    rows = json.loads(out)
    _, listed, _ = run("rules", cwd=tmp_path)
    assert code == 1
    assert {r["rule"] for r in rows} == {line.split()[0] for line in listed.splitlines()}
    assert not [r for r in rows if r["path"].endswith("clean-story.txt")]
    ferry = [(r["rule"], r["line"], r["column"]) for r in rows if r["path"].endswith("ferry-story.txt")]
    assert ferry == [
        ("number-agreement", 7, 11),
        ("cross-article-duplicate", 9, 1),
        ("conflicting-figures", 11, 19),
        ("unused-suppression", 13, 1),
        ("duplicate-sentence", 14, 87),
        ("repeated-full-name", 16, 20),
    ]


def test_the_app_run_in_process_keeps_the_collector_and_frees_its_runs(tmp_path, article):
    """Only main() ends the process after a check: the Typer app run another way (CliRunner,
    embedded) leaves the cycle collector on and keeps no run's results."""
    import gc

    from typer.testing import CliRunner

    from newslint import cli, runner

    assert gc.isenabled()
    for _ in range(2):
        result = CliRunner().invoke(cli.app, ["check", "--format", "json", str(article)])
        assert result.exit_code == 1 and '"rule": "stray-marker"' in result.output
    assert gc.isenabled() and runner._LEFT_FOR_EXIT == []
