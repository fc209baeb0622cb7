"""The archive index in one SQLite file: sources, their paragraphs, and LSH band keys.

Tables: ``meta`` (the format version, a generation counter bumped by every change, and the
parameters the index was built with), ``sources`` (one row per file: its absolute path and the
SHA-256 of its bytes), ``paragraphs`` (location, date, the key's exact-match digest, the key
itself for confirmation, and the MinHash signature of paragraphs long enough for near
matching) and ``bands`` (band key, paragraph), a WITHOUT ROWID table whose primary key is the
lookup index. A query costs one indexed lookup per digest and per band key, whatever the size of
the archive.
"""
from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from zzlint import __version__
from zzlint.archive import ArchiveError
from zzlint.archive import paragraphs as seam
from zzlint.archive import signature
from zzlint.i18n import _

#: The stored layout; an index of another format is refused with a clear error.
FORMAT = 1
SCHEMA = """
CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE sources (id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE, content TEXT NOT NULL);
CREATE TABLE paragraphs (
    id INTEGER PRIMARY KEY, source INTEGER NOT NULL REFERENCES sources(id),
    line INTEGER NOT NULL, column INTEGER NOT NULL, date TEXT,
    digest INTEGER NOT NULL, key TEXT NOT NULL, signature BLOB);
CREATE INDEX paragraphs_digest ON paragraphs(digest);
CREATE INDEX paragraphs_source ON paragraphs(source);
CREATE TABLE bands (band INTEGER NOT NULL, paragraph INTEGER NOT NULL,
                    PRIMARY KEY (band, paragraph)) WITHOUT ROWID;
"""
LOCATION = ("SELECT p.id, s.path, p.line, p.column, p.date, p.key FROM paragraphs p "
            "JOIN sources s ON s.id = p.source WHERE p.{column} IN ({marks})")
#: Page cache while writing: a large archive's band keys land all over the B-tree.
WRITE_CACHE_KIB = 256 * 1024
#: A band key shared by more paragraphs than this is a formula (a weather line, a standing
#: notice, a list of attendees), not a repeat: it gives no near candidates.
MAX_BUCKET = 64
#: SQLite's limit on bound parameters is 32766; stay well below it.
CHUNK = 4000


@dataclass(frozen=True)
class Record:
    """An indexed paragraph; ``signature`` is None for one that matches only exactly."""

    line: int
    column: int
    date: str | None
    digest: int
    key: str
    signature: bytes | None


@dataclass(frozen=True)
class Source:
    """A file's records: ``path`` as the index names it, ``content`` the SHA-256 of its bytes."""

    path: str
    content: str
    records: tuple[Record, ...]


@dataclass(frozen=True)
class Location:
    """Where an archived paragraph was printed."""

    id: int
    path: str
    line: int
    column: int
    date: str | None
    key: str

    def order(self) -> tuple[bool, str, str, int]:
        """Earliest first: by date (undated last), then path and line."""
        return (self.date is None, self.date or "", self.path, self.line)


@dataclass(frozen=True)
class Hit:
    """The earliest archived paragraph a draft paragraph repeats, and how similar (per cent)."""

    location: Location
    similarity: float


def _connect(path: Path, read_only: bool) -> sqlite3.Connection:
    try:
        if read_only:
            return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        connection = sqlite3.connect(path)
        connection.execute(f"PRAGMA cache_size = -{WRITE_CACHE_KIB}")
        return connection
    except sqlite3.Error as exc:
        raise ArchiveError(_("{path}: cannot open the archive index: {reason}").format(
            path=path, reason=exc)) from None


def _marks(count: int) -> str:
    return ",".join("?" * count)


def _chunks(values: Sequence, size: int = CHUNK) -> Iterator[Sequence]:  # type: ignore[type-arg]
    for start in range(0, len(values), size):
        yield values[start:start + size]


class Archive:
    """An open index. ``Archive.open`` reads an existing one; ``Archive.create`` also makes one."""

    def __init__(self, path: Path, connection: sqlite3.Connection) -> None:
        self.path = path
        self.db = connection

    @classmethod
    def open(cls, path: Path, read_only: bool = True) -> "Archive":
        if not path.is_file():
            raise ArchiveError(_("{path}: no archive index here (build one with zzlint archive add)").format(path=path))
        archive = cls(path, _connect(path, read_only))
        archive._check_format()
        return archive

    @classmethod
    def create(cls, path: Path) -> "Archive":
        """Open the index at ``path`` for writing, making an empty one if there is none."""
        if path.is_file():
            return cls.open(path, read_only=False)
        if not path.parent.is_dir():
            raise ArchiveError(_("{path}: the folder does not exist").format(path=path))
        archive = cls(path, _connect(path, read_only=False))
        with archive.db:
            archive.db.executescript(SCHEMA)
            settings = {**signature.parameters(), **seam.settings()}
            archive._set_meta({"format": str(FORMAT), "generation": "0", "zzlint": __version__,
                               "parameters": json.dumps(settings, sort_keys=True)})
        return archive

    def close(self) -> None:
        self.db.close()

    def stored(self, path: Path) -> str:
        """How the index names a file: relative to the index's folder when the file is under it
        (so an archive folder moves with its index), else absolute."""
        absolute = path.resolve()
        try:
            return absolute.relative_to(self.path.resolve().parent).as_posix()
        except ValueError:
            return absolute.as_posix()

    def shown(self, stored: str) -> str:
        """A stored path as zzlint prints it: relative to the current folder when under it."""
        absolute = self.path.resolve().parent / stored
        try:
            return absolute.relative_to(Path.cwd()).as_posix()
        except ValueError:
            return absolute.as_posix()

    def __enter__(self) -> "Archive":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _check_format(self) -> None:
        try:
            row = self.db.execute("SELECT value FROM meta WHERE name = 'format'").fetchone()
        except sqlite3.DatabaseError:
            row = None
        if row is None:
            self.close()
            raise ArchiveError(_("{path}: not a zzlint archive index").format(path=self.path))
        if row[0] != str(FORMAT):
            self.close()
            raise ArchiveError(_("{path}: archive index of format {found}; this zzlint reads format "
                                 "{expected} (rebuild it with zzlint archive add)").format(
                path=self.path, found=row[0], expected=FORMAT))

    def _set_meta(self, values: dict[str, str]) -> None:
        self.db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", values.items())

    def meta(self) -> dict[str, str]:
        return dict(self.db.execute("SELECT name, value FROM meta"))

    def generation(self) -> int:
        """A number that changes whenever the index's contents change."""
        return int(self.meta()["generation"])

    def _bump(self) -> None:
        self.db.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE name = 'generation'")

    # Writing

    def content_of(self, path: str) -> str | None:
        row = self.db.execute("SELECT content FROM sources WHERE path = ?", (path,)).fetchone()
        return row[0] if row else None

    def write(self, sources: Iterable[Source]) -> int:
        """Record each source, replacing an older version of it; returns the paragraphs written."""
        written = 0
        with self.db:
            for source in sources:
                self._delete(source.path)
                cursor = self.db.execute("INSERT INTO sources (path, content) VALUES (?, ?)",
                                         (source.path, source.content))
                first = self._next_paragraph_id()
                self.db.executemany(
                    "INSERT INTO paragraphs VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    ((first + i, cursor.lastrowid, r.line, r.column, r.date, r.digest, r.key, r.signature)
                     for i, r in enumerate(source.records)))
                self.db.executemany("INSERT INTO bands VALUES (?, ?)", sorted(_band_rows(first, source.records)))
                written += len(source.records)
            self._bump()
        return written

    def _next_paragraph_id(self) -> int:
        return (self.db.execute("SELECT max(id) FROM paragraphs").fetchone()[0] or 0) + 1

    def remove(self, path: str) -> int:
        """Forget a source; returns its paragraph count (0 when it was not indexed)."""
        with self.db:
            removed = self._delete(path)
            if removed is not None:
                self._bump()
        return removed or 0

    def _delete(self, path: str) -> int | None:
        row = self.db.execute("SELECT id FROM sources WHERE path = ?", (path,)).fetchone()
        if row is None:
            return None
        near = self.db.execute("SELECT id, signature FROM paragraphs WHERE source = ? "
                               "AND signature IS NOT NULL", row).fetchall()
        if near:
            keys = signature.band_keys(signature.from_blobs([blob for _, blob in near]))
            self.db.executemany("DELETE FROM bands WHERE band = ? AND paragraph = ?",
                                ((int(band), pid) for (pid, _), bands in zip(near, keys) for band in bands))
        count = self.db.execute("DELETE FROM paragraphs WHERE source = ?", row).rowcount
        self.db.execute("DELETE FROM sources WHERE id = ?", row)
        return count

    def sources(self) -> list[str]:
        return [path for (path,) in self.db.execute("SELECT path FROM sources ORDER BY path")]

    # Reading

    def stats(self) -> dict[str, object]:
        one = self.db.execute
        paragraphs = one("SELECT count(*) FROM paragraphs").fetchone()[0]
        size = self.path.stat().st_size
        first, last = one("SELECT min(date), max(date) FROM paragraphs").fetchone()
        return {
            "format": FORMAT,
            "sources": one("SELECT count(*) FROM sources").fetchone()[0],
            "paragraphs": paragraphs,
            "near": one("SELECT count(*) FROM paragraphs WHERE signature IS NOT NULL").fetchone()[0],
            "band_keys": one("SELECT count(*) FROM bands").fetchone()[0],
            "dated": one("SELECT count(*) FROM paragraphs WHERE date IS NOT NULL").fetchone()[0],
            "first_date": first,
            "last_date": last,
            "bytes": size,
            "bytes_per_paragraph": round(size / paragraphs) if paragraphs else 0,
            "parameters": json.loads(self.meta()["parameters"]),
        }

    def locations(self, column: str, values: Sequence[int]) -> list[Location]:
        """The paragraphs whose ``column`` (``id`` or ``digest``) is one of ``values``."""
        found: list[Location] = []
        for chunk in _chunks(list(values)):
            query = LOCATION.format(column=column, marks=_marks(len(chunk)))
            found.extend(Location(*row) for row in self.db.execute(query, chunk))
        return found

    def band_members(self, bands: Sequence[int]) -> dict[int, list[int]]:
        """Band key to the paragraphs that have it (none for a formula's crowded band)."""
        members: dict[int, list[int]] = defaultdict(list)
        for chunk in _chunks(list(bands)):
            query = f"SELECT band, paragraph FROM bands WHERE band IN ({_marks(len(chunk))})"
            for band, paragraph in self.db.execute(query, chunk):
                members[band].append(paragraph)
        return {band: ids for band, ids in members.items() if len(ids) <= MAX_BUCKET}

    def lookup(self, drafts: Sequence[seam.Indexed], threshold: float = seam.THRESHOLD,
               exclude_path: str | None = None) -> list[Hit | None]:
        """For each draft paragraph, the earliest archived paragraph it repeats (equal, or at
        least ``threshold`` per cent similar), or None.

        Paragraphs of ``exclude_path`` (the draft itself, when it is archived) are left out.
        """
        hits = self._exact(drafts, exclude_path)
        near = [i for i, draft in enumerate(drafts) if hits[i] is None and draft.near]
        if near:
            for i, hit in zip(near, self._near([drafts[i] for i in near], threshold, exclude_path)):
                hits[i] = hit
        return hits

    def _exact(self, drafts: Sequence[seam.Indexed], exclude_path: str | None) -> list[Hit | None]:
        by_key: dict[str, list[Location]] = defaultdict(list)
        for location in self.locations("digest", sorted({signature.digest(d.key) for d in drafts})):
            if location.path != exclude_path:
                by_key[location.key].append(location)
        return [Hit(min(by_key[d.key], key=Location.order), 100.0) if by_key.get(d.key) else None
                for d in drafts]

    def _near(self, drafts: Sequence[seam.Indexed], threshold: float, exclude_path: str | None) -> list[Hit | None]:
        keys = signature.band_keys(signature.signatures([d.key for d in drafts]))
        members = self.band_members(sorted({int(k) for row in keys for k in row}))
        wanted = [sorted({p for k in row for p in members.get(int(k), ())}) for row in keys]
        found = {loc.id: loc for loc in self.locations("id", sorted({p for ids in wanted for p in ids}))}
        hits: list[Hit | None] = []
        for draft, ids in zip(drafts, wanted):
            matches = []
            for pid in ids:
                location = found[pid]
                if location.path == exclude_path:
                    continue
                score = seam.near_similarity(draft.key, location.key, threshold)
                if score:
                    matches.append(Hit(location, score))
            hits.append(min(matches, key=lambda h: h.location.order()) if matches else None)
        return hits

    def contents(self) -> list[tuple]:  # type: ignore[type-arg]
        """Everything the index holds except its row numbers, in a fixed order: two indexes
        with equal contents give equal lists (for comparing a small index built two ways)."""
        bands: dict[int, list[int]] = defaultdict(list)
        for band, paragraph in self.db.execute("SELECT band, paragraph FROM bands"):
            bands[paragraph].append(band)
        rows = self.db.execute(
            "SELECT s.path, s.content, p.line, p.column, p.date, p.digest, p.key, p.signature, p.id "
            "FROM paragraphs p JOIN sources s ON s.id = p.source ORDER BY s.path, p.line, p.column")
        return [(*row[:-1], tuple(sorted(bands.get(row[-1], ())))) for row in rows]


def _band_rows(first_id: int, records: Sequence[Record]) -> list[tuple[int, int]]:
    near = [(first_id + i, r.signature) for i, r in enumerate(records) if r.signature is not None]
    if not near:
        return []
    keys = signature.band_keys(signature.from_blobs([blob for _, blob in near]))
    return [(int(band), pid) for (pid, _), row in zip(near, keys) for band in row]
