"""Configuration: discovery, validation and the rule set in force for each file.

Config lives in ``.zzlint.toml``, ``zzlint.toml`` (top-level keys) or ``pyproject.toml``
(``[tool.zzlint]``), found from each linted file's folder upward; the closest file wins and
files are not merged. Command-line selections are applied on top.
"""
from __future__ import annotations

import fnmatch
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from zzlint.diagnostic import Severity
from zzlint.i18n import _, parse_language
from zzlint.registry import RegistryError, all_rules
from zzlint.rule import OptionError, Rule
from zzlint.tomlcompat import tomllib

CONFIG_NAMES = (".zzlint.toml", "zzlint.toml", "pyproject.toml")
KEYS = ("select", "extend-select", "ignore", "per-file-ignores", "rules", "exclude",
        "rule-packs", "fail-on", "accept", "language", "archive")
RULE_KEYS = ("severity", "accept")
SPECIAL_SELECTORS = ("ALL", "default")
#: The rule the ``archive`` key and ``--archive`` turn on, and its option for the index path.
ARCHIVE_RULE, ARCHIVE_OPTION = "already-printed", "index"


class ConfigError(ValueError):
    """A config file or command-line selection zzlint cannot use."""


@dataclass(frozen=True)
class Settings:
    source: Path | None = None
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    rule_settings: tuple[tuple[str, tuple[tuple[str, Any], ...]], ...] = ()
    exclude: tuple[str, ...] = ()
    rule_packs: tuple[Path, ...] = ()
    fail_on: Severity = Severity.ERROR
    #: Text snippets no rule may flag (see zzlint.accept); a rule's own list is in rule_settings.
    accept: tuple[str, ...] = ()
    #: "zh" or "en" (zzlint.i18n), or None to follow the environment.
    language: str | None = None

    @property
    def root(self) -> Path:
        return self.source.parent if self.source else Path.cwd()

    def registry(self) -> dict[str, type[Rule]]:
        try:
            return all_rules(self.rule_packs)
        except RegistryError as exc:
            raise ConfigError(str(exc)) from None

    def with_cli(self, select: tuple[str, ...] | None, extend_select: tuple[str, ...],
                 ignore: tuple[str, ...], fail_on: Severity | None, archive: Path | None = None) -> "Settings":
        updated = replace(self, extend_select=self.extend_select + extend_select,
                          ignore=self.ignore + ignore, fail_on=fail_on or self.fail_on)
        if select is not None:
            updated = replace(updated, select=select)
        if archive is not None:
            updated = updated.with_archive(archive)
        updated.validate()
        return updated

    def with_archive(self, index: Path) -> "Settings":
        """Check drafts against the archive index ``index`` (the ``archive`` key, ``--archive``)."""
        rules = dict(self.rule_settings)
        options = {**dict(rules.get(ARCHIVE_RULE, ())), ARCHIVE_OPTION: str(index.resolve())}
        rules[ARCHIVE_RULE] = tuple(options.items())
        return replace(self, extend_select=self.extend_select + (ARCHIVE_RULE,),
                       rule_settings=tuple(rules.items()))

    def validate(self) -> None:
        known = self.registry()
        selectors = [*(self.select or ()), *self.extend_select, *self.ignore,
                     *(name for _, names in self.per_file_ignores for name in names)]
        for selector in selectors:
            resolve_selector(selector, known)
        for name, values in self.rule_settings:
            if name not in known:
                raise ConfigError(f"{self._where()}unknown rule {name!r}{did_you_mean(name, known)}")
            self.rule_options(name, dict(values), known[name])

    def _where(self) -> str:
        return f"{self.source}: " if self.source else ""

    def rule_options(self, name: str, values: dict[str, Any], cls: type[Rule]) -> object:
        options = {k: v for k, v in values.items() if k not in RULE_KEYS}
        try:
            return cls.make_options(options)
        except (OptionError, TypeError) as exc:
            unknown = [key for key in options if key not in cls.option_fields()]
            hint = did_you_mean(unknown[0], cls.option_fields()) if unknown else ""
            raise ConfigError(f"{self._where()}{exc}{hint}") from None

    def selected_names(self) -> list[str]:
        """The rules select, extend-select and ignore choose (per-file-ignores come on top)."""
        known = self.registry()
        names: set[str] = set()
        for selector in self.select if self.select is not None else ("default",):
            names |= resolve_selector(selector, known)
        for selector in self.extend_select:
            names |= resolve_selector(selector, known)
        for selector in self.ignore:
            names -= resolve_selector(selector, known)
        return sorted(names)

    def _matches(self, path: Path, pattern: str) -> bool:
        try:
            relative = path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            relative = path.as_posix()
        return fnmatch.fnmatch(relative, pattern) or fnmatch.fnmatch(path.name, pattern)

    def severities(self) -> dict[str, Severity]:
        return {name: Severity.parse(values_dict["severity"])
                for name, values in self.rule_settings
                if "severity" in (values_dict := dict(values))}

    def accepted(self, rule: str) -> tuple[str, ...]:
        """The snippets ``rule`` leaves alone: the ``accept`` list and the rule's own."""
        return self.accept + self._rule_values(rule).get("accept", ())

    def _rule_values(self, name: str) -> dict[str, Any]:
        """What ``[rules.NAME]`` sets: severity, accept and the rule's options."""
        return dict(dict(self.rule_settings).get(name, ()))

    def rules_for(self, path: Path | None = None) -> list[Rule]:
        ignored = tuple(p for p, _ in self.per_file_ignores if path is not None and self._matches(path, p))
        return list(_rules_for(self, ignored))

    def effective(self, path: Path | None = None) -> dict[str, Any]:
        known = self.registry()
        chosen = [rule.name for rule in self.rules_for(path)]
        return {
            "config": str(self.source) if self.source else None,
            "fail-on": str(self.fail_on),
            "exclude": list(self.exclude),
            "rule-packs": [str(p) for p in self.rule_packs],
            "accept": list(self.accept),
            "language": self.language,
            "rules": {name: self._effective_rule(name, known[name]) for name in chosen},
        }

    def _effective_rule(self, name: str, cls: type[Rule]) -> dict[str, Any]:
        shown: dict[str, Any] = {"severity": str(self.severities().get(name, cls.severity)),
                                 "options": _options_dict(self._options_for(name, cls))}
        own = self._rule_values(name).get("accept")
        if own:
            shown["accept"] = list(own)
        return shown

    def _options_for(self, name: str, cls: type[Rule]) -> object:
        return self.rule_options(name, self._rule_values(name), cls)


def _options_dict(options: object) -> dict[str, Any]:
    from dataclasses import asdict
    return {k.replace("_", "-"): (list(v) if isinstance(v, tuple) else v)
            for k, v in asdict(options).items()}  # type: ignore[call-overload]


@lru_cache(maxsize=256)
def _rules_for(settings: Settings, ignored_patterns: tuple[str, ...]) -> tuple[Rule, ...]:
    """The rule instances for the paths whose per-file-ignores patterns are ``ignored_patterns``."""
    names = settings.selected_names()
    ignored = {name for pattern, selectors in settings.per_file_ignores if pattern in ignored_patterns
               for selector in selectors for name in resolve_selector(selector, settings.registry())}
    return _instantiate(settings, tuple(n for n in names if n not in ignored))


@lru_cache(maxsize=64)
def _instantiate(settings: Settings, names: tuple[str, ...]) -> tuple[Rule, ...]:
    known = settings.registry()
    return tuple(known[name](settings._options_for(name, known[name]), settings.rule_packs)
                 for name in names)


def presets(known: dict[str, type[Rule]]) -> set[str]:
    return {p for cls in known.values() for p in cls.presets}


def resolve_selector(selector: str, known: dict[str, type[Rule]]) -> set[str]:
    if selector == "ALL":
        return set(known)
    if selector == "default":
        return {name for name, cls in known.items() if cls.default_enabled}
    if selector in known:
        return {selector}
    if selector in presets(known):
        return {name for name, cls in known.items() if cls.default_enabled or selector in cls.presets}
    choices = [*known, *SPECIAL_SELECTORS, *presets(known)]
    raise ConfigError(f"unknown rule {selector!r}{did_you_mean(selector, choices)}")


def did_you_mean(word: str, choices: object) -> str:
    from rapidfuzz import process

    match = process.extractOne(word, list(choices), score_cutoff=60)  # type: ignore[arg-type]
    return f" (did you mean {match[0]!r}?)" if match else ""


def parse_config(data: dict[str, Any], source: Path | None) -> Settings:
    where = f"{source}: " if source else ""
    for key in data:
        if key not in KEYS:
            raise ConfigError(f"{where}unknown key {key!r}{did_you_mean(key, KEYS)}")

    def names(key: str) -> tuple[str, ...]:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{where}{key!r} must be a list of strings")
        return tuple(value)

    per_file = data.get("per-file-ignores", {})
    rules = data.get("rules", {})
    if not isinstance(per_file, dict) or not isinstance(rules, dict):
        raise ConfigError(f"{where}'per-file-ignores' and 'rules' must be tables")
    for pattern, ignored in per_file.items():
        if not isinstance(ignored, list) or not all(isinstance(v, str) for v in ignored):
            raise ConfigError(f"{where}per-file-ignores {pattern!r} must be a list of rule names")
    for name, values in rules.items():
        if not isinstance(values, dict):
            raise ConfigError(f"{where}rules.{name} must be a table")
        accept = values.get("accept", [])
        if not isinstance(accept, list) or not all(isinstance(v, str) and v for v in accept):
            raise ConfigError(_("{where}rules.{name}.accept must be a list of text snippets").format(
                where=where, name=name))
        if "severity" in values:
            try:
                Severity.parse(str(values["severity"]))
            except ValueError as exc:
                raise ConfigError(f"{where}rules.{name}: {exc}") from None
    root = source.parent if source else Path.cwd()
    try:
        fail_on = Severity.parse(data.get("fail-on", "error"))
    except (ValueError, AttributeError) as exc:
        raise ConfigError(f"{where}fail-on: {exc}") from None
    settings = Settings(
        source=source,
        select=names("select") if "select" in data else None,
        extend_select=names("extend-select"),
        ignore=names("ignore"),
        per_file_ignores=tuple((k, tuple(v)) for k, v in per_file.items()),
        rule_settings=tuple((k, tuple((o, _frozen(v)) for o, v in values.items()))
                            for k, values in rules.items()),
        exclude=names("exclude"),
        rule_packs=tuple((root / p).resolve() for p in names("rule-packs")),
        fail_on=fail_on,
        accept=names("accept"),
        language=_language(data.get("language"), where),
    )
    if not all(settings.accept):
        raise ConfigError(_("{where}'accept' must not hold an empty snippet").format(where=where))
    if "archive" in data:
        if not isinstance(data["archive"], str) or not data["archive"]:
            raise ConfigError(_("{where}'archive' must be the path of an archive index").format(where=where))
        settings = settings.with_archive(root / data["archive"])
    settings.validate()
    return settings


def _language(value: Any, where: str) -> str | None:
    if value is None:
        return None
    try:
        return parse_language(value) if isinstance(value, str) else parse_language(repr(value))
    except ValueError as exc:
        raise ConfigError(f"{where}language: {exc}") from None


def _frozen(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def read_config_file(path: Path) -> Settings:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read config: {exc.strerror or exc}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("zzlint", {})
    return parse_config(data, path)


def _has_zzlint_table(path: Path) -> bool:
    try:
        return "zzlint" in tomllib.loads(path.read_text(encoding="utf-8")).get("tool", {})
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        return False


@lru_cache(maxsize=1024)
def find_config_file(folder: Path) -> Path | None:
    for name in CONFIG_NAMES:
        candidate = folder / name
        if candidate.is_file() and (name != "pyproject.toml" or _has_zzlint_table(candidate)):
            return candidate
    return find_config_file(folder.parent) if folder.parent != folder else None


@lru_cache(maxsize=256)
def settings_from(path: Path | None) -> Settings:
    return read_config_file(path) if path else Settings()


def forget_read_files() -> None:
    """Forget every config file and rule pack read so far, so that the next lookup reads them
    again: what a long-running process (the language server) does when one of them changed."""
    from zzlint import packs, vocabulary

    for cached in (find_config_file, settings_from, _rules_for, _instantiate, _with_cli, all_rules,
                   packs.read_pack, vocabulary.load):
        cached.cache_clear()


@dataclass
class Resolver:
    """Finds the settings in force for each path, with the command line applied on top."""

    explicit: Path | None = None
    isolated: bool = False
    cli: dict[str, Any] = field(default_factory=dict)
    _by_folder: dict[str, Settings] = field(default_factory=dict, compare=False, repr=False)

    def for_path(self, path: Path) -> Settings:
        """The settings in force for the file ``path`` (or a folder), looked up once per folder."""
        return self.for_folder(path if path.is_dir() else path.parent)

    def for_file(self, path: Path) -> Settings:
        """As ``for_path``, for a path known to be a file (no file-system call)."""
        return self.for_folder(path.parent)

    def for_folder(self, folder: Path) -> Settings:
        key = str(folder)
        if key not in self._by_folder:
            self._by_folder[key] = self._lookup(folder)
        return self._by_folder[key]

    def _lookup(self, folder: Path) -> Settings:
        if self.isolated:
            base = Settings()
        elif self.explicit:
            base = settings_from(self.explicit.resolve())
        else:
            base = settings_from(find_config_file(folder.resolve()))
        return _with_cli(base, tuple(sorted(self.cli.items())))


@lru_cache(maxsize=256)
def _with_cli(base: Settings, cli: tuple[tuple[str, Any], ...]) -> Settings:
    values = dict(cli)
    return base.with_cli(values.get("select"), values.get("extend_select", ()),
                         values.get("ignore", ()), values.get("fail_on"), values.get("archive"))
