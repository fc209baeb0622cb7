"""House vocabulary: lists of wrong → right terms, each list one rule.

A vocabulary file has the shape of a prh dictionary (the term files of textlint and prh), written
in YAML (``.yml``, ``.yaml``: prh files are read as they are) or in TOML (a rule pack with a
``[[rules]]`` array)::

    version = 1

    [meta]                       # prh's free-form metadata; zzlint reads these keys:
    name = "house-terms"         # the rule's name (default: the file's name, kebab-cased)
    severity = "warning"         # error, warning (default) or info
    enabled = true               # on by default?
    fix-safety = "unsafe"        # "safe" when no replacement can change meaning (default: unsafe)
    doc = '''Summary line.…'''   # the rule's documentation; the term list is appended

    imports = ["common.yml"]     # other vocabularies merged into this one (relative paths)

    [[rules]]
    expected = "截至"             # the right form: the fix (``$1``, ``$&``: groups of the pattern)
    pattern = "截止目前"           # a literal, or a regex as ``/…/``; ``patterns`` takes a list;
                                 # none: ``expected`` itself in any letter case and width
    prh = "“到某时为止”用“截至”"    # an optional note, shown in the message
    specs = [{from = "截止目前，", to = "截至目前，"}]   # checked when the file is loaded
    regexpMustEmpty = "$1"       # optional: skip a match whose group 1 is not empty
    options = {wordBoundary = true}   # optional: ASCII word boundaries around the pattern

Patterns are read as prh reads them, as JavaScript regular expressions: ``\\w``, ``\\d`` and ``\\b``
are ASCII (so ``\\bJS\\b`` matches in 用JS写), ``^`` and ``$`` match at every line, named groups may
be written ``(?<name>…)``. Imported entries whose ``expected`` this file already has are left out,
as prh merges; an import given as ``{path = …, disableImports = true, ignoreRules = […]}`` skips
the imported file's own imports, or the entries named by ``pattern`` or ``expected``.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from zzlint import tomlcompat
from zzlint.diagnostic import Finding, Severity
from zzlint.document import Document
from zzlint.i18n import _
from zzlint.lazyre import holds_any, lazy, may_match, required_of
from zzlint.packs import YAML_SUFFIXES, PackError, builtin_pack_dir
from zzlint.rule import FIX_SAFETIES, RULE_NAME, Rule

TOP_KEYS = ("version", "meta", "imports", "rules")
ENTRY_KEYS = ("expected", "pattern", "patterns", "prh", "specs", "options", "regexpMustEmpty")
IMPORT_KEYS = ("path", "disableImports", "ignoreRules")
TOML_VOCABULARY = lazy(r"^\s*(?:\[\[rules\]\]|rules\s*=)", re.M)
REGEX_LITERAL = lazy(r"^/(.*)/([gimsuy]*)$", re.S)
JS_NAMED_GROUP = lazy(r"(?<!\\)\(\?<(?![=!])")
JS_BACKREFERENCE = lazy(r"\\k<(\w+)>")
TEMPLATE_TOKEN = lazy(r"\$(?:(\$)|(&)|<(\w+)>|(\d\d?))")
MUST_BE_EMPTY = lazy(r"^\$(\d+)$")


class Entry(NamedTuple):
    """One term: matches of ``pattern`` should read ``expected``."""

    expected: str
    pattern: re.Pattern[str]
    written: tuple[str, ...]
    note: str
    must_be_empty: int | None
    where: Place

    def replacement(self, match: re.Match[str]) -> str | None:
        """What the match should read, or None when the entry does not apply to it."""
        if self.must_be_empty is not None and match.group(self.must_be_empty):
            return None
        return expand(self.expected, match)

    def apply(self, text: str) -> str:
        return self.pattern.sub(lambda m: self.replacement(m) or m.group(0), text)


class Vocabulary(NamedTuple):
    name: str
    severity: Severity
    enabled: bool
    doc: str
    entries: tuple[Entry, ...]
    #: Every file read, the imports included (the cache's key hashes them).
    files: tuple[Path, ...]
    #: "unsafe" unless the file says its replacements never change meaning (``fix-safety``).
    fix_safety: str = "unsafe"


def is_vocabulary(path: Path) -> bool:
    """YAML files are prh dictionaries; a TOML pack is a vocabulary when it has ``rules``."""
    if path.suffix.lower() in YAML_SUFFIXES:
        return True
    try:
        return bool(TOML_VOCABULARY.search(path.read_text(encoding="utf-8")))
    except (OSError, UnicodeDecodeError) as exc:
        raise PackError(_("{path}: cannot read rule pack: {error}").format(path=path, error=exc)) from None


def rules_in(path: Path) -> list[type[Rule]]:
    return [rule_class(load(path))] if is_vocabulary(path) else []


def files_read(path: Path) -> tuple[Path, ...]:
    """The files a pack reads: itself, and for a vocabulary its imports."""
    return load(path).files if is_vocabulary(path) else (path,)


@lru_cache(maxsize=None)
def load(path: Path, checked: bool | None = None) -> Vocabulary:
    """The vocabulary of ``path``. When ``checked`` (by default, for every file but the shipped
    ones), each pattern is compiled and each spec run now, so that a mistake is reported when
    the file is read; the shipped vocabularies are checked by the tests and their patterns
    compiled when first used (loading them was a twentieth of a check of one paragraph)."""
    if checked is None:
        checked = path.parent != builtin_pack_dir()
    data = _read(path)
    meta = data.get("meta") or {}
    if not isinstance(meta, dict):
        raise PackError(_("{path}: 'meta' must be a table").format(path=path))
    name = meta.get("name", _name_from_file(path))
    if not isinstance(name, str) or not RULE_NAME.match(name):
        raise PackError(_("{path}: rule name {name!r} is not kebab-case (set meta.name)").format(path=path, name=name))
    try:
        severity = Severity.parse(str(meta.get("severity", "warning")))
    except ValueError as exc:
        raise PackError(_("{path}: meta.severity: {error}").format(path=path, error=exc)) from None
    doc = meta.get("doc", "")
    if not isinstance(doc, str) or not isinstance(meta.get("enabled", True), bool):
        raise PackError(_("{path}: meta.doc must be a string and meta.enabled true or false").format(path=path))
    entries, files = _entries(path, data, (path,), checked)
    fix_safety = meta.get("fix-safety", "unsafe")
    if fix_safety not in FIX_SAFETIES:
        raise PackError(_("{path}: meta.fix-safety must be 'safe' or 'unsafe'").format(path=path))
    return Vocabulary(name, severity, meta.get("enabled", True), doc, tuple(entries), tuple(files), fix_safety)


def _name_from_file(path: Path) -> str:
    return re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-")


def _read(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise PackError(_("{path}: cannot read vocabulary: {error}").format(path=path, error=exc.strerror or exc)) from None
    except UnicodeDecodeError:
        raise PackError(_("{path}: cannot read vocabulary: not UTF-8").format(path=path)) from None
    if path.suffix.lower() in YAML_SUFFIXES:
        data = _parse_yaml(path, text)
    else:
        try:
            data = tomlcompat.loads_cached(text)
        except tomlcompat.tomllib.TOMLDecodeError as exc:
            raise PackError(_("{path}: invalid rule pack: {error}").format(path=path, error=exc)) from None
    if not isinstance(data, dict):
        raise PackError(_("{path}: a vocabulary is a table of version, meta, imports and rules").format(path=path))
    if "targets" in data:
        raise PackError(_("{path}: prh's 'targets' is not supported: use exclude, per-file-ignores "
                          "or accept lists").format(path=path))
    unknown = sorted(set(data) - set(TOP_KEYS))
    if unknown:
        raise PackError(_("{path}: unknown key(s) {keys} (a vocabulary has {known})").format(
            path=path, keys=", ".join(map(str, unknown)), known=", ".join(TOP_KEYS)))
    if data.get("version", 1) != 1:
        raise PackError(_("{path}: version {version!r} is not supported (only 1)").format(
            path=path, version=data["version"]))
    return data


def _parse_yaml(path: Path, text: str) -> Any:
    import yaml

    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or type(exc).__name__
        if mark is None:
            raise PackError(_("{path}: invalid YAML: {problem}").format(path=path, problem=problem)) from None
        raise PackError(_("{path}: invalid YAML at line {line}: {problem}").format(
            path=path, line=mark.line + 1, problem=problem)) from None


def _entries(path: Path, data: dict[str, Any], chain: tuple[Path, ...], checked: bool,
             follow_imports: bool = True) -> tuple[list[Entry], list[Path]]:
    raw_rules = data.get("rules") or []
    if not isinstance(raw_rules, list):
        raise PackError(_("{path}: 'rules' must be a list").format(path=path))
    entries = [_entry(path, index, raw, checked) for index, raw in enumerate(raw_rules, 1)]
    files = [path]
    for spec in _imports(path, data.get("imports")) if follow_imports else ():
        target = (path.parent / spec["path"]).resolve()
        if not target.is_file():
            raise PackError(_("{path}: imports {target}, which is not a file").format(path=path, target=spec["path"]))
        if target in chain:
            raise PackError(_("{path}: imports {target} again (an import cycle)").format(path=path, target=spec["path"]))
        imported, more_files = _entries(target, _read(target), (*chain, target), checked,
                                        not spec.get("disableImports", False))
        files.extend(more_files)
        known = {entry.expected for entry in entries}
        ignored = spec.get("ignoreRules") or []
        entries.extend(e for e in imported if e.expected not in known and not _ignored(e, ignored))
    return entries, files


def _imports(path: Path, value: Any) -> list[dict[str, Any]]:
    listed = [value] if isinstance(value, str) else value or []
    if not isinstance(listed, list):
        raise PackError(_("{path}: 'imports' must be a path or a list").format(path=path))
    specs = []
    for item in listed:
        spec = {"path": item} if isinstance(item, str) else item
        if not isinstance(spec, dict) or not isinstance(spec.get("path"), str) or set(spec) - set(IMPORT_KEYS):
            raise PackError(_("{path}: an import is a path or a table of {keys}").format(
                path=path, keys=", ".join(IMPORT_KEYS)))
        specs.append(spec)
    return specs


def _ignored(entry: Entry, ignore_rules: list[Any]) -> bool:
    for rule in ignore_rules:
        spec = {"pattern": rule} if isinstance(rule, str) else rule if isinstance(rule, dict) else {}
        if spec.get("expected") == entry.expected or _same_pattern(spec.get("pattern"), entry):
            return True
    return False


def _same_pattern(written: Any, entry: Entry) -> bool:
    """Whether an ignoreRules pattern names the entry: as it was written, or as the regex prh
    prints for it (``/テストB/gmu`` for ``pattern: テストB``)."""
    if not isinstance(written, str):
        return False
    literal = REGEX_LITERAL.match(written)
    source = literal.group(1) if literal else written
    return written in entry.written or source in entry.written or source == entry.pattern.pattern


class Place(NamedTuple):
    """Where an entry is written, as error messages name it. Worded only when one is: a clean
    check loads no message catalogue, and wording the place of every entry loaded it."""

    path: Path
    index: int
    expected: object

    def __str__(self) -> str:
        if isinstance(self.expected, str):
            return _("{path}: rule {index} ({expected!r})").format(path=self.path, index=self.index,
                                                                  expected=self.expected)
        return _("{path}: rule {index}").format(path=self.path, index=self.index)


def _entry(path: Path, index: int, raw: Any, checked: bool) -> Entry:
    if isinstance(raw, str):
        raw = {"expected": raw}
    expected = raw.get("expected") if isinstance(raw, dict) else None
    where = Place(path, index, expected)
    if not isinstance(expected, str):
        raise PackError(_("{where}: 'expected' must be a string").format(where=where))
    unknown = sorted(set(raw) - set(ENTRY_KEYS))
    if unknown:
        raise PackError(_("{where}: unknown key(s) {keys}").format(where=where, keys=", ".join(map(str, unknown))))
    options = raw.get("options") or {}
    if not isinstance(options, dict) or set(options) - {"wordBoundary"}:
        raise PackError(_("{where}: 'options' may only set wordBoundary").format(where=where))
    written = raw.get("pattern") if raw.get("pattern") is not None else raw.get("patterns")
    listed = [written] if isinstance(written, str) else written
    if listed is not None and (not isinstance(listed, list) or not all(isinstance(p, str) for p in listed) or not listed):
        raise PackError(_("{where}: 'pattern' must be a string or a list of strings").format(where=where))
    try:
        pattern = _compile(expected, listed, bool(options.get("wordBoundary")), checked)
    except re.error as exc:
        raise PackError(_("{where}: invalid pattern: {error}").format(where=where, error=exc)) from None
    if pattern.fullmatch(""):
        raise PackError(_("{where}: the pattern matches the empty string").format(where=where))
    entry = Entry(expected, pattern, tuple(listed or ()), str(raw.get("prh") or ""),
                  _must_be_empty(where, raw.get("regexpMustEmpty"), pattern), where)
    if checked:
        _check_specs(entry, raw.get("specs") or [])
    return entry


def _compile(expected: str, written: list[str] | None, word_boundary: bool, now: bool) -> re.Pattern[str]:
    parts = [_regex(p, word_boundary) for p in written] if written else [_bounded(_spread(expected), word_boundary)]
    source = parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
    return (re.compile if now else lazy)(source, re.M | re.ASCII)


def _regex(written: str, word_boundary: bool) -> str:
    literal = REGEX_LITERAL.match(written)
    if not literal:
        return _bounded(re.escape(written), word_boundary)
    source = JS_BACKREFERENCE.sub(r"(?P=\1)", JS_NAMED_GROUP.sub("(?P<", literal.group(1)))
    flags = "".join(f for f in literal.group(2) if f in "is")
    return f"(?{flags}:{source})" if flags else source


def _bounded(source: str, word_boundary: bool) -> str:
    return rf"\b{source}\b" if word_boundary else source


def _spread(expected: str) -> str:
    """``expected`` as a regex matching any letter case and half or full width of its ASCII
    letters and digits, as prh reads an entry without a pattern."""
    parts = []
    for char in expected:
        if char.isascii() and char.isalnum():
            forms = {char.lower(), char.upper()}
            parts.append("[" + "".join(sorted(forms | {chr(ord(c) + 0xFEE0) for c in forms})) + "]")
        else:
            parts.append(re.escape(char))
    return "".join(parts)


def _must_be_empty(where: Place, value: Any, pattern: re.Pattern[str]) -> int | None:
    if value is None:
        return None
    found = MUST_BE_EMPTY.match(str(value))
    if not found or not 1 <= int(found.group(1)) <= pattern.groups:
        raise PackError(_("{where}: regexpMustEmpty must name a group of the pattern, as $1").format(where=where))
    return int(found.group(1))


def _check_specs(entry: Entry, specs: Any) -> None:
    if not isinstance(specs, list):
        raise PackError(_("{where}: 'specs' must be a list of tables with 'from' and 'to'").format(where=entry.where))
    for spec in specs:
        if not isinstance(spec, dict) or not isinstance(spec.get("from"), str) or not isinstance(spec.get("to"), str):
            raise PackError(_("{where}: a spec is a table with 'from' and 'to' strings").format(where=entry.where))
        got = entry.apply(spec["from"])
        if got != spec["to"]:
            raise PackError(_("{where}: spec failed: {given!r} gives {got!r}, not {wanted!r}").format(
                where=entry.where, given=spec["from"], got=got, wanted=spec["to"]))


def expand(template: str, match: re.Match[str]) -> str:
    """A JavaScript replacement template (``$1``, ``$<name>``, ``$&``, ``$$``) filled from ``match``."""
    groups = match.re.groups

    def token(found: re.Match[str]) -> str:
        dollar, whole, name, digits = found.groups()
        if dollar:
            return "$"
        if whole:
            return match.group(0)
        if name is not None:
            return (match.group(name) or "") if name in match.re.groupindex else found.group(0)
        if len(digits) == 2 and 1 <= int(digits) <= groups:
            return match.group(int(digits)) or ""
        if 1 <= int(digits[0]) <= groups:
            return (match.group(int(digits[0])) or "") + digits[1:]
        return found.group(0)

    return TEMPLATE_TOKEN.sub(token, template)


class VocabularyRule(Rule):
    """Base of the rules vocabulary files declare: every match of an entry is a finding."""

    entries: tuple[Entry, ...]
    vocabulary: Vocabulary

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        if self._needles is not None and not holds_any(text, self._needles):
            return
        for entry in self.entries:
            if not may_match(entry.pattern, text):
                continue
            for match in entry.pattern.finditer(text):
                right = entry.replacement(match)
                if right is None or right == match.group(0):
                    continue
                yield Finding(match.start(), match.end(), _message(match.group(0), right, _(entry.note)), fix=right)

    @cached_property
    def _needles(self) -> tuple[str, ...] | None:
        """Strings one of which every match of every entry needs (None when some entry has
        none): a document without any of them is passed over in one look."""
        found: list[str] = []
        for entry in self.entries:
            needles = required_of(entry.pattern)
            if needles is None:
                return None
            found.extend(needles)
        return tuple(found)

    @classmethod
    def documentation(cls) -> str:
        """The vocabulary's own documentation and its term list, labelled in the language in force."""
        return _documentation(cls.vocabulary)


def _message(found: str, right: str, note: str) -> str:
    if note:
        return _("「{found}」: write “{right}” ({note})").format(found=found, right=right, note=note)
    return _("「{found}」: write “{right}”").format(found=found, right=right)


def rule_class(vocabulary: Vocabulary) -> type[Rule]:
    attrs = {
        # documentation() words the term list in the language in force when it is shown; wording
        # it here loaded the message catalogue in every run, a clean check's only use of it.
        "__doc__": vocabulary.doc.strip() or VocabularyRule.__doc__,
        "__module__": __name__,
        "name": vocabulary.name,
        "severity": vocabulary.severity,
        "fix_safety": vocabulary.fix_safety,
        "default_enabled": vocabulary.enabled,
        "entries": vocabulary.entries,
        "vocabulary": vocabulary,
    }
    class_name = "".join(part.capitalize() for part in vocabulary.name.split("-")) + "Vocabulary"
    return type(class_name, (VocabularyRule,), attrs)


def _documentation(vocabulary: Vocabulary) -> str:
    source = vocabulary.files[0].name
    summary = vocabulary.doc.strip() or _("House vocabulary from {file}.").format(file=source)
    lines = [summary, "", _("Terms of {file}, wrong → right").format(file=source) + "::", ""]
    for entry in vocabulary.entries:
        wrong = " | ".join(entry.written) or _("{expected} in another letter case or width").format(
            expected=entry.expected)
        lines.append(f"    {wrong} → {entry.expected}" + (f"  ({entry.note})" if entry.note else ""))
    return "\n".join(lines)
