"""Plain text (.txt, and any file without a reader of its own): one paragraph per line."""
from __future__ import annotations

from zzlint.document import Document
from zzlint.readers import ReadError
from zzlint.readers.decode import DecodeError, decode

SUFFIXES = (".txt", "")


def read(data: bytes, path: str, encoding: str | None = None) -> Document:
    try:
        text, used, bom = decode(data, encoding)
    except DecodeError as exc:
        raise ReadError(f"{path}: {exc}") from None
    document = Document(text, path)
    document.encoding, document.bom = used, data[:bom]
    return document
