"""Files into index records, exactly as ``zzlint check`` reads them, on one core or several.

The files are found as ``check`` finds them (folders searched for the readers' suffixes, the
config's ``exclude``), decoded by the same readers, and split into the paragraphs the repeat
rules compare. A file whose bytes are already indexed under its path is skipped unread by the
workers. Records come back in the order of the files, so an index built on one core, on several
or on a Dask cluster holds the same rows.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from zzlint.archive import dates, signature
from zzlint.archive import paragraphs as seam
from zzlint.archive.index import Archive, Record, Source
from zzlint.config import Resolver
from zzlint.document import Document
from zzlint.files import collect
from zzlint.readers import ReadError, read_bytes, read_file


@dataclass(frozen=True)
class Task:
    """A file to index: ``path`` as the user named it, ``absolute`` where workers read it (their
    current folder is not ours), ``stored`` how the index names it."""

    path: str
    absolute: str
    stored: str
    content: str
    encoding: str | None = None


@dataclass
class Outcome:
    added: int = 0
    unchanged: int = 0
    paragraphs: int = 0
    errors: list[str] = field(default_factory=list)


#: How records are computed: in this process, a process pool, or a Dask cluster.
Mapper = Callable[[list[Task]], Iterable["Source | str"]]


def records(doc: Document) -> tuple[Record, ...]:
    """The index records of a document's paragraphs."""
    found = seam.indexed_paragraphs(doc)
    by_paragraph = dates.paragraph_dates(doc)
    near = [item for item in found if item.near]
    blobs = dict(zip((item.paragraph.index for item in near),
                     map(signature.to_blob, signature.signatures([item.key for item in near]))))
    result = []
    for item in found:
        line, column = doc.position(item.paragraph.start)
        result.append(Record(line, column, by_paragraph[item.paragraph.index],
                             signature.digest(item.key), item.key, blobs.get(item.paragraph.index)))
    return tuple(result)


def source_of(task: Task) -> Source | str:
    """A task's records, or the one-line error that stopped its file from being read."""
    try:
        doc = read_bytes(read_file(Path(task.absolute), task.path), task.path, task.encoding)
    except ReadError as exc:
        return str(exc)
    doc.path = task.absolute  # every folder name can date the file
    return Source(task.stored, task.content, records(doc))


def sources_of(tasks: list[Task]) -> list[Source | str]:
    """A batch of tasks, in order (what a pool worker or a Dask partition computes)."""
    return [source_of(task) for task in tasks]


def in_process(tasks: list[Task]) -> Iterator[Source | str]:
    return map(source_of, tasks)


def process_pool(workers: int) -> Mapper:
    def mapper(tasks: list[Task]) -> Iterator[Source | str]:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=workers) as pool:
            yield from pool.map(source_of, tasks, chunksize=max(1, min(16, len(tasks) // (workers * 4))))
    return mapper


def plan(archive: Archive, paths: list[str], encoding: str | None, outcome: Outcome) -> list[Task]:
    """The files under ``paths`` whose current bytes are not indexed yet, sorted by path."""
    collected = collect(paths, Resolver())
    outcome.errors.extend(collected.errors)
    tasks: dict[str, Task] = {}
    for path in collected.files:
        try:
            content = hashlib.sha256(read_file(path, str(path))).hexdigest()
        except ReadError as exc:
            outcome.errors.append(str(exc))
            continue
        key = archive.stored(path)
        if archive.content_of(key) == content:
            outcome.unchanged += 1
        else:
            tasks[key] = Task(str(path), path.resolve().as_posix(), key, content, encoding)
    return [tasks[key] for key in sorted(tasks)]


def add(archive: Archive, paths: list[str], mapper: Mapper = in_process,
        encoding: str | None = None, batch: int = 64) -> Outcome:
    """Index the files under ``paths``; files already indexed with the same bytes are skipped."""
    outcome = Outcome()
    tasks = plan(archive, paths, encoding, outcome)
    pending: list[Source] = []
    for result in mapper(tasks) if tasks else ():
        if isinstance(result, str):
            outcome.errors.append(result)
            continue
        pending.append(result)
        if len(pending) >= batch:
            outcome.paragraphs += archive.write(pending)
            outcome.added += len(pending)
            pending = []
    if pending:
        outcome.paragraphs += archive.write(pending)
        outcome.added += len(pending)
    return outcome
