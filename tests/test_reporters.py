"""What other tools read: JUnit, SARIF and JSON (findings, and the files that could not be linted),
statistics in the format asked for, and the full format's underline."""
from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import unquote
from xml.etree import ElementTree as ET

import pytest

from tests.conftest import ROOT, SHARED
from zzlint import __version__

SCHEMA = SHARED / "schemas" / "sarif-schema-2.1.0.json"
#: A paragraph that breaks off, with a vertical tab (\x0b) in the words the message quotes.
BROKEN_WITH_VT = "出台八条措施。严格落实中央八项规定精神，降低\x0b运行\n\n成本，提高办事水平。\n"
WARNING_ONLY = "降低运行的的成本。\n"
CLEAN = "今年全县秋粮再获丰收。\n"
BINARY = b"\x00\x01\x02zzlint\x00" * 8


def junit(out: str) -> ET.Element:
    return ET.fromstring(out)


def cases(suite: ET.Element) -> list[tuple[str | None, list[str]]]:
    return [(case.get("name"), [child.tag for child in case]) for case in suite.iter("testcase")]


def sarif_run(out: str) -> dict:
    log = json.loads(out)
    if SCHEMA.is_file():
        import jsonschema

        jsonschema.Draft4Validator(json.loads(SCHEMA.read_text(encoding="utf-8"))).validate(log)
    return log["runs"][0]


def needs_schema() -> None:
    if not SCHEMA.is_file():
        pytest.skip(f"the SARIF schema is not here ({SCHEMA}); CI has ../shared")


# --- JUnit ---------------------------------------------------------------------------------------

def test_junit_writes_a_control_character_as_a_visible_escape(run_cli, tmp_path: Path) -> None:
    (tmp_path / "page.txt").write_text(BROKEN_WITH_VT, encoding="utf-8")
    result = run_cli("check", "--format", "junit", "page.txt", cwd=tmp_path)
    failure = junit(result.out).find("testsuite/testcase/failure")
    assert failure is not None
    assert failure.get("message") == ("1:8: paragraph ends mid-sentence (“…八项规定精神，降低\\x0b运行”); "
                                      "the sentence seems to continue in the next paragraph")


def test_junit_clean_run_has_a_passing_case_per_file(run_cli, tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(CLEAN, encoding="utf-8")
    result = run_cli("check", "--format", "junit", "a.txt", "b.txt", cwd=tmp_path)
    root = junit(result.out)
    assert result.code == 0
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("2", "0", "0")
    assert [(s.get("name"), cases(s)) for s in root] == [("a.txt", [("no findings", [])]),
                                                         ("b.txt", [("no findings", [])])]


def test_junit_fails_a_case_only_at_the_fail_level(run_cli, tmp_path: Path) -> None:
    (tmp_path / "page.txt").write_text(WARNING_ONLY, encoding="utf-8")
    passed = run_cli("check", "--format", "junit", "page.txt", cwd=tmp_path)
    suite = junit(passed.out).find("testsuite")
    assert passed.code == 0 and suite is not None and suite.get("failures") == "0"
    assert cases(suite) == [("repeated-character at 1:6", ["system-out"])]
    assert suite.find("testcase/system-out").text == "page.txt:1:6: warning: 「的的」: 的 typed twice? [repeated-character]"
    failed = run_cli("check", "--format", "junit", "--fail-on", "warning", "page.txt", cwd=tmp_path)
    assert failed.code == 1 and cases(junit(failed.out).find("testsuite")) == [("repeated-character at 1:6", ["failure"])]


# --- files that could not be linted ------------------------------------------------------------

@pytest.fixture
def one_unreadable(tmp_path: Path) -> Path:
    (tmp_path / "page.txt").write_text(WARNING_ONLY, encoding="utf-8")
    (tmp_path / "scan.txt").write_bytes(BINARY)
    return tmp_path


BINARY_MESSAGE = "binary file (NUL bytes and no UTF-16 byte-order mark)"


def test_json_lists_the_files_it_could_not_lint(run_cli, one_unreadable: Path) -> None:
    result = run_cli("check", "--format", "json", "--jobs", "1", "page.txt", "scan.txt", "gone.txt", cwd=one_unreadable)
    payload = json.loads(result.out)
    assert result.code == 2
    assert list(payload) == ["version", "diagnostics", "errors"] and len(payload["diagnostics"]) == 1
    assert payload["errors"] == [{"path": None, "rule": None, "message": "gone.txt: no such file or directory"},
                                 {"path": "scan.txt", "rule": None, "message": BINARY_MESSAGE}]
    assert result.err.splitlines() == ["zzlint: error: gone.txt: no such file or directory",
                                       f"zzlint: error: scan.txt: {BINARY_MESSAGE}"]


def test_sarif_reports_an_unreadable_file_as_a_failed_execution(run_cli, one_unreadable: Path) -> None:
    result = run_cli("check", "--format", "sarif", "page.txt", "scan.txt", cwd=one_unreadable)
    (invocation,) = sarif_run(result.out)["invocations"]
    assert invocation["executionSuccessful"] is False
    assert invocation["toolExecutionNotifications"] == [{
        "level": "error", "message": {"text": f"scan.txt: {BINARY_MESSAGE}"},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": "scan.txt", "uriBaseId": "%SRCROOT%"}}}]}]


def test_junit_reports_an_unreadable_file_as_an_error_case(run_cli, one_unreadable: Path) -> None:
    result = run_cli("check", "--format", "junit", "page.txt", "scan.txt", cwd=one_unreadable)
    root = junit(result.out)
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("2", "0", "1")
    error = root.find("testsuite[@name='scan.txt']/testcase/error")
    assert error is not None and error.get("message") == BINARY_MESSAGE
    assert error.text == f"scan.txt: {BINARY_MESSAGE}"


# --- SARIF ---------------------------------------------------------------------------------------

def test_sarif_uris_are_encoded_relative_to_the_source_root(run_cli, tmp_path: Path) -> None:
    folder = tmp_path / "work"
    (folder / "稿件 2023").mkdir(parents=True)
    (folder / "稿件 2023" / "株洲,日报:1.txt").write_text(WARNING_ONLY, encoding="utf-8")
    outside = tmp_path / "外 部.txt"
    outside.write_text(WARNING_ONLY, encoding="utf-8")
    run = sarif_run(run_cli("check", "--format", "sarif", "稿件 2023/株洲,日报:1.txt", str(outside), cwd=folder).out)
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": folder.as_uri() + "/"}}
    locations = [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in run["results"]]
    assert locations == [
        {"uri": outside.as_uri()},
        {"uri": "%E7%A8%BF%E4%BB%B6%202023/%E6%A0%AA%E6%B4%B2%2C%E6%97%A5%E6%8A%A5%3A1.txt", "uriBaseId": "%SRCROOT%"}]
    assert unquote(locations[1]["uri"]) == "稿件 2023/株洲,日报:1.txt"
    assert outside.as_uri().startswith("file:///") and "%E5%A4%96%20" in outside.as_uri()


def test_sarif_rules_link_to_their_documentation_in_the_repository(run_cli, tmp_path: Path) -> None:
    from zzlint.reporters.sarif import repository

    if repository() is None:
        pytest.skip("this zzlint is not installed with its project URLs (pip install -e .)")
    (tmp_path / "page.txt").write_text("截止目前，" + WARNING_ONLY, encoding="utf-8")
    rules = sarif_run(run_cli("check", "--format", "sarif", "page.txt", cwd=tmp_path).out)["tool"]["driver"]["rules"]
    base = f"{repository()}/blob/v{__version__}/"
    assert {r["id"]: r["helpUri"] for r in rules} == {
        "cutoff-wording": base + "rules/conventions.toml",
        "repeated-character": base + "zzlint/rules/repeated_character.py"}
    for rule in rules:
        assert (ROOT / rule["helpUri"].removeprefix(base)).is_file()


def test_sarif_identical_findings_have_different_fingerprints(run_cli, tmp_path: Path) -> None:
    (tmp_path / "page.txt").write_text(WARNING_ONLY * 2, encoding="utf-8")
    results = sarif_run(run_cli("check", "--format", "sarif", "page.txt", cwd=tmp_path).out)["results"]
    repeated = [r for r in results if r["ruleId"] == "repeated-character"]
    first, second = (r["partialFingerprints"]["zzlint/v1"] for r in repeated)
    assert len(repeated) == 2 and second == f"{first}:2"


def test_sarif_columns_are_code_points_and_say_so(run_cli, tmp_path: Path) -> None:
    # 𠮷 is one code point and two UTF-16 units: a column after it tells the two apart.
    (tmp_path / "page.txt").write_text("𠮷祥小区" + WARNING_ONLY, encoding="utf-8")
    run = sarif_run(run_cli("check", "--format", "sarif", "page.txt", cwd=tmp_path).out)
    region = run["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert run["columnKind"] == "unicodeCodePoints"
    assert (region["startColumn"], region["endColumn"]) == (10, 11)


def test_sarif_validates_against_the_official_schema(run_cli, one_unreadable: Path) -> None:
    needs_schema()
    (one_unreadable / "broken.txt").write_text(BROKEN_WITH_VT, encoding="utf-8")
    run = sarif_run(run_cli("check", "--format", "sarif", ".", cwd=one_unreadable).out)
    assert [r["ruleId"] for r in run["results"]] == ["broken-paragraph", "repeated-character"]


# --- statistics ----------------------------------------------------------------------------------

def test_statistics_as_json(run_cli, tmp_path: Path) -> None:
    (tmp_path / "page.txt").write_text(WARNING_ONLY * 2, encoding="utf-8")
    result = run_cli("check", "--statistics", "--format", "json", "page.txt", cwd=tmp_path)
    assert json.loads(result.out) == {
        "version": 1, "statistics": [{"rule": "repeated-character", "count": 2, "per_10000_characters": 1000.0}],
        "total": 2, "characters": 20, "per_10000_characters": 1000.0, "errors": []}


@pytest.mark.parametrize("output_format", ["sarif", "junit", "github", "html"])
def test_statistics_refuse_a_format_that_carries_findings(run_cli, tmp_path: Path, output_format: str) -> None:
    (tmp_path / "page.txt").write_text(WARNING_ONLY, encoding="utf-8")
    result = run_cli("check", "--statistics", "--format", output_format, "-o", "st.out", "page.txt", cwd=tmp_path)
    assert (result.code, result.out) == (2, "")
    assert result.err == f"zzlint: error: --statistics is written as text or json, not {output_format}\n"
    assert not (tmp_path / "st.out").exists()


# --- full ----------------------------------------------------------------------------------------

def full(run_cli, folder: Path, name: str, text: str) -> list[str]:
    (folder / name).write_text(text, encoding="utf-8")
    return run_cli("check", "-q", "--format", "full", name, cwd=folder).out.splitlines()


def test_full_underlines_after_tabs(run_cli, tmp_path: Path) -> None:
    assert full(run_cli, tmp_path, "page.txt", "\t他说\t：“明天再议。\n")[1:3] == [
        "1 |     他说    ：“明天再议。",
        "  |               ^^"]


def test_full_shows_form_feed_and_line_separator_as_symbols(run_cli, tmp_path: Path) -> None:
    assert full(run_cli, tmp_path, "page.txt", "\x0c甲\u2028乙“丙。\n")[1:3] == [
        "1 | ␌甲␤乙“丙。",
        "  |       ^^"]


def test_full_shows_a_markdown_line_with_its_markup(run_cli, tmp_path: Path) -> None:
    assert full(run_cli, tmp_path, "draft.md", "# 通知\n\n他说：**明天**“再议。\n")[:3] == [
        "draft.md:3:10: error: unclosed “: no ” closes it [unpaired-punctuation]",
        "3 | 他说：**明天**“再议。",
        "  |               ^^"]


def test_full_underline_skips_zero_width_characters(run_cli, tmp_path: Path) -> None:
    assert full(run_cli, tmp_path, "page.txt", "他\u200b说：“明天再议。\n")[2] == "  |       ^^"

