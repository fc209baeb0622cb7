from __future__ import annotations

import json
from pathlib import Path

import pytest

BROKEN = "出台八条措施。严格落实中央八项规定精神，降低运行\n成本，提高办事水平。\n"
UNCLOSED = "他说：“明天再议。\n"


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    (tmp_path / "desk").mkdir()
    (tmp_path / "desk" / "page.txt").write_text(BROKEN + UNCLOSED, encoding="utf-8")
    (tmp_path / "top.txt").write_text(BROKEN + UNCLOSED, encoding="utf-8")
    return tmp_path


def rules_reported(out: str) -> list[str]:
    return [line.rsplit("[", 1)[1].rstrip("]") for line in out.splitlines()]


def test_pyproject_table_and_closest_config_wins(run_cli, tree: Path) -> None:
    (tree / "pyproject.toml").write_text('[tool.zzlint]\nignore = ["unpaired-punctuation"]\n')
    (tree / "desk" / "zzlint.toml").write_text('select = ["unpaired-punctuation"]\n')
    result = run_cli("check", "-q", "--jobs", "1", ".", cwd=tree)
    by_file = {line.split(":")[0]: line for line in result.out.splitlines()}
    assert rules_reported(by_file["desk/page.txt"]) == ["unpaired-punctuation"]
    assert rules_reported(by_file["top.txt"]) == ["broken-paragraph"]


def test_pyproject_without_zzlint_table_is_skipped(run_cli, tree: Path) -> None:
    (tree / "zzlint.toml").write_text('ignore = ["broken-paragraph"]\n')
    (tree / "desk" / "pyproject.toml").write_text('[project]\nname = "x"\n')
    result = run_cli("check", "-q", "desk/page.txt", cwd=tree)
    assert rules_reported(result.out) == ["unpaired-punctuation"]


def test_unknown_key_rule_and_option_are_errors_with_suggestions(run_cli, tree: Path) -> None:
    config = tree / "zzlint.toml"
    config.write_text('ignor = ["broken-paragraph"]\n')
    result = run_cli("check", "top.txt", cwd=tree)
    assert (result.code, result.err) == (2, f"zzlint: error: {config}: unknown key 'ignor' "
                                            "(did you mean 'ignore'?)\n")
    config.write_text('[rules.broken-paragraf]\nseverity = "warning"\n')
    assert "did you mean 'broken-paragraph'?" in run_cli("check", "top.txt", cwd=tree).err
    config.write_text('[rules.broken-paragraph]\nmin-lenght = 3\n')
    result = run_cli("check", "top.txt", cwd=tree)
    assert result.err == (f"zzlint: error: {config}: rule 'broken-paragraph' has no option "
                          "'min-lenght' (did you mean 'min-length'?)\n")
    config.write_text('[rules.broken-paragraph]\nmin-length = "long"\n')
    assert "must be int, not str" in run_cli("check", "top.txt", cwd=tree).err


def test_malformed_toml_is_one_line_exit_2(run_cli, tree: Path) -> None:
    (tree / "zzlint.toml").write_text('select = ["broken-paragraph"\n')
    result = run_cli("check", "top.txt", cwd=tree)
    assert result.code == 2
    assert result.err.startswith(f"zzlint: error: {tree / 'zzlint.toml'}: invalid TOML:")
    assert len(result.err.splitlines()) == 1


def test_severity_option_and_per_file_ignores(run_cli, tree: Path) -> None:
    (tree / "zzlint.toml").write_text(
        '[rules.broken-paragraph]\nseverity = "warning"\n\n'
        '[per-file-ignores]\n"desk/*.txt" = ["unpaired-punctuation"]\n')
    result = run_cli("check", "-q", "--jobs", "1", ".", cwd=tree)
    lines = result.out.splitlines()
    assert lines[0].startswith("desk/page.txt:1:8: warning: ")
    assert rules_reported(result.out) == ["broken-paragraph", "broken-paragraph",
                                          "unpaired-punctuation"]
    assert result.code == 1


def test_rule_option_changes_behaviour(run_cli, tree: Path) -> None:
    (tree / "zzlint.toml").write_text('[rules.broken-paragraph]\nmin-length = 100\n')
    assert rules_reported(run_cli("check", "-q", "top.txt", cwd=tree).out) == ["unpaired-punctuation"]


def test_isolated_and_explicit_config(run_cli, tree: Path) -> None:
    (tree / "zzlint.toml").write_text('select = ["unpaired-punctuation"]\n')
    other = tree / "other.toml"
    other.write_text('select = ["broken-paragraph"]\n')
    assert rules_reported(run_cli("check", "-q", "--isolated", "top.txt", cwd=tree).out) == [
        "broken-paragraph", "unpaired-punctuation"]
    assert rules_reported(run_cli("check", "-q", "--config", "other.toml", "top.txt",
                                  cwd=tree).out) == ["broken-paragraph"]
    missing = run_cli("check", "--config", "absent.toml", "top.txt", cwd=tree)
    assert (missing.code, missing.err) == (2, "zzlint: error: absent.toml: config file not found\n")


def test_cli_selection_applies_on_top_of_config(run_cli, tree: Path) -> None:
    (tree / "zzlint.toml").write_text('select = ["unpaired-punctuation"]\n')
    out = run_cli("check", "-q", "--extend-select", "broken-paragraph", "top.txt", cwd=tree).out
    assert rules_reported(out) == ["broken-paragraph", "unpaired-punctuation"]


def test_show_settings(run_cli, tree: Path) -> None:
    (tree / "zzlint.toml").write_text('fail-on = "warning"\n[rules.broken-paragraph]\nmin-length = 20\n')
    result = run_cli("check", "--show-settings", "top.txt", cwd=tree)
    settings = json.loads(result.out)
    assert settings["config"] == str(tree / "zzlint.toml")
    assert settings["fail-on"] == "warning"
    assert settings["rules"]["broken-paragraph"] == {"severity": "error", "options": {"min-length": 20}}


def test_exclude_uses_gitignore_syntax(run_cli, tree: Path) -> None:
    (tree / "zzlint.toml").write_text('exclude = ["desk/"]\n')
    result = run_cli("check", "-q", "--jobs", "1", ".", cwd=tree)
    assert {line.split(":")[0] for line in result.out.splitlines()} == {"top.txt"}


def test_presets_default_and_gb(run_cli, tmp_path: Path) -> None:
    (tmp_path / "page.txt").write_text("会议决定,明天开工。１９９８年\n", encoding="utf-8")
    assert run_cli("check", "-q", "page.txt", cwd=tmp_path).out == ""
    gb = run_cli("check", "-q", "--select", "gb", "page.txt", cwd=tmp_path).out
    assert rules_reported(gb) == ["halfwidth-punctuation", "fullwidth-digits"]
    (tmp_path / "zzlint.toml").write_text('select = ["gb"]\n')
    assert run_cli("check", "-q", "page.txt", cwd=tmp_path).out == gb
