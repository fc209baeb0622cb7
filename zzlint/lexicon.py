"""jieba's Chinese dictionary, loaded on first use and once per process.

Two ways in: ``words_with`` reads jieba's ``dict.txt`` directly and keeps only the words that
contain given characters (a fraction of a second and a few MB, where building jieba's tokenizer
takes a second and some 80 MB); ``word_boundaries`` and ``cohesion`` use jieba's tokenizer
itself, for a short text or a word at a time.
"""
from __future__ import annotations

import importlib.util
import logging
import math
import re
from functools import lru_cache
from pathlib import Path


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


def word_across(text: str, offset: int) -> tuple[str, str] | None:
    """The word of jieba's segmentation of ``text`` that runs across ``offset``, as its parts
    before and after ``offset``, if one does."""
    position = 0
    for word in _tokenizer().cut(text, HMM=False):
        if position < offset < position + len(word):
            return word[:offset - position], word[offset - position:]
        position += len(word)
    return None


def is_word(text: str) -> bool:
    """Whether ``text`` is a word of jieba's dictionary."""
    return bool(_tokenizer().FREQ.get(text))


def _dictionary_file() -> Path:
    spec = importlib.util.find_spec("jieba")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("jieba is not installed")
    return Path(spec.origin).with_name("dict.txt")


@lru_cache(maxsize=8)
def words_with(characters: str) -> frozenset[str]:
    """The words of jieba's dictionary (frequency above 0) that contain one of ``characters``."""
    pattern = re.compile(rf"(\S*[{re.escape(characters)}]\S*) (\d+)")
    with _dictionary_file().open(encoding="utf-8") as lines:
        matches = (pattern.match(line) for line in lines)
        return frozenset(m.group(1) for m in matches if m and m.group(2) != "0")


def cohesion(first: str, second: str) -> float | None:
    """How strongly ``first + second`` holds together as one word: log10 of its dictionary
    probability over the product of the probabilities of its two parts (a part that is no word
    counts once). None when ``first + second`` is no word of the dictionary."""
    tokenizer = _tokenizer()
    frequency = tokenizer.FREQ
    joined = frequency.get(first + second, 0)
    if not joined:
        return None
    parts = (frequency.get(first, 0) or 1) * (frequency.get(second, 0) or 1)
    return math.log10(joined * tokenizer.total / parts)
