"""Configuration: discovery, validation and the rule set in force for each file.

Config lives in ``.zzlint.toml``, ``zzlint.toml`` (top-level keys) or ``pyproject.toml``
(``[tool.zzlint]``), found from each linted file's folder upward; the closest file wins. A file
may ``extend`` another (a path relative to it, chains allowed): its own keys replace the other
file's, except that ``select``, ``extend-select`` and ``ignore`` apply on top of the selection
the other file makes, and the options of a rule are merged option by option. Command-line
selections are applied on top of everything.

No ``from __future__ import annotations`` here: a NamedTuple compiles each string annotation it
is given, and Settings is built at every start.
"""
import fnmatch
import os
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from zzlint import tomlcompat
from zzlint.diagnostic import Severity
from zzlint.i18n import _, parse_language
from zzlint.registry import RegistryError, all_rules
from zzlint.rule import OptionError, Rule, describe_type, option_values

CONFIG_NAMES = (".zzlint.toml", "zzlint.toml", "pyproject.toml")
KEYS = ("extend", "select", "extend-select", "ignore", "per-file-ignores", "rules", "exclude",
        "rule-packs", "fail-on", "force-exclude", "respect-gitignore", "accept", "language", "archive")
RULE_KEYS = ("severity", "accept")
SPECIAL_SELECTORS = ("ALL", "default")
#: The rule the ``archive`` key and ``--archive`` turn on, and its option for the index path.
ARCHIVE_RULE, ARCHIVE_OPTION = "already-printed", "index"


class ConfigError(ValueError):
    """A config file or command-line selection zzlint cannot use."""


#: One config file's selection: its select (None: keep what came before), extend-select, ignore.
Layer = tuple[tuple[str, ...] | None, tuple[str, ...], tuple[str, ...]]


class Settings(NamedTuple):
    """What the config files in force and the command line set (a NamedTuple, not a dataclass:
    creating a dataclass costs a millisecond of every start-up)."""

    source: Path | None = None
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    rule_settings: tuple[tuple[str, tuple[tuple[str, Any], ...]], ...] = ()
    exclude: tuple[str, ...] = ()
    rule_packs: tuple[Path, ...] = ()
    fail_on: Severity = Severity.ERROR
    #: Apply ``exclude`` to files named on the command line too (pre-commit names every file).
    force_exclude: bool = False
    #: Leave out what .gitignore files ignore when searching folders.
    respect_gitignore: bool = True
    #: The selections of the files this one extends, the farthest first.
    inherited: tuple[Layer, ...] = ()
    #: The folders ``exclude`` and ``per-file-ignores`` are relative to (the file that set them).
    exclude_root: Path | None = None
    per_file_root: Path | None = None
    #: Every config file read for these settings: the closest first, then those it extends.
    files: tuple[Path, ...] = ()
    #: Text snippets no rule may flag (see zzlint.accept); a rule's own list is in rule_settings.
    accept: tuple[str, ...] = ()
    #: "zh" or "en" (zzlint.i18n), or None to follow the environment.
    language: str | None = None

    @property
    def root(self) -> Path:
        return self.source.parent if self.source else Path.cwd()

    @property
    def exclude_base(self) -> Path:
        return self.exclude_root or self.root

    def registry(self) -> dict[str, type[Rule]]:
        try:
            return all_rules(self.rule_packs)
        except RegistryError as exc:
            raise ConfigError(str(exc)) from None

    def with_cli(self, select: tuple[str, ...] | None, extend_select: tuple[str, ...],
                 ignore: tuple[str, ...], fail_on: Severity | None,
                 switches: tuple[tuple[str, bool], ...] = (), archive: Path | None = None) -> "Settings":
        known = self.registry()
        for selector in (*(select or ()), *extend_select, *ignore):
            resolve_selector(selector, known)
        updated = self._replace(extend_select=self.extend_select + extend_select,
                                ignore=self.ignore + ignore, fail_on=fail_on or self.fail_on, **dict(switches))
        if select is not None:
            updated = updated._replace(select=select)
        if archive is not None:
            updated = updated.with_archive(archive)
        return updated

    def with_archive(self, index: Path) -> "Settings":
        """Check drafts against the archive index ``index`` (the ``archive`` key, ``--archive``)."""
        rules = dict(self.rule_settings)
        options = {**dict(rules.get(ARCHIVE_RULE, ())), ARCHIVE_OPTION: str(index.resolve())}
        rules[ARCHIVE_RULE] = tuple(options.items())
        return self._replace(extend_select=self.extend_select + (ARCHIVE_RULE,),
                             rule_settings=tuple(rules.items()))

    def validate(self) -> None:
        known = self.registry()
        selectors = [*(s for select, extend, ignore in self.layers() for s in (*(select or ()), *extend, *ignore)),
                     *(name for _, names in self.per_file_ignores for name in names)]
        try:
            for selector in selectors:
                resolve_selector(selector, known)
        except ConfigError as exc:
            raise ConfigError(f"{self._where()}{exc}") from None
        for name, values in self.rule_settings:
            if name not in known:
                raise ConfigError(self._where() + unknown_rule(name, known))
            self.rule_options(name, dict(values), known[name])

    def _where(self) -> str:
        return f"{self.source}: " if self.source else ""

    def layers(self) -> tuple[Layer, ...]:
        return (*self.inherited, (self.select, self.extend_select, self.ignore))

    def rule_options(self, name: str, values: dict[str, Any], cls: type[Rule]) -> object:
        options = {k: v for k, v in values.items() if k not in RULE_KEYS}
        fields = cls.option_fields()
        for key in options:
            if key not in fields:
                raise ConfigError(self._where() + did_you_mean(
                    key, fields, _("rule {rule!r} has no option {key!r}"),
                    _("rule {rule!r} has no option {key!r} (did you mean {choice!r}?)"), rule=name, key=key))
        try:
            return cls.make_options(options)
        except (OptionError, TypeError) as exc:
            raise ConfigError(f"{self._where()}{exc}") from None

    def selected_names(self) -> list[str]:
        """The rules the layers of select, extend-select and ignore choose, the farthest
        extended file first (per-file-ignores come on top)."""
        known = self.registry()
        names = resolve_selector("default", known)
        for select, extend, ignore in self.layers():
            if select is not None:
                names = _resolve_all(select, known)
            names |= _resolve_all(extend, known)
            names -= _resolve_all(ignore, known)
        return sorted(names)

    def _matches(self, path: Path, pattern: str) -> bool:
        base = self.per_file_root or self.root
        try:
            relative = path.resolve().relative_to(base.resolve()).as_posix()
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
            "config-files": [str(f) for f in self.files],
            "fail-on": str(self.fail_on),
            "exclude": list(self.exclude),
            "force-exclude": self.force_exclude,
            "respect-gitignore": self.respect_gitignore,
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
    return {k.replace("_", "-"): (list(v) if isinstance(v, tuple) else v) for k, v in option_values(options).items()}


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
    raise ConfigError(unknown_rule(selector, choices))


def _resolve_all(selectors: tuple[str, ...], known: dict[str, type[Rule]]) -> set[str]:
    return {name for selector in selectors for name in resolve_selector(selector, known)}


def unknown_rule(name: str, choices: object) -> str:
    """The message for a name that is no rule, suggesting the closest of ``choices``."""
    return did_you_mean(name, choices, _("unknown rule {name!r}"),
                        _("unknown rule {name!r} (did you mean {choice!r}?)"), name=name)


def did_you_mean(word: str, choices: object, plain: str, suggesting: str, **fields: object) -> str:
    """The message about an unknown ``word``: ``suggesting`` when one of ``choices`` is close to
    it (that choice is its ``{choice}``), else ``plain``; both are formatted with ``fields``."""
    from rapidfuzz import process

    match = process.extractOne(word, list(choices), score_cutoff=60)  # type: ignore[arg-type]
    return suggesting.format(choice=match[0], **fields) if match else plain.format(**fields)


class _Reader:
    """Reads the values of one config table, each checked for its type, errors naming the file."""

    def __init__(self, data: dict[str, Any], source: Path | None) -> None:
        self.data = data
        self.where = f"{source}: " if source else ""

    def fail(self, message: str) -> ConfigError:
        return ConfigError(self.where + message)

    def strings(self, key: str) -> tuple[str, ...]:
        value = self.data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(_("{key!r} must be a list of strings, not {kind}").format(
                key=key, kind=describe_type(value)))
        return tuple(value)

    def flag(self, key: str, default: bool) -> bool:
        value = self.data.get(key, default)
        if not isinstance(value, bool):
            raise self.fail(_("{key!r} must be true or false, not {kind}").format(key=key, kind=describe_type(value)))
        return value

    def table(self, key: str) -> dict[str, Any]:
        value = self.data.get(key, {})
        if not isinstance(value, dict):
            raise self.fail(_("{key!r} must be a table, not {kind}").format(key=key, kind=describe_type(value)))
        return value


def parse_config(data: dict[str, Any], source: Path | None, base: Settings | None = None) -> Settings:
    """The settings of one config table; ``base`` is what its ``extend`` key names, already read."""
    read = _Reader(data, source)
    for key in data:
        if key not in KEYS:
            raise read.fail(did_you_mean(key, KEYS, _("unknown key {key!r}"),
                                         _("unknown key {key!r} (did you mean {choice!r}?)"), key=key))
    base = base or Settings()
    root = source.parent if source else Path.cwd()
    per_file = read.table("per-file-ignores")
    for pattern, ignored in per_file.items():
        if not isinstance(ignored, list) or not all(isinstance(v, str) for v in ignored):
            raise read.fail(_("per-file-ignores {pattern!r} must be a list of rule names").format(pattern=pattern))
    rules = _merged_rule_settings(base.rule_settings, read)
    settings = Settings(
        source=source,
        select=read.strings("select") if "select" in data else None,
        extend_select=read.strings("extend-select"),
        ignore=read.strings("ignore"),
        per_file_ignores=tuple((k, tuple(v)) for k, v in per_file.items()) if "per-file-ignores" in data
        else base.per_file_ignores,
        per_file_root=root if "per-file-ignores" in data else base.per_file_root or base.source and base.root,
        rule_settings=rules,
        exclude=_exclude_patterns(read) if "exclude" in data else base.exclude,
        exclude_root=root if "exclude" in data else base.exclude_root or base.source and base.root,
        rule_packs=tuple((root / p).resolve() for p in read.strings("rule-packs")) if "rule-packs" in data
        else base.rule_packs,
        fail_on=_severity(read, "fail-on") if "fail-on" in data else base.fail_on,
        force_exclude=read.flag("force-exclude", base.force_exclude),
        respect_gitignore=read.flag("respect-gitignore", base.respect_gitignore),
        inherited=base.layers() if base.source else (),
        files=(source, *base.files) if source else base.files,
        accept=read.strings("accept") if "accept" in data else base.accept,
        language=_language(read) if "language" in data else base.language,
    )
    if not all(settings.accept):
        raise read.fail(_("'accept' must not hold an empty snippet"))
    if "archive" in data:
        if not isinstance(data["archive"], str) or not data["archive"]:
            raise read.fail(_("'archive' must be the path of an archive index"))
        settings = settings.with_archive(root / data["archive"])
    settings.validate()
    return settings


def _language(read: _Reader) -> str:
    value = read.data["language"]
    if not isinstance(value, str):
        raise read.fail(_("'language' must be a string (zh or en), not {kind}").format(kind=describe_type(value)))
    try:
        return parse_language(value)
    except ValueError as exc:
        raise read.fail(f"language: {exc}") from None


def _severity(read: _Reader, key: str) -> Severity:
    value = read.data[key]
    if not isinstance(value, str):
        raise read.fail(_("{key!r} must be a string (error, warning or info), not {kind}").format(
            key=key, kind=describe_type(value)))
    try:
        return Severity.parse(value)
    except ValueError as exc:
        raise read.fail(f"{key}: {exc}") from None


def _merged_rule_settings(inherited: tuple[tuple[str, tuple[tuple[str, Any], ...]], ...],
                          read: _Reader) -> tuple[tuple[str, tuple[tuple[str, Any], ...]], ...]:
    merged = {name: dict(values) for name, values in inherited}
    for name, values in read.table("rules").items():
        if not isinstance(values, dict):
            raise read.fail(_("rules.{name} must be a table, not {kind}").format(name=name, kind=describe_type(values)))
        if "severity" in values:
            if not isinstance(values["severity"], str):
                raise read.fail(_("rules.{name}: 'severity' must be a string (error, warning or info), "
                                  "not {kind}").format(name=name, kind=describe_type(values["severity"])))
            try:
                Severity.parse(values["severity"])
            except ValueError as exc:
                raise read.fail(f"rules.{name}: {exc}") from None
        accept = values.get("accept", [])
        if not isinstance(accept, list) or not all(isinstance(v, str) and v for v in accept):
            raise read.fail(_("rules.{name}.accept must be a list of text snippets").format(name=name))
        merged.setdefault(name, {}).update({o: _frozen(v) for o, v in values.items()})
    return tuple((name, tuple(values.items())) for name, values in merged.items())


def _exclude_patterns(read: _Reader) -> tuple[str, ...]:
    from zzlint.files import check_patterns

    patterns = read.strings("exclude")
    problem = check_patterns(patterns)
    if problem:
        raise read.fail(_("exclude: {problem}").format(problem=problem))
    return patterns


def _frozen(value: Any) -> Any:
    return tuple(_frozen(v) for v in value) if isinstance(value, list) else value


def _load_toml(path: Path) -> dict[str, Any]:
    try:
        return tomlcompat.loads_cached(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(_("{path}: cannot read config: {reason}").format(path=path, reason=exc.strerror or exc)) from None
    except (tomlcompat.tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(_("{path}: invalid TOML: {reason}").format(path=path, reason=exc)) from None


def _zzlint_table(path: Path, data: dict[str, Any]) -> dict[str, Any] | None:
    """``[tool.zzlint]`` of a pyproject.toml (None when it has none); the whole file otherwise."""
    if path.name != "pyproject.toml":
        return data
    tool = data.get("tool", {})
    if not isinstance(tool, dict):
        raise ConfigError(_("{path}: 'tool' must be a table, not {kind}").format(path=path, kind=describe_type(tool)))
    table = tool.get("zzlint")
    if table is not None and not isinstance(table, dict):
        raise ConfigError(_("{path}: [tool.zzlint] must be a table, not {kind}").format(
            path=path, kind=describe_type(table)))
    return table


def read_config_file(path: Path, extending: tuple[Path, ...] = ()) -> Settings:
    """The settings of one config file and of the files it extends (``extending``: the files
    that led here, to refuse a cycle)."""
    if path in extending:
        chain = " -> ".join(str(p) for p in (*extending, path))
        raise ConfigError(_("{path}: 'extend' makes a cycle: {chain}").format(path=extending[-1], chain=chain))
    data = _zzlint_table(path, _load_toml(path)) or {}
    base = None
    if "extend" in data:
        target = data["extend"]
        if not isinstance(target, str):
            raise ConfigError(_("{path}: 'extend' must be a string (a path), not {kind}").format(
                path=path, kind=describe_type(target)))
        extended = (path.parent / target).resolve()
        if not extended.is_file():
            raise ConfigError(_("{path}: extend: {target}: no such config file").format(path=path, target=target))
        base = read_config_file(extended, (*extending, path))
    return parse_config(data, path, base)


def _has_zzlint_table(path: Path) -> bool:
    """Whether a pyproject.toml configures zzlint. One that cannot be parsed does when it
    mentions zzlint at all: its [tool.zzlint] table must not be passed over in silence."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    if "zzlint" not in text:
        return False
    try:
        data = tomlcompat.loads_cached(text)
    except tomlcompat.tomllib.TOMLDecodeError:
        return True
    tool = data.get("tool")
    return not isinstance(tool, dict) or "zzlint" in tool


@lru_cache(maxsize=1024)
def find_config_file(folder: Path) -> Path | None:
    for name in CONFIG_NAMES:
        candidate = folder / name
        if _is_file(candidate) and (name != "pyproject.toml" or _has_zzlint_table(candidate)):
            return candidate
    return find_config_file(folder.parent) if folder.parent != folder else None


def _is_file(path: Path) -> bool:
    """``Path.is_file``, false for a path in a folder zzlint may not look into."""
    try:
        return path.is_file()
    except OSError:
        return False


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


class Resolver:
    """Finds the settings in force for each path, with the command line applied on top."""

    def __init__(self, explicit: Path | None = None, isolated: bool = False,
                 cli: dict[str, Any] | None = None) -> None:
        self.explicit = explicit
        self.isolated = isolated
        self.cli = {} if cli is None else cli
        self._by_folder: dict[str, Settings] = {}

    def for_path(self, path: Path) -> Settings:
        """The settings in force for the file ``path`` (or a folder), looked up once per folder."""
        return self.for_folder(path if _is_dir(path) else path.parent)

    def for_file(self, path: Path) -> Settings:
        """As ``for_path``, for a path known to be a file (no file-system call)."""
        # Its folder is looked up as a string first: a Path's parent is built anew each time,
        # and a folder run asks once per file.
        known = self._by_folder.get(os.path.dirname(path) or ".")
        return known if known is not None else self.for_folder(path.parent)

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


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:
        return False


#: Command-line switches that replace a config value of the same name when given.
SWITCHES = ("force_exclude", "respect_gitignore")


@lru_cache(maxsize=256)
def _with_cli(base: Settings, cli: tuple[tuple[str, Any], ...]) -> Settings:
    values = dict(cli)
    switches = tuple((name, values[name]) for name in SWITCHES if values.get(name) is not None)
    return base.with_cli(values.get("select"), values.get("extend_select", ()),
                         values.get("ignore", ()), values.get("fail_on"), switches, values.get("archive"))
