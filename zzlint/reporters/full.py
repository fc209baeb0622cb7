"""The finding with its source line, the span underlined, and the places it refers to.

Columns are aligned for display width: a Chinese character takes two terminal cells, so the
underline is drawn with East Asian widths (unicodedata) rather than code points. Characters of
ambiguous width (“ ” ‘ ’ …) count as wide, as CJK fonts draw them in Chinese text.
"""
from __future__ import annotations

import unicodedata

from zzlint.diagnostic import Diagnostic
from zzlint.reporters import Report

WIDE = ("W", "F", "A")


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in WIDE else 1 for ch in text)


def render(report: Report) -> str:
    blocks = [_block(d, report.sources.get(d.path, "")) for d in report.diagnostics]
    return "".join(blocks)


def _block(d: Diagnostic, source: str) -> str:
    head = f"{d.path}:{d.line}:{d.column}: {d.severity}: {d.message} [{d.rule}]\n"
    lines = source.splitlines()
    if not 1 <= d.line <= len(lines):
        return head + "\n"
    text = lines[d.line - 1].expandtabs(4)
    end_column = d.end_column if d.end_line == d.line else len(text) + 1
    gutter = f"{d.line} | "
    pad = " " * (len(gutter) - 2) + "| "
    marker = " " * width(text[:d.column - 1]) + "^" * max(1, width(text[d.column - 1:end_column - 1]))
    related = "".join(f"{pad}= {r.message}: {r.path}:{r.line}:{r.column}\n" for r in d.related)
    return f"{head}{gutter}{text}\n{pad}{marker}\n{related}\n"
