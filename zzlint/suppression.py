"""Suppression comments in Markdown drafts, applied to the diagnostics after linting.

    <!-- zzlint-disable rule-a, rule-b -- reason -->   … until <!-- zzlint-enable -->
    <!-- zzlint-disable -->                            … every rule
    <!-- zzlint-disable-next-line rule-a -- 原文如此 --> the next line that holds text

The reason after ``--`` is for the reader of the draft; zzlint keeps it but does not need it.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from zzlint.diagnostic import Diagnostic

DIRECTIVE = re.compile(
    r"<!--\s*zzlint-(disable-next-line|disable|enable)\b\s*([a-z0-9,\s-]*?)\s*(?:--\s*(.*?))?\s*-->")


@dataclass(frozen=True)
class Directive:
    """Rules off from ``first_line`` to ``last_line`` (1-based, inclusive); no rules means all."""

    first_line: int
    last_line: int
    rules: frozenset[str]
    reason: str

    def covers(self, diagnostic: Diagnostic) -> bool:
        return (self.first_line <= diagnostic.line <= self.last_line
                and (not self.rules or diagnostic.rule in self.rules))


def parse_directives(source: str, line_starts: list[int]) -> list[Directive]:
    directives: list[Directive] = []
    open_ranges: list[tuple[int, frozenset[str], str]] = []
    last_line = len(line_starts)
    for match in DIRECTIVE.finditer(source):
        kind, names, reason = match.group(1), match.group(2), match.group(3) or ""
        rules = frozenset(n.strip() for n in names.split(",") if n.strip())
        line = bisect.bisect_right(line_starts, match.start())
        if kind == "disable-next-line":
            target = _next_text_line(source, line_starts, bisect.bisect_right(line_starts, match.end()))
            directives.append(Directive(target, target, rules, reason))
        elif kind == "disable":
            open_ranges.append((line, rules, reason))
        else:
            directives.extend(Directive(start, line, names_, why) for start, names_, why in open_ranges)
            open_ranges.clear()
    directives.extend(Directive(start, last_line, names_, why) for start, names_, why in open_ranges)
    return directives


def _next_text_line(source: str, line_starts: list[int], line: int) -> int:
    """The first line after ``line`` (1-based) that is not blank."""
    for candidate in range(line + 1, len(line_starts)):
        text = source[line_starts[candidate - 1]:line_starts[candidate]]
        if text.strip():
            return candidate
    return line + 1


def apply(diagnostics: list[Diagnostic], directives: list[Directive]) -> list[Diagnostic]:
    if not directives:
        return diagnostics
    return [d for d in diagnostics if not any(directive.covers(d) for directive in directives)]
