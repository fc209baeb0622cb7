"""TOML: tomllib on Python 3.11+, the tomli backport before it, imported when first used; and
``loads_cached``, which parses a text once per machine."""
from __future__ import annotations

import sys
from types import ModuleType
from typing import Any

from zzlint import usercache

__all__ = ["loads_cached", "tomllib"]


def _tomllib() -> ModuleType:
    if sys.version_info >= (3, 11):
        import tomllib
    else:
        import tomli as tomllib
    return tomllib


def __getattr__(name: str) -> ModuleType:
    """``tomllib``, imported on first use: a run whose TOML is all cached never needs it."""
    if name != "tomllib":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return _tomllib()


def loads_cached(text: str) -> dict[str, Any]:
    """``tomllib.loads(text)``, kept in the user cache: parsing the built-in packs took a tenth
    of the start-up of a check of one paragraph, reading them back takes a millisecond. A text
    that is not valid TOML raises ``tomllib.TOMLDecodeError`` every time (nothing is cached)."""
    return usercache.derived("toml", text, lambda: _tomllib().loads(text))
