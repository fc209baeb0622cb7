"""A baseline: the findings an archive already has, so that only new ones are reported.

Entries are keyed on path, rule and the finding's fingerprint (the flagged text and a little of
either side, see ``engine.fingerprint``), never on line numbers: editing elsewhere in a file
leaves them valid. Paths are stored relative to the baseline file. An entry that no longer
matches any finding is stale: the defect was fixed, or its text changed.
"""
from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from zzlint.diagnostic import Diagnostic
from zzlint.i18n import _

VERSION = 1


class BaselineError(ValueError):
    """A baseline file that cannot be read or written."""


@dataclass(frozen=True)
class Entry:
    path: str
    rule: str
    fingerprint: str


def _key(diagnostic: Diagnostic, folder: Path) -> Entry:
    path = os.path.relpath(Path(diagnostic.path).resolve(), folder.resolve())
    return Entry(Path(path).as_posix(), diagnostic.rule, diagnostic.fingerprint)


def write(diagnostics: list[Diagnostic], file: Path) -> int:
    counts = Counter(_key(d, file.parent) for d in diagnostics)
    messages = {_key(d, file.parent): d.message for d in diagnostics}
    entries = [{"path": e.path, "rule": e.rule, "fingerprint": e.fingerprint, "count": n,
                "message": messages[e]} for e, n in sorted(counts.items(), key=lambda i: (i[0].path, i[0].rule))]
    try:
        file.write_text(json.dumps({"version": VERSION, "entries": entries}, ensure_ascii=False,
                                   indent=2) + "\n", encoding="utf-8")
    except OSError as exc:
        raise BaselineError(_("{path}: cannot write baseline: {reason}").format(
            path=file, reason=exc.strerror or exc)) from None
    return sum(counts.values())


def apply(diagnostics: list[Diagnostic], file: Path) -> tuple[list[Diagnostic], list[str]]:
    """The diagnostics the baseline does not cover, and a description of each stale entry."""
    remaining = _read(file)
    kept = []
    for diagnostic in diagnostics:
        key = _key(diagnostic, file.parent)
        if remaining.get(key, 0) > 0:
            remaining[key] -= 1
        else:
            kept.append(diagnostic)
    stale = [_("{path}: stale entry: {entry}: {rule} ({count} no longer found)").format(
        path=file, entry=e.path, rule=e.rule, count=n) for e, n in remaining.items() if n > 0]
    return kept, stale


def _read(file: Path) -> Counter[Entry]:
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
        if data.get("version") != VERSION:
            raise BaselineError(_("{path}: baseline version {found!r} is not {version}").format(
                path=file, found=data.get("version"), version=VERSION))
        return Counter({Entry(e["path"], e["rule"], e["fingerprint"]): int(e.get("count", 1))
                        for e in data["entries"]})
    except OSError as exc:
        raise BaselineError(_("{path}: cannot read baseline: {reason}").format(
            path=file, reason=exc.strerror or exc)) from None
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise BaselineError(_("{path}: not a zzlint baseline ({reason})").format(path=file, reason=exc)) from None
