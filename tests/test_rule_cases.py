"""Runs every rule's case file, ``tests/cases/<rule>.toml``: pass cases must give no finding,
fail cases exactly the findings listed (rule, line, column, end, message), and where a case
gives ``fixed``, applying the fixes must produce exactly that text. A case with a ``path``
(say ``case.md``) is read by that file's reader instead of as plain text.

``message`` is the English text; ``message-zh`` the Chinese one, checked in a second run in
Chinese. Every rule whose messages the catalogue covers asserts its Chinese at least once."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.test_catalogue import ROOT, covered
from zzlint import i18n
from zzlint.engine import lint_document, lint_text
from zzlint.fixes import apply
from zzlint.readers import read_bytes
from zzlint.registry import all_rules
from zzlint.tomlcompat import tomllib

CASES = Path(__file__).parent / "cases"


def _load() -> list[tuple[str, str, dict]]:
    found = []
    for path in sorted(CASES.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for kind in ("pass", "fail"):
            for case in data.get(kind, []):
                found.append((data["rule"], kind, case))
    return found


def _lint(rule_name: str, case: dict):
    cls = all_rules()[rule_name]
    rule = cls(cls.make_options(case.get("options", {})))
    if "path" in case:
        return lint_document(read_bytes(case["text"].encode(), case["path"]), [rule])
    return lint_text(case["text"], [rule], "case.txt")


@pytest.mark.parametrize(("rule", "kind", "case"), _load(),
                         ids=[f"{r}:{k}:{c['name']}" for r, k, c in _load()])
def test_case(rule: str, kind: str, case: dict) -> None:
    result = _lint(rule, case)
    assert not result.errors
    got = [{"line": d.line, "column": d.column, "end_line": d.end_line,
            "end_column": d.end_column, "message": d.message} for d in result.diagnostics]
    if kind == "pass":
        assert got == []
        return
    expected = case["expect"]
    assert len(got) == len(expected), got
    for found, wanted in zip(got, expected):
        assert {k: found[k] for k in wanted if k != "message-zh"} == {k: v for k, v in wanted.items() if k != "message-zh"}
    if "fixed" in case:
        assert all_rules()[rule].fix_safety in ("safe", "unsafe"), "a rule with fixes declares fix_safety"
        assert apply(case["text"], result.diagnostics) == case["fixed"]
    chinese = [wanted.get("message-zh") for wanted in expected]
    if any(chinese):
        i18n.set_language("zh")
        got_zh = [d.message for d in _lint(rule, case).diagnostics]
        assert [m for m, w in zip(got_zh, chinese) if w] == [w for w in chinese if w]


def _source(cls: type) -> str:
    """The file, relative to the project, that holds a rule's messages."""
    module_file = sys.modules[cls.__module__].__file__ or ""
    if hasattr(cls, "vocabulary"):
        module_file = str(cls.vocabulary.files[0])
    elif hasattr(cls, "source"):
        module_file = cls.source
    return Path(module_file).resolve().relative_to(ROOT).as_posix()


@pytest.mark.parametrize("name", sorted(name for name, cls in all_rules().items() if covered(_source(cls))))
def test_every_covered_rule_asserts_its_chinese(name: str) -> None:
    data = tomllib.loads((CASES / f"{name}.toml").read_text(encoding="utf-8"))
    assert any("message-zh" in wanted for case in data.get("fail", []) for wanted in case["expect"])


def test_every_rule_has_a_case_file() -> None:
    covered = {tomllib.loads(p.read_text(encoding="utf-8"))["rule"] for p in CASES.glob("*.toml")}
    assert set(all_rules()) <= covered, set(all_rules()) - covered


@pytest.mark.parametrize("name", sorted(all_rules()))
def test_every_rule_has_pass_and_fail_cases(name: str) -> None:
    path = CASES / f"{name}.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert data.get("pass") and data.get("fail")
