"""A long passage that occurs twice in an article: a splice of copied text.

When a passage is pasted into the wrong place, the sentence before it is usually cut off and the
pasted text repeats the end of another paragraph. zzlint finds every run of at least
``min-length`` characters (after folding full-width forms to half-width) that occurs twice in an
article, where the two paragraphs are not simply repeats of each other (that is
repeated-paragraph). The finding spans the copy, from the first character that repeats: the
longest repeated run, so a splice that starts mid-sentence is reported where it starts;
``related`` points at the source. The copy is the occurrence in the paragraph that keeps more
text of its own around the run (pasted text lands among a paragraph's own sentences, while the
source paragraph is mostly the passage); when both paragraphs are alike in this, the later
occurrence is the copy. ``scope = "document"`` compares the whole file instead of each article.

A splice replaces the end of the paragraph it lands in and repeats the end of its source, and
it is pasted at a word boundary. So only runs that end both paragraphs (but for closing
punctuation) and start between two words of the copy (jieba's segmentation) are reported.
That leaves out, because text repeats itself there by design: a passage quoted (“…”) at either
place, such as a law article cited and then printed, or a title in 《》; a heading repeated in
the story's first paragraph; formula passages that occur three or more times in the file (a list
of decrees, disciplinary notices, set political phrases); parallel law articles ending in the same clause (患者/献血者健康造成损害的…);
appointment formulas and reported speech repeated within a story.

Wrong::

    ……由主席会议成员带领政协各参加单位、广大政协委员，联合县市区政协文史馆，发挥“存史、资政、
    团结、育人”社会功能。专委会加强对各界别的联系和指导……

(the text from 政协文史馆 on repeats the end of an earlier paragraph; the sentence that began
with 由主席会议成员 is lost)

Right: restore the sentence and delete the pasted passage.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from zzlint.diagnostic import Finding, RelatedSpan, Severity
from zzlint.document import Document, Paragraph
from zzlint.repeats import Run, check_scope, paragraph_key, repeated_runs, scopes
from zzlint.rule import Rule

#: A run that covers this share of a paragraph covers all of it.
WHOLE_PARAGRAPH = 0.9
SENTENCE_END = re.compile(r"[。！？!?]")
OPENING_QUOTES, CLOSING_QUOTES = "“「『《", "”」』》"
FORMULA_COUNT = 3
FORMULA_PREFIX = 20
TRAILING = re.compile(r"[\s。！？!?.…”’」』）)》〉；;，,]*$")
WORD_WINDOW = 12


@dataclass(frozen=True)
class Options:
    min_length: int = 50
    scope: str = "article"

    def __post_init__(self) -> None:
        check_scope(self.scope)


class RepeatedPassage(Rule):
    __doc__ = __doc__
    name = "repeated-passage"
    severity = Severity.ERROR
    Options = Options

    def check(self, doc: Document) -> Iterator[Finding]:
        for group in scopes(doc, self.options.scope == "document"):
            for run in repeated_runs(group, doc.folded, self.options.min_length):
                earlier = doc.paragraph_at(run.earlier)
                later = doc.paragraph_at(run.later)
                if earlier is None or later is None or _by_design(doc, run, earlier, later):
                    continue
                copy, source = ((run.earlier, run.later) if len(earlier.text) > len(later.text)
                                else (run.later, run.earlier))
                column = doc.position(source)[1]
                yield Finding(
                    copy, copy + run.length,
                    f"{run.length} characters repeat the passage at {doc.place(source)}, column {column}: "
                    "pasted text? the sentence before it may be cut off",
                    (RelatedSpan(source, "the passage also stands here"),))


def _by_design(doc: Document, run: Run, earlier: Paragraph, later: Paragraph) -> bool:
    """Repeats that are not accidents (see the rule's documentation)."""
    text = doc.text
    covers = [run.length >= WHOLE_PARAGRAPH * len(paragraph_key(doc, p)) for p in (earlier, later)]
    if all(covers):
        return True
    if any(c and not SENTENCE_END.search(p.text) for c, p in zip(covers, (earlier, later))):
        return True
    if _quoted(text, earlier, run.earlier) or _quoted(text, later, run.later):
        return True
    prefix = doc.folded[run.later:run.later + FORMULA_PREFIX]
    if doc.folded.count(prefix) >= FORMULA_COUNT:
        return True
    if not (_ends(text, earlier, run.earlier + run.length) and _ends(text, later, run.later + run.length)):
        return True
    copy = run.earlier if len(earlier.text) > len(later.text) else run.later
    return not _at_word_boundary(text, copy)


def _ends(text: str, paragraph: Paragraph, offset: int) -> bool:
    return TRAILING.fullmatch(text, offset, paragraph.end) is not None


def _at_word_boundary(text: str, offset: int) -> bool:
    from zzlint.lexicon import word_boundaries

    start = max(0, offset - WORD_WINDOW)
    return offset - start in word_boundaries(text[start:offset + WORD_WINDOW])


def _quoted(text: str, paragraph: Paragraph, offset: int) -> bool:
    before = text[paragraph.start:offset]
    return sum(map(before.count, OPENING_QUOTES)) > sum(map(before.count, CLOSING_QUOTES))
