"""``{"version": 1, "diagnostics": [...], "errors": [...]}``: a public contract, kept stable.

``errors`` lists the files that could not be linted and the rules that failed, each as
``{"path", "rule", "message"}`` (``path`` is null for an argument that names nothing to lint,
``rule`` is null unless a rule failed).
"""
from __future__ import annotations

import json

from zzlint.reporters import Report, per_10000, rule_counts

VERSION = 1


def render(report: Report) -> str:
    payload = {"version": VERSION, "diagnostics": [d.to_dict() for d in report.diagnostics],
               "errors": [e.to_dict() for e in report.errors]}
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def statistics(report: Report) -> str:
    total = len(report.diagnostics)
    payload = {
        "version": VERSION,
        "statistics": [{"rule": rule, "count": n, "per_10000_characters": per_10000(n, report.characters)}
                       for rule, n in rule_counts(report)],
        "total": total,
        "characters": report.characters,
        "per_10000_characters": per_10000(total, report.characters),
        "errors": [e.to_dict() for e in report.errors],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
