"""`newslint check` as a function: configuration, linting, run-level rules, report, exit code."""

from __future__ import annotations

import sys

from newslint import api, config
from newslint.engine import Linter, select_rules
from newslint.finding import Severity
from newslint.formatters import get_formatter
from newslint.progress import Progress

RUN_LEVEL_KINDS = ("cross_file",)


def run_check(
    paths: list[str],
    output_format: str = "text",
    select: list[str] | None = None,
    ignore: list[str] | None = None,
    fail_on: str | None = None,
    config_file: str | None = None,
    cross_file: bool = True,
    index: str | None = None,
    jobs: int | None = None,
    output_file: str | None = None,
) -> int:
    cfg = config.load(config_file or config.discover())
    rules = select_rules(cfg, select, ignore)
    run_rules = [r for r in rules if r.kind in RUN_LEVEL_KINDS]
    files = api.collect_paths(paths, cfg.exclude)
    run_rules = [r for r in run_rules if cross_file and (len(files) > 1 or index)]
    linter = Linter([r for r in rules if r.kind not in RUN_LEVEL_KINDS])
    progress = Progress(len(files)) if len(files) >= 200 and sys.stderr.isatty() else None
    results = api.lint_paths(files, linter, keep_documents=bool(run_rules), jobs=jobs, progress=progress)
    if progress:
        progress.done()
    for rule in run_rules:
        from newslint.dupes.crossfile import cross_file_findings

        docs = [r.document for r in results if r.document is not None]
        extra = cross_file_findings(docs, rule, index_path=index)
        for r in results:
            if r.path in extra:
                r.findings.extend(extra[r.path])
    for r in results:
        r.document = None
        if r.error:
            print(f"newslint: error: {r.error}", file=sys.stderr)
    report = get_formatter(output_format)(results, {r.id: r for r in rules})
    if output_file:
        with open(output_file, "w", encoding="utf-8") as fh:
            fh.write(report)
    else:
        sys.stdout.write(report)
        sys.stdout.flush()
    if any(r.error for r in results):
        return 2
    level = Severity.parse(fail_on or cfg.fail_on or "warning")
    return 1 if any(f.severity >= level for r in results for f in r.findings) else 0
