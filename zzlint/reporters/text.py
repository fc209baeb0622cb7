"""Compiler style, one finding a line: ``path:line:col: severity: message [rule]``."""
from __future__ import annotations

from zzlint.reporters import Report


def render(report: Report) -> str:
    return "".join(f"{d.path}:{d.line}:{d.column}: {d.severity}: {d.message} [{d.rule}]\n"
                   for d in report.diagnostics)
