"""What the two certificate rules share: their options and the examination of a document.

invalid-certificate-number reports every failure class but ``place``; certificate-region-mismatch
reports ``place`` only. Both read the same examination, worked out once per document.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import ClassVar

from zzlint.diagnostic import Finding
from zzlint.document import Document
from zzlint.rule import Rule


@dataclass(frozen=True)
class Options:
    #: YYYY-MM-DD; no date in a number may lie after it (empty: today).
    reference_date: str = ""
    #: The place a notice is from when it names none (the newspaper's own city).
    locale: str = ""


class CertificateRule(Rule):
    Options = Options
    #: Whether this rule reports the ``place`` failures (and only those) or all the others.
    reports_place: ClassVar[bool] = False

    def check(self, doc: Document) -> Iterator[Finding]:
        from zzlint.certificates import examiner

        checker = examiner(self.packs, self.options.reference_date, self.options.locale)
        for problem in checker.problems(doc):
            if (problem.failure == "place") == self.reports_place:
                yield Finding(problem.start, problem.end, problem.message,
                              severity=None if self.reports_place else problem.severity)
