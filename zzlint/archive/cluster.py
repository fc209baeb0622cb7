"""The archive on a Dask cluster: signatures in parallel partitions, repeats by a band-key shuffle.

``--scheduler tcp://HOST:8786`` connects to a running scheduler (``dask scheduler`` and
``dask worker`` on each machine, zzlint installed beside them, the archive's files and index
reachable by the same paths, as on a shared mount); ``--scheduler local`` starts a cluster of
one worker process per core on this machine for the run. The index is still written by this
process, in the order of the files, so it holds the same rows as one built on one core.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from zzlint.archive import build, selfcheck, signature
from zzlint.archive.index import Archive, ArchiveError, Source
from zzlint.i18n import _

if TYPE_CHECKING:
    from distributed import Client

#: Files per partition when indexing (at most), paragraph ids per partition when self-checking.
FILES_PER_PARTITION = 8
IDS_PER_PARTITION = 20_000
CONNECT_SECONDS = 20


@contextmanager
def connect(scheduler: str, workers: int) -> Iterator["Client"]:
    """A client of the scheduler at ``scheduler``, or of a local cluster of ``workers`` processes.

    A failure on the cluster (a worker's exception, a lost connection) becomes an ArchiveError.
    """
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise ArchiveError(_("--scheduler needs Dask: pip install 'zzlint[cluster]'")) from None
    try:
        if scheduler == "local":
            with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                              dashboard_address=None) as cluster, Client(cluster) as client:
                yield client
        else:
            with Client(scheduler, timeout=CONNECT_SECONDS) as client:
                yield client
    except ArchiveError:
        raise
    except Exception as exc:  # Dask re-raises a worker's exception as its own type
        raise ArchiveError(_("Dask scheduler {address}: {reason}").format(
            address=scheduler, reason=f"{type(exc).__name__}: {exc}".replace("\n", " "))) from None


def mapper(client: "Client") -> build.Mapper:
    """Index records computed on the cluster, a partition of files per task, yielded in order."""
    def compute(tasks: list[build.Task]) -> Iterator[Source | str]:
        import dask.bag

        # Enough partitions to keep every worker busy, even for a few large files.
        workers = len(client.scheduler_info()["workers"])
        partitions = max(-(-len(tasks) // FILES_PER_PARTITION), min(len(tasks), 2 * workers), 1)
        bag = dask.bag.from_sequence(tasks, npartitions=partitions).map_partitions(build.sources_of)
        futures = client.compute(bag.to_delayed())
        for future in futures:
            yield from future.result()
            future.release()
    return compute


def _keyed(id_range: tuple[int, int], index: str) -> list[tuple[tuple[str, int], int]]:
    """The (digest) and (band) keys of the paragraphs whose ids lie in ``id_range``."""
    with Archive.open(Path(index)) as archive:
        rows = archive.db.execute("SELECT id, digest, signature FROM paragraphs WHERE id BETWEEN ? AND ?",
                                  id_range).fetchall()
    keyed = [(("digest", digest), pid) for pid, digest, _ in rows]
    near = [(pid, blob) for pid, _, blob in rows if blob is not None]
    if near:
        bands = signature.band_keys(signature.from_blobs([blob for _, blob in near]))
        keyed.extend((("band", int(band)), pid) for (pid, _), row in zip(near, bands) for band in row)
    return keyed


def _first(item: tuple[object, ...]) -> object:
    return item[0]


def _itself(item: object) -> object:
    return item


Candidate = tuple[str, tuple[int, ...]]


def _candidates(group: tuple[tuple[str, int], list[tuple[tuple[str, int], int]]]) -> list[Candidate]:
    """A digest group as one exact candidate, a band bucket as its pairs."""
    (kind, _), members = group
    ids = [pid for _, pid in members]
    if kind == "digest":
        return [("exact", tuple(sorted(ids)))] if len(ids) > 1 else []
    return [("pair", pair) for pair in selfcheck.bucket_pairs(ids)]


def _confirmed(partition: Iterable[Candidate], index: str) -> list[selfcheck.Repeat]:
    candidates = list(partition)
    groups = [ids for kind, ids in candidates if kind == "exact"]
    pairs = [(ids[0], ids[1]) for kind, ids in candidates if kind == "pair"]
    with Archive.open(Path(index)) as archive:
        at = {loc.id: loc for loc in archive.locations("id", sorted({p for ids in groups for p in ids}))}
        repeats = [r for ids in groups for r in selfcheck.exact_repeats([at[p] for p in ids])]
        repeats.extend(selfcheck.near_repeats(pairs, archive))
    return repeats


def find(client: "Client", archive: Archive) -> list[selfcheck.Repeat]:
    """Every repeat in the archive (the same list as ``selfcheck.find``), computed on the cluster:
    workers read id ranges of the index, a shuffle groups them by digest and band key, and
    workers confirm the candidates."""
    import dask.bag

    low, high = archive.db.execute("SELECT min(id), max(id) FROM paragraphs").fetchone()
    if low is None:
        return []
    index = str(archive.path.resolve())
    ranges = [(start, min(start + IDS_PER_PARTITION - 1, high)) for start in range(low, high + 1, IDS_PER_PARTITION)]
    keyed = dask.bag.from_sequence(ranges, npartitions=len(ranges)).map(_keyed, index).flatten()
    partitions = max(2, len(ranges))
    grouped = keyed.groupby(_first, shuffle="tasks", npartitions=partitions)
    candidates = grouped.map(_candidates).flatten()
    # A pair shares several bands; a second shuffle leaves one of each, still in partitions.
    distinct = candidates.groupby(_itself, shuffle="tasks", npartitions=partitions).map(_first)
    repeats = distinct.map_partitions(_confirmed, index)
    return selfcheck.best_per_paragraph(client.compute(repeats).result())
