"""Punctuation after sequence markers (GB/T 15834 appendix on 序次语, GB/T 9704).

A Chinese numeral takes a 顿号 (一、), an Arabic numeral a full stop (1. or 1．), a bracketed or
circled marker no punctuation at all (（一） （1） ①), and 第一/其一 a comma (第一，). Within one
list the Arabic markers keep one form: 1、 beside 2. is reported on the marker that differs
from the first of its list. This is a separate rule from numbering-sequence, so that one wrong
character is not also reported as a missing number. 第一、第二、第三产业 (ordinals in running text)
is not a list. The fixes are safe: they change only the mark after the marker.

Wrong::

    （一）、加强组织领导
    第一、明确任务

Right::

    （一）加强组织领导
    第一，明确任务
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from zzlint.diagnostic import Finding, RelatedSpan, Severity
from zzlint.document import Document
from zzlint.i18n import _
from zzlint.lazyre import lazy
from zzlint.numbering import DI, LEVEL1, LEVEL2, LEVEL3, LEVEL4, LEVEL5, NO_MARKERS, QI, document_markers
from zzlint.rule import Rule
from zzlint.structure import structure

AFTER_BRACKET = lazy(r"[、，,.．：:]")
#: 第一、 before another numeral is a run of ordinals (第一、第二、第三产业), not a marker.
DI_WRONG = lazy(r"[、.．](?![第一二三四五六七八九十])")
LEVEL1_DOT = re.compile(r"[.．]$")


class NumberingPunctuation(Rule):
    __doc__ = __doc__
    name = "numbering-punctuation"
    severity = Severity.WARNING
    presets = ("gb",)
    fix_safety = "safe"
    cost = 0.016
    shares = ("numbering-markers",)

    def check(self, doc: Document) -> Iterator[Finding]:
        first_arabic: dict[int, tuple[int, str]] = {}
        markers = document_markers(doc)
        for story_index, story in enumerate(structure(doc).stories):
            for index in story.paragraphs:
                found = markers.get(index, NO_MARKERS)
                for marker in found.headings:
                    yield from self._heading(doc, marker, story_index, first_arabic)
                for marker in found.inline:
                    if marker.family in (DI, QI) and DI_WRONG.match(doc.text, marker.end):
                        at = marker.end
                        yield Finding(at, at + 1, _("{marker}{mark} takes a comma: {marker}，").format(
                            marker=marker.text, mark=doc.text[at]), fix="，")

    @staticmethod
    def _heading(doc: Document, marker, story: int,  # type: ignore[no-untyped-def]
                 first_arabic: dict[int, tuple[int, str]]) -> Iterator[Finding]:
        text = doc.text
        if marker.family in (LEVEL2, LEVEL4, LEVEL5) and AFTER_BRACKET.match(text, marker.end):
            at = marker.end
            yield Finding(at, at + 1, _("no punctuation after {marker}: a bracketed or circled marker stands alone")
                          .format(marker=text[marker.start:marker.end]), fix="")
        elif marker.family is LEVEL1 and LEVEL1_DOT.search(text, marker.start, marker.end):
            at = marker.end - 1
            yield Finding(at, at + 1, _("a Chinese-numeral marker takes 、: {marker}、").format(
                marker=text[marker.start:at]), fix="、")
        elif marker.family is LEVEL3:
            style = "、" if text[marker.end - 1] == "、" else "."
            if marker.number == 1 or story not in first_arabic:
                first_arabic[story] = (marker.start, style)
            elif style != first_arabic[story][1]:
                at = marker.end - 1
                yield Finding(at, at + 1, _("{marker} differs from the first marker of its list ({style})").format(
                    marker=text[marker.start:marker.end], style=first_arabic[story][1]),
                              (RelatedSpan(first_arabic[story][0], _("first marker of the list")),))
