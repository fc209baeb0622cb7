"""What the two certificate rules share: their options and the examination of a document.

invalid-certificate-number reports every failure class but ``place``; certificate-region-mismatch
reports ``place`` only. Both read the same examination, worked out once per document. A text
in which no keyword announces a number (most text) is passed over before the certificate packs
are parsed: the keywords are read from their ``keywords = [...]`` lines alone.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import ClassVar, NamedTuple

from zzlint.lazyre import holds_any, lazy
from zzlint.packs import pack_files
from zzlint.text import WIDE, any_width, fold

KEYWORD_LINE = lazy(r"^keywords\s*=\s*\[(.*?)\]", re.M | re.S)
QUOTED = lazy(r"\"([^\"]+)\"|'([^']+)'")

from zzlint.diagnostic import Finding
from zzlint.document import Document
from zzlint.rule import Rule


class Options(NamedTuple):
    #: YYYY-MM-DD; no date in a number may lie after it (empty: today).
    reference_date: str = ""
    #: The place a notice is from when it names none (the newspaper's own city).
    locale: str = ""


class CertificateRule(Rule):
    Options = Options
    #: Whether this rule reports the ``place`` failures (and only those) or all the others.
    reports_place: ClassVar[bool] = False
    cost = 0.0035
    shares = ("certificate-examination",)

    def check(self, doc: Document) -> Iterator[Finding]:
        if not doc.memo(f"certificate keywords {self.packs}", self._has_keyword):  # asked once for both rules
            return
        from zzlint.certificates import examiner

        checker = examiner(self.packs, self.options.reference_date, self.options.locale)
        for problem in checker.problems(doc):
            if (problem.failure == "place") == self.reports_place:
                yield Finding(problem.start, problem.end, problem.message,
                              severity=None if self.reports_place else problem.severity)

    def _has_keyword(self, doc: Document) -> bool:
        # Looking for the dozen characters the keywords end on passes over a third of news
        # stories at a twentieth of the cost of searching the alternation of every keyword.
        return (holds_any(doc.text, _keyword_ends(self.packs))
                and _any_keyword(self.packs).search(doc.text) is not None)


@lru_cache(maxsize=8)
def _keywords(extra: tuple[Path, ...]) -> frozenset[str]:
    words: set[str] = set()
    for path in pack_files(extra):
        for listing in KEYWORD_LINE.findall(path.read_text(encoding="utf-8")):
            words.update(a or b for a, b in QUOTED.findall(listing))
    return frozenset(words)


@lru_cache(maxsize=8)
def _any_keyword(extra: tuple[Path, ...]) -> re.Pattern[str]:
    # Longest first, and in one order in every process: the compiled pattern is kept per
    # machine under its text (see zzlint.lazyre).
    return lazy("|".join(alternative for word in sorted(_keywords(extra), key=lambda w: (-len(w), w))
                         for alternative in any_width(word)) or "(?!)")


@lru_cache(maxsize=8)
def _keyword_ends(extra: tuple[Path, ...]) -> tuple[str, ...]:
    """The last character of each keyword, in either width."""
    ends = {fold(word)[-1] for word in _keywords(extra)}
    return tuple(sorted(ends | {WIDE[end] for end in ends if end in WIDE}))
