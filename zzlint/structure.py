"""What zzlint believes about a document's structure, worked out once per document.

Rules consult it rather than guessing on their own, and ``zzlint structure FILE`` prints it, so
that a surprising silence can be explained:

- **stories**: the pieces a file holds (the stories of a newspaper page or a broadcast rundown,
  the documents of a gazette). A story starts
  - at the top of the file;
  - at a block after a blank line, in a file whose paragraphs mostly follow each other
    directly (at most a third of them after a blank line), unless the block opens with a
    section marker (一、, （一）, 第一章, 1.): one story a block;
  - at the title lines (up to five short lines without final punctuation) above a paragraph
    that opens like a story (本报北京1月1日电, 新华社…电, 据新华社…, 央视网消息：, 本报讯),
    above a document number line (国发〔2024〕1号), and above the bracketed date (（2000年12
    月31日）) or the salutation (同志们，朋友们：) of a speech printed in full right under its
    title;
  - after a separator line (***, ———, ＊＊＊) or a closing （完）.
  A salutation inside a speech (各位代表！ after a paragraph of the speech) does not start a
  story.
- **collection**: a file with at least COLLECTION_STORIES stories holds many issues (a month of
  a paper, a year of broadcasts); stories rerun there legitimately, so the repeat rules compare
  paragraphs within each story only. Any other file is one issue or one document, and a
  paragraph repeated anywhere in it is a defect.
- **headings**: paragraphs that end without punctuation and are short enough to be a title,
  subtitle, section heading, byline or dateline.
- **quoted**: paragraphs that are mostly quotation (law text cited by an amendment).
- **lists**: the numbering markers of every paragraph (see ``zzlint.numbering``).
"""
from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from functools import cached_property
from typing import NamedTuple

from zzlint.document import Document, Paragraph, Paragraphs
from zzlint.i18n import N_
from zzlint.lazyre import lazy

COLLECTION_STORIES = 40
MAX_TITLE_LINES = 5
#: A heading is short: a longer paragraph without final punctuation is prose cut short.
MAX_HEADING_LENGTH = 60

#: The papers and agencies a story's lead names: 本报讯, 新华社北京1月1日电.
LEAD_SOURCES = ("本报", "新华社", "中新社", "中国新闻社", "央视网消息", "央广网", "人民网", "新华网", "光明网",
                "中国日报网")
STORY_LEAD = lazy(f"(?:据)?(?:{'|'.join(LEAD_SOURCES)})" r"\S{0,24}?(?:电(?![台视])|讯(?!员)|：|:)")
SPEECH_DATE = lazy(
    r"[（(][0-9０-９一二三四五六七八九〇○零]{4}年[0-9０-９一二三四五六七八九十]{1,2}月"
    r"[0-9０-９一二三四五六七八九十]{1,3}日[）)]")
DOCUMENT_NUMBER = lazy(r"\S{1,12}[〔［\[][0-9０-９]{4}[〕］\]][0-9０-９]{1,4}号")
SALUTATIONS = ("同志们", "朋友们", "各位代表", "各位委员", "女士们", "先生们")
SALUTATION = lazy(f"(?:{'|'.join(SALUTATIONS)})[，,、：:！!]")
SEPARATOR_MARKS = "*＊-—－=＝~～·•#"
SEPARATOR = lazy(f"[{re.escape(SEPARATOR_MARKS)}]{{3,}}|[（(]完[）)]")
SECTION_START = lazy(
    r"[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[）)]|第[一二三四五六七八九十百]+[章节条]"
    r"|[0-9０-９]{1,2}[.．、](?![0-9０-９])")
SENTENCE_MARK = lazy(r"[。！？!?]")
#: The marks a title does not end with besides those of SENTENCE_MARK.
TITLE_END = ("；", ";", "，", ",", "：", ":")
#: The first characters of a match of STORY_LEAD, SALUTATION and SEPARATOR: most paragraphs
#: start otherwise, and a test of one character costs a tenth of a regex call.
LEAD_FIRST = frozenset("据" + "".join(source[0] for source in LEAD_SOURCES))
SALUTATION_FIRST = frozenset(word[0] for word in SALUTATIONS)
SEPARATOR_FIRST = frozenset(SEPARATOR_MARKS + "（(")
QUOTATION = lazy(r'[“「『][^“”「」『』"]*(?:[”」』"]|$)')
QUOTATION_OPENER = lazy("[“「『]")


class Story(NamedTuple):
    """A story: ``paragraphs`` are paragraph indices, ``opening`` says why it starts there."""

    paragraphs: range
    opening: str


class Structure:
    """A document's stories, whether it is a collection of them, and its paragraphs."""

    def __init__(self, stories: tuple[Story, ...], collection: bool, paragraphs: Sequence[Paragraph]) -> None:
        self.stories = stories
        self.collection = collection
        self.paragraphs = paragraphs

    @cached_property
    def headings(self) -> frozenset[int]:
        return frozenset(p.index for p in self.paragraphs if is_heading(p.text))

    @cached_property
    def quoted(self) -> frozenset[int]:
        return frozenset(p.index for p in self.paragraphs if is_quoted(p.text))

    @cached_property
    def _story_starts(self) -> array[int]:
        return array("q", (story.paragraphs.start for story in self.stories))

    def story_of(self, paragraph: int) -> int:
        """The index of the story that holds paragraph number ``paragraph``."""
        return max(0, bisect_right(self._story_starts, paragraph) - 1)


def structure(doc: Document) -> Structure:
    return doc.memo("structure", _build)


def _build(doc: Document) -> Structure:
    paragraphs = doc.paragraphs
    openings = story_openings(paragraphs)
    starts = sorted(openings)
    ends = starts[1:] + [len(paragraphs)]
    stories = tuple(Story(range(s, e), openings[s]) for s, e in zip(starts, ends) if paragraphs)
    return Structure(stories, len(stories) >= COLLECTION_STORIES, paragraphs)


def is_heading(text: str) -> bool:
    """Whether a paragraph's text (which never ends with a line break) is short enough for a
    title and ends without punctuation, with no sentence end within it."""
    return len(text) <= MAX_HEADING_LENGTH and not text.endswith(TITLE_END) and not SENTENCE_MARK.search(text)


def is_quoted(text: str) -> bool:
    if not QUOTATION_OPENER.search(text):  # most paragraphs: nothing to match
        return not text
    return sum(len(m.group()) for m in QUOTATION.finditer(text)) * 2 >= len(text)


def story_openings(paragraphs: Paragraphs) -> dict[int, str]:
    """Paragraph index → why a story starts there (always including 0 for a non-empty file)."""
    openings = {0: N_("start of file")} if paragraphs else {}
    for index, reason in _openings(paragraphs):
        openings.setdefault(index, reason)
    return openings


def _openings(paragraphs: Paragraphs) -> Iterator[tuple[int, str]]:
    blanks = paragraphs[1:].after_blank_lines()
    blocks = 0 < blanks * 3 <= len(paragraphs) - 1
    for p in paragraphs:
        text = p.text
        first = text[:1]
        if blocks and p.blank_before and not SECTION_START.match(text):
            yield p.index, N_("block after a blank line")
        if first in LEAD_FIRST and STORY_LEAD.match(text):
            yield _title_start(paragraphs, p.index), N_("story lead")
        elif text.endswith("号") and _alone(text, DOCUMENT_NUMBER):
            yield _title_start(paragraphs, p.index), N_("document number")
        elif (_speech_date(text) or first in SALUTATION_FIRST and SALUTATION.match(text)) and _under_title(
                paragraphs, p.index):
            yield _title_start(paragraphs, p.index), N_("speech title")
        elif first in SEPARATOR_FIRST and _alone(text, SEPARATOR) and p.index + 1 < len(paragraphs):
            yield p.index + 1, N_("separator")


def _speech_date(text: str) -> bool:
    """A heading that holds a date in brackets: (2000年12月31日) under a speech's title."""
    return "年" in text and is_heading(text) and SPEECH_DATE.search(text) is not None


def _alone(text: str, pattern: re.Pattern[str]) -> bool:
    return pattern.fullmatch(text) is not None


def _under_title(paragraphs: Sequence[Paragraph], index: int) -> bool:
    return index > 0 and is_heading(paragraphs[index - 1].text)


def _title_start(paragraphs: Sequence[Paragraph], lead: int) -> int:
    start = lead
    while start > 0 and lead - start < MAX_TITLE_LINES and is_heading(paragraphs[start - 1].text):
        start -= 1
    return start
