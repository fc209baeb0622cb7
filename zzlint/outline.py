"""``zzlint structure FILE``: what zzlint believes about a document, for a reader to check.

It shows the stories (``zzlint.structure``) with why each starts where it does, whether the file
is taken for many issues, the headings, quoted paragraphs, numbering markers and formula
series, at their lines: a surprising silence of a rule can be explained from it.
"""
from __future__ import annotations

import functools
from typing import Any

from zzlint.document import Document
from zzlint.i18n import _, ngettext
from zzlint.numbering import NO_MARKERS, Marker, ParagraphMarkers, document_markers
from zzlint.repeats import series_groups, similar_pairs
from zzlint.rules.repeated_paragraph import RepeatedParagraph
from zzlint.structure import structure


def describe(doc: Document) -> dict[str, Any]:
    found = structure(doc)
    line = lambda index: doc.position(doc.paragraphs[index].start)[0]  # noqa: E731
    markers = document_markers(doc)
    return {
        "path": doc.path,
        "paragraphs": len(doc.paragraphs),
        "many-issues": found.collection,
        "stories": [{
            "lines": [line(story.paragraphs.start), line(story.paragraphs.stop - 1)],
            "opening": story.opening,
            "numbering": [[m.text, *doc.position(m.start)] for i in story.paragraphs
                          for m in _markers(markers.get(i, NO_MARKERS))],
        } for story in found.stories],
        "headings": [line(i) for i in sorted(found.headings)],
        "quoted": [line(i) for i in sorted(found.quoted)],
        "formula-series": [[line(entry.paragraph.index) for entry in group] for group in _series(doc)],
    }


def _markers(found: ParagraphMarkers) -> list[Marker]:
    return [*found.headings, *found.inline]


def _series(doc: Document) -> list[list[Any]]:
    rule = RepeatedParagraph()
    entries = [entry for p in doc.paragraphs if (entry := rule._entry(0, p))]
    return series_groups(list(similar_pairs(entries, rule.options.threshold)))


def render(outline: dict[str, Any]) -> str:
    count = len(outline["stories"])
    if outline["many-issues"]:
        verdict = ngettext("{count} story: many issues in one file; repeats are compared within each story",
                           "{count} stories: many issues in one file; repeats are compared within each story",
                           count)
    else:
        verdict = ngettext("{count} story: one issue or document; repeats are compared over the whole file",
                           "{count} stories: one issue or document; repeats are compared over the whole file",
                           count)
    lines = [f"{outline['path']}: " + verdict.format(count=count)]
    for number, story in enumerate(outline["stories"], 1):
        first, last = story["lines"]
        lines.append(_("story {number}: lines {first}-{last} ({opening})").format(
            number=number, first=first, last=last, opening=_(story["opening"])))
        if story["numbering"]:
            lines.append("  " + " ".join(f"{text}({at_line}:{column})" for text, at_line, column in story["numbering"]))
    if outline["headings"]:
        lines.append(_("headings: lines {lines}").format(lines=_lines(outline["headings"])))
    if outline["quoted"]:
        lines.append(_("quoted paragraphs: lines {lines}").format(lines=_lines(outline["quoted"])))
    for group in outline["formula-series"]:
        lines.append(_("formula series: lines {lines}").format(lines=_lines(group)))
    return "\n".join(lines) + "\n"


def _lines(numbers: list[int]) -> str:
    """Line numbers as a list, in the language in force (1, 2, 5 or 1、2、5)."""
    return functools.reduce(lambda first, second: _("{first}, {second}").format(first=first, second=second),
                            map(str, numbers))
