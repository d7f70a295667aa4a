"""`newslint check` as a function: configuration, linting, run-level rules, report, exit code."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from newslint import api, config
from newslint.engine import RUN_LEVEL_KINDS, Linter, available_rules, select_rules
from newslint.errors import InputError
from newslint.finding import Finding, Severity
from newslint.formatters import get_formatter
from newslint.progress import Progress
from newslint.readers import read_document
from newslint.source import Source
from newslint.suppressions import RULE_ID as UNUSED_SUPPRESSION
from newslint.suppressions import Suppressor

if TYPE_CHECKING:
    from newslint import fixer


def _without_cycle_collection(run: Callable[..., int]) -> Callable[..., int]:
    """The cycle collector off for a check run: it makes hundreds of thousands of objects
    (findings, results from the workers, report rows) and no reference cycles, and each collection
    would scan them all again (the workers collect their own garbage)."""

    @functools.wraps(run)
    def wrapper(*args: Any, **kwargs: Any) -> int:
        with api.no_cycle_collection():
            return run(*args, **kwargs)

    return wrapper


@_without_cycle_collection
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
    fix: bool = False,
    unsafe_fixes: bool = False,
    diff: bool = False,
    baseline_file: str | None = None,
    write_baseline: str | None = None,
    statistics: bool = False,
    exiting: bool = False,
) -> int:
    """Check the paths and write the report; returns the exit code. `exiting`: the process ends
    right after (the CLI), so the run's results are left for the exit to drop instead of being
    freed one object at a time (10-20 ms after a large run)."""
    if baseline_file or write_baseline:
        from newslint import baseline
    cfg = config.load(config_file or config.discover())
    rules = select_rules(cfg, select, ignore)
    run_rules = [r for r in rules if r.kind in RUN_LEVEL_KINDS]
    files, misnamed = _named(api.collect_paths(paths, cfg.exclude))
    run_rules = [r for r in run_rules if cross_file and (len(files) > 1 or index)]
    linter = Linter([r for r in rules if r.kind not in RUN_LEVEL_KINDS])
    linters = _per_path_linters(cfg, files, select, ignore, linter)
    known = frozenset(available_rules(cfg))
    unused_rule = next((r for r in rules if r.id == UNUSED_SUPPRESSION), None)
    ran = frozenset(r.id for r in linter.rules) | {r.id for r in run_rules}
    all_ran = not select and not ignore and len(run_rules) == sum(r.kind in RUN_LEVEL_KINDS for r in rules)
    suppress = Suppressor(known, ran, unused_rule, all_ran)
    base = baseline.load_baseline(baseline_file) if baseline_file else None
    progress = Progress(len(files)) if len(files) >= 200 and sys.stderr.isatty() else None
    collect = _collector(run_rules, index)
    results = _lint(files, linters, collect, jobs, progress) + misnamed
    if progress:
        progress.done()
    own = [r.findings for r in results]  # each file's findings before run-level rules and suppressions
    _finish(results, own, run_rules, index, suppress)
    if fix or diff:
        changed = _fix(results, own, linters, suppress, unsafe_fixes, diff, collect)
        if diff:
            return 2 if any(r.error for r in results) else int(changed)
        if changed:
            _finish(results, own, run_rules, index, suppress)
    if exiting:
        _LEFT_FOR_EXIT.append(results)
    for r in results:
        if not exiting:
            r.article = None  # what the run-level rule needed: freed before the report is made
        if r.error:
            print(f"newslint: error: {r.error}", file=sys.stderr)
    if write_baseline:
        n = baseline.write_baseline(write_baseline, results)
        print(f"newslint: wrote {n} baseline entries to {write_baseline}", file=sys.stderr)
        return 2 if any(r.error for r in results) else 0
    stale = baseline.filter_baselined(results, base) if base else []
    if stale:
        print(baseline.describe_stale(base.path, stale), file=sys.stderr)
    if statistics:
        from newslint.formatters.statistics import format_statistics

        report = format_statistics(results, {r.id: r for r in rules})
    else:
        report = get_formatter(output_format)(results, {r.id: r for r in rules})
    if output_file:
        _write_report(output_file, report)
    else:
        # `--fix -` prints the fixed text on stdout, so the report goes to stderr (as ruff does)
        out = sys.stderr if fix and api.STDIN in files else sys.stdout
        out.write(report)
        out.flush()
    if any(r.error for r in results):
        return 2
    level = Severity.parse(fail_on or cfg.fail_on or "warning")
    return 1 if any(f.severity >= level for r in results for f in r.findings) else 0


_LEFT_FOR_EXIT: list = []  # see run_check(exiting=True)


_PIECE = 1 << 18  # characters


def _write_report(path: str, report: str) -> None:
    try:
        with open(path, "w", encoding="utf-8") as fh:
            # in pieces: the report's bytes, megabytes, are never all in memory at once (each new
            # large buffer costs the kernel's page faults)
            for at in range(0, len(report), _PIECE):
                fh.write(report[at : at + _PIECE])
    except OSError as exc:  # a folder, a missing folder, no permission: the user's to mend
        raise InputError(f"{path}: cannot write the report: {exc.strerror}") from None


def _named(files: list[str]) -> tuple[list[str], list[api.FileResult]]:
    """The files whose names can be reported, and an error result under a printable name for
    each of the others."""
    ok, misnamed = [], []
    for path in files:
        error = api.name_error(path)
        if error:
            misnamed.append(api.FileResult(api.printable(path), None, error=error))
        else:
            ok.append(path)
    return ok, misnamed


def _per_path_linters(
    cfg: config.Config, files: list[str], select: list[str] | None, ignore: list[str] | None, default: Linter
) -> dict[str, Linter]:
    """The linter for each file: the run's, or one built for the per_path settings that match it."""
    out = {"": default}
    if not cfg.per_path:
        return out
    by_settings: dict[str, Linter] = {}
    for path in files:
        local = config.for_path(cfg, path)
        if local is cfg:
            continue
        key = repr((local.select, local.ignore, sorted(local.rules.items(), key=repr)))
        if key not in by_settings:
            rules = [r for r in select_rules(local, select, ignore) if r.kind not in RUN_LEVEL_KINDS]
            by_settings[key] = Linter(rules)
        out[path] = by_settings[key]
    return out


def _collector(run_rules: list, index: str | None):
    """What the workers collect of each document for the run-level rule (cross-file duplicates)."""
    if not run_rules:
        return None
    from newslint.dupes.crossfile import Collector

    collect = Collector.for_run(run_rules[0], index)
    collect.preload()
    return collect


def _lint(files: list[str], linters: dict[str, Linter], collect, jobs: int | None, progress) -> list:
    """Lint files in order, each group of files sharing per-path settings with its own linter."""
    default = linters.get("")
    groups: dict[int, tuple[Linter, list[str]]] = {}
    for path in files:
        linter = linters.get(path, default)
        groups.setdefault(id(linter), (linter, []))[1].append(path)
    by_path = {}
    for linter, paths in groups.values():
        for result in api.lint_paths(paths, linter, collect=collect, jobs=jobs, progress=progress):
            by_path[result.path] = result
    return [by_path[p] for p in files]


def _finish(
    results: list, own: list[list[Finding]], run_rules: list, index: str | None, suppress: Suppressor
) -> None:
    """Each file's findings: its own and the run-level rules', less the suppressed ones."""
    extra: dict[str, list[Finding]] = {}
    for rule in run_rules:
        from newslint.dupes.crossfile import cross_file_findings

        docs = [r.article for r in results if r.article is not None]
        for path, found in cross_file_findings(docs, rule, index_path=index).items():
            extra.setdefault(path, []).extend(found)
    for r, found in zip(results, own, strict=True):
        if r.source is not None:
            r.findings = suppress(r.source, found + extra.get(r.path, []))


def _fix(
    results: list,
    own: list[list[Finding]],
    linters: dict[str, Linter],
    suppress: Suppressor,
    unsafe: bool,
    diff: bool,
    collect,
) -> bool:
    """Fix each file (print a diff instead with `diff`; print the text for stdin) and say what was
    done on stderr. Fixed files get their new source, article and own findings."""
    from newslint import fixer

    # between rounds only the file itself is re-linted, so only its own rules judge its suppressions
    for_linter = {
        id(lt): replace(suppress, enabled=frozenset(r.id for r in lt.rules), judge_all=False)
        for lt in linters.values()
    }
    hidden = (
        0 if unsafe else sum(f.fix.applicability == "unsafe" for r in results for f in r.findings if f.fix)
    )
    applied = files = 0
    for i, r in enumerate(results):
        if r.source is None or not any(fixer.applicable(f, unsafe) for f in r.findings):
            continue
        linter = linters.get(r.path, linters[""])
        outcome, last = _fix_one(r.source, r.findings, linter, for_linter[id(linter)], unsafe)
        if not outcome.converged:
            print(
                f"newslint: warning: {r.path}: fixes still changing after {fixer.MAX_ROUNDS} rounds",
                file=sys.stderr,
            )
        if not outcome.applied:
            continue
        try:
            if diff:
                sys.stdout.write(fixer.unified_diff(r.source, outcome.text))
            elif r.path != api.STDIN:
                fixer.write_atomic(r.source, outcome.text)
        except InputError as exc:
            r.error = str(exc)
            continue
        r.source = Source(r.path, outcome.text, r.source.encoding, r.source.bom)
        r.article = collect(last["doc"]) if collect else None
        own[i] = last["own"]
        applied += outcome.applied
        files += 1
    stdin = next((r for r in results if r.path == api.STDIN and r.source is not None), None)
    if stdin and not diff:
        sys.stdout.buffer.write(fixer.encode(stdin.source, stdin.source.text))
        sys.stdout.flush()
    summary = f"{_plural(applied, 'finding')} in {_plural(files, 'file')}"
    hint = f" ({hidden} more with --unsafe-fixes)" if hidden else ""
    if applied or hidden:
        print(f"Would fix {summary}.{hint}" if diff else f"Fixed {summary}.{hint}", file=sys.stderr)
    return files > 0


def _fix_one(
    source: Source, findings: list[Finding], linter: Linter, suppress: Suppressor, unsafe: bool
) -> tuple[fixer.FixOutcome, dict]:
    """Fix one file; also returns the last re-lint's document and own findings."""
    from newslint import fixer

    last: dict = {}

    def relint(source: Source) -> list[Finding]:
        doc = read_document(source)
        last.update(doc=doc, own=linter.lint(doc))
        return suppress(source, last["own"])

    return fixer.fix_source(source, relint, unsafe, findings=findings), last


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else many or one + 's'}"
