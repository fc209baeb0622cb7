"""Finding repeated text without comparing every pair: the shared machinery of the repeat rules.

Paragraphs are compared through a normalised key (exact repeats) and through sampled character
shingles (near repeats): only paragraphs that share several sampled shingles become candidates,
and rapidfuzz confirms them. Passages are found from anchors, the clause starts after each
punctuation mark: two equal anchor grams are extended left and right to the longest common run.
Both cost about linear time in the input.
"""
from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from itertools import compress, islice
from operator import eq
from typing import NamedTuple

from zzlint.document import Document, Paragraph
from zzlint.i18n import _
from zzlint.lazyre import lazy
from zzlint.structure import structure
from zzlint.text import FOLD_PIECE, fold

#: Clause starts are the beginning of a text and the end of each clause mark matched here
#: (matching the mark, not a lookbehind, lets the regex engine skip ahead). Chinese prose has
#: one every ten to fifteen characters, so every repeated run of 50 holds several.
PUNCTUATION = lazy(r"[，。；：！？,;:!?\n]")
_END = re.Match.end
GRAM = 10
#: The GRAM characters after each clause mark, matched without consuming them so that a mark
#: inside a gram starts a gram of its own.
CLAUSE_GRAM = lazy(r"[，。；：！？,;:!?\n](?=(.{0,%d}))" % GRAM, re.S)
MAX_POSTINGS = 64
MIN_SHARED_GRAMS = 2


def paragraph_key(paragraph: Paragraph) -> str:
    """What two paragraphs must share to be the same paragraph: width-folded, spaces removed."""
    return fold(_unspaced(paragraph.text))


def _unspaced(text: str) -> str:
    """``text`` without what \\s matches: as long as its key, since folding keeps every length
    and makes no space of another character (the ideographic space is removed before)."""
    return "".join(text.split())


#: ``auto``: the whole file, or each story of a file that holds many issues (see
#: ``zzlint.structure``); ``story``: each story; ``file``: the whole file.
SCOPES = ("auto", "story", "file")


def check_scope(scope: str) -> None:
    """The ``scope`` option of the repeat rules."""
    if scope not in SCOPES:
        raise ValueError(_("scope must be one of {choices}, not {scope!r}").format(
            choices=", ".join(map(repr, SCOPES)), scope=scope))


def scopes(doc: Document, scope: str) -> Iterator[Sequence[Paragraph]]:
    """The groups of paragraphs whose paragraphs are compared with each other, one at a time."""
    found = None if scope == "file" else structure(doc)
    if found is None or (scope == "auto" and not found.collection):
        yield doc.paragraphs
        return
    for story in found.stories:
        yield doc.paragraphs[story.paragraphs.start:story.paragraphs.stop]


def _clause_starts(text: str) -> array[int]:
    """Offsets: an array holds them in an eighth of the memory of a list of ints."""
    starts = array("q", [0])
    starts.extend(map(_END, PUNCTUATION.finditer(text)))
    return starts


def _clause_grams(key: str) -> set[int]:
    """The hashes of the grams at the clause starts of ``key`` (see ``_clause_starts``): the
    index of a file's entries keeps numbers, not its grams, and an entry that shares a hash
    but not a gram only costs rapidfuzz's comparison."""
    grams = set(map(hash, CLAUSE_GRAM.findall(key)))
    grams.add(hash(key[:GRAM]))
    return grams


class Entry(NamedTuple):
    """A paragraph as the similarity index sees it; ``owner`` tells documents apart."""

    owner: int
    paragraph: Paragraph
    key: str

    @property
    def id(self) -> tuple[int, int]:
        return (self.owner, self.paragraph.index)


class Match(NamedTuple):
    later: Entry
    earlier: Entry
    similarity: float


def comparable_entries(paragraphs: Iterable[tuple[int, Paragraph]], threshold: float) -> list[Entry]:
    """The entries of ``paragraphs`` (owner, paragraph) whose key is as long as another's or
    close enough in length to reach ``threshold`` (see ``_lengths_allow``): the others can match
    none (see ``similar_pairs``), and their keys are never folded. In a story of four paragraphs
    to compare, one in three has no partner."""
    unspaced = [(owner, paragraph, _unspaced(paragraph.text)) for owner, paragraph in paragraphs]
    partnered = _partnered_lengths(Counter(len(text) for *_, text in unspaced), threshold)
    return [Entry(owner, paragraph, fold(text)) for owner, paragraph, text in unspaced if len(text) in partnered]


def _partnered_lengths(counts: Counter[int], threshold: float) -> set[int]:
    """The lengths of ``counts`` that another entry's length can match: their own, held twice,
    or the next shorter or longer one if ``_lengths_allow`` it."""
    partnered = {length for length, count in counts.items() if count > 1}
    lengths = sorted(counts)
    for shorter, longer in zip(lengths, lengths[1:]):
        if _lengths_allow(shorter, longer, threshold):
            partnered.update((shorter, longer))
    return partnered


def similar_pairs(entries: Sequence[Entry], threshold: float) -> Iterator[Match]:
    """Each entry that equals or nearly equals an earlier one, with the earliest such entry.

    ``threshold`` is a rapidfuzz ratio (0-100). Entries are visited in order; candidates are the
    earlier entries that share at least MIN_SHARED_GRAMS clause-start grams.
    """
    exact: dict[str, Entry] = {}
    nearest = _pairwise_nearest(entries, threshold) if len(entries) <= SMALL_GROUP else _indexed_nearest(
        entries, threshold)
    for index, entry in enumerate(entries):
        first = exact.get(entry.key)
        if first is not None:
            yield Match(entry, first, 100.0)
            continue
        exact[entry.key] = entry
        best = nearest(index)
        if best is not None:
            yield best


#: Up to this many entries, each is compared with every earlier one (a story); beyond, through
#: an index of grams (a whole file).
SMALL_GROUP = 64
#: Given an entry's index, its near repeat among the earlier entries given before (an entry that
#: repeats another exactly is not given).
Nearest = Callable[[int], Match | None]
#: Sent an entry's index and grams, yields the earlier entries that share MIN_SHARED_GRAMS of them.
Candidates = Generator[list[int], tuple[int, set[int]], None]


def _pairwise_nearest(entries: Sequence[Entry], threshold: float) -> Nearest:
    """Each earlier entry in turn, rapidfuzz first: in a story few pairs reach ``threshold``,
    and only their grams are made, once per entry."""
    seen: list[int] = []
    grams: dict[int, set[int]] = {}

    def grams_of(index: int) -> set[int]:
        if index not in grams:
            grams[index] = _clause_grams(entries[index].key)
        return grams[index]

    def nearest(index: int) -> Match | None:
        from rapidfuzz.fuzz import ratio

        entry = entries[index]
        best: Match | None = None
        for earlier in seen:
            candidate = entries[earlier]
            if _lengths_allow(len(candidate.key), len(entry.key), threshold):
                score = ratio(candidate.key, entry.key, score_cutoff=threshold)
                if score and len(grams_of(earlier) & grams_of(index)) >= MIN_SHARED_GRAMS:
                    best = Match(entry, candidate, score)
                    break
        seen.append(index)
        return best

    return nearest


def _indexed_nearest(entries: Sequence[Entry], threshold: float) -> Nearest:
    candidates = _indexed_candidates()
    next(candidates)

    def nearest(index: int) -> Match | None:
        entry = entries[index]
        return _best_candidate(entries, entry, candidates.send((index, _clause_grams(entry.key))), threshold)

    return nearest


def _indexed_candidates() -> Candidates:
    """Each gram's postings hold the first MAX_POSTINGS entries that have it, so a gram that
    every formula paragraph shares costs no more than a rare one. Most grams occur once: their
    only entry is kept in ``first``, a dict of numbers, which costs a third of a list per gram
    and which the garbage collector never walks."""
    first: dict[int, int] = {}
    postings: dict[int, list[int]] = {}
    found: list[int] = []
    while True:
        index, grams = yield found
        shared, once = postings.keys() & grams, first.keys() & grams
        listed = [first[gram] for gram in once]
        for gram in shared:
            listed.extend(postings[gram])
        listed.sort()
        # MIN_SHARED_GRAMS is 2: an entry listed under two of the grams stands twice in a row.
        found = sorted(set(compress(listed, map(eq, listed, islice(listed, 1, None)))))
        for gram in shared:
            if len(postings[gram]) < MAX_POSTINGS:
                postings[gram].append(index)
        for gram in once:
            postings[gram] = [first.pop(gram), index]
        first.update(dict.fromkeys(grams - shared - once, index))


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


def _best_candidate(entries: Sequence[Entry], entry: Entry, candidates: list[int],
                    threshold: float) -> Match | None:
    if not candidates:
        return None
    from rapidfuzz.fuzz import ratio

    for earlier in candidates:
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


class Run(NamedTuple):
    """A passage that occurs twice: ``length`` characters at ``earlier`` and at ``later``."""

    earlier: int
    later: int
    length: int


SEPARATOR = "\n"
#: Groups are joined into texts of about this many characters, each read in one pass: few
#: passes, and the copy of the paragraphs' text stays small beside the document.
BATCH_CHARACTERS = 1 << 18
#: A batch of at most this many characters (a story, an article) is first asked whether any of
#: its grams occurs twice (see ``_repeats_a_gram``).
SMALL_BATCH = 1 << 15


def repeated_runs(groups: Iterable[Sequence[Paragraph]], min_length: int, per_gram: int = 8) -> Iterator[Run]:
    """Runs of at least ``min_length`` characters that occur twice among the paragraphs of one
    of ``groups`` (each group is compared within itself; groups follow each other in the text).

    The paragraphs are compared width-folded; offsets are document offsets. Runs stay inside
    one paragraph each and do not overlap their earlier occurrence; the earlier occurrence is
    the earliest of the longest matches found. Each gram (the GRAM characters at a clause start)
    keeps its first ``per_gram`` positions. A paragraph that repeats an earlier one of its group
    character for character is left out: each run it holds stands in the earlier one too, and a
    file of reruns costs no more than its first printing.
    """
    for batch in _batches(groups):
        yield from _runs_in_batch(batch, min_length, per_gram)


def _batches(groups: Iterable[Sequence[Paragraph]]) -> Iterator[list[Sequence[Paragraph]]]:
    """Consecutive groups of about BATCH_CHARACTERS in all (a larger group alone)."""
    batch: list[Sequence[Paragraph]] = []
    size = 0
    for group in groups:
        batch.append(group)
        size += group[-1].end - group[0].start if group else 0
        if size >= BATCH_CHARACTERS:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def _runs_in_batch(groups: Sequence[Sequence[Paragraph]], min_length: int, per_gram: int) -> Iterator[Run]:
    """repeated_runs over groups joined into one text and read in one pass."""
    joined, origin, group_starts = _join(groups)
    if len(joined) <= SMALL_BATCH and not _repeats_a_gram(joined):
        return
    ends = iter([*group_starts[1:], len(joined) + 1])
    group_end = next(ends)
    # Most grams occur once: their position is a number in ``first`` (a dict the garbage
    # collector does not walk); a list in ``seen`` is made for a gram that occurs again. Both
    # are keyed by the gram's hash, not the gram: a file's grams are not kept, and two grams of
    # one hash only cost a comparison that finds no run.
    first: dict[int, int] = {}
    seen: dict[int, list[int]] = {}
    covered_until = -1
    for at in _clause_starts(joined):
        while at >= group_end:
            first.clear()
            seen.clear()
            group_end = next(ends)
        gram = joined[at:at + GRAM]
        if len(gram) < GRAM or SEPARATOR in gram:
            continue
        key = hash(gram)
        positions = seen.get(key)
        if positions is None:
            earliest = first.setdefault(key, at)
            if earliest == at:
                continue
            positions = seen[key] = [earliest]
        paragraph_length = _paragraph_length(joined, at) if at >= covered_until else 0
        if paragraph_length >= min_length:
            best = _longest(joined, positions, at, paragraph_length, min_length)
            if best is not None:
                yield Run(origin(best.earlier), origin(best.later), best.length)
                covered_until = best.later + best.length
        if len(positions) < per_gram:
            positions.append(at)


def _repeats_a_gram(joined: str) -> bool:
    """Whether a gram occurs twice in ``joined``, found in one regex pass: most small documents
    repeat none, and then no run starts anywhere and the pass over their clauses is saved. A
    large text repeats some, and the list of its grams would cost more than the pass."""
    grams = CLAUSE_GRAM.findall(joined)
    grams.append(joined[:GRAM])
    return len(set(grams)) < len(grams)


def _paragraph_length(joined: str, at: int) -> int:
    """The length of the paragraph that holds ``at``: no run starting in it is longer."""
    end = joined.find(SEPARATOR, at)
    return (len(joined) if end < 0 else end) - joined.rfind(SEPARATOR, 0, at) - 1


def _longest(joined: str, earlier_positions: Iterable[int], at: int, most: int, least: int) -> Run | None:
    """The longest run through ``at`` and one of ``earlier_positions``, the earliest of equals,
    if one reaches ``least`` characters. A run of ``most`` characters (the whole paragraph)
    cannot be beaten, so the search stops there: a story rerun many times costs one comparison
    per clause, not one per copy."""
    # A run of ``least`` holds the gram and ``reach`` characters on one side of it at least:
    # two slices tell most positions of a common phrase from those worth extending.
    reach = (least - GRAM + 1) // 2
    after = joined[at + GRAM:at + GRAM + reach]
    before = joined[at - reach:at]
    best: Run | None = None
    for earlier in earlier_positions:
        if (joined[earlier + GRAM:earlier + GRAM + reach] != after
                and (earlier < reach or joined[earlier - reach:earlier] != before)):
            continue
        run = _extend(joined, earlier, at)
        if run is not None and (best is None or run.length > best.length):
            best = run
            if run.length >= most:
                break
    return best if best is not None and best.length >= least else None


def _extend(joined: str, earlier: int, later: int) -> Run | None:
    """The run of equal text through ``earlier`` and ``later``: as far left as the text agrees
    and the later copy starts after ``earlier``, as far right as it agrees and the earlier copy
    ends before the later one starts, never across a SEPARATOR."""
    line_start = joined.rfind(SEPARATOR, 0, later) + 1
    left = _common_length(joined, earlier, later, min(earlier, later - earlier, later - line_start), -1)
    start_a, start_b = earlier - left, later - left
    line_end = joined.find(SEPARATOR, later)
    right_limit = min((len(joined) if line_end < 0 else line_end) - later, start_b - earlier)
    right = _common_length(joined, earlier, later, max(0, right_limit), 1)
    if left + right == 0:
        return None
    return Run(start_a, start_b, left + right)


def _common_length(text: str, a: int, b: int, limit: int, direction: int) -> int:
    """How many characters agree going right from ``a`` and ``b`` (direction 1: text[a + i] ==
    text[b + i]) or left (-1: text[a - 1 - i] == text[b - 1 - i]), at most ``limit``: a binary
    search over slice comparisons, which run in C."""
    low, high = 0, limit
    while low < high:
        middle = (low + high + 1) // 2
        same = (text[a:a + middle] == text[b:b + middle] if direction > 0
                else text[a - middle:a] == text[b - middle:b])
        if same:
            low = middle
        else:
            high = middle - 1
    return low


def _first_printings(group: Sequence[Paragraph]) -> Iterator[Paragraph]:
    """The paragraphs of ``group`` that do not repeat an earlier one of it character for
    character. Earlier ones are known by their text's hash and their start (no copy of their
    text is kept), and a paragraph of the same hash is compared with the text at that start."""
    earlier: dict[tuple[int, int], int] = {}
    for paragraph in group:
        text = paragraph.text
        key = (hash(text), len(text))
        start = earlier.setdefault(key, paragraph.start)
        if start == paragraph.start or not paragraph.stands_at(start):
            yield paragraph


def _join(groups: Sequence[Sequence[Paragraph]]):  # type: ignore[no-untyped-def]
    """The paragraphs' folded text joined by SEPARATOR, a map back to document offsets, and
    where each group's text starts in it.

    The paragraphs are joined and folded FOLD_PIECE characters at a time: a whole file's
    paragraphs (the batch of ``scope = "file"``) are never held as parts, joined and folded at
    once, three copies of the text."""
    pieces: list[str] = []
    parts: list[str] = []
    group_starts: list[int] = []
    starts, bases = array("q"), array("q")
    position = piece_start = 0
    for group in groups:
        group_starts.append(position)
        for paragraph in _first_printings(group):
            part = paragraph.text.replace(SEPARATOR, " ")
            parts.append(part)
            starts.append(position)
            bases.append(paragraph.start)
            position += len(part) + 1
            if position - piece_start >= FOLD_PIECE:
                pieces.append(fold(SEPARATOR.join(parts)))
                parts, piece_start = [], position
    if parts:
        pieces.append(fold(SEPARATOR.join(parts)))

    def origin(offset: int) -> int:
        i = bisect_right(starts, offset) - 1
        return bases[i] + offset - starts[i]

    return SEPARATOR.join(pieces), origin, group_starts
