"""Document formats zzlint cannot read: each such file is one error line, never a pass.

Read as text, an RTF file of ``\\u`` escapes or a PDF would pass with nothing found; skipped in
a folder, a draft saved as .doc would never be checked. Both would be wrong answers.
"""
from __future__ import annotations

from pathlib import Path

from zzlint.document import Document
from zzlint.i18n import N_, _
from zzlint.readers import ReadError

KINDS = {
    ".doc": "Word 97-2003 (.doc)", ".dot": "Word 97-2003 (.dot)", ".docm": N_("macro-enabled Word (.docm)"),
    ".dotx": N_("Word template (.dotx)"), ".dotm": N_("Word template (.dotm)"), ".rtf": "RTF",
    ".wps": "WPS (.wps)", ".wpt": N_("WPS template (.wpt)"), ".odt": "OpenDocument (.odt)",
    ".pages": "Pages", ".pdf": "PDF", ".xps": "XPS",
}
SUFFIXES = tuple(KINDS)
#: Found in folders like the readable formats, so that they are reported rather than skipped.
REFUSED = True


#: How these formats begin, for a file whose name does not say what it is.
MAGIC = ((b"%PDF-", "PDF"), (b"{\\rtf", "RTF"), (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", N_("Word 97-2003 or WPS")))


def read(data: bytes, path: str, encoding: str | None = None) -> Document:
    raise refusal(path, KINDS[Path(path).suffix.lower()])


def refusal(path: str, kind: str) -> ReadError:
    return ReadError(_("{path}: zzlint cannot read {kind} files: save the document as .docx "
                       "or as plain text (.txt)").format(path=path, kind=_(kind)))


def sniffed_kind(data: bytes) -> str | None:
    """The document format ``data`` begins like, if it is one zzlint does not read as text."""
    for magic, kind in MAGIC:
        if data.startswith(magic):
            return kind
    return None
