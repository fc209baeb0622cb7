"""The real pre-commit, in a throw-away git repository whose hook points at this checkout."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BROKEN = "出台八条措施。严格落实中央八项规定精神，降低运行\n成本，提高办事水平。\n"
CLEAN = "今年全县秋粮再获丰收。\n"


def _git(*args: str, cwd: Path) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                          text=True).stdout.strip()


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    try:
        rev = _git("rev-parse", "HEAD", cwd=ROOT)
    except subprocess.CalledProcessError:
        pytest.skip("this checkout has no commit for pre-commit to clone")
    repo = tmp_path_factory.mktemp("drafts")
    _git("init", "-q", cwd=repo)
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {ROOT}\n    rev: {rev}\n    hooks:\n      - id: zzlint\n")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path_factory.mktemp("pre-commit-home")),
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    return repo, env


def _pre_commit(repo: Path, env: dict[str, str], name: str, text: str) -> subprocess.CompletedProcess:
    (repo / name).write_text(text, encoding="utf-8")
    _git("add", name, ".pre-commit-config.yaml", cwd=repo)
    return subprocess.run([sys.executable, "-m", "pre_commit", "run", "--files", name],
                          cwd=repo, env=env, capture_output=True, text=True, timeout=900)


def test_hook_fails_on_a_defect(hook_repo) -> None:
    repo, env = hook_repo
    result = _pre_commit(repo, env, "draft.txt", BROKEN)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "draft.txt:1:8: error: paragraph ends mid-sentence" in result.stdout


def test_hook_passes_on_a_clean_draft(hook_repo) -> None:
    repo, env = hook_repo
    result = _pre_commit(repo, env, "clean.txt", CLEAN)
    assert result.returncode == 0, result.stdout + result.stderr
