from __future__ import annotations

import sys
from pathlib import Path

import pytest

from zzlint import packs, registry
from zzlint.packs import PatternRule, builtin_pack_dir

PACK = """
[[rule]]
name = "house-term"
severity = "error"
pattern = '微信公众号'
message = "「{0}」：本报写作“微信公众平台账号”"
fix = '微信公众平台账号'
doc = '''House style for WeChat accounts.

Wrong: 微信公众号  Right: 微信公众平台账号'''
"""


def test_a_pack_named_in_config_adds_a_rule(run_cli, tmp_path: Path) -> None:
    (tmp_path / "house").mkdir()
    (tmp_path / "house" / "terms.toml").write_text(PACK, encoding="utf-8")
    (tmp_path / "zzlint.toml").write_text('rule-packs = ["house"]\nextend-select = ["house-term"]\n')
    (tmp_path / "page.txt").write_text("请关注本报微信公众号。\n", encoding="utf-8")
    result = run_cli("check", "-q", "page.txt", cwd=tmp_path)
    assert result.out == "page.txt:1:6: error: 「微信公众号」：本报写作“微信公众平台账号” [house-term]\n"
    assert result.code == 1


def test_a_broken_pack_is_a_config_error(run_cli, tmp_path: Path) -> None:
    (tmp_path / "bad.toml").write_text(PACK.replace("'微信公众号'", "'(unclosed'"), encoding="utf-8")
    (tmp_path / "zzlint.toml").write_text('rule-packs = ["bad.toml"]\n')
    (tmp_path / "page.txt").write_text("正文。\n", encoding="utf-8")
    result = run_cli("check", "page.txt", cwd=tmp_path)
    assert result.code == 2
    assert result.err.startswith(f"zzlint: error: {tmp_path / 'bad.toml'}: rule 'house-term': ")


def test_entry_point_plugins_are_registered(run_cli, tmp_path: Path, monkeypatch,
                                            fresh_registry) -> None:
    (tmp_path / "zz_plugin.py").write_text(
        "from zzlint.rule import Rule\nfrom zzlint.diagnostic import Finding\n\n"
        "class Shouting(Rule):\n    '''Flags ！！！.\n\n    Wrong: 好！！！ Right: 好！'''\n"
        "    name = 'shouting'\n\n    def check(self, doc):\n"
        "        at = doc.text.find('！！！')\n"
        "        if at >= 0:\n            yield Finding(at, at + 3, 'three exclamation marks')\n",
        encoding="utf-8")
    info = tmp_path / "zz_plugin-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: zz-plugin\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[zzlint.rules]\nshouting = zz_plugin:Shouting\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    (tmp_path / "page.txt").write_text("好！！！\n", encoding="utf-8")
    result = run_cli("check", "-q", "--select", "shouting", "page.txt", cwd=tmp_path)
    assert result.out == "page.txt:1:2: error: three exclamation marks [shouting]\n"
    assert "shouting" in registry.all_rules()
    sys.modules.pop("zz_plugin", None)


def test_shipped_patterns_compile_match_text_and_fit_their_messages() -> None:
    shipped = [cls for cls in registry.all_rules().values()
               if issubclass(cls, PatternRule) and Path(cls.source).parent == builtin_pack_dir()]
    assert len(shipped) >= 10
    for cls in shipped:
        assert not cls.pattern.match(""), cls.name
        cls.message_template.format("match", *[""] * cls.pattern.groups)


def test_built_in_packs_ship_inside_the_wheel(tmp_path: Path) -> None:
    import subprocess
    import zipfile

    root = Path(__file__).resolve().parent.parent
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path),
                    str(root)], check=True, capture_output=True)
    (wheel,) = tmp_path.glob("zzlint-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    shipped = {Path(n).name for n in names if n.startswith("zzlint/packs/")}
    assert shipped == {p.name for p in (root / "rules").glob("*.toml")}


def _house_pack(tmp_path: Path, pack: str, page: str = "请关注本报微信公众号。\n") -> None:
    (tmp_path / "house.toml").write_text(pack, encoding="utf-8")
    (tmp_path / "zzlint.toml").write_text('rule-packs = ["house.toml"]\nextend-select = ["house-term"]\n')
    (tmp_path / "page.txt").write_text(page, encoding="utf-8")


@pytest.mark.parametrize("change, message", [
    (("doc = '''", "exceptions = [1]\ndoc = '''"), "'exceptions' must be a list of strings"),
    (("doc = '''", "enabled = \"no\"\ndoc = '''"), "'enabled' must be true or false, not a string"),
    (("doc = '''", "presets = \"gb\"\ndoc = '''"), "'presets' must be a list, not a string"),
    (("fix = '微信公众平台账号'", "fix = 3"), "'fix' must be a string, not an integer"),
    (("'微信公众号'", "'微信公众号{4294967296}'"), "repeat count too big at position 6"),
    (("「{0}」", "「{2}」"), "'message' refers to a group the pattern does not have, or is not a valid "
                           "template (Replacement index 2 out of range for positional args tuple)"),
])
def test_a_pack_value_of_the_wrong_type_is_one_error_naming_the_rule(run_cli, tmp_path: Path, change,
                                                                    message: str) -> None:
    _house_pack(tmp_path, PACK.replace(*change))
    result = run_cli("check", "page.txt", cwd=tmp_path)
    assert result.code == 2
    assert result.err.startswith(f"zzlint: error: {tmp_path / 'house.toml'}: rule 'house-term': {message}")
    assert len(result.err.splitlines()) == 1


def test_a_rule_table_written_as_rule_not_double_bracketed_is_an_error(run_cli, tmp_path: Path) -> None:
    _house_pack(tmp_path, PACK.replace("[[rule]]", "[rule]"))
    result = run_cli("check", "page.txt", cwd=tmp_path)
    assert (result.code, result.err) == (
        2, f"zzlint: error: {tmp_path / 'house.toml'}: [rule] is one table; write each rule as [[rule]]\n")


def test_a_pattern_that_backtracks_without_end_is_stopped(run_cli, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(packs, "PATTERN_TIME_LIMIT", 0.2)
    line = "a" * 40 + "b\n"
    _house_pack(tmp_path, PACK.replace("'微信公众号'", "'(a|aa)+$'").replace("\nfix = '微信公众平台账号'", ""), line)
    (tmp_path / "other.txt").write_text("请关注本报微信公众号。\n", encoding="utf-8")
    result = run_cli("check", "-q", "--jobs", "1", "other.txt", "page.txt", cwd=tmp_path)
    assert (result.code, result.out) == (2, "")
    assert result.err == ("zzlint: error: page.txt: rule house-term stopped: its pattern took more than "
                          "0.2 seconds on this file and was stopped (a pattern that backtracks "
                          "without end?)\n")


def test_nested_quantifiers_on_a_long_line_finish(run_cli, tmp_path: Path) -> None:
    """(a+)+$ takes 2^40 steps in Python's re on this line; the engine of user packs does not."""
    _house_pack(tmp_path, PACK.replace("'微信公众号'", "'(a+)+$'").replace("\nfix = '微信公众平台账号'", ""),
                "a" * 40 + "b\n" + "a" * 40 + "\n")
    result = run_cli("check", "-q", "--jobs", "1", "page.txt", cwd=tmp_path)
    assert (result.code, result.out) == (1, "page.txt:2:1: error: 「" + "a" * 40 + "」：本报写作“微信公众平台账号” [house-term]\n")
