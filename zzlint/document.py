"""The document model: text, lines, paragraphs and the mapping between offsets and positions.

Offsets index the decoded text (Python ``str``), so they count Unicode code points. Lines and
columns are 1-based; ``\\n``, ``\\r\\n`` and ``\\r`` all end a line. A leading BOM is removed by the
reader before a Document is built, so it never shifts a column.
"""
from __future__ import annotations

import bisect
import re
from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from zzlint.i18n import _
from zzlint.lazyre import lazy

LINE_BREAK = lazy(r"\r\n|\r|\n")
# ASCII and full-width spaces, tabs, the other blanks that indent a Chinese paragraph, and the
# invisible zero-width characters that web text leaves at a paragraph's ends.
BLANK = " \t\u3000\u00a0\u2002\u2003\u200b\u200c\u200d\u2060\ufeff"
#: What a paragraph is trimmed of at both ends.
TRIMMED = BLANK + "\r\n"


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph: ``text`` is ``document.text[start:end]`` with the indentation trimmed."""

    index: int
    start: int
    end: int
    text: str
    blank_before: bool


class Document:
    """Decoded text plus the structure rules need. Built once per file, shared by all rules."""

    def __init__(self, text: str, path: str = "<text>",
                 paragraph_spans: list[tuple[int, int]] | None = None) -> None:
        self.text = text
        self.path = path
        self._paragraph_spans = paragraph_spans
        #: Suppression comments found by the reader (Markdown), see zzlint.suppression.
        self.directives: list = []
        #: What a "line" is for the reader: a text line, or a Word paragraph.
        self.unit = "line"
        #: The text as the file holds it (a reader may blank markup out of ``text``; offsets agree).
        self.source = text
        #: How to write the source back (None: the reader's format cannot be written by zzlint).
        self.encoding: str | None = None
        self.bom = b""
        self._memo: dict[str, object] = {}

    def memo(self, key: str, compute):  # type: ignore[no-untyped-def]
        """Derived data several rules share (the numbering markers, say), computed once."""
        if key not in self._memo:
            self._memo[key] = compute(self)
        return self._memo[key]

    @cached_property
    def folded(self) -> str:
        """The text with full-width ASCII forms folded to half-width; offsets are unchanged."""
        from zzlint.text import fold

        return fold(self.text)

    @cached_property
    def line_starts(self) -> array[int]:
        """The offset of each line's first character (an array: an eighth of a list's memory)."""
        starts = array("q", [0])
        starts.extend(map(re.Match.end, LINE_BREAK.finditer(self.text)))
        return starts

    @cached_property
    def paragraphs(self) -> list[Paragraph]:
        spans = self._paragraph_spans if self._paragraph_spans is not None else self._line_spans()
        text = self.text
        paragraphs: list[Paragraph] = []
        previous_end = 0
        for start, end in spans:
            raw = text[start:end]
            body = raw.lstrip(TRIMMED)
            start += len(raw) - len(body)
            body = body.rstrip(TRIMMED)
            if not body:
                continue
            gap = text[previous_end:start]
            # the line breaks of LINE_BREAK: \r\n counts once
            blank_before = bool(paragraphs) and gap.count("\n") + gap.count("\r") - gap.count("\r\n") >= 2
            paragraphs.append(Paragraph(len(paragraphs), start, start + len(body), body, blank_before))
            previous_end = start + len(body)
        return paragraphs

    def _line_spans(self) -> Iterator[tuple[int, int]]:
        """Plain text: one paragraph per line, the convention of Chinese newsroom text."""
        starts = self.line_starts
        return zip(starts, [*starts[1:], len(self.text)])

    def position(self, offset: int) -> tuple[int, int]:
        """Offset to (line, column), both 1-based; columns count code points."""
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1

    def offset(self, line: int, column: int) -> int:
        """(line, column), both 1-based, back to an offset."""
        if not 1 <= line <= len(self.line_starts):
            raise ValueError(f"line {line} is outside 1..{len(self.line_starts)}")
        return self.line_starts[line - 1] + column - 1

    def place(self, offset: int) -> str:
        """Where ``offset`` is, in the reader's unit, for a message: "line 3" or "paragraph 3"."""
        number = self.position(offset)[0]
        if self.unit == "paragraph":
            return _("paragraph {number}").format(number=number)
        return _("line {number}").format(number=number)

    @cached_property
    def _paragraph_starts(self) -> list[int]:
        return [p.start for p in self.paragraphs]

    def paragraph_at(self, offset: int) -> Paragraph | None:
        i = bisect.bisect_right(self._paragraph_starts, offset) - 1
        if i >= 0 and offset < self.paragraphs[i].end:
            return self.paragraphs[i]
        return None

