"""A long passage that occurs twice in a file: a splice of copied text.

When a passage is pasted into the wrong place, the sentence before it is usually cut off and the
pasted text repeats the end of another paragraph. zzlint finds every run of at least
``min-length`` characters (after folding full-width forms to half-width) that occurs twice,
where the two paragraphs are not simply repeats of each other (that is repeated-paragraph), and
reports it on the copy, from the first character that repeats, with ``related`` at the source.
Paragraphs are compared over the whole file, or within each story of a file that holds many
issues (``scope`` as for repeated-paragraph).

The junction tells the copy from the source and an accident from a formula. In the source the
passage follows on from the text before it; at the splice a sentence is cut off and joined to
the copy. So when a word of the dictionary (jieba's) runs across the start of one occurrence
(违|法行为) and not across the other (临时管制实施期|法行为), the other one is a splice,
reported even when the passage is a formula that the file repeats. Otherwise the later
occurrence is taken for the copy.

Without a cut-off word at the junction, only a passage that ends both paragraphs (a splice
replaces the end of the paragraph it lands in) is reported, and these repeat by design and
stay silent: a passage quoted (“…”, 《…》) at either place, such as a law article cited and
then printed; a heading repeated in the story's first paragraph; a passage that starts a
sentence at both places (a speech quoted by the report beside it); formula passages that
end in the same words three or more times in the file (a penalty clause of a law, a list of
decrees, disciplinary notices, set political phrases).

Parallel sentences are silent in every case: two articles of a law ending in the same clause
(给献血者健康造成损害的… beside 给患者健康造成损害的…) or two decrees of a list lead to
their shared passage with alike text (the 24 characters before it at least 50 per cent
similar, or the whole of their paragraphs before it at least 35 per cent), where a splice joins
unrelated text.

Wrong::

    ……街道组织志愿者每周走访辖区独居老人，了解他们就医、购物等方面的实际困联合社区卫生服务中心开展
    健康义诊和慢性病随访，为行动不便的老人上门建立健康档案，让居民不出社区就能看上专家门诊。

(the text from 联合社区卫生服务中心 on repeats the end of an earlier paragraph; the sentence
that began with 了解他们 is cut off at 实际困)

Right: restore the sentence and delete the pasted passage.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, NamedTuple

from zzlint.diagnostic import Finding, RelatedSpan, Severity
from zzlint.document import Document, Paragraph
from zzlint.i18n import N_, _
from zzlint.lazyre import lazy
from zzlint.repeats import Run, check_scope, paragraph_key, repeated_runs, scopes
from zzlint.rule import Rule
from zzlint.text import HAN_RANGES, fold, folded_count, han_count

#: A run that covers this share of a paragraph covers all of it.
WHOLE_PARAGRAPH = 0.9
SENTENCE_END = lazy(r"[。！？!?]")
#: What ends the sentence before a passage (a clause of its own ends at a semicolon too, and a
#: quotation starts after 他说，).
SENTENCE_BREAK = lazy(r"[。！？!?；;]|(?:说|指出|表示|强调|认为)[，,：:]|讲话中")
QUOTE_PAIRS = {"“": "”", "「": "」", "『": "』", "《": "》"}
QUOTE_MARK = lazy(f"[{''.join(QUOTE_PAIRS)}{''.join(QUOTE_PAIRS.values())}]")
FORMULA_COUNT = 3
#: A passage is a formula when its last FORMULA_ENDING characters stand FORMULA_COUNT times in the
#: file: the end of a formula is what every use of it shares.
FORMULA_ENDING = 30
TRAILING = lazy(r"[\s。！？!?.…”’」』）)》〉；;，,]*$")
WORD_WINDOW = 6
HAN = lazy(f"[{HAN_RANGES}]")
#: A passage that starts at most this far into a sentence at both places is a quoted sentence
#: (我|代表… in the speech, 江泽民在讲话中|代表… in the report).
SENTENCE_OPENING = 1
#: Parallel sentences (two articles of a law, two decrees of a list) lead to the shared passage
#: with alike text: the CONTEXT characters before it are at least PARALLEL per cent similar, or
#: all of their paragraphs before it at least PARALLEL_PARAGRAPHS per cent (text of unrelated
#: paragraphs, joined by a splice, scores 10 to 30).
CONTEXT, PARALLEL, PARALLEL_PARAGRAPHS = 24, 50, 35


class Options(NamedTuple):
    min_length: Annotated[int, N_("Shortest passage reported, in characters.")] = 50
    scope: Annotated[str, N_("As the scope of repeated-paragraph.")] = "auto"

    def validate(self) -> None:
        check_scope(self.scope)


class Occurrence(NamedTuple):
    """Where one of the two copies of a run stands."""

    start: int
    paragraph: Paragraph
    sentence_start: int

    @property
    def distance(self) -> int:
        """How far into its sentence the passage starts."""
        return self.start - self.sentence_start


class RepeatedPassage(Rule):
    __doc__ = __doc__
    name = "repeated-passage"
    severity = Severity.ERROR
    Options = Options
    cost = 0.05
    shares = ("lexicon",)

    def check(self, doc: Document) -> Iterator[Finding]:
        for run in repeated_runs(scopes(doc, self.options.scope), self.options.min_length):
            finding = _splice(doc, run)
            if finding is not None:
                yield finding


def _splice(doc: Document, run: Run) -> Finding | None:
    earlier_paragraph, later_paragraph = doc.paragraph_at(run.earlier), doc.paragraph_at(run.later)
    if earlier_paragraph is None or later_paragraph is None:
        return None
    if _repeats_whole_paragraph(run, earlier_paragraph, later_paragraph):
        return None
    earlier = _occurrence(doc, run.earlier, earlier_paragraph)
    later = _occurrence(doc, run.later, later_paragraph)
    text = doc.text
    if _quoted(text, earlier, later, run.length) or _parallel(text, earlier, later):
        return None
    # Segmenting costs more than the other tests together: a run that no word cut can make a
    # splice and that repeats by design is let go before it.
    cut_off = (_cut_off(text, earlier, run.length), _cut_off(text, later, run.length))
    if not any(cut_off) and _by_design(doc, run, earlier, later):
        return None
    across = (_word_across(text, earlier), _word_across(text, later))
    if any(cut_off) and not _cuts_a_word(across, cut_off) and _by_design(doc, run, earlier, later):
        return None
    copy, source = _copy_and_source(earlier, later, across)
    column = doc.position(source.start)[1]
    return Finding(
        copy.start, copy.start + run.length,
        _("{length} characters repeat the passage at {place}, column {column}: "
          "pasted text? the sentence before it may be cut off").format(
            length=run.length, place=doc.place(source.start), column=column),
        (RelatedSpan(source.start, _("the passage also stands here")),))


def _occurrence(doc: Document, start: int, paragraph: Paragraph) -> Occurrence:
    text = doc.text
    breaks = [m.end() for m in SENTENCE_BREAK.finditer(text, paragraph.start, start)]
    return Occurrence(start, paragraph, breaks[-1] if breaks else paragraph.start)


def _word_across(text: str, occurrence: Occurrence) -> bool:
    """Whether one word of Chinese characters (jieba's segmentation) runs across the start of
    ``occurrence`` (违|法行为), so that the text before it and the passage belong together. A
    compound of two words that meet there (北京|人民大会堂) does not count: either part stands
    on its own."""
    from zzlint.lexicon import is_word, word_across

    paragraph, offset = occurrence.paragraph, occurrence.start
    if offset == paragraph.start:
        return False
    start = max(paragraph.start, offset - WORD_WINDOW)
    parts = word_across(text[start:min(paragraph.end, offset + WORD_WINDOW)], offset - start)
    if parts is None or han_count("".join(parts)) != len("".join(parts)):
        return False
    head, tail = parts
    return not (len(head) >= 2 and len(tail) >= 2 and is_word(head) and is_word(tail))


def _cuts_a_word(across: tuple[bool, bool], cut_off: tuple[bool, bool]) -> bool:
    """A word runs across the start of one occurrence and the other is a sentence cut off
    (see ``_cut_off``): a splice, whatever it copied. Each pair tells the earlier occurrence,
    then the later."""
    return across[0] != across[1] and cut_off[1 if across[0] else 0]


def _cut_off(text: str, occurrence: Occurrence, length: int) -> bool:
    """The passage starts between two Chinese characters and ends its paragraph."""
    return (HAN.match(text, occurrence.start - 1) is not None and HAN.match(text, occurrence.start) is not None
            and _ends(text, occurrence, length))


def _copy_and_source(earlier: Occurrence, later: Occurrence,
                     across: tuple[bool, bool]) -> tuple[Occurrence, Occurrence]:
    """The copy is the earlier occurrence when a word runs across the later one's start and
    not across its own, else the later one."""
    return (earlier, later) if across == (False, True) else (later, earlier)


def _repeats_whole_paragraph(run: Run, *paragraphs: Paragraph) -> bool:
    """Both paragraphs are the passage (repeated-paragraph's finding), or one is a heading the
    other repeats."""
    covers = [run.length >= WHOLE_PARAGRAPH * len(paragraph_key(p)) for p in paragraphs]
    return all(covers) or any(c and not SENTENCE_END.search(p.text) for c, p in zip(covers, paragraphs))


def _parallel(text: str, earlier: Occurrence, later: Occurrence) -> bool:
    from rapidfuzz import fuzz

    before = [fold(text[max(o.paragraph.start, o.start - CONTEXT):o.start]) for o in (earlier, later)]
    if min(map(len, before)) >= CONTEXT // 2 and fuzz.ratio(*before) >= PARALLEL:
        return True
    return fuzz.ratio(*(fold(text[o.paragraph.start:o.start]) for o in (earlier, later))) >= PARALLEL_PARAGRAPHS


def _by_design(doc: Document, run: Run, earlier: Occurrence, later: Occurrence) -> bool:
    """Repeats that are not accidents (see the rule's documentation)."""
    text = doc.text
    if not (_ends(text, earlier, run.length) and _ends(text, later, run.length)):
        return True
    if earlier.distance <= SENTENCE_OPENING and later.distance <= SENTENCE_OPENING:
        return True
    end = run.later + run.length
    ending = fold(text[max(run.later, end - FORMULA_ENDING):end])
    return folded_count(text, ending, FORMULA_COUNT) >= FORMULA_COUNT


def _ends(text: str, occurrence: Occurrence, length: int) -> bool:
    return TRAILING.fullmatch(text, occurrence.start + length, occurrence.paragraph.end) is not None


def _quoted(text: str, earlier: Occurrence, later: Occurrence, length: int) -> bool:
    return any(_inside_quotation(text, o.paragraph, o.start, o.start + length) for o in (earlier, later))


def _inside_quotation(text: str, paragraph: Paragraph, start: int, end: int) -> bool:
    """Whether [start, end) lies inside a quotation or title that opens before it and closes
    at or after its end."""
    depth: list[str] = []
    for found in QUOTE_MARK.finditer(text, paragraph.start, start):
        mark = found.group()
        if mark in QUOTE_PAIRS:
            depth.append(QUOTE_PAIRS[mark])
        elif depth and mark == depth[-1]:
            depth.pop()
    return bool(depth) and text.find(depth[-1], start, paragraph.end) >= end - 1
