"""Suppression comments: next line, ranges, whole file, and unused-suppression for the dead ones."""

import os
import subprocess
import sys

import pytest

from newslint import suppressions
from newslint.config import Config
from newslint.engine import Linter, available_rules, select_rules
from newslint.fixer import apply_fixes
from newslint.readers import read_document
from newslint.source import Source

KNOWN = set(available_rules(Config()))


def check(text, *rules, path="article.txt", enabled=None, judge_all=True):
    """(rule, line, column, flagged text) of the findings left, unused-suppression included; and the
    text with every unused-suppression fix applied."""
    source = Source(path, text)
    chosen = select_rules(Config(), select=[*rules, "unused-suppression"])
    unused_rule = next(r for r in chosen if r.id == "unused-suppression")
    findings = Linter(chosen).lint(read_document(source))
    enabled = {r.id for r in chosen} if enabled is None else enabled
    kept, unused = suppressions.apply(source, findings, KNOWN, enabled, unused_rule, judge_all)
    rows = []
    for f in sorted(kept + unused, key=lambda f: f.span.start):
        line, column = source.index.location(f.span.start)
        rows.append((f.rule, line, column, text[f.span.start : f.span.end]))
    return rows, apply_fixes(text, unused)[0], [f.message for f in unused]


def test_next_line():
    text = (
        "Bridge to close\n\n"
        "<!-- newslint-disable-next-line hyphen-spacing -->\n"
        "The EU -funded bridge will close, officials said has having no choice.\n\n"
        "The US -backed plan was approved.\n"
    )
    rows, _, _ = check(text, "hyphen-spacing", "common-confusion")
    assert rows == [
        ("common-confusion", 4, 50, "has having"),
        ("hyphen-spacing", 6, 5, "US -backed"),
    ]


def test_next_line_skips_blank_lines():
    text = "Bridge to close\n\n<!-- newslint-disable-next-line stray-marker -->\n\nShare\n\nShare\n"
    rows, _, _ = check(text, "stray-marker")
    assert rows == [("stray-marker", 7, 1, "Share")]


def test_range_until_enable():
    text = (
        "Bridge to close\n\n"
        "<!-- newslint-disable stray-marker hyphen-spacing -->\n"
        "Advertisement\n\n"
        "The EU -funded bridge will close.\n"
        "<!-- newslint-enable stray-marker -->\n\n"
        "Share\n\n"
        "The US -backed plan was approved.\n"
        "<!-- newslint-enable -->\n\n"
        "The UN -led talks ended.\n"
    )
    rows, _, _ = check(text, "stray-marker", "hyphen-spacing")
    assert rows == [("stray-marker", 9, 1, "Share"), ("hyphen-spacing", 14, 5, "UN -led")]


def test_disable_without_ids_covers_every_rule_until_the_end():
    text = (
        "Bridge to close\n\nShare\n\n<!-- newslint-disable -->\n\n"
        "Advertisement\n\nThe EU -funded bridge will close.\n"
    )
    rows, _, _ = check(text, "stray-marker", "hyphen-spacing")
    assert rows == [("stray-marker", 3, 1, "Share")]


def test_disable_every_rule_then_enable_one():
    text = (
        "Bridge to close\n\n<!-- newslint-disable -->\nShare\n\n<!-- newslint-enable stray-marker -->\n\n"
        "Advertisement\n\nThe EU -funded bridge will close.\n"
    )
    rows, _, _ = check(text, "stray-marker", "hyphen-spacing")
    assert rows == [("stray-marker", 8, 1, "Advertisement")]


def test_disable_file_anywhere():
    text = (
        "Bridge to close\n\nAdvertisement\n\nThe EU -funded bridge will close.\n\n"
        "<!-- newslint-disable-file stray-marker -- page furniture is stripped on import -->\n"
    )
    rows, _, _ = check(text, "stray-marker", "hyphen-spacing")
    assert rows == [("hyphen-spacing", 5, 5, "EU -funded")]


def test_unused_suppression_is_reported_and_its_fix_deletes_the_line():
    text = (
        "Bridge to close\n\n"
        "<!-- newslint-disable-next-line hyphen-spacing -->\n"
        "The council approved the plan on Tuesday.\n"
    )
    rows, fixed, messages = check(text, "hyphen-spacing")
    assert rows == [("unused-suppression", 3, 1, "<!-- newslint-disable-next-line hyphen-spacing -->")]
    assert messages == ["Unused suppression: 'newslint-disable-next-line' (unused: hyphen-spacing)"]
    assert fixed == "Bridge to close\n\nThe council approved the plan on Tuesday.\n"


def test_unknown_rule_id_is_reported_and_removed():
    text = (
        "Bridge to close\n\n"
        "<!-- newslint-disable-next-line hyphen-spacing, hyphen-spasing -->\n"
        "The EU -funded bridge will close.\n"
    )
    rows, fixed, messages = check(text, "hyphen-spacing")
    assert rows == [("unused-suppression", 3, 1, text.splitlines()[2])]
    assert messages == ["Unused suppression: 'newslint-disable-next-line' (unknown: hyphen-spasing)"]
    assert fixed == text.replace("hyphen-spacing, hyphen-spasing", "hyphen-spacing")


def test_unused_range_is_deleted_with_its_enable():
    text = (
        "Bridge to close\n\n<!-- newslint-disable stray-marker -->\n"
        "The council approved the plan.\n<!-- newslint-enable -->\n\nThe mayor agreed.\n"
    )
    rows, fixed, messages = check(text, "stray-marker")
    assert rows == [("unused-suppression", 3, 1, "<!-- newslint-disable stray-marker -->")]
    assert fixed == "Bridge to close\n\nThe council approved the plan.\n\nThe mayor agreed.\n"


D = "<!-- newslint-disable-file stray-marker -->"


@pytest.mark.parametrize(
    "text,fixed",
    [
        (f"{D}\n\nBridge to close\n", "Bridge to close\n"),
        (f"Bridge to close\n\n{D}\n\nThe council met.\n", "Bridge to close\n\nThe council met.\n"),
        (f"Bridge to close\n{D}\n\nThe council met.\n", "Bridge to close\n\nThe council met.\n"),
        (f"Bridge to close\n\n{D}\nThe council met.\n", "Bridge to close\n\nThe council met.\n"),
        (f"Bridge to close\n\nThe council met.\n\n{D}\n\n", "Bridge to close\n\nThe council met.\n"),
        (
            f"Bridge to close\r\n\r\n{D}\r\n\r\nThe council met.\r\n",
            "Bridge to close\r\n\r\nThe council met.\r\n",
        ),
    ],
)
def test_deleting_a_directive_keeps_the_paragraphs_apart(text, fixed):
    assert check(text, "stray-marker")[1] == fixed


def test_blanket_disable_that_suppresses_nothing():
    text = "Bridge to close\n\n<!-- newslint-disable-file -->\n\nThe council approved the plan.\n"
    rows, fixed, messages = check(text, "stray-marker")
    assert rows == [("unused-suppression", 3, 1, "<!-- newslint-disable-file -->")]
    assert messages == ["Unused suppression: 'newslint-disable-file' suppresses no finding"]
    assert fixed == "Bridge to close\n\nThe council approved the plan.\n"
    # when not every rule ran (--select), a blanket directive cannot be judged
    assert check(text, "stray-marker", judge_all=False)[0] == []


def test_misspelt_directive_is_reported_without_a_fix():
    text = "Bridge to close\n\n<!-- newslint-disable-nextline stray-marker -->\nShare\n"
    rows, fixed, messages = check(text, "stray-marker")
    assert rows == [
        ("unused-suppression", 3, 1, "<!-- newslint-disable-nextline stray-marker -->"),
        ("stray-marker", 4, 1, "Share"),
    ]
    assert messages == ["Unused suppression: unknown directive 'newslint-disable-nextline'"]
    assert fixed == text


def test_rules_that_did_not_run_are_not_judged():
    text = "Bridge to close\n\n<!-- newslint-disable-next-line duplicate-paragraph -->\nThe council met.\n"
    assert check(text, "stray-marker", enabled={"stray-marker", "unused-suppression"})[0] == []


def test_unused_suppression_can_itself_be_suppressed():
    text = (
        "<!-- newslint-disable-file unused-suppression -->\nBridge to close\n\n"
        "<!-- newslint-disable-next-line stray-marker -->\nThe council met.\n"
    )
    assert check(text, "stray-marker")[0] == []


def test_plain_text_directive_must_stand_alone_but_html_may_be_inline():
    inline = "Bridge to close\n\nThe EU -funded <!-- newslint-disable-file hyphen-spacing --> bridge.\n"
    rows, _, _ = check(inline, "hyphen-spacing")
    assert rows == [("hyphen-spacing", 3, 5, "EU -funded")]
    html = "<h1>Bridge to close</h1>\n<p>The EU -funded <!-- newslint-disable-file hyphen-spacing --> bridge."
    assert check(html, "hyphen-spacing", path="article.html")[0] == []


def test_cli_fix_removes_unused_suppressions(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(
        "Bridge to close\n\n<!-- newslint-disable-next-line stray-marker -->\nAdvertisement\n\n"
        "<!-- newslint-disable-next-line hyphen-spacing -->\nThe council met on Tuesday.\n"
    )
    proc = subprocess.run(
        [sys.executable, "-m", "newslint", "check", "--format", "concise", str(path)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert proc.returncode == 1
    assert proc.stdout == (
        f"{path}:6:1: unused-suppression [warning] [*] Unused suppression: "
        "'newslint-disable-next-line' (unused: hyphen-spacing)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-m", "newslint", "check", "--fix", str(path)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, "", "Fixed 1 finding in 1 file.\n")
    assert path.read_text() == (
        "Bridge to close\n\n<!-- newslint-disable-next-line stray-marker -->\nAdvertisement\n\n"
        "The council met on Tuesday.\n"
    )


def test_plain_text_directive_line_is_not_part_of_the_paragraph():
    text = (
        "Bridge to close\n\nThe council met on Tuesday and voted to close the bridge.\n\n"
        "<!-- newslint-disable-next-line duplicate-paragraph -->\n"
        "The council met on Tuesday and voted to close the bridge.\n"
    )
    assert check(text, "duplicate-paragraph")[0] == []


def test_lint_text_applies_suppressions():
    from newslint.api import lint_text

    text = (
        "Bridge to close\n\nThe council met on Monday to vote.\n\n"
        "<!-- newslint-disable-next-line stray-marker -->\nAdvertisement\n\nShare\n"
    )
    found = lint_text(text, "a.txt")
    assert [(f.rule, f.span.start) for f in found] == [("stray-marker", text.index("Share"))]


def test_unclosed_directives_are_read_at_once():
    """An unclosed '<!-- newslint-…' was searched to the end of the text for each one (quadratic:
    7 minutes for 20,000); a comment holds no '<!--', so the search stops at the next."""
    from helpers import deadline

    unclosed = "<!-- newslint-disable stray-marker\n" * 20000
    text = f"Prose.\n\n{unclosed}\n<!-- newslint-disable-file -->\n"
    with deadline(5):
        found = suppressions.parse(Source("a.md", text))
        assert suppressions.parse(Source("b.md", f"Prose.\n\n{unclosed}")) == []  # none closed at all
    assert [(d.action, d.ids) for d in found] == [("disable-file", ())]
