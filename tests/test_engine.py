from __future__ import annotations

from collections.abc import Iterator

from zzlint.diagnostic import Finding, RelatedSpan, Severity
from zzlint.document import Document
from zzlint.engine import lint_text
from zzlint.rule import Rule


class Crashes(Rule):
    """Always raises."""

    name = "always-crashes"

    def check(self, doc: Document) -> Iterator[Finding]:
        raise ZeroDivisionError("boom")


class FirstLine(Rule):
    """Reports the first line and points at the second."""

    name = "first-line"
    severity = Severity.WARNING

    def check(self, doc: Document) -> Iterator[Finding]:
        second = doc.paragraphs[1]
        yield Finding(0, doc.paragraphs[0].end, "first", (RelatedSpan(second.start, "second"),))


def test_a_crashing_rule_does_not_stop_the_others() -> None:
    result = lint_text("甲\n乙\n", [Crashes(), FirstLine()], "page.txt")
    assert [d.rule for d in result.diagnostics] == ["first-line"]
    (error,) = result.errors
    assert str(error).startswith("page.txt: internal error in rule always-crashes: ZeroDivisionError: boom")


def test_diagnostic_positions_related_and_severity_override() -> None:
    result = lint_text("甲乙\n丙\n", [FirstLine()], "page.txt", {"first-line": Severity.ERROR})
    (d,) = result.diagnostics
    assert (d.line, d.column, d.end_line, d.end_column, d.severity) == (1, 1, 1, 3, Severity.ERROR)
    assert d.to_dict()["related"] == [{"path": "page.txt", "line": 2, "column": 1, "message": "second"}]
