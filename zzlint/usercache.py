"""Files zzlint derives once per machine and reuses in every run: jieba's dictionary in compact
form, the plug-ins and the file readers installed, the rule packs and configs parsed, the
compiled programs and required strings of the lazy patterns (``zzlint.lazyre``). They live in the user's cache
folder (``$XDG_CACHE_HOME/zzlint``, else ``~/.cache/zzlint``), or in the temporary folder when
that cannot be written. Each file says what it was derived from, so a stale file is never read;
a folder that cannot be written is no error (the file is derived again next time).
"""
from __future__ import annotations

import marshal
import os
import sys
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def folders() -> Iterator[Path]:
    """The user's cache folder, then the temporary folder (looked up only when needed)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    yield Path(base) / "zzlint"
    import tempfile

    yield Path(tempfile.gettempdir()) / "zzlint"


def read(name: str) -> bytes | None:
    for folder in folders():
        try:
            return (folder / name).read_bytes()
        except OSError:
            continue
    return None


def write(name: str, data: bytes) -> None:
    """Written to a temporary file and renamed, so that a reader never sees half of it."""
    for folder in folders():
        try:
            folder.mkdir(parents=True, exist_ok=True)
            temporary = folder / f".{name}.{os.getpid()}.tmp"
            temporary.write_bytes(data)
            os.replace(temporary, folder / name)
            return
        except OSError:
            continue


def derived(kind: str, source: str, derive: Callable[[], T]) -> T:
    """``derive()``, a value marshal can store that depends only on ``source``, kept in a file
    named after ``kind`` and a checksum of ``source``. The file holds ``source`` too and is used
    only when that is ``source``, so a checksum shared by two sources never serves the wrong
    value. A value marshal cannot store is derived every time."""
    name = f"{kind}-{sys.version_info[0]}.{sys.version_info[1]}-{zlib.crc32(source.encode('utf-8', 'surrogateescape')):08x}.marshal"
    cached = read(name)
    if cached is not None:
        try:
            derived_from, value = marshal.loads(cached)
        except (EOFError, ValueError, TypeError):
            derived_from = value = None
        if derived_from == source:
            return value  # type: ignore[no-any-return]
    value = derive()
    try:
        write(name, marshal.dumps((source, value)))
    except ValueError:
        pass
    return value
