"""The document model: text, lines, paragraphs and the mapping between offsets and positions.

Offsets index the decoded text (Python ``str``), so they count Unicode code points. Lines and
columns are 1-based; ``\\n``, ``\\r\\n`` and ``\\r`` all end a line. A leading BOM is removed by the
reader before a Document is built, so it never shifts a column.
"""
from __future__ import annotations

import bisect
import re
from array import array
from collections.abc import Iterator, Sequence
from functools import cached_property
from typing import overload

from zzlint.i18n import _
from zzlint.lazyre import lazy

LINE_BREAK = lazy(r"\r\n|\r|\n")
#: LINE_BREAK for a text without \r: a single character is searched for, not tried at each one.
LF = lazy(r"\n")
# ASCII and full-width spaces, tabs, the other blanks that indent a Chinese paragraph, and the
# invisible zero-width characters that web text leaves at a paragraph's ends.
BLANK = " \t\u3000\u00a0\u2002\u2003\u200b\u200c\u200d\u2060\ufeff"
#: What a paragraph is trimmed of at both ends.
TRIMMED = BLANK + "\r\n"
#: A paragraph's text within its span: from its first character to its last that is not trimmed.
BODY = lazy(f"[^{TRIMMED}](?:.*[^{TRIMMED}])?", re.S)
#: The same within a line, found in one pass over a plain text.
BODY_IN_LINE = lazy(f"[^{TRIMMED}](?:[^\r\n]*[^{TRIMMED}])?")
#: BODY_IN_LINE for a text without \r: "." stops at \n alone, and the regex engine runs
#: through it in half the time it takes to run through a class.
BODY_IN_LF_LINE = lazy(f"[^{TRIMMED}](?:.*[^{TRIMMED}])?")


class Paragraph:
    """A paragraph: ``text`` is ``document_text[start:end]``, the indentation trimmed.

    A view: the text is sliced from the document's only when read, and kept while the view
    lives, so a document of 45,000 paragraphs does not hold its text twice."""

    __slots__ = ("index", "start", "end", "blank_before", "_document_text", "_text")

    def __init__(self, index: int, start: int, end: int, document_text: str, blank_before: bool) -> None:
        self.index = index
        self.start = start
        self.end = end
        self.blank_before = blank_before
        self._document_text = document_text
        self._text: str | None = None

    @property
    def text(self) -> str:
        text = self._text
        if text is None:
            text = self._text = self._document_text[self.start:self.end]
        return text

    def stands_at(self, start: int) -> bool:
        """Whether the document holds this paragraph's text at ``start`` too."""
        return self._document_text.startswith(self.text, start)

    def _key(self) -> tuple[int, int, int, bool]:
        return self.index, self.start, self.end, self.blank_before

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Paragraph):
            return NotImplemented
        return self._key() == other._key() and self.text == other.text

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return (f"Paragraph(index={self.index}, start={self.start}, end={self.end}, text={self.text!r}, "
                f"blank_before={self.blank_before})")


#: A document of at most this many paragraphs (a story, an article, a report) keeps one
#: Paragraph per paragraph once made: its rules read each paragraph some fifty times in all, and
#: making a view each time cost more than the views of a small document take in memory.
KEPT_VIEWS = 4096


class Paragraphs(Sequence[Paragraph]):
    """The paragraphs of a document, or a run of them: offsets in arrays, a Paragraph made for
    each one read (a Python object per paragraph would cost more than the text itself), or
    for a small document made once and kept (see KEPT_VIEWS)."""

    __slots__ = ("_text", "_starts", "_ends", "_blank_before", "_indices", "_views")

    def __init__(self, text: str, starts: array[int], ends: array[int], blank_before: bytearray,
                 indices: range | None = None, views: list[Paragraph] | None = None) -> None:
        self._text = text
        self._starts, self._ends, self._blank_before = starts, ends, blank_before
        self._indices = indices if indices is not None else range(len(starts))
        if views is None and indices is None and len(starts) <= KEPT_VIEWS:
            views = list(self._made(self._indices))
        self._views = views

    def __len__(self) -> int:
        return len(self._indices)

    @overload
    def __getitem__(self, index: int) -> Paragraph: ...

    @overload
    def __getitem__(self, index: slice) -> Paragraphs: ...

    def __getitem__(self, index: int | slice) -> Paragraph | Paragraphs:
        if isinstance(index, slice):
            if index.step not in (None, 1):
                raise ValueError("a run of paragraphs is sliced without a step")
            return Paragraphs(self._text, self._starts, self._ends, self._blank_before, self._indices[index],
                              self._views)
        i = self._indices[index]
        if self._views is not None:
            return self._views[i]
        return Paragraph(i, self._starts[i], self._ends[i], self._text, bool(self._blank_before[i]))

    def after_blank_lines(self) -> int:
        """How many of the paragraphs follow a blank line, counted without making them."""
        return self._blank_before.count(1, self._indices.start, self._indices.stop)

    def containing(self, offset: int) -> Paragraph | None:
        """The paragraph that holds ``offset``, if any (a slice's own paragraphs only)."""
        first, stop = self._indices.start, self._indices.stop
        i = bisect.bisect_right(self._starts, offset, first, stop) - 1
        return self[i - first] if i >= first and offset < self._ends[i] else None

    def __iter__(self) -> Iterator[Paragraph]:
        if self._views is not None:
            return iter(self._views[self._indices.start:self._indices.stop])
        return self._made(self._indices)

    def _made(self, indices: range) -> Iterator[Paragraph]:
        text, starts, ends, blank_before = self._text, self._starts, self._ends, self._blank_before
        for i in indices:
            yield Paragraph(i, starts[i], ends[i], text, bool(blank_before[i]))


def _line_breaks(text: str) -> int:
    """The line breaks of LINE_BREAK in ``text``: \\r\\n counts once."""
    return text.count("\n") + text.count("\r") - text.count("\r\n")


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
    def line_starts(self) -> array[int]:
        """The offset of each line's first character (an array: an eighth of a list's memory)."""
        breaks = LINE_BREAK if "\r" in self.text else LF
        starts = array("q", [0])
        starts.extend(map(re.Match.end, breaks.finditer(self.text)))
        return starts

    @cached_property
    def paragraphs(self) -> Paragraphs:
        text, spans = self.text, self._paragraph_spans
        if spans is None:  # plain text: one paragraph per line, the convention of Chinese newsroom text
            bodies = (BODY_IN_LINE if "\r" in text else BODY_IN_LF_LINE).finditer(text)
        else:
            bodies = filter(None, (BODY.search(text, start, end) for start, end in spans))
        starts, ends, blank_before = array("q"), array("q"), bytearray()
        previous_end = 0
        for body in bodies:
            start, end = body.span()
            # a gap of one character holds one line break at most (most gaps are a \n)
            blank_before.append(bool(starts) and start - previous_end > 1
                                and _line_breaks(text[previous_end:start]) >= 2)
            starts.append(start)
            ends.append(end)
            previous_end = end
        return Paragraphs(text, starts, ends, blank_before)

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

    def paragraph_at(self, offset: int) -> Paragraph | None:
        return self.paragraphs.containing(offset)
