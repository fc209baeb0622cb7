"""The findings cache: a second run over unchanged files runs no rule; any change re-lints."""
from __future__ import annotations

from pathlib import Path

BROKEN = "出台八条措施。严格落实中央八项规定精神，降低运行\n\n成本，提高办事水平。\n"


def rules_run(err: str) -> list[str]:
    lines = err.splitlines()
    table = lines[1:lines.index(next(line for line in lines if line.startswith(("Found", "No problems"))))]
    return [line.split()[0] for line in table]


def test_second_run_is_served_from_the_cache(run_cli, tmp_path: Path) -> None:
    (tmp_path / "page.txt").write_text(BROKEN, encoding="utf-8")
    first = run_cli("check", "--profile-rules", "page.txt", cwd=tmp_path)
    second = run_cli("check", "--profile-rules", "page.txt", cwd=tmp_path)
    assert "broken-paragraph" in rules_run(first.err)
    assert rules_run(second.err) == []
    assert (second.code, second.out) == (first.code, first.out)
    assert (tmp_path / ".zzlint_cache" / ".gitignore").read_text() == "*\n"


def test_a_change_to_the_file_or_the_rules_is_a_miss(run_cli, tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(BROKEN, encoding="utf-8")
    run_cli("check", "page.txt", cwd=tmp_path)
    page.write_text(BROKEN.replace("八条", "九条"), encoding="utf-8")
    assert "broken-paragraph" in rules_run(run_cli("check", "--profile-rules", "page.txt", cwd=tmp_path).err)
    (tmp_path / "zzlint.toml").write_text("[rules.broken-paragraph]\nmin-length = 13\n")
    assert "broken-paragraph" in rules_run(run_cli("check", "--profile-rules", "page.txt", cwd=tmp_path).err)


def test_no_cache_and_cache_dir(run_cli, tmp_path: Path) -> None:
    (tmp_path / "page.txt").write_text(BROKEN, encoding="utf-8")
    run_cli("check", "--no-cache", "page.txt", cwd=tmp_path)
    assert not (tmp_path / ".zzlint_cache").exists()
    run_cli("check", "--cache-dir", "elsewhere", "page.txt", cwd=tmp_path)
    assert list((tmp_path / "elsewhere").rglob("*.json"))
