"""The language of what zzlint says: gettext catalogues under ``zzlint/locale``.

Messages are written in the source as English ``_("…{name}…").format(name=…)`` calls, so that
Babel can extract them; the catalogue of the language in force translates them when the
message is built. Chinese (``zh``) is the default; English (``en``) is the source text itself,
so it needs no catalogue. A text that no catalogue holds (a message an editor wrote in Chinese in
a rule pack) is shown as written, in either language.

The language in force is chosen, first match wins, by ``--lang``, by ``language`` in the config,
and by the locale of the environment (``LC_ALL``, ``LC_MESSAGES``, ``LANG``: the first that is
set, as POSIX reads them): an ``en…`` locale means English, anything else (``C``, ``POSIX``,
unset) Chinese.

Parsing a compiled catalogue (``.mo``) takes some 5 ms, a tenth of a check of one paragraph, so
its messages are kept in the user cache (``zzlint/usercache.py``), derived from the file's path,
size and time stamp.
"""
from __future__ import annotations

import gettext
import os
from collections.abc import Callable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any, Union

from zzlint import usercache

#: A catalogue's messages: msgid to text, and (msgid, plural index) to each plural form.
Messages = dict[Union[str, tuple[str, int]], str]

DOMAIN = "zzlint"
LOCALE_DIR = Path(__file__).with_name("locale")
DEFAULT_LANGUAGE = "zh"
#: The languages zzlint speaks, and the catalogue folder (the gettext locale) of each.
LOCALES = {"zh": "zh_CN", "en": "en"}
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")

_language = DEFAULT_LANGUAGE


def parse_language(value: str) -> str:
    """``zh`` or ``en`` from what a user wrote (``zh``, ``zh_CN``, ``en-GB``, ``EN``)."""
    code = value.strip().replace("-", "_").split("_")[0].lower()
    if code not in LOCALES:
        raise ValueError(_("unknown language {value!r} (expected one of {choices})").format(
            value=value, choices=", ".join(LOCALES)))
    return code


def from_environment(environ: Mapping[str, str]) -> str:
    """The language the locale of ``environ`` asks for: English for an ``en…`` locale."""
    locale = next((environ[name] for name in LOCALE_VARIABLES if environ.get(name)), "")
    return "en" if locale.lower().startswith("en") else DEFAULT_LANGUAGE


def choose(option: str | None, configured: str | None, environ: Mapping[str, str]) -> str:
    """The language in force: the command-line option, else the config, else the environment."""
    if option:
        return parse_language(option)
    if configured:
        return parse_language(configured)
    return from_environment(environ)


def set_language(language: str) -> None:
    global _language
    _language = parse_language(language)


def language() -> str:
    return _language


class Catalogue(gettext.NullTranslations):
    """The messages of a compiled catalogue, looked up as ``gettext.GNUTranslations`` does."""

    def __init__(self, messages: Messages, plural_forms: str | None) -> None:
        super().__init__()
        self.messages = messages
        self.plural_forms = plural_forms

    def gettext(self, message: str) -> str:
        found = self.messages.get(message)
        if found is None:
            found = self.messages.get((message, self._plural(1)))
        return message if found is None else found

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        found = self.messages.get((msgid1, self._plural(n)))
        if found is None:
            return msgid1 if n == 1 else msgid2
        return found

    @property
    def _plural(self) -> Callable[[int], int]:
        return _plural_function(self.plural_forms)


@lru_cache(maxsize=8)
def _plural_function(plural_forms: str | None) -> Callable[[int], int]:
    """The plural index of a count, from the header's ``nplurals=N; plural=EXPRESSION;``."""
    if plural_forms is None:
        return lambda n: int(n != 1)
    expression = plural_forms.split(";")[1].split("plural=")[1].strip()
    if expression.isdigit():  # one form for every count, as in Chinese: nothing to parse
        return lambda n: int(expression)
    return gettext.c2py(expression)  # type: ignore[attr-defined,no-any-return]


@lru_cache(maxsize=8)
def _catalogue(language: str) -> gettext.NullTranslations:
    compiled = LOCALE_DIR / LOCALES[language] / "LC_MESSAGES" / f"{DOMAIN}.mo"
    try:
        stamp = os.stat(compiled)
    except OSError:
        return gettext.NullTranslations()
    source = f"{compiled}\0{stamp.st_size}\0{stamp.st_mtime_ns}"
    messages, plural_forms = usercache.derived("catalogue", source, lambda: _parse(compiled))
    return Catalogue(messages, plural_forms)


def _parse(compiled: Path) -> tuple[Messages, str | None]:
    with compiled.open("rb") as file:
        parsed: Any = gettext.GNUTranslations(file)
    return dict(parsed._catalog), parsed.info().get("plural-forms")


@lru_cache(maxsize=8)
def catalogue_digest(language: str) -> str:
    """The language and the bytes of its compiled catalogue, hashed: what a cached finding's
    message depends on besides the code."""
    import hashlib  # here: only a run with the findings cache needs it

    digest = hashlib.sha256(language.encode())
    compiled = LOCALE_DIR / LOCALES[language] / "LC_MESSAGES" / f"{DOMAIN}.mo"
    if compiled.is_file():
        digest.update(compiled.read_bytes())
    return digest.hexdigest()


def _(message: str) -> str:
    """``message`` in the language in force (as written where no catalogue holds it)."""
    return _catalogue(_language).gettext(message) if message else message


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form of a message that fits ``count`` in the language in force."""
    return _catalogue(_language).ngettext(singular, plural, count)


def N_(message: str) -> str:
    """Mark ``message`` for extraction where it is defined; translate it with ``_`` when used."""
    return message
