"""Regular expressions compiled when first used, and only for a text they can match.

Python's ``re`` takes some 5 ms to compile a class of Chinese characters (it marks the 28,000
code points one by one), and the rule modules and packs define a hundred patterns: compiled
eagerly, they were a quarter of the start-up of ``zzlint check`` on one paragraph, most of them
for text a clean draft never reaches. ``lazy(pattern)`` compiles on first use and from then on
hands out the compiled pattern's own methods, so a call costs what it costs on a compiled
pattern.

Most patterns cannot match without one of a few strings (``截止(目前|今日)`` needs 截止, a
full-width digit rule one of ０-９, ``。{3,}`` needs 。。。). Before it is compiled, a lazy pattern
asked to search a text that holds none of its required strings answers "no match" without
compiling: on one short paragraph most patterns are never compiled. The required strings are
read from the pattern's parse tree (``required_text``); a construct it does not know means "no
such set", and the pattern is compiled and run as before. A caller that searches each document
once (a pack's pattern rule) asks ``may_match`` first, also once the pattern is compiled: on a
short document a search costs several times what looking for a string or two costs.

Parsing the patterns for their required strings took 5 ms of each start-up, and compiling the
few a paragraph needs 15 ms more: both are kept per machine (``zzlint.usercache``), for each
pattern and flags, and derived again whenever Python or this module changes. A compiled pattern
is kept as the program ``re`` builds for it and hands to its engine (``_sre.compile``); a program
the engine refuses is compiled again from the pattern.
"""
from __future__ import annotations

import atexit
import marshal
import os
import re
import sys
import zlib
from collections.abc import Callable, Iterator
from typing import Any

import _sre

from zzlint import usercache

try:
    from re import _parser as _sre_parse
    from re._compiler import _code
except ImportError:  # Python 3.10
    import sre_parse as _sre_parse  # type: ignore[no-redef]
    from sre_compile import _code  # type: ignore[no-redef]

_DELEGATED = ("match", "fullmatch", "search", "finditer", "findall", "sub", "subn", "split",
              "pattern", "flags", "groups", "groupindex")

#: A larger set of required strings is not worth testing a text against.
MAX_REQUIRED = 32
#: The file that keeps the required strings and programs of the patterns seen on this machine,
#: and how many patterns it keeps at most (a user's packs come and go; beyond this it starts afresh).
REMEMBERED_FILE = "patterns-{derived_from:08x}.marshal"
MAX_REMEMBERED = 10_000

Required = tuple[str, ...] | None
#: What ``_sre.compile`` takes besides the pattern: flags, code, groups, group index, index group.
Program = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]
Key = tuple[str, int]

#: What each method returns for a text in which the pattern cannot match.
_NO_MATCH: dict[str, Callable[..., Any]] = {
    "match": lambda string, *_, **__: None,
    "fullmatch": lambda string, *_, **__: None,
    "search": lambda string, *_, **__: None,
    "finditer": lambda string, *_, **__: iter(()),
    "findall": lambda string, *_, **__: [],
    "sub": lambda repl, string, *_, **__: string,
    "subn": lambda repl, string, *_, **__: (string, 0),
    "split": lambda string, *_, **__: [string],
}
#: The methods that take ``pos`` and ``endpos`` after the text.
_WINDOWED = frozenset({"match", "fullmatch", "search", "finditer", "findall"})
#: The position of the searched text among each method's arguments.
_TEXT_ARGUMENT = {"sub": 1, "subn": 1}


class LazyPattern:
    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._source = (pattern, flags)
        self._required: tuple[str, ...] | None | bool = False  # False: not derived yet
        self._compiled: re.Pattern[str] | None = None

    def __getattr__(self, name: str) -> Any:
        """Called only while the pattern is not compiled (later, the instance has the names)."""
        if name.startswith("__"):
            raise AttributeError(name)
        if name in _NO_MATCH:
            return self._guarded(name)
        return getattr(self._compile(), name)

    def _compile(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = _remembered.compiled(*self._source)
            for delegated in _DELEGATED:
                setattr(self, delegated, getattr(self._compiled, delegated))
        return self._compiled

    def may_match(self, text: str) -> bool:
        """False when ``text`` holds none of the strings every match needs, compiled or not: a
        caller that searches each document once asks this first, since a search of a short text
        costs several times what looking for a string or two in it costs."""
        required = self._needles()
        return required is None or holds_any(text, required)

    def _needles(self) -> Required:
        if self._required is False:
            self._required = _remembered.required(*self._source)
        return self._required  # type: ignore[return-value]

    def _guarded(self, name: str) -> Callable[..., Any]:
        """``name`` answering "no match" for a text without the required strings."""
        required = self._needles()
        if required is None:
            return getattr(self._compile(), name)
        position = _TEXT_ARGUMENT.get(name, 0)

        def call(*args: Any, **kwargs: Any) -> Any:
            text = args[position] if len(args) > position else kwargs.get("string")
            if (self._compiled is None and isinstance(text, str)
                    and not holds_any(text, required, *_window(name, args, kwargs))):
                return _NO_MATCH[name](*args, **kwargs)
            return getattr(self._compile(), name)(*args, **kwargs)

        setattr(self, name, call)
        return call


def _window(name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[int, int]:
    """The part of the text a call reads: ``pos`` to ``endpos`` for the methods that take them.
    Looking for the required strings there alone keeps a pass over a text's paragraphs, each
    searched with ``pos`` and ``endpos``, linear in the text."""
    if name not in _WINDOWED:
        return 0, sys.maxsize
    pos = args[1] if len(args) > 1 else kwargs.get("pos", 0)
    endpos = args[2] if len(args) > 2 else kwargs.get("endpos", sys.maxsize)
    return max(pos, 0), endpos


def holds_any(text: str, needles: tuple[str, ...], start: int = 0, end: int = sys.maxsize) -> bool:
    """Whether ``text[start:end]`` holds one of ``needles`` (none of them empty). A loop, not
    any() over a generator: this is asked of every pack rule for every document, and per
    paragraph. In a whole text, a needle's first character is looked for first: a search for one
    character costs a fifth of one for two in Chinese text, and most needles are absent."""
    if start == 0 and end >= len(text):
        for needle in needles:
            if needle[0] in text and (len(needle) == 1 or needle in text):
                return True
        return False
    for needle in needles:
        if text.find(needle, start, end) >= 0:
            return True
    return False


def lazy(pattern: str, flags: int = 0) -> re.Pattern[str]:
    return LazyPattern(pattern, flags)  # type: ignore[return-value]


def required_of(pattern: re.Pattern[str]) -> Required:
    """The strings one of which every match of a lazy pattern needs (see ``required_text``);
    None for a pattern compiled otherwise."""
    return pattern._needles() if isinstance(pattern, LazyPattern) else None


def may_match(pattern: re.Pattern[str], text: str) -> bool:
    """Whether ``pattern`` may match in ``text``: False only for a lazy pattern whose required
    strings ``text`` lacks."""
    return pattern.may_match(text) if isinstance(pattern, LazyPattern) else True


class _Remembered:
    """The required strings and the program of each pattern, read from the user cache on first
    use; what was not there is derived and the cache written once, when the process ends."""

    def __init__(self) -> None:
        self.loaded = False
        self.required_of: dict[Key, Required] = {}
        self.program_of: dict[Key, Program] = {}
        self.learned = False

    def required(self, pattern: str, flags: int = 0) -> Required:
        key = self._key(pattern, flags)
        if key not in self.required_of:
            self.required_of[key] = required_text(pattern, flags)
            self._learn()
        return self.required_of[key]

    def compiled(self, pattern: str, flags: int = 0) -> re.Pattern[str]:
        key = self._key(pattern, flags)
        program = self.program_of.get(key)
        if program is not None:
            try:
                return _sre.compile(pattern, *program)  # type: ignore[no-any-return]
            except Exception:  # noqa: BLE001 - a program this Python refuses: compiled from the pattern
                pass
        try:
            compiled, self.program_of[key] = _compile_program(pattern, key[1])
        except Exception:  # noqa: BLE001 - re itself says what is wrong with the pattern
            return re.compile(pattern, flags)
        self._learn()
        return compiled

    def _key(self, pattern: str, flags: int) -> Key:
        if not self.loaded:
            self.loaded = True
            self._read()
        return pattern, int(flags)  # a RegexFlag is no value marshal can store

    def _learn(self) -> None:
        if not self.learned:
            self.learned = True
            atexit.register(self._write)

    @staticmethod
    def _derived_from() -> str:
        """What the kept values depend on: the version of Python (its regex parser and engine)
        and this module."""
        mine = os.stat(__file__)
        return f"{sys.version}\0{mine.st_mtime_ns}\0{mine.st_size}"

    def _file(self) -> str:
        """Named after what it was derived from: two installations on a machine keep a file each."""
        return REMEMBERED_FILE.format(derived_from=zlib.crc32(self._derived_from().encode()))

    def _read(self) -> None:
        data = usercache.read(self._file())
        try:
            derived_from, required_of, program_of = marshal.loads(data) if data is not None else (None, {}, {})
        except (EOFError, ValueError, TypeError):
            return
        if derived_from == self._derived_from() and isinstance(required_of, dict) and isinstance(program_of, dict):
            self.required_of, self.program_of = required_of, program_of

    def _write(self) -> None:
        kept = (self.required_of, self.program_of) if len(self.required_of) + len(self.program_of) <= MAX_REMEMBERED \
            else ({}, {})
        try:
            usercache.write(self._file(), marshal.dumps((self._derived_from(), *kept)))
        except (OSError, ValueError):  # a module file gone, a pattern marshal cannot store: derived next time
            pass


def _compile_program(pattern: str, flags: int) -> tuple[re.Pattern[str], Program]:
    """The pattern compiled as ``re.compile`` does it, and the program it hands to the engine."""
    parsed = _sre_parse.parse(pattern, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    code = [int(word) for word in _code(parsed, flags)]  # its opcodes are an int subclass marshal cannot store
    program = (flags | parsed.state.flags, code, parsed.state.groups - 1, groupindex, tuple(indexgroup))
    return _sre.compile(pattern, *program), program


_remembered = _Remembered()


def required_text(pattern: str, flags: int = 0) -> Required:
    """Strings one of which every text the pattern matches in contains (``截止`` for
    ``截止(目前|今日)``), or None when the pattern has no small such set or uses a construct this
    does not know."""
    try:
        parsed = _sre_parse.parse(pattern, flags)
        if parsed.state.flags & (re.IGNORECASE | re.LOCALE):
            return None
        found = _sequence(list(parsed))
    except Exception:  # noqa: BLE001 - anything unexpected: no prefilter, the pattern just runs
        return None
    return tuple(sorted(found)) if found else None


Needles = frozenset[str]
#: Items that match no text of their own: the strings either side of them are adjacent.
_ZERO_WIDTH = (_sre_parse.AT, _sre_parse.ASSERT, _sre_parse.ASSERT_NOT)


def _sequence(items: list[Any]) -> Needles | None:
    """Every item must match: the best of what any one of them requires, or of the runs of
    fixed text they match side by side."""
    candidates = [s for s in map(_item, items) if s]
    candidates.extend(_doubled(items))
    run = ""
    for item in items:
        if item[0] in _ZERO_WIDTH:
            continue
        fixed = _fixed(item)
        if fixed is not None:
            run += fixed
            continue
        repeated = _repeated_prefix(item)
        if run:
            candidates.append(frozenset([run + (repeated or "")]))
        run = repeated or ""
    if run:
        candidates.append(frozenset([run]))
    return max(candidates, key=lambda needles: (min(map(len, needles)), -len(needles))) if candidates else None


def _fixed(item: tuple[Any, Any]) -> str | None:
    """The text an item always matches, when that is one fixed string."""
    op, av = item
    if op is _sre_parse.LITERAL:
        return chr(av)
    if op is _sre_parse.SUBPATTERN and not av[1] & (re.IGNORECASE | re.LOCALE):
        parts = [_fixed(i) for i in av[3] if i[0] not in _ZERO_WIDTH]
        return None if None in parts else "".join(parts)  # type: ignore[arg-type]
    if op in _REPEATS and av[0] == av[1]:
        body = _fixed((_sre_parse.SUBPATTERN, (None, 0, 0, av[2])))
        return None if body is None else body * av[0]
    return None


def _repeated_prefix(item: tuple[Any, Any]) -> str | None:
    """For a repeat of fixed text at least once, the text its every match starts and ends with."""
    op, av = item
    if op not in _REPEATS or av[0] < 1:
        return None
    body = _fixed((_sre_parse.SUBPATTERN, (None, 0, 0, av[2])))
    return None if not body else body * av[0]


_REPEATS = tuple(op for op in (_sre_parse.MAX_REPEAT, _sre_parse.MIN_REPEAT, getattr(_sre_parse, "POSSESSIVE_REPEAT", None)) if op)


def _doubled(items: list[Any]) -> Iterator[Needles]:
    """For a group of one character followed by a reference to it (``([，、])\\1+``), that
    character twice."""
    for (op, av), following in zip(items, items[1:]):
        if op is not _sre_parse.SUBPATTERN or av[0] is None or av[1] & (re.IGNORECASE | re.LOCALE) or len(av[3]) != 1:
            continue
        characters = _one_character(av[3][0])
        if characters and _refers_to(following, av[0]):
            yield frozenset(character * 2 for character in characters)


def _one_character(item: tuple[Any, Any]) -> Needles | None:
    """The characters an item of one character matches, when they are few."""
    op, av = item
    if op is _sre_parse.LITERAL:
        return frozenset(chr(av))
    return _character_class(av) if op is _sre_parse.IN else None


def _refers_to(item: tuple[Any, Any], group: int) -> bool:
    """Whether an item matches the text of ``group`` again, at least once."""
    op, av = item
    if op in _REPEATS and av[0] >= 1:
        return list(av[2]) == [(_sre_parse.GROUPREF, group)]
    return op is _sre_parse.GROUPREF and av == group


def _item(item: tuple[Any, Any]) -> Needles | None:
    op, av = item
    if op is _sre_parse.LITERAL:
        return frozenset(chr(av))
    if op is _sre_parse.IN:
        return _character_class(av)
    if op in _REPEATS:
        low, _high, body = av
        return _sequence(list(body)) if low >= 1 else None
    if op is _sre_parse.SUBPATTERN:
        _group, add_flags, _del_flags, body = av
        return None if add_flags & (re.IGNORECASE | re.LOCALE) else _sequence(list(body))
    if op is getattr(_sre_parse, "ATOMIC_GROUP", None) or op is _sre_parse.ASSERT:
        body = av[1] if op is _sre_parse.ASSERT else av
        return _sequence(list(body))
    if op is _sre_parse.BRANCH:
        return _branch(av[1])
    return None


def _branch(alternatives: list[Any]) -> Needles | None:
    union: set[str] = set()
    for alternative in alternatives:
        found = _sequence(list(alternative))
        if not found:
            return None
        union |= found
    return frozenset(union) if len(union) <= MAX_REQUIRED else None


def _character_class(members: list[tuple[Any, Any]]) -> Needles | None:
    characters: set[str] = set()
    for op, av in members:
        if op is _sre_parse.LITERAL:
            characters.add(chr(av))
        elif op is _sre_parse.RANGE and av[1] - av[0] < MAX_REQUIRED:
            characters.update(map(chr, range(av[0], av[1] + 1)))
        else:
            return None
    return frozenset(characters) if 0 < len(characters) <= MAX_REQUIRED else None
