from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from zzlint import registry
from zzlint.diagnostic import Finding
from zzlint.rule import Rule

BROKEN = "出台八条措施。严格落实中央八项规定精神，降低运行\n成本，提高办事水平。\n"
CLEAN = "今年全县秋粮再获丰收。\n"
WARNING_ONLY = "截止目前，全市已建成基站。\n"
BROKEN_LINE = ("page.txt:1:8: error: paragraph ends mid-sentence (“…央八项规定精神，降低运行”); "
               "the sentence seems to continue in the next paragraph [broken-paragraph]\n")


@pytest.fixture
def page(tmp_path: Path) -> Path:
    path = tmp_path / "page.txt"
    path.write_text(BROKEN, encoding="utf-8")
    return path


def test_text_output_is_compiler_style_and_exit_1(run_cli, page: Path) -> None:
    result = run_cli("check", "page.txt", cwd=page.parent)
    assert (result.code, result.out) == (1, BROKEN_LINE)
    assert result.err == "Found 1 problem (1 error) in 1 file.\n"


def test_clean_file_exits_0(run_cli, tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text(CLEAN, encoding="utf-8")
    result = run_cli("check", "ok.txt", cwd=tmp_path)
    assert (result.code, result.out, result.err) == (0, "", "No problems found in 1 file.\n")


def test_warnings_fail_only_with_fail_on(run_cli, tmp_path: Path) -> None:
    (tmp_path / "w.txt").write_text(WARNING_ONLY, encoding="utf-8")
    assert run_cli("check", "-q", "w.txt", cwd=tmp_path).code == 0
    assert run_cli("check", "-q", "--fail-on", "warning", "w.txt", cwd=tmp_path).code == 1


def test_json_contract(run_cli, page: Path) -> None:
    result = run_cli("check", "--format", "json", "page.txt", cwd=page.parent)
    payload = json.loads(result.out)
    assert payload["version"] == 1
    (d,) = payload["diagnostics"]
    assert d == {"path": "page.txt", "line": 1, "column": 8, "end_line": 1, "end_column": 25,
                 "rule": "broken-paragraph", "severity": "error", "message": d["message"],
                 "related": [{"path": "page.txt", "line": 2, "column": 1,
                              "message": "the sentence continues here"}]}


def test_stdin_with_filename(run_cli, tmp_path: Path) -> None:
    result = run_cli("check", "-", "--stdin-filename", "page.txt", cwd=tmp_path,
                     stdin=BROKEN.encode())
    assert (result.code, result.out) == (1, BROKEN_LINE)


def test_select_ignore_and_statistics(run_cli, page: Path) -> None:
    assert run_cli("check", "--ignore", "broken-paragraph", "page.txt", cwd=page.parent).code == 0
    only = run_cli("check", "--select", "unpaired-punctuation", "page.txt", cwd=page.parent)
    assert only.code == 0
    stats = run_cli("check", "--statistics", "page.txt", cwd=page.parent)
    assert stats.out.splitlines() == ["     1  broken-paragraph",
                                      "1 findings in 36 characters: 277.78 per 10,000 characters"]


def test_unknown_rule_is_a_one_line_error_with_suggestion(run_cli, page: Path) -> None:
    result = run_cli("check", "--select", "broken-paragrap", "page.txt", cwd=page.parent)
    assert result.code == 2
    assert result.err == ("zzlint: error: unknown rule 'broken-paragrap' "
                          "(did you mean 'broken-paragraph'?)\n")


def test_missing_file_and_empty_folder_exit_2(run_cli, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.csv").write_text("a,b\n")
    missing = run_cli("check", "nope.txt", cwd=tmp_path)
    assert (missing.code, missing.err) == (2, "zzlint: error: nope.txt: no such file or directory\n")
    empty = run_cli("check", "empty", cwd=tmp_path)
    assert empty.code == 2
    assert empty.err.startswith("zzlint: error: empty: no files to lint here (")
    assert len(empty.err.splitlines()) == 1


def test_unreadable_and_binary_files_exit_2_but_others_are_linted(run_cli, tmp_path: Path,
                                                                 deny) -> None:
    (tmp_path / "page.txt").write_text(BROKEN, encoding="utf-8")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    (tmp_path / "locked.txt").write_text(CLEAN, encoding="utf-8")
    deny("locked.txt")
    result = run_cli("check", "-q", "--jobs", "1", ".", cwd=tmp_path)
    assert result.code == 2
    assert result.out == BROKEN_LINE
    assert result.err.splitlines() == [
        "zzlint: error: image.txt: binary file (NUL bytes and no UTF-16 byte-order mark)",
        "zzlint: error: locked.txt: cannot read: Permission denied",
    ]


def test_directories_are_searched_and_output_sorted(run_cli, tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text(BROKEN, encoding="utf-8")
    (tmp_path / "a.md").write_text(BROKEN.replace("\n", "\n\n", 1), encoding="utf-8")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "x.txt").write_text(BROKEN, encoding="utf-8")
    serial = run_cli("check", "-q", "--jobs", "1", ".", cwd=tmp_path)
    parallel = run_cli("check", "-q", "--jobs", "2", ".", cwd=tmp_path)
    assert [line.split(":")[0] for line in serial.out.splitlines()] == ["a.md", "b/z.txt"]
    assert parallel.out == serial.out


def test_rules_table_rule_docs_and_version(run_cli) -> None:
    table = run_cli("rules").out.splitlines()
    assert table[0].split() == ["rule", "severity", "default", "summary"]
    assert any(line.startswith("broken-paragraph ") and " error " in line for line in table)
    doc = run_cli("rule", "unpaired-punctuation").out
    assert doc.startswith("unpaired-punctuation (error, on by default)\n")
    assert "Wrong:\n    他说：“明天再议。\n" in doc and "Right:\n" in doc and "::" not in doc
    options = run_cli("rule", "broken-paragraph").out
    assert "Options (defaults, as written in the config):\n  min-length = 12\n" in options
    assert run_cli("rule", "no-such-rule").code == 2
    assert run_cli("--version").out.startswith("zzlint ")


class Explodes(Rule):
    """Raises on every document."""

    name = "explodes"

    def check(self, doc):  # type: ignore[no-untyped-def]
        raise RuntimeError("rule bug")
        yield Finding(0, 0, "")


def test_internal_error_names_rule_and_file_and_exits_2(run_cli, page: Path, monkeypatch,
                                                        fresh_registry) -> None:
    builtin = registry.builtin_rules()
    monkeypatch.setattr(registry, "builtin_rules", lambda: (*builtin, Explodes))
    result = run_cli("check", "-q", "--jobs", "1", "--extend-select", "explodes", "page.txt",
                     cwd=page.parent)
    assert result.code == 2
    assert result.out == BROKEN_LINE
    assert result.err.startswith("zzlint: error: page.txt: internal error in rule explodes: "
                                 "RuntimeError: rule bug")


def test_bad_option_value_is_a_usage_error(run_cli, page: Path) -> None:
    result = run_cli("check", "--jobs", "0", "page.txt", cwd=page.parent)
    assert result.code == 2 and len(result.err.splitlines()) == 1


def test_no_arguments_prints_the_help_and_exits_2(run_cli) -> None:
    result = run_cli()
    assert result.code == 2
    assert result.err.startswith("Usage: zzlint [OPTIONS] COMMAND [ARGS]...\n")
    assert "  check  " in result.err and "  rules  " in result.err


def test_rule_prints_option_defaults_as_toml(run_cli) -> None:
    lines = run_cli("rule", "repeated-paragraph").out.splitlines()
    assert [line for line in lines if line.startswith("  ") and " = " in line] == [
        "  min-han = 30", "  threshold = 90.0", '  scope = "auto"', "  across-files = false"]


def test_rule_explains_a_preset(run_cli) -> None:
    result = run_cli("rule", "gb")
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0].startswith("gb is a preset: it selects ")
    chosen = [line.split()[0] for line in lines[2:]]
    assert {"halfwidth-punctuation", "fullwidth-digits", "broken-paragraph"} <= set(chosen)
    assert chosen == sorted(chosen)


def test_rule_and_rules_know_the_house_rules_of_the_config_in_force(run_cli, tmp_path: Path) -> None:
    from tests.test_packs import PACK

    (tmp_path / "house.toml").write_text(PACK, encoding="utf-8")
    (tmp_path / "zzlint.toml").write_text('rule-packs = ["house.toml"]\n')
    assert run_cli("rule", "house-term", cwd=tmp_path).out.startswith(
        "house-term (error, on by default); unsafe fix, applied with --unsafe-fixes\n\n"
        "House style for WeChat accounts.")
    assert any(line.startswith("house-term ") for line in run_cli("rules", cwd=tmp_path).out.splitlines())


@pytest.mark.parametrize("name, message", [("rot13", "'rot13' is not a text encoding"),
                                           ("base64", "'base64' is not a text encoding"),
                                           ("zlib", "'zlib' is not a text encoding"),
                                           ("klingon", "unknown encoding 'klingon'")])
def test_an_encoding_that_decodes_no_text_is_a_usage_error(run_cli, page: Path, name: str, message: str) -> None:
    result = run_cli("check", "--encoding", name, "page.txt", cwd=page.parent)
    assert (result.code, result.out, result.err) == (2, "", f"zzlint: error: --encoding: {message}\n")


def test_exit_zero_reports_findings_and_exits_0(run_cli, page: Path) -> None:
    result = run_cli("check", "--exit-zero", "page.txt", cwd=page.parent)
    assert (result.code, result.out) == (0, BROKEN_LINE)
    missing = run_cli("check", "--exit-zero", "page.txt", "gone.txt", cwd=page.parent)
    assert missing.code == 2


def test_colour_always_never_and_no_color(run_cli, page: Path, monkeypatch) -> None:
    coloured = run_cli("check", "-q", "--color", "always", "page.txt", cwd=page.parent).out
    assert coloured.startswith("\x1b[1mpage.txt:1:8:\x1b[0m \x1b[31m\x1b[1merror:\x1b[0m paragraph ends")
    assert coloured.endswith("\x1b[2m[broken-paragraph]\x1b[0m\n")
    assert run_cli("check", "-q", "--color", "never", "page.txt", cwd=page.parent).out == BROKEN_LINE
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    monkeypatch.setenv("NO_COLOR", "1")
    assert run_cli("check", "-q", "page.txt", cwd=page.parent).out == BROKEN_LINE


def test_progress_shows_on_a_terminal_once_a_run_is_long(monkeypatch) -> None:
    import io

    from zzlint import check

    terminal = io.StringIO()
    terminal.isatty = lambda: True  # type: ignore[method-assign]
    monkeypatch.setattr(sys, "stderr", terminal)
    monkeypatch.setattr(check, "PROGRESS_AFTER", 0.0)
    with check.Progress() as progress:
        progress(1, 3)
        progress(3, 3)
    assert terminal.getvalue() == "\rzzlint: 1/3 files\rzzlint: 3/3 files\r\x1b[K"
    piped = io.StringIO()
    monkeypatch.setattr(sys, "stderr", piped)
    with check.Progress() as progress:
        progress(1, 3)
    assert piped.getvalue() == ""


def test_an_internal_error_is_one_line_and_exit_2(run_cli, monkeypatch, tmp_path: Path) -> None:
    from zzlint import outline

    def broken(doc):  # type: ignore[no-untyped-def]
        raise RuntimeError("the outline broke")

    monkeypatch.setattr(outline, "describe", broken)
    (tmp_path / "page.txt").write_text("今天天气很好。\n", encoding="utf-8")
    result = run_cli("structure", "page.txt", cwd=tmp_path)
    assert (result.code, result.err) == (
        2, "zzlint: error: internal error: RuntimeError: the outline broke (please report it)\n")
