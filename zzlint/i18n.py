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
"""
from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gettext import NullTranslations

DOMAIN = "zzlint"
LOCALE_DIR = Path(__file__).with_name("locale")
DEFAULT_LANGUAGE = "zh"
#: The languages zzlint speaks, and the catalogue folder (the gettext locale) of each.
LOCALES = {"zh": "zh_CN", "en": "en"}
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")

_language = DEFAULT_LANGUAGE
#: Whether ``--lang`` chose the language in force, which the config's ``language`` then leaves alone.
_explicit = False


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


def set_language(language: str, explicit: bool = False) -> None:
    """Speak ``language`` from now on; ``explicit`` when ``--lang`` chose it."""
    global _language, _explicit
    _language = parse_language(language)
    _explicit = explicit


def use_configured(configured: str | None) -> None:
    """Speak the config's ``language`` unless ``--lang`` chose one."""
    if configured and not _explicit:
        set_language(configured)


def language() -> str:
    return _language


@lru_cache(maxsize=8)
def _catalogue(language: str) -> NullTranslations:
    import gettext  # here: a run that says nothing (a clean check with -q) needs no catalogue

    return gettext.translation(DOMAIN, LOCALE_DIR, [LOCALES[language]], fallback=True)


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


def N_plural(singular: str, plural: str) -> tuple[str, str]:
    """Mark a message and its plural for extraction where they are defined; translate them with
    ``ngettext`` when used."""
    return singular, plural
