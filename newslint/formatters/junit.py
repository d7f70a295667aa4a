"""JUnit XML for CI test-report views (GitLab `artifacts:reports:junit`, Jenkins JUnit plugin).

One <testsuite> for the run. Each finding is its own <testcase> with one <failure> (the common JUnit
schema allows one failure per test case, and GitLab and Jenkins list every failed case by name); a file
with no findings is one passing <testcase>, so the report counts every file checked; a file that could
not be read is a <testcase> with an <error>. `classname` is the path without its extension, after
ruff's JUnit output, so Jenkins does not split the extension off as a class name; `file` and `line`
carry the exact place."""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET

from newslint.formatters.base import fix_description, ordered

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # not allowed in XML 1.0


def format_junit(results: list, rules: dict) -> str:
    by_path: dict[str, list] = {r.path: [] for r in results}
    for row in ordered(results):
        by_path[row[0]].append(row)
    suite = ET.Element("testsuite", name="newslint")
    failures = errors = 0
    for result in results:
        classname = _clean(os.path.splitext(result.path)[0])
        if result.error:
            errors += 1
            case = ET.SubElement(
                suite, "testcase", classname=classname, name="read", file=_clean(result.path)
            )
            ET.SubElement(case, "error", message=_clean(result.error), type="input-error")
            continue
        rows = by_path[result.path]
        if not rows:
            ET.SubElement(
                suite, "testcase", classname=classname, name="no findings", file=_clean(result.path)
            )
        for path, source, f, loc in rows:
            failures += 1
            case = ET.SubElement(
                suite,
                "testcase",
                classname=classname,
                name=f"{f.rule} ({loc.line}:{loc.column})",
                file=_clean(path),
                line=str(loc.line),
            )
            body = f"{path}:{loc.line}:{loc.column}: {f.rule} [{f.severity}] {f.message}"
            if f.fix:
                body += f"\n{f.fix.applicability} fix: {fix_description(source, f)}"
            for r in f.related:
                body += f"\nrelated: {r.path}:{r.line}:{r.column}" + (f" {r.message}" if r.message else "")
            failure = ET.SubElement(case, "failure", message=_clean(f.message), type=f.rule)
            failure.text = _clean(body)
    counts = {"tests": str(len(suite)), "failures": str(failures), "errors": str(errors), "skipped": "0"}
    suite.attrib.update(counts)
    root = ET.Element("testsuites", name="newslint", tests=counts["tests"], failures=counts["failures"])
    root.set("errors", counts["errors"])
    root.append(suite)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)
