"""Finding repeated text without comparing every pair: the shared machinery of the repeat rules.

Paragraphs are compared through a normalised key (exact repeats) and through sampled character
shingles (near repeats): only paragraphs that share several sampled shingles become candidates,
and rapidfuzz confirms them. Passages are found from anchors, the clause starts after each
punctuation mark: two equal anchor grams are extended left and right to the longest common run.
Both cost about linear time in the input.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from zzlint.document import Document, Paragraph
from zzlint.i18n import _
from zzlint.structure import structure

SPACES = re.compile(r"\s+")
#: Clause starts are the beginning of a text and the end of each clause mark matched here
#: (matching the mark, not a lookbehind, lets the regex engine skip ahead). Chinese prose has
#: one every ten to fifteen characters, so every repeated run of 50 holds several.
PUNCTUATION = re.compile(r"[，。；：！？,;:!?\n]")
GRAM = 10
MAX_POSTINGS = 64
MIN_SHARED_GRAMS = 2


def paragraph_key(doc: Document, paragraph: Paragraph) -> str:
    """What two paragraphs must share to be the same paragraph: width-folded, spaces removed."""
    return SPACES.sub("", doc.folded[paragraph.start:paragraph.end])


#: ``auto``: the whole file, or each story of a file that holds many issues (see
#: ``zzlint.structure``); ``story``: each story; ``file``: the whole file.
SCOPES = ("auto", "story", "file")


def check_scope(scope: str) -> None:
    """The ``scope`` option of the repeat rules."""
    if scope not in SCOPES:
        raise ValueError(_("scope must be one of {choices}, not {scope!r}").format(
            choices=", ".join(map(repr, SCOPES)), scope=scope))


def scopes(doc: Document, scope: str) -> list[list[Paragraph]]:
    """The groups of paragraphs whose paragraphs are compared with each other."""
    found = structure(doc)
    if scope == "file" or (scope == "auto" and not found.collection):
        return [doc.paragraphs]
    return [[doc.paragraphs[i] for i in story.paragraphs] for story in found.stories]


def _clause_starts(text: str) -> list[int]:
    return [0, *(match.end() for match in PUNCTUATION.finditer(text))]


def _clause_grams(key: str) -> set[str]:
    return {key[at:at + GRAM] for at in _clause_starts(key)}


@dataclass(frozen=True)
class Entry:
    """A paragraph as the similarity index sees it; ``owner`` tells documents apart."""

    owner: int
    paragraph: Paragraph
    key: str

    @property
    def id(self) -> tuple[int, int]:
        return (self.owner, self.paragraph.index)


@dataclass(frozen=True)
class Match:
    later: Entry
    earlier: Entry
    similarity: float


def similar_pairs(entries: Sequence[Entry], threshold: float) -> Iterator[Match]:
    """Each entry that equals or nearly equals an earlier one, with the earliest such entry.

    ``threshold`` is a rapidfuzz ratio (0-100). Entries are visited in order; candidates are the
    earlier entries that share at least MIN_SHARED_GRAMS clause-start grams.
    """
    from rapidfuzz import fuzz

    exact: dict[str, Entry] = {}
    postings: dict[int, list[int]] = defaultdict(list)
    for index, entry in enumerate(entries):
        first = exact.get(entry.key)
        if first is not None:
            yield Match(entry, first, 100.0)
            continue
        exact[entry.key] = entry
        shared: dict[int, int] = defaultdict(int)
        for gram in _clause_grams(entry.key):
            posting = postings[hash(gram)]
            for earlier in posting:
                shared[earlier] += 1
            if len(posting) < MAX_POSTINGS:
                posting.append(index)
        best = _best_candidate(entries, entry, shared, threshold, fuzz.ratio)
        if best is not None:
            yield best


def series_groups(matches: Sequence[Match]) -> list[list[Entry]]:
    """Groups of three or more paragraphs that nearly repeat each other, in text order."""
    parent: dict[tuple[int, int], tuple[int, int]] = {}
    entries: dict[tuple[int, int], Entry] = {}

    def root(key: tuple[int, int]) -> tuple[int, int]:
        while parent.setdefault(key, key) != key:
            key = parent[key]
        return key

    for m in matches:
        if m.similarity < 100:
            entries[m.later.id], entries[m.earlier.id] = m.later, m.earlier
            parent[root(m.later.id)] = root(m.earlier.id)
    groups: dict[tuple[int, int], list[Entry]] = defaultdict(list)
    for key in sorted(entries):
        groups[root(key)].append(entries[key])
    return [group for group in groups.values() if len(group) >= 3]


def without_series(matches: Sequence[Match]) -> list[Match]:
    """Drop near repeats that belong to a series of three or more alike paragraphs.

    Formula paragraphs (第六十三号主席令说…, 第六十四号主席令说…) and parallel articles of a
    law are alike by design; a copy-and-paste accident leaves a pair. Exact repeats stay.
    """
    in_series = {entry.id for group in series_groups(matches) for entry in group}
    return [m for m in matches if m.similarity >= 100 or m.later.id not in in_series]


def _best_candidate(entries: Sequence[Entry], entry: Entry, shared: dict[int, int],
                    threshold: float, ratio) -> Match | None:  # type: ignore[no-untyped-def]
    for earlier in sorted(i for i, n in shared.items() if n >= MIN_SHARED_GRAMS):
        candidate = entries[earlier]
        if not _lengths_allow(len(candidate.key), len(entry.key), threshold):
            continue
        score = ratio(candidate.key, entry.key, score_cutoff=threshold)
        if score:
            return Match(entry, candidate, score)
    return None


def _lengths_allow(a: int, b: int, threshold: float) -> bool:
    """rapidfuzz's ratio cannot reach ``threshold`` when the lengths differ this much."""
    return 2 * min(a, b) / (a + b) * 100 >= threshold


@dataclass(frozen=True)
class Run:
    """A passage that occurs twice: ``length`` characters at ``earlier`` and at ``later``."""

    earlier: int
    later: int
    length: int


SEPARATOR = "\n"


def repeated_runs(paragraphs: Sequence[Paragraph], folded: str, min_length: int,
                  gram: int = 10, per_gram: int = 8) -> Iterator[Run]:
    """Runs of at least ``min_length`` characters that occur twice among ``paragraphs``.

    ``folded`` is the document's width-folded text; offsets are document offsets. Runs stay
    inside one paragraph each and do not overlap their earlier occurrence; the earlier
    occurrence is the earliest of the longest matches found. Grams are indexed by hash (a
    collision only costs a comparison), one position each until a second occurs.
    """
    joined, origin = _join(paragraphs, folded)
    seen: dict[int, int | list[int]] = {}
    covered_until = -1
    for at in _clause_starts(joined):
        key = joined[at:at + gram]
        if len(key) < gram or SEPARATOR in key:
            continue
        digest = hash(key)
        earlier = seen.get(digest)
        positions = [] if earlier is None else [earlier] if isinstance(earlier, int) else earlier
        if positions and at >= covered_until:
            best = _longest(joined, positions, at)
            if best is not None and best.length >= min_length:
                yield Run(origin(best.earlier), origin(best.later), best.length)
                covered_until = best.later + best.length
        if earlier is None:
            seen[digest] = at
        elif len(positions) < per_gram:
            seen[digest] = [*positions, at]


def _longest(joined: str, earlier_positions: Iterable[int], at: int) -> Run | None:
    best: Run | None = None
    for earlier in earlier_positions:
        run = _extend(joined, earlier, at)
        if run is not None and (best is None or run.length > best.length):
            best = run
    return best


def _extend(joined: str, earlier: int, later: int) -> Run | None:
    start_a, start_b = earlier, later
    while (start_a > 0 and start_b - 1 >= earlier
           and joined[start_a - 1] == joined[start_b - 1] != SEPARATOR):
        start_a -= 1
        start_b -= 1
    end_a, end_b = earlier, later
    limit = len(joined)
    while end_b < limit and end_a < start_b and joined[end_a] == joined[end_b] != SEPARATOR:
        end_a += 1
        end_b += 1
    if end_a <= start_a:
        return None
    return Run(start_a, start_b, end_a - start_a)


def _join(paragraphs: Sequence[Paragraph], folded: str):  # type: ignore[no-untyped-def]
    """The paragraphs' folded text joined by SEPARATOR, and a map back to document offsets."""
    import bisect

    parts, starts, bases = [], [], []
    position = 0
    for paragraph in paragraphs:
        part = folded[paragraph.start:paragraph.end].replace(SEPARATOR, " ")
        parts.append(part)
        starts.append(position)
        bases.append(paragraph.start)
        position += len(part) + 1

    def origin(offset: int) -> int:
        i = bisect.bisect_right(starts, offset) - 1
        return bases[i] + offset - starts[i]

    return SEPARATOR.join(parts), origin
