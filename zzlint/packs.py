"""Declarative rule packs: TOML files that define rules and data without Python.

A pack holds ``[[rule]]`` tables (pattern rules, below) and any other top-level tables, which
are data for built-in rules (for example the certificate formats). The packs under the project's
``rules/`` folder ship inside the wheel as ``zzlint/packs``; users add packs with the
``rule-packs`` config key.

A pattern rule (start the pattern with the characters it matches, not with a lookbehind: the
regex engine then skips ahead to them instead of trying every position of the text)::

    [[rule]]
    name = "cutoff-wording"          # kebab-case, unique
    severity = "warning"             # error, warning or info
    enabled = true                   # on by default?
    presets = ["gb"]                 # presets that select it
    pattern = '截止(目前|今日)'        # Python regular expression
    message = "「{0}」: for \"up to a time\" write 截至"   # {0} is the match, {1}... its groups
    fix = '截至\\1'                   # optional replacement (re.sub template), or
    translate = {"５" = "5"}          # optional: a fix that maps characters of the match
    fix-safety = "safe"              # with fix or translate: "safe" if the fix cannot change
                                     # the meaning (applied by --fix), else "unsafe" (the
                                     # default: applied only with --unsafe-fixes)
    exceptions = ['截止日期']          # optional: skip a match when one of these regexes matches
                                     # the text around it (8 characters either side)
    doc = '''First line is the summary.

    Why, and a wrong and a right example.'''

Languages: a pack's ``message`` and ``doc`` are shown through the message catalogue, as
``_(message)`` is in Python. The packs that ship with zzlint are written in English, the source
language of every message, and their Chinese is in ``zzlint/locale/zh_CN/LC_MESSAGES/zzlint.po``
(``python -m zzlint.catalogue`` extracts them, see the README). A pack of your own may be written
in one language only, Chinese or English: a text the catalogue does not hold is shown as
written, in every language.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from zzlint.diagnostic import Finding, Severity
from zzlint.document import Document
from zzlint.i18n import _
from zzlint.rule import FIX_SAFETIES, RULE_NAME, Rule
from zzlint.tomlcompat import tomllib


class PackError(ValueError):
    """A rule pack cannot be read or does not describe valid rules."""


def builtin_pack_dir() -> Path:
    installed = Path(__file__).with_name("packs")
    return installed if installed.is_dir() else Path(__file__).resolve().parent.parent / "rules"


@lru_cache(maxsize=None)
def read_pack(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise PackError(f"{path}: cannot read rule pack: {exc.strerror or exc}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise PackError(f"{path}: invalid rule pack: {exc}") from None


#: Rule packs are TOML; a folder named in ``rule-packs`` may also hold prh vocabularies (YAML).
YAML_SUFFIXES = (".yml", ".yaml")
PACK_SUFFIXES = (".toml", *YAML_SUFFIXES)


def pack_files(extra: tuple[Path, ...] = ()) -> list[Path]:
    files = sorted(builtin_pack_dir().glob("*.toml"))
    for path in extra:
        files.extend(sorted(p for p in path.glob("*") if p.suffix.lower() in PACK_SUFFIXES)
                     if path.is_dir() else [path])
    return files


def _is_toml(path: Path) -> bool:
    return path.suffix.lower() not in YAML_SUFFIXES


def data(table: str, extra: tuple[Path, ...] = ()) -> list[dict[str, Any]]:
    """Every entry of a top-level array of tables across the built-in and ``extra`` packs."""
    entries: list[dict[str, Any]] = []
    for path in filter(_is_toml, pack_files(extra)):
        entries.extend(read_pack(path).get(table, []))
    return entries


def builtin_data_table(table: str) -> dict[str, str]:
    """A top-level key-value table of the built-in packs (the first pack that has it)."""
    for path in pack_files():
        found = read_pack(path).get(table)
        if isinstance(found, dict):
            return found
    raise PackError(f"no built-in rule pack has a [{table}] table")


_PATTERN_KEYS = {"name", "severity", "enabled", "presets", "pattern", "message", "fix", "translate",
                 "fix-safety", "exceptions", "doc"}


def pattern_rules(path: Path) -> list[type[Rule]]:
    """The pattern rules of a pack. A pack without ``[[rule]]`` tables (data only) is not parsed
    here: parsing is the slow part of starting up, and its data is read when a rule needs it."""
    if not _is_toml(path):
        return []
    try:
        if "[[rule]]" not in path.read_text(encoding="utf-8"):
            return []
    except (OSError, UnicodeDecodeError) as exc:
        raise PackError(f"{path}: cannot read rule pack: {exc}") from None
    return [_make_pattern_rule(path, spec) for spec in read_pack(path).get("rule", [])]


def _make_pattern_rule(path: Path, spec: dict[str, Any]) -> type[Rule]:
    name = spec.get("name")
    where = f"{path}: rule {name!r}"
    unknown = set(spec) - _PATTERN_KEYS
    if unknown:
        raise PackError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
    if not isinstance(name, str) or not RULE_NAME.match(name):
        raise PackError(f"{path}: rule name {name!r} is not kebab-case")
    for key in ("pattern", "message", "doc"):
        if not isinstance(spec.get(key), str):
            raise PackError(f"{where}: {key!r} must be a string")
    try:
        pattern = re.compile(spec["pattern"])
        exceptions = [re.compile(e) for e in spec.get("exceptions", [])]
        severity = Severity.parse(spec.get("severity", "warning"))
    except (re.error, ValueError) as exc:
        raise PackError(f"{where}: {exc}") from None
    if pattern.match(""):
        raise PackError(f"{where}: pattern matches the empty string")
    translate = spec.get("translate")
    if translate is not None and ("fix" in spec or not isinstance(translate, dict)
                                  or not all(len(k) == 1 and isinstance(v, str) for k, v in translate.items())):
        raise PackError(f"{where}: 'translate' is a table of single characters, used instead of 'fix'")
    fixable = "fix" in spec or translate is not None
    safety = spec.get("fix-safety", "unsafe" if fixable else None)
    if "fix-safety" in spec and (not fixable or safety not in FIX_SAFETIES):
        raise PackError(f"{where}: 'fix-safety' is \"safe\" or \"unsafe\", for a rule with 'fix' or 'translate'")
    attrs = {
        "__doc__": spec["doc"],
        "__module__": __name__,
        "name": name,
        "severity": severity,
        "default_enabled": bool(spec.get("enabled", True)),
        "presets": tuple(spec.get("presets", ())),
        "fix_safety": safety,
        "pattern": pattern,
        "exceptions": exceptions,
        "message_template": spec["message"],
        "fix_template": spec.get("fix"),
        "translation": str.maketrans(translate) if translate else None,
        "source": str(path),
    }
    return type(_class_name(name), (PatternRule,), attrs)


def _class_name(name: str) -> str:
    return "".join(part.capitalize() for part in name.split("-")) + "Rule"


class PatternRule(Rule):
    """Base of the rules a pack declares: every regex match is a finding."""

    pattern: re.Pattern[str]
    exceptions: list[re.Pattern[str]]
    message_template: str
    fix_template: str | None
    translation: dict[int, str] | None
    source: str

    def check(self, doc: Document) -> Iterator[Finding]:
        for match in self.pattern.finditer(doc.text):
            if any(e.search(_context(doc.text, match)) for e in self.exceptions):
                continue
            message = _(self.message_template).format(match.group(0), *match.groups(default=""))
            yield Finding(match.start(), match.end(), message, fix=self._fix(match))

    def _fix(self, match: re.Match[str]) -> str | None:
        if self.translation is not None:
            return match.group().translate(self.translation)
        return match.expand(self.fix_template) if self.fix_template is not None else None


def _context(text: str, match: re.Match[str], width: int = 8) -> str:
    return text[max(0, match.start() - width): match.end() + width]
