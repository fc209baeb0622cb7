"""Word documents (.docx), read with python-docx.

Headers, the body (paragraphs and tables, in document order) and footers become one line each,
so a finding's line is the paragraph's number within the document: ``path:paragraph:column``.
Table cells are read row by row, each cell paragraph a paragraph of its own.
"""
from __future__ import annotations

import io
from collections.abc import Iterator

from zzlint.document import Document
from zzlint.readers import ReadError

SUFFIXES = (".docx",)


def read(data: bytes, path: str, encoding: str | None = None) -> Document:
    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError

        word = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as exc:
        raise ReadError(f"{path}: not a readable Word document ({exc})") from None
    except Exception as exc:  # zip and XML errors of a damaged file
        raise ReadError(f"{path}: not a readable Word document ({type(exc).__name__})") from None
    paragraphs = [p.replace("\n", " ").replace("\r", " ") for p in _paragraphs(word)]
    document = Document("\n".join(paragraphs) + "\n", path)
    document.unit = "paragraph"
    return document


def _paragraphs(word) -> Iterator[str]:  # type: ignore[no-untyped-def]
    for section in word.sections:
        for paragraph in section.header.paragraphs:
            yield paragraph.text
    yield from _body(word)
    for section in word.sections:
        for paragraph in section.footer.paragraphs:
            yield paragraph.text


def _body(word) -> Iterator[str]:  # type: ignore[no-untyped-def]
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for block in word.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            yield Paragraph(block, word).text
        elif tag == "tbl":
            for row in Table(block, word).rows:
                for cell in row.cells:
                    for paragraph in cell.paragraphs:
                        yield paragraph.text
