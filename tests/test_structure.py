"""What zzlint believes about a document's structure, and ``zzlint structure`` that shows it."""
from __future__ import annotations

import json
from pathlib import Path

from zzlint.document import Document
from zzlint.engine import lint_text
from zzlint.registry import all_rules
from zzlint.structure import COLLECTION_STORIES, structure

PAGE = """春运首日全市客流平稳有序
本报讯 今天是春运首日，全市各客运站旅客发送量平稳，运行秩序良好。
记者在火车站看到，进站旅客排队有序，工作人员引导旅客快速通过安检。
冬季旅游持续升温
新华社哈尔滨1月5日电 入冬以来，各大滑雪场接待游客人数明显增加，周末一票难求。
各地推出冰雪产品，延长游客停留时间，带动住宿餐饮消费。
"""

SPEECH = """在全市经济工作会议上的讲话
（2024年1月8日）
同志们：
这次会议的主要任务是总结去年经济工作，部署今年经济工作。
一、去年工作回顾
去年，全市地区生产总值增长百分之五点六，财政收入保持平稳。
同志们！
成绩来之不易。
二、今年工作安排
今年要坚持稳中求进工作总基调。
"""

PARAGRAPH = "我们也看到，全区养老服务工作离老年人的新期待、离家庭照护的实际需求还有差距，社区养老服务设施覆盖面需要进一步扩大。"


def _stories(text: str) -> list[tuple[int, int, str]]:
    found = structure(Document(text))
    return [(s.paragraphs.start, s.paragraphs.stop, s.opening) for s in found.stories]


def test_story_leads_start_stories_at_their_titles() -> None:
    assert _stories(PAGE) == [(0, 3, "start of file"), (3, 6, "story lead")]


def test_a_salutation_inside_a_speech_starts_nothing() -> None:
    assert _stories(SPEECH) == [(0, 10, "start of file")]


def test_a_speech_printed_under_its_title_starts_a_story() -> None:
    text = "本报讯 全市经济工作会议昨天召开，市委书记作讲话。\n" + SPEECH
    assert _stories(text) == [(0, 1, "start of file"), (1, 11, "speech title")]


def test_blank_lines_separate_stories_unless_a_section_follows() -> None:
    text = ("标题甲\n第一段正文。\n第二段正文。\n\n标题乙\n第三段正文。\n第四段正文。\n"
            "第五段正文。\n\n二、第二部分\n第六段正文。\n")
    assert _stories(text) == [(0, 3, "start of file"), (3, 9, "block after a blank line")]


def test_separators_and_document_numbers_start_stories() -> None:
    text = ("第一段正文。\n＊＊＊\n第二段正文。\n关于做好春节期间安全生产工作的通知\n市政办发〔2024〕3号\n"
            "各区县人民政府：\n")
    assert _stories(text) == [(0, 2, "start of file"), (2, 3, "separator"), (3, 6, "document number")]


def _archive(stories: int, repeated: str) -> str:
    parts = [f"本报讯 第{n}天的消息正文，内容各不相同，编号{n}。" for n in range(stories)]
    parts.insert(1, repeated)
    parts.append(repeated)
    return "\n".join(parts) + "\n"


def test_a_file_of_many_issues_compares_within_each_story() -> None:
    rule = all_rules()["repeated-paragraph"]()
    many = _archive(COLLECTION_STORIES, PARAGRAPH)
    assert structure(Document(many)).collection
    assert lint_text(many, [rule]).diagnostics == []
    few = _archive(3, PARAGRAPH)
    (finding,) = lint_text(few, [rule]).diagnostics
    assert (finding.line, finding.message) == (5, "paragraph repeats the paragraph at line 2, in another story, "
                                                  "word for word")


def test_the_structure_command_prints_stories_lists_and_headings(run_cli, tmp_path: Path) -> None:
    (tmp_path / "speech.txt").write_text(SPEECH, encoding="utf-8")
    result = run_cli("structure", "speech.txt", cwd=tmp_path)
    assert result.code == 0
    assert result.out.splitlines() == [
        "speech.txt: 1 story: one issue or document; repeats are compared over the whole file",
        "story 1: lines 1-10 (start of file)",
        "  一、(5:1) 二、(9:1)",
        "headings: lines 1, 2, 5, 9",
    ]


def test_the_structure_command_speaks_json(run_cli, tmp_path: Path) -> None:
    (tmp_path / "page.txt").write_text(PAGE, encoding="utf-8")
    described = json.loads(run_cli("structure", "--format", "json", "page.txt", cwd=tmp_path).out)
    assert described["many-issues"] is False
    assert [(s["lines"], s["opening"]) for s in described["stories"]] == [([1, 3], "start of file"),
                                                                        ([4, 6], "story lead")]


def test_the_structure_command_reports_an_unreadable_file(run_cli, tmp_path: Path) -> None:
    result = run_cli("structure", "missing.txt", cwd=tmp_path)
    assert (result.code, result.err.strip()) == (2, "zzlint: error: missing.txt: no such file")
