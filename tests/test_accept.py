"""Accept lists: a finding inside an accepted snippet is dropped, in text and in Word drafts."""
from __future__ import annotations

from pathlib import Path

import pytest

PAGE = "考察团到访的的喀喀湖。\n队员们再接再砺，奔向的的终点。\n"
ALL_FINDINGS = [
    "page.txt:1:7: warning: 「的的」: 的 typed twice? [repeated-character]",
    "page.txt:2:4: warning: 「再接再砺」: write “再接再厉” [idiom-variant]",
    "page.txt:2:12: warning: 「的的」: 的 typed twice? [repeated-character]",
]


def check(run_cli, folder: Path, config: str, name: str = "page.txt") -> list[str]:
    (folder / "zzlint.toml").write_text(config, encoding="utf-8")
    result = run_cli("check", "-q", "--no-cache", "--select", "repeated-character,idiom-variant", name,
                     cwd=folder)
    return result.out.splitlines()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "page.txt").write_text(PAGE, encoding="utf-8")
    return tmp_path


def test_without_an_accept_list_everything_is_reported(run_cli, folder: Path) -> None:
    assert check(run_cli, folder, "") == ALL_FINDINGS


def test_a_finding_inside_an_accepted_snippet_is_dropped(run_cli, folder: Path) -> None:
    assert check(run_cli, folder, 'accept = ["的的喀喀湖"]\n') == ALL_FINDINGS[1:]


def test_a_finding_reaching_beyond_the_snippet_stays(run_cli, folder: Path) -> None:
    assert check(run_cli, folder, 'accept = ["喀喀湖", "再接再"]\n') == ALL_FINDINGS


def test_a_rules_own_list_leaves_the_other_rules_alone(run_cli, folder: Path) -> None:
    config = ('[rules.idiom-variant]\naccept = ["奔向的的终点"]\n\n'
              '[rules.repeated-character]\naccept = ["奔向的的终点"]\n')
    assert check(run_cli, folder, config) == ALL_FINDINGS[:2]


def test_the_accept_list_applies_to_word_drafts(run_cli, tmp_path: Path) -> None:
    import docx

    word = docx.Document()
    for paragraph in PAGE.splitlines():
        word.add_paragraph(paragraph)
    word.save(tmp_path / "draft.docx")
    assert check(run_cli, tmp_path, "", "draft.docx")[0] == (
        "draft.docx:1:7: warning: 「的的」: 的 typed twice? [repeated-character]")
    assert check(run_cli, tmp_path, 'accept = ["的的喀喀湖"]\n', "draft.docx") == [
        "draft.docx:2:4: warning: 「再接再砺」: write “再接再厉” [idiom-variant]",
        "draft.docx:2:12: warning: 「的的」: 的 typed twice? [repeated-character]",
    ]


def test_the_cache_knows_the_accept_list(run_cli, folder: Path) -> None:
    (folder / "zzlint.toml").write_text("", encoding="utf-8")
    selection = ("--select", "repeated-character,idiom-variant")
    assert len(run_cli("check", "-q", *selection, "page.txt", cwd=folder).out.splitlines()) == 3
    (folder / "zzlint.toml").write_text('accept = ["的的喀喀湖"]\n', encoding="utf-8")
    assert run_cli("check", "-q", *selection, "page.txt", cwd=folder).out.splitlines() == ALL_FINDINGS[1:]


def test_the_accept_list_applies_to_findings_across_files(run_cli, tmp_path: Path) -> None:
    paragraph = "我们也看到，全区养老服务工作离老年人的新期待、离家庭照护的实际需求还有差距，社区养老服务设施覆盖面需要进一步扩大。"
    (tmp_path / "a.txt").write_text(f"第一篇稿件。\n{paragraph}\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(f"第二篇稿件。\n\n{paragraph}\n", encoding="utf-8")
    config = "[rules.repeated-paragraph]\nacross-files = true\n"
    (tmp_path / "zzlint.toml").write_text(config, encoding="utf-8")
    assert run_cli("check", "-q", "--jobs", "1", ".", cwd=tmp_path).code == 1
    (tmp_path / "zzlint.toml").write_text(f'accept = ["{paragraph}"]\n{config}', encoding="utf-8")
    result = run_cli("check", "-q", "--jobs", "1", ".", cwd=tmp_path)
    assert (result.code, result.out) == (0, "")


@pytest.mark.parametrize(("config", "error"), [
    ('accept = [""]\n', "'accept' must not hold an empty snippet"),
    ('[rules.repeated-character]\naccept = "的的"\n', "rules.repeated-character.accept must be a list of text snippets"),
])
def test_a_bad_accept_list_is_a_config_error(run_cli, folder: Path, config: str, error: str) -> None:
    (folder / "zzlint.toml").write_text(config, encoding="utf-8")
    result = run_cli("check", "page.txt", cwd=folder)
    assert (result.code, result.err) == (2, f"zzlint: error: {folder / 'zzlint.toml'}: {error}\n")
