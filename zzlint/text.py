"""Character classes of Chinese text shared by the rules."""
from __future__ import annotations

import re

HAN_RANGES = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
NON_HAN_RUN = re.compile(f"[^{HAN_RANGES}]+")


def han_count(text: str) -> int:
    return len(NON_HAN_RUN.sub("", text))


#: One-to-one: full-width ASCII forms and the ideographic space fold to ASCII, so offsets survive.
WIDTH_FOLD = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def fold(text: str) -> str:
    """Fold punctuation, digit and letter width, keeping every offset."""
    return text.translate(WIDTH_FOLD)
