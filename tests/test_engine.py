from __future__ import annotations

import re
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


class _Doubled(Rule):
    """Flags every 的的 (a test rule)."""

    name = "doubled"

    def check(self, doc):  # type: ignore[no-untyped-def]
        for match in re.finditer("的的", doc.text):
            yield Finding(match.start(), match.end(), "doubled")


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r", "，"], ids=["LF", "CRLF", "CR", "one-line"])
def test_placing_a_finding_looks_only_near_it(newline: str) -> None:
    """Each finding's fingerprint once searched the text back to its start for a CR: with LF
    line ends and 100,000 findings that was quadratic (minutes against seconds for CRLF), and so
    was a single long line."""
    sentence = "解决基层人手不足的的问题。"
    text = _Scanned((sentence + newline) * 2_000)
    _Scanned.looked_at = 0
    result = lint_document(Document(text, "page.txt"), [_Doubled()])
    assert len(result.diagnostics) == 2_000
    assert _Scanned.looked_at <= 2_000 * 4 * len(sentence)
    second = result.diagnostics[1]
    if newline == "，":
        assert (second.line, second.column) == (1, len(sentence) + 1 + 9)
    else:
        assert (second.line, second.column) == (2, 9)


@pytest.mark.parametrize("attributes", [{"cost": "high"}, {"cost": -0.5}, {"cost": True}, {"shares": "lexicon"},
                                        {"shares": ("lexicon", 3)}])
def test_a_rule_whose_cost_or_shares_the_split_cannot_use_is_refused(attributes: dict[str, object]) -> None:
    from zzlint.rule import check_rule_class

    heavy = type("Heavy", (Rule,), {"name": "heavy", "__doc__": "Heavy.", **attributes})
    with pytest.raises(TypeError, match="^rule 'heavy': cost must be a number of seconds, 0 or more, "
                                        "and shares a tuple of names$"):
        check_rule_class(heavy)
    check_rule_class(type("Light", (Rule,), {"name": "light", "__doc__": "Light.", "cost": 0, "shares": ("a",)}))
