"""`newslint check --fix / --diff / --unsafe-fixes`: the fixed text, encodings, line endings, idempotence,
refusals, and the fixer's rules for overlapping edits."""

import os
import subprocess
import sys

import pytest

from newslint import fixer
from newslint.config import Config
from newslint.engine import available_rules
from newslint.finding import Edit, Finding, Fix, Severity, Span
from newslint.source import Source

RULES = "stray-marker,hyphen-spacing,common-confusion,broken-possessive"
ARTICLE = (
    "Harbour bridge to close for repairs\n"
    "\n"
    "Share\n"
    "\n"
    "The city council voted on Tuesday to close the EU -funded bridge, which engineers described has having"
    " cracks in two of its piers.\n"
    "\n"
    "Advertisement\n"
    "\n"
    "The U.S. -Canada inspection team will report in May.\n"
    "\n"
    "Reporters waited outside Patel s office for an hour before the mayor spoke.\n"
)
FIXED = (
    "Harbour bridge to close for repairs\n"
    "\n"
    "The city council voted on Tuesday to close the EU-funded bridge, which engineers described as having"
    " cracks in two of its piers.\n"
    "\n"
    "The U.S.-Canada inspection team will report in May.\n"
    "\n"
    "Reporters waited outside Patel's office for an hour before the mayor spoke.\n"
)


def run(*args, cwd, stdin=None):
    proc = subprocess.run(
        [sys.executable, "-m", "newslint", "check", *args],
        capture_output=True,
        cwd=cwd,
        input=stdin,
        env={**os.environ, "NO_COLOR": "1"},
    )
    return proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")


def one_line_error(code, err):
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert code == 2 and "Traceback" not in err and len(lines) == 1, err
    return lines[0]


@pytest.fixture
def story(tmp_path):
    path = tmp_path / "story.txt"
    path.write_bytes(ARTICLE.encode("utf-8"))
    return path


def test_fix_produces_the_expected_text(story, tmp_path):
    code, out, err = run("--fix", "--select", RULES, "story.txt", cwd=tmp_path)
    assert story.read_bytes().decode("utf-8") == FIXED
    assert (code, out) == (0, "")
    assert err == "Fixed 6 findings in 1 file.\n"


def test_fix_reports_only_what_remains(story, tmp_path):
    code, out, err = run(
        "--fix", "--format", "concise", "--select", RULES + ",orphan-headline", "story.txt", cwd=tmp_path
    )
    assert story.read_text() == FIXED
    assert code == 0 and out == "" and err.startswith("Fixed 6 findings")
    story.write_text(FIXED + "\nCouncil Votes To Close Harbour Bridge\n")
    code, out, err = run(
        "--fix", "--format", "concise", "--select", RULES + ",orphan-headline", "story.txt", cwd=tmp_path
    )
    assert code == 1 and err == ""
    assert out.startswith("story.txt:9:1: orphan-headline [warning]")
    assert out.count("\n") == 1


def test_second_fix_changes_nothing(story, tmp_path):
    run("--fix", "--select", RULES, "story.txt", cwd=tmp_path)
    first = story.read_bytes()
    mtime = os.stat(story).st_mtime_ns
    code, out, err = run("--fix", "--select", RULES, "story.txt", cwd=tmp_path)
    assert (code, out, err) == (0, "", "")
    assert story.read_bytes() == first and os.stat(story).st_mtime_ns == mtime


def test_crlf_line_endings_are_kept(tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes(ARTICLE.replace("\n", "\r\n").encode("utf-8"))
    code, _, err = run("--fix", "--select", RULES, "crlf.txt", cwd=tmp_path)
    data = path.read_bytes()
    assert code == 0 and err.startswith("Fixed 6 findings")
    assert data == FIXED.replace("\n", "\r\n").encode("utf-8")
    assert data.count(b"\n") == data.count(b"\r\n")


def test_inserted_newlines_follow_the_file():
    source = Source("a.txt", "One.\r\nTwo.\r\n")
    finding = Finding(
        "x", Severity.INFO, "m", Span(4, 4), Fix("safe", (Edit(Span(4, 4), "\nOne and a half."),))
    )
    new, n = fixer.apply_fixes(source.text, [finding], newline=source.newline)
    assert (new, n) == ("One.\r\nOne and a half.\r\nTwo.\r\n", 1)


def test_bom_is_kept(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"))
    code, _, _ = run("--fix", "--select", RULES, "bom.txt", cwd=tmp_path)
    assert code == 0
    assert path.read_bytes() == b"\xef\xbb\xbf" + FIXED.encode("utf-8")


def test_non_utf8_file_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "latin1.txt"
    data = ARTICLE.replace("Patel", "Müller").encode("latin-1")
    path.write_bytes(data)
    code, out, err = run("--fix", "latin1.txt", cwd=tmp_path)
    line = one_line_error(code, err)
    assert line.startswith("newslint: error: latin1.txt: not valid UTF-8") and out == ""
    assert path.read_bytes() == data


def test_read_only_file_is_a_clear_error(story, tmp_path):
    os.chmod(story, 0o444)
    code, out, err = run("--fix", "--select", RULES, "--format", "concise", "story.txt", cwd=tmp_path)
    lines = err.splitlines()
    assert code == 2 and "Traceback" not in err
    assert "newslint: error: story.txt: cannot write: permission denied" in lines
    assert story.read_text() == ARTICLE and os.stat(story).st_mode & 0o777 == 0o444
    assert out.count("\n") == 6  # nothing was fixed, so every finding is still reported


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root can write anywhere")
def test_read_only_folder_is_a_clear_error(story, tmp_path):
    os.chmod(tmp_path, 0o555)
    try:
        code, _, err = run("--fix", "--select", RULES, "story.txt", cwd=tmp_path)
    finally:
        os.chmod(tmp_path, 0o755)
    assert code == 2 and "story.txt: cannot write: permission denied" in err
    assert story.read_text() == ARTICLE


def test_write_keeps_mode_and_symlink_and_leaves_no_temp_file(story, tmp_path):
    os.chmod(story, 0o640)
    link = tmp_path / "link.txt"
    link.symlink_to(story)
    fixer.write_atomic(Source(str(link), ARTICLE), FIXED)
    assert link.is_symlink() and story.read_text() == FIXED
    assert os.stat(story).st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.txt", "story.txt"]


def test_diff_writes_nothing(story, tmp_path):
    code, out, err = run("--diff", "--select", RULES, "story.txt", cwd=tmp_path)
    assert story.read_text() == ARTICLE
    assert code == 1 and err == "Would fix 6 findings in 1 file.\n"
    assert out.splitlines()[:3] == ["--- story.txt", "+++ story.txt", "@@ -1,11 +1,7 @@"]
    assert "-Share" in out.splitlines() and "-Advertisement" in out.splitlines()
    assert "+Reporters waited outside Patel's office for an hour before the mayor spoke." in out.splitlines()
    # the diff applies cleanly and gives the fixed text
    subprocess.run(["patch", "-s", "story.txt"], input=out.encode(), cwd=tmp_path, check=True)
    assert story.read_text() == FIXED


def test_diff_of_a_clean_file_is_empty(tmp_path):
    (tmp_path / "clean.txt").write_text(FIXED)
    assert run("--diff", "--select", RULES, "clean.txt", cwd=tmp_path) == (0, "", "")


def test_fix_from_stdin_prints_the_fixed_text(tmp_path):
    code, out, err = run("--fix", "--select", RULES, "-", cwd=tmp_path, stdin=ARTICLE.encode())
    assert (code, out) == (0, FIXED)
    assert err == "Fixed 6 findings in 1 file.\n"


def test_unsafe_fixes_need_the_option(tmp_path):
    rules = tmp_path / "house"
    rules.mkdir()
    (rules / "per-cent.yaml").write_text(
        "kind: substitution\nseverity: warning\nmessage: \"Use '{expected}'\"\nfix: unsafe\n"
        "description: House style.\nswap:\n  '\\bper cent\\b': percent\n"
    )
    (tmp_path / "newslint.yaml").write_text("rule_dirs: [house]\nselect: [per-cent, stray-marker]\n")
    path = tmp_path / "rates.txt"
    path.write_text("Rates rise\n\nAdvertisement\n\nRates rose 2 per cent in May.\n")
    code, out, err = run("--fix", "--format", "concise", "rates.txt", cwd=tmp_path)
    assert path.read_text() == "Rates rise\n\nRates rose 2 per cent in May.\n"
    assert code == 1 and err == "Fixed 1 finding in 1 file. (1 more with --unsafe-fixes)\n"
    assert out == "rates.txt:3:14: per-cent [warning] Use 'percent'\n"
    code, out, err = run("--fix", "--unsafe-fixes", "rates.txt", cwd=tmp_path)
    assert (code, out, err) == (0, "", "Fixed 1 finding in 1 file.\n")
    assert path.read_text() == "Rates rise\n\nRates rose 2 percent in May.\n"


def _finding(start, end, content, applicability="safe", rule="x"):
    return Finding(
        rule, Severity.WARNING, "m", Span(start, end), Fix(applicability, (Edit(Span(start, end), content),))
    )


def test_overlapping_fixes_wait_for_the_next_round():
    text = "the the the bridge"
    doubled = [_finding(0, 7, "the"), _finding(4, 11, "the")]  # "the the" twice, overlapping
    assert fixer.apply_fixes(text, doubled) == ("the the bridge", 1)

    def relint(source):
        i = source.text.find("the the")
        return [_finding(i, i + 7, "the")] if i >= 0 else []

    outcome = fixer.fix_source(Source("a.txt", text), relint, findings=doubled)
    assert outcome == fixer.FixOutcome("the bridge", 2, True)


def test_fixes_apply_by_applicability_and_edits_keep_order():
    text = "abcdef"
    findings = [
        _finding(4, 6, "EF"),
        _finding(0, 0, ">"),
        _finding(1, 2, "B", "unsafe"),
        _finding(2, 3, "C", "display"),
        _finding(3, 4, "d"),  # no change: not counted
    ]
    assert fixer.apply_fixes(text, findings) == (">abcdEF", 2)
    assert fixer.apply_fixes(text, findings, unsafe=True) == (">aBcdEF", 3)


def test_fix_source_stops_when_fixes_never_settle():
    def relint(source):
        return [_finding(0, len(source.text), source.text + "!")]

    outcome = fixer.fix_source(Source("a.txt", "Hi"), relint, max_rounds=3)
    assert outcome == fixer.FixOutcome("Hi!!!", 3, False)


def test_analytic_comparative_fix(tmp_path):
    if "analytic-comparative" not in available_rules(Config()):
        pytest.skip("analytic-comparative is not bundled yet")
    path = tmp_path / "repairs.txt"
    path.write_text("Repairs delayed\n\nThe repairs may now be more hard to finish before winter.\n")
    code, _, err = run("--fix", "--select", "analytic-comparative", "repairs.txt", cwd=tmp_path)
    assert (code, err) == (0, "Fixed 1 finding in 1 file.\n")
    assert path.read_text() == "Repairs delayed\n\nThe repairs may now be harder to finish before winter.\n"
