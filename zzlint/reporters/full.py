"""The finding with its source line, the span underlined, and the places it refers to.

The line is shown as the file holds it (a Markdown line keeps its markup). Columns are aligned
for display width: a Chinese character takes two terminal cells, so the underline is drawn with
East Asian widths (unicodedata) rather than code points. Characters of ambiguous width (“ ” ‘ ’ …)
count as wide, as CJK fonts draw them in Chinese text. Tabs are expanded to the next multiple of
four cells; characters a terminal would act on rather than draw (form feed, U+2028 …) are shown
as visible symbols, and zero-width ones take no cell.
"""
from __future__ import annotations

import unicodedata

from zzlint.diagnostic import Diagnostic
from zzlint.document import LINE_BREAK
from zzlint.reporters import Report, visible

NEEDS_SOURCES = True
WIDE = ("W", "F", "A")
TAB_SIZE = 4


def width(text: str) -> int:
    return sum(_cells(ch) for ch in text)


def padded(text: str, cells: int, right: bool = False) -> str:
    """``text`` padded with spaces to ``cells`` terminal cells (a Chinese character takes two)."""
    room = " " * max(0, cells - width(text))
    return room + text if right else text + room


def _cells(ch: str) -> int:
    if unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in WIDE else 1


def display(line: str) -> tuple[str, list[int]]:
    """The line as printed, and the display cell at which each of its characters starts (with
    one more entry: the cell just past the end)."""
    shown: list[str] = []
    starts: list[int] = []
    cell = 0
    for ch in line:
        starts.append(cell)
        if ch == "\t":
            spaces = TAB_SIZE - cell % TAB_SIZE
            shown.append(" " * spaces)
            cell += spaces
            continue
        ch = visible(ch)
        shown.append(ch)
        cell += _cells(ch)
    starts.append(cell)
    return "".join(shown), starts


def render(report: Report) -> str:
    lines = {path: LINE_BREAK.split(source) for path, source in report.sources.items()}
    return "".join(_block(d, lines.get(d.path, [])) for d in report.diagnostics)


def _block(d: Diagnostic, lines: list[str]) -> str:
    head = f"{d.path}:{d.line}:{d.column}: {d.severity}: {d.message} [{d.rule}]\n"
    if not 1 <= d.line <= len(lines):
        return head + "\n"
    line = lines[d.line - 1]
    text, starts = display(line)
    first = min(d.column - 1, len(line))
    last = min(d.end_column - 1, len(line)) if d.end_line == d.line else len(line)
    gutter = f"{d.line} | "
    pad = " " * (len(gutter) - 2) + "| "
    marker = " " * starts[first] + "^" * max(1, starts[last] - starts[first])
    related = "".join(f"{pad}= {r.message}: {r.path}:{r.line}:{r.column}\n" for r in d.related)
    return f"{head}{gutter}{text}\n{pad}{marker}\n{related}\n"
