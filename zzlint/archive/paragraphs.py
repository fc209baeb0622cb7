"""Which paragraphs of a document the archive indexes, and the key two paragraphs must share.

This is the one place the archive depends on the repeat rules: it indexes exactly the
paragraphs ``repeated-paragraph`` compares (its exemptions and its option defaults) under the
same normalised key, and applies its list-item exemption to a near match. Unlike a repeat
inside one file, which is an accident only when the copies differ by single characters, a
story printed again is often lightly edited: any near match at the threshold counts, for
paragraphs long enough (NEAR_MIN_HAN Chinese characters) that a near match is no formula.
"""
from __future__ import annotations

from dataclasses import dataclass

from zzlint.document import Document, Paragraph
from zzlint.repeats import Entry, Match
from zzlint.rules.repeated_paragraph import Options, RepeatedParagraph, differ_in_numbers_and_titles
from zzlint.text import han_count

#: The rapidfuzz ratio (per cent) at which two keys are the same paragraph, nearly.
THRESHOLD = Options().threshold
#: Shorter paragraphs match only exactly: near matches among them are set sentences.
NEAR_MIN_HAN = 60


@dataclass(frozen=True)
class Indexed:
    """A paragraph worth comparing: ``near`` is False for one short enough to match only exactly."""

    paragraph: Paragraph
    key: str
    near: bool


def indexed_paragraphs(doc: Document) -> list[Indexed]:
    """The paragraphs of ``doc`` the archive records or looks up, in document order."""
    rule = RepeatedParagraph()
    found = []
    for paragraph in doc.paragraphs:
        entry = rule._entry(0, paragraph)
        if entry is not None:
            found.append(Indexed(paragraph, entry.key, han_count(paragraph.text) >= NEAR_MIN_HAN))
    return found


#: The repeat rules compare entries of documents; two archived keys have no paragraph to show.
_NO_PARAGRAPH = Paragraph(0, 0, 0, "", False)


def reportable(later_key: str, earlier_key: str, similarity: float) -> bool:
    """Whether a match is a repeat rather than two items of one list (numbers and titles apart)."""
    earlier = Entry(1, _NO_PARAGRAPH, earlier_key)
    later = Entry(0, _NO_PARAGRAPH, later_key)
    return not differ_in_numbers_and_titles(Match(later, earlier, similarity))


def settings() -> dict[str, object]:
    """What decides which paragraphs are indexed, recorded in an index for the reader's benefit."""
    defaults = Options()
    return {"min-han": defaults.min_han, "min-han-near": NEAR_MIN_HAN,
            "threshold": defaults.threshold}


def near_similarity(later_key: str, earlier_key: str, threshold: float = THRESHOLD) -> float:
    """The similarity (per cent) of a reportable near repeat, or 0 when it is none."""
    from rapidfuzz import fuzz

    score = fuzz.ratio(later_key, earlier_key, score_cutoff=threshold)
    return score if score and reportable(later_key, earlier_key, score) else 0.0
