"""Suppression comments in Markdown drafts, applied to the diagnostics after linting.

    <!-- zzlint-disable rule-a, rule-b -- reason -->   … rule-a and rule-b off
    <!-- zzlint-enable rule-b -->                      … rule-b on again, rule-a still off
    <!-- zzlint-enable -->                             … every rule on again
    <!-- zzlint-disable -->                            … every rule off
    <!-- zzlint-disable-next-line rule-a -- 原文如此 --> the next paragraph that holds text

A block runs from the line of its disable comment to the line of the enable comment that ends
it, or to the end of the file. Only real HTML comments count: the Markdown reader hands over the
comments markdown-it-py parses as HTML, so the same text inside code is not a directive. The
reason after ``--`` is for the reader of the draft; zzlint keeps it but does not need it. A
comment that names an unknown rule or directive is reported by the ``invalid-suppression``
rule and never suppressed itself.
"""
from __future__ import annotations

import bisect
import re
import sys
from typing import NamedTuple

from zzlint.diagnostic import Diagnostic
from zzlint.lazyre import lazy

COMMENT = lazy(r"<!--\s*zzlint-([A-Za-z-]*)(.*?)-->", re.S)
KINDS = ("disable-next-line", "disable", "enable")
NAME_SEPARATOR = lazy(r"[,\s]+")
#: The rule that reports faulty suppression comments: no comment can silence it.
CHECKER = "invalid-suppression"
#: The last line of a block that no enable comment ends: the end of the file.
END_OF_FILE = sys.maxsize


class Directive(NamedTuple):
    """A suppression comment: its kind (maybe unknown), the rules it names (none: every rule),
    where it is (source offsets and 1-based line) and, for disable-next-line, the lines it covers."""

    kind: str
    rules: tuple[str, ...]
    reason: str
    start: int
    end: int
    line: int
    covered: tuple[int, int] = (0, 0)


class Range(NamedTuple):
    """Lines ``first``..``last`` (inclusive) where ``rules`` are off (None: every rule but
    ``spared``)."""

    first: int
    last: int
    rules: frozenset[str] | None
    spared: frozenset[str] = frozenset()

    def covers(self, diagnostic: Diagnostic) -> bool:
        if not self.first <= diagnostic.line <= self.last:
            return False
        if self.rules is None:
            return diagnostic.rule not in self.spared
        return diagnostic.rule in self.rules


def comments_in(source: str, start: int, end: int) -> list[re.Match[str]]:
    return list(COMMENT.finditer(source, start, end))


def parse(source: str, comments: list[re.Match[str]], line_starts: list[int],
          paragraph_spans: list[tuple[int, int]]) -> list[Directive]:
    """The directives of ``comments`` (matches of COMMENT in ``source``, HTML comments only)."""
    directives = []
    for match in comments:
        names, _dash, reason = match.group(2).partition("--")
        line = bisect.bisect_right(line_starts, match.start())
        kind = match.group(1)
        covered = _next_paragraph(source, line_starts, paragraph_spans, match.end()) \
            if kind == "disable-next-line" else (0, 0)
        directives.append(Directive(kind, tuple(n for n in NAME_SEPARATOR.split(names.strip()) if n),
                                    reason.strip(), match.start(), match.end(), line, covered))
    return directives


def _next_paragraph(source: str, line_starts: list[int], spans: list[tuple[int, int]],
                    after: int) -> tuple[int, int]:
    """The lines of the paragraph that holds the first line with text after offset ``after``:
    from that line to the paragraph's last line."""
    line = bisect.bisect_right(line_starts, after) + 1
    while line < len(line_starts) and not source[line_starts[line - 1]:line_starts[line]].strip():
        line += 1
    offset = line_starts[min(line, len(line_starts)) - 1]
    containing = next(((s, e) for s, e in spans if s <= offset < e), None)
    if containing is None:
        return line, line
    return line, bisect.bisect_right(line_starts, max(containing[0], containing[1] - 1))


def ranges(directives: list[Directive]) -> list[Range]:
    """Where rules are off, working through the comments in order: ``enable b`` ends the
    suppression of b only, whatever else is off."""
    found: list[Range] = []
    opened: dict[str, int] = {}
    everything: int | None = None
    spared: frozenset[str] = frozenset()
    for d in sorted(directives, key=lambda d: d.start):
        named = frozenset(d.rules)
        if d.kind == "disable-next-line":
            found.append(Range(*d.covered, named or None))
        elif d.kind == "disable" and not named:
            if everything is not None:
                found.append(Range(everything, d.line, None, spared))
            everything, spared = d.line, frozenset()
        elif d.kind == "disable":
            for rule in named:
                opened.setdefault(rule, d.line)
            if everything is not None and spared & named:
                found.append(Range(everything, d.line, None, spared))
                everything, spared = d.line, spared - named
        elif d.kind == "enable":
            for rule in (named or frozenset(opened)) & frozenset(opened):
                found.append(Range(opened.pop(rule), d.line, frozenset({rule})))
            if everything is not None:
                found.append(Range(everything, d.line, None, spared))
                everything, spared = (d.line, spared | named) if named else (None, frozenset())
    found.extend(Range(line, END_OF_FILE, frozenset({rule})) for rule, line in opened.items())
    if everything is not None:
        found.append(Range(everything, END_OF_FILE, None, spared))
    return found


def apply(diagnostics: list[Diagnostic], directives: list[Directive]) -> list[Diagnostic]:
    if not directives:
        return diagnostics
    off = ranges(directives)
    return [d for d in diagnostics if d.rule == CHECKER or not any(r.covers(d) for r in off)]
