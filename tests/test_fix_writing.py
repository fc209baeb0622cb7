"""--fix writing files: never a traceback, never a file lost, half-written or silently changed
in anything but its text."""
from __future__ import annotations

import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

FIXABLE = "会议决定,明天开工.\n"
FIXED = "会议决定，明天开工。\n"
SELECT = ("--select", "halfwidth-punctuation")


def zzlint(*args: str, cwd: Path, prefix: tuple[str, ...] = ()) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*prefix, sys.executable, "-m", "zzlint", *args], cwd=cwd, capture_output=True,
                          text=True, check=False)


def test_an_undecodable_file_is_one_error_and_the_others_are_fixed(run_cli, tmp_path: Path) -> None:
    names = [f"{i:02}.txt" for i in range(20)]
    for name in names:
        (tmp_path / name).write_text(FIXABLE, encoding="utf-8")
    (tmp_path / "07.txt").write_bytes(b"\xef\xbb\xbf\xe4\xb8\xad\xff\n")
    result = run_cli("check", "--fix", "--jobs", "1", *SELECT, ".", cwd=tmp_path)
    assert result.code == 2
    assert result.err.splitlines()[-1] == "zzlint: error: 07.txt: not valid utf-8 after its byte-order mark, at byte 6"
    assert [n for n in names if (tmp_path / n).read_text(encoding="utf-8", errors="replace") == FIXED] == \
        [n for n in names if n != "07.txt"]
    assert (tmp_path / "07.txt").read_bytes() == b"\xef\xbb\xbf\xe4\xb8\xad\xff\n"


def test_a_read_only_file_is_refused(run_cli, tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(FIXABLE, encoding="utf-8")
    page.chmod(0o444)
    result = run_cli("check", "--fix", *SELECT, "page.txt", cwd=tmp_path)
    assert (result.code, result.err.splitlines()[-1]) == (2, "zzlint: error: page.txt: read-only file; not fixed")
    assert page.read_text(encoding="utf-8") == FIXABLE and page.stat().st_mode & 0o777 == 0o444


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a file to another user")
def test_another_users_file_is_refused(run_cli, tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(FIXABLE, encoding="utf-8")
    os.chown(page, 65534, 65534)
    result = run_cli("check", "--fix", *SELECT, "page.txt", cwd=tmp_path)
    assert result.err.splitlines()[-1] == \
        "zzlint: error: page.txt: another user's file (a fixed copy would be yours); not fixed"
    assert page.read_text(encoding="utf-8") == FIXABLE and page.stat().st_uid == 65534


def _without_root_powers() -> tuple[str, ...]:
    """A command prefix under which the folder permissions apply, as they do for anyone but root."""
    if os.geteuid() != 0:
        return ()
    if shutil.which("setpriv") is None:
        pytest.skip("running as root, and setpriv (util-linux) is not here to drop root's powers")
    return ("setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner")


def test_a_read_only_folder_is_one_error_line(tmp_path: Path) -> None:
    prefix = _without_root_powers()
    folder = tmp_path / "archive"
    folder.mkdir()
    (folder / "page.txt").write_text(FIXABLE, encoding="utf-8")
    folder.chmod(0o555)
    try:
        result = zzlint("check", "--fix", "--no-cache", *SELECT, "archive/page.txt", cwd=tmp_path, prefix=prefix)
    finally:
        folder.chmod(0o755)
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == \
        "zzlint: error: archive/page.txt: cannot write in its folder (Permission denied); not fixed"
    assert (folder / "page.txt").read_text(encoding="utf-8") == FIXABLE


def test_an_edit_made_while_fixing_is_kept(run_cli, tmp_path: Path, monkeypatch) -> None:
    from zzlint import fixes

    page = tmp_path / "page.txt"
    page.write_text(FIXABLE, encoding="utf-8")
    real_mkstemp = fixes.tempfile.mkstemp

    def editor_saves_meanwhile(*args, **kwargs):  # type: ignore[no-untyped-def]
        page.write_text(FIXABLE + "编辑刚加的一段。\n", encoding="utf-8")
        return real_mkstemp(*args, **kwargs)

    monkeypatch.setattr(fixes.tempfile, "mkstemp", editor_saves_meanwhile)
    result = run_cli("check", "--fix", "--jobs", "1", *SELECT, "page.txt", cwd=tmp_path)
    assert result.err.splitlines()[-1] == \
        "zzlint: error: page.txt: changed while zzlint was fixing it; not fixed (run --fix again)"
    assert page.read_text(encoding="utf-8") == FIXABLE + "编辑刚加的一段。\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["page.txt"]


def test_a_symlink_stays_a_link_and_its_target_is_fixed(run_cli, tmp_path: Path) -> None:
    (tmp_path / "drafts").mkdir()
    target = tmp_path / "drafts" / "page.txt"
    target.write_text(FIXABLE, encoding="utf-8")
    (tmp_path / "link.txt").symlink_to("drafts/page.txt")
    run_cli("check", "--fix", *SELECT, "link.txt", cwd=tmp_path)
    assert (tmp_path / "link.txt").is_symlink() and os.readlink(tmp_path / "link.txt") == "drafts/page.txt"
    assert target.read_text(encoding="utf-8") == FIXED


def test_a_hard_linked_file_is_refused(run_cli, tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(FIXABLE, encoding="utf-8")
    os.link(page, tmp_path / "copy.txt")
    result = run_cli("check", "--fix", *SELECT, "page.txt", cwd=tmp_path)
    assert result.err.splitlines()[-1] == \
        "zzlint: error: page.txt: has 2 hard links, which would keep the old text; not fixed"
    assert (tmp_path / "copy.txt").read_text(encoding="utf-8") == FIXABLE


def _dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", ""])
    process.wait()
    return process.pid


def test_temporaries_of_killed_runs_are_removed_and_live_ones_kept(run_cli, tmp_path: Path) -> None:
    host = socket.gethostname()
    stale = tmp_path / f".page.txt.zzlint-{host}-{_dead_pid()}-k3j9x2.tmp"
    live = tmp_path / f".other.txt.zzlint-{host}-{os.getpid()}-a8b7c6.tmp"
    foreign = tmp_path / f".page.txt.zzlint-elsewhere-{_dead_pid()}-q1w2e3.tmp"
    for path in (stale, live, foreign):
        path.write_bytes(b"x" * 1000)
    (tmp_path / "page.txt").write_text(FIXABLE, encoding="utf-8")
    run_cli("check", "--fix", *SELECT, "page.txt", cwd=tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([live.name, foreign.name, "page.txt"])


def test_kill_during_fix_leaves_the_whole_old_or_the_whole_new_file(tmp_path: Path) -> None:
    paragraph = "全市已建成基站一万二千个，覆盖所有乡镇和行政村，群众办事更加方便快捷。\n"
    old = (paragraph * 999 + "他--不，是她。\n").encode("utf-8") * 150
    reference = tmp_path / "reference"
    reference.mkdir()
    (reference / "page.txt").write_bytes(old)
    started = time.monotonic()
    assert zzlint("check", "--fix", "--no-cache", "--select", "dash-form", "page.txt", cwd=reference).returncode == 0
    duration = time.monotonic() - started
    new = (reference / "page.txt").read_bytes()
    assert new != old and len(new) > 15_000_000
    page = tmp_path / "page.txt"
    for moment in sorted(random.uniform(0.2, 1.1) * duration for _ in range(3)):
        page.write_bytes(old)
        process = subprocess.Popen([sys.executable, "-m", "zzlint", "check", "--fix", "--no-cache",
                                    "--select", "dash-form", "page.txt"], cwd=tmp_path,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(moment)
        process.send_signal(signal.SIGKILL)
        process.wait()
        data = page.read_bytes()
        assert data in (old, new), f"killed after {moment:.2f}s of {duration:.2f}s: a mixed file"
    assert zzlint("check", "--fix", "--no-cache", "--select", "dash-form", "page.txt", cwd=tmp_path).returncode == 0
    assert page.read_bytes() == new
    assert sorted(p.name for p in tmp_path.iterdir()) == ["page.txt", "reference"]
