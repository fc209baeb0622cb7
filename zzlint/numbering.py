"""Sequence markers of Chinese documents (GB/T 9704 levels, regulations, inline enumerations).

Chinese numerals are parsed by ``chinese_number``: a dozen lines that cover what numbering uses
(一 … 九十九, 一百零一, 〇/零), written here rather than taken from cn2an because numbering needs
the opposite of cn2an's leniency: 两, 几, 三四 (an approximate number) and 一九九八 (a year read
digit by digit) must be refused, not converted.
"""
from __future__ import annotations

import bisect
import re
from array import array
from collections.abc import Iterator
from typing import NamedTuple

from zzlint.lazyre import lazy, may_match
from zzlint.text import fold

DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
NUMERAL = "[〇零一二三四五六七八九十百]+"
CIRCLED = {chr(0x2460 + i): i + 1 for i in range(20)}


def chinese_number(text: str) -> int | None:
    """一 → 1, 十一 → 11, 二十 → 20, 一百零一 → 101; None for anything numbering does not use."""
    if not text or any(ch not in DIGITS and ch not in "十百" for ch in text):
        return None
    hundreds, rest = (text.split("百", 1) + [""])[:2] if "百" in text else ("", text)
    value = 0
    if "百" in text:
        if hundreds not in DIGITS or DIGITS[hundreds] == 0:
            return None
        value = DIGITS[hundreds] * 100
        rest = rest[1:] if rest.startswith(("零", "〇")) else rest
        if not rest:
            return value
        if rest in DIGITS and text.count("零") + text.count("〇") == 1:
            return value + DIGITS[rest]
    return _below_hundred(rest, value)


def _below_hundred(text: str, base: int) -> int | None:
    if text in DIGITS and DIGITS[text] > 0:
        return base + DIGITS[text]
    match = re.fullmatch(r"([一二三四五六七八九])?十([一二三四五六七八九])?", text)
    if not match:
        return None
    if match.group(1) is None and base:
        return None
    tens = DIGITS[match.group(1)] if match.group(1) else 1
    return base + tens * 10 + (DIGITS[match.group(2)] if match.group(2) else 0)


def write_chinese(number: int) -> str:
    """The numeral a sequence expects: 4 → 四, 11 → 十一, 20 → 二十, 101 → 一百零一."""
    names = "〇一二三四五六七八九"
    if number < 10:
        return names[number]
    if number < 100:
        tens, ones = divmod(number, 10)
        return ("" if tens == 1 else names[tens]) + "十" + (names[ones] if ones else "")
    hundreds, rest = divmod(number, 100)
    if rest == 0:
        return names[hundreds] + "百"
    tail = write_chinese(rest)
    if rest < 10:
        return names[hundreds] + "百零" + tail
    return names[hundreds] + "百" + ("一" + tail if rest < 20 else tail)


class Family(NamedTuple):
    """A kind of marker: its level in the document hierarchy and how to write number n."""

    name: str
    level: float
    template: str

    def render(self, number: int) -> str:
        if self.template == "①":
            return chr(0x2460 + number - 1) if 1 <= number <= 20 else str(number)
        chinese = write_chinese(number)
        return self.template.replace("N", str(number)).replace("C", chinese)


CHAPTER = Family("chapter", 0, "第C章")
SECTION = Family("section", 1, "第C节")
ARTICLE = Family("article", 2.5, "第C条")
LEVEL1 = Family("level-1", 2, "C、")
LEVEL2 = Family("level-2", 3, "（C）")
LEVEL3 = Family("level-3", 4, "N.")
LEVEL4 = Family("level-4", 5, "（N）")
LEVEL5 = Family("level-5", 6, "①")
SHI = Family("yi-shi", 10, "C是")
DI = Family("di-yi", 10, "第C")
QI = Family("qi-yi", 10, "其C")
#: 首先/其次/再次 count like 第一/第二/第三 (首先，其次，第三， is accepted usage): one list.
ORDER = Family("di-yi", 10, "")

ORDER_WORDS = {"首先": 1, "其次": 2, "再次": 3}

#: 一、二年级, 五、六十年代: two numerals with a 顿号 are an approximate number, not a marker.
APPROXIMATE_TAIL = "[一二三四五六七八九十两几]+[十百千万亿年级个月日天次人名位家倍成岁届]"

#: Paragraph-initial structural markers, tried in order, on width-folded text.
HEADINGS = (
    (CHAPTER, lazy(f"第({NUMERAL})章")),
    (SECTION, lazy(f"第({NUMERAL})节")),
    (ARTICLE, lazy(f"第({NUMERAL})条")),
    (LEVEL1, lazy(f"({NUMERAL})[、.](?!{APPROXIMATE_TAIL})")),
    (LEVEL2, lazy(f"[（(]({NUMERAL})[）)]")),
    (LEVEL3, lazy(r"(\d{1,3})(?:、|\.(?![\d.])|\.(?=\d{4}年))")),
    (LEVEL4, lazy(r"[（(](\d{1,3})[）)]")),
    (LEVEL5, lazy("([\u2460-\u2473])")),
)

#: What stands before an inline marker: the start of the text or a clause boundary. It is tested
#: on the character before a match rather than with a lookbehind, which would make the regex
#: engine try every position of the text.
CLAUSE_BOUNDARY = lazy(r"[。；;：:！？!?，,\s]")
#: Inline enumerations, found anywhere in a paragraph at a clause start.
#: The group ``marker`` is the marker's span, group 2 its number.
YI_SHI_NUMERALS = "一二三四五六七八九十"
YI_SHI = lazy(f"(?P<marker>([{YI_SHI_NUMERALS}]{{1,3}})是)(?!否)")
INLINE = (
    (SHI, YI_SHI),
    (DI, lazy("(?P<marker>第([一二三四五六七八九十]{1,3}))[，,、：:]")),
    (QI, lazy("(?P<marker>其([一二三四五六七八九十]))[，,、：:]")),
    (ORDER, lazy("(?P<marker>(首先|其次|再次|最后))[，,]")),
)


class Marker(NamedTuple):
    family: Family
    number: int
    start: int
    end: int
    text: str
    initial: bool


#: 第二章　规划建设　　第八条　…: a chapter title and its first article on one line.
ARTICLE_AFTER_TITLE = lazy(f"(?<=\\s)第({NUMERAL})条")


def heading_markers(text: str, start: int, end: int) -> list[Marker]:
    """The structural markers that open the paragraph ``text[start:end]``, matched on its
    width-folded text."""
    folded = fold(text[start:end])
    for family, pattern in HEADINGS:
        match = pattern.match(folded)
        if match:
            number = _number(family, match.group(1))
            if number is None:
                continue
            found = [_heading(family, number, match, text, start)]
            if family in (CHAPTER, SECTION):
                article = ARTICLE_AFTER_TITLE.search(folded, match.end())
                article_number = _number(ARTICLE, article.group(1)) if article else None
                if article and article_number is not None:
                    found.append(_heading(ARTICLE, article_number, article, text, start))
            return found
    return []


def _heading(family: Family, number: int, match: re.Match[str], text: str, offset: int) -> Marker:
    """The marker ``match`` found in the folded paragraph that starts at ``offset``."""
    start, end = offset + match.start(), offset + match.end()
    return Marker(family, number, start, end, text[start:end], True)


def _number(family: Family, text: str) -> int | None:
    if family is ORDER:
        return ORDER_WORDS.get(text, 99)
    if family is LEVEL5:
        return CIRCLED[text]
    if text.isdigit():
        return int(text)
    return chinese_number(text)


QUOTED = lazy(r"“[^”\n]*”|《[^》\n]*》|「[^」\n]*」|‘[^’\n]*’")
#: The characters a structural marker can start with, in either width.
HEADING_START = set("第（(0123456789０１２３４５６７８９〇零一二三四五六七八九十百") | set(CIRCLED)


class ParagraphMarkers(NamedTuple):
    headings: list[Marker]
    inline: list[Marker]
    body_start: int


NO_MARKERS = ParagraphMarkers([], [], -1)


def document_markers(doc) -> dict[int, ParagraphMarkers]:  # type: ignore[no-untyped-def]
    """The markers of the paragraphs that have any, by paragraph index, found once per document
    and shared by the rules.

    Inline markers are matched over the whole text in one pass per family and handed to their
    paragraphs; those inside quotations and book titles (《》) are dropped. Their patterns and
    CLAUSE_BOUNDARY hold both widths of each mark they name, so the text is not width-folded.
    """
    return doc.memo("numbering-markers", _find_markers)


def _find_markers(doc) -> dict[int, ParagraphMarkers]:  # type: ignore[no-untyped-def]
    text = doc.text
    inline = _inline_markers(doc)
    found: dict[int, ParagraphMarkers] = {}
    paragraphs = doc.paragraphs
    opening = [p.index for p in paragraphs if text[p.start] in HEADING_START]
    for index in sorted({*opening, *inline}):  # the paragraphs that may hold a marker
        paragraph = paragraphs[index]
        headings = (heading_markers(text, paragraph.start, paragraph.end)
                    if text[paragraph.start] in HEADING_START else [])
        markers = inline.get(index)
        if not headings and not markers:
            continue
        body_start = headings[-1].end if headings else paragraph.start
        body = sorted((m for m in markers or () if m.start >= body_start), key=lambda m: m.start)
        found[paragraph.index] = ParagraphMarkers(headings, body, body_start)
    return found


def _inline_markers(doc) -> dict[int, list[Marker]]:  # type: ignore[no-untyped-def]
    """The inline markers of each paragraph that has any, those in quotations left out. Most
    stories have none: their quotations are not looked for."""
    text = doc.text
    candidates = [(family, match) for family, pattern in INLINE for match in _matches(pattern, text)
                  if not (at := match.start("marker")) or CLAUSE_BOUNDARY.match(text, at - 1)]
    if not candidates:
        return {}
    # offsets in arrays: a pair of numbers per quotation of a large file took megabytes as tuples
    quote_starts, quote_ends = array("q"), array("q")
    for quote in QUOTED.finditer(text):
        quote_starts.append(quote.start())
        quote_ends.append(quote.end())
    inline: dict[int, list[Marker]] = {}
    for family, match in candidates:
        at = match.start("marker")
        paragraph = doc.paragraph_at(at)
        if paragraph is None:
            continue
        q = bisect.bisect_right(quote_starts, at) - 1
        if q >= 0 and quote_starts[q] < at < quote_ends[q]:
            continue
        number = _number(family, match.group(2))
        if number is not None:
            inline.setdefault(paragraph.index, []).append(
                Marker(family, number, at, match.end("marker"), text[at:match.end("marker")],
                       at == paragraph.start))
    return inline


def _matches(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)``, not run on a text that lacks what every match needs."""
    if pattern is YI_SHI:
        return _yi_shi_matches(text)
    return pattern.finditer(text) if may_match(pattern, text) else iter(())


def _yi_shi_matches(text: str) -> Iterator[re.Match[str]]:
    """``YI_SHI.finditer(text)``, tried only where a numeral stands before 是. The pattern opens
    with no literal, so the regex engine would try it at every character: a tenth of a story's
    markers. A match ends at its 是 and holds no other, so it starts where the run of at most
    three numerals before that 是 starts."""
    at = text.find("是", 1)
    while at != -1:
        start, farthest = at, max(at - 3, 0)
        while start > farthest and text[start - 1] in YI_SHI_NUMERALS:
            start -= 1
        if start < at and (match := YI_SHI.match(text, start)):
            yield match
        at = text.find("是", at + 1)
