"""The pre-commit hook, run the way a content repository runs it: `pre-commit try-repo` on this
repository against a temporary git repository of articles. Skipped when pre-commit or git is missing."""

import os
import shutil
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PRE_COMMIT = shutil.which("pre-commit", path=os.path.dirname(sys.executable)) or shutil.which("pre-commit")

pytestmark = pytest.mark.skipif(
    not (PRE_COMMIT and shutil.which("git")), reason="pre-commit or git not installed"
)


def git(*args, cwd):
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def test_try_repo_flags_residue_and_passes_clean_copy(tmp_path):
    repo = tmp_path / "content"
    repo.mkdir()
    git("init", "-q", cwd=repo)
    git("config", "user.email", "desk@example.org", cwd=repo)
    git("config", "user.name", "Desk", cwd=repo)
    (repo / "bridge.md").write_text(
        "# Bridge to close\n\nThe council voted on Tuesday to close the bridge.\n\nAdvertisement\n"
    )
    (repo / "library.md").write_text("# Library reopens\n\nThe library reopened on Saturday after repairs.\n")
    git("add", ".", cwd=repo)
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache")}
    proc = subprocess.run(
        [PRE_COMMIT, "try-repo", ROOT, "newslint", "--files", "bridge.md", "library.md"],
        cwd=repo,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, out
    assert "bridge.md:5:1: stray-marker" in out
    assert "library.md" not in out.split("newslint", 2)[-1].replace("bridge.md", "")
    proc = subprocess.run(
        [PRE_COMMIT, "try-repo", ROOT, "newslint", "--files", "library.md"],
        cwd=repo,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_readme_pre_commit_config_runs(tmp_path):
    """The configuration the README shows, with this repository as `repo` and its HEAD as `rev`."""
    head = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    repo = tmp_path / "content"
    repo.mkdir()
    git("init", "-q", cwd=repo)
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {ROOT}\n    rev: {head}\n    hooks:\n      - id: newslint\n"
    )
    (repo / "story.txt").write_text("Bridge to close\n\nThe council voted on Tuesday.\n\nShare\n")
    git("add", ".", cwd=repo)
    proc = subprocess.run(
        [PRE_COMMIT, "run", "--all-files"],
        cwd=repo,
        capture_output=True,
        text=True,
        env={**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache")},
        timeout=600,
    )
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "story.txt:5:1: stray-marker" in proc.stdout
