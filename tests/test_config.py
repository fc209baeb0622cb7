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
    assert run_cli("check", "top.txt", cwd=tree).err == (
        f"zzlint: error: {config}: option 'min-length' of rule 'broken-paragraph' must be an integer, "
        "not a string\n")


def test_a_right_key_with_a_wrong_type_says_the_type_and_suggests_nothing(run_cli, tree: Path) -> None:
    config = tree / "zzlint.toml"
    config.write_text('[rules.repeated-paragraph]\nthreshold = "high"\n')
    result = run_cli("check", "top.txt", cwd=tree)
    assert (result.code, result.err) == (2, f"zzlint: error: {config}: option 'threshold' of rule "
                                            "'repeated-paragraph' must be a number, not a string\n")


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


def test_extend_applies_the_desk_config_on_top_of_the_root_config(run_cli, tree: Path) -> None:
    (tree / "zzlint.toml").write_text(
        'ignore = ["unpaired-punctuation"]\nexclude = ["desk/old/"]\n'
        '[rules.broken-paragraph]\nseverity = "warning"\nmin-length = 100\n')
    (tree / "desk" / "old").mkdir()
    (tree / "desk" / "old" / "1998.txt").write_text(BROKEN, encoding="utf-8")
    (tree / "desk" / "zzlint.toml").write_text(
        'extend = "../zzlint.toml"\n[rules.broken-paragraph]\nmin-length = 12\n')
    result = run_cli("check", "-q", "--jobs", "1", "desk", cwd=tree)
    assert result.out.splitlines() == [line.replace("error", "warning", 1).replace("page.txt", "desk/page.txt")
                                       for line in BROKEN_LINE.splitlines()]
    settings = json.loads(run_cli("check", "--show-settings", "desk/page.txt", cwd=tree).out)
    assert settings["config-files"] == [str(tree / "desk" / "zzlint.toml"), str(tree / "zzlint.toml")]
    assert settings["rules"]["broken-paragraph"] == {"severity": "warning", "options": {"min-length": 12}}
    assert "unpaired-punctuation" not in settings["rules"]


BROKEN_LINE = ("page.txt:1:8: error: paragraph ends mid-sentence (“…央八项规定精神，降低运行”); "
               "the sentence seems to continue in the next paragraph [broken-paragraph]")


def test_a_desk_select_starts_afresh_and_extend_select_adds(run_cli, tree: Path) -> None:
    (tree / "zzlint.toml").write_text('ignore = ["unpaired-punctuation"]\n')
    desk = tree / "desk" / "zzlint.toml"
    desk.write_text('extend = "../zzlint.toml"\nextend-select = ["unpaired-punctuation"]\n')
    assert rules_reported(run_cli("check", "-q", "desk/page.txt", cwd=tree).out) == [
        "broken-paragraph", "unpaired-punctuation"]
    desk.write_text('extend = "../zzlint.toml"\nselect = ["unpaired-punctuation"]\n')
    assert rules_reported(run_cli("check", "-q", "desk/page.txt", cwd=tree).out) == ["unpaired-punctuation"]


def test_extend_chains_and_refuses_a_cycle_or_a_missing_file(run_cli, tree: Path) -> None:
    (tree / "base.toml").write_text('ignore = ["broken-paragraph"]\n')
    (tree / "zzlint.toml").write_text('extend = "base.toml"\n')
    (tree / "desk" / "zzlint.toml").write_text('extend = "../zzlint.toml"\n')
    assert rules_reported(run_cli("check", "-q", "desk/page.txt", cwd=tree).out) == ["unpaired-punctuation"]
    (tree / "base.toml").write_text('extend = "desk/zzlint.toml"\n')
    cycle = run_cli("check", "desk/page.txt", cwd=tree)
    assert cycle.code == 2 and len(cycle.err.splitlines()) == 1
    loop = cycle.err.split("'extend' makes a cycle: ")[1].strip().split(" -> ")
    assert loop[0] == loop[-1] and sorted(loop[:-1]) == sorted(
        str(p) for p in (tree / "base.toml", tree / "zzlint.toml", tree / "desk" / "zzlint.toml"))
    (tree / "zzlint.toml").write_text('extend = "gone.toml"\n')
    missing = run_cli("check", "top.txt", cwd=tree)
    assert (missing.code, missing.err) == (
        2, f"zzlint: error: {tree / 'zzlint.toml'}: extend: gone.toml: no such config file\n")


def test_an_unknown_rule_in_select_names_the_config_file(run_cli, tree: Path) -> None:
    (tree / "zzlint.toml").write_text('select = ["broken-paragrap"]\n')
    result = run_cli("check", "top.txt", cwd=tree)
    assert (result.code, result.err) == (2, f"zzlint: error: {tree / 'zzlint.toml'}: unknown rule "
                                            "'broken-paragrap' (did you mean 'broken-paragraph'?)\n")


@pytest.mark.parametrize("text, message", [
    ('[tool.zzlint\nselect = []\n', "invalid TOML: "),
    ('tool = "zzlint"\n', "'tool' must be a table, not a string"),
    ('[tool]\nzzlint = "strict"\n', "[tool.zzlint] must be a table, not a string"),
])
def test_a_broken_pyproject_that_configures_zzlint_is_an_error(run_cli, tree: Path, text: str,
                                                               message: str) -> None:
    (tree / "pyproject.toml").write_text(text)
    result = run_cli("check", "top.txt", cwd=tree)
    assert result.code == 2
    assert result.err.startswith(f"zzlint: error: {tree / 'pyproject.toml'}: {message}")
    assert len(result.err.splitlines()) == 1


def test_a_broken_pyproject_that_never_mentions_zzlint_is_not_a_config(run_cli, tree: Path) -> None:
    (tree / "pyproject.toml").write_text('[project\nname = "x"\n')
    assert run_cli("check", "-q", "top.txt", cwd=tree).code == 1


@pytest.mark.parametrize("pattern", ["!", "[z-a]", "\\"])
def test_an_invalid_exclude_pattern_is_a_config_error(run_cli, tree: Path, pattern: str) -> None:
    (tree / "zzlint.toml").write_text(f"exclude = ['{pattern}']\n")
    result = run_cli("check", ".", cwd=tree)
    assert result.code == 2
    assert result.err.startswith(f"zzlint: error: {tree / 'zzlint.toml'}: exclude: invalid pattern ")
    assert len(result.err.splitlines()) == 1


@pytest.mark.parametrize("text, message", [
    ('select = "broken-paragraph"\n', "'select' must be a list of strings, not a string"),
    ('fail-on = 2\n', "'fail-on' must be a string (error, warning or info), not an integer"),
    ('respect-gitignore = "no"\n', "'respect-gitignore' must be true or false, not a string"),
    ('rules = ["broken-paragraph"]\n', "'rules' must be a table, not a list"),
    ('[rules.broken-paragraph]\nseverity = 3\n',
     "rules.broken-paragraph: 'severity' must be a string (error, warning or info), not an integer"),
    ('extend = ["base.toml"]\n', "'extend' must be a string (a path), not a list"),
])
def test_wrong_types_in_config_say_the_expected_type(run_cli, tree: Path, text: str, message: str) -> None:
    (tree / "zzlint.toml").write_text(text)
    result = run_cli("check", "top.txt", cwd=tree)
    assert (result.code, result.err) == (2, f"zzlint: error: {tree / 'zzlint.toml'}: {message}\n")
