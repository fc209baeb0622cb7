"""Plain text (.txt, and any file without a reader of its own): one paragraph per line."""
from __future__ import annotations

from zzlint.document import Document
from zzlint.readers import ReadError
from zzlint.readers.decode import decode_or_fail

SUFFIXES = (".txt", "")


def read(data: bytes, path: str, encoding: str | None = None) -> Document:
    text, used, bom = decode_or_fail(data, path, encoding, ReadError)
    document = Document(text, path)
    document.encoding, document.bom = used, bom
    return document
