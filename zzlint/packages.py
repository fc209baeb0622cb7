"""The modules of a package folder, found without importing them (the built-in rules, the readers)."""
from __future__ import annotations

import importlib.machinery
import os
from collections.abc import Iterable


def module_names(folders: Iterable[str]) -> list[str]:
    """The names of the modules in ``folders``, in order, as pkgutil.iter_modules names them,
    less subpackages: pkgutil imports inspect, with ast, dis and tokenize, to tell them, a tenth
    of a one-paragraph check's start."""
    suffixes = importlib.machinery.all_suffixes()
    names = set()
    for folder in folders:
        for entry in os.listdir(folder):
            stem, dot, suffix = entry.partition(".")
            if dot and f".{suffix}" in suffixes and stem.isidentifier() and stem != "__init__":
                names.add(stem)
    return sorted(names)
