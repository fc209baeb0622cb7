"""The catalogues are complete and current: every message and document of the covered files has
its Chinese, the compiled catalogue that ships is the one the translations say, and the
published rule documentation is what ``zzlint rules --format markdown`` writes."""
from __future__ import annotations

import fnmatch
import gettext
import re
from pathlib import Path

import pytest

from zzlint import catalogue, i18n

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "zzlint" / "locale" / "zh_CN" / "LC_MESSAGES" / "zzlint.po"
MO = PO.with_suffix(".mo")
#: The files whose every message and document must be translated (paths relative to the root):
#: every module of zzlint and every shipped pack.
COVERED = ("zzlint/**.py", "rules/*.toml")
FIELD = re.compile(r"\{(\w*)")


def covered(path: str) -> bool:
    return any(fnmatch.fnmatch(path, pattern) for pattern in COVERED)


def _read(path: Path):  # type: ignore[no-untyped-def]
    from babel.messages.pofile import read_po

    with path.open("rb") as stream:
        return read_po(stream)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    pytest.importorskip("babel")
    path = tmp_path_factory.mktemp("catalogue") / "zzlint.pot"
    catalogue.extract_template(path)
    return _read(path)


def _translated(message) -> bool:  # type: ignore[no-untyped-def]
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    return all(strings) and "fuzzy" not in message.flags


def test_every_covered_message_has_its_chinese(template) -> None:  # type: ignore[no-untyped-def]
    chinese = _read(PO)
    wanted = [m for m in template if m.id and any(covered(path) for path, _line in m.locations)]
    assert len(wanted) > 200
    missing = [m.id for m in wanted if m.id not in chinese or not _translated(chinese[m.id])]
    assert missing == []


def test_extraction_sees_messages_documents_help_and_packs(template) -> None:  # type: ignore[no-untyped-def]
    ids = {m.id if isinstance(m.id, str) else m.id[0] for m in template}
    assert {"paragraph repeats the paragraph at {place} word for word", "Wrong",
            "A paragraph printed twice: equal or nearly equal to an earlier paragraph of the file.",
            "Print the findings only, no summary.", "Show this message and exit.",
            "「{0}」: an ellipsis is two “…” (……)", "Found {count} problem ({parts}) in {files}."} <= ids


def test_translations_use_only_the_fields_of_their_message() -> None:
    for message in _read(PO):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        fields = {f for text in ids for f in FIELD.findall(text)}
        for text in strings:
            assert set(FIELD.findall(text)) <= fields, (message.id, text)


def test_the_shipped_catalogue_is_compiled_from_the_translations() -> None:
    compiled = gettext.GNUTranslations(MO.open("rb"))._catalog  # type: ignore[attr-defined]
    expected = {}
    for message in _read(PO):
        if not message.id or not _translated(message):
            continue
        if isinstance(message.id, tuple):
            expected.update({(message.id[0], i): text for i, text in enumerate(message.string)})
        else:
            expected[message.id] = message.string
    assert {k: v for k, v in compiled.items() if k != ""} == expected


@pytest.mark.parametrize("language", sorted(catalogue.RULE_DOCS))
def test_published_rule_documentation_is_current(language: str) -> None:
    path = catalogue.RULE_DOCS[language]
    assert path.read_text(encoding="utf-8") == catalogue.rules_markdown(language), \
        "run: python -m zzlint.catalogue"


def test_a_text_the_catalogue_does_not_hold_is_shown_as_written() -> None:
    for language in ("zh", "en"):
        i18n.set_language(language)
        assert i18n._("「{0}」：本报写作“微信公众平台账号”") == "「{0}」：本报写作“微信公众平台账号”"
    assert i18n._("") == ""
