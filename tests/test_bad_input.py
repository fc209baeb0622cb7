"""The bad-input table (README, "Reliability"): each row puts one bad input beside a page with a
known defect, and checks the exit code, the one line said about the bad input, and that the
page's finding is still reported. Rows covered elsewhere: malformed and wrong-typed config
(test_config.py), broken and catastrophic rule packs (test_packs.py), an unreadable folder and
odd file kinds (test_files.py), SIGINT and SIGTERM during --jobs (test_workers.py); kill -9
during --fix belongs with the fixes (test_fix.py)."""
from __future__ import annotations

import io
import os
import random
import subprocess
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

BROKEN = "出台八条措施。严格落实中央八项规定精神，降低运行\n成本，提高办事水平。\n"
PAGE_LINE = ("page.txt:1:8: error: paragraph ends mid-sentence (“…央八项规定精神，降低运行”); "
             "the sentence seems to continue in the next paragraph [broken-paragraph]")


def _docx_without_document_xml() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/styles.xml", "<styles/>")
    return buffer.getvalue()


def _zip_that_is_not_a_docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("photo.jpg", b"\xff\xd8\xff")
    return buffer.getvalue()


@dataclass
class Row:
    name: str
    file: str
    make: Callable[[Path], None]
    code: int
    #: What zzlint says about the bad input on stderr (None: nothing).
    said: str | None
    #: What it reports on stdout besides the page's finding.
    reported: tuple[str, ...] = ()


def _bytes(name: str, data: bytes) -> Callable[[Path], None]:
    return lambda folder: (folder / name).write_bytes(data)


ROWS = [
    Row("empty", "empty.txt", _bytes("empty.txt", b""), 1, None),
    Row("whitespace only", "blank.txt", _bytes("blank.txt", " \n\t\n\u3000\n".encode()), 1, None),
    Row("BOM only", "bom.txt", _bytes("bom.txt", b"\xef\xbb\xbf"), 1, None),
    Row("NUL-filled", "nul.txt", _bytes("nul.txt", b"\x00" * 4096), 2,
        "nul.txt: binary file (NUL bytes and no UTF-16 byte-order mark)"),
    Row("invalid UTF-8 mid-text", "mixed.txt",
        _bytes("mixed.txt", "今年秋粮丰收。".encode() + b"\xff\xfe\xff" + "再获丰收。\n".encode()), 2,
        "mixed.txt: cannot decode as UTF-8, UTF-16 or GB18030 (use --encoding)"),
    Row("UTF-16 without BOM", "utf16.txt", _bytes("utf16.txt", "今年全县秋粮再获丰收。\n".encode("utf-16-le")), 2,
        "utf16.txt: binary file (NUL bytes and no UTF-16 byte-order mark)"),
    Row("GB18030", "gb.txt", _bytes("gb.txt", BROKEN.encode("gb18030")), 1, None,
        (PAGE_LINE.replace("page.txt", "gb.txt"),)),
    Row("PNG renamed .txt", "image.txt", _bytes("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), 2,
        "image.txt: binary file (NUL bytes and no UTF-16 byte-order mark)"),
    Row("random bytes named .docx", "random.docx",
        _bytes("random.docx", random.Random(7).randbytes(2048)), 2,
        "random.docx: not a Word document (a .docx file is a zip archive; this is not one)"),
    Row("a zip that is not a docx", "photos.docx", _bytes("photos.docx", _zip_that_is_not_a_docx()), 2,
        "photos.docx: a zip archive, not a Word document"),
    Row("docx without document.xml", "hollow.docx", _bytes("hollow.docx", _docx_without_document_xml()), 2,
        "hollow.docx: damaged Word document: word/document.xml is missing"),
    Row("symlink loop", "loop.txt", lambda folder: ((folder / "loop.txt").symlink_to("loop2.txt"),
                                                    (folder / "loop2.txt").symlink_to("loop.txt")), 2,
        None),
    Row("dangling symlink", "gone.txt", lambda folder: (folder / "gone.txt").symlink_to("nowhere.txt"), 2,
        "gone.txt: no such file"),
    Row("name with spaces", "two words.txt", _bytes("two words.txt", BROKEN.encode()), 1, None,
        (PAGE_LINE.replace("page.txt", "two words.txt"),)),
    Row("Chinese name", "株洲日报.txt", _bytes("株洲日报.txt", BROKEN.encode()), 1, None,
        (PAGE_LINE.replace("page.txt", "株洲日报.txt"),)),
    Row("name with a newline", "a\nb.txt", _bytes("a\nb.txt", BROKEN.encode()), 1, None,
        (PAGE_LINE.replace("page.txt", "a\\nb.txt"),)),
]


@pytest.mark.parametrize("row", ROWS, ids=[row.name for row in ROWS])
def test_bad_input_is_one_line_and_the_other_files_are_linted(run_cli, tmp_path: Path, row: Row) -> None:
    (tmp_path / "page.txt").write_text(BROKEN, encoding="utf-8")
    row.make(tmp_path)
    result = run_cli("check", "-q", "--jobs", "1", ".", cwd=tmp_path)
    assert result.code == row.code, result.err
    assert sorted(result.out.splitlines()) == sorted([PAGE_LINE, *row.reported])
    said = [line.removeprefix("zzlint: error: ") for line in result.err.splitlines()]
    if row.said is None and row.code == 2:
        assert len(said) == 2 and said[0].startswith("loop") and "symbolic links" in said[0]
    else:
        assert said == ([row.said] if row.said else [])


def test_unreadable_file(run_cli, tmp_path: Path, deny) -> None:
    (tmp_path / "page.txt").write_text(BROKEN, encoding="utf-8")
    (tmp_path / "locked.txt").write_text(BROKEN, encoding="utf-8")
    deny("locked.txt")
    result = run_cli("check", "-q", "--jobs", "1", ".", cwd=tmp_path)
    assert (result.code, result.out) == (2, PAGE_LINE + "\n")
    assert result.err == "zzlint: error: locked.txt: cannot read: Permission denied\n"


def test_a_50_mb_single_line_is_read_and_placed(run_cli, tmp_path: Path) -> None:
    """Reading, decoding and placing findings at this size, with one cheap rule: the default
    rules take about 30 s here (bench/large_inputs.py measures it)."""
    line = "今年全县秋粮再获丰收，" * (50 * 2**20 // 33) + "日期为2023年2月30日。"
    (tmp_path / "line.txt").write_text(line + "\n", encoding="utf-8")
    result = run_cli("check", "-q", "--no-cache", "--select", "invalid-date", "line.txt", cwd=tmp_path)
    column = len(line) - len("2023年2月30日。") + 1
    assert result.code == 1
    assert result.out.startswith(f"line.txt:1:{column}: error: ")


def test_a_million_short_lines_are_read_and_placed(run_cli, tmp_path: Path) -> None:
    """As above: the default rules take about 65 s on a million short lines today, most of it in
    repeated-passage, a known limitation (bench/large_inputs.py)."""
    (tmp_path / "lines.txt").write_text("今年全县秋粮再获丰收。\n" * 1_000_000 + "日期为2023年2月30日。\n",
                                        encoding="utf-8")
    result = run_cli("check", "-q", "--no-cache", "--select", "invalid-date", "lines.txt", cwd=tmp_path)
    assert result.code == 1
    assert result.out.startswith("lines.txt:1000001:4: error: ")


def test_concurrent_runs_sharing_a_cache_agree(tmp_path: Path) -> None:
    for index in range(12):
        (tmp_path / f"page-{index:02d}.txt").write_text(BROKEN * (index + 1), encoding="utf-8")
    command = [sys.executable, "-m", "zzlint", "check", "-q", "--jobs", "1", "."]
    expected = subprocess.run([*command, "--no-cache"], cwd=tmp_path, capture_output=True, text=True).stdout
    assert expected.count("\n") == sum(range(1, 13))
    for _ in range(2):
        runs = [subprocess.Popen(command, cwd=tmp_path, stdout=subprocess.PIPE, text=True) for _ in range(3)]
        assert [run.communicate(timeout=120)[0] for run in runs] == [expected] * 3


@pytest.mark.parametrize("damage", [lambda data: data[: len(data) // 2], lambda data: os.urandom(len(data))],
                         ids=["truncated", "random"])
def test_a_corrupted_cache_heals(run_cli, tmp_path: Path, damage) -> None:
    (tmp_path / "page.txt").write_text(BROKEN, encoding="utf-8")
    first = run_cli("check", "-q", "page.txt", cwd=tmp_path)
    for index in (tmp_path / ".zzlint_cache").glob("*.json"):
        index.write_bytes(damage(index.read_bytes()))
    for _ in range(2):
        again = run_cli("check", "-q", "page.txt", cwd=tmp_path)
        assert (again.code, again.out, again.err) == (first.code, first.out, "")
