"""JUnit XML: one test suite per file, one failing test case per finding."""
from __future__ import annotations

from collections import defaultdict
from xml.etree import ElementTree as ET

from zzlint.diagnostic import Diagnostic
from zzlint.reporters import Report


def render(report: Report) -> str:
    by_path: dict[str, list[Diagnostic]] = defaultdict(list)
    for d in report.diagnostics:
        by_path[d.path].append(d)
    suites = ET.Element("testsuites", name="zzlint", tests=str(len(report.diagnostics)),
                        failures=str(len(report.diagnostics)))
    for path, found in sorted(by_path.items()):
        suite = ET.SubElement(suites, "testsuite", name=path, tests=str(len(found)),
                              failures=str(len(found)), errors="0")
        for d in found:
            case = ET.SubElement(suite, "testcase", name=f"{d.rule} at {d.line}:{d.column}",
                                 classname=path, file=path, line=str(d.line))
            failure = ET.SubElement(case, "failure", type=str(d.severity),
                                    message=f"{d.line}:{d.column}: {d.message}")
            failure.text = f"{d.path}:{d.line}:{d.column}: {d.severity}: {d.message} [{d.rule}]"
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
