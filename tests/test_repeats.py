"""Repeated content across the files of one run, and on the real fixture page."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from zzlint import repeats
from zzlint import text as text_module
from zzlint.document import Document
from zzlint.repeats import Run, repeated_runs
from zzlint.text import FOLD_PIECE, any_width, fold, folded_count

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


def test_a_large_text_is_folded_throughout() -> None:
    line = "会议于２０２４年３月召开（第１次），Ａ组参加。\n"
    text = line * (2 * FOLD_PIECE // len(line) + 1)
    folded = fold(text)
    assert len(folded) == len(text) > 2 * FOLD_PIECE
    assert folded.count("会议于2024年3月召开(第1次),A组参加。\n") == text.count(line)


@pytest.mark.parametrize("max_spellings", [1, 64])
def test_any_width_finds_either_width_without_folding_the_text(monkeypatch, max_spellings: int) -> None:
    monkeypatch.setattr(text_module, "MAX_SPELLINGS", max_spellings)  # classes, or every spelling
    pattern = re.compile("|".join(any_width("第（3）条,")))
    text = "依照第(3)条，以及第（３）条,"
    assert [m.span() for m in pattern.finditer(text)] == [(2, 8), (10, 16)]


@pytest.mark.parametrize(("text", "folded", "count"), [
    ("依法，依规。依法,依规。依法，依规", "依法,依规", 3),
    ("Ａ组依法，依规", "A组依法,依规", 1),  # the stretch looked for first is not where it starts
    ("哈哈哈哈哈", "哈哈", 2),  # not overlapping, as str.count
    ("ＡＢ AB ab", "AB", 2),  # nothing that has no full-width form to look for first
    ("依法，依规依法。", "依法,依规。", 0),
])
def test_folded_count_is_the_count_in_the_folded_text(text: str, folded: str, count: int) -> None:
    assert folded_count(text, folded, 10) == fold(text).count(folded) == count


def test_folded_count_stops_at_enough() -> None:
    assert folded_count("依法，" * 9, "依法,", 3) == 3


def test_only_paragraphs_with_a_partner_in_length_are_keyed() -> None:
    lines = ["市场监管局抽检了十二家超市的冷冻食品，全部合格。",  # 25 characters: no partner at 90%
             "区教育局今年新建三所公办幼儿园，新增学位一千二百个，缓解了入园难。",  # 33
             "区教育局今年新建三所公办幼儿园，新增学位一千二百个，缓解入园难题。",  # 33, its partner
             "ＡＢＣ　区教育局今年新建四所公办幼儿园，新增学位一千个，缓解了入园难。"]  # 34 once unspaced
    doc = Document("\n".join(lines))
    entries = repeats.comparable_entries(((0, p) for p in doc.paragraphs), 90)
    assert [(e.paragraph.index, e.key[:4]) for e in entries] == [(1, "区教育局"), (2, "区教育局"), (3, "ABC区")]
    assert [e.key for e in entries] == [repeats.paragraph_key(doc.paragraphs[i]) for i in (1, 2, 3)]
    assert repeats.comparable_entries(((0, p) for p in doc.paragraphs), 101) == entries[:2]


def test_a_near_repeat_needs_shared_grams_as_well_as_the_threshold() -> None:
    earlier = "今年全区新增城镇就业岗位一万二千个，帮助困难群众就业"
    later = "今年全区新增城镇就业岗位一万二千个帮助困难群众就业。"  # one clause start: one gram shared
    doc = Document(f"{earlier}\n{later}\n{earlier}")
    entries = [repeats.Entry(0, p, repeats.paragraph_key(p)) for p in doc.paragraphs]
    assert [(m.later.paragraph.index, m.earlier.paragraph.index, m.similarity)
            for m in repeats.similar_pairs(entries, 90)] == [(2, 0, 100.0)]


def test_runs_do_not_overlap_their_earlier_occurrence() -> None:
    doc = Document("哈" * 120 + "\n")
    for run in repeated_runs([doc.paragraphs], 50):
        assert run.earlier + run.length <= run.later


PASSAGE = "会议强调，要持续推进城乡社区综合服务设施建设，完善基层公共服务体系，让群众办事少跑腿、好办事。"


@pytest.mark.parametrize("batch_characters", [1, 1 << 18])
def test_groups_are_compared_within_themselves_however_they_are_batched(monkeypatch, batch_characters: int) -> None:
    monkeypatch.setattr(repeats, "BATCH_CHARACTERS", batch_characters)
    lines = ["一篇稿件的导语写在这里。", f"区里开会。{PASSAGE}", f"街道也开会。{PASSAGE}",
             "另一篇稿件的导语写在这里。", f"市里开会。{PASSAGE}"]
    doc = Document("\n".join(lines) + "\n")
    first, second = doc.paragraphs[:3], doc.paragraphs[3:]
    runs = list(repeated_runs([first, second], 50))
    # 开会。 repeats too; the same passage in the other group is no repeat
    assert runs == [Run(first[1].start + 2, first[2].start + 3, len("开会。" + PASSAGE))]


@pytest.mark.parametrize("fold_piece", [8, 1 << 15])
def test_a_passage_repeats_whatever_the_width_of_its_marks(monkeypatch, fold_piece: int) -> None:
    monkeypatch.setattr(repeats, "FOLD_PIECE", fold_piece)
    doc = Document(f"区里开会。{PASSAGE}\n街道也开会。{PASSAGE.replace('，', ',')}\n")
    first, second = doc.paragraphs
    assert list(repeated_runs([doc.paragraphs], 50)) == [Run(first.start + 2, second.start + 3, len("开会。" + PASSAGE))]


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
