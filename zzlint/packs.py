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

Every value is checked for its type when the pack is read, and a mistake is an error naming the
pack and the rule. The shipped packs' patterns are Python ``re`` expressions. Patterns and
exceptions of the packs a config adds run on the ``regex`` module (Python's syntax, plus
``\\p{Han}`` and variable-width lookbehind) with a time limit: a pattern that backtracks without
end, such as ``(a|aa)+$`` on a long line, stops after PATTERN_TIME_LIMIT seconds (plus one per
100,000 characters of the file) and is reported as an error for that file, while the other rules
and files go on.
"""
from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable, Iterator
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from zzlint import tomlcompat
from zzlint.diagnostic import Finding, Severity
from zzlint.document import Document
from zzlint.i18n import N_, _
from zzlint.lazyre import holds_any, lazy, required_of
from zzlint.rule import FIX_SAFETIES, RULE_NAME, Rule, RuleFailure, describe_type

#: Seconds a pattern of a user's pack may take on a file, plus one per PATTERN_CHARACTERS_PER_SECOND.
PATTERN_TIME_LIMIT = 2.0
PATTERN_CHARACTERS_PER_SECOND = 100_000


class PackError(ValueError):
    """A rule pack cannot be read or does not describe valid rules."""


def builtin_pack_dir() -> Path:
    installed = Path(__file__).with_name("packs")
    return installed if installed.is_dir() else Path(__file__).resolve().parent.parent / "rules"


@lru_cache(maxsize=None)
def read_pack(path: Path) -> dict[str, Any]:
    try:
        return tomlcompat.loads_cached(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise PackError(_("{path}: cannot read rule pack: {error}").format(path=path, error=exc.strerror or exc)) from None
    except (tomlcompat.tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise PackError(_("{path}: invalid rule pack: {error}").format(path=path, error=exc)) from None


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
    raise PackError(_("no built-in rule pack has a [{table}] table").format(table=table))


_PATTERN_KEYS = {"name", "severity", "enabled", "presets", "pattern", "message", "fix", "translate",
                 "fix-safety", "exceptions", "doc"}


def pattern_rules(path: Path) -> list[type[Rule]]:
    """The pattern rules of a pack. A built-in pack without ``[[rule]]`` tables (data only) is
    not parsed here: parsing is the slow part of starting up, and its data is read when a rule
    needs it. A user's pack is always parsed, so that a mistaken ``[rule]`` is reported."""
    if not _is_toml(path):
        return []
    builtin = path.parent == builtin_pack_dir()
    try:
        if builtin and "[[rule]]" not in path.read_text(encoding="utf-8"):
            return []
    except (OSError, UnicodeDecodeError) as exc:
        raise PackError(_("{path}: cannot read rule pack: {error}").format(path=path, error=exc)) from None
    specs = read_pack(path).get("rule", [])
    if isinstance(specs, dict):
        raise PackError(_("{path}: [rule] is one table; write each rule as [[rule]]").format(path=path))
    if not isinstance(specs, list):
        raise PackError(_("{path}: 'rule' must be an array of tables ([[rule]]), not {kind}").format(
            path=path, kind=describe_type(specs)))
    return [_make_pattern_rule(path, spec, builtin) for spec in specs]


class _Spec:
    """One ``[[rule]]`` table, its values checked for their types, errors naming the rule."""

    def __init__(self, path: Path, table: object) -> None:
        if not isinstance(table, dict):
            raise PackError(_("{path}: each [[rule]] must be a table, not {kind}").format(
                path=path, kind=describe_type(table)))
        self.table = table
        self.path = path

    def fail(self, message: str) -> PackError:
        return PackError(_("{path}: rule {name!r}: {message}").format(
            path=self.path, name=self.table.get("name"), message=message))

    def get(self, key: str, kind: type, default: Any = None) -> Any:
        value = self.table.get(key, default)
        if value is not None and (not isinstance(value, kind) or isinstance(value, bool) != (kind is bool)):
            raise self.fail(_("{key!r} must be {expected}, not {kind}").format(
                key=key, expected=_(_TYPE_NAMES[kind]), kind=describe_type(value)))
        return value

    def strings(self, key: str) -> tuple[str, ...]:
        values = self.get(key, list, [])
        if not all(isinstance(v, str) for v in values):
            raise self.fail(_("{key!r} must be a list of strings").format(key=key))
        return tuple(values)


_TYPE_NAMES = {str: N_("a string"), bool: N_("true or false"), list: N_("a list"), dict: N_("a table")}


def _make_pattern_rule(path: Path, table: object, builtin: bool) -> type[Rule]:
    spec = _Spec(path, table)
    unknown = set(spec.table) - _PATTERN_KEYS
    if unknown:
        raise spec.fail(_("unknown key(s) {keys}").format(keys=", ".join(sorted(unknown))))
    name = spec.table.get("name")
    if not isinstance(name, str) or not RULE_NAME.match(name):
        raise PackError(_("{path}: rule name {name!r} is not kebab-case").format(path=path, name=name))
    for key in ("pattern", "message", "doc"):
        if not isinstance(spec.table.get(key), str):
            raise spec.fail(_("{key!r} must be a string").format(key=key))
    # The shipped packs' patterns are checked by the tests and compiled when first used (at
    # start-up, compiling them was a tenth of a check of one paragraph).
    compile_pattern = lazy if builtin else _compile_timed
    exception_patterns, severity_name = spec.strings("exceptions"), spec.get("severity", str, "warning")
    try:
        pattern = compile_pattern(spec.table["pattern"])
        exceptions = [compile_pattern(e) for e in exception_patterns]
        severity = Severity.parse(severity_name)
    except (re.error, OverflowError, RecursionError, ValueError) as exc:
        raise spec.fail(str(exc)) from None
    if not builtin:
        if pattern.match(""):
            raise spec.fail(_("pattern matches the empty string"))
        _check_message(spec, spec.table["message"], pattern.groups)
    translate = spec.get("translate", dict)
    if translate is not None and ("fix" in spec.table
                                  or not all(len(k) == 1 and isinstance(v, str) for k, v in translate.items())):
        raise spec.fail(_("'translate' is a table of single characters, used instead of 'fix'"))
    fixable = "fix" in spec.table or translate is not None
    safety = spec.get("fix-safety", str, "unsafe" if fixable else None)
    if "fix-safety" in spec.table and (not fixable or safety not in FIX_SAFETIES):
        raise spec.fail(_("'fix-safety' is \"safe\" or \"unsafe\", for a rule with 'fix' or 'translate'"))
    attrs = {
        "__doc__": spec.table["doc"],
        "__module__": __name__,
        "name": name,
        "severity": severity,
        "default_enabled": spec.get("enabled", bool, True),
        "presets": spec.strings("presets"),
        "fix_safety": safety,
        "pattern": pattern,
        "exceptions": exceptions,
        "message_template": spec.table["message"],
        "fix_template": spec.get("fix", str),
        "translation": str.maketrans(translate) if translate else None,
        "source": str(path),
        "timed": not builtin,
    }
    return type(_class_name(name), (PatternRule,), attrs)


def _compile_timed(pattern: str) -> Any:
    """A user's pattern, compiled by the ``regex`` module, whose matching can be given a time
    limit; its errors are reported as ``re.error``."""
    import regex

    try:
        return regex.compile(pattern)
    except regex.error as exc:
        raise re.error(str(exc)) from None


def _check_message(spec: _Spec, message: str, groups: int) -> None:
    try:
        message.format("match", *[""] * groups)
    except (IndexError, KeyError, ValueError) as exc:
        raise spec.fail(_("'message' refers to a group the pattern does not have, or is not a valid "
                          "template ({reason}); use {{0}} for the match and {{1}}… for its groups").format(
            reason=exc)) from None


def _class_name(name: str) -> str:
    return "".join(part.capitalize() for part in name.split("-")) + "Rule"


class PatternRule(Rule):
    """Base of the rules a pack declares: every regex match is a finding."""

    pattern: Any
    exceptions: list[Any]
    message_template: str
    fix_template: str | None
    translation: dict[int, str] | None
    source: str
    #: Whether matching has a time limit (the patterns of a user's pack).
    timed: bool

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        if self.timed:
            return self._timed_findings(text, _Budget(len(text)))
        # Most documents hold none of the strings a pattern needs: asked first, that spares
        # the search and the generator below.
        needles = self._needles
        if needles is not None and not holds_any(text, needles):
            return iter(())
        return self._findings(text, self.pattern.finditer(text))

    @cached_property
    def _needles(self) -> tuple[str, ...] | None:
        """The strings one of which every match needs, kept: every rule asks it of every document."""
        return required_of(self.pattern)

    def _findings(self, text: str, matches: Iterable[Any]) -> Iterator[Finding]:
        for match in matches:
            context = _context(text, match)
            if any(e.search(context) for e in self.exceptions):
                continue
            yield self._finding(match)

    def _timed_findings(self, text: str, budget: "_Budget") -> Iterator[Finding]:
        for match in _within(budget, lambda **limit: list(self.pattern.finditer(text, **limit))):
            context = _context(text, match)
            if any(_within(budget, lambda **limit: e.search(context, **limit)) for e in self.exceptions):
                continue
            yield self._finding(match)

    def _finding(self, match: Any) -> Finding:
        message = _(self.message_template).format(match.group(0), *match.groups(default=""))
        return Finding(match.start(), match.end(), message, fix=self._fix(match))

    def _fix(self, match: Any) -> str | None:
        if self.translation is not None:
            return match.group().translate(self.translation)
        return match.expand(self.fix_template) if self.fix_template is not None else None


def _within(budget: "_Budget", call: Callable[..., Any]) -> Any:
    """``call()``, given the time left in ``budget`` as its ``timeout``."""
    try:
        return call(timeout=budget.left())
    except TimeoutError:
        raise RuleFailure(_("its pattern took more than {seconds:.1f} seconds on this file and was "
                            "stopped (a pattern that backtracks without end?)").format(
            seconds=budget.seconds)) from None


class _Budget:
    """The time one rule's patterns may take on one document."""

    def __init__(self, characters: int) -> None:
        self.seconds = PATTERN_TIME_LIMIT + characters / PATTERN_CHARACTERS_PER_SECOND
        self.deadline = time.monotonic() + self.seconds

    def left(self) -> float:
        return max(0.001, self.deadline - time.monotonic())


def _context(text: str, match: Any, width: int = 8) -> str:
    return text[max(0, match.start() - width): match.end() + width]
