"""Regular expressions compiled when first used, and only for a text they can match.

Python's ``re`` takes some 5 ms to compile a class of Chinese characters (it marks the 28,000
code points one by one), and the rule modules and packs define a hundred patterns: compiled
eagerly, they were a quarter of the start-up of ``zzlint check`` on one paragraph, most of them
for text a clean draft never reaches. ``lazy(pattern)`` compiles on first use and from then on
hands out the compiled pattern's own methods, so a call costs what it costs on a compiled
pattern.

Most patterns cannot match without one of a few characters (``截止(目前|今日)`` needs 截, a
full-width digit rule needs one of ０-９). Before it is compiled, a lazy pattern asked to search
a text that holds none of its required characters answers "no match" without compiling: on one
short paragraph most patterns are never compiled. The required characters are read from the
pattern's parse tree (``required_characters``); a construct it does not know means "no such
set", and the pattern is compiled and run as before.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

try:
    from re import _parser as _sre
except ImportError:  # Python 3.10
    import sre_parse as _sre  # type: ignore[no-redef]

_DELEGATED = ("match", "fullmatch", "search", "finditer", "findall", "sub", "subn", "split",
              "pattern", "flags", "groups", "groupindex")

#: A larger set of required characters is not worth testing a text against.
MAX_REQUIRED = 32

#: What each method returns for a text in which the pattern cannot match.
_NO_MATCH: dict[str, Callable[..., Any]] = {
    "match": lambda string, *_: None,
    "fullmatch": lambda string, *_: None,
    "search": lambda string, *_: None,
    "finditer": lambda string, *_: iter(()),
    "findall": lambda string, *_: [],
    "sub": lambda repl, string, *_, **__: string,
    "subn": lambda repl, string, *_, **__: (string, 0),
    "split": lambda string, *_, **__: [string],
}
#: The position of the searched text among each method's arguments.
_TEXT_ARGUMENT = {"sub": 1, "subn": 1}


class LazyPattern:
    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._source = (pattern, flags)
        self._required: str | None | bool = False  # False: not derived yet
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
            self._compiled = re.compile(*self._source)
            for delegated in _DELEGATED:
                setattr(self, delegated, getattr(self._compiled, delegated))
        return self._compiled

    def _guarded(self, name: str) -> Callable[..., Any]:
        """``name`` answering "no match" for a text without the required characters."""
        if self._required is False:
            self._required = required_characters(*self._source)
        required = self._required
        if required is None:
            return getattr(self._compile(), name)
        position = _TEXT_ARGUMENT.get(name, 0)

        def call(*args: Any, **kwargs: Any) -> Any:
            text = args[position] if len(args) > position else kwargs.get("string")
            if self._compiled is None and isinstance(text, str) and not any(c in text for c in required):
                return _NO_MATCH[name](*args, **kwargs)
            return getattr(self._compile(), name)(*args, **kwargs)

        setattr(self, name, call)
        return call


def lazy(pattern: str, flags: int = 0) -> re.Pattern[str]:
    return LazyPattern(pattern, flags)  # type: ignore[return-value]


def required_characters(pattern: str, flags: int = 0) -> str | None:
    """Characters one of which every text the pattern matches in contains, or None when the
    pattern has no small such set or uses a construct this does not know."""
    try:
        parsed = _sre.parse(pattern, flags)
        if parsed.state.flags & (re.IGNORECASE | re.LOCALE):
            return None
        found = _sequence(list(parsed))
    except Exception:  # noqa: BLE001 - anything unexpected: no prefilter, the pattern just runs
        return None
    return "".join(sorted(found)) if found else None


def _sequence(items: list[Any]) -> frozenset[str] | None:
    """Every item must match: the smallest set any one of them requires."""
    sets = [s for s in map(_item, items) if s]
    return min(sets, key=len) if sets else None


def _item(item: tuple[Any, Any]) -> frozenset[str] | None:
    op, av = item
    if op is _sre.LITERAL:
        return frozenset(chr(av))
    if op is _sre.IN:
        return _character_class(av)
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, getattr(_sre, "POSSESSIVE_REPEAT", None)):
        low, _high, body = av
        return _sequence(list(body)) if low >= 1 else None
    if op is _sre.SUBPATTERN:
        _group, add_flags, _del_flags, body = av
        return None if add_flags & (re.IGNORECASE | re.LOCALE) else _sequence(list(body))
    if op is getattr(_sre, "ATOMIC_GROUP", None) or op is _sre.ASSERT:
        body = av[1] if op is _sre.ASSERT else av
        return _sequence(list(body))
    if op is _sre.BRANCH:
        return _branch(av[1])
    return None


def _branch(alternatives: list[Any]) -> frozenset[str] | None:
    union: set[str] = set()
    for alternative in alternatives:
        found = _sequence(list(alternative))
        if not found:
            return None
        union |= found
    return frozenset(union) if len(union) <= MAX_REQUIRED else None


def _character_class(members: list[tuple[Any, Any]]) -> frozenset[str] | None:
    characters: set[str] = set()
    for op, av in members:
        if op is _sre.LITERAL:
            characters.add(chr(av))
        elif op is _sre.RANGE and av[1] - av[0] < MAX_REQUIRED:
            characters.update(map(chr, range(av[0], av[1] + 1)))
        else:
            return None
    return frozenset(characters) if 0 < len(characters) <= MAX_REQUIRED else None
