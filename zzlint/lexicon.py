"""jieba's Chinese lexicon, loaded on first use and once per process (it takes about a second)."""
from __future__ import annotations

import logging
from functools import lru_cache


@lru_cache(maxsize=1)
def _tokenizer():  # type: ignore[no-untyped-def]
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer


def word_boundaries(text: str) -> set[int]:
    """Offsets in ``text`` where jieba's segmentation puts a word boundary (0 and len included)."""
    boundaries = {0}
    position = 0
    for word in _tokenizer().cut(text, HMM=False):
        position += len(word)
        boundaries.add(position)
    return boundaries


def is_word(text: str) -> bool:
    """Whether jieba's dictionary has ``text`` as a word (not merely as a prefix of one)."""
    return _tokenizer().FREQ.get(text, 0) > 0
