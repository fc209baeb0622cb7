"""Regions: GB/T 2260 codes with their history (python-stdnum's data), the tables of
``rules/regions.toml`` (province abbreviations, plate letters, PBOC area codes), and the place
names a notice mentions. Loaded on first use, once per process.
"""
from __future__ import annotations

import re
from functools import lru_cache

from zzlint.packs import builtin_data_table

#: A county entry of python-stdnum's cn/loc data: "[1983-1996]南区,[1997-]石峰区".
HISTORY_ITEM = re.compile(r"(?:\[(\d{4})?-(\d{4})?\])?([^,\[\]]+)")
MUNICIPALITIES = {"11", "12", "31", "50"}
NAME_SUFFIX = re.compile("(?:市|地区|自治州|盟)$")


@lru_cache(maxsize=1)
def gb2260() -> dict[str, list[str]]:
    """GB/T 2260 code (2, 4 or 6 digits) to every name it has carried."""
    from stdnum import numdb

    database = numdb.get("cn/loc")
    names: dict[str, list[str]] = {}
    for province, province_info, counties in _walk(database):
        names.setdefault(province, []).append(province_info)
        for county, text in counties:
            code = province + county
            entries = [m.group(3).strip() for m in HISTORY_ITEM.finditer(text) if m.group(3).strip()]
            names.setdefault(code, []).extend(entries)
            if code.endswith("00"):
                names.setdefault(code[:4], []).extend(entries)
    return names


def _walk(database):  # type: ignore[no-untyped-def]
    """(province code, its name, [(county code, history text)]) from numdb's prefix tree,
    whose entries are (length, low, high, properties, children)."""
    for _, low, high, props, children in database.prefixes:
        if low != high:
            continue
        counties = [(c_low, c_props.get("county", "")) for _, c_low, c_high, c_props, _ in children
                    if c_low == c_high]
        yield low, props.get("province", ""), counties


def province_exists(code: str) -> bool:
    return code in gb2260()


def table(name: str) -> dict[str, str]:
    return builtin_data_table(name)


def name_of(code: str) -> str:
    names = gb2260().get(code) or gb2260().get(code[:2]) or [code]
    return names[-1]


@lru_cache(maxsize=1)
def _gazetteer() -> tuple[re.Pattern[str], dict[str, set[str]]]:
    """Place names a notice may use, to the prefecture (4-digit) or municipality codes."""
    places: dict[str, set[str]] = {}
    for code, names in gb2260().items():
        for name in names:
            if len(code) == 2:
                key_code = code
                short = re.sub("(?:省|市|自治区|壮族自治区|回族自治区|维吾尔自治区|特别行政区)$", "", name)
            elif len(code) == 4:
                key_code = code[:2] if code[:2] in MUNICIPALITIES else code
                short = NAME_SUFFIX.sub("", name)
            elif code.endswith("00"):
                continue
            else:
                key_code = code[:2] if code[:2] in MUNICIPALITIES else code[:4]
                short = ""
            for variant in {name, short}:
                if len(variant) >= 2 and not variant.endswith("辖区"):
                    places.setdefault(variant, set()).add(key_code)
    pattern = re.compile("|".join(sorted(map(re.escape, places), key=len, reverse=True)))
    return pattern, places


def places_named(text: str) -> set[str]:
    """Prefecture (or municipality/province) codes of the places named in ``text``."""
    pattern, places = _gazetteer()
    found: set[str] = set()
    for match in pattern.finditer(text):
        found |= places[match.group()]
    return found


def same_place(encoded: str, named: set[str]) -> bool:
    """Whether a region code from a number (2/4/6 digits) fits one of the named places."""
    for place in named:
        level = min(len(place), len(encoded))
        if encoded[:level] == place[:level]:
            return True
    return False
