"""Compiler style, one finding a line: ``path:line:col: severity: message [rule]``."""
from __future__ import annotations

from zzlint.i18n import _
from zzlint.reporters import Report, per_10000, rule_counts


def render(report: Report) -> str:
    return "".join(f"{d.path}:{d.line}:{d.column}: {d.severity}: {d.message} [{d.rule}]\n"
                   for d in report.diagnostics)


def statistics(report: Report) -> str:
    """Counts per rule, then the total and its rate per 10,000 characters."""
    total = len(report.diagnostics)
    lines = [f"{n:6d}  {rule}" for rule, n in rule_counts(report)]
    lines.append(_("{total} findings in {characters} characters: {rate} per 10,000 characters").format(
        total=total, characters=f"{report.characters:,}", rate=f"{per_10000(total, report.characters):.2f}"))
    return "\n".join(lines) + "\n"
