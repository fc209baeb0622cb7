"""Which files a run lints: .gitignore, exclude on named files, odd files and names."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

BROKEN = "出台八条措施。严格落实中央八项规定精神，降低运行\n成本，提高办事水平。\n"
CLEAN = "今年全县秋粮再获丰收。\n"
MESSAGE = ("error: paragraph ends mid-sentence (“…央八项规定精神，降低运行”); "
           "the sentence seems to continue in the next paragraph [broken-paragraph]")


def paths_reported(out: str) -> list[str]:
    return [line.split(":")[0] for line in out.splitlines()]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository whose .gitignore leaves out exports/ and *.bak.txt, re-including keep.bak.txt."""
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("exports/\n*.bak.txt\n!keep.bak.txt\n")
    (tmp_path / "desk").mkdir()
    (tmp_path / "desk" / ".gitignore").write_text("local.txt\n")
    for name in ("page.txt", "exports/page.txt", "desk/page.txt", "desk/local.txt",
                 "desk/old.bak.txt", "desk/keep.bak.txt"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(BROKEN, encoding="utf-8")
    return tmp_path


def test_folders_are_searched_as_git_ignores(run_cli, repo: Path) -> None:
    result = run_cli("check", "-q", "--jobs", "1", ".", cwd=repo)
    assert paths_reported(result.out) == ["desk/keep.bak.txt", "desk/page.txt", "page.txt"]
    inside = run_cli("check", "-q", "--jobs", "1", ".", cwd=repo / "desk")
    assert paths_reported(inside.out) == ["keep.bak.txt", "page.txt"]


def test_no_respect_gitignore_on_the_command_line_or_in_config(run_cli, repo: Path) -> None:
    everything = ["desk/keep.bak.txt", "desk/local.txt", "desk/old.bak.txt", "desk/page.txt",
                  "exports/page.txt", "page.txt"]
    result = run_cli("check", "-q", "--jobs", "1", "--no-respect-gitignore", ".", cwd=repo)
    assert paths_reported(result.out) == everything
    (repo / "zzlint.toml").write_text("respect-gitignore = false\n")
    assert paths_reported(run_cli("check", "-q", "--jobs", "1", ".", cwd=repo).out) == everything


def test_force_exclude_holds_named_files_to_exclude(run_cli, tmp_path: Path) -> None:
    (tmp_path / "zzlint.toml").write_text('exclude = ["archive/", "*.draft.txt"]\n')
    (tmp_path / "archive").mkdir()
    for name in ("archive/1998.txt", "page.draft.txt", "page.txt"):
        (tmp_path / name).write_text(BROKEN, encoding="utf-8")
    named = ("archive/1998.txt", "page.draft.txt", "page.txt")
    assert paths_reported(run_cli("check", "-q", *named, cwd=tmp_path).out) == list(named)
    forced = run_cli("check", "-q", "--force-exclude", *named, cwd=tmp_path)
    assert paths_reported(forced.out) == ["page.txt"]
    (tmp_path / "zzlint.toml").write_text('exclude = ["archive/", "*.draft.txt"]\nforce-exclude = true\n')
    assert paths_reported(run_cli("check", "-q", *named, cwd=tmp_path).out) == ["page.txt"]


def test_a_folder_whose_every_file_is_excluded_has_nothing_to_lint(run_cli, tmp_path: Path) -> None:
    (tmp_path / "zzlint.toml").write_text('exclude = ["archive/", "*.draft.txt"]\n')
    (tmp_path / "archive").mkdir()
    (tmp_path / "archive" / "1998.txt").write_text(BROKEN, encoding="utf-8")
    (tmp_path / "page.draft.txt").write_text(BROKEN, encoding="utf-8")
    expected = "Nothing to lint: every file found is excluded ('exclude' in config, or .gitignore).\n"
    result = run_cli("check", ".", cwd=tmp_path)
    assert (result.code, result.out, result.err) == (0, "", expected)
    forced = run_cli("check", "--force-exclude", "page.draft.txt", cwd=tmp_path)
    assert (forced.code, forced.err) == (0, expected)


def test_an_unreadable_subfolder_is_one_error_and_the_rest_is_linted(run_cli, tmp_path: Path, deny) -> None:
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "page.txt").write_text(BROKEN, encoding="utf-8")
    (tmp_path / "page.txt").write_text(BROKEN, encoding="utf-8")
    deny("locked")
    result = run_cli("check", "-q", "--jobs", "1", ".", cwd=tmp_path)
    assert result.code == 2
    assert result.out == f"page.txt:1:8: {MESSAGE}\n"
    assert result.err == "zzlint: error: locked: cannot read folder: Permission denied\n"


def test_an_unreadable_named_file_does_not_stop_the_others(run_cli, tmp_path: Path, deny) -> None:
    (tmp_path / "locked.txt").write_text(BROKEN, encoding="utf-8")
    (tmp_path / "page.txt").write_text(BROKEN, encoding="utf-8")
    deny("locked.txt")
    result = run_cli("check", "-q", "locked.txt", "page.txt", cwd=tmp_path)
    assert result.code == 2
    assert result.out == f"page.txt:1:8: {MESSAGE}\n"
    assert result.err == "zzlint: error: locked.txt: cannot read: Permission denied\n"


@pytest.mark.skipif(sys.platform == "win32", reason="file names are not bytes on Windows")
@pytest.mark.parametrize("cache", [(), ("--no-cache",)])
def test_a_file_name_that_is_not_utf8_is_printed_with_a_replacement_character(run_cli, tmp_path: Path,
                                                                              cache: tuple[str, ...]) -> None:
    gbk_name = "中文稿".encode("gbk") + b".txt"
    (tmp_path / os.fsdecode(gbk_name)).write_text(BROKEN, encoding="utf-8")
    (tmp_path / "page.txt").write_text(BROKEN, encoding="utf-8")
    shown = gbk_name.decode("utf-8", "replace")
    text = run_cli("check", "-q", *cache, ".", cwd=tmp_path)
    assert text.code == 1
    assert text.out == f"page.txt:1:8: {MESSAGE}\n{shown}:1:8: {MESSAGE}\n"
    payload = json.loads(run_cli("check", "--format", "json", *cache, ".", cwd=tmp_path).out)
    assert [d["path"] for d in payload["diagnostics"]] == ["page.txt", shown]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_or_a_device_is_refused_without_being_read(tmp_path: Path) -> None:
    """In a subprocess with a time-out: reading either would never end."""
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "zeros.txt").symlink_to("/dev/zero")
    (tmp_path / "page.txt").write_text(BROKEN, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "zzlint", "check", "-q", "."], cwd=tmp_path,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stdout == f"page.txt:1:8: {MESSAGE}\n"
    assert result.stderr.splitlines() == [
        "zzlint: error: pipe.txt: not a regular file (a named pipe); only regular files are read",
        "zzlint: error: zeros.txt: not a regular file (a device); only regular files are read",
    ]


def test_a_file_over_the_size_limit_is_refused(run_cli, tmp_path: Path, monkeypatch) -> None:
    from zzlint import readers

    monkeypatch.setattr(readers, "MAX_FILE_BYTES", 2**20)
    (tmp_path / "big.txt").write_text(CLEAN * 40_000, encoding="utf-8")
    (tmp_path / "page.txt").write_text(BROKEN, encoding="utf-8")
    result = run_cli("check", "-q", "--jobs", "1", ".", cwd=tmp_path)
    assert (result.code, result.out) == (2, f"page.txt:1:8: {MESSAGE}\n")
    assert result.err == "zzlint: error: big.txt: larger than 1 MiB, the most zzlint reads\n"


def test_a_file_that_comes_in_short_reads_is_read_whole(tmp_path: Path, monkeypatch) -> None:
    from zzlint.readers import read_file

    page = tmp_path / "page.txt"
    page.write_text(BROKEN * 50, encoding="utf-8")
    expected = page.read_bytes()
    real_read = os.read
    monkeypatch.setattr(os, "read", lambda descriptor, size: real_read(descriptor, min(size, 7)))
    assert read_file(page) == expected


def test_a_file_longer_than_its_stated_size_is_read_to_its_end(tmp_path: Path, monkeypatch) -> None:
    from zzlint.readers import read_file

    page = tmp_path / "page.txt"
    page.write_text(BROKEN * 50, encoding="utf-8")
    expected = page.read_bytes()
    real_fstat = os.fstat

    def understated(descriptor: int) -> os.stat_result:
        status = real_fstat(descriptor)
        return os.stat_result((*status[:6], 10, *status[7:10]))

    monkeypatch.setattr(os, "fstat", understated)
    assert read_file(page) == expected


@pytest.mark.parametrize("name", ["page.txt", "稿件/PAGE.TXT", "notes.Md", ".hidden", "a.b.docx", "name.", "README",
                                  "dir.d/file"])
def test_a_reader_is_picked_by_the_suffix_a_path_has(name: str) -> None:
    from zzlint.readers import suffix

    assert suffix(name) == Path(name).suffix.lower()
