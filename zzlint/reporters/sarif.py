"""SARIF 2.1.0 for code-scanning dashboards: rule metadata with help text, and results with
regions in lines and columns (columns in Unicode code points, as zzlint counts them)."""
from __future__ import annotations

import json

from zzlint import __version__
from zzlint.diagnostic import Diagnostic
from zzlint.reporters import Report

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def render(report: Report) -> str:
    used = sorted({d.rule for d in report.diagnostics})
    index = {name: i for i, name in enumerate(used)}
    rules = [_rule(name, report) for name in used]
    results = [_result(d, index[d.rule]) for d in report.diagnostics]
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "zzlint", "version": __version__,
                                "informationUri": "https://pypi.org/project/zzlint/", "rules": rules}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


def _rule(name: str, report: Report) -> dict[str, object]:
    cls = report.rules.get(name)
    doc = cls.documentation() if cls else ""
    summary = cls.summary() if cls else name
    descriptor: dict[str, object] = {
        "id": name,
        "name": name,
        "shortDescription": {"text": summary or name},
        "fullDescription": {"text": doc or summary or name},
        "help": {"text": doc or summary or name},
    }
    if cls:
        descriptor["defaultConfiguration"] = {"level": LEVEL[str(cls.severity)],
                                              "enabled": cls.default_enabled}
    return descriptor


def _location(path: str, line: int, column: int, end_line: int | None = None,
              end_column: int | None = None) -> dict[str, object]:
    region: dict[str, int] = {"startLine": line, "startColumn": column}
    if end_line is not None and end_column is not None:
        region |= {"endLine": end_line, "endColumn": end_column}
    return {"physicalLocation": {"artifactLocation": {"uri": path.replace("\\", "/")}, "region": region}}


def _result(d: Diagnostic, rule_index: int) -> dict[str, object]:
    result: dict[str, object] = {
        "ruleId": d.rule,
        "ruleIndex": rule_index,
        "level": LEVEL[str(d.severity)],
        "message": {"text": d.message},
        "locations": [_location(d.path, d.line, d.column, d.end_line, d.end_column)],
    }
    if d.related:
        result["relatedLocations"] = [
            {"id": i, "message": {"text": r.message}, **_location(r.path, r.line, r.column)}
            for i, r in enumerate(d.related)]
    if d.fingerprint:
        result["partialFingerprints"] = {"zzlint/v1": d.fingerprint}
    return result
