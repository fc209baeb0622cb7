"""Character classes of Chinese text shared by the rules."""
from __future__ import annotations

import re
from functools import cache
from itertools import islice, product
from math import prod

from zzlint.lazyre import lazy

HAN_RANGES = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
NON_HAN_RUN = lazy(f"[^{HAN_RANGES}]+")


def han_count(text: str) -> int:
    return len(NON_HAN_RUN.sub("", text))


def han_at_least(text: str, count: int) -> bool:
    """Whether ``text`` holds ``count`` Chinese characters or more: one match that stops at the
    ``count``-th, with no copy of the text made (a paragraph of Chinese prose reaches it early)."""
    return _han_at_least(count).match(text) is not None


@cache
def _han_at_least(count: int) -> re.Pattern[str]:
    # The two classes are disjoint, so a failing match gives back each run once: linear time.
    return lazy(f"(?:[^{HAN_RANGES}]*[{HAN_RANGES}]){{{count}}}")


#: One-to-one: full-width ASCII forms and the ideographic space fold to ASCII, so offsets survive.
NARROW = {chr(wide): chr(wide - 0xFEE0) for wide in range(0xFF01, 0xFF5F)} | {"\u3000": " "}
WIDE = {narrow: wide for wide, narrow in NARROW.items()}
#: The characters that fold, and those they fold to (all of ASCII's printable ones and the space).
FULL_WIDTH = lazy("[\uff01-\uff5e\u3000]")
HALF_WIDTH = lazy("[ -~]")


#: fold works through a large text in pieces of this many characters, each small enough to stay
#: in the processor's cache through all of its replacements.
FOLD_PIECE = 1 << 15


def fold(text: str) -> str:
    """Fold punctuation, digit and letter width, keeping every offset."""
    if len(text) <= FOLD_PIECE:
        return _fold_piece(text)
    return "".join([_fold_piece(text[at:at + FOLD_PIECE]) for at in range(0, len(text), FOLD_PIECE)])


def _fold_piece(text: str) -> str:
    """One ``str.replace`` per full-width character the text holds, found in one regex pass:
    ``str.translate`` looks every character of a Chinese text up in the table, five times slower
    on a large text, and asking for each of the 95 full-width characters whether the text holds
    it costs more than the fold of a paragraph."""
    for wide in set(FULL_WIDTH.findall(text)):
        text = text.replace(wide, NARROW[wide])
    return text


#: A literal with more spellings than this is matched through character classes.
MAX_SPELLINGS = 64


def any_width(literal: str) -> list[str]:
    """Alternatives of a pattern that matches a text where ``fold(text)`` holds ``fold(literal)``,
    so that the text is searched without folding it: each spelling of the literal, with each
    character that has a full-width form in either width. The regex engine skips ahead to the
    first characters of an alternation of plain strings, not of character classes (a tenth of
    the time on a story); a literal of more than MAX_SPELLINGS spellings is one alternative of
    character classes."""
    choices = [(ch, WIDE[ch]) if ch in WIDE else (ch,) for ch in fold(literal)]
    if prod(map(len, choices)) > MAX_SPELLINGS:
        return ["".join(f"[{re.escape(ch)}{WIDE[ch]}]" if ch in WIDE else re.escape(ch) for ch in fold(literal))]
    return [re.escape("".join(spelling)) for spelling in product(*choices)]


def folded_count(text: str, folded: str, enough: int) -> int:
    """``fold(text).count(folded)``, counted up to ``enough``, without folding the text: the
    longest stretch of ``folded`` that has no full-width form is looked for as it is, and each
    place it stands is folded and compared (a full-width form of it cannot be there)."""
    anchor = max(HALF_WIDTH.split(folded), key=len)
    if not anchor:
        return len(list(islice(re.finditer("|".join(any_width(folded)), text), enough)))
    offset, count, free_from = folded.index(anchor), 0, 0
    at = text.find(anchor, offset)
    while at >= 0 and count < enough:
        start = at - offset
        if start >= free_from and fold(text[start:start + len(folded)]) == folded:
            count += 1
            free_from = start + len(folded)
        at = text.find(anchor, at + 1)
    return count
