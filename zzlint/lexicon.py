"""jieba's Chinese dictionary, loaded on first use and once per process, in a compact form.

jieba's tokenizer starts by unpickling a prefix dictionary of half a million entries (a second
or two and some 80 MB), and ``import jieba`` pulls in pkg_resources (another 0.2 s). zzlint
segments a few thousand short windows at most, so it reads jieba's ``dict.txt`` once into a
compact cache file (a few MB, loaded in milliseconds; see ``zzlint.usercache``) and gives
jieba's own tokenizer the entries it looks up: jieba's segmentation, without jieba's start-up.
The cache is keyed on the dictionary file's size and time stamp, and rebuilt when it is
missing, stale or unreadable.

``word_boundaries`` and ``word_across`` segment a short text; ``is_word``, ``cohesion`` and
``joins_across`` look words up.
"""
from __future__ import annotations

import importlib.util
import math
import marshal
import sys
from array import array
from functools import lru_cache
from itertools import accumulate
from pathlib import Path
from types import ModuleType

from zzlint import usercache

#: Words of two characters or more are kept in this many buckets, by their first two characters:
#: enough that a bucket is searched in a microsecond.
BUCKETS = 1 << 13
#: Bumped when the cache file's layout changes.
CACHE_FORMAT = 3
#: Between entries of a bucket, and between a word and its frequency. Neither byte occurs in the
#: encoding of a character (ENCODING), so a match of ``ENTRY + word`` starts at an entry.
ENTRY, FREQUENCY = b"\x00", b"\x01"
#: How the buckets hold the words: two bytes for a Chinese character, one for a digit of a
#: frequency (a ``str`` of Chinese text takes two for each).
ENCODING = "gb18030"
#: Entries looked up and remembered, at most (a few MB); then they are forgotten and looked up again.
MAX_KNOWN = 50_000


def _bucket(word: str) -> int:
    return (ord(word[0]) * 40503 + ord(word[1])) & (BUCKETS - 1)


class Dictionary:
    """jieba's prefix dictionary as jieba's tokenizer reads it: ``word in d`` for every word and
    every prefix of a word, ``d[word]`` and ``d.get(word)`` its frequency (0 for a prefix that is
    no word).

    One-character entries are a dict; longer words are packed into buckets of entries
    ``\\x00word\\x01frequency``, all of them in one bytes object (the cache file as read), bucket
    ``i`` from ``starts[i]`` to ``starts[i + 1]``: a lookup is one short substring search, and
    loading copies nothing."""

    __slots__ = ("single", "packed", "starts", "total", "known", "absent")

    def __init__(self, single: dict[str, int], packed: bytes, starts: array[int], total: int) -> None:
        self.single = single
        self.packed = packed
        self.starts = starts
        self.total = total
        #: The entries looked up so far, as a plain dict: jieba's tokenizer reads this one.
        self.known: dict[str, int] = {}
        self.absent: set[str] = set()

    def learn(self, text: str) -> None:
        """Put into ``known`` every entry that jieba's segmentation of ``text`` looks up: from
        each position, the prefixes of words as far as they go. jieba then finds them in a
        plain dict, where a lookup costs a tenth of one through this class."""
        if len(self.known) + len(self.absent) > MAX_KNOWN:
            self.known.clear()
            self.absent.clear()
        known, absent = self.known, self.absent
        for start in range(len(text)):
            for end in range(start + 1, len(text) + 1):
                fragment = text[start:end]
                if fragment in known:
                    continue
                if fragment in absent:
                    break
                frequency = self.get(fragment)
                if frequency is None:
                    absent.add(fragment)
                    break
                known[fragment] = frequency

    def __contains__(self, text: str) -> bool:
        if len(text) == 1:
            return text in self.single
        return self.get(text) is not None

    def get(self, text: str, default: int | None = None) -> int | None:
        if len(text) == 1:
            return self.single.get(text, default)
        if len(text) == 0:
            return default
        try:
            word = text.encode(ENCODING)
        except UnicodeEncodeError:  # a lone surrogate: no word holds one
            return default
        bucket = _bucket(text)
        packed, high = self.packed, self.starts[bucket + 1]
        # Most texts looked up are no entry: one search tells, and finds the entry when the
        # text is a word or the start of one.
        at = packed.find(ENTRY + word, self.starts[bucket], high)
        if at < 0:
            return default
        end = at + 1 + len(word)
        if packed[end] != FREQUENCY[0]:  # the start of a longer word; the word may come later
            at = packed.find(ENTRY + word + FREQUENCY, end, high)
            if at < 0:
                return 0
            end = at + 1 + len(word)
        return int(packed[end + 1:packed.index(ENTRY, end + 1)])

    def __getitem__(self, text: str) -> int:
        found = self.get(text)
        if found is None:
            raise KeyError(text)
        return found


def _dictionary_file() -> Path:
    spec = importlib.util.find_spec("jieba")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("jieba is not installed")
    return Path(spec.origin).with_name("dict.txt")


def _parse(source: Path) -> bytes:
    """dict.txt read as jieba reads it (a later line of a word wins, every prefix of a word is
    an entry with frequency 0, and the total counts every line), in the cache file's layout."""
    frequencies: dict[str, int] = {}
    total = 0
    with source.open(encoding="utf-8") as lines:
        for line in lines:
            word, frequency = line.split(" ", 2)[:2]
            frequencies[word] = int(frequency)
            total += int(frequency)
    single: dict[str, int] = {}
    grouped: list[list[bytes]] = [[] for _ in range(BUCKETS)]
    for word, frequency in frequencies.items():
        single.setdefault(word[0], 0)
        if len(word) == 1:
            single[word] = frequency
        else:
            grouped[_bucket(word)].append(word.encode(ENCODING) + FREQUENCY + str(frequency).encode())
    buckets = [ENTRY + ENTRY.join(entries) + ENTRY if entries else b"" for entries in grouped]
    return _pack(single, buckets, total)


def _pack(single: dict[str, int], buckets: list[bytes], total: int) -> bytes:
    """The cache file: the buckets one after another, then the rest (marshal), then the length
    of the buckets (8 bytes), so that the file as read is the dictionary."""
    packed = b"".join(buckets)
    starts = array("q", accumulate(map(len, buckets), initial=0))
    return packed + marshal.dumps((single, starts.tobytes(), total)) + len(packed).to_bytes(8, "little")


def _cache_name(source: Path) -> str:
    status = source.stat()
    return f"jieba-dictionary-{CACHE_FORMAT}-{status.st_size}-{status.st_mtime_ns}.marshal"


def _unpack(data: bytes) -> Dictionary:
    """The dictionary in a cache file's bytes; ValueError if they are not one."""
    length = int.from_bytes(data[-8:], "little")
    try:
        loaded = marshal.loads(memoryview(data)[length:-8]) if length < len(data) - 8 else None
    except (EOFError, TypeError):
        loaded = None
    if not (isinstance(loaded, tuple) and len(loaded) == 3 and isinstance(loaded[0], dict)
            and isinstance(loaded[1], bytes) and isinstance(loaded[2], int)):
        raise ValueError("not a dictionary cache file")
    starts = array("q")
    starts.frombytes(loaded[1])  # ValueError when its length is not a whole number of items
    if len(starts) != BUCKETS + 1 or starts[-1] != length:
        raise ValueError("not a dictionary cache file")
    return Dictionary(loaded[0], data, starts, loaded[2])


@lru_cache(maxsize=1)
def dictionary() -> Dictionary:
    source = _dictionary_file()
    name = _cache_name(source)
    data = usercache.read(name)
    if data is not None:
        try:
            return _unpack(data)
        except ValueError:  # another layout, or a damaged file: made again
            pass
    data = _parse(source)
    usercache.write(name, data)
    return _unpack(data)


@lru_cache(maxsize=1)
def _tokenizer():  # type: ignore[no-untyped-def]
    """jieba's tokenizer over the entries of the compact dictionary looked up so far."""
    jieba = _import_jieba()
    tokenizer = jieba.Tokenizer()
    words = dictionary()
    tokenizer.FREQ, tokenizer.total, tokenizer.initialized = words.known, words.total, True
    return tokenizer


def _segment(text: str) -> list[str]:
    """jieba's segmentation of ``text`` (without its hidden Markov model for unknown words)."""
    tokenizer = _tokenizer()
    dictionary().learn(text)
    return list(tokenizer.cut(text, HMM=False))


def _import_jieba():  # type: ignore[no-untyped-def]
    """``import jieba`` without pkg_resources, which jieba imports only to open its own data
    files (0.2 s) and falls back from to a plain ``open`` when it is missing; zzlint opens no
    jieba data file through it. Nor is jieba's hidden Markov model for unknown words imported
    (``jieba.finalseg``: 45 ms and some 2 MB of probability tables): zzlint segments with
    ``HMM=False``, where jieba never calls it, so an empty module stands in for it."""
    if "jieba" in sys.modules or "pkg_resources" in sys.modules:
        import jieba

        return jieba
    sys.modules["pkg_resources"] = None  # type: ignore[assignment]
    stand_in = sys.modules.setdefault("jieba.finalseg", ModuleType("jieba.finalseg"))
    try:
        import jieba
    finally:
        del sys.modules["pkg_resources"]
        # gone again once jieba holds it: code that imports jieba.finalseg itself gets the real one
        if sys.modules.get("jieba.finalseg") is stand_in and not hasattr(stand_in, "cut"):
            del sys.modules["jieba.finalseg"]
    return jieba


def word_boundaries(text: str) -> set[int]:
    """Offsets in ``text`` where jieba's segmentation puts a word boundary (0 and len included)."""
    boundaries = {0}
    position = 0
    for word in _segment(text):
        position += len(word)
        boundaries.add(position)
    return boundaries


def word_across(text: str, offset: int) -> tuple[str, str] | None:
    """The word of jieba's segmentation of ``text`` that runs across ``offset``, as its parts
    before and after ``offset``, if one does."""
    position = 0
    for word in _segment(text):
        if position < offset < position + len(word):
            return word[:offset - position], word[offset - position:]
        position += len(word)
    return None


def joins_across(text: str, offset: int) -> bool:
    """Whether a word of the dictionary runs across ``offset`` in ``text``. When none does,
    jieba's segmentation of ``text`` has a word boundary at ``offset`` unless ASCII letters or
    digits stand on both sides: its segments are dictionary words, single characters and runs of
    ASCII letters and digits."""
    words = dictionary()
    for start in range(offset):
        for end in range(offset + 1, len(text) + 1):
            frequency = words.get(text[start:end])
            if frequency:
                return True
            if frequency is None:  # the start of no word
                break
    return False


def is_word(text: str) -> bool:
    """Whether ``text`` is a word of jieba's dictionary (with a frequency above 0)."""
    return bool(dictionary().get(text))


def cohesion(first: str, second: str) -> float | None:
    """How strongly ``first + second`` holds together as one word: log10 of its dictionary
    probability over the product of the probabilities of its two parts (a part that is no word
    counts once). None when ``first + second`` is no word of the dictionary."""
    words = dictionary()
    joined = words.get(first + second, 0)
    if not joined:
        return None
    parts = (words.get(first, 0) or 1) * (words.get(second, 0) or 1)
    return math.log10(joined * words.total / parts)
