"""The language of what zzlint says: gettext catalogues under ``zzlint/locale``.

Messages are written in the source as English ``_("…{name}…").format(name=…)`` calls, so that
Babel can extract them; the catalogue of the language in force translates them when the
message is built.
"""
from __future__ import annotations

import gettext
from functools import lru_cache
from pathlib import Path

DOMAIN = "zzlint"
LOCALE_DIR = Path(__file__).with_name("locale")
DEFAULT_LANGUAGE = "zh_CN"

_language = DEFAULT_LANGUAGE


def set_language(language: str) -> None:
    global _language
    _language = language


def language() -> str:
    return _language


@lru_cache(maxsize=8)
def _catalogue(language: str) -> gettext.NullTranslations:
    return gettext.translation(DOMAIN, LOCALE_DIR, [language], fallback=True)


def _(message: str) -> str:
    """``message`` in the language in force (the English original where none is catalogued)."""
    return _catalogue(_language).gettext(message)


def N_(message: str) -> str:
    """Mark ``message`` for extraction where it is defined; translate it with ``_`` when used."""
    return message
