"""A check of paths and plain flags is read without click (zzlint.cli); every other command line
goes through click (zzlint.commands). Both roads must read the same options and end the same way:
the same bytes on stdout and stderr, the same exit code."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from zzlint import cli, commands
from zzlint.check import FLAGS, CheckOptions

FINDINGS = "他说：“今年全县秋粮再获丰收。\n"
CLEAN = "今年全县秋粮再获丰收。\n"


def _click_options(arguments: list[str]) -> CheckOptions:
    """The options click reads from ``zzlint check ARGUMENTS``."""
    with commands.check.make_context("check", list(arguments)) as context:
        return CheckOptions(**context.params)


@pytest.mark.parametrize("arguments", [
    [],
    ["page.txt"],
    ["--force-exclude", "a.txt", "b.md"],
    ["-q", "--no-cache", "page.txt", "--exit-zero"],
    ["--no-force-exclude", "page.txt", "--force-exclude"],
    ["--force-exclude", "--no-force-exclude"],
    ["--isolated", "--no-respect-gitignore", "草稿/第一版.txt", "-q", "-q"],
    ["--respect-gitignore", "--quiet", ""],
])
def test_the_direct_road_reads_what_click_reads(arguments: list[str]) -> None:
    assert cli.direct_check(["check", *arguments]) == _click_options(arguments)


def test_every_flag_of_the_direct_road_is_an_option_of_the_click_command() -> None:
    for field, declarations in FLAGS.items():
        for declaration in declarations:
            for value, name in zip((True, False), declaration.split("/")):
                assert cli.direct_check(["check", name]) == _click_options([name])
                assert getattr(_click_options([name]), field) is value


@pytest.mark.parametrize("arguments", [
    [],
    ["--version"],
    ["rules"],
    ["check", "-"],
    ["check", "--", "-page.txt"],
    ["check", "--format", "json", "page.txt"],
    ["check", "--lang", "en", "page.txt"],
    ["check", "-qj2", "page.txt"],
    ["check", "--help"],
    ["check", "--force", "page.txt"],
    ["page.txt"],
])
def test_every_other_command_line_is_left_to_click(arguments: list[str]) -> None:
    assert cli.direct_check(arguments) is None


@pytest.fixture
def through_click(monkeypatch):
    """Send every command line through click, the road every non-simple one takes."""
    def disable() -> None:
        monkeypatch.setattr(cli, "direct_check", lambda arguments: None)
    return disable


@pytest.mark.parametrize("arguments", [
    ("check", "findings.txt"),
    ("check", "-q", "--no-cache", "findings.txt", "clean.txt"),
    ("check", "clean.txt"),
    ("check", "gone.txt", "clean.txt"),
    ("check", "binary.txt"),
    ("check", "--force-exclude", "drafts/old.txt", "findings.txt"),
    ("check", "--exit-zero", "findings.txt"),
    ("check", "--isolated", "drafts/old.txt"),
    ("check", "drafts"),
])
def test_both_roads_print_the_same_and_exit_the_same(run_cli, through_click, tmp_path: Path,
                                                      arguments: tuple[str, ...]) -> None:
    _page(tmp_path)
    direct = run_cli(*arguments, cwd=tmp_path)
    through_click()
    assert run_cli(*arguments, cwd=tmp_path) == direct


def test_both_roads_colour_the_same_on_a_terminal(run_cli, through_click, tmp_path: Path, monkeypatch) -> None:
    _page(tmp_path)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    direct = run_cli("check", "-q", "findings.txt", cwd=tmp_path)
    assert direct.out.startswith("\x1b[1mfindings.txt:1:4:\x1b[0m \x1b[31m\x1b[1merror:\x1b[0m ")
    through_click()
    assert run_cli("check", "-q", "findings.txt", cwd=tmp_path) == direct


def test_both_roads_stop_the_same_on_a_config_error(run_cli, through_click, tmp_path: Path) -> None:
    _page(tmp_path)
    (tmp_path / ".zzlint.toml").write_text('selct = ["default"]\n', encoding="utf-8")
    direct = run_cli("check", "findings.txt", cwd=tmp_path)
    assert (direct.code, direct.out) == (2, "")
    assert direct.err.endswith(".zzlint.toml: unknown key 'selct' (did you mean 'select'?)\n")
    through_click()
    assert run_cli("check", "findings.txt", cwd=tmp_path) == direct


def test_both_roads_speak_chinese_by_default(run_cli, through_click, tmp_path: Path, monkeypatch) -> None:
    _page(tmp_path)
    monkeypatch.delenv("LANG")
    direct = run_cli("check", "findings.txt", "gone.txt", cwd=tmp_path)
    assert direct.err.startswith("在1个文件中发现1处问题")
    through_click()
    assert run_cli("check", "findings.txt", "gone.txt", cwd=tmp_path) == direct


def test_the_version_is_printed_as_click_prints_it(run_cli) -> None:
    from click.testing import CliRunner

    from zzlint import __version__

    direct = run_cli("--version")
    assert (direct.code, direct.out, direct.err) == (0, f"zzlint {__version__}\n", "")
    through_click = CliRunner().invoke(commands.cli, ["--version"])
    assert (through_click.exit_code, through_click.output) == (0, direct.out)


def _page(folder: Path) -> None:
    """A folder with a finding, a clean file, an undecodable one and an excluded draft."""
    (folder / "findings.txt").write_text(FINDINGS, encoding="utf-8")
    (folder / "clean.txt").write_text(CLEAN, encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02\xff\xfe\x00" * 50)
    (folder / "drafts").mkdir()
    (folder / "drafts" / "old.txt").write_text(FINDINGS, encoding="utf-8")
    (folder / "pyproject.toml").write_text('[tool.zzlint]\nexclude = ["drafts/"]\n', encoding="utf-8")


# What only a real process shows: the encoding of its streams and a reader that went away.
DIRECT = "import sys, zzlint.cli as cli; assert cli.direct_check(sys.argv[1:]); cli.main()"
THROUGH_CLICK = "import zzlint.cli as cli; cli.direct_check = lambda arguments: None; cli.main()"


def _both(folder: Path, arguments: tuple[str, ...], encoding: str | None = None,
          stdout: int | None = subprocess.PIPE) -> list[tuple[int, bytes, bytes]]:
    environment = {**os.environ, "LANG": "en_US.UTF-8", "PYTHONIOENCODING": encoding or "utf-8"}
    runs = [subprocess.run([sys.executable, "-c", road, *arguments], cwd=folder, env=environment,
                           stdout=stdout, stderr=subprocess.PIPE)
            for road in (DIRECT, THROUGH_CLICK)]
    return [(r.returncode, r.stdout or b"", r.stderr) for r in runs]


@pytest.mark.parametrize("encoding", ["ascii", "latin-1", "gb18030"])
def test_both_roads_write_the_same_bytes_in_any_output_encoding(tmp_path: Path, encoding: str) -> None:
    _page(tmp_path)
    direct, through_click = _both(tmp_path, ("check", "--no-cache", "findings.txt", "gone.txt"), encoding)
    assert direct == through_click
    if encoding == "ascii":  # a misconfigured locale: written in UTF-8 rather than failing
        assert direct[1].decode("utf-8").startswith("findings.txt:1:4: error: ")
    if encoding == "latin-1":  # the finding cannot be written: one error line, exit 2
        assert (direct[0], direct[1]) == (2, b"")
        assert direct[2].startswith(b"zzlint: error: internal error: UnicodeEncodeError: ")


def test_both_roads_end_the_same_when_the_reader_went_away(tmp_path: Path) -> None:
    _page(tmp_path)
    reader, writer = os.pipe()
    os.close(reader)
    try:
        direct, through_click = _both(tmp_path, ("check", "--no-cache", "findings.txt"), stdout=writer)
    finally:
        os.close(writer)
    assert direct == through_click == (1, b"", b"")


def test_a_direct_check_imports_neither_click_nor_inspect(tmp_path: Path) -> None:
    """click, and inspect (with ast, dis and tokenize, which dataclasses and pkgutil import), are
    most of a one-paragraph check's start-up; the first run on a machine may import them, and
    so may a config's exclude patterns (pathspec imports dataclasses)."""
    (tmp_path / "clean.txt").write_text(CLEAN, encoding="utf-8")
    probe = ("import sys, zzlint.cli as cli\ntry:\n    cli.main()\nfinally:\n"
             "    sys.stdout.write(str(sorted(m for m in sys.modules if m.split('.')[0] in "
             "('click', 'inspect', 'dataclasses', 'pkgutil'))))\n")
    for _run in ("fills the per-machine cache (which imports every reader)", "starts as every later run"):
        result = subprocess.run([sys.executable, "-c", probe, "check", "-q", "--no-cache", "clean.txt"],
                                cwd=tmp_path, capture_output=True, text=True)
    assert (result.returncode, result.stdout) == (0, "[]")
