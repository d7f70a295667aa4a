"""CI output formats, each checked against what its consumer documents it accepts.

The findings come from real lint runs of the small articles below. Paths are relative to a fake git
work tree made in a temporary directory, so repo-relative paths are predictable.
"""

from __future__ import annotations

import json
import os
import re
import xml.etree.ElementTree as ET

import pytest

from newslint import __version__
from newslint.api import FileResult
from newslint.config import Config
from newslint.engine import Linter, select_rules
from newslint.finding import Edit, Finding, Fix, Related, Severity, Span
from newslint.formatters import FORMATTERS, get_formatter
from newslint.formatters.auto import resolve
from newslint.formatters.github import escape_data, escape_property
from newslint.formatters.json import encoded_rows
from newslint.readers import read_document
from newslint.runner import RUN_LEVEL_KINDS
from newslint.source import Source

HERE = os.path.dirname(os.path.abspath(__file__))
PROJECT = os.path.dirname(HERE)
SARIF_SCHEMA = os.path.join(PROJECT, "..", "shared", "schemas", "sarif-schema-2.1.0.json")

LINTER = Linter(
    [r for r in select_rules(Config()) if r.kind not in RUN_LEVEL_KINDS]
)  # as the runner builds it
RULES = {r.id: r for r in LINTER.rules}

# stray-marker twice with the same text, hyphen-spacing, quote-punctuation after curly quotes (multi-byte)
COUNCIL = (
    "The council met on Tuesday.\n\nAdvertisement\n\nThe US -backed plan passed, the mayor said.\n\n"
    "Advertisement\n\nThe mayor called it “a good day”, she said.\n"
)
# a residue line with % and a colon in the flagged text (and so in the message)
PRICES = "Related: Prices up 5% in May\n\nThe bridge will close for repairs.\n"
# inconsistent-naming with a related location
NAMING = "U.S. officials met on Monday.\n\nThe US delegation left on Tuesday.\n"
CLEAN = "The bridge will close for repairs on Monday.\n"


def lint(path: str, text: str) -> FileResult:
    source = Source(path, text)
    return FileResult(path, source, LINTER.lint(read_document(source)))


def render(name: str, results: list[FileResult]) -> str:
    return get_formatter(name)(results, RULES)


@pytest.fixture(autouse=True)
def repo(tmp_path, monkeypatch):
    """Run every test at the top of a (fake) git work tree, outside GitHub Actions."""
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return tmp_path


@pytest.fixture
def results() -> list[FileResult]:
    return [
        lint("news/council.txt", COUNCIL),
        lint("news/council-copy.txt", COUNCIL),
        lint("news/naming.txt", NAMING),
        lint("news/clean.txt", CLEAN),
        FileResult("news/missing.txt", None, error="news/missing.txt: no such file"),
    ]


def test_articles_give_the_findings_the_format_tests_rely_on(results):
    found = map(json.loads, encoded_rows(results[:1]))
    rows = [(d["path"], d["rule"], d["line"], d["column"]) for d in found]
    assert rows == [
        ("news/council.txt", "stray-marker", 3, 1),
        ("news/council.txt", "hyphen-spacing", 5, 5),
        ("news/council.txt", "stray-marker", 7, 1),
        ("news/council.txt", "quote-punctuation", 9, 32),
    ]


def test_every_format_is_registered_and_auto_is_a_choice():
    expected = [
        "text",
        "concise",
        "json",
        "json-lines",
        "sarif",
        "github",
        "gitlab",
        "junit",
        "rdjson",
        "auto",
    ]
    assert list(FORMATTERS) == expected


# --- auto -----------------------------------------------------------------------------------------


def test_auto_picks_github_inside_github_actions_and_text_elsewhere(monkeypatch, results):
    assert resolve("auto") == "text"
    assert resolve("sarif") == "sarif"
    assert render("auto", results) == render("text", results)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert resolve("auto") == "github"
    assert get_formatter("auto") is get_formatter("github")
    assert render("auto", results) == render("github", results)


# --- GitHub workflow commands -------------------------------------------------------------------
# docs.github.com "Workflow commands for GitHub Actions":
#   ::error file={name},line={line},endLine={endLine},title={title}::{message}
#   ::error file=app.js,line=1,col=5,endColumn=7,title=YOUR-TITLE::Missing semicolon
# and the runner's escaping (actions/toolkit command.ts escapeData / escapeProperty).

GITHUB_SAMPLE = "::error file=app.js,line=1,col=5,endColumn=7,title=YOUR-TITLE::Missing semicolon"
COMMAND = re.compile(r"^::(error|warning|notice)(?: ((?:[A-Za-z]+=[^,:]*)(?:,[A-Za-z]+=[^,:]*)*))?::(.*)$")
PROPERTIES = {"file", "line", "endLine", "col", "endColumn", "title"}


def unescape(text: str) -> str:
    """What the runner does to a value, in the order it does it."""
    for code, char in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        text = text.replace(code, char)
    return text


def parse_command(line: str) -> tuple[str, dict[str, str], str]:
    match = COMMAND.match(line)
    assert match, line
    props = dict(p.split("=", 1) for p in match.group(2).split(",")) if match.group(2) else {}
    assert set(props) <= PROPERTIES
    return match.group(1), {k: unescape(v) for k, v in props.items()}, unescape(match.group(3))


def test_github_sample_is_what_our_parser_accepts():
    assert parse_command(GITHUB_SAMPLE) == (
        "error",
        {"file": "app.js", "line": "1", "col": "5", "endColumn": "7", "title": "YOUR-TITLE"},
        "Missing semicolon",
    )


def test_github_escaping_follows_the_runner():
    assert escape_data("5% off\r\nnow: a, b") == "5%25 off%0D%0Anow: a, b"
    assert escape_property("5% off\r\nnow: a, b") == "5%25 off%0D%0Anow%3A a%2C b"


def test_github_exact_lines_with_escaping():
    out = render("github", [lint("news/50%, a:b.txt", PRICES), lint("news/council.txt", COUNCIL)])
    residue = "Scraping residue '{}' left in the article body"
    council = "::{} file=news/council.txt,line={},col={},endLine={},endColumn={},title=newslint ({})::"
    assert out.splitlines() == [
        "::warning file=news/50%25%2C a%3Ab.txt,line=1,col=1,endLine=1,endColumn=29,"
        "title=newslint (stray-marker)::"
        + residue.format("Related: Prices up 5%25 in May")
        + '%0Asafe fix: delete "Related: Prices up 5%25 in May" (whole line)',
        council.format("warning", 3, 1, 3, 14, "stray-marker")
        + residue.format("Advertisement")
        + '%0Asafe fix: delete "Advertisement" (whole line)',
        council.format("warning", 5, 5, 5, 15, "hyphen-spacing")
        + "Stray space before a hyphen in 'US -backed': use 'US-backed'"
        + '%0Asafe fix: replace "US -backed" with "US-backed"',
        council.format("warning", 7, 1, 7, 14, "stray-marker")
        + residue.format("Advertisement")
        + '%0Asafe fix: delete "Advertisement" (whole line)',
        council.format("notice", 9, 32, 9, 34, "quote-punctuation")
        + "American style puts the comma or period inside the closing quotation mark: ',”'"
        + '%0Asafe fix: replace "”," with ",”"',
    ]
    kind, props, message = parse_command(out.splitlines()[0])
    assert (kind, props["file"], props["line"]) == ("warning", "news/50%, a:b.txt", "1")
    assert message.splitlines()[0] == residue.format("Related: Prices up 5% in May")


def test_github_related_places_and_unreadable_files(results):
    lines = render("github", results).splitlines()
    assert lines[0] == "::error file=news/missing.txt,title=newslint::news/missing.txt: no such file"
    naming = [parse_command(line) for line in lines if "naming.txt" in line]
    assert naming == [
        (
            "warning",
            {
                "file": "news/naming.txt",
                "line": "3",
                "col": "5",
                "endLine": "3",
                "endColumn": "7",
                "title": "newslint (inconsistent-naming)",
            },
            "'US' and 'U.S.' are both used in this article ('U.S.' (1×), 'US' (1×)); pick one\n"
            "related: news/naming.txt:1:1 'U.S.' used here",
        )
    ]
    assert all(COMMAND.match(line) for line in lines)


def test_github_paths_are_relative_to_the_repository_root(repo, monkeypatch):
    (repo / "desk").mkdir()
    monkeypatch.chdir(repo / "desk")
    line = render("github", [lint("story.txt", PRICES)]).splitlines()[0]
    assert line.startswith("::warning file=desk/story.txt,line=1,")


# --- GitLab Code Quality --------------------------------------------------------------------------
# docs.gitlab.com "Code Quality", "Code Quality report format" (the documented example):
GITLAB_SAMPLE = [
    {
        "description": "'unused' is assigned a value but never used.",
        "check_name": "no-unused-vars",
        "fingerprint": "7815696ecbf1c96e6894b779456d330e",
        "severity": "minor",
        "location": {"path": "lib/index.js", "lines": {"begin": 42}},
    }
]
GITLAB_SEVERITIES = {"info", "minor", "major", "critical", "blocker"}


def assert_shape(sample, ours, where="$"):
    """Every key of the documented sample is in our output with a value of the same JSON type."""
    assert type(ours) is type(sample), f"{where}: {type(ours).__name__} is not {type(sample).__name__}"
    if isinstance(sample, dict):
        for key, value in sample.items():
            assert key in ours, f"{where}: missing {key!r}"
            assert_shape(value, ours[key], f"{where}.{key}")
    elif isinstance(sample, list):
        assert ours, f"{where}: empty"
        for item in ours:
            assert_shape(sample[0], item, f"{where}[]")


def test_gitlab_matches_the_documented_sample(results):
    issues = json.loads(render("gitlab", results))
    assert_shape(GITLAB_SAMPLE, issues)
    assert {i["severity"] for i in issues} <= GITLAB_SEVERITIES
    assert [
        (i["check_name"], i["location"]["path"], i["location"]["lines"]["begin"]) for i in issues[:4]
    ] == [
        ("stray-marker", "news/council-copy.txt", 3),
        ("hyphen-spacing", "news/council-copy.txt", 5),
        ("stray-marker", "news/council-copy.txt", 7),
        ("quote-punctuation", "news/council-copy.txt", 9),
    ]
    assert {i["check_name"]: i["severity"] for i in issues}["quote-punctuation"] == "info"


def test_gitlab_fingerprints_are_unique_and_stable(results):
    issues = json.loads(render("gitlab", results))
    prints = [i["fingerprint"] for i in issues]
    assert len(prints) == len(set(prints)) == 9  # 4 in each copy, 1 in naming, none in clean
    # two identical findings: same rule and text, different lines of one file and in two files
    markers = [i for i in issues if i["check_name"] == "stray-marker"]
    assert len({i["fingerprint"] for i in markers}) == 4
    # a paragraph added above moves every finding down; no fingerprint changes
    moved = json.loads(render("gitlab", [lint("news/council.txt", "A new first paragraph.\n\n" + COUNCIL)]))
    before = json.loads(render("gitlab", [lint("news/council.txt", COUNCIL)]))
    assert [i["fingerprint"] for i in moved] == [i["fingerprint"] for i in before]
    assert [i["location"]["lines"]["begin"] for i in moved] == [5, 7, 9, 11]


# --- JUnit XML ------------------------------------------------------------------------------------
# The shape GitLab (artifacts:reports:junit) and Jenkins' JUnit plugin read:
JUNIT_SAMPLE = """<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="lint" tests="2" failures="1" errors="0">
  <testsuite name="lint" tests="2" failures="1" errors="0" skipped="0">
    <testcase classname="src/a" name="rule (1:1)" file="src/a.txt" line="1">
      <failure message="short message" type="rule">src/a.txt:1:1: details</failure>
    </testcase>
    <testcase classname="src/b" name="no findings" file="src/b.txt"/>
  </testsuite>
</testsuites>
"""


def test_junit_parses_like_the_sample_with_counts(results):
    sample = ET.fromstring(JUNIT_SAMPLE.split("\n", 1)[1])
    out = render("junit", results)
    assert out.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    root = ET.fromstring(out.split("\n", 1)[1])
    assert root.tag == sample.tag and set(sample.attrib) <= set(root.attrib)
    (suite,) = root
    assert suite.tag == "testsuite" and set(sample[0].attrib) <= set(suite.attrib)
    cases = suite.findall("testcase")
    failures = suite.findall("testcase/failure")
    errors = suite.findall("testcase/error")
    assert (len(cases), len(failures), len(errors)) == (11, 9, 1)  # 9 findings, 1 clean file, 1 unreadable
    for element in (root, suite):
        assert (element.get("tests"), element.get("failures"), element.get("errors")) == ("11", "9", "1")
    assert set(sample[0][0].attrib) <= set(cases[0].attrib)
    first = suite.find("testcase[@file='news/council.txt']")
    assert first.attrib == {
        "classname": "news/council",
        "name": "stray-marker (3:1)",
        "file": "news/council.txt",
        "line": "3",
    }
    failure = first.find("failure")
    message = "Scraping residue 'Advertisement' left in the article body"
    assert failure.attrib == {"message": message, "type": "stray-marker"}
    assert failure.text.splitlines() == [
        f"news/council.txt:3:1: stray-marker [warning] {message}",
        'safe fix: delete "Advertisement" (whole line)',
    ]
    clean = suite.find("testcase[@file='news/clean.txt']")
    assert clean.get("name") == "no findings" and len(clean) == 0
    missing = suite.find("testcase[@file='news/missing.txt']/error")
    assert missing.attrib == {"message": "news/missing.txt: no such file", "type": "input-error"}


def test_junit_drops_characters_xml_cannot_hold():
    out = render("junit", [FileResult("news/odd.txt", None, error="news/odd.txt: bad byte \x0b here")])
    error = ET.fromstring(out.split("\n", 1)[1]).find(".//error")
    assert error.get("message") == "news/odd.txt: bad byte \ufffd here"


# --- reviewdog rdjson -----------------------------------------------------------------------------
# reviewdog proto/rdf README, rdjson example (optional fields we never emit, url and top-level
# severity, left out):
RDJSON_SAMPLE = {
    "source": {"name": "super lint"},
    "diagnostics": [
        {
            "message": "<msg>",
            "location": {
                "path": "<file path>",
                "range": {"start": {"line": 14, "column": 1}, "end": {"line": 14, "column": 5}},
            },
            "suggestions": [
                {
                    "range": {"start": {"line": 14, "column": 1}, "end": {"line": 14, "column": 5}},
                    "text": "<replacement text>",
                }
            ],
            "severity": "ERROR",
            "code": {"value": "<rule code>"},
        }
    ],
}


def span(line: int, column: int, end_line: int, end_column: int) -> dict:
    return {"start": {"line": line, "column": column}, "end": {"line": end_line, "column": end_column}}


def test_rdjson_matches_the_documented_sample():
    out = json.loads(render("rdjson", [lint("news/council.txt", COUNCIL)]))
    fixed = {"source": out["source"], "diagnostics": [d for d in out["diagnostics"] if "suggestions" in d]}
    assert_shape(RDJSON_SAMPLE, fixed)
    assert out["source"]["name"] == "newslint"
    assert [(d["code"]["value"], d["severity"]) for d in out["diagnostics"]] == [
        ("stray-marker", "WARNING"),
        ("hyphen-spacing", "WARNING"),
        ("stray-marker", "WARNING"),
        ("quote-punctuation", "INFO"),
    ]
    marker = out["diagnostics"][0]
    assert marker["location"] == {"path": "news/council.txt", "range": span(3, 1, 3, 14)}
    # the fix deletes the line and the blank line after it: the end is the start of line 5
    assert marker["suggestions"] == [{"range": span(3, 1, 5, 1), "text": ""}]


def test_rdjson_columns_count_utf8_bytes():
    quote = json.loads(render("rdjson", [lint("news/council.txt", COUNCIL)]))["diagnostics"][3]
    # 'The mayor called it “a good day”, she said.': '”,' is at character 32; “ and ” are 3 bytes each
    assert quote["location"]["range"] == span(9, 34, 9, 38)
    assert quote["suggestions"][0]["text"] == ",”"


# --- json-lines -----------------------------------------------------------------------------------


def test_json_lines_is_one_json_format_object_per_line(results):
    lines = render("json-lines", results).splitlines()
    assert [json.loads(line) for line in lines] == json.loads(render("json", results))
    assert len(lines) == 9
    assert render("json-lines", [lint("news/clean.txt", CLEAN)]) == ""


# --- statistics -----------------------------------------------------------------------------------


def test_statistics_counts_per_rule_most_frequent_first(results):
    from newslint.formatters.statistics import format_statistics

    assert format_statistics(results, RULES).splitlines() == [
        "4  stray-marker         [*] warning",
        "2  hyphen-spacing       [*] warning",
        "2  quote-punctuation    [*] info",
        "1  inconsistent-naming  [ ] warning",
    ]
    assert format_statistics([lint("news/clean.txt", CLEAN)], RULES) == ""


# --- SARIF ----------------------------------------------------------------------------------------


def sarif_schema() -> dict:
    if not os.path.exists(SARIF_SCHEMA):
        pytest.skip("../shared/schemas/sarif-schema-2.1.0.json is not here")
    with open(SARIF_SCHEMA, encoding="utf-8") as fh:
        return json.load(fh)


def validate_sarif(log: dict) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.validate(log, sarif_schema())


def sarif_results(results: list[FileResult]) -> list[dict]:
    return json.loads(render("sarif", results))["runs"][0]["results"]


def uri(result: dict) -> str:
    return result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]


def test_sarif_validates_against_the_schema(results):
    validate_sarif(json.loads(render("sarif", results)))


def test_sarif_of_a_run_on_examples_validates(repo, monkeypatch):
    from newslint import runner

    monkeypatch.chdir(PROJECT)
    out = repo / "examples.sarif"
    runner.run_check(paths=[os.path.join(PROJECT, "examples")], output_format="sarif", output_file=str(out))
    log = json.loads(out.read_text(encoding="utf-8"))
    validate_sarif(log)
    for result in log["runs"][0]["results"]:
        assert uri(result).startswith("examples/"), uri(result)


def test_sarif_tool_rules_and_run_properties(repo, results):
    run = json.loads(render("sarif", results))["runs"][0]
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("newslint", __version__)
    assert [r["id"] for r in driver["rules"]] == sorted(RULES)
    marker = next(r for r in driver["rules"] if r["id"] == "stray-marker")
    assert marker["shortDescription"]["text"].startswith("Flags whole short lines that are page furniture")
    assert "\n## " not in marker["fullDescription"]["text"]
    assert "## Why is this bad?" in marker["help"]["markdown"] and marker["help"]["text"]
    assert marker["defaultConfiguration"] == {"level": "warning"}
    quote = next(r for r in driver["rules"] if r["id"] == "quote-punctuation")
    assert quote["defaultConfiguration"] == {"level": "note"}
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": repo.as_uri() + "/"}}
    (note,) = run["invocations"][0]["toolExecutionNotifications"]
    assert (note["level"], note["message"]["text"]) == ("error", "news/missing.txt: no such file")


def test_sarif_results_locations_fixes_and_fingerprints(results):
    run = json.loads(render("sarif", results))["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    found = run["results"]
    assert len(found) == 9
    for r in found:
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
        artifact = r["locations"][0]["physicalLocation"]["artifactLocation"]
        assert artifact["uriBaseId"] == "%SRCROOT%" and not artifact["uri"].startswith(("/", "file:"))
    assert len({r["partialFingerprints"]["newslint/v1"] for r in found}) == 9
    first = next(r for r in found if uri(r) == "news/council.txt")
    assert first["ruleId"] == "stray-marker" and first["level"] == "warning"
    assert first["message"]["text"] == "Scraping residue 'Advertisement' left in the article body"
    assert first["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 3,
        "startColumn": 1,
        "endLine": 3,
        "endColumn": 14,
    }
    (fix,) = first["fixes"]
    assert fix["description"] == {"text": 'safe fix: delete "Advertisement" (whole line)'}
    (change,) = fix["artifactChanges"]
    assert change["artifactLocation"] == {"uri": "news/council.txt", "uriBaseId": "%SRCROOT%"}
    assert change["replacements"] == [
        {
            "deletedRegion": {"startLine": 3, "startColumn": 1, "endLine": 5, "endColumn": 1},
            "insertedContent": {"text": ""},
        }
    ]
    naming = next(r for r in found if r["ruleId"] == "inconsistent-naming")
    assert naming["relatedLocations"] == [
        {
            "physicalLocation": {
                "artifactLocation": {"uri": "news/naming.txt", "uriBaseId": "%SRCROOT%"},
                "region": {"startLine": 1, "startColumn": 1, "endLine": 1, "endColumn": 5},
            },
            "id": 1,
            "message": {"text": "'U.S.' used here"},
        }
    ]
    quote = next(r for r in found if r["ruleId"] == "quote-punctuation")
    assert quote["level"] == "note"
    # columns count code points: '”,' is characters 32-33 of its line
    assert quote["locations"][0]["physicalLocation"]["region"]["startColumn"] == 32


def test_sarif_uris_are_repo_relative_and_percent_encoded(repo, monkeypatch):
    (repo / "desk").mkdir()
    monkeypatch.chdir(repo / "desk")
    log = json.loads(render("sarif", [lint("my story.txt", PRICES)]))
    validate_sarif(log)
    artifact = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert artifact == {"uri": "desk/my%20story.txt", "uriBaseId": "%SRCROOT%"}


def test_sarif_fingerprints_ignore_line_moves_and_match_gitlab():
    before = sarif_results([lint("news/council.txt", COUNCIL)])
    after = sarif_results([lint("news/council.txt", "A new first paragraph.\n\n" + COUNCIL)])
    assert [r["partialFingerprints"] for r in before] == [r["partialFingerprints"] for r in after]
    gitlab = json.loads(render("gitlab", [lint("news/council.txt", COUNCIL)]))
    assert [r["partialFingerprints"]["newslint/v1"] for r in before] == [i["fingerprint"] for i in gitlab]


def test_sarif_with_no_findings_is_valid(results):
    log = json.loads(render("sarif", [lint("news/clean.txt", CLEAN)]))
    validate_sarif(log)
    assert log["runs"][0]["results"] == []


AWKWARD = '‘quoted’ “text” é \u2028 \\ " \n\t\x00\x1f \U0001f600 \ud800'


def test_json_rows_are_what_json_dumps_writes_in_the_contracts_field_order():
    text = "The US -backed plan passed.\n"
    edit = Edit(Span(6, 8), AWKWARD)
    finding = Finding(
        "hyphen-spacing",
        Severity.ERROR,
        AWKWARD,
        Span(4, 13),
        Fix("unsafe", (edit, Edit(Span(8, 9), ""))),
        (Related(AWKWARD, 2, 3, 4, 5, AWKWARD), Related("b.txt", 1, 1, 1, 9)),
    )
    plain = Finding("stray-marker", Severity.INFO, "m", Span(20, 25))
    source = Source(AWKWARD, text)
    rows = encoded_rows([FileResult(AWKWARD, source, [finding, plain])])
    assert [json.dumps(json.loads(row), ensure_ascii=False) for row in rows] == rows
    first = json.loads(rows[0])
    assert list(first) == [
        "path", "rule", "severity", "message", "line", "column", "end_line", "end_column", "fix", "related"
    ]  # fmt: skip
    assert (first["path"], first["message"], first["severity"]) == (AWKWARD, AWKWARD, "error")
    assert (first["line"], first["column"], first["end_line"], first["end_column"]) == (1, 5, 1, 14)
    assert first["fix"] == {
        "applicability": "unsafe",
        "edits": [
            {"line": 1, "column": 7, "end_line": 1, "end_column": 9, "content": AWKWARD},
            {"line": 1, "column": 9, "end_line": 1, "end_column": 10, "content": ""},
        ],
    }
    assert first["related"] == [
        {"path": AWKWARD, "line": 2, "column": 3, "end_line": 4, "end_column": 5, "message": AWKWARD},
        {"path": "b.txt", "line": 1, "column": 1, "end_line": 1, "end_column": 9, "message": ""},
    ]
    assert json.loads(rows[1])["fix"] is None and json.loads(rows[1])["related"] == []


@pytest.mark.parametrize("n", [0, 1, 2])
def test_json_report_brackets_its_rows(n):
    from newslint.formatters.json import format_json

    text = "Advertisement\n" * n
    spans = [Span(14 * i, 14 * i + 13) for i in range(n)]
    found = [Finding("stray-marker", Severity.INFO, "m", s) for s in spans]
    results = [FileResult("a.txt", Source("a.txt", text), found)]
    rows = encoded_rows(results)
    assert format_json(results, {}) == ("[\n" + ",\n".join(rows) + "\n]\n" if rows else "[]\n")


def test_report_written_in_pieces_is_the_report(tmp_path, monkeypatch):
    from newslint import runner

    monkeypatch.setattr(runner, "_PIECE", 7)
    report = "‘quoted’ “text” é \U0001f600\n" * 5
    runner._write_report(str(tmp_path / "r.json"), report)
    assert (tmp_path / "r.json").read_bytes() == report.encode("utf-8")
