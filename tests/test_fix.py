"""--fix and --diff: fixes stay inside flagged spans, re-lint clean, are idempotent, and keep
the file's encoding, byte-order mark and line endings."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zzlint.document import Document
from zzlint.engine import lint_document
from zzlint.fixes import apply, fix_until_stable
from zzlint.registry import all_rules
from zzlint.rules.halfwidth_punctuation import FULL

FIXABLE = ("halfwidth-punctuation", "ellipsis-form", "dash-form", "range-form", "repeated-punctuation",
           "range-unit", "chinese-zero", "weekday-digit", "fullwidth-digits", "repeated-character")
PIECES = ["会议", "决定", "明天", "开工", "的", "在", "，", "。", "、", ",", ".", ";", ":", "(", ")",
          "2023", "-", "2024年", "3", "～", "16亿", "１９９８", "星期5", "二零一二年", "…", "。。。",
          "--", "，，", "的的", "“", "”", " ", "\n", "增长", "%"]


def rules():  # type: ignore[no-untyped-def]
    known = all_rules()
    return [known[name]() for name in FIXABLE]


def lint(doc: Document):  # type: ignore[no-untyped-def]
    return lint_document(doc, rules()).diagnostics


def changed_outside_spans(before: str, after: str, fixes: list[tuple[int, int, str]]) -> list[int]:
    """Offsets of ``before`` outside the fixed spans whose character is not found, unchanged, at
    its place in ``after`` (shifted by the length changes of the fixes before it). A fix that
    overlaps an earlier one waits for the next pass, as documented."""
    applied, position = [], 0
    for start, end, replacement in sorted(fixes):
        if start >= position:
            applied.append((start, end, replacement))
            position = end
    moved, shift, index = [], 0, 0
    for offset, char in enumerate(before):
        while index < len(applied) and applied[index][1] <= offset:
            start, end, replacement = applied[index]
            shift += len(replacement) - (end - start)
            index += 1
        if index < len(applied) and applied[index][0] <= offset:
            continue
        if offset + shift >= len(after) or after[offset + shift] != char:
            moved.append(offset)
    return moved


def check_fix_properties(text: str) -> None:
    doc = Document(text)
    diagnostics = lint(doc)
    once = apply(text, diagnostics)
    fixes = [(d.start, d.end, d.fix) for d in diagnostics if d.fix is not None and "\n" not in text[d.start:d.end]]
    assert changed_outside_spans(text, once, fixes) == []
    fixed, remaining = fix_until_stable(doc, lint, Document)
    assert [d for d in remaining if d.fix is not None] == []
    again, _ = fix_until_stable(fixed, lint, Document)
    assert again.source == fixed.source


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=40).map("".join))
def test_fix_properties_on_generated_text(text: str) -> None:
    check_fix_properties(text)


def test_fix_properties_on_real_text(needs_corpus: Path, needs_fixture: Path) -> None:
    lines = (needs_corpus / "news" / "peoples_daily_1998-01.txt").read_text(encoding="utf-8").splitlines()
    check_fix_properties("\n".join(lines[:400]) + "\n")
    check_fix_properties(needs_fixture.read_text(encoding="utf-8"))


def test_fixture_fix_changes_only_its_ascii_punctuation(run_cli, tmp_path: Path, needs_fixture: Path) -> None:
    page = tmp_path / "page.txt"
    original = needs_fixture.read_text(encoding="utf-8")
    page.write_text(original, encoding="utf-8")
    findings = len(run_cli("check", "-q", "--select", "halfwidth-punctuation", "page.txt", cwd=tmp_path).out.splitlines())
    diff = run_cli("check", "--diff", "--select", "halfwidth-punctuation", "page.txt", cwd=tmp_path)
    assert diff.code == 1 and diff.out.startswith("--- a/page.txt\n+++ b/page.txt\n")
    assert page.read_text(encoding="utf-8") == original
    result = run_cli("check", "--fix", "--select", "halfwidth-punctuation", "page.txt", cwd=tmp_path)
    assert result.code == 0 and result.err.startswith(f"Fixed {findings} problems in 1 file.")
    fixed = page.read_text(encoding="utf-8")
    assert len(fixed) == len(original)
    changes = [(a, b) for a, b in zip(original, fixed) if a != b]
    assert len(changes) == findings > 200
    assert all(FULL[a] == b for a, b in changes)
    assert "梯11湘AB18993(21)号" in fixed
    assert run_cli("check", "--fix", "--select", "halfwidth-punctuation", "page.txt", cwd=tmp_path).err == \
        "No problems found in 1 file.\n"


@pytest.mark.parametrize(("encoding", "bom", "newline"), [
    ("gb18030", b"", "\r\n"), ("utf-8", b"\xef\xbb\xbf", "\n"), ("utf-16-le", b"\xff\xfe", "\r\n")])
def test_fix_keeps_encoding_bom_and_line_endings(run_cli, tmp_path: Path, encoding: str, bom: bytes,
                                                newline: str) -> None:
    text = newline.join(["会议决定,明天开工.", "", "他--不，是她。", ""])
    (tmp_path / "page.txt").write_bytes(bom + text.encode(encoding))
    result = run_cli("check", "--fix", "--select", "halfwidth-punctuation,dash-form", "page.txt", cwd=tmp_path)
    assert result.code == 0
    data = (tmp_path / "page.txt").read_bytes()
    assert data == bom + newline.join(["会议决定，明天开工。", "", "他——不，是她。", ""]).encode(encoding)
    assert list(tmp_path.iterdir()) == [tmp_path / "page.txt"]


def test_fix_on_stdin_prints_the_text(run_cli, tmp_path: Path) -> None:
    result = run_cli("check", "--fix", "--select", "halfwidth-punctuation", "-", "--stdin-filename", "a.txt",
                     cwd=tmp_path, stdin="会议决定,明天开工.\n".encode())
    assert result.out == "会议决定，明天开工。\n"


def test_markdown_fix_leaves_code_alone(run_cli, tmp_path: Path) -> None:
    source = "会议决定,明天开工.\n\n```\n代码,不改.\n```\n"
    (tmp_path / "a.md").write_text(source, encoding="utf-8")
    run_cli("check", "--fix", "--select", "halfwidth-punctuation", "a.md", cwd=tmp_path)
    assert (tmp_path / "a.md").read_text(encoding="utf-8") == source.replace("决定,明天开工.", "决定，明天开工。")
