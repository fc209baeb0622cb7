"""Applying the fixes rules offer: only inside the flagged spans, until nothing changes.

A fix replaces its finding's span and nothing else; when two fixed spans overlap, the later one
waits for the next pass. Passes repeat (at most MAX_PASSES) until the text is stable, so a
second ``--fix`` changes nothing. Files are written atomically: a temporary file in the same
folder, then a rename; the encoding and byte-order mark are the file's own, and line endings
are untouched because no fix spans a line break.
"""
from __future__ import annotations

import difflib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from zzlint.diagnostic import Diagnostic
from zzlint.document import Document

MAX_PASSES = 8


def apply(source: str, diagnostics: list[Diagnostic]) -> str:
    pieces: list[str] = []
    position = 0
    for d in sorted((d for d in diagnostics if d.fix is not None), key=lambda d: (d.start, d.end)):
        if d.start < position or "\n" in source[d.start:d.end] or "\r" in source[d.start:d.end]:
            continue
        pieces.append(source[position:d.start])
        pieces.append(d.fix or "")
        position = d.end
    pieces.append(source[position:])
    return "".join(pieces)


def fix_until_stable(doc: Document, lint: Callable[[Document], list[Diagnostic]],
                     reread: Callable[[str], Document]) -> tuple[Document, list[Diagnostic]]:
    """The fixed document and its remaining findings."""
    diagnostics = lint(doc)
    for _ in range(MAX_PASSES):
        fixed = apply(doc.source, diagnostics)
        if fixed == doc.source:
            break
        doc = reread(fixed)
        diagnostics = lint(doc)
    return doc, diagnostics


def unified_diff(path: str, before: str, after: str) -> str:
    return "".join(difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                        f"a/{path}", f"b/{path}"))


def write_atomically(path: Path, data: bytes) -> None:
    folder = path.resolve().parent
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".zzlint", dir=folder)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, path.stat().st_mode & 0o7777)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
