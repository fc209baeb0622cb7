"""The findings cache: a second run over unchanged files runs no rule; any change re-lints."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from zzlint import runner

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


BROKEN_OUT = ("page.txt:1:8: error: paragraph ends mid-sentence (“…央八项规定精神，降低运行”); "
              "the sentence seems to continue in the next paragraph [broken-paragraph]\n")
CLEAN = "今年全县秋粮再获丰收。今年全县秋粮再获丰收。今年全县秋粮再获丰收。\n"


@pytest.mark.parametrize("index", ['[]', '{"entries": []}', '{"stamps": []}', '{"entries": {"k": 5}}', '"entries"',
                                   '{"stamps": {"page.txt": 5}, "entries": {"k": {"characters": "x"}}}'])
def test_an_index_of_the_wrong_shape_is_a_miss_and_is_rewritten(run_cli, tmp_path: Path, index: str) -> None:
    (tmp_path / "page.txt").write_text(BROKEN, encoding="utf-8")
    run_cli("check", "page.txt", cwd=tmp_path)
    (written,) = (tmp_path / ".zzlint_cache").glob("*.json")
    written.write_text(index, encoding="utf-8")
    for _ in range(2):
        result = run_cli("check", "-q", "page.txt", cwd=tmp_path)
        assert (result.code, result.out, result.err) == (1, BROKEN_OUT, "")


def test_a_corrupt_entry_under_the_right_key_is_a_miss(run_cli, tmp_path: Path) -> None:
    (tmp_path / "page.txt").write_text(BROKEN, encoding="utf-8")
    run_cli("check", "page.txt", cwd=tmp_path)
    (written,) = (tmp_path / ".zzlint_cache").glob("*.json")
    index = json.loads(written.read_text(encoding="utf-8"))
    for entry in index["entries"].values():
        entry["diagnostics"][0]["line"] = "1"
    written.write_text(json.dumps(index), encoding="utf-8")
    result = run_cli("check", "-q", "page.txt", cwd=tmp_path)
    assert (result.code, result.out) == (1, BROKEN_OUT)


def test_a_file_edited_while_it_is_linted_is_linted_again_next_time(run_cli, tmp_path: Path,
                                                                    monkeypatch) -> None:
    page = tmp_path / "page.txt"
    page.write_text(CLEAN, encoding="utf-8")
    original = runner.lint_job

    def lint_then_edit(job, resolver):  # type: ignore[no-untyped-def]
        result = original(job, resolver)
        page.write_text(BROKEN, encoding="utf-8")
        return result

    monkeypatch.setattr(runner, "lint_job", lint_then_edit)
    assert run_cli("check", "-q", "--jobs", "1", "page.txt", cwd=tmp_path).out == ""
    monkeypatch.setattr(runner, "lint_job", original)
    assert run_cli("check", "-q", "page.txt", cwd=tmp_path).out == BROKEN_OUT


def test_an_edit_that_keeps_the_size_and_puts_the_time_back_is_not_served_stale(run_cli, tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(BROKEN, encoding="utf-8")
    before = page.stat()
    assert run_cli("check", "-q", "page.txt", cwd=tmp_path).code == 1
    page.write_text(BROKEN.replace("运行\n\n成本", "运行成本") + "\n\n", encoding="utf-8")
    os.utime(page, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert page.stat().st_size == before.st_size
    result = run_cli("check", "-q", "page.txt", cwd=tmp_path)
    assert (result.code, result.out) == (0, "")


def test_a_cache_folder_that_cannot_be_used_does_not_stop_the_run(run_cli, tmp_path: Path, deny) -> None:
    (tmp_path / "page.txt").write_text(BROKEN, encoding="utf-8")
    (tmp_path / "locked-cache").mkdir()
    deny("locked-cache")
    locked = run_cli("check", "-q", "--cache-dir", "locked-cache", "page.txt", cwd=tmp_path)
    assert (locked.code, locked.out) == (1, BROKEN_OUT)
    inside_a_file = run_cli("check", "-q", "--cache-dir", "page.txt/cache", "page.txt", cwd=tmp_path)
    assert (inside_a_file.code, inside_a_file.out) == (1, BROKEN_OUT)
    assert inside_a_file.err == ("zzlint: warning: cache folder page.txt/cache cannot be used "
                                 "(Not a directory); linted without the cache\n")
