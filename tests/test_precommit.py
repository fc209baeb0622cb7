"""The real pre-commit, in a throw-away git repository whose hook points at a release tag of
this checkout (v0.1.0, made in a clone, as a release is tagged)."""
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
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path_factory.mktemp("pre-commit-home")),
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
           "LC_ALL": "en_US.UTF-8"}  # the hook's messages are asserted in English
    mirror = tmp_path_factory.mktemp("mirror")
    subprocess.run(["git", "clone", "-q", str(ROOT), str(mirror)], check=True, capture_output=True, env=env)
    subprocess.run(["git", "-C", str(mirror), "checkout", "-q", rev], check=True, capture_output=True)
    # -f: a clone of a released checkout already holds the tag, perhaps on an older commit
    subprocess.run(["git", "-C", str(mirror), "tag", "-f", "-a", "v0.1.0", "-m", "zzlint 0.1.0"], check=True,
                   capture_output=True, env=env)
    repo = tmp_path_factory.mktemp("drafts")
    _git("init", "-q", cwd=repo)
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {mirror}\n    rev: v0.1.0\n    hooks:\n      - id: zzlint\n")
    return repo, env


def _pre_commit(repo: Path, env: dict[str, str], name: str, text: str | bytes) -> subprocess.CompletedProcess:
    path = repo / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    _git("add", "-f", name, ".pre-commit-config.yaml", cwd=repo)
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


@pytest.mark.parametrize("name, where", [("DRAFT.TXT", "1:8"), ("notes.markdown", "1:8"),
                                         ("page.docx", "1:8")])
def test_hook_lints_every_suffix_zzlint_reads(hook_repo, name: str, where: str) -> None:
    """A Markdown paragraph ends at a blank line; a Word document's lines are its paragraphs."""
    repo, env = hook_repo
    text: str | bytes = BROKEN.replace("\n", "\n\n", 1) if name.endswith(".markdown") else BROKEN
    if name.endswith(".docx"):
        import io

        import docx

        document = docx.Document()
        for line in BROKEN.splitlines():
            document.add_paragraph(line)
        buffer = io.BytesIO()
        document.save(buffer)
        text = buffer.getvalue()
    result = _pre_commit(repo, env, name, text)
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"{name}:{where}: error: paragraph ends mid-sentence" in result.stdout


def test_hook_shows_warnings_on_a_passing_commit(hook_repo) -> None:
    repo, env = hook_repo
    result = _pre_commit(repo, env, "warned.txt", "截止目前，全市已建成基站。\n")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "warned.txt:1:1: warning: " in result.stdout


def test_hook_leaves_out_what_exclude_names(hook_repo) -> None:
    repo, env = hook_repo
    (repo / "zzlint.toml").write_text('exclude = ["archive/"]\n')
    _git("add", "zzlint.toml", cwd=repo)
    result = _pre_commit(repo, env, "archive/1998.txt", BROKEN)
    (repo / "zzlint.toml").unlink()
    _git("rm", "-q", "--cached", "zzlint.toml", cwd=repo)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Nothing to lint" in result.stdout
