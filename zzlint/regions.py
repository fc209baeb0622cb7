"""Regions: GB/T 2260 codes with their history (python-stdnum's data), the tables of
``rules/regions.toml`` (province abbreviations, PBOC area codes) and ``rules/plates.toml``
(plate letters), and the place names a notice mentions. Loaded on first use, once per process.
"""
from __future__ import annotations

import re
from functools import lru_cache

from zzlint.packs import builtin_data_table

#: A county entry of python-stdnum's cn/loc data: "[1983-1996]南区,[1997-]石峰区".
HISTORY_ITEM = re.compile(r"(?:\[(\d{4})?-(\d{4})?\])?([^,\[\]]+)")
MUNICIPALITIES = {"11", "12", "31", "50"}
NAME_SUFFIX = re.compile("(?:市|地区|自治州|盟)$")
PROVINCE_SUFFIX = re.compile("(?:省|市|自治区|壮族自治区|回族自治区|维吾尔自治区|特别行政区)$")
#: Names of the summary codes that group a level without naming a place (1101 市辖区, 5002 县,
#: 4290 省直辖县级行政单位): a full name leaves them out.
SUMMARY_NAME = re.compile(r"^(?:市辖区|县|.*直辖县级行政(?:单位|区划))$")
#: A place name followed by one of these is a street, a university or a square, not the place.
NOT_A_PLACE_AFTER = re.compile(r"[路街巷]|大道|大学|广场")


@lru_cache(maxsize=1)
def gb2260() -> dict[str, list[str]]:
    """GB/T 2260 code (2, 4 or 6 digits) to every name it has carried, the latest last."""
    return {code: [name for name, _ in entries] for code, entries in _history().items()}


@lru_cache(maxsize=1)
def _history() -> dict[str, list[tuple[str, bool]]]:
    """GB/T 2260 code to every (name, still in use) it has had, the latest last."""
    from stdnum import numdb

    database = numdb.get("cn/loc")
    history: dict[str, list[tuple[str, bool]]] = {}
    for province, province_info, counties in _walk(database):
        history.setdefault(province, []).append((province_info, True))
        for county, text in counties:
            code = province + county
            entries = [(m.group(3).strip(), m.group(2) is None) for m in HISTORY_ITEM.finditer(text)
                       if m.group(3).strip()]
            history.setdefault(code, []).extend(entries)
            if code.endswith("00"):
                history.setdefault(code[:4], []).extend(entries)
    return history


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


def level(code: str) -> str:
    """A code cut to the level it denotes: 430000 is the province 43, 430200 the city 4302."""
    while len(code) > 2 and code.endswith("00"):
        code = code[:-2]
    return code


def full_name(code: str) -> str:
    """Province, city and county of a code (2, 4 or 6 digits): 110105 is 北京市朝阳区, 4302 is
    湖南省株洲市. A level the data does not know ends the name there."""
    code = level(code)
    parts: list[str] = []
    for prefix in dict.fromkeys(code[:n] for n in range(2, len(code) + 1, 2)):
        names = gb2260().get(prefix)
        if not names:
            break
        if not SUMMARY_NAME.match(names[-1]):
            parts.append(names[-1])
    return "".join(parts) or code


@lru_cache(maxsize=1)
def _gazetteer() -> tuple[re.Pattern[str], dict[str, set[str]]]:
    """Place names a notice may use, to the prefecture (4-digit) or municipality codes. A name
    no longer in use counts only in full (湘潭地区): its short form is too often a word (惠民)."""
    places: dict[str, set[str]] = {}
    for code, entries in _history().items():
        for name, current in entries:
            if len(code) == 2:
                key_code = code
                short = PROVINCE_SUFFIX.sub("", name)
            elif len(code) == 4:
                key_code = code[:2] if code[:2] in MUNICIPALITIES else code
                short = NAME_SUFFIX.sub("", name)
            elif code.endswith("00"):
                continue
            else:
                key_code = code[:2] if code[:2] in MUNICIPALITIES else code[:4]
                short = ""
            for variant in {name, short if current else ""}:
                if len(variant) >= 2 and not SUMMARY_NAME.match(variant):
                    places.setdefault(variant, set()).add(key_code)
    pattern = re.compile("|".join(sorted(map(re.escape, places), key=len, reverse=True)))
    return pattern, places


def places_named(text: str) -> dict[str, set[str]]:
    """The places ``text`` names, as written, in order, each with its prefecture (or
    municipality, or province) codes."""
    pattern, places = _gazetteer()
    found: dict[str, set[str]] = {}
    for match in pattern.finditer(text):
        if not NOT_A_PLACE_AFTER.match(text, match.end()):
            found.setdefault(match.group(), set()).update(places[match.group()])
    return found


def same_place(encoded: str, named: set[str]) -> bool:
    """Whether a region code from a number fits one of the named places, compared at the
    coarser of the two levels (a province-level code fits every city of the province)."""
    encoded = level(encoded)
    for place in named:
        depth = min(len(place), len(encoded))
        if encoded[:depth] == place[:depth]:
            return True
    return False
