"""Bytes to text for Chinese newsroom files, without being told the encoding.

An explicit chain rather than statistical detection: the encodings that reach a Chinese newsroom
are few (UTF-8 with or without BOM, UTF-16 with BOM from Word's "Unicode text", GB18030 and its
subset GBK from older systems), and strict decoding in that order is exact and deterministic,
where a guesser can take a short GBK text for Big5 or Shift_JIS.
"""
from __future__ import annotations

import codecs

from zzlint.i18n import _

BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"))
#: Byte-order marks that are never detected, only written by the codecs that always write one.
WIDE_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"))
FALLBACK_CHAIN = ("utf-8", "gb18030")


class DecodeError(ValueError):
    pass


def detect(data: bytes) -> tuple[str, int, str | None]:
    """The encoding of ``data``, the length of its BOM and, when the encoding was found by
    decoding the whole of ``data``, the text (a large file is not decoded twice)."""
    for bom, name in BOMS:
        if data.startswith(bom):
            return name, len(bom), None
    if b"\x00" in data:
        raise DecodeError(_("binary file (NUL bytes and no UTF-16 byte-order mark)"))
    for name in FALLBACK_CHAIN:
        try:
            return name, 0, data.decode(name)
        except UnicodeDecodeError:
            continue
    raise DecodeError(_("cannot decode as UTF-8, UTF-16 or GB18030 (use --encoding)"))


def encode(text: str, encoding: str, bom: bytes) -> bytes:
    """The inverse of ``decode``: the same encoding and byte-order mark."""
    return bom + text.encode(encoding)


def decode(data: bytes, encoding: str | None = None) -> tuple[str, str, int]:
    """Text, encoding name and BOM length. A forced ``encoding`` still drops its own BOM.

    The name returned writes no BOM of its own (utf-16 becomes utf-16-le or -be, utf-8-sig
    becomes utf-8), so that ``encode`` puts back exactly the BOM the file had, or none."""
    if encoding:
        name, bom = _forced(data, encoding)
    else:
        name, bom, text = detect(data)
        if text is not None:
            return text, name, bom
    try:
        return data[bom:].decode(name), name, bom
    except UnicodeDecodeError as exc:
        message = (_("not valid {encoding} after its byte-order mark, at byte {offset}") if bom and not encoding
                   else _("not valid {encoding} at byte {offset}"))
        raise DecodeError(message.format(encoding=name, offset=exc.start + bom)) from None


def _forced(data: bytes, encoding: str) -> tuple[str, int]:
    try:
        family = codecs.lookup(encoding).name
    except LookupError:
        raise DecodeError(_("unknown encoding {name!r}").format(name=encoding)) from None
    for bom, name in WIDE_BOMS + BOMS:
        if data.startswith(bom) and family in (name, name[:6], f"{name}-sig"):
            return name, len(bom)
    own_bom = "".encode(family)
    concrete = next((name for bom, name in BOMS + WIDE_BOMS if own_bom == bom), family)
    return concrete, 0


def decode_or_fail(data: bytes, path: str, encoding: str | None, error: type[Exception]) -> tuple[str, str, bytes]:
    """Text, encoding name and BOM bytes, or ``error`` with a one-line message naming ``path``.
    A file that begins like a PDF, an RTF or a Word document is refused, whatever its name."""
    from zzlint.readers.unsupported import refusal, sniffed_kind

    kind = sniffed_kind(data)
    if kind is not None:
        raise error(str(refusal(path, kind)))
    try:
        text, used, bom = decode(data, encoding)
    except DecodeError as exc:
        raise error(f"{path}: {exc}") from None
    return text, used, data[:bom]
