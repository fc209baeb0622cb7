"""The archive index and the already-printed rule, through the command line, on generated text."""
from __future__ import annotations

import json
import random
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.archive_text import near_copy, paragraph, write_archive
from zzlint import config
from zzlint.archive import dates
from zzlint.archive.index import Archive
from zzlint.document import Document

CASES = Path(__file__).parent / "cases" / "already-printed"


@pytest.fixture
def archive_folder(tmp_path: Path) -> tuple[Path, dict[str, list[str]]]:
    written = write_archive(tmp_path / "printed", files=3, per_file=12)
    return tmp_path, written


def _add(run_cli, folder: Path, *paths: str):  # type: ignore[no-untyped-def]
    return run_cli("archive", "add", *paths, "--index", "index.sqlite", cwd=folder)


def test_the_committed_case_index_is_current(tmp_path: Path) -> None:
    shutil.copy(CASES / "2024-03-01.txt", tmp_path)
    with Archive.create(tmp_path / "index.sqlite") as fresh:
        from zzlint.archive import build
        build.add(fresh, [str(tmp_path / "2024-03-01.txt")])
        with Archive.open(CASES / "index.sqlite") as committed:
            assert fresh.contents() == committed.contents()


def test_a_rerun_paragraph_is_reported_with_where_and_when(run_cli, archive_folder) -> None:
    folder, written = archive_folder
    assert _add(run_cli, folder, "printed").err == "Indexed 36 paragraphs of 3 files (0 unchanged) in index.sqlite.\n"
    rerun = written["2024-01-02.txt"][3]
    (folder / "draft.txt").write_text(f"今日要闻\n{paragraph(random.Random(1))}\n{rerun}\n", encoding="utf-8")
    result = run_cli("check", "--archive", "index.sqlite", "--format", "json", "draft.txt", cwd=folder)
    (found,) = json.loads(result.out)["diagnostics"]
    assert (found["rule"], found["severity"], found["line"], found["column"], found["end_column"]) == \
        ("already-printed", "warning", 3, 1, len(rerun) + 1)
    assert found["message"] == "paragraph was already printed word for word: printed/2024-01-02.txt:5, 2024-01-02"
    assert found["related"] == [{"path": "printed/2024-01-02.txt", "line": 5, "column": 1,
                                 "message": "printed before (2024-01-02)"}]
    assert result.code == 0
    assert run_cli("check", "-q", "--fail-on", "warning", "--archive", "index.sqlite", "draft.txt", cwd=folder).code == 1


def test_a_near_copy_is_reported_with_its_similarity(run_cli, archive_folder) -> None:
    folder, written = archive_folder
    _add(run_cli, folder, "printed")
    original = written["2024-01-03.txt"][0]
    (folder / "draft.txt").write_text(near_copy(original, random.Random(2), changes=3) + "\n", encoding="utf-8")
    result = run_cli("check", "-q", "--archive", "index.sqlite", "draft.txt", cwd=folder)
    assert result.out.startswith("draft.txt:1:1: warning: paragraph was already printed (similarity ")
    assert result.out.endswith("%): printed/2024-01-03.txt:2, 2024-01-03 [already-printed]\n")


def test_the_archive_key_in_config_is_relative_to_the_config_file(run_cli, archive_folder) -> None:
    folder, written = archive_folder
    _add(run_cli, folder, "printed")
    (folder / "drafts").mkdir()
    (folder / "drafts" / "zzlint.toml").write_text('archive = "../index.sqlite"\n', encoding="utf-8")
    (folder / "drafts" / "page.txt").write_text(written["2024-01-01.txt"][7] + "\n", encoding="utf-8")
    result = run_cli("check", "-q", "page.txt", cwd=folder / "drafts")
    assert result.out == ("page.txt:1:1: warning: paragraph was already printed word for word: "
                          f"{folder / 'printed' / '2024-01-01.txt'}:9, 2024-01-01 [already-printed]\n")


def test_an_archived_file_does_not_match_itself_but_its_copy_does(run_cli, archive_folder) -> None:
    folder, _ = archive_folder
    rng = random.Random(99)
    (folder / "printed" / "extra.txt").write_text("\n".join(paragraph(rng) for _ in range(5)) + "\n", encoding="utf-8")
    _add(run_cli, folder, "printed")
    assert run_cli("check", "-q", "--archive", "index.sqlite", "printed/extra.txt", cwd=folder).out == ""
    shutil.copy(folder / "printed" / "extra.txt", folder / "copy.txt")
    result = run_cli("check", "-q", "--archive", "index.sqlite", "copy.txt", cwd=folder)
    assert [line.split(": ", 1)[0] for line in result.out.splitlines()] == [f"copy.txt:{n}:1" for n in range(1, 6)]


def test_a_check_without_archive_leaves_the_rule_off(run_cli, archive_folder) -> None:
    folder, _ = archive_folder
    _add(run_cli, folder, "printed")
    shutil.copy(folder / "printed" / "2024-01-01.txt", folder / "copy.txt")
    assert run_cli("check", "-q", "--select", "ALL", "copy.txt", cwd=folder).out.count("already-printed") == 0


def test_the_findings_cache_notices_a_changed_archive(run_cli, archive_folder, tmp_path: Path) -> None:
    folder, written = archive_folder
    _add(run_cli, folder, "printed/2024-01-01.txt")
    (folder / "draft.txt").write_text(written["2024-01-02.txt"][0] + "\n", encoding="utf-8")
    cache = ["--cache-dir", str(tmp_path / "cache")]
    assert run_cli("check", "-q", *cache, "--archive", "index.sqlite", "draft.txt", cwd=folder).out == ""
    _add(run_cli, folder, "printed/2024-01-02.txt")
    for cached in (config._with_cli, config._rules_for, config._instantiate):
        cached.cache_clear()  # each run is a new process: the second must not reuse the first's rules
    again = run_cli("check", "-q", *cache, "--archive", "index.sqlite", "draft.txt", cwd=folder)
    assert "printed/2024-01-02.txt:2" in again.out


def test_re_adding_unchanged_files_changes_nothing_and_a_changed_file_is_replaced(run_cli, archive_folder) -> None:
    folder, written = archive_folder
    _add(run_cli, folder, "printed")
    with Archive.open(folder / "index.sqlite") as archive:
        before, generation = archive.contents(), archive.generation()
    assert _add(run_cli, folder, "printed").err == "Indexed 0 paragraphs of 0 files (3 unchanged) in index.sqlite.\n"
    with Archive.open(folder / "index.sqlite") as archive:
        assert (archive.contents(), archive.generation()) == (before, generation)
    page = folder / "printed" / "2024-01-03.txt"
    page.write_text("第3期要闻\n" + "\n".join(written["2024-01-03.txt"][:4]) + "\n", encoding="utf-8")
    assert _add(run_cli, folder, "printed").err == "Indexed 4 paragraphs of 1 files (2 unchanged) in index.sqlite.\n"
    stats = json.loads(run_cli("archive", "stats", "--index", "index.sqlite", "--format", "json", cwd=folder).out)
    assert (stats["sources"], stats["paragraphs"], stats["band_keys"]) == (3, 28, 28 * 25)


def test_remove_forgets_files_and_folders(run_cli, archive_folder) -> None:
    folder, _ = archive_folder
    _add(run_cli, folder, "printed")
    result = run_cli("archive", "remove", "printed/2024-01-01.txt", "--index", "index.sqlite", cwd=folder)
    assert (result.code, result.err) == (0, "Removed 1 files (12 paragraphs) from index.sqlite.\n")
    result = run_cli("archive", "remove", "printed", "gone.txt", "--index", "index.sqlite", cwd=folder)
    assert result.code == 2
    assert result.err == ("Removed 2 files (24 paragraphs) from index.sqlite.\n"
                          "zzlint: error: gone.txt: not in the archive index\n")
    stats = json.loads(run_cli("archive", "stats", "--index", "index.sqlite", "--format", "json", cwd=folder).out)
    assert (stats["sources"], stats["paragraphs"], stats["band_keys"]) == (0, 0, 0)


def test_an_index_of_another_format_is_one_clear_error(run_cli, archive_folder) -> None:
    folder, _ = archive_folder
    _add(run_cli, folder, "printed")
    with sqlite3.connect(folder / "index.sqlite") as db:
        db.execute("UPDATE meta SET value = '0' WHERE name = 'format'")
    (folder / "draft.txt").write_text("今日要闻\n", encoding="utf-8")
    message = (f"{folder / 'index.sqlite'}: archive index of format 0; this zzlint reads format 1 "
               "(rebuild it with zzlint archive add)")
    result = run_cli("check", "--archive", "index.sqlite", "draft.txt", cwd=folder)
    assert (result.code, result.out, result.err) == (2, "", f"zzlint: error: rule 'already-printed': {message}\n")
    result = run_cli("archive", "stats", "--index", "index.sqlite", cwd=folder)
    assert (result.code, result.err) == (2, "zzlint: error: index.sqlite: archive index of format 0; this zzlint "
                                            "reads format 1 (rebuild it with zzlint archive add)\n")


def test_a_missing_or_foreign_index_is_one_clear_error(run_cli, tmp_path: Path) -> None:
    (tmp_path / "draft.txt").write_text("今日要闻\n", encoding="utf-8")
    result = run_cli("check", "--archive", "none.sqlite", "draft.txt", cwd=tmp_path)
    assert (result.code, result.err) == (2, f"zzlint: error: rule 'already-printed': {tmp_path / 'none.sqlite'}: "
                                            "no archive index here (build one with zzlint archive add)\n")
    result = run_cli("check", "--archive", "draft.txt", "draft.txt", cwd=tmp_path)
    assert (result.code, result.err) == (2, f"zzlint: error: rule 'already-printed': {tmp_path / 'draft.txt'}: "
                                            "not a zzlint archive index\n")


def test_duplicates_finds_every_repeat_a_full_comparison_finds(run_cli, tmp_path: Path) -> None:
    written = write_archive(tmp_path / "printed", files=6, per_file=40)
    assert _add(run_cli, tmp_path, "printed").code == 0
    result = run_cli("archive", "duplicates", "--index", "index.sqlite", "--format", "json", cwd=tmp_path)
    found = {(r["path"], r["line"], r["earlier"]["path"], r["earlier"]["line"]) for r in map(json.loads, result.out.splitlines())}
    assert result.code == 1
    assert found == _every_repeat(tmp_path, written)
    assert len(found) >= 10  # two planted in each of the five later files


def _every_repeat(folder: Path, written: dict[str, list[str]]) -> set[tuple[str, int, str, int]]:
    """Each paragraph's earliest equal or near (ratio >= 90, not list items) paragraph, by
    comparing every pair: what the index must find through its band keys."""
    from zzlint.archive.paragraphs import near_similarity

    places = [(f"printed/{name}", line + 2, text) for name in sorted(written) for line, text in enumerate(written[name])]
    repeats = set()
    for i, (path, line, text) in enumerate(places):
        earlier = next((p for p in places[:i] if p[2] == text), None) or \
            next((p for p in places[:i] if near_similarity(text, p[2])), None)
        if earlier is not None:
            repeats.add((path, line, earlier[0], earlier[1]))
    return repeats


def test_dates_come_from_a_date_line_or_the_path() -> None:
    assert [dates.path_date(p) for p in ("a/2024-01-05.txt", "a/20240105-p1.txt", "a/2024/01/05/p1.txt",
                                         "xinwenlianbo_2024.txt", "b/202401.txt", "c/page_2000words.txt")] == \
        ["2024-01-05", "2024-01-05", "2024-01-05", "2024", "2024-01", None]
    assert [dates.line_date(t) for t in ("2024年1月5日", "（2024年1月5日）", "2024年1月5日 星期五",
                                         "2024-01-05", "2024年1月5日，天气晴", "2024年2月30日")] == \
        ["2024-01-05", "2024-01-05", "2024-01-05", "2024-01-05", None, None]
    doc = Document("2024年3月2日 星期六\n" + "\n".join(paragraph(random.Random(n)) for n in range(3)) + "\n",
                   "issues/2024-03-01.txt")
    assert set(dates.paragraph_dates(doc)) == {"2024-03-02"}


def test_check_without_an_archive_imports_no_archive_machinery(tmp_path: Path) -> None:
    (tmp_path / "page.txt").write_text("今日要闻\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-X", "importtime", "-m", "zzlint", "check", "--no-cache", "page.txt"],
                         cwd=tmp_path, capture_output=True, text=True, check=False)
    imported = {line.rsplit("|", 1)[-1].strip().split(".")[0] for line in run.stderr.splitlines() if "|" in line}
    assert run.returncode == 0
    assert "zzlint" in imported
    assert not imported & {"datasketch", "numpy", "dask", "distributed", "sqlite3"}


def test_an_index_built_by_two_processes_equals_one_built_by_one(run_cli, tmp_path: Path) -> None:
    write_archive(tmp_path / "printed", files=4, per_file=10)
    assert run_cli("archive", "add", "printed", "--index", "one.sqlite", cwd=tmp_path).code == 0
    assert run_cli("archive", "add", "printed", "--jobs", "2", "--index", "two.sqlite", cwd=tmp_path).code == 0
    with Archive.open(tmp_path / "one.sqlite") as one, Archive.open(tmp_path / "two.sqlite") as two:
        assert len(one.contents()) == 40
        assert one.contents() == two.contents()


def test_unreadable_files_are_one_error_line_each_and_the_rest_is_indexed(run_cli, tmp_path: Path) -> None:
    write_archive(tmp_path / "printed", files=2, per_file=10)
    (tmp_path / "printed" / "broken.txt").write_bytes(b"\x00\x01\x02binary\xff\xfe\x00")
    result = run_cli("archive", "add", "printed", "missing.txt", "--index", "index.sqlite", cwd=tmp_path)
    assert result.code == 2
    lines = result.err.splitlines()
    assert lines[0] == "Indexed 20 paragraphs of 2 files (0 unchanged) in index.sqlite."
    assert lines[1:] == ["zzlint: error: missing.txt: no such file or directory",
                         "zzlint: error: printed/broken.txt: binary file (NUL bytes and no UTF-16 byte-order mark)"]
