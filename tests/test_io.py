"""Inputs (Markdown, Word, encodings), outputs (full, SARIF, GitHub, JUnit), suppression and
baseline, on files written by the tests themselves."""
from __future__ import annotations

import json
import shutil
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from tests.conftest import SHARED

BROKEN = "出台八条措施。严格落实中央八项规定精神，降低运行\n\n成本，提高办事水平。\n"

MARKDOWN = """---
title: 稿件“元数据
---

# 一、总体要求

他说：“明天再议。会议**决定**延期，详见[通知](https://example.org/a“b)。

```text
代码块里的“未闭合引号不报告
```

正文中的 `行内代码“` 与 <span title="“">HTML</span> 也不报告。

<!-- zzlint-disable-next-line unpaired-punctuation -- 原文如此 -->
她说：“这一段被忽略。

<!-- zzlint-disable numbering-sequence -->
三、保障措施
<!-- zzlint-enable -->

| 项目 | 说明 |
| --- | --- |
| 甲 | 表格里“未闭合 |
"""


def lines(out: str) -> list[str]:
    return [line.split(" [")[0] for line in out.splitlines()]


def test_markdown_lints_prose_only_at_source_positions(run_cli, tmp_path: Path) -> None:
    (tmp_path / "draft.md").write_text(MARKDOWN, encoding="utf-8")
    result = run_cli("check", "-q", "draft.md", cwd=tmp_path)
    assert result.out.splitlines() == [
        "draft.md:7:4: error: unclosed “: no ” closes it [unpaired-punctuation]",
        "draft.md:24:10: error: unclosed “: no ” closes it [unpaired-punctuation]",
    ]


def test_markdown_disable_block_and_reason(run_cli, tmp_path: Path) -> None:
    (tmp_path / "draft.md").write_text(MARKDOWN.replace("<!-- zzlint-disable numbering-sequence -->\n", ""),
                                       encoding="utf-8")
    out = run_cli("check", "-q", "--select", "numbering-sequence", "draft.md", cwd=tmp_path).out
    assert out == "draft.md:18:1: error: numbering gap: after 一、 expected 二、, found 三、 [numbering-sequence]\n"


@pytest.mark.parametrize("encoding", ["gb18030", "gbk", "utf-16", "utf-8-sig"])
def test_encodings_are_detected_and_positions_unchanged(run_cli, tmp_path: Path, encoding: str) -> None:
    (tmp_path / "page.txt").write_bytes(BROKEN.encode(encoding))
    result = run_cli("check", "-q", "page.txt", cwd=tmp_path)
    assert lines(result.out) == ["page.txt:1:8: error: paragraph ends mid-sentence (“…央八项规定精神，降低运行”); "
                                 "the sentence seems to continue in the next paragraph"]


def test_forced_encoding_and_an_undecodable_file(run_cli, tmp_path: Path) -> None:
    (tmp_path / "page.txt").write_bytes(BROKEN.encode("gb18030"))
    forced = run_cli("check", "-q", "--encoding", "utf-8", "page.txt", cwd=tmp_path)
    assert forced.code == 2
    assert forced.err.startswith("zzlint: error: page.txt: not valid utf-8 at byte ")
    assert run_cli("check", "-q", "--encoding", "gb18030", "page.txt", cwd=tmp_path).code == 1


def test_binary_file_is_one_error_and_others_are_still_linted(run_cli, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(BROKEN, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(bytes(range(256)))
    result = run_cli("check", "-q", "--jobs", "1", "a.txt", "b.txt", cwd=tmp_path)
    assert result.code == 2
    assert len(result.out.splitlines()) == 1
    assert result.err == "zzlint: error: b.txt: binary file (NUL bytes and no UTF-16 byte-order mark)\n"


def test_full_format_underlines_with_display_width(run_cli, tmp_path: Path) -> None:
    (tmp_path / "page.txt").write_text("ab他说：“明天再议。\n", encoding="utf-8")
    out = run_cli("check", "-q", "--format", "full", "page.txt", cwd=tmp_path).out
    assert out.splitlines()[1:3] == ["1 | ab他说：“明天再议。", "  |         ^^"]


def test_github_and_junit(run_cli, tmp_path: Path) -> None:
    (tmp_path / "page.txt").write_text(BROKEN, encoding="utf-8")
    github = run_cli("check", "--format", "github", "page.txt", cwd=tmp_path).out
    assert github.startswith("::error file=page.txt,line=1,col=8,endLine=1,endColumn=25,"
                             "title=zzlint broken-paragraph::paragraph ends mid-sentence")
    junit = ET.fromstring(run_cli("check", "--format", "junit", "page.txt", cwd=tmp_path).out)
    case = junit.find("testsuite/testcase")
    assert case is not None and case.get("name") == "broken-paragraph at 1:8"
    assert case.find("failure").get("type") == "error"


def test_output_file_and_statistics(run_cli, tmp_path: Path) -> None:
    (tmp_path / "page.txt").write_text(BROKEN, encoding="utf-8")
    result = run_cli("check", "--format", "json", "-o", "report.json", "page.txt", cwd=tmp_path)
    assert result.out == "" and json.loads((tmp_path / "report.json").read_text())["version"] == 1
    stats = run_cli("check", "--statistics", "page.txt", cwd=tmp_path).out.splitlines()
    assert stats[-1] == "1 findings in 37 characters: 270.27 per 10,000 characters"


def test_sarif_of_the_fixture_validates_against_the_official_schema(run_cli, needs_fixture: Path) -> None:
    import jsonschema

    schema = json.loads((SHARED / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    log = json.loads(run_cli("check", "--format", "sarif", str(needs_fixture)).out)
    jsonschema.Draft4Validator(schema).validate(log)
    run = log["runs"][0]
    assert len(run["results"]) == 10
    assert {r["id"] for r in run["tool"]["driver"]["rules"]} >= {"repeated-passage", "numbering-sequence"}
    first = run["results"][0]
    assert first["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 11, "startColumn": 25, "endLine": 11, "endColumn": 40}


def test_baseline_survives_edits_elsewhere_and_reports_new_defects(run_cli, tmp_path: Path,
                                                                   needs_fixture: Path) -> None:
    page = tmp_path / "page.txt"
    shutil.copy(needs_fixture, page)
    written = run_cli("check", "--write-baseline", "baseline.json", "page.txt", cwd=tmp_path)
    assert written.code == 0 and written.err == "Wrote 10 findings to baseline.json.\n"
    assert run_cli("check", "-q", "--baseline", "baseline.json", "page.txt", cwd=tmp_path).code == 0
    page.write_text("新增的第一段文字。\n\n" + page.read_text(encoding="utf-8"), encoding="utf-8")
    assert run_cli("check", "-q", "--baseline", "baseline.json", "page.txt", cwd=tmp_path).out == ""
    page.write_text(page.read_text(encoding="utf-8") + "\n\n他说：“新增缺陷。\n", encoding="utf-8")
    result = run_cli("check", "-q", "--baseline", "baseline.json", "page.txt", cwd=tmp_path)
    assert (result.code, result.out) == (1, "page.txt:109:4: error: unclosed “: no ” closes it "
                                            "[unpaired-punctuation]\n")
    page.write_text(page.read_text(encoding="utf-8").replace("始终把增强\n", "始终把增强。\n"), encoding="utf-8")
    stale = run_cli("check", "-q", "--baseline", "baseline.json", "page.txt", cwd=tmp_path)
    assert stale.err == "zzlint: warning: baseline.json: stale entry: page.txt: broken-paragraph (1 no longer found)\n"


def test_which_reader_reads_which_suffix_is_kept_per_machine(monkeypatch, tmp_path) -> None:
    from zzlint import readers

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    readers._readers.cache_clear()
    scanned = readers._readers()
    readers._readers.cache_clear()
    monkeypatch.setattr(readers, "_scan_readers", lambda: pytest.fail("the reader modules were imported again"))
    try:
        assert readers._readers() == scanned
        assert scanned[".docx"] == ("docx", False) and scanned[".txt"][0] == "plaintext"
    finally:
        readers._readers.cache_clear()
