"""A paragraph that stops mid-sentence and continues in the next paragraph.

Page layout and copy-and-paste leave hard line breaks inside a sentence; printed, the sentence is
split into two paragraphs and the reader stumbles. zzlint reports a paragraph that ends without
sentence-final punctuation when it is prose (it already holds a finished sentence, or it ends on a
comma, an enumeration comma or an opening quote) and the next paragraph is prose that is not a
new list item. Titles, bylines, datelines, photo credits (…摄), editor's notes (———编者), list
items and bullets (●, ·) are not reported: they end without punctuation by design.

Wrong::

    深化党的全面领导。始终把增强

    “四个意识”、坚定“四个自信”……

Right::

    深化党的全面领导。始终把增强“四个意识”、坚定“四个自信”……
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from zzlint.diagnostic import Finding, RelatedSpan, Severity
from zzlint.document import Document, Paragraph
from zzlint.rule import Rule

FINAL = set("。！？!?…；;：:”’」』）)】〕》〉\"'—－-~～/")
SENTENCE_END = re.compile(r"[。！？!?]+[”’」』）)]*")
DANGLING = "，,、“‘「『（(《"
PROSE = re.compile(r"[，。；！？、,;]")
LIST_MARKER = (r"[●·•■□◆◇▲△★☆※○◎►▶\-—－*#]|[（(]?[一二三四五六七八九十百零〇]+[、）)．.]"
               r"|[（(]?\d{1,3}[、）)．.]|[①-⑳]|第[一二三四五六七八九十百零〇\d]+[章节条部分篇]")
ITEM_START = re.compile(f"^(?:{LIST_MARKER}|[一二三四五六七八九十]是|首先|其次|再次|最后|附[:：件])")
CREDIT_TAIL = re.compile(r"(?:[—－-]{2,}.*|(?:摄|摄影|供图|制图|图|编者|编者按|完)[)）]?)$")


@dataclass(frozen=True)
class Options:
    min_length: int = 12


class BrokenParagraph(Rule):
    __doc__ = __doc__
    name = "broken-paragraph"
    severity = Severity.ERROR
    Options = Options

    def check(self, doc: Document) -> Iterator[Finding]:
        paragraphs = doc.paragraphs
        for current, following in zip(paragraphs, paragraphs[1:]):
            fragment = self._unfinished_fragment(current)
            if fragment is not None and self._continues(following):
                start = current.start + fragment
                yield Finding(
                    start, current.end,
                    f"paragraph ends mid-sentence (“{_tail(current.text)}”); "
                    "the sentence seems to continue in the next paragraph",
                    (RelatedSpan(following.start, "the sentence continues here"),))

    def _unfinished_fragment(self, paragraph: Paragraph) -> int | None:
        """Offset (in the paragraph) of the unfinished last sentence, or None if it is finished."""
        text = paragraph.text
        if len(text) < self.options.min_length or text[-1] in FINAL:
            return None
        ends = list(SENTENCE_END.finditer(text))
        fragment_start = ends[-1].end() if ends else 0
        if CREDIT_TAIL.search(text[fragment_start:]):
            return None
        if text[-1] in DANGLING or ends:
            return fragment_start
        return None

    @staticmethod
    def _continues(paragraph: Paragraph) -> bool:
        return bool(PROSE.search(paragraph.text)) and not ITEM_START.match(paragraph.text)


def _tail(text: str, width: int = 12) -> str:
    return ("…" + text[-width:]) if len(text) > width else text
