"""CPU work of a one-process check, in instructions (valgrind's cachegrind), for comparing versions
on a machine whose speed drifts: wall and CPU times here vary by 50% from hour to hour, the
instruction count by well under 1%.

usage: python bench/bench_instructions.py [--limit N] [--tree DIR]...
Each --tree is a checkout of newslint (default: this one); the same files are checked with each,
start-up included. Skips cleanly when valgrind or ../shared/corpus/fnc1 is missing.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
FNC1 = os.path.join(HERE, "..", "..", "shared", "corpus", "fnc1")
RUN = "import sys; from newslint.cli import main; sys.argv = ['newslint', *sys.argv[1:]]; main()"


def instructions(tree: str, files: list[str]) -> int:
    # bytecode compiled beforehand (else a changed module is compiled in the count) and one hash
    # seed (set and dict layouts, hence the count, change with it by ~1%)
    subprocess.run([sys.executable, "-m", "compileall", "-q", os.path.join(tree, "newslint")], check=True)
    env = {**os.environ, "PYTHONPATH": os.path.abspath(tree), "PYTHONHASHSEED": "0"}
    with tempfile.TemporaryDirectory() as empty:  # no config file is discovered there
        proc = subprocess.run(
            ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null"]
            + [sys.executable, "-c", RUN, "check", "--format", "json", "-j", "1", *files],
            cwd=empty,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
    found = re.search(r"I\s+refs:\s+([\d,]+)", proc.stderr)
    if not found:
        raise SystemExit(f"valgrind gave no count for {tree}:\n{proc.stderr[-2000:]}")
    return int(found.group(1).replace(",", ""))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=400, help="the first N fnc1 files")
    ap.add_argument("--tree", action="append", help="a newslint checkout (repeatable)")
    args = ap.parse_args()
    if not shutil.which("valgrind"):
        print("skipped: valgrind is not installed")
        return 0
    if not os.path.isdir(FNC1):
        print("skipped: ../shared/corpus/fnc1 is not present")
        return 0
    files = sorted(os.path.join(FNC1, f) for f in os.listdir(FNC1) if f.endswith(".txt"))[: args.limit]
    for tree in args.tree or [os.path.join(HERE, "..")]:
        n = instructions(tree, files)
        where = os.path.abspath(tree)
        print(f"{where}: {n / 1e9:.3f} G instructions for {len(files)} fnc1 files, one process")
    return 0


if __name__ == "__main__":
    sys.exit(main())
