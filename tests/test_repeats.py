"""Repeated content across the files of one run, and on the real fixture page."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from zzlint import repeats
from zzlint.document import Document
from zzlint.repeats import Run, repeated_runs
from zzlint.text import fold

PARAGRAPH = "我们也看到，全区养老服务工作离老年人的新期待、离家庭照护的实际需求还有差距，社区养老服务设施覆盖面需要进一步扩大。"


def test_the_same_paragraph_in_two_articles_of_a_run(run_cli, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(f"第一篇稿件。\n{PARAGRAPH}\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(f"第二篇稿件。\n\n{PARAGRAPH}\n", encoding="utf-8")
    (tmp_path / "zzlint.toml").write_text("[rules.repeated-paragraph]\nacross-files = true\n")
    result = run_cli("check", "--format", "json", "--jobs", "2", ".", cwd=tmp_path)
    (d,) = json.loads(result.out)["diagnostics"]
    assert (d["path"], d["line"], d["column"], d["end_column"]) == ("b.txt", 3, 1, 58)
    assert d["message"] == "paragraph repeats the paragraph at a.txt:2 word for word"
    assert d["related"] == [{"path": "a.txt", "line": 2, "column": 1, "message": "first occurrence"}]
    assert result.code == 1


def test_files_are_not_compared_unless_asked(run_cli, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(f"{PARAGRAPH}\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(f"{PARAGRAPH}\n", encoding="utf-8")
    assert run_cli("check", "-q", ".", cwd=tmp_path).code == 0


def test_fold_keeps_offsets() -> None:
    text = "ＡＢＣ，１２３　（注）"
    assert fold(text) == "ABC,123 (注)"
    assert len(fold(text)) == len(text)


def test_runs_do_not_overlap_their_earlier_occurrence() -> None:
    doc = Document("哈" * 120 + "\n")
    for run in repeated_runs([doc.paragraphs], doc.folded, 50):
        assert run.earlier + run.length <= run.later


PASSAGE = "会议强调，要持续推进城乡社区综合服务设施建设，完善基层公共服务体系，让群众办事少跑腿、好办事。"


@pytest.mark.parametrize("batch_characters", [1, 1 << 18])
def test_groups_are_compared_within_themselves_however_they_are_batched(monkeypatch, batch_characters: int) -> None:
    monkeypatch.setattr(repeats, "BATCH_CHARACTERS", batch_characters)
    lines = ["一篇稿件的导语写在这里。", f"区里开会。{PASSAGE}", f"街道也开会。{PASSAGE}",
             "另一篇稿件的导语写在这里。", f"市里开会。{PASSAGE}"]
    doc = Document("\n".join(lines) + "\n")
    first, second = doc.paragraphs[:3], doc.paragraphs[3:]
    runs = list(repeated_runs([first, second], doc.folded, 50))
    # 开会。 repeats too; the same passage in the other group is no repeat
    assert runs == [Run(first[1].start + 2, first[2].start + 3, len("开会。" + PASSAGE))]


def test_fixture_repeated_content_matches_truth(run_cli, needs_fixture: Path) -> None:
    result = run_cli("check", "--format", "json", "--select", "repeated-paragraph,repeated-passage",
                     str(needs_fixture))
    found = [(d["rule"], d["line"], d["column"], d["end_column"] - d["column"],
              (d["related"][0]["line"], d["related"][0]["column"]))
             for d in json.loads(result.out)["diagnostics"]]
    assert found == [
        ("repeated-passage", 61, 117, 188, (75, 94)),
        ("repeated-passage", 101, 207, 260, (89, 72)),
        ("repeated-paragraph", 103, 1, 137, (91, 1)),
        ("repeated-paragraph", 105, 1, 256, (93, 1)),
    ]
