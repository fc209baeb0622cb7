"""Check-character algorithms by name, for the certificate kinds declared in rule packs.

Each function takes the whole number (check character last) and returns the check character the
number should end with, or None when it already does. python-stdnum computes the checks where
it is right; its ``validate`` functions are not used, because they reject valid numbers
(港澳台居民居住证 address codes, USCC codes starting A/N/Y, ID numbers whose county was created
after the holder's birth).
"""
from __future__ import annotations

from collections.abc import Callable

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
GB11714_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def iso7064_mod11_2(number: str) -> str | None:
    from stdnum.iso7064 import mod_11_2

    expected = mod_11_2.calc_check_digit(number[:-1])
    return None if number[-1] == expected else expected


def iso7064_mod11_10(number: str) -> str | None:
    from stdnum.iso7064 import mod_11_10

    expected = mod_11_10.calc_check_digit(number[:-1])
    return None if number[-1] == expected else expected


def gb32100(number: str) -> str | None:
    """统一社会信用代码: weights 3^i mod 31 over the 31-character alphabet."""
    if any(ch not in USCC_ALPHABET for ch in number):
        return None
    from stdnum.cn import uscc

    expected = uscc.calc_check_digit(number[:-1])
    return None if number[-1] == expected else expected


def gb11714(number: str) -> str | None:
    """组织机构代码: weights 3 7 9 10 5 8 4 2, C9 = 11 - (S mod 11); 10 is X, 11 is 0."""
    body = number.replace("-", "")[:8]
    total = sum(int(ch, 36) * weight for ch, weight in zip(body, GB11714_WEIGHTS))
    value = 11 - total % 11
    expected = "X" if value == 10 else "0" if value == 11 else str(value)
    return None if number[-1] == expected else expected


def isbn(number: str) -> str | None:
    """ISBN-13 is an EAN-13 (python-stdnum's ean); ISBN-10 weighs 10…2, mod 11, 10 is X."""
    if len(number) == 13:
        from stdnum import ean

        expected = ean.calc_check_digit(number[:-1])
    else:
        value = (11 - sum(int(d) * w for d, w in zip(number[:9], range(10, 1, -1))) % 11) % 11
        expected = "X" if value == 10 else str(value)
    return None if number[-1] == expected else expected


def issn(number: str) -> str | None:
    from stdnum import issn as stdnum_issn

    expected = stdnum_issn.calc_check_digit(number[:-1])
    return None if number[-1] == expected else expected


ALGORITHMS: dict[str, Callable[[str], str | None]] = {
    "iso7064-mod11-2": iso7064_mod11_2,
    "iso7064-mod11-10": iso7064_mod11_10,
    "gb32100": gb32100,
    "gb11714": gb11714,
    "isbn": isbn,
    "issn": issn,
}
