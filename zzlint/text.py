"""Character classes of Chinese text shared by the rules."""
from __future__ import annotations

import re

HAN_RANGES = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
HAN = f"[{HAN_RANGES}]"
HAN_RE = re.compile(HAN)

#: Marks that can end a sentence, and the closing marks that may follow them.
SENTENCE_END = "。！？!?…"
CLOSERS = "”’」』）)】〕》〉\"'"


def is_han(ch: str) -> bool:
    return bool(ch) and HAN_RE.match(ch) is not None


def han_count(text: str) -> int:
    return len(HAN_RE.findall(text))
