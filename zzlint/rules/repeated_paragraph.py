"""A paragraph printed twice: equal or nearly equal to an earlier paragraph of the file.

Copy-and-paste and page make-up print a paragraph twice, and a reader notices at once. zzlint
compares every paragraph with the earlier ones, after folding full-width letters, digits and
punctuation to half-width and removing spaces; the finding sits on the later paragraph and
``related`` points at the first occurrence. A paragraph pasted into another story of the same
page is reported too, and the message says so. A file that holds many issues (a month of a
paper, a year of broadcasts: ``zzlint structure FILE`` tells) reruns stories by design, so
there paragraphs are compared within each story only; ``scope = "file"`` or ``"story"``
chooses for every file.

A near repeat counts when its rapidfuzz similarity reaches ``threshold`` (per cent) and every
difference is a single character put for another, added or left out: the paragraph printed
twice with a slip corrected in one copy. The message gives the similarity. Paragraphs that
differ by whole words are parallel by design: two articles of a law (限制民事行为能力人 /
无民事行为能力人), a template filled in again (为博里奇举行欢迎仪式 / 为佐科举行欢迎仪式).
Not reported either, because they repeat by design:

- paragraphs with fewer than ``min-han`` Chinese characters (bylines, datelines, （完）, list
  stubs, set sentences) and headings (no sentence-final punctuation: a story's title is often
  repeated as its first line);
- quoted paragraphs (mostly inside “…”: law text cited by an amendment and then printed);
- near repeats in a series of three or more alike paragraphs (formula notices, parallel
  articles of a law), and near repeats that differ mostly in numbers and titles in 《》
  (第四号主席令说，《…法》… beside 第五号主席令说，《…法》…: items of a list);
- reported speech beside the full text: 李鹏说，１９９７年是… in the news report and
  １９９７年是… in the speech printed below it.

``across-files = true`` also compares the files of one run, for a newspaper issue linted as a
folder of articles.

Wrong::

    新建的社区食堂每天供应早中晚三餐，辖区老年人凭卡就餐可享受八折优惠。
    ……
    新建的社区食堂每天供应早中晚三餐，辖区老年人凭卡就餐可享受八折优惠。

Right: delete the second copy.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Annotated, NamedTuple

from zzlint.diagnostic import Finding, RelatedSpan, Severity
from zzlint.document import Document, Paragraph
from zzlint.i18n import N_, _
from zzlint.lazyre import lazy
from zzlint.repeats import (Entry, Match, check_scope, comparable_entries, paragraph_key, scopes, similar_pairs,
                            without_series)
from zzlint.rule import Rule
from zzlint.structure import is_quoted, structure
from zzlint.text import han_at_least

SENTENCE_END = lazy(r"[。！？!?]")
LIST_ITEM_GAIN = 5
LIST_ITEM_PARTS = lazy(r"《[^》]*》|[0-9０-９零〇一二三四五六七八九十百千万两]+")
#: 李鹏说， 他指出： — who says the text that follows (on folded text).
#: The messages by where the first occurrence is: this story, another story, another file.
EXACT = {
    "same": N_("paragraph repeats the paragraph at {place} word for word"),
    "story": N_("paragraph repeats the paragraph at {place}, in another story, word for word"),
    "file": N_("paragraph repeats the paragraph at {path}:{line} word for word"),
}
NEAR = {
    "same": N_("paragraph nearly repeats the paragraph at {place} (similarity {similarity:.0f}%)"),
    "story": N_("paragraph nearly repeats the paragraph at {place}, in another story "
                "(similarity {similarity:.0f}%)"),
    "file": N_("paragraph nearly repeats the paragraph at {path}:{line} (similarity {similarity:.0f}%)"),
}
#: 他说， 李鹏指出： — who says the text that follows (keys are width-folded: ， is ,).
ATTRIBUTION = lazy(r"(?:说|指出|表示|强调|认为|宣布|提出|介绍|称)[,:]")
#: The message and pointer of the findings on the repeats of one paragraph, by its id, the place
#: of the repeat and the similarity.
Notes = dict[tuple[tuple[int, int], str, float], tuple[str, RelatedSpan]]


class Options(NamedTuple):
    min_han: Annotated[int, N_("Shorter paragraphs (in Chinese characters) are not compared.")] = 30
    threshold: Annotated[float, N_("Similarity (per cent) from which a paragraph is a near repeat.")] = 90.0
    scope: Annotated[str, N_(
        "Compare over the whole file (\"file\"), within each story (\"story\"), or within each story only "
        "in a file of many issues (\"auto\").")] = "auto"
    across_files: Annotated[bool, N_("Also compare the files of one run.")] = False

    def validate(self) -> None:
        check_scope(self.scope)


class RepeatedParagraph(Rule):
    __doc__ = __doc__
    name = "repeated-paragraph"
    severity = Severity.ERROR
    Options = Options
    cost = 0.07

    def check(self, doc: Document) -> Iterator[Finding]:
        stories = structure(doc)
        notes: Notes = {}
        for group in scopes(doc, self.options.scope):
            entries = comparable_entries(((0, p) for p in group if self._compared(p)), self.options.threshold)
            if len(entries) < 2:
                continue
            for match in without_series(list(similar_pairs(entries, self.options.threshold))):
                if self._reportable(match):
                    place = "story" if (stories.story_of(match.earlier.paragraph.index)
                                        != stories.story_of(match.later.paragraph.index)) else "same"
                    yield self._finding(match, doc, place, notes)

    def _entry(self, owner: int, paragraph: Paragraph) -> Entry | None:
        """The paragraph as the similarity index sees it, or None if it is exempt."""
        return Entry(owner, paragraph, paragraph_key(paragraph)) if self._compared(paragraph) else None

    def _compared(self, paragraph: Paragraph) -> bool:
        """Whether the paragraph is compared at all (see the exemptions above)."""
        text = paragraph.text
        return (len(text) >= self.options.min_han and SENTENCE_END.search(text) is not None
                and not is_quoted(text) and han_at_least(text, self.options.min_han))

    def _reportable(self, match: Match) -> bool:
        if match.similarity >= 100:
            return True  # _reported_speech asks for more than the match's similarity: nothing is above 100
        return _typo_level(match) and not (_reported_speech(match) or differ_in_numbers_and_titles(match))

    def collects(self) -> bool:
        return self.options.across_files

    def check_collection(self, docs: Iterable[Document]) -> Iterator[tuple[Document, Finding]]:
        if not self.options.across_files:
            return
        docs = sorted(docs, key=lambda d: d.path)
        entries = comparable_entries(((owner, p) for owner, doc in enumerate(docs) for p in doc.paragraphs
                                      if self._compared(p)), self.options.threshold)
        notes: Notes = {}
        for match in without_series(list(similar_pairs(entries, self.options.threshold))):
            if match.later.owner != match.earlier.owner and self._reportable(match):
                yield docs[match.later.owner], self._finding(match, docs[match.earlier.owner], "file", notes)

    @staticmethod
    def _finding(match: Match, earlier_doc: Document, place: str, notes: Notes) -> Finding:
        """The finding on the later paragraph. Its message and pointer depend on the earlier
        paragraph only, and are made once for all the copies of one paragraph (``notes``)."""
        key = (match.earlier.id, place, match.similarity)
        note = notes.get(key)
        if note is None:
            note = notes[key] = _note(match, earlier_doc, place)
        message, related = note
        paragraph = match.later.paragraph
        return Finding(paragraph.start, paragraph.end, message, (related,))


def _note(match: Match, earlier_doc: Document, place: str) -> tuple[str, RelatedSpan]:
    """The message of a finding on a repeat of ``match.earlier``, and its pointer there."""
    start = match.earlier.paragraph.start
    line, column = earlier_doc.position(start)
    message = _((EXACT if match.similarity >= 100 else NEAR)[place]).format(
        place=earlier_doc.place(start), line=line, path=earlier_doc.path, similarity=match.similarity)
    return message, RelatedSpan(start, _("first occurrence"), earlier_doc.path, line, column)


def differ_in_numbers_and_titles(match: Match) -> bool:
    """Near repeats that differ mostly in numbers and titles are items of one list."""
    if match.similarity >= 100:
        return False
    from rapidfuzz import fuzz

    masked = [LIST_ITEM_PARTS.sub("#", m.key) for m in (match.earlier, match.later)]
    return fuzz.ratio(*masked) >= match.similarity + LIST_ITEM_GAIN


def _typo_level(match: Match) -> bool:
    """Every difference is one character put for another, added or left out: the paragraph
    printed twice with a slip corrected, not a template filled in again (为博里奇举行欢迎仪式 /
    为佐科举行欢迎仪式)."""
    from rapidfuzz.distance import Levenshtein

    return all(i2 - i1 <= 1 and j2 - j1 <= 1
               for _tag, i1, i2, j1, j2 in Levenshtein.opcodes(match.earlier.key, match.later.key)
               if _tag != "equal")


def _reported_speech(match: Match) -> bool:
    """One paragraph says who speaks (李鹏说，…) and what follows is the other paragraph: the
    news report of a speech quotes the full text printed beside it."""
    from rapidfuzz import fuzz

    for quoting, full in ((match.earlier.key, match.later.key), (match.later.key, match.earlier.key)):
        for said in ATTRIBUTION.finditer(quoting):
            if fuzz.ratio(quoting[said.end():], full) > match.similarity:
                return True
    return False
