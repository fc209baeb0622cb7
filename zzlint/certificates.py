"""Certificate, licence and ID numbers: recognised in context, validated by their declared kind.

Kinds are data (``[[certificate]]`` tables of rule packs, see ``rules/certificates.toml``). A
number is taken for kind K only when a keyword of K announces it: right before it
(身份证号：…, 统一社会信用代码为…, 组织机构代码证正本，代码：…, 食品经营许可证，许可证编号：…) or
after it in the notice pattern 遗失…号…证. When several keywords could announce one number, the
nearest wins. Phone numbers, bank cards, order numbers, dates and amounts carry no such keyword
and are never examined.
"""
from __future__ import annotations

import datetime
import functools
import re
import string
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from zzlint import regions
from zzlint.checksums import ALGORITHMS, USCC_ALPHABET
from zzlint.diagnostic import Severity
from zzlint.document import Document, Paragraph
from zzlint.i18n import _
from zzlint.lazyre import lazy
from zzlint.packs import PackError, data
from zzlint.text import any_width, fold

CLASSES = ("shape", "check", "date", "province", "place")
#: Between a keyword and the number after it (in the folded text, where ：，（ are :,( ): the
#: copy and count (正本, 副本, 一张), then a label of the number (代码：, 许可证编号：, 注册号为).
AFTER_KEYWORD = lazy(
    r"(?:\(?(?:正副本|正、副本|正本|副本)\)?)?(?:[一1][张份本件])?"
    r"[\s:,、(为是]*"
    r"(?:(?:许可证|登记证|证书|证件|证照|执照|证)?(?:号码|编号|证号|注册号|代码|核准号|号))?"
    r"[\s:为是]*")
#: Only a colon between a keyword and what follows: whatever follows is the number.
COLON = lazy(r"\s*:\s*")
#: What follows a kind's ``label：``: letters and digits, in groups a space or hyphen apart (91
#: 110000 600037341L), all of them up to punctuation or the end of the line, with a digit among
#: them; not a masked number (4302**********12) nor the start of a phrase (2023年).
LABELLED = lazy(r"(?=[A-Za-z -]*[0-9])[0-9A-Za-z](?:[0-9A-Za-z-]| (?=[0-9A-Za-z]))*"
                r"(?! [0-9A-Za-z])(?=[\s,;.:、。()\[\]]|$)")
#: Between the number and a keyword after it: 遗失…号食品经营许可证, …号《食品经营许可证》,
#: …号合同违约保证金发票
BEFORE_KEYWORD = lazy(r"(?:\s?号[《“]?[\u4e00-\u9fff]{0,10})?")
WINDOW = 48
#: The window is width-folded with this many characters before it, which a candidate's
#: lookbehind may look at (the shipped candidates look at one).
LOOKBEHIND = 8
USCC_CONFUSABLES = {"O": "0", "I": "1", "Z": "2", "S": "5", "V": "U"}
#: Characters tried in place of a wrong one, to find which character breaks the shape.
REPLACEMENTS = string.digits + string.ascii_uppercase


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
    #: The keywords that name the number itself: after ``label：`` whatever follows is the number.
    labels: frozenset[str] = frozenset()


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


@dataclass(frozen=True, order=True)
class Claim:
    """A keyword's claim that a span of text is a number of its kind; the nearest claim wins."""

    distance: int
    start: int
    end: int
    kind: Kind = field(compare=False)
    paragraph: Paragraph = field(compare=False)


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
        self._keywords = lazy("|".join(spelling for keyword in alternatives for spelling in any_width(keyword)))

    def problems(self, doc: Document) -> list[Problem]:
        """Every problem of the document's numbers, worked out once per document and examiner
        (invalid-certificate-number and certificate-region-mismatch share them)."""
        return doc.memo(f"certificate-problems-{id(self)}", self._examine)

    def _examine(self, doc: Document) -> list[Problem]:
        return [problem for claim in self.numbers(doc)
                for problem in self._validate(doc, claim)]

    def numbers(self, doc: Document) -> list[Claim]:
        """Each announced number once, in text order: of overlapping claims the nearest wins."""
        claims: list[Claim] = []
        for match in self._keywords.finditer(doc.text):
            paragraph = doc.paragraph_at(match.start())
            if paragraph is not None:
                claims.extend(self._claims(doc.text, paragraph, match))
        taken: list[Claim] = []
        for claim in sorted(claims):
            if all(claim.end <= other.start or other.end <= claim.start for other in taken):
                taken.append(claim)
        return sorted(taken, key=lambda claim: claim.start)

    def _claims(self, text: str, paragraph: Paragraph, keyword: re.Match[str]) -> Iterator[Claim]:
        """For each kind the keyword announces, the nearest number it can announce, looked for
        in the width-folded window around the keyword (offsets in it count from ``base``)."""
        low = max(paragraph.start, keyword.start() - WINDOW)
        high = min(paragraph.end, keyword.end() + WINDOW)
        base = max(0, low - LOOKBEHIND)
        folded, word = fold(text[base:high]), fold(keyword.group())
        said = (keyword.start() - base, keyword.end() - base)
        for kind in self._by_keyword[word]:
            spans = [c.span() for c in kind.candidate.finditer(folded, low - base)]
            labelled = _labelled(folded, said[1]) if word in kind.labels else None
            if labelled and all(start != labelled[0] for start, _ in spans):
                spans.append(labelled)
            near = [(d, s, e) for s, e in spans if (d := _distance(folded, said, s, e)) is not None]
            if near:
                distance, start, end = min(near)
                yield Claim(distance, base + start, base + end, kind, paragraph)

    def _validate(self, doc: Document, claim: Claim) -> Iterator[Problem]:
        kind, start, end = claim.kind, claim.start, claim.end
        raw = fold(doc.text[start:end])
        value = "".join(ch for ch in raw if ch not in kind.strip)
        value = value.upper() if kind.upper else value
        form = next((f for f in kind.forms if f.shape.fullmatch(value)), None)
        names = {"kind": _(kind.label), "number": doc.text[start:end]}
        if form is None:
            yield Problem(kind, "shape", start, end, _shape_message(kind, value, names))
            return
        for failure, message in _form_problems(form, value, self.reference_date, names):
            yield Problem(kind, failure, start, end, message)
        if form.place:
            mismatch = self._place_mismatch(claim.paragraph, form, value, names)
            if mismatch:
                yield Problem(kind, "place", start, end, mismatch)

    def _place_mismatch(self, paragraph: Paragraph, form: Form, value: str,
                        names: dict[str, str]) -> str | None:
        spec = form.place or {}
        segment = value[spec["at"]:spec["at"] + spec["length"]]
        encoded = _region_code(spec["table"], segment)
        named = regions.places_named(paragraph.text) or regions.places_named(self.locale)
        codes = set().union(*named.values())
        if encoded is None or not named or regions.same_place(encoded, codes):
            return None
        return _("{kind} {number}: {segment} stands for {region}, but the notice names {places}: "
                 "please check").format(segment=segment, region=regions.full_name(encoded),
                                        places="、".join(_distinct_places(named)), **names)


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


def _labelled(folded: str, at: int) -> tuple[int, int] | None:
    """The run of letters and digits right after ``keyword：``, whatever its length."""
    colon = COLON.match(folded, at)
    number = LABELLED.match(folded, colon.end()) if colon and colon.end() > at else None
    return (number.start(), number.end()) if number else None


def _distance(folded: str, keyword: tuple[int, int], start: int, end: int) -> int | None:
    """How far a candidate number is from the keyword that announces it (its span), or None if
    unrelated."""
    if start >= keyword[1]:
        gap = folded[keyword[1]:start]
        return len(gap) if AFTER_KEYWORD.fullmatch(gap) else None
    if end <= keyword[0]:
        gap = folded[end:keyword[0]]
        return len(gap) if BEFORE_KEYWORD.fullmatch(gap) else None
    return None


def _shape_message(kind: Kind, value: str, names: dict[str, str]) -> str:
    confusable = [ch for ch in value if ch in USCC_CONFUSABLES] if kind.name == "uscc" else []
    if confusable and len(value) == 18:
        return _uscc_confusable(value, confusable[0], names)
    wrong = _one_wrong_character(kind, value)
    if wrong:
        position, forms = wrong
        return _("{kind} {number}: {character} cannot stand at character {position}: "
                 "expected {expected}").format(character=value[position], position=position + 1,
                                               expected=_describe(forms), **names)
    return _("{kind} {number}: {length} characters, expected {expected}").format(
        length=len(value), expected=_describe(kind.forms), **names)


def _one_wrong_character(kind: Kind, value: str) -> tuple[int, list[Form]] | None:
    """The one character whose replacement would give a valid shape, and the forms it gives."""
    for position, original in enumerate(value):
        forms = [form for form in kind.forms
                 if any(form.shape.fullmatch(value[:position] + ch + value[position + 1:])
                        for ch in REPLACEMENTS if ch != original)]
        if forms:
            return position, forms
    return None


def _describe(forms: tuple[Form, ...] | list[Form]) -> str:
    """The forms' descriptions as alternatives, in the language in force."""
    described = [_(text) for text in dict.fromkeys(form.describe for form in forms)]
    return functools.reduce(lambda first, second: _("{first} or {second}").format(first=first, second=second),
                            described)


def _uscc_confusable(value: str, wrong: str, names: dict[str, str]) -> str:
    meant = USCC_CONFUSABLES[wrong]
    fixed = "".join(USCC_CONFUSABLES.get(ch, ch) for ch in value)
    if all(ch in USCC_ALPHABET for ch in fixed) and ALGORITHMS["gb32100"](fixed) is None:
        return _("{kind} {number}: {wrong} is never used in a 统一社会信用代码 ({meant}?); "
                 "with {meant} the check character fits").format(wrong=wrong, meant=meant, **names)
    return _("{kind} {number}: {wrong} is never used in a 统一社会信用代码 ({meant}?)").format(
        wrong=wrong, meant=meant, **names)


def _form_problems(form: Form, value: str, today: datetime.date,
                   names: dict[str, str]) -> Iterator[tuple[str, str]]:
    if form.province:
        failure = _province_problem(form.province, value, names)
        if failure:
            yield "province", failure
    if form.check:
        low, high = form.check_span or (0, len(value))
        expected = ALGORITHMS[form.check](value[low:high])
        if expected is not None:
            yield "check", _("{kind} {number}: the check character does not fit: it should be "
                             "{expected}, not {actual} (or another character is wrong)").format(
                                 expected=expected, actual=value[high - 1], **names)
    if form.date:
        message = _date_problem(form.date, value, today, names)
        if message:
            yield "date", message


def _province_problem(spec: dict[str, Any], value: str, names: dict[str, str]) -> str | None:
    at, table = spec["at"], spec["table"]
    if table == "abbreviation":
        segment = value[at]
        known = segment in regions.table("abbreviation")
    else:
        segment = value[at:at + 2]
        known = (regions.known_code(segment) or segment in spec.get("also", ())
                 or (table == "cn-area" and segment in regions.table("cn-area")))
    if known:
        return None
    return _("{kind} {number}: {segment} is not a province code").format(segment=segment, **names)


def _date_problem(spec: dict[str, Any], value: str, today: datetime.date,
                  names: dict[str, str]) -> str | None:
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
        return _("{kind} {number}: the date {date} does not exist").format(date=text, **names)
    if date > today:
        return _("{kind} {number}: the date {date} lies in the future").format(date=text, **names)
    if date.year < spec.get("min-year", 0):
        return _("{kind} {number}: the year {year} is before {min_year}").format(
            year=date.year, min_year=spec["min-year"], **names)
    return None


def _region_code(table: str, segment: str) -> str | None:
    """The GB/T 2260 code (2, 4 or 6 digits) of the region a number's segment encodes."""
    if table == "gb2260":
        return segment if regions.known_code(segment[:2]) else None
    if table == "pboc":
        pboc = regions.table("pboc")
        return pboc.get(segment) or pboc.get(segment[:3] + "0")
    if table == "plate":
        return regions.table("plate").get(segment) or regions.table("abbreviation").get(segment[0])
    return regions.table(table).get(segment)


def load_kinds(extra: tuple[Path, ...] = ()) -> list[Kind]:
    """The kinds of the built-in packs, then those of ``extra``. A built-in kind's patterns are
    compiled when first used (see ``zzlint.lazyre``: compiling all of them was a tenth of a check
    of one notice); a user's are compiled at once, so that a mistake is reported when the pack is
    read."""
    shipped = data("certificate")
    return ([_kind(spec, lazy) for spec in shipped]
            + [_kind(spec, re.compile) for spec in data("certificate", extra)[len(shipped):]])


@lru_cache(maxsize=8)
def examiner(extra: tuple[Path, ...], reference_date: str, locale: str) -> Examiner:
    """The examiner for a configuration, built once per process; ``reference_date`` is ISO
    (empty: today), the date before which every date in a number must lie."""
    try:
        today = datetime.date.fromisoformat(reference_date) if reference_date else datetime.date.today()
    except ValueError:
        raise PackError(_("reference-date {value!r} is not a date (YYYY-MM-DD)").format(value=reference_date)) from None
    return Examiner(load_kinds(extra), today, locale)


def _kind(spec: dict[str, Any], compile_pattern: Callable[[str], re.Pattern[str]]) -> Kind:
    name = spec.get("name", "?")
    try:
        forms = tuple(
            Form(f["describe"], compile_pattern(f["shape"]), f.get("check"),
                 tuple(f["check-span"]) if "check-span" in f else None,
                 f.get("date"), f.get("province"), f.get("place"))
            for f in spec["forms"])
        for form in forms:
            if form.check and form.check not in ALGORITHMS:
                raise PackError(_("unknown check algorithm {name!r}").format(name=form.check))
        labels = frozenset(spec.get("labels", ()))
        if not labels <= set(spec["keywords"]):
            raise PackError(_("label {label!r} is not a keyword").format(label=sorted(labels - set(spec["keywords"]))[0]))
        severity = {k: Severity.parse(v) for k, v in spec.get("severity", {}).items()}
        unknown = set(severity) - set(CLASSES)
        if unknown:
            raise PackError(_("unknown failure class {name!r}").format(name=sorted(unknown)[0]))
        # folded as the text they are found in is: a keyword found is looked up as it folds
        keywords, labels = tuple(map(fold, spec["keywords"])), frozenset(map(fold, labels))
        return Kind(name, spec["label"], keywords, compile_pattern(spec["candidate"]),
                    forms, severity, spec.get("strip", " -"), bool(spec.get("upper", False)), labels)
    except (KeyError, re.error, ValueError, TypeError) as exc:
        raise PackError(_("certificate kind {name!r}: {error}").format(name=name, error=exc)) from None
