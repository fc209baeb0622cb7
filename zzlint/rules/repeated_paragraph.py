"""A paragraph printed twice: equal or nearly equal to an earlier paragraph of the same article.

Copy-and-paste and page make-up print a paragraph twice, and a reader notices at once. zzlint
compares every paragraph with the earlier ones of its article (a file of several stories is
split into articles, see the README), after folding full-width letters, digits and punctuation
to half-width and removing spaces. A near repeat, a few characters changed, counts when its
rapidfuzz similarity reaches ``threshold`` (per cent) and the paragraph has at least
``min-han-near`` Chinese characters; the message gives the similarity. Paragraphs with fewer
than ``min-han`` Chinese characters (bylines, datelines, （完）, list stubs, set sentences), headings (no sentence-final punctuation: a story's title is often repeated as its first
line), quoted paragraphs (mostly inside “…”: law text cited by an amendment and then printed)
near repeats in a series of three or more alike paragraphs
(formula notices, parallel articles of a law) and near repeats that differ mostly in numbers and
titles in 《》 (第四号主席令说，《…法》… beside 第五号主席令说，《…法》…: items of a list)
are exempt. ``scope = "document"`` compares the whole file; ``across-files = true``
also compares the files of one run, for a newspaper issue linted as a folder of articles.

Wrong::

    我们将认真研究、积极改进各项工作，切实提高履职水平。
    ……
    我们将认真研究、积极改进各项工作，切实提高履职水平。

Right: delete the second copy.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from zzlint.diagnostic import Finding, RelatedSpan, Severity
from zzlint.document import Document, Paragraph
from zzlint.repeats import Entry, Match, check_scope, paragraph_key, scopes, similar_pairs, without_series
from zzlint.rule import Rule
from zzlint.text import han_count

SENTENCE_END = re.compile(r"[。！？!?]")
QUOTATION = re.compile(r"[“「『][^“”「」『』]*(?:[”」』]|$)")
LIST_ITEM_GAIN = 5
LIST_ITEM_PARTS = re.compile(r"《[^》]*》|[0-9０-９零〇一二三四五六七八九十百千万两]+")


@dataclass(frozen=True)
class Options:
    min_han: int = 30
    min_han_near: int = 60
    threshold: float = 90.0
    scope: str = "article"
    across_files: bool = False

    def __post_init__(self) -> None:
        check_scope(self.scope)


class RepeatedParagraph(Rule):
    __doc__ = __doc__
    name = "repeated-paragraph"
    severity = Severity.ERROR
    Options = Options

    def check(self, doc: Document) -> Iterator[Finding]:
        for group in scopes(doc, self.options.scope == "document"):
            entries = [entry for p in group if (entry := self._entry(0, doc, p))]
            for match in without_series(list(similar_pairs(entries, self.options.threshold))):
                if self._reportable(match):
                    yield self._finding(match, doc, same_file=True)

    def _entry(self, owner: int, doc: Document, paragraph: Paragraph) -> Entry | None:
        """The paragraph as the similarity index sees it, or None if it is exempt."""
        text = paragraph.text
        if len(text) < self.options.min_han or not SENTENCE_END.search(text):
            return None
        han = han_count(text)
        if han < self.options.min_han:
            return None
        quoted = sum(len(m.group()) for m in QUOTATION.finditer(text))
        if quoted * 2 >= len(text):
            return None
        return Entry(owner, paragraph, paragraph_key(doc, paragraph), han >= self.options.min_han_near)

    def _reportable(self, match: Match) -> bool:
        return match.similarity >= 100 or not _list_items(match)

    def collects(self) -> bool:
        return self.options.across_files

    def check_collection(self, docs: Iterable[Document]) -> Iterator[tuple[Document, Finding]]:
        if not self.options.across_files:
            return
        docs = sorted(docs, key=lambda d: d.path)
        entries = [entry for owner, doc in enumerate(docs) for p in doc.paragraphs
                   if (entry := self._entry(owner, doc, p))]
        for match in without_series(list(similar_pairs(entries, self.options.threshold))):
            if match.later.owner != match.earlier.owner and self._reportable(match):
                finding = self._finding(match, docs[match.earlier.owner], same_file=False)
                yield docs[match.later.owner], finding

    @staticmethod
    def _finding(match: Match, earlier_doc: Document, same_file: bool) -> Finding:
        line, column = earlier_doc.position(match.earlier.paragraph.start)
        where = earlier_doc.place(match.earlier.paragraph.start) if same_file else f"{earlier_doc.path}:{line}"
        if match.similarity >= 100:
            message = f"paragraph repeats the paragraph at {where} word for word"
        else:
            message = f"paragraph nearly repeats the paragraph at {where} ({match.similarity:.0f}% similar)"
        related = RelatedSpan(match.earlier.paragraph.start, "first occurrence",
                              earlier_doc.path, line, column)
        paragraph = match.later.paragraph
        return Finding(paragraph.start, paragraph.end, message, (related,))


def _list_items(match: Match) -> bool:
    """Near repeats that differ mostly in numbers and titles are items of one list."""
    if match.similarity >= 100:
        return False
    from rapidfuzz import fuzz

    masked = [LIST_ITEM_PARTS.sub("#", m.key) for m in (match.earlier, match.later)]
    return fuzz.ratio(*masked) >= match.similarity + LIST_ITEM_GAIN
