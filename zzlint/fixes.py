"""Applying the fixes rules offer, and writing the fixed file back without losing anything.

Safety: each rule says whether its fix is safe, meaning it cannot change the meaning (a mark's
form, a digit's width), or unsafe, meaning it may (a character removed, a word replaced; see
``Rule.fix_safety``). ``--fix`` applies the safe ones; ``--unsafe-fixes`` adds the others.

Conflicts: a fix replaces its finding's span and nothing else. It is held back while another
rule's finding covers any of the same characters, because the two rules read them differently
(to numbering-punctuation the . of 一. closes a marker and wants 、; to a punctuation rule it
could be a full stop). The one exception is a longer finding without a fix of its own that
contains the fix (the end of a broken paragraph, a repeated passage): fixing a mark inside it
does not touch what it reports. Among one rule's overlapping fixes the later waits for the
next pass. Passes repeat (at most MAX_PASSES) until nothing changes, so a second ``--fix``
finds nothing to apply.

Writing: the new bytes go to a temporary file in the file's own folder, are flushed to disk,
and replace the file by a rename, so an interrupted run (even ``kill -9``) leaves the whole old
or the whole new file. The file is refused, unchanged, when replacing it would change more than
its text: when it is read-only or another user's (a rename would make it writable or the
caller's), has other hard links (they would keep the old text), or changed while zzlint was
working on it (that edit would be lost). A symbolic link is followed: its target is fixed and
the link stays. Temporaries are named ``.NAME.zzlint-HOST-PID-RANDOM.tmp``; one left behind by
a killed run (its process is gone) is removed by the next ``--fix`` in that folder.
"""
from __future__ import annotations

import bisect
import difflib
import os
import socket
import stat
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from zzlint.diagnostic import Diagnostic
from zzlint.document import Document
from zzlint.i18n import _

MAX_PASSES = 8
TEMPORARY_MARK = ".zzlint-"
TEMPORARY_SUFFIX = ".tmp"


class WriteRefused(OSError):
    """The fixed text was not written; the message is one line for the user."""


def everything(diagnostic: Diagnostic) -> bool:
    return True


def chosen(source: str, diagnostics: list[Diagnostic],
           allowed: Callable[[Diagnostic], bool] = everything) -> list[Diagnostic]:
    """The fixes one pass applies, in text order: allowed, on one line, clear of every conflict."""
    candidates = sorted((d for d in diagnostics if d.fix is not None and allowed(d)
                         and not _crosses_line(source, d)), key=lambda d: (d.start, d.end))
    blocked = _conflicting(candidates, diagnostics)
    picked: list[Diagnostic] = []
    position = 0
    for d in candidates:
        if d.start >= position and id(d) not in blocked:
            picked.append(d)
            position = max(d.end, d.start + 1)
    return picked


def apply(source: str, diagnostics: list[Diagnostic],
          allowed: Callable[[Diagnostic], bool] = everything) -> str:
    return _replace(source, chosen(source, diagnostics, allowed))


def _replace(source: str, fixes: list[Diagnostic]) -> str:
    pieces: list[str] = []
    position = 0
    for d in fixes:
        pieces.append(source[position:d.start])
        pieces.append(d.fix or "")
        position = d.end
    pieces.append(source[position:])
    return "".join(pieces)


def _crosses_line(source: str, d: Diagnostic) -> bool:
    return "\n" in source[d.start:d.end] or "\r" in source[d.start:d.end]


def _span(d: Diagnostic) -> tuple[int, int]:
    """A finding's characters; an empty span stands for the character at its place."""
    return d.start, max(d.end, d.start + 1)


def _conflicting(candidates: list[Diagnostic], diagnostics: Iterable[Diagnostic]) -> set[int]:
    """The ids of the candidates whose characters another rule's finding also covers (see the
    module's documentation for the one exception)."""
    if not candidates:
        return set()
    starts = [_span(d)[0] for d in candidates]
    longest = max(_span(d)[1] - _span(d)[0] for d in candidates)
    blocked: set[int] = set()
    for other in diagnostics:
        low, high = _span(other)
        first = bisect.bisect_left(starts, low - longest + 1)
        for fix in candidates[first:bisect.bisect_left(starts, high)]:
            start, end = _span(fix)
            if other.rule == fix.rule or not (start < high and low < end):
                continue
            contains = low <= start and end <= high and (low, high) != (start, end)
            if not (contains and other.fix is None):
                blocked.add(id(fix))
    return blocked


def fix_until_stable(doc: Document, lint: Callable[[Document], list[Diagnostic]],
                     reread: Callable[[str], Document],
                     allowed: Callable[[Diagnostic], bool] = everything) -> tuple[Document, list[Diagnostic], int]:
    """The fixed document, its remaining findings and how many fixes were applied."""
    diagnostics = lint(doc)
    applied = 0
    for _pass in range(MAX_PASSES):
        fixes = chosen(doc.source, diagnostics, allowed)
        if not fixes:
            break
        applied += len(fixes)
        doc = reread(_replace(doc.source, fixes))
        diagnostics = lint(doc)
    return doc, diagnostics, applied


def unified_diff(path: str, before: str, after: str) -> str:
    return "".join(difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                        f"a/{path}", f"b/{path}"))


def write_fixed(path: Path, original: bytes, data: bytes, display: str) -> None:
    """Replace the file at ``path``, read as ``original``, by ``data`` (see the module's
    documentation), or raise WriteRefused and leave it as it is."""
    target = path.resolve()
    try:
        status = target.stat()
    except OSError as exc:
        raise WriteRefused(_("{path}: cannot write: {reason}; not fixed").format(
            path=display, reason=exc.strerror or exc)) from None
    _check_replaceable(status, display)
    remove_stale_temporaries(target.parent)
    try:
        handle, temporary = tempfile.mkstemp(prefix=temporary_prefix(target.name), suffix=TEMPORARY_SUFFIX,
                                             dir=target.parent)
    except OSError as exc:
        raise WriteRefused(_("{path}: cannot write in its folder ({reason}); not fixed").format(
            path=display, reason=exc.strerror or exc)) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, stat.S_IMODE(status.st_mode))
        if _current(target) != original:
            raise WriteRefused(_("{path}: changed while zzlint was fixing it; not fixed (run --fix again)")
                               .format(path=display))
        os.replace(temporary, target)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(exc, WriteRefused):
            raise
        raise WriteRefused(_("{path}: cannot write: {reason}; not fixed").format(
            path=display, reason=exc.strerror or exc)) from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _check_replaceable(status: os.stat_result, display: str) -> None:
    if hasattr(os, "geteuid") and status.st_uid != os.geteuid():
        raise WriteRefused(_("{path}: another user's file (a fixed copy would be yours); not fixed")
                           .format(path=display))
    if not status.st_mode & stat.S_IWUSR:
        raise WriteRefused(_("{path}: read-only file; not fixed").format(path=display))
    if status.st_nlink > 1:
        raise WriteRefused(_("{path}: has {count} hard links, which would keep the old text; not fixed")
                           .format(path=display, count=status.st_nlink))


def _current(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def temporary_prefix(name: str) -> str:
    return f".{name}{TEMPORARY_MARK}{socket.gethostname()}-{os.getpid()}-"


_swept: set[Path] = set()


def remove_stale_temporaries(folder: Path) -> None:
    """Remove the temporaries that killed ``--fix`` runs on this machine left in ``folder``
    (once per folder and process)."""
    if folder in _swept:
        return
    _swept.add(folder)
    host = socket.gethostname()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        owner = _temporary_owner(entry.name)
        if owner is not None and owner[0] == host and not _alive(owner[1]):
            Path(entry.path).unlink(missing_ok=True)


def _temporary_owner(name: str) -> tuple[str, int] | None:
    """(host, process id) from a temporary's name, or None for any other file."""
    if not name.startswith(".") or not name.endswith(TEMPORARY_SUFFIX) or TEMPORARY_MARK not in name:
        return None
    parts = name[:-len(TEMPORARY_SUFFIX)].rsplit(TEMPORARY_MARK, 1)[1].rsplit("-", 2)
    if len(parts) != 3 or not parts[1].isdigit():
        return None
    return parts[0], int(parts[1])


def _alive(pid: int) -> bool:
    if os.name == "nt":  # signal 0 is not a probe there: never take a temporary for stale
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
