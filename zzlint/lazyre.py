"""Regular expressions compiled when first used.

Python's ``re`` takes some 5 ms to compile a class of Chinese characters (it marks the 28,000
code points one by one), and the rule modules define dozens of patterns at import: compiled
eagerly, they were a quarter of the start-up of ``zzlint check`` on one paragraph, most of them
for text a clean draft never reaches. ``lazy(pattern)`` compiles on first use and from then on
hands out the compiled pattern's own methods, so a call costs what it costs on a compiled
pattern.
"""
from __future__ import annotations

import re
from typing import Any

_DELEGATED = ("match", "fullmatch", "search", "finditer", "findall", "sub", "subn", "split",
              "pattern", "flags", "groups", "groupindex")


class LazyPattern:
    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._source = (pattern, flags)

    def __getattr__(self, name: str) -> Any:
        """Called only while the pattern is not compiled (later, the instance has the names)."""
        if name.startswith("__"):
            raise AttributeError(name)
        compiled = re.compile(*self._source)
        for delegated in _DELEGATED:
            setattr(self, delegated, getattr(compiled, delegated))
        return getattr(compiled, name)


def lazy(pattern: str, flags: int = 0) -> re.Pattern[str]:
    return LazyPattern(pattern, flags)  # type: ignore[return-value]
