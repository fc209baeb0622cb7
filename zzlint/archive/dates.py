"""When a paragraph was printed: from a date line above it in the text, else from its path.

A date line is a line that holds only a date, as an issue or a day's file is headed and a speech
printed in full is dated under its title: ``2024年1月5日``, ``2024年1月5日 星期五``,
``（2024年1月5日）``, ``2024-01-05``. It dates the paragraphs below it in its article (see the
README on articles); one at the head of the file dates the whole file. Without one, the path gives the date: ``2024-01-05``, ``20240105`` or
``2024/01/05`` anywhere in it, else a month (``2024-01``, ``202401``) or a year (``2024``)
standing apart in the file name (``xinwenlianbo_2024.txt``). Dates are ISO strings as precise
as their source: ``2024-01-05``, ``2024-01`` or ``2024``.
"""
from __future__ import annotations

import datetime
import re

from zzlint.document import Document
from zzlint.structure import structure

_SEP = r"[-_/.]?"
PATH_DAY = re.compile(rf"(?<!\d)((?:19|20)\d\d){_SEP}(\d\d){_SEP}(\d\d)(?!\d)")
NAME_MONTH = re.compile(r"(?<![0-9A-Za-z])((?:19|20)\d\d)[-_]?(\d\d)(?![0-9A-Za-z])")
NAME_YEAR = re.compile(r"(?<![0-9A-Za-z])((?:19|20)\d\d)(?![0-9A-Za-z])")
DATE_LINE = re.compile(
    r"^[（(【\[]?\s*((?:19|20)\d\d)\s*(?:年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日|-(\d\d)-(\d\d))"
    r"\s*[）)】\]]?\s*(?:星期|周|礼拜)?[一二三四五六日天]?\s*$")
MAX_DATE_LINE = 24


def _iso(year: str, month: str, day: str) -> str | None:
    try:
        return datetime.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def path_date(path: str) -> str | None:
    """The date a path names, as precisely as it names it, or None."""
    for match in reversed(list(PATH_DAY.finditer(path))):
        found = _iso(*match.groups())
        if found:
            return found
    name = re.split(r"[/\\]", path)[-1]
    month = NAME_MONTH.search(name)
    if month and 1 <= int(month.group(2)) <= 12:
        return f"{month.group(1)}-{month.group(2)}"
    year = NAME_YEAR.search(name)
    return year.group(1) if year else None


def line_date(text: str) -> str | None:
    """The date of a line that holds only a date, or None."""
    match = DATE_LINE.match(text.strip())
    if not match:
        return None
    year, month, day, iso_month, iso_day = match.groups()
    return _iso(year, month or iso_month, day or iso_day)


def paragraph_dates(doc: Document) -> list[str | None]:
    """The date of each paragraph of ``doc``, by paragraph index.

    A date line dates the rest of its story (``zzlint.structure``); one in the file's first
    story (the head of a day's file) dates the rest of the file too, where no later date line
    says otherwise.
    """
    default = path_date(doc.path)
    dates: list[str | None] = [None] * len(doc.paragraphs)
    for number, story in enumerate(structure(doc).stories):
        current = default
        for i in story.paragraphs:
            text = doc.paragraphs[i].text
            found = line_date(text) if len(text) <= MAX_DATE_LINE else None
            if found:
                current = found
                default = found if number == 0 else default
            dates[i] = current
    return dates
