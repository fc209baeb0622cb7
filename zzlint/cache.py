"""Findings cached per file, keyed on what decides them, so an unchanged archive re-lints fast.

An entry's key hashes the file's bytes and its displayed path, never its time stamp: a fresh
CI checkout still hits, and a file edited during a run, or edited with its size kept and its
modification time put back, is never served stale. Hashing is cheap beside linting (SHA-256 runs
at hundreds of MB a second). Entries live in one index file per settings digest, which hashes
the selected rules with their options, severities and accept lists, the contents of every rule
pack (and of the files a vocabulary imports), the language of the messages and its catalogue, the
zzlint version and zzlint's own code (so a development build never serves findings of an older
one). The main process loads an index once, looks every file up before any worker starts, and
saves the new entries at the end of the run with an atomic rename: runs sharing a folder can
lose each other's new entries, never corrupt them. An index that is unreadable, truncated or of
the wrong shape is treated as empty, and rewritten by the next save.
"""
from __future__ import annotations

import hashlib
import json
import os
from functools import lru_cache
from pathlib import Path

from zzlint import __version__, i18n, packs, vocabulary
from zzlint.diagnostic import Diagnostic, Related, Severity
from zzlint.i18n import _
from zzlint.rule import Rule


@lru_cache(maxsize=1)
def _code_digest() -> str:
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


@lru_cache(maxsize=16)
def _packs_digest(extra: tuple[Path, ...]) -> str:
    digest = hashlib.sha256()
    for pack in packs.pack_files(extra):
        for path in vocabulary.files_read(pack):
            digest.update(str(path).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


@lru_cache(maxsize=64)
def _settings_digest(rules: tuple[Rule, ...], severities: tuple[tuple[str, Severity], ...],
                     extra_packs: tuple[Path, ...], accepted: tuple[tuple[str, tuple[str, ...]], ...],
                     language: str) -> str:
    configured = dict(severities)
    chosen = [(rule.name, repr(rule.options), str(configured.get(rule.name, ""))) for rule in rules]
    parts = (__version__, _code_digest(), repr(chosen), _packs_digest(extra_packs), repr(accepted),
             i18n.catalogue_digest(language))
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def settings_digest(rules: list[Rule], severities: dict[str, Severity], extra_packs: tuple[Path, ...],
                    accepted: tuple[tuple[str, tuple[str, ...]], ...]) -> str:
    """The digest of what decides a file's findings besides its content (``accepted``: each
    rule's accept list; the language of their messages and its catalogue)."""
    return _settings_digest(tuple(rules), tuple(sorted(severities.items())), extra_packs, accepted, i18n.language())


def file_key(data: bytes, display: str) -> str:
    digest = hashlib.sha256(display.encode("utf-8", "surrogateescape") + b"\0")
    digest.update(data)
    return digest.hexdigest()


def _encode(diagnostic: Diagnostic) -> dict[str, object]:
    payload = diagnostic._asdict()
    payload["severity"] = diagnostic.severity.name
    payload["related"] = [r._asdict() for r in diagnostic.related]
    return payload


_INTEGERS = ("line", "column", "end_line", "end_column", "start", "end")


def _decode(payload: dict) -> Diagnostic:  # type: ignore[type-arg]
    """A cached diagnostic; TypeError or KeyError for anything but what ``_encode`` wrote."""
    fields = dict(payload)
    fields["severity"] = Severity[fields["severity"]]
    fields["related"] = tuple(Related(**r) for r in fields["related"])
    if not all(type(fields[name]) is int for name in _INTEGERS):
        raise TypeError("a position is not an integer")
    return Diagnostic(**fields)


class Cache:
    """The indexes of one cache folder, loaded on first use and saved by ``save``.

    A folder zzlint cannot use (no permission, a full disk) does not stop the run: the files
    are linted without the cache, and ``problem`` says why for the user."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.problem: str | None = None
        self._indexes: dict[str, dict[str, dict[str, object]]] = {}
        self._changed: set[str] = set()

    def _index(self, digest: str) -> dict[str, dict[str, object]]:
        if digest not in self._indexes:
            self._indexes[digest] = {"entries": self._read_entries(self.folder / f"{digest}.json")}
        return self._indexes[digest]

    def _read_entries(self, path: Path) -> dict[str, object]:
        try:
            loaded = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except OSError as exc:
            self._fail(exc)
            return {}
        except ValueError:
            return {}
        entries = loaded.get("entries") if isinstance(loaded, dict) else None
        return entries if isinstance(entries, dict) else {}

    def load(self, digest: str, key: str) -> tuple[list[Diagnostic], int] | None:
        entry = self._index(digest)["entries"].get(key)
        try:
            return [_decode(d) for d in entry["diagnostics"]], int(entry["characters"])  # type: ignore[index]
        except (KeyError, TypeError, ValueError, AttributeError):
            return None

    def store(self, digest: str, key: str, diagnostics: list[Diagnostic], characters: int) -> None:
        self._index(digest)["entries"][key] = {
            "characters": characters, "diagnostics": [_encode(d) for d in diagnostics]}
        self._changed.add(digest)

    def save(self) -> None:
        if self.problem:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            _tag(self.folder)
            for digest in self._changed:
                temporary = self.folder / f".{digest}.{os.getpid()}.tmp"
                with open(temporary, "w", encoding="utf-8") as stream:
                    json.dump(self._indexes[digest], stream, ensure_ascii=False)
                os.replace(temporary, self.folder / f"{digest}.json")
        except OSError as exc:
            self._fail(exc)
            return
        self._changed.clear()

    def _fail(self, exc: OSError) -> None:
        self.problem = self.problem or _("cache folder {folder} cannot be used ({reason}); "
                                         "linted without the cache").format(
            folder=os.fsencode(self.folder).decode("utf-8", "replace"), reason=exc.strerror or exc)


def _tag(folder: Path) -> None:
    """Keep the cache out of version control."""
    ignore = folder / ".gitignore"
    if not ignore.exists():
        ignore.write_text("*\n", encoding="utf-8")
