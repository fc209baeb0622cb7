"""Word documents: read once each, in document order, with tracked changes accepted; refused
clearly when damaged or in a format zzlint cannot read; annotated with review comments."""
from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.section import WD_SECTION
from docx.oxml import parse_xml

from zzlint.readers import read_bytes
from zzlint.readers.docx import W, open_word, word_paragraphs

NAMESPACE = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
SENTENCE = "这是一段用来检验合并单元格只读一次的句子，读两遍就会被误报为重复段落。"
NOTICE = "张三遗失430224199001011232号身份证，声明作废。"


def text_of(path: Path) -> str:
    return read_bytes(path.read_bytes(), path.name).text


def with_body(path: Path, xml: str) -> Path:
    """A Word document whose body holds ``xml`` (WordprocessingML, w: prefix)."""
    word = docx.Document()
    body = word.element.body
    for element in parse_xml(f"<w:body {NAMESPACE}>{xml}</w:body>"):
        body.insert(len(body) - 1, element)
    word.save(path)
    return path


@pytest.mark.parametrize(("rows", "cols", "last"), [(2, 3, (0, 2)), (3, 2, (2, 0))],
                         ids=["horizontally", "vertically"])
def test_a_merged_cell_is_read_once(run_cli, tmp_path: Path, rows: int, cols: int, last: tuple[int, int]) -> None:
    word = docx.Document()
    table = word.add_table(rows=rows, cols=cols)
    table.cell(0, 0).merge(table.cell(*last)).text = SENTENCE
    word.save(tmp_path / "merged.docx")
    assert text_of(tmp_path / "merged.docx").count(SENTENCE) == 1
    assert run_cli("check", "-q", "merged.docx", cwd=tmp_path).out == ""


def test_a_footer_shared_by_three_sections_is_read_once(tmp_path: Path) -> None:
    word = docx.Document()
    word.add_paragraph("第一节正文。")
    word.sections[0].footer.paragraphs[0].text = SENTENCE
    for _ in range(2):
        word.add_section(WD_SECTION.NEW_PAGE)
        word.add_paragraph("下一节正文。")
    word.save(tmp_path / "sections.docx")
    assert len(docx.Document(tmp_path / "sections.docx").sections) == 3
    assert text_of(tmp_path / "sections.docx").count(SENTENCE) == 1


def test_paragraph_numbers_count_body_paragraphs_and_messages_say_paragraph(run_cli, tmp_path: Path) -> None:
    word = docx.Document()
    for text in ["一、总体要求", SENTENCE, "二、主要任务", SENTENCE, "四、保障措施"]:
        word.add_paragraph(text)
    word.save(tmp_path / "draft.docx")
    assert run_cli("check", "-q", "draft.docx", cwd=tmp_path).out.splitlines() == [
        "draft.docx:4:1: error: paragraph repeats the paragraph at paragraph 2 word for word [repeated-paragraph]",
        "draft.docx:5:1: error: numbering gap: after 二、 expected 三、, found 四、 [numbering-sequence]"]


def test_body_before_headers_and_footers_with_tables_in_order(run_cli, tmp_path: Path) -> None:
    word = docx.Document()
    word.sections[0].header.paragraphs[0].text = "青山日报 2024年1月1日"
    word.add_paragraph("一、总体要求")
    word.add_paragraph("他说：“明天再议。")
    table = word.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "项目"
    table.cell(0, 1).text = "三、保障措施"
    word.sections[0].footer.paragraphs[0].text = "（完）"
    word.save(tmp_path / "draft.docx")
    assert text_of(tmp_path / "draft.docx") == "一、总体要求\n他说：“明天再议。\n项目\n三、保障措施\n青山日报 2024年1月1日\n（完）\n"
    result = run_cli("check", "--format", "json", "draft.docx", cwd=tmp_path)
    found = [(d["paragraph"], d["line"], d["column"], d["rule"]) for d in json.loads(result.out)["diagnostics"]]
    assert found == [(2, 2, 4, "unpaired-punctuation"), (4, 4, 1, "numbering-sequence")]


def test_insertions_content_controls_and_nested_tables_are_read_deletions_are_not(run_cli, tmp_path: Path) -> None:
    with_body(tmp_path / "notice.docx",
              '<w:p><w:r><w:t>张三遗失</w:t></w:r>'
              '<w:ins w:id="1" w:author="编辑" w:date="2024-01-01T00:00:00Z"><w:r><w:t>430224199001011232</w:t></w:r></w:ins>'
              '<w:r><w:t>号身份证，</w:t></w:r>'
              '<w:del w:id="2" w:author="编辑" w:date="2024-01-01T00:00:00Z"><w:r><w:delText>特此</w:delText></w:r></w:del>'
              '<w:r><w:t>声明作废。</w:t></w:r></w:p>'
              '<w:sdt><w:sdtPr/><w:sdtContent><w:p><w:r><w:t>控件里：“未闭合。</w:t></w:r></w:p></w:sdtContent></w:sdt>'
              '<w:tbl><w:tr><w:tc><w:tbl><w:tr><w:tc><w:p><w:r><w:t>嵌套表格：“未闭合。</w:t></w:r></w:p></w:tc></w:tr></w:tbl>'
              '<w:p/></w:tc></w:tr></w:tbl>')
    assert text_of(tmp_path / "notice.docx") == f"{NOTICE}\n控件里：“未闭合。\n嵌套表格：“未闭合。\n\n"
    assert [line.split(" [")[-1] for line in run_cli("check", "-q", "notice.docx", cwd=tmp_path).out.splitlines()] == [
        "invalid-certificate-number]", "unpaired-punctuation]", "unpaired-punctuation]"]


def test_a_text_box_is_read_once_after_its_paragraph(tmp_path: Path) -> None:
    box = '<w:txbxContent><w:p><w:r><w:t>文本框里的话。</w:t></w:r></w:p></w:txbxContent>'
    with_body(tmp_path / "box.docx",
              '<w:p xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:r><w:t>正文。</w:t></w:r>'
              f'<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>{box}</w:drawing></mc:Choice>'
              f'<mc:Fallback><w:pict>{box}</w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>'
              '<w:p><w:r><w:t>下一段。</w:t></w:r></w:p>')
    assert text_of(tmp_path / "box.docx") == "正文。\n文本框里的话。\n下一段。\n"


def _corrupt_files(folder: Path) -> dict[str, str]:
    (folder / "random.docx").write_bytes(bytes(range(256)) * 8)
    with zipfile.ZipFile(folder / "zip.docx", "w") as archive:
        archive.writestr("notes.txt", "不是 Word 文件")
    word = docx.Document()
    word.add_paragraph("正文。")
    word.save(folder / "whole.docx")
    with zipfile.ZipFile(folder / "whole.docx") as source, zipfile.ZipFile(folder / "nodocument.docx", "w") as target:
        for item in source.infolist():
            if item.filename != "word/document.xml":
                target.writestr(item, source.read(item))
    (folder / "whole.docx").unlink()
    (folder / "old.docx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    return {
        "nodocument.docx": "damaged Word document: word/document.xml is missing",
        "old.docx": "a Word 97-2003 document (.doc format) with a .docx name: save it as .docx",
        "random.docx": "not a Word document (a .docx file is a zip archive; this is not one)",
        "zip.docx": "a zip archive, not a Word document",
    }


def test_a_damaged_word_file_is_one_error_and_the_others_are_linted(run_cli, tmp_path: Path) -> None:
    expected = _corrupt_files(tmp_path)
    (tmp_path / "page.txt").write_text("他说：“明天再议。\n", encoding="utf-8")
    result = run_cli("check", "-q", *expected, "page.txt", cwd=tmp_path)
    assert result.code == 2
    assert result.out == "page.txt:1:4: error: unclosed “: no ” closes it [unpaired-punctuation]\n"
    assert sorted(result.err.splitlines()) == [f"zzlint: error: {name}: {message}" for name, message in expected.items()]


@pytest.mark.parametrize(("name", "content", "kind"), [
    ("draft.rtf", rb"{\rtf1\ansi \u24352?\u19977?\u36951?\u22833?\u8220?}", "RTF"),
    ("draft.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504), "Word 97-2003 (.doc)"),
    ("draft.wps", "他说：“明天再议。\n".encode(), "WPS (.wps)"),
    ("draft.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "PDF"),
    ("draft.txt", rb"{\rtf1\ansi \u24352?}", "RTF"),
])
def test_a_file_zzlint_cannot_read_is_an_error_never_a_pass(run_cli, tmp_path: Path, name: str, content: bytes,
                                                            kind: str) -> None:
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / name).write_bytes(content)
    (tmp_path / "drafts" / "ok.txt").write_text("今天很好。\n", encoding="utf-8")
    message = f"{name}: zzlint cannot read {kind} files: save the document as .docx or as plain text (.txt)"
    named = run_cli("check", f"drafts/{name}", cwd=tmp_path)
    assert (named.code, named.err.splitlines()[-1]) == (2, f"zzlint: error: drafts/{message}")
    found = run_cli("check", "drafts", cwd=tmp_path)
    assert (found.code, found.err.splitlines()[-1]) == (2, f"zzlint: error: drafts/{message}")


def test_fix_and_diff_on_word_say_it_is_not_rewritten(run_cli, tmp_path: Path) -> None:
    word = docx.Document()
    word.add_paragraph("会议决定,明天开工.")
    word.save(tmp_path / "draft.docx")
    before = (tmp_path / "draft.docx").read_bytes()
    warning = ("zzlint: warning: draft.docx: Word files are not rewritten (2 findings have a fix); "
               "--annotate REVIEWED.docx writes a copy with a review comment on each finding")
    diff = run_cli("check", "--diff", "--select", "halfwidth-punctuation", "draft.docx", cwd=tmp_path)
    assert (diff.code, diff.out, diff.err.splitlines()) == (1, "", [warning])
    fix = run_cli("check", "--fix", "--select", "halfwidth-punctuation", "draft.docx", cwd=tmp_path)
    assert fix.err.splitlines()[0] == warning
    assert fix.out.splitlines()[0] == "draft.docx:1:5: warning: half-width , in Chinese text: use ， [halfwidth-punctuation]"
    assert (tmp_path / "draft.docx").read_bytes() == before


# --- review comments -------------------------------------------------------------------------

def anchored_texts(path: Path) -> dict[str, str]:
    """Comment id → the text between its range start and end, in document order."""
    word = docx.Document(path)
    open_ids: set[str] = set()
    texts: dict[str, str] = {}
    for element in word.element.body.iter():
        if element.tag == W + "commentRangeStart":
            open_ids.add(element.get(W + "id"))
            texts.setdefault(element.get(W + "id"), "")
        elif element.tag == W + "commentRangeEnd":
            open_ids.discard(element.get(W + "id"))
        elif element.tag == W + "t":
            for comment in open_ids:
                texts[comment] += element.text or ""
    return texts


def formatted_characters(path: Path) -> list[tuple[str, str]]:
    """Every character of the document with the formatting of its run."""
    from lxml import etree

    word = open_word(path.read_bytes(), path.name)
    found = []
    for paragraph in word_paragraphs(word):
        for piece in paragraph.pieces:
            properties = piece.element.getparent().find(W + "rPr")
            xml = etree.tostring(properties).decode() if properties is not None else ""
            found.extend((char, xml) for char in piece.text)
    return found


def tracked_changes(path: Path) -> list[tuple[str, str]]:
    body = docx.Document(path).element.body
    return [(element.tag.rsplit("}", 1)[1], "".join(t.text or "" for t in element.iter(W + "t", W + "delText")))
            for element in body.iter(W + "ins", W + "del")]


def notice_draft(path: Path) -> Path:
    return with_body(path,
                     '<w:p><w:r><w:t>张三遗失</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>4302241990</w:t></w:r>'
                     '<w:r><w:rPr><w:i/><w:color w:val="C00000"/></w:rPr><w:t>01011232号身份证，</w:t></w:r>'
                     '<w:ins w:id="1" w:author="编辑" w:date="2024-01-01T00:00:00Z"><w:r><w:t>特此</w:t></w:r></w:ins>'
                     '<w:del w:id="2" w:author="编辑" w:date="2024-01-01T00:00:00Z"><w:r><w:delText>现</w:delText></w:r></w:del>'
                     '<w:r><w:t>声明作废。</w:t></w:r></w:p>'
                     '<w:p><w:r><w:t xml:space="preserve">他说：</w:t></w:r><w:ins w:id="3" w:author="编辑" '
                     'w:date="2024-01-01T00:00:00Z"><w:r><w:t>“明天</w:t></w:r></w:ins><w:r><w:t>再议。</w:t></w:r></w:p>')


def test_annotate_anchors_one_comment_on_exactly_the_flagged_characters(run_cli, tmp_path: Path) -> None:
    draft = notice_draft(tmp_path / "draft.docx")
    original = draft.read_bytes()
    result = run_cli("check", "-q", "draft.docx", "--annotate", "reviewed.docx", cwd=tmp_path)
    assert result.code == 1
    assert result.err == "draft.docx: wrote 2 review comments to reviewed.docx\n"
    assert draft.read_bytes() == original
    reviewed = tmp_path / "reviewed.docx"
    comments = {str(c.comment_id): c for c in docx.Document(reviewed).comments}
    assert anchored_texts(reviewed) == {"0": "430224199001011232", "1": "“"}
    assert [(c.author, c.initials) for c in comments.values()] == [("zzlint", "zz")] * 2
    assert comments["0"].text.endswith("[invalid-certificate-number]")
    assert comments["1"].text == "unclosed “: no ” closes it [unpaired-punctuation]"
    assert formatted_characters(reviewed) == formatted_characters(draft)
    assert text_of(reviewed) == text_of(draft) == "张三遗失430224199001011232号身份证，特此声明作废。\n他说：“明天再议。\n"
    assert tracked_changes(reviewed) == tracked_changes(draft) == [
        ("ins", "特此"), ("del", "现"), ("ins", "“明天")]


def test_annotate_puts_a_header_finding_on_the_first_paragraph(run_cli, tmp_path: Path) -> None:
    word = docx.Document()
    word.sections[0].header.paragraphs[0].text = "他说：“明天再议。"
    word.add_paragraph("正文第一段。")
    word.save(tmp_path / "draft.docx")
    run_cli("check", "draft.docx", "--annotate", "reviewed.docx", cwd=tmp_path)
    (comment,) = docx.Document(tmp_path / "reviewed.docx").comments
    assert comment.text == "In a header, paragraph 2: unclosed “: no ” closes it [unpaired-punctuation]"
    assert anchored_texts(tmp_path / "reviewed.docx") == {"0": "正文第一段。"}


def test_annotate_several_files_into_a_folder(run_cli, tmp_path: Path) -> None:
    (tmp_path / "drafts").mkdir()
    notice_draft(tmp_path / "drafts" / "a.docx")
    notice_draft(tmp_path / "drafts" / "b.docx")
    as_file = run_cli("check", "drafts", "--annotate", "reviewed.docx", cwd=tmp_path)
    assert (as_file.code, as_file.err) == (2, "zzlint: error: --annotate: 2 Word files are linted: give a folder "
                                              "for their annotated copies, not reviewed.docx\n")
    result = run_cli("check", "-q", "drafts", "--annotate", "reviewed", cwd=tmp_path)
    assert result.err.splitlines() == ["drafts/a.docx: wrote 2 review comments to reviewed/drafts/a.docx",
                                       "drafts/b.docx: wrote 2 review comments to reviewed/drafts/b.docx"]
    assert anchored_texts(tmp_path / "reviewed" / "drafts" / "b.docx") == {"0": "430224199001011232", "1": "“"}
    over = run_cli("check", "drafts/a.docx", "--annotate", "drafts/a.docx", cwd=tmp_path)
    assert over.code == 2 and over.err.startswith("zzlint: error: --annotate: drafts/a.docx is a file being linted")


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_opens_the_annotated_copy(run_cli, tmp_path: Path) -> None:
    notice_draft(tmp_path / "draft.docx")
    run_cli("check", "draft.docx", "--annotate", "reviewed.docx", cwd=tmp_path)
    converted = subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
                                "--convert-to", "pdf", "--outdir", str(tmp_path / "pdf"), "reviewed.docx"],
                               cwd=tmp_path, capture_output=True, text=True, timeout=180, check=False)
    assert converted.returncode == 0, converted.stderr
    assert (tmp_path / "pdf" / "reviewed.pdf").read_bytes().startswith(b"%PDF-")
