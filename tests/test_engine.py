from __future__ import annotations

from collections.abc import Iterator

import pytest

from zzlint.diagnostic import Finding, RelatedSpan, Severity
from zzlint.document import Document
from zzlint.engine import lint_document, lint_text
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


class _Scanned(str):
    """Text that counts the characters its find and rfind calls look at."""

    looked_at = 0

    def find(self, sub, start=0, end=None):  # type: ignore[no-untyped-def,override]
        _Scanned.looked_at += (len(self) if end is None else end) - start
        return str.find(self, sub, start, len(self) if end is None else end)

    def rfind(self, sub, start=0, end=None):  # type: ignore[no-untyped-def,override]
        _Scanned.looked_at += (len(self) if end is None else end) - start
        return str.rfind(self, sub, start, len(self) if end is None else end)


class _EveryLine(Rule):
    """Flags the second and third character of every line (a test rule)."""

    name = "every-line"

    def check(self, doc):  # type: ignore[no-untyped-def]
        for start in doc.line_starts:
            if start + 3 <= len(doc.text):
                yield Finding(start + 1, start + 3, "flagged")


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_placing_a_finding_looks_only_at_its_own_lines(newline: str) -> None:
    """Each finding's fingerprint once searched the text back to its start for a CR: with LF
    line ends and 100,000 findings that was quadratic (minutes against seconds for CRLF)."""
    lines = 2_000
    text = _Scanned(("面对创新力量不足的的短板。" + newline) * lines)
    _Scanned.looked_at = 0
    result = lint_document(Document(text, "page.txt"), [_EveryLine()])
    assert len(result.diagnostics) == lines
    assert _Scanned.looked_at <= lines * 4 * len("面对创新力量不足的的短板。\r\n")
    assert result.diagnostics[1].line == 2 and result.diagnostics[1].column == 2
