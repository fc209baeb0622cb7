"""Compiler style, one finding a line: ``path:line:col: severity: message [rule]``.

On a terminal the path is bold, the severity coloured and the rule dimmed (``report.color``)."""
from __future__ import annotations

from zzlint.diagnostic import Diagnostic, Severity
from zzlint.i18n import _
from zzlint.reporters import Report, per_10000, rule_counts

#: ANSI select-graphic-rendition codes: the colour of each severity, bold, dim, and reset.
COLOURS = {Severity.ERROR: 31, Severity.WARNING: 33, Severity.INFO: 34}
BOLD, DIM, RESET = 1, 2, 0


def render(report: Report) -> str:
    line = _coloured if report.color else _plain
    return "".join(line(d) for d in report.diagnostics)


def _plain(d: Diagnostic) -> str:
    return f"{d.path}:{d.line}:{d.column}: {d.severity}: {d.message} [{d.rule}]\n"


def _coloured(d: Diagnostic) -> str:
    where = _styled(f"{d.path}:{d.line}:{d.column}:", BOLD)
    severity = _styled(f"{d.severity}:", COLOURS[d.severity], BOLD)
    rule = _styled(f"[{d.rule}]", DIM)
    return f"{where} {severity} {d.message} {rule}\n"


def _styled(text: str, *codes: int) -> str:
    """``text`` in the given renditions, then back to plain (as click.style writes it)."""
    return "".join(f"\x1b[{code}m" for code in codes) + text + f"\x1b[{RESET}m"


def statistics(report: Report) -> str:
    """Counts per rule, then the total and its rate per 10,000 characters."""
    total = len(report.diagnostics)
    lines = [f"{n:6d}  {rule}" for rule, n in rule_counts(report)]
    lines.append(_("{total} findings in {characters} characters: {rate} per 10,000 characters").format(
        total=total, characters=f"{report.characters:,}", rate=f"{per_10000(total, report.characters):.2f}"))
    return "\n".join(lines) + "\n"
