"""`newslint index ...`: build and update the archive index used by `check --index`.

Everything heavy is imported inside the commands, so `newslint check` does not pay for it.
"""

from __future__ import annotations

from typing import Optional

import typer

from newslint.errors import NewslintError

DEFAULT_INDEX = ".newslint/index.sqlite"
RULE_ID = "cross-article-duplicate"

app = typer.Typer(
    help="Build and update the archive index that `newslint check --index` compares new articles with.",
    no_args_is_help=True,
)

_INDEX = typer.Option(DEFAULT_INDEX, "--index", help="The index file.")
_JOBS = typer.Option(None, "--jobs", "-j", min=1, help="Worker processes (default: all cores).")
_CONFIG = typer.Option(None, "--config", help="Configuration file (default: discovered).")


def _fail(exc: NewslintError) -> typer.Exit:
    typer.echo(f"newslint: error: {exc}", err=True)
    return typer.Exit(exc.exit_code)


def _params(config_file: Optional[str]):
    """Fingerprint settings from the cross-article-duplicate rule, as configured."""
    from newslint import config, engine
    from newslint.dupes.fingerprint import Params
    from newslint.kinds.cross_file import validate

    cfg = config.load(config_file or config.discover())
    rule = engine.select_rules(cfg, select=[RULE_ID])[0]
    validate(rule)
    return Params.from_options(rule.options)


def _report(stats, index: str, verb: str) -> None:
    for error in stats.errors:
        typer.echo(f"newslint: warning: {error} (not indexed)", err=True)
    extra = f" ({stats.unchanged:,} unchanged, {stats.removed:,} removed)" if verb == "updated" else ""
    typer.echo(
        f"{verb} {index}: read {_n(stats.files, 'file')}{extra}, indexed {_n(stats.paragraphs, 'paragraph')} "
        f"({stats.banded:,} new distinct) in {stats.seconds:.1f}s"
    )


def _n(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


@app.command()
def build(
    paths: list[str] = typer.Argument(..., help="Article files or directories to index."),
    index: str = _INDEX,
    jobs: Optional[int] = _JOBS,
    config_file: Optional[str] = _CONFIG,
) -> None:
    """Index every article under PATHS into a new index file (replacing an old one)."""
    from newslint.dupes import index as store

    try:
        stats = store.build(paths, index, _params(config_file), jobs)
    except NewslintError as exc:
        raise _fail(exc) from None
    _report(stats, index, "built")


@app.command()
def update(
    paths: Optional[list[str]] = typer.Argument(
        None, help="Files or directories to rescan (default: those the index was built from)."
    ),
    index: str = _INDEX,
    jobs: Optional[int] = _JOBS,
) -> None:
    """Add new and changed files to the index (by mtime and size, then content hash); drop deleted ones."""
    from newslint.dupes import index as store

    try:
        stats = store.update(index, paths or None, jobs)
    except NewslintError as exc:
        raise _fail(exc) from None
    _report(stats, index, "updated")


@app.command()
def info(index: str = _INDEX) -> None:
    """Print what an index holds and the settings it was built with."""
    import json

    from newslint.dupes.index import Index

    try:
        with Index.open(index) as ix:
            typer.echo(f"{index}: {ix.count('files'):,} files, {ix.count('paragraphs'):,} paragraphs")
            typer.echo(f"roots: {', '.join(ix.roots)}")
            typer.echo(f"settings: {json.dumps(ix.params.to_json())}")
    except NewslintError as exc:
        raise _fail(exc) from None
