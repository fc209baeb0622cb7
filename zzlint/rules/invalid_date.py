"""A date that does not exist (2023年2月30日), or a 星期 that does not match its date.

A wrong date in a notice or a report is a factual error the reader can check with a calendar.
Dates written 2023年12月25日 (digits half- or full-width) or 二〇二三年十二月二十五日 are checked:
the month must be 1–12 and the day must exist in that month of that year (2月29日 only in leap
years). A 星期 or 周 right after the date (in brackets or not) must be the date's weekday. A
month and day without a year are checked against the longest month (2月30日 never exists).

Wrong::

    2023年2月30日；2023年12月25日（星期二）

Right::

    2023年2月28日；2023年12月25日（星期一）
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from zzlint.diagnostic import Finding, Severity
from zzlint.document import Document
from zzlint.i18n import _
from zzlint.lazyre import lazy
from zzlint.rule import Rule

YEAR_DIGITS = {"〇": "0", "○": "0", "零": "0", "一": "1", "二": "2", "三": "3", "四": "4",
               "五": "5", "六": "6", "七": "7", "八": "8", "九": "9"}
#: Digits of either width (``int`` reads both): the text is searched as it is, not width-folded.
NUMBER = r"[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3}"
#: Month and day; the year, if any, is looked for just before (a leading optional group would
#: make the regex engine try a long match at every position of the text).
DATE = lazy(
    rf"(?<![0-9０-９一二三四五六七八九十])(?P<month>{NUMBER})月(?P<day>{NUMBER})(?:日|号)"
    rf"(?:\s*[（(]?\s*(?P<weekday>(?:星期|周|礼拜)[一二三四五六日天]))?")
YEAR_BEFORE = lazy(r"(?<![0-9０-９])([0-9０-９]{4}|[〇○零一二三四五六七八九]{4})年$")
WEEKDAYS = "一二三四五六日"
#: The characters a month's number (NUMBER) ends on, one of which stands right before 月 in a date.
MONTH_ENDS = frozenset("0123456789０１２３４５６７８９一二三四五六七八九十")


class InvalidDate(Rule):
    __doc__ = __doc__
    name = "invalid-date"
    severity = Severity.ERROR
    presets = ("gb",)
    cost = 0.009

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        for match in _dates(text):
            year = YEAR_BEFORE.search(text, max(0, match.start() - 6), match.start())
            start = year.start() if year else match.start()
            message = _problem(match, year.group(1) if year else None, text[start:match.end("day") + 1])
            if message:
                yield Finding(start, match.end(), message)


def _dates(text: str) -> Iterator[re.Match[str]]:
    """The matches of DATE, as ``DATE.finditer`` finds them. A pattern that opens with a
    lookbehind is tried at every position of the text; a date's 月 stands at most three
    characters after its start, so only the three positions before each 月 are tried."""
    position = 0
    while (month := text.find("月", position)) >= 0:
        if text[month - 1] not in MONTH_ENDS:  # 本月, 岁月: no month number, nothing to try
            position = month + 1
            continue
        for start in range(max(position, month - 3), month):
            match = DATE.match(text, start)
            if match:
                yield match
                position = match.end()
                break
        else:
            position = month + 1


def _value(text: str) -> int | None:
    if text.isdigit():  # most dates: the import below costs more than int() here
        return int(text)
    from zzlint.numbering import chinese_number

    return chinese_number(text)


def _problem(match: re.Match[str], year_text: str | None, written: str) -> str | None:
    import calendar  # here, with datetime: a document without a date needs neither (nor locale)
    import datetime

    month, day = _value(match.group("month")), _value(match.group("day"))
    if month is None or day is None:
        return None
    if not 1 <= month <= 12:
        return _("「{written}」: there is no month {month}").format(written=written, month=month)
    year = int("".join(YEAR_DIGITS.get(ch, ch) for ch in year_text)) if year_text else None
    longest = calendar.monthrange(year if year else 2000, month)[1]
    if not 1 <= day <= longest:
        where = f"{year}年{month}月" if year else f"{month}月"
        return _("「{written}」: {where} has {longest} days").format(written=written, where=where, longest=longest)
    weekday = match.group("weekday")
    if year and weekday:
        actual = WEEKDAYS[datetime.date(year, month, day).weekday()]
        if weekday[-1].replace("天", "日") != actual:
            return _("「{written}」 is a 星期{actual}, not {weekday}").format(
                written=written, actual=actual, weekday=weekday)
    return None
