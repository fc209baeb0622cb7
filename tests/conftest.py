"""Shared helpers: running the CLI in-process, and the shared corpus and fixture page."""
from __future__ import annotations

import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

USER_CACHE = tempfile.TemporaryDirectory(prefix="zzlint-test-user-cache-")
# What zzlint derives once per machine goes to the suite's own folder, not the user's; set
# before zzlint is imported and the tests are collected, and inherited by the processes they start.
os.environ["XDG_CACHE_HOME"] = USER_CACHE.name

from zzlint import config, i18n, registry  # noqa: E402
from zzlint.cli import main  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
FIXTURE = SHARED / "fixtures" / "zhuzhou-daily-2023-12-25.txt"
CORPUS = SHARED / "corpus"


@pytest.fixture(autouse=True)
def english(monkeypatch):
    """The suite reads zzlint in English, as an English locale asks; a test of the Chinese text
    says so (``--lang zh``, ``i18n.set_language("zh")``, a case's ``message-zh``)."""
    for name in i18n.LOCALE_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    i18n.set_language("en")
    yield
    i18n.set_language("en")


@dataclass
class CliResult:
    code: int
    out: str
    err: str


@pytest.fixture
def run_cli(capsys, monkeypatch):
    def run(*args: str, cwd: Path | None = None, stdin: bytes | None = None) -> CliResult:
        if cwd:
            monkeypatch.chdir(cwd)
        if stdin is not None:
            import io
            monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
        monkeypatch.setattr(sys, "argv", ["zzlint", *args])
        config.find_config_file.cache_clear()
        config.settings_from.cache_clear()
        with pytest.raises(SystemExit) as exit_info:
            main()
        captured = capsys.readouterr()
        return CliResult(int(exit_info.value.code or 0), captured.out, captured.err)
    return run


@pytest.fixture
def deny(monkeypatch):
    """Make the files and folders of the given names unreadable, as chmod 000 does for a user
    who is not root (tests run as root on CI, where chmod denies nothing)."""
    import os

    def deny_names(*names: str) -> None:
        real_open, real_scandir, real_access = os.open, os.scandir, os.access

        def refused(path: object) -> bool:
            return os.path.basename(os.fsdecode(path)) in names  # type: ignore[arg-type]

        def guarded_open(path, flags, *args, **kwargs):  # type: ignore[no-untyped-def]
            if refused(path):
                raise PermissionError(13, "Permission denied", os.fsdecode(path))
            return real_open(path, flags, *args, **kwargs)

        def guarded_scandir(path="."):  # type: ignore[no-untyped-def]
            if refused(path):
                raise PermissionError(13, "Permission denied", os.fsdecode(path))
            return real_scandir(path)

        def guarded_access(path, mode, *args, **kwargs):  # type: ignore[no-untyped-def]
            return not refused(path) and real_access(path, mode, *args, **kwargs)

        monkeypatch.setattr(os, "access", guarded_access)
        monkeypatch.setattr(os, "open", guarded_open)
        monkeypatch.setattr(os, "scandir", guarded_scandir)
    return deny_names


@pytest.fixture
def needs_fixture() -> Path:
    if not FIXTURE.is_file():
        pytest.skip(f"the fixture page is not here ({FIXTURE}); CI has ../shared")
    return FIXTURE


@pytest.fixture
def needs_corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"the shared corpus is not here ({CORPUS}); CI has ../shared")
    return CORPUS


@pytest.fixture
def fresh_registry():
    """Forget discovered rules so a test can add plug-ins; forget them again afterwards."""
    cached = (registry.builtin_rules, registry.plugin_rules, registry.all_rules,
              config._instantiate, config._rules_for, config._with_cli)

    def clear() -> None:
        for function in cached:
            function.cache_clear()
    clear()
    yield
    clear()
