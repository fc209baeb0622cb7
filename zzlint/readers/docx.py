"""Word documents (.docx): the XML of the document read in document order, once.

Every paragraph (``w:p``) is one line of the Document, so a finding's line is the paragraph's
number: ``path:paragraph:column``. The body comes first, in the order Word shows it: paragraphs,
tables cell by cell (a merged cell once, however many grid columns or rows it spans; nested
tables inside their cell), content controls, then the paragraphs of a text box right after the
paragraph that holds it. Headers and footers follow the body, each once even when several
sections share it. Empty paragraphs count, as Word's paragraph marks do.

The text is the document with its tracked changes accepted: inserted text (``w:ins``,
``w:moveTo``) is read, deleted text (``w:del``, ``w:moveFrom``) is not; field codes are not text,
their displayed results are. A tab is a tab and a line break inside a paragraph is a space.

The walk keeps, for every stretch of text, the XML element it came from, so that
``zzlint.annotate`` can anchor review comments on exactly the flagged characters.
"""
from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from zzlint.document import Document
from zzlint.i18n import _
from zzlint.readers import ReadError

SUFFIXES = (".docx",)

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
MATH = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
PARAGRAPH = W + "p"
RUN = W + "r"
#: What an element of a run reads as (w:t holds its own text).
RUN_CHARACTERS = {W + "tab": "\t", W + "ptab": "\t", W + "br": " ", W + "cr": " ",
                  W + "noBreakHyphen": "-"}
#: Subtrees that hold no visible text: deleted or moved-away text, properties, field codes,
#: equations, and the fallback copy of content that the markup-compatibility choice also holds.
SKIPPED = frozenset({W + "del", W + "moveFrom", W + "pPr", W + "rPr", W + "sectPr", W + "tblPr",
                     W + "tblGrid", W + "trPr", W + "tcPr", W + "sdtPr", W + "sdtEndPr",
                     W + "instrText", W + "delText", W + "delInstrText", MC + "Fallback",
                     MATH + "oMath", MATH + "oMathPara"})
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass(frozen=True)
class Piece:
    """A stretch of a paragraph's text: ``element`` is the w:t (or w:tab, w:br …) it comes from,
    ``start`` the offset of its first character in the paragraph's text."""

    element: Any
    start: int
    text: str


@dataclass
class WordParagraph:
    element: Any
    #: "body", or "textbox", "header", "footer": where Word takes no review comments.
    story: str
    pieces: list[Piece] = field(default_factory=list)
    length: int = 0

    @property
    def text(self) -> str:
        return "".join(piece.text for piece in self.pieces)


def read(data: bytes, path: str, encoding: str | None = None) -> Document:
    paragraphs = word_paragraphs(open_word(data, path))
    document = Document("\n".join(p.text for p in paragraphs) + "\n", path)
    document.unit = "paragraph"
    return document


def open_word(data: bytes, path: str):  # type: ignore[no-untyped-def]
    """The python-docx Document of ``data``, or a ReadError that says what the file is instead."""
    if data.startswith(OLE_MAGIC):
        raise ReadError(_("{path}: a Word 97-2003 document (.doc format) with a .docx name: "
                          "save it as .docx").format(path=path))
    import zipfile

    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        raise ReadError(_("{path}: not a Word document (a .docx file is a zip archive; this is not one)")
                        .format(path=path)) from None
    if "word/document.xml" not in names and "[Content_Types].xml" in names:
        raise ReadError(_("{path}: damaged Word document: word/document.xml is missing").format(path=path))
    if "[Content_Types].xml" not in names:
        raise ReadError(_("{path}: a zip archive, not a Word document").format(path=path))
    try:
        import docx

        return docx.Document(io.BytesIO(data))
    except ValueError as exc:  # python-docx: the main part is a spreadsheet, a presentation …
        raise ReadError(_("{path}: not a Word document ({detail})").format(path=path, detail=exc)) from None
    except Exception as exc:  # XML and package errors of a damaged file
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ReadError(_("{path}: damaged Word document ({detail})").format(path=path, detail=detail)) from None


def word_paragraphs(word) -> list[WordParagraph]:  # type: ignore[no-untyped-def]
    """Every paragraph of the document, body first, then each header and footer part once."""
    paragraphs: list[WordParagraph] = []
    _blocks(word.element.body, "body", paragraphs)
    for story, part in _header_footer_parts(word):
        _blocks(part.element, story, paragraphs)
    return paragraphs


def _header_footer_parts(word) -> Iterator[tuple[str, Any]]:  # type: ignore[no-untyped-def]
    related = word.part.related_parts
    seen: set[int] = set()
    for story in ("header", "footer"):
        for section in word.element.body.iter(W + "sectPr"):
            for reference in section.iterchildren(W + f"{story}Reference"):
                part = related.get(reference.get("{http://schemas.openxmlformats.org/"
                                                 "officeDocument/2006/relationships}id"))
                if part is not None and id(part) not in seen:
                    seen.add(id(part))
                    yield story, part


def _blocks(container, story: str, out: list[WordParagraph]) -> None:  # type: ignore[no-untyped-def]
    for child in container.iterchildren():
        if not isinstance(child.tag, str) or child.tag in SKIPPED:
            continue
        if child.tag == PARAGRAPH:
            _paragraph(child, story, out)
        else:
            _blocks(child, story, out)


def _paragraph(element, story: str, out: list[WordParagraph]) -> None:  # type: ignore[no-untyped-def]
    paragraph = WordParagraph(element, story)
    out.append(paragraph)
    nested: list[Any] = []
    _inline(element, paragraph, nested)
    for container in nested:
        _blocks(container, "textbox" if story == "body" else story, out)


def _inline(element, paragraph: WordParagraph, nested: list[Any]) -> None:  # type: ignore[no-untyped-def]
    """The text of a paragraph's runs, in order; text-box contents go to ``nested``."""
    for child in element.iterchildren():
        tag = child.tag
        if not isinstance(tag, str) or tag in SKIPPED:
            continue
        if tag == W + "t":
            _add(paragraph, child, (child.text or "").replace("\n", " ").replace("\r", " "))
        elif tag in RUN_CHARACTERS:
            _add(paragraph, child, RUN_CHARACTERS[tag])
        elif tag == W + "txbxContent":
            nested.append(child)
        else:
            _inline(child, paragraph, nested)


def _add(paragraph: WordParagraph, element, text: str) -> None:  # type: ignore[no-untyped-def]
    if text:
        paragraph.pieces.append(Piece(element, paragraph.length, text))
        paragraph.length += len(text)
