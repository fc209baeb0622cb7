"""Regions: GB/T 2260 codes with their history (python-stdnum's data), the tables of
``rules/regions.toml`` (province abbreviations, PBOC area codes) and ``rules/plates.toml``
(plate letters), and the place names a notice mentions. Loaded on first use, once per process.

Reading python-stdnum's database and deriving the place names from it took a third of a second,
more than the rest of a check of one notice: what is derived is kept per machine
(``zzlint.usercache``), named after the database file it comes from.
"""
from __future__ import annotations

import importlib.util
import os
from functools import lru_cache

from zzlint import usercache
from zzlint.lazyre import lazy
from zzlint.packs import builtin_data_table

#: A county entry of python-stdnum's cn/loc data: "[1983-1996]南区,[1997-]石峰区".
HISTORY_ITEM = lazy(r"(?:\[(\d{4})?-(\d{4})?\])?([^,\[\]]+)")
MUNICIPALITIES = {"11", "12", "31", "50"}
NAME_SUFFIX = lazy("(?:市|地区|自治州|盟)$")
PROVINCE_SUFFIX = lazy("(?:省|市|自治区|壮族自治区|回族自治区|维吾尔自治区|特别行政区)$")
#: Names of the summary codes that group a level without naming a place (1101 市辖区, 5002 县,
#: 4290 省直辖县级行政单位): a full name leaves them out.
SUMMARY_NAME = lazy(r"^(?:市辖区|县|.*直辖县级行政(?:单位|区划))$")
#: A place name followed by one of these is a street, a university or a square, not the place.
NOT_A_PLACE_AFTER = lazy(r"[路街巷]|大道|大学|广场")
#: Bumped when what ``_derive`` makes of the database changes, so that a kept copy is not read.
DERIVED_FORMAT = 1


def _history() -> dict[str, list[tuple[str, bool]]]:
    """GB/T 2260 code to every (name, still in use) it has had, the latest last."""
    return _derived()[0]


@lru_cache(maxsize=1)
def _derived() -> tuple[dict[str, list[tuple[str, bool]]], dict[str, set[str]]]:
    """The history of the codes and the place names (see ``_places``), kept per machine."""
    spec = importlib.util.find_spec("stdnum")
    database = os.path.join(os.path.dirname(spec.origin), "cn", "loc.dat") if spec and spec.origin else ""
    try:
        status = os.stat(database)
    except OSError:  # not where it is expected: read through stdnum each time
        return _derive()
    source = f"{database}\0{status.st_size}\0{status.st_mtime_ns}\0{DERIVED_FORMAT}"
    return usercache.derived("regions", source, _derive)


def _derive() -> tuple[dict[str, list[tuple[str, bool]]], dict[str, set[str]]]:
    from stdnum import numdb

    history: dict[str, list[tuple[str, bool]]] = {}
    for province, province_info, counties in _walk(numdb.get("cn/loc")):
        history.setdefault(province, []).append((province_info, True))
        for county, text in counties:
            code = province + county
            entries = [(m.group(3).strip(), m.group(2) is None) for m in HISTORY_ITEM.finditer(text)
                       if m.group(3).strip()]
            history.setdefault(code, []).extend(entries)
            if code.endswith("00"):
                history.setdefault(code[:4], []).extend(entries)
    return history, _places(history)


def _walk(database):  # type: ignore[no-untyped-def]
    """(province code, its name, [(county code, history text)]) from numdb's prefix tree,
    whose entries are (length, low, high, properties, children)."""
    for _, low, high, props, children in database.prefixes:
        if low != high:
            continue
        counties = [(c_low, c_props.get("county", "")) for _, c_low, c_high, c_props, _ in children
                    if c_low == c_high]
        yield low, props.get("province", ""), counties


def known_code(code: str) -> bool:
    """Whether GB/T 2260 has, or once had, the code (2, 4 or 6 digits)."""
    return code in _history()


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
        entries = _history().get(prefix)
        if not entries:
            break
        latest = entries[-1][0]
        if not SUMMARY_NAME.match(latest):
            parts.append(latest)
    return "".join(parts) or code


def _places(history: dict[str, list[tuple[str, bool]]]) -> dict[str, set[str]]:
    """Place names a notice may use, to the prefecture (4-digit) or municipality codes. A name
    no longer in use counts only in full (湘潭地区): its short form is too often a word (惠民)."""
    places: dict[str, set[str]] = {}
    for code, entries in history.items():
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
    return places


@lru_cache(maxsize=1)
def _names_by_start() -> dict[str, list[str]]:
    """The place names by their first two characters, the longest first. Looking them up at each
    position of a text is ten times faster than one regex of all 4,800 names (which also took a
    seventh of a second to compile)."""
    by_start: dict[str, list[str]] = {}
    for name in sorted(_derived()[1], key=len, reverse=True):
        by_start.setdefault(name[:2], []).append(name)
    return by_start


def places_named(text: str) -> dict[str, set[str]]:
    """The places ``text`` names, as written, in order, each with its prefecture (or
    municipality, or province) codes. From each position the longest name that starts there is
    taken and the search goes on after it, as a regex alternation of the names would."""
    by_start, places = _names_by_start(), _derived()[1]
    found: dict[str, set[str]] = {}
    position, last = 0, len(text) - 1
    while position < last:
        name = next((n for n in by_start.get(text[position:position + 2], ()) if text.startswith(n, position)),
                    None)
        if name is None:
            position += 1
            continue
        position += len(name)
        if not NOT_A_PLACE_AFTER.match(text, position):
            found.setdefault(name, set()).update(places[name])
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
