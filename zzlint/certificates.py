"""Certificate, licence and ID numbers: recognised in context, validated by their declared kind.

Kinds are data (``[[certificate]]`` tables of rule packs, see ``rules/certificates.toml``). A
number is taken for kind K only when a keyword of K announces it: right before it
(身份证号：…, 统一社会信用代码为…) or after it in the notice pattern 遗失…号…证. Phone numbers,
bank cards, order numbers, dates and amounts carry no such keyword and are never examined.
"""
from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from zzlint import regions
from zzlint.checksums import ALGORITHMS, USCC_ALPHABET
from zzlint.diagnostic import Severity
from zzlint.document import Document, Paragraph
from zzlint.packs import PackError, data

CLASSES = ("shape", "check", "date", "province", "place")
#: Between a keyword and the number after it: 身份证号：, 代码为, （注册号：
AFTER_KEYWORD = re.compile(r"[\s:：,，为是（(]*(?:号码|编号|证号|注册号|代码|核准号|号)?[\s:：为是]*")
#: Between the number and a keyword after it: 遗失…号食品经营许可证, …号合同违约保证金发票
BEFORE_KEYWORD = re.compile(r"(?:号[\u4e00-\u9fff]{0,10})?")
WINDOW = 48
USCC_CONFUSABLES = {"O": "0", "I": "1", "Z": "2", "S": "5", "V": "U"}


@dataclass(frozen=True)
class Form:
    describe: str
    shape: re.Pattern[str]
    check: str | None = None
    check_span: tuple[int, int] | None = None
    date: dict[str, Any] | None = None
    province: dict[str, Any] | None = None
    place: dict[str, Any] | None = None


@dataclass(frozen=True)
class Kind:
    name: str
    label: str
    keywords: tuple[str, ...]
    candidate: re.Pattern[str]
    forms: tuple[Form, ...]
    severity: dict[str, Severity]
    strip: str = " -"
    upper: bool = False


@dataclass(frozen=True)
class Problem:
    kind: Kind
    failure: str
    start: int
    end: int
    message: str

    @property
    def severity(self) -> Severity:
        return self.kind.severity.get(self.failure, Severity.ERROR)


@dataclass
class Examiner:
    """Finds and checks the numbers of a document against the declared kinds."""

    kinds: list[Kind]
    reference_date: datetime.date
    locale: str = ""
    _keywords: re.Pattern[str] = field(init=False)
    _by_keyword: dict[str, list[Kind]] = field(init=False)

    def __post_init__(self) -> None:
        self._by_keyword = {}
        for kind in self.kinds:
            for keyword in kind.keywords:
                self._by_keyword.setdefault(keyword, []).append(kind)
        alternatives = sorted(self._by_keyword, key=len, reverse=True)
        self._keywords = re.compile("|".join(map(re.escape, alternatives)))

    def problems(self, doc: Document) -> list[Problem]:
        """Every problem of the document's numbers, worked out once per document and examiner
        (invalid-certificate-number and certificate-region-mismatch share them)."""
        return doc.memo(f"certificate-problems-{id(self)}", self._examine)

    def _examine(self, doc: Document) -> list[Problem]:
        return [problem for paragraph, kind, start, end in self.numbers(doc)
                for problem in self._validate(doc, paragraph, kind, start, end)]

    def numbers(self, doc: Document) -> Iterator[tuple[Paragraph, Kind, int, int]]:
        """Each announced number once: (paragraph, kind, start, end)."""
        seen: set[tuple[int, int]] = set()
        for match in self._keywords.finditer(doc.folded):
            paragraph = doc.paragraph_at(match.start())
            if paragraph is None:
                continue
            found = self._announced(doc.folded, paragraph, match)
            if found and (found[1], found[2]) not in seen:
                seen.add((found[1], found[2]))
                yield paragraph, *found

    def _announced(self, folded: str, paragraph: Paragraph,
                   keyword: re.Match[str]) -> tuple[Kind, int, int] | None:
        best: tuple[int, Kind, int, int] | None = None
        for kind in self._by_keyword[keyword.group()]:
            low = max(paragraph.start, keyword.start() - WINDOW)
            high = min(paragraph.end, keyword.end() + WINDOW)
            for candidate in kind.candidate.finditer(folded, low, high):
                distance = _distance(folded, keyword, candidate)
                if distance is not None and (best is None or distance < best[0]):
                    best = (distance, kind, candidate.start(), candidate.end())
        return best[1:] if best else None

    def _validate(self, doc: Document, paragraph: Paragraph, kind: Kind,
                  start: int, end: int) -> Iterator[Problem]:
        raw = doc.folded[start:end]
        value = "".join(ch for ch in raw if ch not in kind.strip)
        value = value.upper() if kind.upper else value
        form = next((f for f in kind.forms if f.shape.fullmatch(value)), None)
        label = f"{kind.label} {doc.text[start:end]}"
        if form is None:
            yield Problem(kind, "shape", start, end, f"{label}: {_shape_message(kind, value)}")
            return
        for failure, message in _form_problems(form, value, self.reference_date):
            yield Problem(kind, failure, start, end, f"{label}: {message}")
        if form.place:
            mismatch = self._place_mismatch(doc, paragraph, form, value)
            if mismatch:
                yield Problem(kind, "place", start, end, f"{label}: {mismatch}")

    def _place_mismatch(self, doc: Document, paragraph: Paragraph, form: Form, value: str) -> str | None:
        spec = form.place or {}
        segment = value[spec["at"]:spec["at"] + spec["length"]]
        encoded = _region_code(spec["table"], segment)
        named = regions.places_named(paragraph.text) or regions.places_named(self.locale)
        codes = set().union(*named.values())
        if encoded is None or not named or regions.same_place(encoded, codes):
            return None
        places = "、".join(_distinct_places(named))
        return f"{segment} stands for {regions.full_name(encoded)}, but the notice names {places}: please check"


def _distinct_places(named: dict[str, set[str]]) -> list[str]:
    """The names of the places, leaving out a name within a place named before it (株洲市石峰区
    names 株洲市)."""
    shown: list[str] = []
    covered: set[str] = set()
    for name, codes in named.items():
        if not all(regions.same_place(code, covered) for code in codes):
            shown.append(name)
            covered |= codes
    return shown


def _distance(folded: str, keyword: re.Match[str], candidate: re.Match[str]) -> int | None:
    """How far a candidate number is from the keyword that announces it, or None if unrelated."""
    if candidate.start() >= keyword.end():
        gap = folded[keyword.end():candidate.start()]
        return len(gap) if AFTER_KEYWORD.fullmatch(gap) else None
    if candidate.end() <= keyword.start():
        gap = folded[candidate.end():keyword.start()]
        return len(gap) if BEFORE_KEYWORD.fullmatch(gap) else None
    return None


def _shape_message(kind: Kind, value: str) -> str:
    confusable = [ch for ch in value if ch in USCC_CONFUSABLES] if kind.name == "uscc" else []
    if confusable and len(value) == 18:
        return _uscc_confusable(value, confusable[0])
    expected = " or ".join(form.describe for form in kind.forms)
    return f"{len(value)} characters, expected {expected}"


def _uscc_confusable(value: str, wrong: str) -> str:
    meant = USCC_CONFUSABLES[wrong]
    fixed = "".join(USCC_CONFUSABLES.get(ch, ch) for ch in value)
    fits = all(ch in USCC_ALPHABET for ch in fixed) and ALGORITHMS["gb32100"](fixed) is None
    hint = f"; with {meant} the check character fits" if fits else ""
    return f"{wrong} is never used in a 统一社会信用代码 ({meant}?){hint}"


def _form_problems(form: Form, value: str, today: datetime.date) -> Iterator[tuple[str, str]]:
    layout_known = True
    if form.province:
        failure = _province_problem(form.province, value)
        layout_known = not _also_prefix(form.province, value)
        if failure:
            yield "province", failure
    if form.check:
        low, high = form.check_span or (0, len(value))
        expected = ALGORITHMS[form.check](value[low:high])
        if expected is not None:
            yield "check", (f"the check character does not fit: it should be {expected}, "
                            f"not {value[high - 1]} (or another character is wrong)")
    if form.date and layout_known:
        message = _date_problem(form.date, value, today)
        if message:
            yield "date", message


def _also_prefix(spec: dict[str, Any], value: str) -> bool:
    """永居证 numbers (leading 9): the inner layout is not asserted, so it is not checked."""
    return any(value.startswith(p) for p in spec.get("also-prefix", ()))


def _province_problem(spec: dict[str, Any], value: str) -> str | None:
    at, table = spec["at"], spec["table"]
    if _also_prefix(spec, value):
        return None
    if table == "abbreviation":
        segment = value[at]
        known = segment in regions.table("abbreviation")
    else:
        segment = value[at:at + 2]
        known = (regions.province_exists(segment) or segment in spec.get("also", ())
                 or (table == "cn-area" and segment in regions.table("cn-area")))
    return None if known else f"{segment} is not a province code"


def _date_problem(spec: dict[str, Any], value: str, today: datetime.date) -> str | None:
    at, layout = spec["at"], spec["format"]
    text = value[at:at + len(layout)]
    if layout == "YYMMDD":
        text, layout = "19" + text, "YYYYMMDD"
    try:
        if layout == "YYYYMMDD":
            date = datetime.date(int(text[:4]), int(text[4:6]), int(text[6:8]))
        elif layout == "YYYY":
            date = datetime.date(int(text), 1, 1)
        else:
            date = datetime.date(2000 + int(text), 1, 1)
    except ValueError:
        return f"the date {text} does not exist"
    if date > today:
        return f"the date {text} lies in the future"
    if date.year < spec.get("min-year", 0):
        return f"the year {date.year} is before {spec['min-year']}"
    return None


def _region_code(table: str, segment: str) -> str | None:
    """The GB/T 2260 code (2, 4 or 6 digits) of the region a number's segment encodes."""
    if table == "gb2260":
        return segment if regions.province_exists(segment[:2]) else None
    if table == "pboc":
        pboc = regions.table("pboc")
        return pboc.get(segment) or pboc.get(segment[:3] + "0")
    if table == "plate":
        return regions.table("plate").get(segment) or regions.table("abbreviation").get(segment[0])
    return regions.table(table).get(segment)


def load_kinds(extra: tuple[Path, ...] = ()) -> list[Kind]:
    return [_kind(spec) for spec in data("certificate", extra)]


@lru_cache(maxsize=8)
def examiner(extra: tuple[Path, ...], reference_date: str, locale: str) -> Examiner:
    """The examiner for a configuration, built once per process; ``reference_date`` is ISO
    (empty: today), the date before which every date in a number must lie."""
    try:
        today = datetime.date.fromisoformat(reference_date) if reference_date else datetime.date.today()
    except ValueError:
        raise PackError(f"reference-date {reference_date!r} is not a date (YYYY-MM-DD)") from None
    return Examiner(load_kinds(extra), today, locale)


def _kind(spec: dict[str, Any]) -> Kind:
    name = spec.get("name", "?")
    try:
        forms = tuple(
            Form(f["describe"], re.compile(f["shape"]), f.get("check"),
                 tuple(f["check-span"]) if "check-span" in f else None,
                 f.get("date"), f.get("province"), f.get("place"))
            for f in spec["forms"])
        for form in forms:
            if form.check and form.check not in ALGORITHMS:
                raise PackError(f"unknown check algorithm {form.check!r}")
        severity = {k: Severity.parse(v) for k, v in spec.get("severity", {}).items()}
        unknown = set(severity) - set(CLASSES)
        if unknown:
            raise PackError(f"unknown failure class {sorted(unknown)[0]!r}")
        return Kind(name, spec["label"], tuple(spec["keywords"]), re.compile(spec["candidate"]),
                    forms, severity, spec.get("strip", " -"), bool(spec.get("upper", False)))
    except (KeyError, re.error, ValueError, TypeError) as exc:
        raise PackError(f"certificate kind {name!r}: {exc}") from None
