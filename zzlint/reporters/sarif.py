"""SARIF 2.1.0 for code-scanning dashboards.

- Paths are URI references: relative to ``%SRCROOT%`` (the folder zzlint ran in, declared in
  ``originalUriBaseIds``) for files inside it, ``file:`` URIs for the others, percent-encoded
  (Chinese names, spaces, ``:`` and ``,`` included).
- Columns count Unicode code points, as zzlint counts them, and the run says so
  (``columnKind: unicodeCodePoints``) rather than leaving readers to assume UTF-16 units.
- Each rule carries its documentation (``help``) and a ``helpUri``: the file that documents it in
  the source repository at this version (a built-in rule's module, whose docstring is its
  documentation, or the shipped pack that declares it). The repository's address is the
  ``Repository`` project URL of the installed package, so a mirror changes it in one place.
- ``partialFingerprints`` tell identical findings in one file apart by their occurrence.
- Files that could not be linted and rules that failed are ``toolExecutionNotifications`` of the
  invocation, which is then not ``executionSuccessful``.
"""
from __future__ import annotations

import json
import os
from collections import Counter
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from urllib.parse import quote

from zzlint import __version__
from zzlint.diagnostic import Diagnostic
from zzlint.packs import builtin_pack_dir
from zzlint.reporters import Report, RunError
from zzlint.rule import Rule

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}
ROOT_ID = "%SRCROOT%"


def render(report: Report) -> str:
    used = sorted({d.rule for d in report.diagnostics})
    index = {name: i for i, name in enumerate(used)}
    root = Path.cwd()
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "zzlint", "version": __version__,
                                "informationUri": "https://pypi.org/project/zzlint/",
                                "rules": [_rule(name, report) for name in used]}},
            "invocations": [_invocation(report.errors, root)],
            "originalUriBaseIds": {ROOT_ID: {"uri": _folder_uri(root)}},
            "columnKind": "unicodeCodePoints",
            "results": _results(report.diagnostics, index, root),
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
    help_uri = _help_uri(cls) if cls else None
    if help_uri:
        descriptor["helpUri"] = help_uri
    if cls:
        descriptor["defaultConfiguration"] = {"level": LEVEL[str(cls.severity)],
                                              "enabled": cls.default_enabled}
    return descriptor


@lru_cache(maxsize=1)
def repository() -> str | None:
    """The ``Repository`` project URL of the installed zzlint, if it declares one."""
    try:
        urls = metadata.metadata("zzlint").get_all("Project-URL") or []
    except metadata.PackageNotFoundError:
        return None
    labelled = dict(url.split(", ", 1) for url in urls if ", " in url)
    return labelled.get("Repository")


def documentation_path(cls: type[Rule]) -> str | None:
    """Where a rule is documented in the source repository: a built-in rule's module, or the
    shipped pack that declares it; None for plug-ins and the user's own packs."""
    if cls.__module__.startswith("zzlint.rules."):
        return cls.__module__.replace(".", "/") + ".py"
    source = getattr(cls, "source", None)
    if source and Path(source).parent == builtin_pack_dir():
        return f"rules/{Path(source).name}"
    return None


def _help_uri(cls: type[Rule]) -> str | None:
    base, path = repository(), documentation_path(cls)
    return f"{base.rstrip('/')}/blob/v{__version__}/{path}" if base and path else None


def _folder_uri(folder: Path) -> str:
    uri = folder.as_uri()
    return uri if uri.endswith("/") else uri + "/"


def artifact_location(path: str, root: Path) -> dict[str, str]:
    absolute = Path(os.path.abspath(path))
    try:
        relative = absolute.relative_to(root)
    except ValueError:
        return {"uri": absolute.as_uri()}
    return {"uri": quote(relative.as_posix()), "uriBaseId": ROOT_ID}


def _location(path: str, root: Path, line: int, column: int, end_line: int | None = None,
              end_column: int | None = None) -> dict[str, object]:
    region: dict[str, int] = {"startLine": line, "startColumn": column}
    if end_line is not None and end_column is not None:
        region |= {"endLine": end_line, "endColumn": end_column}
    return {"physicalLocation": {"artifactLocation": artifact_location(path, root), "region": region}}


def _results(diagnostics: list[Diagnostic], index: dict[str, int], root: Path) -> list[dict[str, object]]:
    seen: Counter[tuple[str, str]] = Counter()
    results = []
    for d in diagnostics:
        result = _result(d, index[d.rule], root)
        if d.fingerprint:
            earlier = seen[d.path, d.fingerprint]
            seen[d.path, d.fingerprint] += 1
            # The first keeps the bare fingerprint, so that alerts of earlier runs keep their identity.
            result["partialFingerprints"] = {"zzlint/v1": d.fingerprint if not earlier
                                             else f"{d.fingerprint}:{earlier + 1}"}
        results.append(result)
    return results


def _result(d: Diagnostic, rule_index: int, root: Path) -> dict[str, object]:
    result: dict[str, object] = {
        "ruleId": d.rule,
        "ruleIndex": rule_index,
        "level": LEVEL[str(d.severity)],
        "message": {"text": d.message},
        "locations": [_location(d.path, root, d.line, d.column, d.end_line, d.end_column)],
    }
    if d.related:
        result["relatedLocations"] = [
            {"id": i, "message": {"text": r.message}, **_location(r.path, root, r.line, r.column)}
            for i, r in enumerate(d.related)]
    return result


def _invocation(errors: list[RunError], root: Path) -> dict[str, object]:
    return {"executionSuccessful": not errors,
            "toolExecutionNotifications": [_notification(e, root) for e in errors]}


def _notification(error: RunError, root: Path) -> dict[str, object]:
    notification: dict[str, object] = {"level": "error", "message": {"text": str(error)}}
    if error.path is not None:
        notification["locations"] = [{"physicalLocation": {"artifactLocation": artifact_location(error.path, root)}}]
    if error.rule:
        notification["associatedRule"] = {"id": error.rule}
    return notification
