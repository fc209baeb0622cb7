"""Files zzlint derives once per machine and reuses in every run: jieba's dictionary in compact
form, the plug-ins installed. They live in the user's cache folder (``$XDG_CACHE_HOME/zzlint``,
else ``~/.cache/zzlint``), or in the temporary folder when that cannot be written. Each name
says what the file was derived from, so a stale file is never read; a folder that cannot be
written is no error (the file is derived again next time).
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path


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
