"""``{"version": 1, "diagnostics": [...]}``: a public contract, kept stable."""
from __future__ import annotations

import json

from zzlint.reporters import Report

VERSION = 1


def render(report: Report) -> str:
    payload = {"version": VERSION, "diagnostics": [d.to_dict() for d in report.diagnostics]}
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
