"""Suppression comments in Markdown: only real comments count, each enable ends what it names,
a misspelt name is reported, and deep nesting never hides text."""
from __future__ import annotations

from pathlib import Path

UNCLOSED = "他说：“明天再议。"


def check(run_cli, tmp_path: Path, source: str, *args: str) -> list[str]:
    (tmp_path / "draft.md").write_text(source, encoding="utf-8")
    return run_cli("check", "-q", "--no-cache", *args, "draft.md", cwd=tmp_path).out.splitlines()


def test_a_disable_comment_inside_code_disables_nothing(run_cli, tmp_path: Path) -> None:
    source = (f"写法示例：\n\n```markdown\n<!-- zzlint-disable -->\n```\n\n"
              f"行内代码 `<!-- zzlint-disable -->` 也一样。\n\n{UNCLOSED}\n")
    assert check(run_cli, tmp_path, source) == [
        "draft.md:9:4: error: unclosed “: no ” closes it [unpaired-punctuation]"]


def test_enable_ends_only_the_rules_it_names(run_cli, tmp_path: Path) -> None:
    source = ("<!-- zzlint-disable unpaired-punctuation, numbering-sequence -->\n"
              "<!-- zzlint-enable numbering-sequence -->\n\n"
              f"一、总体要求\n\n三、保障措施\n\n{UNCLOSED}\n")
    assert check(run_cli, tmp_path, source) == [
        "draft.md:6:1: error: numbering gap: after 一、 expected 二、, found 三、 [numbering-sequence]"]


def test_enable_one_rule_while_every_rule_is_off(run_cli, tmp_path: Path) -> None:
    source = ("<!-- zzlint-disable -->\n\n一、总体要求\n\n三、保障措施\n\n"
              f"<!-- zzlint-enable unpaired-punctuation -->\n\n{UNCLOSED}\n\n五、附则\n\n"
              f"<!-- zzlint-enable -->\n\n{UNCLOSED}\n")
    assert check(run_cli, tmp_path, source) == [
        "draft.md:9:4: error: unclosed “: no ” closes it [unpaired-punctuation]",
        "draft.md:15:4: error: unclosed “: no ” closes it [unpaired-punctuation]"]


def test_an_unknown_rule_in_a_comment_is_reported_at_the_comment(run_cli, tmp_path: Path) -> None:
    source = f"<!-- zzlint-disable-next-line unpaired-punctuaton -->\n{UNCLOSED}\n"
    assert check(run_cli, tmp_path, source) == [
        "draft.md:1:1: error: unknown rule unpaired-punctuaton in a suppression comment "
        "(did you mean 'unpaired-punctuation'?): it suppresses nothing [invalid-suppression]",
        "draft.md:2:4: error: unclosed “: no ” closes it [unpaired-punctuation]"]


def test_no_comment_silences_the_report_of_a_faulty_comment(run_cli, tmp_path: Path) -> None:
    source = "<!-- zzlint-disable -->\n\n<!-- zzlint-disable no-such-rule -->\n"
    assert check(run_cli, tmp_path, source) == [
        "draft.md:3:1: error: unknown rule no-such-rule in a suppression comment: it suppresses nothing "
        "[invalid-suppression]"]


def test_disable_next_line_covers_the_whole_next_paragraph(run_cli, tmp_path: Path) -> None:
    source = (f"<!-- zzlint-disable-next-line unpaired-punctuation -->\n第一行没有问题，\n{UNCLOSED}\n\n"
              f"{UNCLOSED}\n")
    assert check(run_cli, tmp_path, source) == [
        "draft.md:5:4: error: unclosed “: no ” closes it [unpaired-punctuation]"]


def test_deeply_nested_blockquotes_and_lists_are_linted(run_cli, tmp_path: Path) -> None:
    quotes = ">" * 20 + f" {UNCLOSED}\n"
    assert check(run_cli, tmp_path, quotes) == ["draft.md:1:25: error: unclosed “: no ” closes it [unpaired-punctuation]"]
    items = "".join("  " * level + "- 项目\n" for level in range(10)) + "  " * 10 + f"- {UNCLOSED}\n"
    assert check(run_cli, tmp_path, items) == ["draft.md:11:26: error: unclosed “: no ” closes it [unpaired-punctuation]"]


def test_nesting_deeper_than_the_parser_can_go_is_an_error(run_cli, tmp_path: Path) -> None:
    (tmp_path / "draft.md").write_text(">" * 5000 + f" {UNCLOSED}\n", encoding="utf-8")
    result = run_cli("check", "--no-cache", "draft.md", cwd=tmp_path)
    assert (result.code, result.err) == (2, "zzlint: error: draft.md: Markdown nested too deeply to parse\n")
