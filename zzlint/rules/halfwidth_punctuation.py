"""ASCII punctuation in Chinese text: , . ; : ? ! ( ) where ，。；：？！（） belong (GB/T 15834 §4).

Chinese text takes full-width 点号 and brackets. A half-width mark right after a Chinese character
or a Chinese closing mark or a per cent sign (会议决定,明天开工; 达到100%,60%的委员) is reported with its full-width form as a fix, and so
is a pair of ASCII parentheses around Chinese text or opened right after a Chinese character
(公司(荷塘科技工业园)). Numbers (1,000  3.14  10:30), URLs, e-mail addresses and Latin text
(Mr. Wang, a,b) are left alone, and so are parentheses around digits only, such as the year in
a licence number 梯11湘AB07342(19).

The mark that closes or follows a numbering marker (一. （一）. 第一.) is left to
numbering-punctuation, which knows that 一. takes 、 and not 。.

Many papers use ASCII punctuation as house style, which makes this rule loud on such a page;
it is in the ``gb`` preset and off by default. The fix is safe (the same mark in its
full-width form), so ``zzlint check --fix --select halfwidth-punctuation`` converts a page in
one go.

Wrong::

    会议决定,明天开工.

Right::

    会议决定，明天开工。
"""
from __future__ import annotations

from collections.abc import Iterator

from zzlint.diagnostic import Finding, RelatedSpan, Severity
from zzlint.document import Document, Paragraph
from zzlint.i18n import _
from zzlint.lazyre import lazy
from zzlint.rule import Rule
from zzlint.text import HAN_RANGES

FULL = {",": "，", ".": "。", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
CJK_BEFORE = lazy(f"[{HAN_RANGES}”’）》】」』〕%％]")
CJK_AFTER = lazy(f"[{HAN_RANGES}“‘（《【「『〔]")
HAN = lazy(f"[{HAN_RANGES}]")
MARK = lazy(r"[,.;:?!]")
SHIELDED = lazy(r"https?://\S+|www\.\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\.{2,}")


class HalfwidthPunctuation(Rule):
    __doc__ = __doc__
    name = "halfwidth-punctuation"
    severity = Severity.WARNING
    default_enabled = False
    presets = ("gb",)
    fix_safety = "safe"
    shares = ("numbering-markers",)

    def check(self, doc: Document) -> Iterator[Finding]:
        markers = _marker_marks(doc)
        for paragraph in doc.paragraphs:
            shielded = _shielded(doc.text, paragraph)
            yield from _points(doc.text, paragraph, shielded | markers)
            yield from _parentheses(doc.text, paragraph, shielded)


def _marker_marks(doc: Document) -> set[int]:
    """Offsets of the mark that closes a numbering marker at a paragraph's start (一.) or follows
    one (（一）. 第一.): what belongs there is numbering-punctuation's call."""
    from zzlint.numbering import document_markers

    offsets: set[int] = set()
    for found in document_markers(doc).values():
        for marker in found.headings:
            offsets.update((marker.end - 1, marker.end))
        offsets.update(marker.end for marker in found.inline)
    return offsets


def _shielded(text: str, paragraph: Paragraph) -> set[int]:
    offsets: set[int] = set()
    for match in SHIELDED.finditer(text, paragraph.start, paragraph.end):
        offsets.update(range(match.start(), match.end()))
    return offsets


def _points(text: str, paragraph: Paragraph, shielded: set[int]) -> Iterator[Finding]:
    for match in MARK.finditer(text, paragraph.start, paragraph.end):
        at = match.start()
        if at in shielded or at == paragraph.start or not CJK_BEFORE.match(text, at - 1):
            continue
        after = text[at + 1] if at + 1 < paragraph.end else ""
        if match.group() == "." and after and not CJK_AFTER.match(after) and not after.isspace():
            continue
        yield _finding(text, at)


def _parentheses(text: str, paragraph: Paragraph, shielded: set[int]) -> Iterator[Finding]:
    stack: list[int] = []
    for at in range(paragraph.start, paragraph.end):
        if text[at] == "(" and at not in shielded:
            stack.append(at)
        elif text[at] == ")" and stack and at not in shielded:
            opened = stack.pop()
            before = text[opened - 1] if opened > paragraph.start else ""
            if HAN.search(text, opened + 1, at) or (before and CJK_BEFORE.match(before)):
                yield _finding(text, opened, (RelatedSpan(at, _("closed here")),))
                yield _finding(text, at, (RelatedSpan(opened, _("opened here")),))


def _finding(text: str, at: int, related: tuple[RelatedSpan, ...] = ()) -> Finding:
    mark = text[at]
    message = _("half-width {mark} in Chinese text: use {full}").format(mark=mark, full=FULL[mark])
    return Finding(at, at + 1, message, related, fix=FULL[mark])
