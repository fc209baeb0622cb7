from __future__ import annotations

import pytest

from zzlint.document import Document
from zzlint.readers import read_bytes


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_lines_and_columns_for_every_line_ending(newline: str) -> None:
    doc = Document(newline.join(["第一行", "第二行文字", "", "第四行"]))
    offset = doc.text.index("文字")
    assert doc.position(offset) == (2, 4)
    assert doc.offset(2, 4) == offset
    assert doc.position(doc.text.index("第四")) == (4, 1)
    assert [p.text for p in doc.paragraphs] == ["第一行", "第二行文字", "第四行"]


def test_columns_count_code_points_beyond_the_bmp() -> None:
    doc = Document("𠮷野家的“𠮷”字\n")
    assert doc.position(doc.text.index("“")) == (1, 5)


def test_bom_is_dropped_by_the_reader() -> None:
    doc = read_bytes("\ufeff标题\n正文".encode("utf-8"), "a.txt")
    assert doc.text == "标题\n正文"
    assert doc.position(doc.text.index("正")) == (2, 1)


def test_paragraphs_trim_indentation_and_know_blank_lines() -> None:
    doc = Document("　　第一段。\n\n　　第二段。\n第三段。\n")
    first, second, third = doc.paragraphs
    assert (first.text, doc.position(first.start)) == ("第一段。", (1, 3))
    assert second.blank_before and not third.blank_before
    assert doc.paragraph_at(doc.text.index("二")) == second
    assert doc.paragraph_at(doc.text.index("\n")) is None


def test_offset_outside_the_text_is_refused() -> None:
    with pytest.raises(ValueError, match="line 9"):
        Document("一行").offset(9, 1)


def test_a_run_of_paragraphs_keeps_their_numbers_and_finds_its_own() -> None:
    doc = Document("第一段。\n第二段。\n\n第三段。\n")
    run = doc.paragraphs[1:]
    assert [(p.index, p.text, p.blank_before) for p in run] == [(1, "第二段。", False), (2, "第三段。", True)]
    assert run[-1] == doc.paragraphs[2]
    assert run.containing(doc.text.index("三")).index == 2
    assert run.containing(doc.text.index("一")) is None


def test_blank_lines_are_counted_in_every_line_ending() -> None:
    doc = Document("标题\r\n　　第一段。\r\n\r\n第二段。\r\r第三段。\n \n第四段。")
    assert [p.blank_before for p in doc.paragraphs] == [False, False, True, True, True]
    assert doc.paragraphs.after_blank_lines() == 3
    assert doc.paragraphs[:2].after_blank_lines() == 0
