"""--fix and --diff: safe and unsafe fixes, conflicts between rules, fixes that stay inside the
flagged spans and are idempotent, and the fixed text written in the file's own encoding,
byte-order mark and line endings."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zzlint.diagnostic import Diagnostic, Severity
from zzlint.document import Document
from zzlint.engine import lint_document
from zzlint.fixes import MAX_PASSES, apply, chosen, fix_until_stable
from zzlint.registry import all_rules
from zzlint.rules.halfwidth_punctuation import FULL

#: Clauses of news and report prose, with the defects the fixable rules look for.
CLAUSES = ["会议决定", "明天开工", "一.总体要求", "（一）、加强组织领导", "第一、明确任务", "截止目前",
           "全市已建成基站1.2万个", "星期5上午", "二零一二年", "交界处的的的喀喀湖", "面对不足的的短板",
           "9～16亿", "15～30%", "2023-2024年", "他--不", "大家议论纷纷。。。", "等待、观望…",
           "好的，，我们走", "１９９８年", "公司(荷塘科技工业园)", "增长3.14%", "共1,000人", "他说：“好”",
           "见https://example.org/a,b", "约30人左右", "3256余人"]
MARKS = ["，", "。", "、", ",", ".", ";", ":", "；", "！", "?", "", " "]


def every_rule():  # type: ignore[no-untyped-def]
    return [cls() for cls in all_rules().values()]


RULES = every_rule()
SAFE = {rule.name for rule in RULES if rule.fix_safety == "safe"}


def lint(doc: Document) -> list[Diagnostic]:
    return lint_document(doc, RULES).diagnostics


def is_safe(diagnostic: Diagnostic) -> bool:
    return diagnostic.rule in SAFE


def changed_outside(before: str, after: str, fixes: list[Diagnostic]) -> list[int]:
    """Offsets of ``before`` outside the fixed spans whose character is not found, unchanged,
    at its place in ``after`` (shifted by the length changes of the fixes before it)."""
    moved, shift, index = [], 0, 0
    for offset, char in enumerate(before):
        while index < len(fixes) and fixes[index].end <= offset:
            shift += len(fixes[index].fix or "") - (fixes[index].end - fixes[index].start)
            index += 1
        if index < len(fixes) and fixes[index].start <= offset:
            continue
        if offset + shift >= len(after) or after[offset + shift] != char:
            moved.append(offset)
    return moved


def crossing(fix: Diagnostic, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Other rules' findings that share characters with ``fix``, except a longer one without a
    fix that contains it."""
    return [d for d in diagnostics if d.rule != fix.rule and d.start < fix.end and fix.start < d.end
            and not (d.fix is None and d.start <= fix.start and fix.end <= d.end
                     and (d.start, d.end) != (fix.start, fix.end))]


def check_fix_properties(text: str) -> None:
    for allowed in (is_safe, lambda d: True):
        doc = Document(text)
        for _pass in range(MAX_PASSES):
            diagnostics = lint(doc)
            fixes = chosen(doc.text, diagnostics, allowed)
            if not fixes:
                break
            assert all(allowed(d) for d in fixes)
            assert [(d.rule, crossing(d, diagnostics)) for d in fixes if crossing(d, diagnostics)] == []
            fixed = apply(doc.text, diagnostics, allowed)
            assert changed_outside(doc.text, fixed, fixes) == []
            doc = Document(fixed)
        final, remaining, _count = fix_until_stable(Document(text), lint, Document, allowed)
        assert chosen(final.text, remaining, allowed) == []
        assert fix_until_stable(final, lint, Document, allowed)[0].text == final.text


clause = st.sampled_from(CLAUSES)
sentence = st.lists(st.tuples(clause, st.sampled_from(MARKS)), min_size=1, max_size=6).map(
    lambda parts: "".join(c + m for c, m in parts))


@settings(max_examples=150, deadline=None)
@given(st.lists(sentence, min_size=1, max_size=5).map(lambda lines: "\n".join(lines) + "\n"))
def test_fix_properties_on_generated_text(text: str) -> None:
    check_fix_properties(text)


def test_fix_properties_on_real_text(needs_corpus: Path, needs_fixture: Path) -> None:
    lines = (needs_corpus / "news" / "peoples_daily_1998-01.txt").read_text(encoding="utf-8").splitlines()
    check_fix_properties("\n".join(lines[:400]) + "\n")
    check_fix_properties(needs_fixture.read_text(encoding="utf-8"))


def finding(rule: str, start: int, end: int, fix: str | None) -> Diagnostic:
    return Diagnostic("a.txt", 1, start + 1, 1, end + 1, rule, Severity.WARNING, "m", start=start, end=end, fix=fix)


def test_a_fix_waits_while_another_rule_flags_its_characters() -> None:
    text = "一.总体要求。他说。\n"
    punctuation = finding("punctuation", 1, 2, "。")
    numbering = finding("numbering", 1, 2, "、")
    unfixable_same = finding("other", 1, 2, None)
    long_unfixable = finding("passage", 0, 9, None)
    long_fixable = finding("passage", 0, 9, "一、总体要求。他说。")
    two_characters, crossing_its_end = finding("pair", 6, 8, "，"), finding("crossing", 7, 10, None)
    assert chosen(text, [punctuation, numbering]) == []
    assert chosen(text, [punctuation, unfixable_same]) == []
    assert chosen(text, [punctuation, long_fixable]) == []
    assert chosen(text, [two_characters, crossing_its_end]) == []
    assert chosen(text, [punctuation, long_unfixable]) == [punctuation]
    first, overlapping = finding("same", 6, 8, "x"), finding("same", 7, 9, "y")
    assert chosen(text, [first, overlapping]) == [first]


def test_conflicting_fixes_no_longer_turn_a_marker_into_a_full_stop(run_cli, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("一.总体要求\n", encoding="utf-8")
    result = run_cli("check", "--fix", "--select", "ALL", "a.txt", cwd=tmp_path)
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == "一、总体要求\n"
    assert result.err == "Fixed 1 problem in 1 file.\nNo problems found in 1 file.\n"
    (tmp_path / "b.txt").write_text("一.总体要求\n", encoding="utf-8")
    assert run_cli("check", "--fix", "--select", "halfwidth-punctuation", "b.txt", cwd=tmp_path).code == 0
    assert (tmp_path / "b.txt").read_text(encoding="utf-8") == "一.总体要求\n"


def test_a_name_is_not_corrupted_by_a_fix(run_cli, tmp_path: Path) -> None:
    text = "湖泊位于两国交界处的的的喀喀湖畔。\n"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    for flags in (["--fix"], ["--fix", "--unsafe-fixes"]):
        run_cli("check", *flags, "--select", "ALL", "a.txt", cwd=tmp_path)
        assert (tmp_path / "a.txt").read_text(encoding="utf-8") == text


def test_unsafe_fixes_need_their_flag_and_are_counted(run_cli, tmp_path: Path) -> None:
    text = "解决基层人手不足的的问题,截止目前。\n"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    diff = run_cli("check", "--diff", "--select", "ALL", "a.txt", cwd=tmp_path)
    assert diff.out.splitlines()[-1] == "+解决基层人手不足的的问题，截止目前。"
    assert diff.err == "2 more fixes are available with --unsafe-fixes.\n"
    unsafe = run_cli("check", "--diff", "--unsafe-fixes", "--select", "ALL", "a.txt", cwd=tmp_path)
    assert (unsafe.code, unsafe.out.splitlines()[-1], unsafe.err) == (1, "+解决基层人手不足的问题，截至目前。", "")
    fixed = run_cli("check", "--fix", "--select", "ALL", "a.txt", cwd=tmp_path)
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == "解决基层人手不足的的问题，截止目前。\n"
    assert fixed.err.splitlines()[:2] == ["Fixed 1 problem in 1 file.",
                                          "2 more fixes are available with --unsafe-fixes."]
    run_cli("check", "--fix", "--unsafe-fixes", "--select", "ALL", "a.txt", cwd=tmp_path)
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == "解决基层人手不足的问题，截至目前。\n"
    alone = run_cli("check", "--unsafe-fixes", "a.txt", cwd=tmp_path)
    assert (alone.code, alone.err) == (2, "zzlint: error: --unsafe-fixes goes with --fix or --diff\n")


def test_every_fix_declares_its_safety_and_the_rule_page_says_it(run_cli) -> None:
    known = all_rules()
    assert {name for name, cls in known.items() if cls.fix_safety == "unsafe"} == {
        "cutoff-wording", "repeated-character"}
    assert run_cli("rule", "repeated-character").out.splitlines()[0] == \
        "repeated-character (warning, on by default); unsafe fix, applied with --unsafe-fixes"
    assert run_cli("rule", "dash-form").out.splitlines()[0] == \
        "dash-form (warning, on by default); safe fix, applied by --fix"
    assert run_cli("rule", "broken-paragraph").out.splitlines()[0] == "broken-paragraph (error, on by default)"


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
    licence_years = re.compile(r"[A-Z0-9]\(\d+\)")
    assert licence_years.findall(fixed) == licence_years.findall(original) != []
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


@pytest.mark.parametrize(("forced", "data"), [
    ("utf-16", "会议决定,明天开工.\n".encode("utf-16")),
    ("utf-16", "会议决定,明天开工.\n".encode("utf-16-le")),
    ("utf-16", b"\xfe\xff" + "会议决定,明天开工.\n".encode("utf-16-be")),
    ("utf-8-sig", "会议决定,明天开工.\n".encode("utf-8")),
    ("utf-8-sig", "会议决定,明天开工.\n".encode("utf-8-sig"))])
def test_a_forced_encoding_keeps_the_byte_order_mark_as_it_was(run_cli, tmp_path: Path, forced: str,
                                                               data: bytes) -> None:
    (tmp_path / "page.txt").write_bytes(data)
    run_cli("check", "--fix", "--encoding", forced, "--select", "halfwidth-punctuation", "page.txt", cwd=tmp_path)
    before = "会议决定,明天开工.\n".encode("utf-16-be" if data.startswith(b"\xfe\xff") else "utf-16-le") \
        if forced == "utf-16" else "会议决定,明天开工.\n".encode()
    after = "会议决定，明天开工。\n".encode("utf-16-be" if data.startswith(b"\xfe\xff") else "utf-16-le") \
        if forced == "utf-16" else "会议决定，明天开工。\n".encode()
    bom = data[:len(data) - len(before)]
    assert (tmp_path / "page.txt").read_bytes() == bom + after


def test_fix_on_stdin_prints_the_text(run_cli, tmp_path: Path) -> None:
    result = run_cli("check", "--fix", "--select", "halfwidth-punctuation", "-", "--stdin-filename", "a.txt",
                     cwd=tmp_path, stdin="会议决定,明天开工.\n".encode())
    assert result.out == "会议决定，明天开工。\n"


def test_fix_on_stdin_echoes_clean_text_and_reports_what_is_left_on_stderr(run_cli, tmp_path: Path) -> None:
    clean = run_cli("check", "-", "--fix", cwd=tmp_path, stdin="今天很好。\n".encode())
    assert (clean.code, clean.out, clean.err) == (0, "今天很好。\n", "No problems found in 1 file.\n")
    left = run_cli("check", "-", "--fix", "--select", "ALL", cwd=tmp_path, stdin="会议决定,明天开工.他说：“好\n".encode())
    assert (left.code, left.out) == (1, "会议决定，明天开工。他说：“好\n")
    assert left.err.splitlines() == ["Fixed 2 problems in 1 file.",
                                     "-:1:14: error: unclosed “: no ” closes it [unpaired-punctuation]",
                                     "Found 1 problem (1 error) in 1 file."]


@pytest.mark.parametrize("encoding", ["gb18030", "utf-16"])
def test_fix_on_stdin_answers_in_the_input_encoding(tmp_path: Path, encoding: str) -> None:
    result = subprocess.run([sys.executable, "-m", "zzlint", "check", "-", "--fix", "--no-cache",
                             "--select", "halfwidth-punctuation"], cwd=tmp_path, capture_output=True,
                            input="会议决定,明天开工.\n".encode(encoding), check=False)
    assert (result.returncode, result.stdout) == (0, "会议决定，明天开工。\n".encode(encoding))


def test_markdown_fix_leaves_code_alone(run_cli, tmp_path: Path) -> None:
    source = "会议决定,明天开工.\n\n```\n代码,不改.\n```\n"
    (tmp_path / "a.md").write_text(source, encoding="utf-8")
    run_cli("check", "--fix", "--select", "halfwidth-punctuation", "a.md", cwd=tmp_path)
    assert (tmp_path / "a.md").read_text(encoding="utf-8") == source.replace("决定,明天开工.", "决定，明天开工。")
