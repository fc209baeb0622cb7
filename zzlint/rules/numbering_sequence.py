"""Section and item numbers out of sequence: a gap, a repeat, a step backwards, a mixed family.

A report numbered 一、二、三、五、 has lost section 四, and nobody notices while reading. zzlint
follows every numbering system of Chinese documents (GB/T 9704 and the drafting rules of
regulations):

- paragraph-initial levels 一、 → （一） → 1. (1． 1、) → （1） → ①, one counter per level,
  reset under each new parent; skipping a level (一、 then 1.) is allowed;
- 第一章 / 第一节 (节 restarts in each 章) and 第一条 (条 runs through the whole text);
- inline enumerations 一是/二是, 第一，/第二，, 其一/其二, 首先/其次/再次/最后, scoped to their
  paragraph, or running over paragraphs when each paragraph opens with one (一是…。 二是…。).

Each story of a file is numbered on its own (``zzlint structure FILE`` shows the stories).
A list may start anywhere (an excerpt), and a marker numbered 1 always starts a new list, so
only a number that breaks a running list is reported, on the marker, with ``related`` at the
previous marker of the same list. Markers inside quotation marks and book titles (《》), years
(一九九八年), approximate numbers (三四个, 一、二年级), figure and table numbers (图1) and the
"·" items of a notices column are not sequence markers.

Wrong::

    三、落实增进团结之责
    ……
    五、落实自身建设之责

Right::

    三、落实增进团结之责
    ……
    四、落实自身建设之责
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from zzlint.diagnostic import Finding, RelatedSpan, Severity
from zzlint.document import Document
from zzlint.i18n import N_, _
from zzlint.lazyre import lazy
from zzlint.numbering import (
    ARTICLE, CIRCLED, ORDER, Family, Marker, ParagraphMarkers, document_markers,
    write_chinese,
)
from zzlint.rule import Rule
from zzlint.structure import structure

ORDER_NAMES = {1: "首先", 2: "其次", 3: "再次"}
#: An enumeration whose items open paragraphs ends after this many paragraphs without an item.
ITEM_GAP = 5
LAST_ORDER = 99
ARABIC = lazy(r"\d+")
#: The message of a number that skips one; ``previous`` is the marker before it.
GAP = N_("numbering gap: after {previous} expected {expected}, found {found}")
CHINESE = lazy("[〇零一二三四五六七八九十百]+")


class Running(NamedTuple):
    """A list in progress: its family, the last number seen, where, and in which paragraph."""

    family: Family
    last: int
    marker: Marker
    paragraph: int = 0


class NumberingSequence(Rule):
    __doc__ = __doc__
    name = "numbering-sequence"
    severity = Severity.ERROR
    cost = 0.016
    shares = ("numbering-markers",)

    def check(self, doc: Document) -> Iterator[Finding]:
        markers = document_markers(doc)
        for story in structure(doc).stories:
            # a paragraph without markers changes no list: an item expires by the distance to
            # the next paragraph that has one
            yield from self._check_story([(i, markers[i]) for i in story.paragraphs if i in markers])

    def _check_story(self, paragraphs: list[tuple[int, ParagraphMarkers]]) -> Iterator[Finding]:
        levels: dict[float, Running] = {}
        articles: Running | None = None
        items: dict[str, Running] = {}
        for index, found in paragraphs:
            for heading in found.headings:
                items.clear()
                _reset_below(levels, heading.family.level)
                if heading.family is ARTICLE:
                    yield from _advance(articles, heading)
                    articles = _follow(heading)
                else:
                    yield from _advance(levels.get(heading.family.level), heading)
                    levels[heading.family.level] = _follow(heading)
            for name in [n for n, r in items.items() if index - r.paragraph > ITEM_GAP]:
                del items[name]
            yield from _check_inline(found.inline, found.body_start, index, items)


def _check_inline(markers: list[Marker], body_start: int, paragraph: int,
                  items: dict[str, Running]) -> Iterator[Finding]:
    """Markers of one paragraph. One that opens the paragraph continues the enumeration of the
    paragraphs before it (``items``); the others form the paragraph's own list, which the next
    paragraph's opening item may continue in turn."""
    local: dict[str, Running] = {}
    for marker in markers:
        lists = items if marker.start == body_start else local
        mixed = _mixed(lists, marker)
        if mixed is not None:
            yield mixed
        yield from _advance(lists.get(marker.family.name), marker)
        lists[marker.family.name] = _follow(marker, paragraph)
        local[marker.family.name] = lists[marker.family.name]
    items.update(local)
    for name in [n for n, running in items.items() if running.last == LAST_ORDER]:
        del items[name]


def _reset_below(levels: dict[float, Running], level: float) -> None:
    for deeper in [key for key in levels if key > level]:
        del levels[deeper]


def _follow(marker: Marker, paragraph: int = 0) -> Running:
    return Running(marker.family, marker.number, marker, paragraph)


def _advance(running: Running | None, marker: Marker) -> Iterator[Finding]:
    """A finding if ``marker`` breaks the running list; a marker numbered 1 starts a new list."""
    if running is None or marker.number == 1:
        return
    if marker.family is ORDER:
        yield from _advance_order(running, marker)
        return
    if running.last == LAST_ORDER:
        return
    expected = running.last + 1
    if marker.number == expected:
        return
    if marker.number == running.last:
        message = N_("numbering repeats {found}: expected {expected}")
    elif marker.number < running.last:
        message = N_("numbering goes back: after {previous} expected {expected}, found {found}")
    else:
        message = GAP
    yield _finding(marker, running, message, _restyle(running.marker, expected))


def _advance_order(running: Running, marker: Marker) -> Iterator[Finding]:
    if marker.number == LAST_ORDER or marker.number == running.last + 1 or running.last == LAST_ORDER:
        return
    expected = ORDER_NAMES.get(running.last + 1, "最后")
    message = N_("{found} after {previous}: expected {expected}") if marker.number <= running.last else GAP
    yield _finding(marker, running, message, expected)


def _finding(marker: Marker, running: Running, message: str, expected: str) -> Finding:
    """``message`` (with the fields found, previous and expected) on ``marker``, with ``related``
    at the previous marker of its list."""
    text = _(message).format(found=marker.text, previous=running.marker.text, expected=expected,
                             first=running.family.render(1))
    return Finding(marker.start, marker.end, text, (RelatedSpan(running.marker.start, _("previous marker")),))


def _mixed(lists: dict[str, Running], marker: Marker) -> Finding | None:
    """一是 … 第二: a marker of another family continuing a running list."""
    if marker.number < 2 or marker.family is ORDER or marker.family.name in lists:
        return None
    for running in lists.values():
        if running.family is not ORDER and running.last == marker.number - 1:
            return _finding(marker, running, N_("{found} continues the list begun with {first}: use {expected}"),
                            _restyle(running.marker, marker.number))
    return None


def _restyle(previous: Marker, number: int) -> str:
    """The marker for ``number`` written the way the previous marker was (四、, 4．, （四）, ④)."""
    text = previous.text
    if previous.family is ORDER:
        return ORDER_NAMES.get(number) or f"第{write_chinese(number)}"
    if text in CIRCLED:
        return previous.family.render(number)
    if ARABIC.search(text):
        return ARABIC.sub(str(number), text, count=1)
    return CHINESE.sub(write_chinese(number), text, count=1)
