"""Speed: all of ../shared/corpus/fnc1 checked with every rule, side by side with proselint, and the
wall time of a single-article run (start-up included).

usage: python bench/bench_speed.py [--proselint PATH] [--limit N] [--repeat N]
Peers are optional: install them beside the project (e.g. a venv with `pip install proselint`) and pass
the command's path; a missing peer is reported and skipped. Skips cleanly when ../shared is absent.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
FNC1 = os.path.join(HERE, "..", "..", "shared", "corpus", "fnc1")
NEWSLINT = shutil.which("newslint", path=os.path.dirname(sys.executable)) or "newslint"


def wall(cmd: list[str], **kwargs) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kwargs)
    return time.perf_counter() - start


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--proselint", default=shutil.which("proselint"))
    ap.add_argument("--limit", type=int, default=0, help="only the first N files")
    ap.add_argument("--repeat", type=int, default=10, help="single-article runs to take the median of")
    args = ap.parse_args()
    if not os.path.isdir(FNC1):
        print("skipped: ../shared/corpus/fnc1 is not present")
        return 0
    files = sorted(os.path.join(FNC1, f) for f in os.listdir(FNC1) if f.endswith(".txt"))
    if args.limit:
        files = files[: args.limit]
    words = 0
    for f in files:
        with open(f, encoding="utf-8", errors="replace") as fh:
            words += len(fh.read().split())
    machine = platform.processor() or platform.machine()
    print(f"machine: {machine}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"corpus: {len(files)} fnc1 articles, {words:,} words")

    with tempfile.TemporaryDirectory() as empty:  # no config file is discovered there
        t_nl = wall([NEWSLINT, "check", "--format", "json", *files], cwd=empty)
        t_nl_1 = wall([NEWSLINT, "check", "--format", "json", "--jobs", "1", *files], cwd=empty)
        single = [wall([NEWSLINT, "check", files[0]], cwd=empty) for _ in range(args.repeat)]
        print(f"newslint, every rule, all cores: {t_nl:.2f} s ({words / t_nl:,.0f} words/s)")
        print(f"newslint, every rule, one process: {t_nl_1:.2f} s")
        print(
            f"newslint, one article, start-up included: median {statistics.median(single):.3f} s, "
            f"max {max(single):.3f} s over {args.repeat} runs"
        )
        if args.proselint and os.path.exists(args.proselint):
            t_pl = wall([args.proselint, "check", *files], cwd=empty)
            print(f"proselint check, same files: {t_pl:.2f} s")
            print(f"newslint is {t_pl / t_nl:.1f}x faster than proselint (target >= 10x)")
        else:
            print("proselint: not found (pass --proselint PATH); skipped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
