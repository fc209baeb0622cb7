"""House vocabularies: prh YAML files read as they are, TOML vocabularies, specs checked at load."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

HOUSE_STYLE = r"""version: 1
imports:
  - ./common.yml
  - path: ./agencies.yml
    disableImports: true
    ignoreRules:
      - expected: 人力资源社会保障部
      - /网友们/
rules:
  - expected: WiFi
    specs:
      - from: 连接ｗｉｆｉ网络
        to: 连接WiFi网络
  - expected: 微信公众平台账号
    pattern: 微信公众号
    prh: 本报写作全称
  - expected: 新冠病毒感染
    patterns:
      - 新型冠状病毒肺炎
      - 新冠肺炎
  - expected: （$1）
    pattern: /\(([^()]+)\)/
    specs:
      - from: 办法(试行)
        to: 办法（试行）
  - expected: 发展改革委
    pattern: /(国家)?发改委/
    regexpMustEmpty: $1
    specs:
      - from: 市发改委
        to: 市发展改革委
      - from: 国家发改委
        to: 国家发改委
  - expected: App
    options:
      wordBoundary: true
    specs:
      - from: 用APP下单
        to: 用App下单
      - from: Apple
        to: Apple
"""
COMMON = """version: 1
rules:
  - expected: 二维码
    pattern: 二维吗
  - expected: WiFi
    pattern: /无线网/
"""
AGENCIES = """version: 1
imports: ./deeper.yml
rules:
  - expected: 人力资源社会保障部
    pattern: 人社部
  - expected: 网民
    pattern: /网友们/
  - expected: 市场监管总局
    pattern: 市场监督管理总局
"""
DEEPER = """rules:
  - expected: 不该出现
    pattern: 正文
"""
PAGE = ("请连接ｗｉｆｉ，扫描二维吗，关注微信公众号。\n"
        "新冠肺炎防控办法(试行)由市发改委和国家发改委印发。\n"
        "用APP下单，不是Apple，也别用无线网。\n"
        "人社部、网友们和市场监督管理总局都看正文。\n")


@pytest.fixture
def desk(tmp_path: Path) -> Path:
    for name, text in (("house-style.yml", HOUSE_STYLE), ("common.yml", COMMON),
                       ("agencies.yml", AGENCIES), ("deeper.yml", DEEPER), ("page.txt", PAGE)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "zzlint.toml").write_text('rule-packs = ["house-style.yml"]\n', encoding="utf-8")
    return tmp_path


def test_a_prh_file_is_one_rule_named_after_it(run_cli, desk: Path) -> None:
    result = run_cli("check", "-q", "--no-cache", "--select", "house-style", "page.txt", cwd=desk)
    assert result.out.splitlines() == [
        "page.txt:1:4: warning: 「ｗｉｆｉ」: write “WiFi” [house-style]",
        "page.txt:1:11: warning: 「二维吗」: write “二维码” [house-style]",
        "page.txt:1:17: warning: 「微信公众号」: write “微信公众平台账号” (本报写作全称) [house-style]",
        "page.txt:2:1: warning: 「新冠肺炎」: write “新冠病毒感染” [house-style]",
        "page.txt:2:9: warning: 「(试行)」: write “（试行）” [house-style]",
        "page.txt:2:15: warning: 「发改委」: write “发展改革委” [house-style]",
        "page.txt:3:2: warning: 「APP」: write “App” [house-style]",
        "page.txt:4:9: warning: 「市场监督管理总局」: write “市场监管总局” [house-style]",
    ]
    assert result.code == 0


def test_the_fixes_write_the_expected_forms(run_cli, desk: Path) -> None:
    result = run_cli("check", "--fix", "--unsafe-fixes", "--select", "house-style", "page.txt", cwd=desk)
    assert result.code == 0
    assert (desk / "page.txt").read_text(encoding="utf-8") == (
        "请连接WiFi，扫描二维码，关注微信公众平台账号。\n"
        "新冠病毒感染防控办法（试行）由市发展改革委和国家发改委印发。\n"
        "用App下单，不是Apple，也别用无线网。\n"
        "人社部、网友们和市场监管总局都看正文。\n")


def test_a_failing_spec_is_a_config_error_naming_file_and_entry(run_cli, desk: Path) -> None:
    (desk / "house-style.yml").write_text(HOUSE_STYLE.replace("to: 市发展改革委", "to: 市发改委"),
                                          encoding="utf-8")
    result = run_cli("check", "page.txt", cwd=desk)
    assert result.code == 2
    assert result.err == (f"zzlint: error: {desk / 'house-style.yml'}: rule 5 ('发展改革委'): spec failed: "
                          "'市发改委' gives '市发展改革委', not '市发改委'\n")


@pytest.mark.parametrize(("text", "error"), [
    ("rules:\n  - expected: [\n", "invalid YAML at line 3: expected the node content, but found '<stream end>'"),
    ("rule: []\n", "unknown key(s) rule (a vocabulary has version, meta, imports, rules)"),
    ("rules:\n  - expected: a\n    pattern: /x?/\n", "rule 1 ('a'): the pattern matches the empty string"),
    ("imports: [missing.yml]\n", "imports missing.yml, which is not a file"),
    ("targets: []\nrules: []\n", "prh's 'targets' is not supported: use exclude, per-file-ignores or accept lists"),
    ("imports: [house-style.yml]\n", "imports house-style.yml again (an import cycle)"),
])
def test_a_broken_vocabulary_is_one_error_line(run_cli, desk: Path, text: str, error: str) -> None:
    (desk / "house-style.yml").write_text(text, encoding="utf-8")
    result = run_cli("check", "page.txt", cwd=desk)
    assert (result.code, result.err) == (2, f"zzlint: error: {desk / 'house-style.yml'}: {error}\n")


def test_a_toml_vocabulary_names_its_rule_and_may_import_prh_files(run_cli, desk: Path) -> None:
    (desk / "terms.toml").write_text(
        'version = 1\nimports = ["common.yml"]\n\n[meta]\nname = "desk-terms"\nseverity = "error"\n'
        'doc = "Terms of the city desk."\n\n'
        '[[rules]]\nexpected = "株洲"\npattern = "珠洲"\nprh = "地名"\n'
        'specs = [{from = "珠洲市", to = "株洲市"}]\n', encoding="utf-8")
    (desk / "zzlint.toml").write_text('rule-packs = ["terms.toml"]\n', encoding="utf-8")
    (desk / "page.txt").write_text("珠洲市民扫描二维吗。\n", encoding="utf-8")
    result = run_cli("check", "-q", "--no-cache", "--select", "desk-terms", "page.txt", cwd=desk)
    assert result.out.splitlines() == [
        "page.txt:1:1: error: 「珠洲」: write “株洲” (地名) [desk-terms]",
        "page.txt:1:7: error: 「二维吗」: write “二维码” [desk-terms]",
    ]
    listing = run_cli("rules", cwd=desk).out
    assert any(line.split()[:3] == ["desk-terms", "error", "yes"] for line in listing.splitlines())
    doc = run_cli("rule", "desk-terms", cwd=desk).out
    assert doc.startswith("desk-terms (error, on by default); unsafe fix, applied with --unsafe-fixes\n\n"
                          "Terms of the city desk.\n")
    assert "    珠洲 → 株洲  (地名)\n    二维吗 → 二维码\n" in doc


def test_the_shipped_vocabulary_is_listed_and_documented(run_cli) -> None:
    doc = run_cli("rule", "idiom-variant").out
    assert doc.startswith("idiom-variant (warning, on by default); safe fix, applied by --fix\n")
    assert "    源源本本 | 元元本本 → 原原本本\n" in doc


def test_check_imports_neither_yaml_nor_pygls_without_need(tmp_path: Path) -> None:
    (tmp_path / "page.txt").write_text("再接再砺。\n", encoding="utf-8")
    probe = ("import sys\nfrom zzlint.cli import main\n"
             "sys.argv = ['zzlint', 'check', '-q', '--no-cache', 'page.txt']\n"
             "try:\n    main()\nexcept SystemExit:\n    pass\n"
             "print(sorted(m for m in ('yaml', 'pygls', 'lsprotocol') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         cwd=tmp_path, check=False).stdout
    assert out.splitlines() == ["page.txt:1:1: warning: 「再接再砺」: write “再接再厉” [idiom-variant]", "[]"]


def test_the_shipped_vocabularies_pass_their_specs_and_compile_when_first_used() -> None:
    from zzlint import vocabulary
    from zzlint.lazyre import LazyPattern
    from zzlint.packs import pack_files

    shipped = [path for path in pack_files() if vocabulary.is_vocabulary(path)]
    assert shipped
    for path in shipped:
        checked, first_used = vocabulary.load(path, checked=True), vocabulary.load(path)
        assert all(isinstance(entry.pattern, LazyPattern) for entry in first_used.entries)
        assert [(e.expected, e.pattern.pattern, e.pattern.flags) for e in first_used.entries] == [
            (e.expected, e.pattern.pattern, e.pattern.flags) for e in checked.entries]
