"""Readers turn a file into a Document. Each module here handles some suffixes.

A reader module defines ``SUFFIXES`` (lower-case, with the dot) and
``read(data: bytes, path: str, encoding: str | None) -> Document``. A new module is picked up
without any change here. A module with ``REFUSED = True`` names formats that are found in
folders only to be refused with an error (see ``unsupported``). Which module reads which suffix
is kept per machine (``zzlint.usercache``), derived from the modules' files: importing every
reader to learn its suffixes took 4 ms of a one-file check that needs one of them.
"""
from __future__ import annotations

import importlib
import os
import stat
from functools import lru_cache
from pathlib import Path
from types import ModuleType

from zzlint import usercache
from zzlint.document import Document
from zzlint.i18n import _
from zzlint.packages import module_names

#: Larger files are refused rather than read: a file this size is an export or a disk image,
#: not a draft, and its text would not fit the memory of several workers.
MAX_FILE_BYTES = 128 * 2**20


class ReadError(OSError):
    """A file that cannot be read or decoded; the message is one line for the user."""


@lru_cache(maxsize=1)
def _readers() -> dict[str, tuple[str, bool]]:
    """Suffix to the name of the module that reads it and whether that module refuses it."""
    stamps = []
    for name in module_names(__path__):
        try:
            status = os.stat(Path(__path__[0]) / f"{name}.py")
            stamps.append(f"{name}\0{status.st_mtime_ns}\0{status.st_size}")
        except OSError:
            stamps.append(name)
    return usercache.derived("readers", f"{__path__[0]}\n" + "\n".join(stamps), _scan_readers)


def _scan_readers() -> dict[str, tuple[str, bool]]:
    by_suffix: dict[str, tuple[str, bool]] = {}
    for name in module_names(__path__):
        module = importlib.import_module(f"{__name__}.{name}")
        for suffix in getattr(module, "SUFFIXES", ()):
            by_suffix[suffix] = (name, bool(getattr(module, "REFUSED", False)))
    return by_suffix


def lintable_suffixes() -> frozenset[str]:
    """The suffixes a folder is searched for: the formats zzlint reads and those it refuses."""
    return frozenset(s for s in _readers() if s != "")


def readable_suffixes() -> frozenset[str]:
    return frozenset(s for s, (_module, refused) in _readers().items() if s != "" and not refused)


def _reader(suffix: str) -> ModuleType:
    name, _refused = _readers().get(suffix) or _readers()[""]
    return importlib.import_module(f"{__name__}.{name}")


def read_bytes(data: bytes, path: str, encoding: str | None = None) -> Document:
    return _reader(suffix(path)).read(data, path, encoding)


def suffix(path: str) -> str:
    """``Path(path).suffix.lower()``, without building a Path for every file read or found."""
    name = os.path.basename(path)
    dot = name.rfind(".")
    return name[dot:].lower() if 0 < dot < len(name) - 1 else ""


def read_file(path: Path, display: str | None = None) -> bytes:
    """The bytes of a regular file. A FIFO, a device or a socket is refused without being
    read (opening does not wait for a writer), and so is a file over MAX_FILE_BYTES."""
    name = display or os.fsencode(path).decode("utf-8", "replace")
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise ReadError(_("{path}: no such file").format(path=name)) from None
    except OSError as exc:
        raise ReadError(_("{path}: cannot read: {reason}").format(path=name, reason=exc.strerror or exc)) from None
    try:
        status = os.fstat(descriptor)
        mode = status.st_mode
        if stat.S_ISDIR(mode):
            raise ReadError(_("{path}: is a directory").format(path=name))
        if not stat.S_ISREG(mode):
            raise ReadError(_("{path}: not a regular file ({kind}); only regular files are read").format(
                path=name, kind=_file_kind(mode)))
        try:
            data = _read_all(descriptor, status.st_size)
        except OSError as exc:
            raise ReadError(_("{path}: cannot read: {reason}").format(path=name, reason=exc.strerror or exc)) from None
    finally:
        os.close(descriptor)
    if len(data) > MAX_FILE_BYTES:
        raise ReadError(_("{path}: larger than {limit} MiB, the most zzlint reads").format(path=name, limit=MAX_FILE_BYTES >> 20))
    return data


def _read_all(descriptor: int, size: int) -> bytes:
    """The file's bytes, up to MAX_FILE_BYTES + 1, read straight from its descriptor (a buffered
    file object costs more than the read of a small file). The first read is sized by the file:
    one of MAX_FILE_BYTES would allocate that much for every file. Reading goes on when that
    read was short, or when the file grew since or its size is not its length."""
    parts = [os.read(descriptor, min(size, MAX_FILE_BYTES) + 1)]
    total = len(parts[0])
    while parts[-1] and total != size and total <= MAX_FILE_BYTES:
        parts.append(os.read(descriptor, MAX_FILE_BYTES + 1 - total))
        total += len(parts[-1])
    return parts[0] if len(parts) == 1 else b"".join(parts)


def _file_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return _("a named pipe")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return _("a device")
    if stat.S_ISSOCK(mode):
        return _("a socket")
    return _("not a file")
