"""Speed: all of ../shared/corpus/fnc1 checked with every rule, side by side with proselint, and the
wall time of a single-article run (start-up included).

usage: python bench/bench_speed.py [--proselint PATH] [--limit N] [--repeat N] [--rounds N]
The corpus runs alternate newslint and proselint for --rounds rounds (the machine's speed drifts:
interleaving exposes both to the same drift) and report the medians and each round's ratio.
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
    ap.add_argument("--rounds", type=int, default=3, help="corpus runs of each tool, interleaved")
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

    peer = args.proselint if args.proselint and os.path.exists(args.proselint) else None
    with tempfile.TemporaryDirectory() as empty:  # no config file is discovered there
        t_nl, t_pl = [], []
        for _ in range(max(1, args.rounds)):
            t_nl.append(wall([NEWSLINT, "check", "--format", "json", *files], cwd=empty))
            if peer:
                t_pl.append(wall([peer, "check", *files], cwd=empty))
        t_nl_1 = wall([NEWSLINT, "check", "--format", "json", "--jobs", "1", *files], cwd=empty)
        single = [wall([NEWSLINT, "check", files[0]], cwd=empty) for _ in range(args.repeat)]
        nl = statistics.median(t_nl)
        rate = f"{words / nl:,.0f} words/s"
        print(f"newslint, every rule, all cores: median {nl:.2f} s of {_list(t_nl)} ({rate})")
        print(f"newslint, every rule, one process: {t_nl_1:.2f} s")
        print(
            f"newslint, one article, start-up included: median {statistics.median(single):.3f} s, "
            f"max {max(single):.3f} s over {args.repeat} runs"
        )
        if peer:
            pl = statistics.median(t_pl)
            ratios = [p / n for n, p in zip(t_nl, t_pl, strict=True)]
            print(f"proselint check, same files: median {pl:.2f} s of {_list(t_pl)}")
            print(
                f"newslint is {pl / nl:.1f}x faster than proselint (ratio of medians; per round "
                f"{', '.join(f'{r:.1f}x' for r in ratios)}; target >= 10x)"
            )
        else:
            print("proselint: not found (pass --proselint PATH); skipped")
    return 0


def _list(times: list[float]) -> str:
    return "[" + ", ".join(f"{t:.2f}" for t in times) + "]"


if __name__ == "__main__":
    sys.exit(main())
