"""Every repeat inside the archive: each paragraph that equals or nearly equals an earlier one.

Candidates come from the index alone: paragraphs with the same digest (exact repeats) and
paragraphs that share a band key (near repeats; not a formula's crowded band, see MAX_BUCKET);
exact repeats are always reported. Each candidate pair is confirmed with the
threshold of ``repeated-paragraph``, and each later paragraph is reported once, with the
earliest paragraph it repeats (an exact repeat before a near one). The same steps run in this
process or, in ``cluster``, as Dask partitions and shuffles; both give the same list.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from zzlint.archive import paragraphs as seam
from zzlint.archive.index import MAX_BUCKET, Archive, Location


@dataclass(frozen=True)
class Repeat:
    later: Location
    earlier: Location
    similarity: float

    def preference(self) -> tuple[bool, tuple[bool, str, str, int]]:
        """Smaller is the better report for one later paragraph: exact, then earliest."""
        return (self.similarity < 100, self.earlier.order())


def exact_repeats(group: Sequence[Location]) -> list[Repeat]:
    """The paragraphs of one digest group that repeat an earlier one with the same key."""
    first: dict[str, Location] = {}
    found = []
    for location in sorted(group, key=Location.order):
        earlier = first.setdefault(location.key, location)
        if earlier is not location:
            found.append(Repeat(location, earlier, 100.0))
    return found


def bucket_pairs(members: Sequence[int]) -> list[tuple[int, int]]:
    """The candidate pairs of one band bucket (none for a formula's crowded bucket)."""
    if not 2 <= len(members) <= MAX_BUCKET:
        return []
    ordered = sorted(set(members))
    return [(a, b) for i, a in enumerate(ordered) for b in ordered[i + 1:]]


def near_repeats(pairs: Iterable[tuple[int, int]], archive: Archive) -> list[Repeat]:
    """The candidate pairs (paragraph ids) that are near repeats, later paragraph first."""
    pairs = list(pairs)
    found_at = {loc.id: loc for loc in archive.locations("id", sorted({p for pair in pairs for p in pair}))}
    found = []
    for a, b in pairs:
        earlier, later = sorted((found_at[a], found_at[b]), key=Location.order)
        if earlier.key == later.key:
            continue  # an exact repeat, found by digest
        score = seam.near_similarity(later.key, earlier.key)
        if score:
            found.append(Repeat(later, earlier, score))
    return found


def best_per_paragraph(repeats: Iterable[Repeat]) -> list[Repeat]:
    """One report per later paragraph, in order of the later paragraphs' files and lines."""
    best: dict[int, Repeat] = {}
    for repeat in repeats:
        known = best.get(repeat.later.id)
        if known is None or repeat.preference() < known.preference():
            best[repeat.later.id] = repeat
    return sorted(best.values(), key=lambda r: (r.later.path, r.later.line, r.later.column))


def find(archive: Archive) -> list[Repeat]:
    """Every repeat in the archive, computed in this process."""
    db = archive.db
    digests = [d for (d,) in db.execute("SELECT digest FROM paragraphs GROUP BY digest HAVING count(*) > 1")]
    groups: dict[str, list[Location]] = defaultdict(list)
    for location in archive.locations("digest", digests):
        groups[location.key].append(location)
    repeats = [r for group in groups.values() for r in exact_repeats(group)]
    pairs: set[tuple[int, int]] = set()
    buckets = db.execute("SELECT group_concat(paragraph) FROM bands GROUP BY band "
                         "HAVING count(*) BETWEEN 2 AND ?", (MAX_BUCKET,))
    for (members,) in buckets:
        pairs.update(bucket_pairs([int(m) for m in members.split(",")]))
    repeats.extend(near_repeats(sorted(pairs), archive))
    return best_per_paragraph(repeats)
