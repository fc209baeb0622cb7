"""zzlint in Chinese and in English: how the language is chosen (option, config, environment),
and the Chinese an editor reads: findings, the summary, rule documentation, help, reports."""
from __future__ import annotations

from pathlib import Path

import pytest

from zzlint import i18n
from zzlint.docs import wrap

#: A page of a paper with a repeated paragraph, a numbering gap, an impossible date and 的的.
PAGE = (
    "本报讯 市政协近日召开全体会议，听取各专委会工作汇报。\n"
    "\n"
    "社区食堂开业以来，每天为辖区老人供应早中晚三餐，凭卡就餐享受八折优惠，深受居民欢迎。\n"
    "\n"
    "一、总体要求\n"
    "二、主要任务\n"
    "三、保障措施\n"
    "五、组织实施\n"
    "\n"
    "会议定于2023年2月30日召开，届时将邀请专家到会指导，解决不足的的问题。\n"
    "\n"
    "社区食堂开业以来，每天为辖区老人供应早中晚三餐，凭卡就餐享受八折优惠，深受居民欢迎。\n"
)
SELECT = "repeated-paragraph,numbering-sequence,invalid-date,repeated-character"
FINDINGS_ZH = [
    "page.txt:8:1: error: 序号不连续：三、之后应为四、，此处为五、 [numbering-sequence]",
    "page.txt:10:5: error: 「2023年2月30日」：2023年2月只有28天，请核对日期 [invalid-date]",
    "page.txt:10:35: warning: 「的的」：“的”字重复，疑为多打 [repeated-character]",
    "page.txt:12:1: error: 本段与第3行一段完全相同，疑为重复排版 [repeated-paragraph]",
]


@pytest.fixture
def page(tmp_path: Path) -> Path:
    (tmp_path / "page.txt").write_text(PAGE, encoding="utf-8")
    return tmp_path


def test_an_editor_reads_a_check_in_chinese(run_cli, page: Path, monkeypatch) -> None:
    monkeypatch.setenv("LANG", "C.UTF-8")
    result = run_cli("check", "--no-cache", "--select", SELECT, "page.txt", cwd=page)
    assert result.out.splitlines() == FINDINGS_ZH
    assert result.err == "在1个文件中发现4处问题（错误3处，警告1处）。\n"


def test_lang_en_gives_the_english_text(run_cli, page: Path, monkeypatch) -> None:
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    result = run_cli("check", "--no-cache", "--lang", "en", "--select", SELECT, "page.txt", cwd=page)
    assert result.out.splitlines() == [
        "page.txt:8:1: error: numbering gap: after 三、 expected 四、, found 五、 [numbering-sequence]",
        "page.txt:10:5: error: 「2023年2月30日」: 2023年2月 has 28 days [invalid-date]",
        "page.txt:10:35: warning: 「的的」: 的 typed twice? [repeated-character]",
        "page.txt:12:1: error: paragraph repeats the paragraph at line 3 word for word [repeated-paragraph]",
    ]
    assert result.err == "Found 4 problems (3 errors, 1 warning) in 1 file.\n"


@pytest.mark.parametrize(("environment", "configured", "option", "summary"), [
    (None, None, None, "检查了1个文件，未发现问题。"),
    ("POSIX", None, None, "检查了1个文件，未发现问题。"),
    ("en_GB.UTF-8", None, None, "No problems found in 1 file."),
    ("en_GB.UTF-8", "zh", None, "检查了1个文件，未发现问题。"),
    ("C", "en", None, "No problems found in 1 file."),
    (None, "en", "zh", "检查了1个文件，未发现问题。"),
    ("zh_CN.UTF-8", "zh", "EN", "No problems found in 1 file."),
])
def test_option_then_config_then_environment(run_cli, tmp_path: Path, monkeypatch, environment: str | None,
                                             configured: str | None, option: str | None, summary: str) -> None:
    monkeypatch.delenv("LANG")
    if environment:
        monkeypatch.setenv("LANG", environment)
    if configured:
        (tmp_path / "zzlint.toml").write_text(f'language = "{configured}"\n', encoding="utf-8")
    (tmp_path / "clean.txt").write_text("今天天气很好。\n", encoding="utf-8")
    result = run_cli("check", "--no-cache", *(["--lang", option] if option else []), "clean.txt", cwd=tmp_path)
    assert result.err == summary + "\n"


def test_lc_all_comes_before_lang() -> None:
    assert i18n.from_environment({"LC_ALL": "C", "LANG": "en_US.UTF-8"}) == "zh"
    assert i18n.from_environment({"LC_ALL": "", "LC_MESSAGES": "en_US", "LANG": "C"}) == "en"


def test_an_unknown_language_is_a_config_error(run_cli, tmp_path: Path) -> None:
    (tmp_path / "zzlint.toml").write_text('language = "fr"\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text("今天。\n", encoding="utf-8")
    result = run_cli("check", "a.txt", cwd=tmp_path)
    assert result.code == 2
    assert result.err == (f"zzlint: error: {tmp_path / 'zzlint.toml'}: language: unknown language 'fr' "
                          "(expected one of zh, en)\n")


def test_rule_documentation_in_chinese_plain_text(run_cli) -> None:
    doc = run_cli("rule", "repeated-paragraph", "--lang", "zh").out
    assert doc.startswith("repeated-paragraph（错误，默认启用）\n\n段落重复排版：与文件中前面某段完全相同或几乎相同。\n")
    assert "错误示例：\n    新建的社区食堂每天供应早中晚三餐，辖区老年人凭卡就餐可享受八折优惠。\n    ……\n" in doc
    assert "正确做法：删去第二份。\n" in doc
    assert "选项（默认值，按配置文件的写法）：\n  min-han = 30\n" in doc and '  scope = "auto"\n' in doc
    assert "``" not in doc and "::" not in doc
    english = run_cli("rule", "repeated-paragraph", "--lang", "en").out
    assert english.startswith("repeated-paragraph (error, on by default)\n\nA paragraph printed twice")
    assert "Wrong:\n    新建的社区食堂" in english and "``" not in english and "::" not in english
    assert "  across-files = false\n" in english


def test_rule_documentation_in_markdown(run_cli) -> None:
    doc = run_cli("rule", "cutoff-wording", "--format", "markdown", "--lang", "zh").out
    assert doc.startswith("## cutoff-wording\n\n`cutoff-wording`（警告，默认启用）；不安全修改，须加 --unsafe-fixes\n\n"
                          "**表示“到某时为止”误用“截止”：应写“截至”（编校惯例C5）。**\n")
    assert "错误示例：\n\n```text\n截止目前，全市已建成5G基站1.2万个。\n```\n" in doc


def test_the_rule_table_in_chinese(run_cli) -> None:
    table = run_cli("rules", "--lang", "zh").out.splitlines()
    assert table[0].split() == ["规则", "严重程度", "默认启用", "简介"]
    line = next(line for line in table if line.startswith("repeated-paragraph "))
    assert line.split()[1:4] == ["错误", "是", "段落重复排版：与文件中前面某段完全相同或几乎相同。"]


def test_help_in_chinese(run_cli, monkeypatch) -> None:
    monkeypatch.setenv("LANG", "C")
    top = run_cli("--help").out
    assert top.startswith("用法：") and "\n选项：\n" in top and "\n命令：\n" in top
    assert "zzlint：中文出版物校对检查工具。" in top
    check = run_cli("check", "--help").out
    assert "只列出问题，不显示汇总。" in check and "显示本帮助并退出。" in check
    assert "输出格式。" in check and "［默认：text］" in check
    assert "Print the findings only" in run_cli("check", "--lang", "en", "--help").out


def test_workers_and_the_cache_speak_the_language_of_the_run(run_cli, page: Path) -> None:
    (page / "copy.txt").write_text(PAGE, encoding="utf-8")
    arguments = ("check", "--select", "repeated-character", "--jobs", "2", "--cache-dir", "cache", ".")
    english = run_cli(*arguments, cwd=page).out
    assert "的 typed twice?" in english
    chinese = run_cli(*arguments, "--lang", "zh", cwd=page)
    assert chinese.out.count("「的的」：“的”字重复，疑为多打") == 2 and "typed" not in chinese.out
    assert run_cli(*arguments, cwd=page).out == english


def test_reports_in_chinese(run_cli, page: Path) -> None:
    statistics = run_cli("check", "--lang", "zh", "--no-cache", "--select", SELECT, "--statistics", "page.txt",
                         cwd=page).out
    assert statistics.splitlines()[-1] == "185字中共4处问题：每万字216.22处"


def test_chinese_wraps_between_characters_never_before_closing_punctuation() -> None:
    lines = wrap("本段与第九十一行一段完全相同，疑为重复排版。" * 2, width=20)
    assert all(not line.startswith(("，", "。")) for line in lines)
    assert "".join(lines) == "本段与第九十一行一段完全相同，疑为重复排版。" * 2
    assert wrap("one two three four", width=9) == ["one two", "three", "four"]


def test_structure_and_archive_speak_the_language_of_the_config(run_cli, tmp_path: Path) -> None:
    (tmp_path / "zzlint.toml").write_text('language = "zh"\n', encoding="utf-8")
    (tmp_path / "page.txt").write_text("本报讯 区图书馆新馆今天开放。\n\n一、开放时间\n二、借阅须知\n", encoding="utf-8")
    assert run_cli("structure", "page.txt", cwd=tmp_path).out.splitlines() == [
        "page.txt: 共1篇稿件：一期或一份文件，重复在全文范围内比较",
        "第1篇：第1—4行（文件开头）",
        "  一、(3:1) 二、(4:1)",
        "标题：第3、4行",
    ]
    result = run_cli("archive", "stats", "--index", "none.sqlite", cwd=tmp_path)
    assert (result.code, result.err) == (2, "zzlint：错误：none.sqlite: 此处没有存档索引（请用zzlint archive add建立）\n")
    assert ("archive add [OPTIONS] PATHS...\n\n  为PATHS（文件或文件夹，读法与zzlint check相同）中的段落建立索引。\n\n"
            "  已索引且内容未变的文件跳过，有改动的文件重新索引。\n") in run_cli("archive", "add", "--lang", "zh", "--help").out


@pytest.mark.parametrize(("arguments", "message"), [
    (("check", "--bogus", "page.txt"), "没有选项“--bogus”。是不是要用'--jobs'？"),
    (("chek", "page.txt"), "没有命令“chek”。是不是要用'check'？"),
    (("check", "--format", "jsn", "page.txt"),
     "'--format'的值有误：“jsn”不是可选的值（可选：'full', 'github', 'html', 'json', 'junit', 'sarif', 'text'）。"),
    (("check", "--jobs", "0", "page.txt"), "'--jobs' / '-j'的值有误：0不在x>=1的范围内。"),
    (("check", "--jobs", "two", "page.txt"), "'--jobs' / '-j'的值有误：“two”不是有效的数。"),
    (("check", "--config", ".", "page.txt"), "'--config'的值有误：“.”是一个文件夹。"),
    (("check", "--format"), "选项“--format”后面缺少值。"),
    (("rules", "page.txt"), "多出了参数：page.txt"),
])
def test_an_editor_reads_usage_errors_in_chinese(run_cli, page: Path, monkeypatch, arguments: tuple[str, ...],
                                                 message: str) -> None:
    monkeypatch.setenv("LANG", "C")
    result = run_cli(*arguments, cwd=page)
    assert (result.code, result.out, result.err) == (2, "", f"zzlint：错误：{message}\n")


@pytest.mark.parametrize(("locale", "arguments"), [
    ("en_US.UTF-8", ("check", "--bogus", "page.txt")),
    ("C", ("check", "--bogus", "--lang", "en", "page.txt")),
    ("C", ("check", "--lang=en", "--bogus", "page.txt")),
])
def test_usage_errors_in_english_are_worded_as_click_words_them(run_cli, page: Path, monkeypatch, locale: str,
                                                                arguments: tuple[str, ...]) -> None:
    monkeypatch.setenv("LANG", locale)
    result = run_cli(*arguments, cwd=page)
    assert result.err == "zzlint: error: No such option '--bogus'. Did you mean '--jobs'?\n"


def test_the_catalogue_holds_clicks_messages_as_click_words_them() -> None:
    import ast
    import importlib

    from zzlint.cli_language import CLICK_MESSAGES, CLICK_MODULES, CLICK_PLURAL_MESSAGES

    worded = {node.value for name in CLICK_MODULES
              for node in ast.walk(ast.parse(Path(importlib.import_module(name).__file__).read_text(encoding="utf-8")))
              if isinstance(node, ast.Constant) and isinstance(node.value, str)}
    expected = [*CLICK_MESSAGES, *(message for pair in CLICK_PLURAL_MESSAGES for message in pair)]
    assert [message for message in expected if message not in worded] == []
