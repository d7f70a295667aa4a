"""The command line: parse options, call the API, pick a formatter, choose the exit code."""

from __future__ import annotations

import os
import sys
from enum import Enum
from typing import Optional

import typer

# newslint does no linear algebra with numpy: no BLAS thread pool spinning beside the workers
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from newslint import index_cli  # noqa: E402
from newslint.errors import NewslintError
from newslint.formatters import FORMATTERS

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="newslint: a linter for news copy (duplicates, conflicting figures, scraping residue, style).",
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
)

app.add_typer(index_cli.app, name="index")

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR, EXIT_INTERNAL = 0, 1, 2, 3


Format = Enum("Format", {name: name for name in FORMATTERS}, type=str)  # type: ignore[misc]


class Level(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"


def _fail(message: str, code: int = EXIT_ERROR) -> typer.Exit:
    typer.echo(f"newslint: error: {message}", err=True)
    return typer.Exit(code)


def _split(values: Optional[list[str]]) -> list[str]:
    return [v.strip() for value in values or [] for v in value.split(",") if v.strip()]


@app.command()
def check(
    paths: list[str] = typer.Argument(None, help="Files or directories to check ('-' reads stdin)."),
    output_format: Format = typer.Option("text", "--format", help="Output format."),
    select: Optional[list[str]] = typer.Option(
        None, help="Only these rule ids (comma-separated or repeated)."
    ),
    ignore: Optional[list[str]] = typer.Option(None, help="Skip these rule ids."),
    fail_on: Optional[Level] = typer.Option(None, help="Exit 1 when a finding is at or above this severity."),
    config_file: Optional[str] = typer.Option(
        None, "--config", help="Configuration file (default: discovered)."
    ),
    no_cross_file: bool = typer.Option(
        False, "--no-cross-file", help="Do not compare paragraphs across files."
    ),
    index: Optional[str] = typer.Option(
        None, "--index", help="Also look for duplicates in this archive index."
    ),
    jobs: Optional[int] = typer.Option(
        None, "--jobs", "-j", min=1, help="Worker processes (default: all cores)."
    ),
    output_file: Optional[str] = typer.Option(None, "--output-file", "-o", help="Write the report here."),
    fix: bool = typer.Option(False, "--fix", help="Apply safe fixes; with '-', print the fixed text."),
    unsafe_fixes: bool = typer.Option(False, "--unsafe-fixes", help="With --fix or --diff: unsafe ones too."),
    diff: bool = typer.Option(False, "--diff", help="Print the fixes as a unified diff; write nothing."),
    baseline: Optional[str] = typer.Option(None, "--baseline", help="Leave out the findings listed here."),
    statistics: bool = typer.Option(
        False, "--statistics", help="Count findings per rule instead of listing them."
    ),
    write_baseline: Optional[str] = typer.Option(
        None, "--write-baseline", help="Record the current findings as the baseline, then exit 0."
    ),
) -> None:
    """Check articles and report findings."""
    global _exit_at_once
    from newslint import runner

    if _in_main:  # the process ends after this command: tune it for one run (not when embedded)
        _tune_gc()
    try:
        code = runner.run_check(
            paths=paths or ["."],
            output_format=output_format.value,
            select=_split(select),
            ignore=_split(ignore),
            fail_on=fail_on.value if fail_on else None,
            config_file=config_file,
            cross_file=not no_cross_file,
            index=index,
            jobs=jobs,
            output_file=output_file,
            fix=fix,
            unsafe_fixes=unsafe_fixes,
            diff=diff,
            baseline_file=baseline,
            write_baseline=write_baseline,
            statistics=statistics,
            exiting=_in_main,  # main() exits at once after a check: see _exit_now
        )
    except NewslintError as exc:
        raise _fail(str(exc), exc.exit_code) from None
    finally:
        _exit_at_once = True  # nothing of a check run needs finalising: see main()
    raise typer.Exit(code)


_exit_at_once = False
# set by main(): the process ends after the command. The app run another way (typer's CliRunner,
# embedded) keeps the collector on and frees each run's results.
_in_main = False


def _exit_now(code: int | str | None) -> None:
    """Exit once the output is flushed, without tearing the interpreter down object by object
    (tens of milliseconds after a large run; mypy exits the same way). Only after `check`: its
    files are closed and its worker pool joined by then (an index command may hold a database)."""
    if isinstance(code, str):
        print(code, file=sys.stderr)
        code = 1
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:  # the reader went away ("newslint check | head"): nothing to tell it
        pass
    os._exit(code or 0)


def _tune_gc() -> None:
    """A check run makes no reference cycles in this process (documents make none, and results,
    findings and report rows are plain data), so the cycle collector is off here for good: the
    process exits after the run. What is loaded so far is frozen, which also spares forked
    workers copying those pages; the workers run the collector every 20,000 allocations."""
    import gc

    gc.freeze()
    gc.disable()


@app.command("rules")
def list_rules(config_file: Optional[str] = typer.Option(None, "--config")) -> None:
    """List the rules with their kind, severity and summary."""
    from newslint import config, engine

    try:
        cfg = config.load(config_file or config.discover())
        rules = engine.select_rules(cfg, select=["ALL"])
    except NewslintError as exc:
        raise _fail(str(exc), exc.exit_code) from None
    width = max(len(r.id) for r in rules)
    for r in rules:
        typer.echo(f"{r.id:<{width}}  {r.kind:<13} {str(r.severity):<8} {r.short_description}")


@app.command()
def explain(rule_id: str = typer.Argument(..., help="A rule id, as listed by `newslint rules`.")) -> None:
    """Print a rule's documentation."""
    from newslint import config, engine

    try:
        cfg = config.load(config.discover())
        rules = engine.select_rules(cfg, select=[rule_id])
    except NewslintError as exc:
        raise _fail(str(exc), exc.exit_code) from None
    r = rules[0]
    language = f" · language: {r.language}" if r.language else ""
    typer.echo(f"# {r.id}\n\nkind: {r.kind} · severity: {r.severity} · fix: {r.fix}{language}\n")
    typer.echo(r.description.strip() or r.message)
    if r.link:
        typer.echo(f"\n{r.link}")


def main() -> None:
    global _in_main
    _in_main = True
    try:
        app()
    except SystemExit as exc:
        if _exit_at_once:
            _exit_now(exc.code)
        raise
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:  # a bug: one line, unless debugging
        if os.environ.get("NEWSLINT_DEBUG"):
            raise
        print(
            f"newslint: internal error: {type(exc).__name__}: {exc} (set NEWSLINT_DEBUG=1 for details)",
            file=sys.stderr,
        )
        sys.exit(EXIT_INTERNAL)
