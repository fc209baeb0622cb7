"""``--annotate``: a copy of each Word file with one review comment per finding.

Editors work through zzlint's findings where they already work, in Word or WPS: each finding is
a comment by "zzlint" that holds its message and rule, anchored on exactly the flagged
characters. Runs are split at a finding's first and last character (each part keeps the run's
formatting) so that the anchor covers nothing more. The document is read with the same walk as
``zzlint.readers.docx``, so offsets agree with the findings; a file that changed since it was
linted is refused rather than annotated at the wrong place. The original is never written: the
copy is saved to a temporary file next to the target and renamed over it.

Word takes no comments in headers, footers and text boxes: a finding there gets its comment on
the first paragraph of the body, with the place it refers to.
"""
from __future__ import annotations

import bisect
import copy
import io
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from zzlint.diagnostic import Diagnostic
from zzlint.engine import fingerprint
from zzlint.i18n import _
from zzlint.readers import ReadError, read_file
from zzlint.readers.docx import RUN, W, WordParagraph, open_word, word_paragraphs

AUTHOR = "zzlint"
INITIALS = "zz"
SUFFIX = ".docx"
PROPERTIES = W + "rPr"


class AnnotateError(Exception):
    """A Word file that could not be annotated; the message is one line for the user."""


@dataclass(frozen=True)
class Target:
    source: Path
    display: str
    output: Path


def targets(sources: list[tuple[Path, str]], destination: Path) -> list[Target]:
    """Where each Word file's annotated copy goes: ``destination`` itself when it names one
    .docx file for one Word file, else a folder that gets each file under its own path."""
    if not sources:
        raise AnnotateError(_("--annotate: none of the files linted is a Word (.docx) file"))
    as_file = destination.suffix.lower() == SUFFIX and not destination.is_dir()
    if as_file and len(sources) > 1:
        raise AnnotateError(_("--annotate: {count} Word files are linted: give a folder for their "
                              "annotated copies, not {path}").format(count=len(sources), path=destination))
    found = [Target(path, display, destination if as_file else destination / _inside(display))
             for path, display in sources]
    originals = {path.resolve() for path, _display in sources}
    for target in found:
        if target.output.resolve() in originals:
            raise AnnotateError(_("--annotate: {path} is a file being linted; the original is never "
                                  "overwritten: choose another name").format(path=target.output))
    outputs = [t.output.resolve() for t in found]
    if len(set(outputs)) < len(outputs):
        raise AnnotateError(_("--annotate: two Word files would get the same annotated copy in {path}")
                            .format(path=destination))
    return found


def _inside(display: str) -> Path:
    """The path of an annotated copy inside the target folder: the file's own relative path."""
    relative = Path(display)
    if relative.is_absolute() or ".." in relative.parts:
        return Path(relative.name)
    return relative


def annotate(target: Target, diagnostics: Iterable[Diagnostic]) -> int:
    """Write the annotated copy of ``target.source``; the number of comments."""
    try:
        data = read_file(target.source, target.display)
        word = open_word(data, target.display)
    except ReadError as exc:
        raise AnnotateError(str(exc)) from None
    findings = sorted(diagnostics, key=lambda d: (d.start, d.end))
    text = _text(word_paragraphs(word))
    if any(fingerprint(text, d.rule, d.start, d.end) != d.fingerprint for d in findings):
        raise AnnotateError(_("{path}: changed since it was linted; not annotated (run again)")
                            .format(path=target.display))
    _split_runs(word_paragraphs(word), findings)
    paragraphs = word_paragraphs(word)
    starts = _starts(paragraphs)
    for d in findings:
        _comment(word, paragraphs, starts, d)
    _save(word, target.output)
    return len(findings)


def _text(paragraphs: list[WordParagraph]) -> str:
    return "\n".join(p.text for p in paragraphs) + "\n"


def _starts(paragraphs: list[WordParagraph]) -> list[int]:
    starts, offset = [], 0
    for paragraph in paragraphs:
        starts.append(offset)
        offset += paragraph.length + 1
    return starts


def _split_runs(paragraphs: list[WordParagraph], findings: list[Diagnostic]) -> None:
    """Split runs so that every finding starts and ends on a run boundary."""
    for paragraph, start in zip(paragraphs, _starts(paragraphs)):
        if paragraph.story != "body":
            continue
        inside = {offset - start for d in findings for offset in (d.start, d.end)
                  if 0 < offset - start < paragraph.length}
        for boundary in sorted(inside, reverse=True):
            piece = next(p for p in paragraph.pieces if p.start <= boundary < p.start + len(p.text))
            _split(piece.element, boundary - piece.start)


def _split(element: Any, at: int) -> None:
    """Split the run that holds ``element`` before the element's character ``at``; both parts
    keep the run's properties."""
    run = element.getparent()
    if run is None or run.tag != RUN:
        return
    children = list(run)
    index = children.index(element)
    if at == 0 and all(child.tag == PROPERTIES for child in children[:index]):
        return
    tail = copy.deepcopy(run)
    tail_children = list(tail)
    for child in tail_children[:index]:
        if child.tag != PROPERTIES:
            tail.remove(child)
    for child in children[index + 1:]:
        run.remove(child)
    if at == 0:
        run.remove(element)
    else:
        text = element.text or ""
        _set_text(element, text[:at])
        _set_text(tail_children[index], text[at:])
    run.addnext(tail)


def _set_text(element: Any, text: str) -> None:
    element.text = text
    element.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


def _comment(word: Any, paragraphs: list[WordParagraph], starts: list[int], d: Diagnostic) -> None:
    from docx.text.run import Run

    index = max(0, bisect.bisect_right(starts, d.start) - 1)
    last = max(index, bisect.bisect_right(starts, max(d.end, d.start + 1) - 1) - 1)
    elsewhere = next((p.story for p in paragraphs[index:last + 1] if p.story != "body"), None)
    if elsewhere is None:
        text = _("{message} [{rule}]").format(message=d.message, rule=d.rule)
        runs = _anchor(paragraphs[index:last + 1], starts[index:last + 1], d)
    else:
        text = _("In a {story}, paragraph {paragraph}: {message} [{rule}]").format(
            story=_story_name(elsewhere), paragraph=d.line, message=d.message, rule=d.rule)
        body = next((p for p in paragraphs if p.story == "body"), None)
        runs = (_first_run(body) if body is not None else _empty_run(word.element.body.add_p()),) * 2
    word.add_comment([Run(r, word) for r in runs], text=text, author=AUTHOR, initials=INITIALS)


def _story_name(story: str) -> str:
    return {"header": _("header"), "footer": _("footer"), "textbox": _("text box")}[story]


def _anchor(paragraphs: list[WordParagraph], starts: list[int], d: Diagnostic) -> tuple[Any, Any]:
    """The first and last run of the flagged characters (of the nearest ones for a finding that
    flags a line break or nothing)."""
    high = max(d.end, d.start + 1)
    runs = [piece.element.getparent() for paragraph, start in zip(paragraphs, starts)
            for piece in paragraph.pieces
            if start + piece.start < high and d.start < start + piece.start + len(piece.text)]
    if not runs:
        runs = [_first_run(paragraphs[0], d.start - starts[0])]
    return runs[0], runs[-1]


def _first_run(paragraph: WordParagraph, near: int = 0) -> Any:
    """The run of the paragraph's piece nearest to ``near``, or a new empty run."""
    if not paragraph.pieces:
        return _empty_run(paragraph.element)
    return min(paragraph.pieces, key=lambda p: abs(p.start - near)).element.getparent()


def _empty_run(paragraph: Any) -> Any:
    from docx.oxml import OxmlElement

    run = OxmlElement("w:r")
    properties = paragraph.find(W + "pPr")
    if properties is not None:
        properties.addnext(run)
    else:
        paragraph.insert(0, run)
    return run


def _save(word: Any, output: Path) -> None:
    from zzlint.fixes import TEMPORARY_SUFFIX, temporary_prefix

    stream = io.BytesIO()
    word.save(stream)
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=temporary_prefix(output.name), suffix=TEMPORARY_SUFFIX,
                                             dir=output.parent)
    except OSError as exc:
        raise AnnotateError(_("{path}: cannot write: {reason}").format(path=output, reason=exc.strerror or exc)) from None
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(stream.getvalue())
        os.replace(temporary, output)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise AnnotateError(_("{path}: cannot write: {reason}").format(path=output, reason=exc.strerror or exc)) from None
