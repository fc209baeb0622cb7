"""The engine: a pure function from text and rules to diagnostics.

No file is read, no config is consulted and nothing is printed here; the CLI and the reporters
sit around it. A rule that raises is reported as an InternalError and the other rules still run.
"""
from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from zzlint.diagnostic import Diagnostic, Finding, Related, Severity
from zzlint.document import Document
from zzlint.i18n import _
from zzlint.rule import Rule, RuleFailure


class InternalError(NamedTuple):
    path: str
    rule: str
    detail: str
    #: False when the rule stopped for a reason the user can act on (a RuleFailure).
    bug: bool = True

    def __str__(self) -> str:
        if not self.bug:
            return _("{path}: rule {rule} stopped: {detail}").format(path=self.path, rule=self.rule, detail=self.detail)
        return f"{self.path}: " + _("internal error in rule {rule}: {detail}").format(rule=self.rule, detail=self.detail)


class LintResult:
    """The diagnostics of a lint, the rules that failed, and the seconds spent in each rule
    (its check and the conversion of its findings)."""

    def __init__(self, diagnostics: list[Diagnostic], errors: list[InternalError],
                 timings: dict[str, float] | None = None) -> None:
        self.diagnostics = diagnostics
        self.errors = errors
        self.timings = timings if timings is not None else {}


def to_diagnostic(doc: Document, rule: Rule, severity: Severity, finding: Finding) -> Diagnostic:
    line, column = doc.position(finding.start)
    end_line, end_column = doc.position(finding.end)
    related = tuple(
        Related(r.path or doc.path, r.line, r.column, r.message) if r.line is not None
        else Related(doc.path, *doc.position(r.start), r.message)
        for r in finding.related
    )
    return Diagnostic(doc.path, line, column, end_line, end_column, rule.name, severity,
                      finding.message, related, finding.start, finding.end, finding.fix, doc.unit,
                      fingerprint(doc.text, rule.name, finding.start, finding.end))


def fingerprint(text: str, rule: str, start: int, end: int, context: int = 12) -> str:
    """Rule, flagged text and up to ``context`` characters either side within its own lines,
    hashed: edits in other paragraphs and moved line numbers leave it unchanged. Line breaks are
    looked for only within the context, so a finding costs its length, not the text's (100,000
    findings in one file, or findings on a 50 MB line)."""
    low = max(0, start - context)
    low = max(low, text.rfind("\n", low, start) + 1, text.rfind("\r", low, start) + 1)
    high = min(len(text), end + context)
    for line_break in "\n\r":
        found = text.find(line_break, end, high)
        if found >= 0:
            high = found
    import hashlib  # here: a run without findings does without it

    return hashlib.sha1(f"{rule}\0{start - low}\0{text[low:high]}".encode()).hexdigest()[:16]


def _severity(rule: Rule, finding: Finding, configured: dict[str, Severity]) -> Severity:
    """A severity set in config wins; else the finding's own, else the rule's default."""
    return configured.get(rule.name) or finding.severity or rule.severity


def _describe(exc: BaseException) -> str:
    import traceback  # here: only a failing rule needs it

    frame = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    where = f" (at {frame.filename.rsplit('/', 1)[-1]}:{frame.lineno})" if frame else ""
    return f"{type(exc).__name__}: {exc}{where}"


def lint_document(doc: Document, rules: Sequence[Rule],
                  severities: dict[str, Severity] | None = None) -> LintResult:
    severities = severities or {}
    result = LintResult([], [])
    timings, clock = result.timings, time.perf_counter  # looked up once: this loop runs per rule and file
    for rule in rules:
        started = clock()
        try:
            findings = list(rule.check(doc))
        except RuleFailure as exc:
            result.errors.append(InternalError(doc.path, rule.name, str(exc), bug=False))
            findings = []
        except Exception as exc:  # a broken rule must not stop the others
            result.errors.append(InternalError(doc.path, rule.name, _describe(exc)))
            findings = []
        timings[rule.name] = clock() - started
        if findings:  # most rules find nothing in most files
            result.diagnostics.extend(to_diagnostic(doc, rule, _severity(rule, f, severities), f)
                                      for f in findings)
    result.diagnostics.sort(key=Diagnostic.sort_key)
    return result


def lint_text(text: str, rules: Sequence[Rule], path: str = "<text>",
              severities: dict[str, Severity] | None = None) -> LintResult:
    return lint_document(Document(text, path), rules, severities)


def lint_collection(docs: Iterable[Document], rules: Sequence[Rule],
                    severities: dict[str, Severity] | None = None) -> LintResult:
    """Findings of the rules that compare documents with each other."""
    severities = severities or {}
    docs = list(docs)
    result = LintResult([], [])
    for rule in rules:
        try:
            pairs = list(rule.check_collection(docs))
        except Exception as exc:
            result.errors.append(InternalError("<collection>", rule.name, _describe(exc)))
            continue
        result.diagnostics.extend(to_diagnostic(doc, rule, _severity(rule, f, severities), f)
                                  for doc, f in pairs)
    result.diagnostics.sort(key=Diagnostic.sort_key)
    return result
