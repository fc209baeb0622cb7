"""Which files a run lints: named files as they are, folders searched for lintable suffixes,
skipping hidden folders and the ``exclude`` patterns (gitignore syntax) of the config in force."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING
from pathlib import Path

from zzlint.config import Resolver, Settings
from zzlint.readers import lintable_suffixes, readable_suffixes

if TYPE_CHECKING:
    import pathspec

SKIPPED_FOLDERS = frozenset({"node_modules", "__pycache__", "site-packages"})


@dataclass
class Collected:
    files: list[Path] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@lru_cache(maxsize=256)
def _spec(patterns: tuple[str, ...]) -> "pathspec.GitIgnoreSpec":
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(patterns)


def is_excluded(path: Path, settings: Settings) -> bool:
    if not settings.exclude:
        return False
    try:
        relative = path.resolve().relative_to(settings.root.resolve())
    except ValueError:
        return False
    suffix = "/" if path.is_dir() else ""
    return _spec(settings.exclude).match_file(relative.as_posix() + suffix)


def _walk(folder: Path, resolver: Resolver) -> list[Path]:
    suffixes = lintable_suffixes()
    found: list[Path] = []
    for current, dirs, names in os.walk(folder):
        here = Path(current)
        settings = resolver.for_folder(here)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIPPED_FOLDERS
                         and not is_excluded(here / d, resolver.for_folder(here / d)))
        for name in sorted(names):
            path = here / name
            if path.suffix.lower() in suffixes and not is_excluded(path, settings):
                found.append(path)
    return found


def collect(paths: list[str], resolver: Resolver) -> Collected:
    result = Collected()
    for name in paths:
        path = Path(name)
        if path.is_dir():
            files = _walk(path, resolver)
            if not files:
                wanted = ", ".join(sorted(readable_suffixes()))
                result.errors.append(f"{name}: no files to lint here ({wanted})")
            result.files.extend(files)
        elif path.exists():
            result.files.append(path)
        else:
            result.errors.append(f"{name}: no such file or directory")
    return result
