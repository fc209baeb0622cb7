"""A paragraph already printed: equal or nearly equal to a paragraph of the archive index.

A paper's worst repeat is not inside one page: it is yesterday's story, or last month's
notice, printed again (重复刊发). With an archive index (built by ``zzlint archive add``, see the
README) and ``archive = "path/to/index.sqlite"`` in config or ``--archive PATH`` on
``zzlint check``, every paragraph of the draft is looked up in everything already printed. The
paragraphs compared, the normalised key and the near-repeat threshold are those of
``repeated-paragraph``: a paragraph counts when its rapidfuzz similarity to an archived one
reaches ``threshold`` per cent (by default repeated-paragraph's, 90), and titles, short
stubs, mostly quoted paragraphs and items of one list are exempt. The finding names the earliest such archived paragraph, its file,
line and date, and how similar it is; the archived paragraphs of the draft's own file are not
compared with it. It is a warning: a background paragraph may be reprinted on purpose, an
editor decides. Off by default, and silent without an index.

Wrong (the archive holds 2024-03-01.txt)::

    2024-03-01.txt:  全市今年新建改建农村公路一千二百公里，完成危旧桥梁改造八十座，城乡客运一体化覆盖所有乡镇。
    draft.txt:       全市今年新建改建农村公路一千二百公里，完成危旧桥梁改造八十座，城乡客运一体化覆盖所有乡镇。

Right: drop the paragraph, or say what is new.
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from zzlint.diagnostic import Finding, RelatedSpan, Severity
from zzlint.document import Document
from zzlint.i18n import _
from zzlint.rule import Rule
from zzlint.rules import repeated_paragraph

if TYPE_CHECKING:
    from zzlint.archive.index import Archive, Hit


class Options(NamedTuple):
    #: The archive index (a file made by ``zzlint archive add``); empty: no archive.
    index: str = ""
    threshold: float = repeated_paragraph.Options._field_defaults["threshold"]

    def validate(self) -> None:
        if not 0 < self.threshold <= 100:
            raise ValueError(_("threshold must be above 0 and at most 100, not {threshold}").format(
                threshold=self.threshold))
        if self.index:
            _generation(self.index)

    def __repr__(self) -> str:
        # The findings cache keys on this (once per run): a changed archive must not serve
        # stale findings.
        return (f"Options(index={self.index!r}, threshold={self.threshold!r}, "
                f"generation={_generation(self.index) if self.index else None})")


def _generation(index: str) -> int:
    from zzlint.archive import ArchiveError

    try:
        from zzlint.archive.index import Archive

        with Archive.open(Path(index)) as archive:
            return archive.generation()
    except ArchiveError as exc:
        raise ValueError(str(exc)) from None


class AlreadyPrinted(Rule):
    __doc__ = __doc__
    name = "already-printed"
    severity = Severity.WARNING
    default_enabled = False
    Options = Options

    def __init__(self, options: object | None = None, packs: tuple[Path, ...] = ()) -> None:
        super().__init__(options, packs)
        self._opened: tuple[int, "Archive"] | None = None

    def _archive(self) -> "Archive":
        """The index, opened on first use in each process (a connection does not survive fork)."""
        from zzlint.archive.index import Archive

        if self._opened is None or self._opened[0] != os.getpid():
            self._opened = (os.getpid(), Archive.open(Path(self.options.index)))
        return self._opened[1]

    def check(self, doc: Document) -> Iterator[Finding]:
        if not self.options.index:
            return
        from zzlint.archive.paragraphs import indexed_paragraphs

        drafts = indexed_paragraphs(doc)
        if not drafts:
            return
        archive = self._archive()
        hits = archive.lookup(drafts, self.options.threshold, exclude_path=archive.stored(Path(doc.path)))
        for draft, hit in zip(drafts, hits):
            if hit is not None:
                yield _finding(archive, draft.paragraph.start, draft.paragraph.end, hit)


def _finding(archive: "Archive", start: int, end: int, hit: "Hit") -> Finding:
    where = hit.location
    path = archive.shown(where.path)
    date = where.date or _("date unknown")
    if hit.similarity >= 100:
        message = _("paragraph was already printed word for word: {path}:{line}, {date}").format(
            path=path, line=where.line, date=date)
    else:
        message = _("paragraph was already printed (similarity {similarity}%): {path}:{line}, {date}").format(
            similarity=f"{hit.similarity:.0f}", path=path, line=where.line, date=date)
    related = RelatedSpan(start, _("printed before ({date})").format(date=date), path, where.line, where.column)
    return Finding(start, end, message, (related,))
