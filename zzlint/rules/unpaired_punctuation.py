"""Quotation marks and brackets that do not balance within a paragraph (GB/T 15834 §4.1, 4.7–4.9).

“” ‘’ 「」 『』 《》 〈〉 （） 〔〕 【】 ［］ each open and close within the paragraph. A lost
closing mark swallows the rest of the paragraph; a stray one is usually a typo for the opening
mark. Half- and full-width parentheses count as one kind, and a pair of mixed width is reported.

GB/T 15834's rule for a quotation that runs over several paragraphs is respected: each of its
paragraphs opens with “ and only the last one closes. Such a quotation is introduced: its “
opens the paragraph or follows a colon (他说：“…), and the paragraphs that continue it quote
text, not a term: a paragraph opening with a quoted term (“十四五”期间…) continues nothing. A “
opened mid-sentence (开展“书香满城读书月活动…) that the paragraph does not close is reported
even when the next paragraph happens to open with “. A mark opened in one paragraph and closed
in one of the next three is taken as a quotation set over several lines, not as a lost mark.

A second “ inside an open “ is reported as a closing mark typed the wrong way round, and a
straight quote (") or half-width parenthesis that closes a full-width mark as a mixed pair.
List labels with a right bracket only (``1）``, ``a)``), apostrophes in Latin words (China’s)
and in abbreviated years (’98) are not reported.

Wrong::

    他说：“明天再议。

Right::

    他说：“明天再议。”
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from zzlint.diagnostic import Finding, RelatedSpan, Severity
from zzlint.document import Document, Paragraph
from zzlint.i18n import _
from zzlint.lazyre import lazy
from zzlint.rule import Rule

PAIRS = {"“": "”", "‘": "’", "「": "」", "『": "』", "《": "》", "〈": "〉", "（": "）",
         "(": ")", "〔": "〕", "【": "】", "［": "］"}
CLOSING = {close: open_ for open_, close in PAIRS.items()}
#: Half-width marks that may close a full-width opener, which is then reported as a mixed pair.
HALF_WIDTH_CLOSERS = {")": "（", "）": "(", '"': "“", "'": "‘"}
SAME_FACE_QUOTES = "“‘"
MARKS = lazy("[" + re.escape("".join(PAIRS) + "".join(CLOSING) + "\"'") + "]")
#: What stands before a list label's right bracket (1）, a）) in its paragraph: checked only for
#: a stray closer.
LIST_LABEL_BEFORE = lazy(r"(?:^|[\s：:；;。，,])(?:[0-9]{1,2}|[a-zA-Z]|[一二三四五六七八九十]{1,3}|[①-⑳])$")
#: What may stand right before the “ of a quotation that runs on into the next paragraph.
INTRODUCES_QUOTATION = ("：", ":")
#: What stands before the ” that closes quoted text (。” ，”), as opposed to a quoted term (“五一”).
ENDS_QUOTED_TEXT = "。！？!?…，,；;：:、—"

ITEM_AFTER_QUOTE = lazy(r"[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、]|[一二三四五六七八九十]+、")
LATIN = lazy(r"[A-Za-z]")
DIGIT = lazy(r"[0-9０-９]")
CARRY_PARAGRAPHS = 3


class Opener(NamedTuple):
    mark: str
    offset: int
    paragraph: int
    #: Opens the paragraph or follows a colon: may run on into paragraphs that open with “.
    introduced: bool = False


class UnpairedPunctuation(Rule):
    __doc__ = __doc__
    name = "unpaired-punctuation"
    severity = Severity.ERROR
    cost = 0.02

    def check(self, doc: Document) -> Iterator[Finding]:
        paragraphs = doc.paragraphs
        stacks: dict[str, list[Opener]] = {}
        text = doc.text
        for index, paragraph in enumerate(paragraphs):
            if MARKS.search(text, paragraph.start, paragraph.end):  # most paragraphs have none
                yield from self._scan(text, paragraph, stacks)
            if any(stacks.values()):
                following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
                yield from self._expire(stacks, index, following)
        for stack in stacks.values():
            yield from (_unclosed(o) for o in stack)

    def _scan(self, text: str, paragraph: Paragraph, stacks: dict[str, list[Opener]]) -> Iterator[Finding]:
        for match in MARKS.finditer(text, paragraph.start, paragraph.end):
            mark, at = match.group(), match.start()
            if mark in "‘’'" and _is_apostrophe(text, at):
                continue
            # One finding at most per mark, returned, not yielded: a generator for each mark
            # was most of the rule's time.
            found = (self._open(text, mark, at, paragraph, stacks) if mark in PAIRS
                     else self._close(text, mark, at, paragraph.start, stacks))
            if found is not None:
                yield found

    @staticmethod
    def _open(text: str, mark: str, at: int, paragraph: Paragraph,
              stacks: dict[str, list[Opener]]) -> Finding | None:
        stack = stacks.setdefault(_family(mark), [])
        before = text[max(paragraph.start, at - 3):at].rstrip(" \u3000")
        introduced = at == paragraph.start or before[-1:] in INTRODUCES_QUOTATION
        if mark in SAME_FACE_QUOTES and stack and stack[-1].mark == mark:
            previous = stack.pop()
            if previous.paragraph != paragraph.index:
                stack.append(Opener(mark, at, paragraph.index, introduced))
                return _unclosed(previous)
            if ITEM_AFTER_QUOTE.match(text, at + 1):
                stack.append(Opener(mark, at, paragraph.index, previous.introduced))
                return None
            message = _("{mark} where {closing} was expected: it closes the {mark} opened "
                        "before it").format(mark=mark, closing=PAIRS[mark])
            return Finding(at, at + 1, message, (RelatedSpan(previous.offset, _opens_here(mark)),))
        stack.append(Opener(mark, at, paragraph.index, introduced))
        return None

    @staticmethod
    def _close(text: str, mark: str, at: int, paragraph_start: int,
               stacks: dict[str, list[Opener]]) -> Finding | None:
        opener = CLOSING.get(mark) or HALF_WIDTH_CLOSERS[mark]
        stack = stacks.get(_family(opener))
        if stack:
            opened = stack.pop()
            if PAIRS[opened.mark] == mark:
                return None
            message = _("{opening} is closed by {mark}: the two marks of a pair must be of the "
                        "same width").format(opening=opened.mark, mark=mark)
            return Finding(at, at + 1, message, (RelatedSpan(opened.offset, _opens_here(opened.mark)),))
        if mark in CLOSING and not (mark in ")）" and _list_label(text, paragraph_start, at)):
            return Finding(at, at + 1, _("unmatched {mark}: no {opening} opens it").format(
                mark=mark, opening=CLOSING[mark]))
        return None

    @staticmethod
    def _expire(stacks: dict[str, list[Opener]], index: int,
                following: Paragraph | None) -> Iterator[Finding]:
        """Drop openers that a later paragraph can no longer close, reporting them."""
        for family, stack in stacks.items():
            if not stack:
                continue
            continues = family == "“" and following is not None and _continues_quotation(following.text)
            keep = []
            for opener in stack:
                if continues and opener.mark == "“" and opener.introduced and opener.paragraph == index:
                    continue
                if index - opener.paragraph >= CARRY_PARAGRAPHS or following is None:
                    yield _unclosed(opener)
                else:
                    keep.append(opener)
            stack[:] = keep


def _continues_quotation(text: str) -> bool:
    """Whether a paragraph opens the way a paragraph of a multi-paragraph quotation does: with
    a “ that quoted text closes, or that the paragraph leaves open."""
    if not text.startswith("“"):
        return False
    depth = 0
    for at in range(1, len(text)):
        if text[at] == "“":
            depth += 1
        elif text[at] == "”":
            if depth == 0:
                return text[at - 1] in ENDS_QUOTED_TEXT
            depth -= 1
    return True


def _list_label(text: str, paragraph_start: int, at: int) -> bool:
    """Whether a right bracket ends a list label such as 1） at its paragraph's start or after
    a space or punctuation. The four characters before it hold a label and what precedes it; the
    search runs on them alone, so that ^ is the paragraph's start, never a line's."""
    return LIST_LABEL_BEFORE.search(text[max(paragraph_start, at - 4):at]) is not None


def _family(mark: str) -> str:
    return "（" if mark in "(（" else mark


def _unclosed(opener: Opener) -> Finding:
    return Finding(opener.offset, opener.offset + 1, _("unclosed {mark}: no {closing} closes it").format(
        mark=opener.mark, closing=PAIRS[opener.mark]))


def _opens_here(mark: str) -> str:
    return _("{mark} opens here").format(mark=mark)


def _is_apostrophe(text: str, at: int) -> bool:
    before = text[at - 1] if at else ""
    after = text[at + 1] if at + 1 < len(text) else ""
    if text[at] in "’'" and DIGIT.match(after):
        return True
    return bool(LATIN.match(before)) and (not after or bool(LATIN.match(after)) or after in " ,.")
