"""JUnit XML for test-report viewers: one test suite per file.

Each finding is a test case, failed when the finding is at or above its file's fail level (as the
exit code counts it) and passed otherwise, with the finding in its output. A file without
findings is one passing test case, so a clean run still shows what was checked. A file that could
not be read, or a rule that failed on it, is a test case in error.
"""
from __future__ import annotations

import re
from collections import defaultdict
from xml.etree import ElementTree as ET

from zzlint.diagnostic import Diagnostic
from zzlint.i18n import _
from zzlint.reporters import Report, RunError

#: What XML 1.0 cannot hold at all, not even as a character reference.
NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
#: The suite of the errors that belong to no file (an argument that names nothing to lint).
RUN_SUITE = "zzlint"


def xml_text(text: str) -> str:
    """``text`` with the characters XML cannot carry written as visible escapes (``\\x0b``)."""
    return NOT_XML.sub(lambda m: f"\\x{ord(m[0]):02x}" if ord(m[0]) < 0x100 else f"\\u{ord(m[0]):04x}", text)


def _line(d: Diagnostic) -> str:
    return f"{d.path}:{d.line}:{d.column}: {d.severity}: {d.message} [{d.rule}]"


def _element(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, {k: xml_text(v) for k, v in attributes.items()})
    if text is not None:
        element.text = xml_text(text)
    return element


def _finding_case(suite: ET.Element, d: Diagnostic, report: Report) -> bool:
    case = _element(suite, "testcase", name=f"{d.rule} at {d.line}:{d.column}", classname=d.path,
                    file=d.path, line=str(d.line))
    if report.fails(d):
        _element(case, "failure", _line(d), type=str(d.severity), message=f"{d.line}:{d.column}: {d.message}")
        return True
    _element(case, "system-out", _line(d))
    return False


def _error_case(suite: ET.Element, error: RunError) -> None:
    name = _("internal error in rule {rule}").format(rule=error.rule) if error.rule else _("not linted")
    where = {"file": error.path} if error.path is not None else {}
    case = _element(suite, "testcase", name=name, classname=error.path or RUN_SUITE, **where)
    _element(case, "error", str(error), type="internal error" if error.rule else "error", message=error.message)


def _suite(parent: ET.Element, path: str, found: list[Diagnostic], errors: list[RunError],
           report: Report) -> tuple[int, int, int]:
    suite = _element(parent, "testsuite", name=path)
    failures = sum(_finding_case(suite, d, report) for d in found)
    if not found and path in report.linted:
        _element(suite, "testcase", name=_("no findings"), classname=path, file=path)
    for error in errors:
        _error_case(suite, error)
    tests = len(suite)
    suite.attrib.update(tests=str(tests), failures=str(failures), errors=str(len(errors)), skipped="0")
    return tests, failures, len(errors)


def render(report: Report) -> str:
    by_path: dict[str, list[Diagnostic]] = defaultdict(list)
    for d in report.diagnostics:
        by_path[d.path].append(d)
    errors_by_path: dict[str, list[RunError]] = defaultdict(list)
    for error in report.errors:
        errors_by_path[error.path or RUN_SUITE].append(error)
    paths = sorted(set(report.linted) | set(by_path) | set(errors_by_path))
    suites = ET.Element("testsuites", name="zzlint")
    totals = [_suite(suites, path, by_path[path], errors_by_path[path], report) for path in paths]
    suites.attrib.update({key: str(sum(t[i] for t in totals))
                          for i, key in enumerate(("tests", "failures", "errors"))})
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
