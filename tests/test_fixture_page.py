"""The real page of a city daily and its known defects (../shared/fixtures/truth.toml)."""
from __future__ import annotations

import json
from pathlib import Path

from zzlint.tomlcompat import tomllib


def _diagnostics(run_cli, page: Path, *rules: str) -> list[dict]:
    result = run_cli("check", "--format", "json", "--select", ",".join(rules), str(page))
    return json.loads(result.out)["diagnostics"]


def _truth(page: Path, kind: str) -> list[dict]:
    truth = tomllib.loads((page.parent / "truth.toml").read_text(encoding="utf-8"))
    return [d for d in truth["defect"] if d["kind"] == kind]


def test_broken_paragraphs_are_found_and_nothing_else(run_cli, needs_fixture: Path) -> None:
    found = _diagnostics(run_cli, needs_fixture, "broken-paragraph", "unpaired-punctuation")
    assert [(d["rule"], d["line"]) for d in found] == [
        ("broken-paragraph", d["line"]) for d in _truth(needs_fixture, "broken paragraph")]
    assert [d["related"][0]["line"] for d in found] == [
        d["continues_at"] for d in _truth(needs_fixture, "broken paragraph")]


def test_numbering_finds_the_missing_section_only(run_cli, needs_fixture: Path) -> None:
    found = _diagnostics(run_cli, needs_fixture, "numbering-sequence", "numbering-punctuation")
    assert [(d["rule"], d["line"], d["column"], d["message"], d["related"][0]["line"]) for d in found] == [
        ("numbering-sequence", 77, 1, "numbering gap: after 三、 expected 四、, found 五、", 65)]


def test_certificates_only_the_city_letter_warning(run_cli, needs_fixture: Path) -> None:
    found = _diagnostics(run_cli, needs_fixture, "invalid-certificate-number", "certificate-region-mismatch")
    (truth,) = _truth(needs_fixture, "certificate number")
    assert [(d["rule"], d["severity"], d["line"], d["column"], d["end_column"] - d["column"])
            for d in found] == [("certificate-region-mismatch", truth["severity"], truth["line"],
                                 truth["column"], truth["length"])]
