"""Output formats. Each module here is a format named after the module (``text``, ``json`` ...)
and defines ``render(report: Report) -> str``."""
from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass, field
from functools import lru_cache
from types import ModuleType

from zzlint.diagnostic import Diagnostic
from zzlint.rule import Rule


@dataclass
class Report:
    diagnostics: list[Diagnostic]
    rules: dict[str, type[Rule]] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)
    characters: int = 0
    #: Whether a format for terminals may colour its output (ANSI escapes).
    color: bool = False


@lru_cache(maxsize=1)
def formats() -> dict[str, ModuleType]:
    return {info.name: importlib.import_module(f"{__name__}.{info.name}")
            for info in pkgutil.iter_modules(__path__) if not info.name.startswith("_")}


def render(name: str, report: Report) -> str:
    return formats()[name].render(report)
