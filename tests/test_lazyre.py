"""Lazy patterns: compiled only for a text they can match, answering as the compiled pattern does."""
from __future__ import annotations

import re

import pytest

from zzlint import lazyre
from zzlint.lazyre import lazy, required_text

PATTERNS = ["截止(目前|今日)", "[０-９]+年", "(?:ab|cd)+e?", "(ab)+c", "x(?=y)", "(?<![a-z])z", r"\d+年", "[一-龥]{2}",
            "a|b*", "(?i)ab", "。{2,}|…{3}", "。(?<!…。)。{2,}"]
TEXTS = ["", "截止目前，全市已建成基站。", "截至目前", "２０２４年", "abcde", "ababc", "xy zz", "2024年", "AB", "。。。",
         "…。。。", "全县秋粮再获丰收。"]


@pytest.mark.parametrize(("pattern", "required"), [
    ("截止(目前|今日)", ("截止",)),
    ("[０-９]+年", ("年",)),
    ("[０-９]+", tuple("０１２３４５６７８９")),
    ("(?:ab|cd)+e?", ("ab", "cd")),
    ("(ab)+c", ("abc",)),
    ("ab{2}c", ("abbc",)),
    ("x(?=y)", ("x",)),
    ("(?<![a-z])z", ("z",)),
    ("。{2,}|…{3}", ("………", "。。")),
    ("。(?<!…。)。{2,}", ("。。。",)),
    ("[一-龥]{2}", None),
    ("a|b*", None),
    ("(?i)ab", None),
    ("(?i:a)b", ("b",)),
    ("(a)?", None),
    (r"([，、])\1+", ("、、", "，，")),
    (r"(?P<mark>[；：])(?P=mark)", ("：：", "；；")),
    (r"([，、])\1?", ("、", "，")),
])
def test_the_text_every_match_needs(pattern: str, required: tuple[str, ...] | None) -> None:
    assert required_text(pattern) == required


def test_a_pattern_it_cannot_read_needs_no_text() -> None:
    assert required_text("(unclosed") is None


@pytest.mark.parametrize("pattern", PATTERNS)
def test_every_method_answers_as_the_compiled_pattern(pattern: str) -> None:
    compiled = re.compile(pattern)
    for text in TEXTS:
        assert _span(lazy(pattern).search(text)) == _span(compiled.search(text))
        assert [m.span() for m in lazy(pattern).finditer(text)] == [m.span() for m in compiled.finditer(text)]
        assert lazy(pattern).findall(text) == compiled.findall(text)
        assert lazy(pattern).sub("#", text) == compiled.sub("#", text)
        assert lazy(pattern).subn("#", string=text) == compiled.subn("#", string=text)
        assert lazy(pattern).split(text) == compiled.split(text)
        assert _span(lazy(pattern).match(text)) == _span(compiled.match(text))
        assert _span(lazy(pattern).fullmatch(text)) == _span(compiled.fullmatch(text))


def _span(match: re.Match[str] | None) -> tuple[int, int] | None:
    return match.span() if match else None


def test_a_text_without_the_required_strings_leaves_the_pattern_uncompiled() -> None:
    pattern = lazy("截止(目前|今日)")
    assert pattern.search("全县秋粮再获丰收。") is None
    assert pattern._compiled is None  # type: ignore[attr-defined]
    assert pattern.search("截止今日").group(1) == "今日"
    assert pattern._compiled is not None  # type: ignore[attr-defined]


def test_the_required_strings_are_read_back_in_the_next_process(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    first = lazyre._Remembered()
    assert first.required("截止(目前|今日)", re.S) == ("截止",)
    first._write()

    def unparsed(pattern: str, flags: int = 0) -> None:
        raise AssertionError(f"{pattern} parsed again")

    monkeypatch.setattr(lazyre, "required_text", unparsed)
    assert lazyre._Remembered().required("截止(目前|今日)", re.S) == ("截止",)


def test_required_strings_kept_by_another_version_are_derived_again(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(lazyre._Remembered, "_derived_from", staticmethod(lambda: "an older zzlint"))
    stale = lazyre._Remembered()
    stale.required_of = {("截止(目前|今日)", 0): ("wrong",)}
    stale._write()
    monkeypatch.undo()
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert lazyre._Remembered().required("截止(目前|今日)") == ("截止",)


@pytest.mark.parametrize("pattern", [*PATTERNS, r"(?P<year>\d{4})年(?P<month>\d{1,2})月"])
def test_a_pattern_compiled_from_its_kept_program_is_the_compiled_pattern(monkeypatch, tmp_path, pattern) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    first = lazyre._Remembered()
    first.compiled(pattern, re.M)
    first._write()

    compiled_again = []
    monkeypatch.setattr(lazyre, "_compile_program", lambda *source: compiled_again.append(source))
    kept, compiled = lazyre._Remembered().compiled(pattern, re.M), re.compile(pattern, re.M)
    assert compiled_again == []
    assert (kept.pattern, kept.flags, kept.groups, kept.groupindex) == \
        (compiled.pattern, compiled.flags, compiled.groups, compiled.groupindex)
    for text in [*TEXTS, "2024年5月", "截止\n今日"]:
        assert [m.groups() for m in kept.finditer(text)] == [m.groups() for m in compiled.finditer(text)]
        assert [m.span() for m in kept.finditer(text)] == [m.span() for m in compiled.finditer(text)]


def test_a_kept_program_the_engine_refuses_is_compiled_again(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    remembered = lazyre._Remembered()
    remembered.compiled("截止")
    remembered.program_of[("截止(目前|今日)", 0)] = (32, [12345], 0, {}, (None,))
    assert remembered.compiled("截止(目前|今日)").search("截止今日").group(1) == "今日"


def test_a_search_between_pos_and_endpos_needs_the_required_strings_there() -> None:
    text = "截止今日，全县秋粮再获丰收。"
    pattern = lazy("截止(目前|今日)")
    assert pattern.search(text, 4) is None
    assert list(pattern.finditer(text, pos=5, endpos=9)) == []
    assert pattern._compiled is None  # type: ignore[attr-defined]
    assert pattern.search(text, 0, 4).span() == (0, 4)


def test_a_compiled_pattern_still_says_which_texts_it_cannot_match() -> None:
    pattern = lazy("([，、；：])\\1+")
    assert pattern.search("好，，坏").group() == "，，"  # compiled now
    assert not lazyre.may_match(pattern, "好，坏、新；旧：")
    assert lazyre.may_match(pattern, "新；；旧")
    assert lazyre.may_match(re.compile("x"), "abc")  # a pattern compiled otherwise is not screened
