"""Character classes of Chinese text shared by the rules."""
from __future__ import annotations

from zzlint.lazyre import lazy

HAN_RANGES = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
NON_HAN_RUN = lazy(f"[^{HAN_RANGES}]+")


def han_count(text: str) -> int:
    return len(NON_HAN_RUN.sub("", text))


def han_at_least(text: str, count: int) -> bool:
    """Whether ``text`` holds ``count`` Chinese characters or more. A paragraph of Chinese
    prose holds them within its first ``2 * count`` characters, so most of it is not counted."""
    return han_count(text[:2 * count]) >= count or han_count(text) >= count


#: One-to-one: full-width ASCII forms and the ideographic space fold to ASCII, so offsets survive.
WIDTH_FOLD = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
WIDTH_PAIRS = tuple((chr(wide), chr(narrow)) for wide, narrow in WIDTH_FOLD.items())


#: fold works through a large text in pieces of this many characters, each small enough to stay
#: in the processor's cache through all of its replacements.
FOLD_PIECE = 1 << 15


def fold(text: str) -> str:
    """Fold punctuation, digit and letter width, keeping every offset."""
    if len(text) <= FOLD_PIECE:
        return _fold_piece(text)
    return "".join([_fold_piece(text[at:at + FOLD_PIECE]) for at in range(0, len(text), FOLD_PIECE)])


def _fold_piece(text: str) -> str:
    """One ``str.replace`` per full-width character the text holds: ``str.translate`` looks every
    character of a Chinese text up in the table, five times slower on a large text."""
    for wide, narrow in WIDTH_PAIRS:
        if wide in text:
            text = text.replace(wide, narrow)
    return text
