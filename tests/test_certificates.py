"""The test vectors of domain.md Appendix A and of python-stdnum and id-validator, and property
tests of the check characters."""
from __future__ import annotations

import datetime
import doctest
import importlib
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zzlint import regions
from zzlint.certificates import load_kinds
from zzlint.checksums import ALGORITHMS, USCC_ALPHABET
from zzlint.engine import lint_text
from zzlint.packs import PackError
from zzlint.registry import all_rules

REFERENCE = "2026-11-28"


def lint(text: str) -> list[tuple[str, str, str]]:
    known = all_rules()
    rules = [known[name](known[name].make_options({"reference-date": REFERENCE}))
             for name in ("invalid-certificate-number", "certificate-region-mismatch")]
    return [(d.rule, str(d.severity), d.message) for d in lint_text(text, rules).diagnostics]


VALID = [
    ("身份证号：{}", "11010519491231002X"),
    ("身份证号：{}", "440524188001010014"),
    ("身份证号：{}", "430212197001010015"),
    ("港澳台居民居住证号码：{}", "810000199001010019"),
    ("港澳台居民居住证号码：{}", "830000199001010012"),
    ("永久居留身份证号码：{}", "911440119900101015"),
    ("身份证号：{}", "430224900101123"),
    ("身份证号：{}", "430224199001011231"),
    ("统一社会信用代码：{}", "91110000600037341L"),
    ("统一社会信用代码：{}", "91350200MA2YJ1XR9G"),
    ("统一社会信用代码：{}", "92340111MAD2LARQ9N"),
    ("统一社会信用代码：{}", "91130200699229617X"),
    ("统一社会信用代码：{}", "N2430200MA4Q000087"),
    ("统一社会信用代码：{}", "Y1430200MA4L000038"),
    ("组织机构代码：{}", "60003734-1"),
    ("组织机构代码：{}", "MA2YJ1XR-9"),
    ("营业执照注册号：{}", "110108000000016"),
    ("茶陵县福满超市遗失{}号食品经营许可证正本", "JY14302240158722"),
    ("三只松鼠股份有限公司食品生产许可证编号：{}", "SC11834020305037"),
    ("江苏洋河酒厂股份有限公司食品生产许可证编号：{}", "SC11532139200465"),
    ("株洲市芦淞区文化旅游局遗失{}号开户许可证正本", "Z5520000318604"),
    ("遗失{}号特种设备使用登记证", "梯11闽E3622(16)"),
    ("遗失{}号特种设备使用登记证", "起17辽JG0033(24)"),
    ("林小雨遗失{}号出生证", "M430215826"),
    ("出生医学证明编号：{}", "X320101001"),
    ("出生医学证明编号：{}", "L350247695"),
    ("排污许可证编号：{}", "91130200699229617X001P"),
    ("ISBN {}", "978-7-02-000220-7"),
    ("ISBN {}", "7-02-000220-X"),
    ("ISSN {}", "0254-4164"),
    ("周建平遗失{}号摊位租赁押金发票", "37510284"),
]


@pytest.mark.parametrize(("template", "number"), VALID, ids=[n for _, n in VALID])
def test_valid_vectors_are_not_reported(template: str, number: str) -> None:
    assert lint(template.format(number) + "\n") == []


INVALID = [
    ("身份证号：{}", "110105194912310021",
     "公民身份号码 110105194912310021: the check character does not fit: it should be X, not 1 "
     "(or another character is wrong)"),
    ("统一社会信用代码：{}", "91110000600037341M",
     "统一社会信用代码 91110000600037341M: the check character does not fit: it should be L, not M "
     "(or another character is wrong)"),
    ("统一社会信用代码：{}", "52110101MJ0018899X",
     "统一社会信用代码 52110101MJ0018899X: the check character does not fit: it should be T, not X "
     "(or another character is wrong)"),
    ("营业执照注册号：{}", "110108000000017",
     "营业执照注册号 110108000000017: the check character does not fit: it should be 6, not 7 "
     "(or another character is wrong)"),
    ("ISBN {}", "9787020002208",
     "ISBN 9787020002208: the check character does not fit: it should be 7, not 8 "
     "(or another character is wrong)"),
    ("ISSN {}", "0254-4165",
     "ISSN 0254-4165: the check character does not fit: it should be 4, not 5 "
     "(or another character is wrong)"),
]


@pytest.mark.parametrize(("template", "number", "message"), INVALID, ids=[n for _, n, _ in INVALID])
def test_invalid_vectors_are_errors_naming_the_check_character(template: str, number: str,
                                                               message: str) -> None:
    assert lint(template.format(number) + "\n") == [("invalid-certificate-number", "error", message)]


def test_special_equipment_letter_against_the_notice_place() -> None:
    text = "株洲恒润电梯工程有限公司(荷塘科技工业园)遗失梯11湘AB07342(19)号特种设备使用登记证\n"
    assert lint(text) == [("certificate-region-mismatch", "warning",
                           "特种设备使用登记证编号 梯11湘AB07342(19): 湘A stands for 湖南省长沙市, "
                           "but the notice names 株洲: please check")]


def test_uncertain_food_licence_check_is_only_a_warning() -> None:
    assert lint("茶陵县福满超市遗失JY14302240158723号食品经营许可证正本\n") == [
        ("invalid-certificate-number", "warning",
         "食品经营许可证编号 JY14302240158723: the check character does not fit: it should be 2, "
         "not 3 (or another character is wrong)")]


def test_uscc_confusable_letter_names_the_fix() -> None:
    ((_, _, message),) = lint("统一社会信用代码：9111OOOO600037341M\n")
    assert message == "统一社会信用代码 9111OOOO600037341M: O is never used in a 统一社会信用代码 (0?)"
    ((_, _, message),) = lint("统一社会信用代码：91110000600O37341L\n")
    assert message.endswith("O is never used in a 统一社会信用代码 (0?); with 0 the check character fits")


def test_dates_that_do_not_exist_or_lie_ahead() -> None:
    february = _with_check("43022419900230123", "iso7064-mod11-2")
    assert [m for _, _, m in lint(f"身份证号：{february}\n")] == [
        f"公民身份号码 {february}: the date 19900230 does not exist"]
    future = _with_check("43022420300101123", "iso7064-mod11-2")
    assert [m for _, _, m in lint(f"身份证号：{future}\n")] == [
        f"公民身份号码 {future}: the date 20300101 lies in the future"]
    old = _with_check("43022418600101123", "iso7064-mod11-2")
    assert [m for _, _, m in lint(f"身份证号：{old}\n")] == [
        f"公民身份号码 {old}: the year 1860 is before 1870"]


def test_wrong_length_and_province() -> None:
    assert lint("身份证号：4302241990010112\n") == [(
        "invalid-certificate-number", "error",
        "公民身份号码 4302241990010112: 16 characters, expected 18 characters, the last a digit or X "
        "or 15 digits (the old form)")]
    foreigner = _with_check("94384019900101012", "iso7064-mod11-2")
    assert lint(f"永久居留身份证号码：{foreigner}\n") == []
    nowhere = _with_check("19022419900101123", "iso7064-mod11-2")
    assert [m for _, _, m in lint(f"身份证号：{nowhere}\n")] == [
        f"公民身份号码 {nowhere}: 19 is not a province code"]


#: Valid numbers from the test vectors of python-stdnum (tests/test_cn_ric.doctest,
#: tests/test_cn_uscc.doctest) and id-validator (test_validator.py): old county codes, a lower-case
#: x, 15 digits, 港澳台 codes, codes with letters and a check letter, a code printed in groups.
THIRD_PARTY_VALID = [
    ("身份证号：{}", "360426199101010071"),
    ("身份证号：{}", "44011320141005001x"),
    ("身份证号：{}", "412723199010050012"),
    ("身份证号：{}", "120110198012010073"),
    ("身份证号：{}", "110201199312010077"),
    ("身份证号：{}", "610104620927690"),
    ("身份证号：{}", "830000199201300022"),
    ("身份证号：{}", "500154199301135886"),
    ("身份证号：{}", "362324198001010014"),
    ("统一社会信用代码：{}", "121200004013590816"),
    ("统一社会信用代码：{}", "91 110000 600037341L"),
    ("统一社会信用代码：{}", "9115220107837757XE"),
    ("统一社会信用代码：{}", "91620105L015101280"),
    ("统一社会信用代码：{}", "92340621MA2UK3PJXE"),
]


@pytest.mark.parametrize(("template", "number"), THIRD_PARTY_VALID, ids=[n for _, n in THIRD_PARTY_VALID])
def test_third_party_valid_vectors_are_not_reported(template: str, number: str) -> None:
    assert lint(template.format(number) + "\n") == []


THIRD_PARTY_INVALID = [
    ("身份证号：{}", "990426199112010074", "90 is not a province code"),
    ("身份证号：{}", "360426199113010079", "the date 19911301 does not exist"),
    ("身份证号：{}", "3301022011022000D6", "D cannot stand at character 17: expected 18 characters, the last a digit or X"),
    ("统一社会信用代码：{}", "12345", "5 characters, expected 18 characters of 0-9 and A-Z without I, O, S, V, Z "
     "or 15 digits (a registration number, 注册号)"),
    ("统一社会信用代码：{}", "9111000060003IOZSV", "I is never used in a 统一社会信用代码 (1?)"),
]


@pytest.mark.parametrize(("template", "number", "message"), THIRD_PARTY_INVALID,
                         ids=[n for _, n, _ in THIRD_PARTY_INVALID])
def test_third_party_invalid_vectors_are_errors(template: str, number: str, message: str) -> None:
    label = "公民身份号码" if "身份" in template else "统一社会信用代码"
    assert lint(template.format(number) + "\n") == [
        ("invalid-certificate-number", "error", f"{label} {number}: {message}")]


@pytest.mark.parametrize("module", ["ric", "uscc"])
def test_python_stdnum_documented_examples(module: str) -> None:
    """The examples in python-stdnum's own documentation of the Chinese numbers: what it
    validates stays silent, what it rejects is reported."""
    documentation = importlib.import_module(f"stdnum.cn.{module}").__doc__
    label = {"ric": "身份证号：", "uscc": "统一社会信用代码："}[module]
    examples = [(call.group(1), "Traceback" in example.want)
                for example in doctest.DocTestParser().get_examples(documentation)
                if (call := re.fullmatch(r"validate\('([^']+)'\)\n", example.source))]
    assert examples
    for number, rejected in examples:
        assert bool(lint(f"{label}{number}\n")) == rejected, number


def test_every_plate_letter_names_a_region_of_its_province() -> None:
    abbreviations = regions.table("abbreviation")
    for plate, code in regions.table("plate").items():
        assert code[:2] == abbreviations[plate[0]], plate
        assert regions.known_code(code) and not regions.full_name(code).endswith(code), plate


def test_numbers_without_a_keyword_are_never_examined() -> None:
    text = ("客服电话13812345678，订单号202311250001234567，银行卡6222021234567890123，"
            "金额12345678元，时间戳1735736273877。\n")
    assert lint(text) == []


def test_id_numbers_are_never_compared_with_the_notice_place() -> None:
    assert lint("株洲市民李明遗失身份证，身份证号：110105194912310021。\n")[0][0] == "invalid-certificate-number"
    assert lint("株洲市民李明遗失身份证，身份证号：11010519491231002X。\n") == []


def _with_check(body: str, algorithm: str) -> str:
    for candidate in "0123456789X" + USCC_ALPHABET:
        if ALGORITHMS[algorithm](body + candidate) is None:
            return body + candidate
    raise AssertionError(body)


def _single_changes(number: str, alphabet: str):  # type: ignore[no-untyped-def]
    for index, original in enumerate(number):
        for replacement in alphabet:
            if replacement != original and original != "-":
                yield number[:index] + replacement + number[index + 1:]


@pytest.mark.parametrize(("algorithm", "number", "alphabet"), [
    ("iso7064-mod11-2", "11010519491231002X", "0123456789"),
    ("gb32100", "91350200MA2YJ1XR9G", USCC_ALPHABET),
    ("iso7064-mod11-10", "110108000000016", "0123456789"),
    ("gb11714", "60003734-1", "0123456789"),
    ("isbn", "9787020002207", "0123456789"),
    ("issn", "02544164", "0123456789"),
])
def test_every_single_character_change_breaks_the_check(algorithm: str, number: str, alphabet: str) -> None:
    missed = [n for n in _single_changes(number, alphabet) if ALGORITHMS[algorithm](n) is None]
    assert missed == []


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(["430224", "110105", "440305", "810000", "650102", "330106", "510107", "430212"]),
       st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2025, 12, 31)),
       st.integers(min_value=0, max_value=999))
def test_generated_valid_id_numbers_are_never_reported(region: str, born: datetime.date, order: int) -> None:
    number = _with_check(f"{region}{born:%Y%m%d}{order:03d}", "iso7064-mod11-2")
    assert lint(f"遗失{number}号居民身份证，声明作废。\n") == []


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(["9", "1", "5", "N", "Y"]), st.sampled_from(["430224", "110105", "321392", "340203"]),
       st.text(alphabet=USCC_ALPHABET, min_size=9, max_size=9))
def test_generated_valid_uscc_are_never_reported(department: str, region: str, subject: str) -> None:
    number = _with_check(f"{department}1{region}{subject}", "gb32100")
    assert lint(f"统一社会信用代码：{number}\n") == []


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="0123456789", min_size=17, max_size=17), st.integers(min_value=0, max_value=17),
       st.sampled_from("0123456789"))
def test_any_single_digit_change_of_an_id_number_is_reported(body: str, index: int, digit: str) -> None:
    number = _with_check("430224" + "19900101" + body[:3], "iso7064-mod11-2")
    changed = number[:index] + digit + number[index + 1:]
    if changed != number:
        assert lint(f"身份证号：{changed}\n"), changed


def test_the_example_draft_number_is_the_documented_one() -> None:
    assert _with_check("43022419900101123", "iso7064-mod11-2") == "430224199001011231"


def test_a_label_must_be_one_of_the_keywords(tmp_path: Path) -> None:
    pack = tmp_path / "permits.toml"
    pack.write_text("""
[[certificate]]
name = "house-permit"
label = "准运证编号"
keywords = ["准运证"]
labels = ["准运证号"]
candidate = '[0-9]{6,10}'
  [[certificate.forms]]
  describe = "8 digits"
  shape = '[0-9]{8}'
""", encoding="utf-8")
    with pytest.raises(PackError, match=r"^certificate kind 'house-permit': label '准运证号' is not a keyword$"):
        load_kinds((pack,))
