"""Readers turn a file into a Document. Each module here handles some suffixes.

A reader module defines ``SUFFIXES`` (lower-case, with the dot) and
``read(data: bytes, path: str, encoding: str | None) -> Document``. A new module is picked up
without any change here. A module with ``REFUSED = True`` names formats that are found in
folders only to be refused with an error (see ``unsupported``).
"""
from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache
from pathlib import Path
from types import ModuleType

from zzlint.document import Document


class ReadError(OSError):
    """A file that cannot be read or decoded; the message is one line for the user."""


@lru_cache(maxsize=1)
def _readers() -> dict[str, ModuleType]:
    by_suffix: dict[str, ModuleType] = {}
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        for suffix in getattr(module, "SUFFIXES", ()):
            by_suffix[suffix] = module
    return by_suffix


def lintable_suffixes() -> frozenset[str]:
    """The suffixes a folder is searched for: the formats zzlint reads and those it refuses."""
    return frozenset(s for s in _readers() if s != "")


def readable_suffixes() -> frozenset[str]:
    return frozenset(s for s, module in _readers().items() if s != "" and not getattr(module, "REFUSED", False))


def read_bytes(data: bytes, path: str, encoding: str | None = None) -> Document:
    reader = _readers().get(Path(path).suffix.lower()) or _readers()[""]
    return reader.read(data, path, encoding)


def read_file(path: Path, display: str | None = None) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise ReadError(f"{display or path}: no such file") from None
    except IsADirectoryError:
        raise ReadError(f"{display or path}: is a directory") from None
    except OSError as exc:
        raise ReadError(f"{display or path}: cannot read: {exc.strerror or exc}") from None

