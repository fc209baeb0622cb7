"""Every rule zzlint knows: built-in modules, the ``zzlint.rules`` entry-point group, rule packs
(pattern rules and vocabularies).

Built-in rules are found by importing each module of ``zzlint.rules``; a new rule is a new
module there and touches nothing here.
"""
from __future__ import annotations

import importlib
import os
import sys
from functools import lru_cache
from pathlib import Path

from zzlint import packs, usercache, vocabulary
from zzlint.i18n import _
from zzlint.packages import module_names
from zzlint.rule import Rule, check_rule_class

ENTRY_POINT_GROUP = "zzlint.rules"
#: The folders in which importlib.metadata finds installed distributions.
METADATA_SUFFIXES = (".dist-info", ".egg-info")


class RegistryError(ValueError):
    """Two rules share a name, or a plug-in does not provide a valid rule."""


def _rules_in_module(module: object) -> list[type[Rule]]:
    # The module's namespace in name order, as inspect.getmembers gives it, without importing
    # inspect (with ast, dis and tokenize) for it.
    return [cls for _, cls in sorted(vars(module).items()) if isinstance(cls, type)
            and issubclass(cls, Rule) and cls.__module__ == module.__name__  # type: ignore[attr-defined]
            and "name" in cls.__dict__]


@lru_cache(maxsize=1)
def builtin_rules() -> tuple[type[Rule], ...]:
    import zzlint.rules as package

    found: list[type[Rule]] = []
    for name in module_names(package.__path__):
        found.extend(_rules_in_module(importlib.import_module(f"{package.__name__}.{name}")))
    return tuple(found)


def _installed_plugins() -> list[tuple[str, str]]:
    """The (name, value) of every entry point in ENTRY_POINT_GROUP. importlib.metadata reads
    the metadata of every installed distribution (40 ms of each run's start), so the list is
    kept in the user cache, derived from sys.path and the time stamp of each of its folders:
    installing or removing a distribution changes its folder's."""
    stamps = []
    for entry in sys.path:
        try:
            stamps.append(f"{entry}\0{os.stat(entry or '.').st_mtime_ns}")
        except OSError:
            stamps.append(entry)
    return usercache.derived("plugins", "\n".join(stamps), _plugins_by_metadata)


def _plugins_by_metadata() -> list[tuple[str, str]]:
    """The plug-ins, when a folder of sys.path has a new time stamp: derived again only when
    the distribution metadata in the folders changed. Any file made in a folder changes its time
    stamp, and with ``python -m`` the current folder is on sys.path."""
    return usercache.derived("plugins-metadata", "\n".join(map(_metadata_in, sys.path)), _scan_plugins)


def _metadata_in(entry: str) -> str:
    """The distribution metadata folders of a sys.path folder, with their time stamps (a
    reinstalled distribution has a new one); a zip file or a missing folder by its own stamp."""
    try:
        with os.scandir(entry or ".") as children:
            found = sorted(f"{child.name}\0{child.stat().st_mtime_ns}" for child in children
                           if child.name.endswith(METADATA_SUFFIXES))
    except OSError:
        try:
            return f"{entry}\0{os.stat(entry).st_mtime_ns}"
        except OSError:
            return entry
    return "\0".join((entry, *found))


def _scan_plugins() -> list[tuple[str, str]]:
    from importlib.metadata import entry_points

    return [(ep.name, ep.value) for ep in entry_points(group=ENTRY_POINT_GROUP)]


@lru_cache(maxsize=1)
def plugin_rules() -> tuple[type[Rule], ...]:
    installed = _installed_plugins()
    if not installed:
        return ()
    from importlib.metadata import EntryPoint

    found: list[type[Rule]] = []
    for ep in (EntryPoint(name, value, ENTRY_POINT_GROUP) for name, value in installed):
        try:
            obj = ep.load()
        except Exception as exc:
            raise RegistryError(_("plug-in {name!r} ({value}) cannot be loaded: {error}").format(
                name=ep.name, value=ep.value, error=exc)) from None
        classes = [obj] if isinstance(obj, type) else _rules_in_module(obj)
        if not classes or not all(isinstance(c, type) and issubclass(c, Rule) for c in classes):
            raise RegistryError(_("plug-in {name!r} ({value}) is not a zzlint Rule").format(name=ep.name, value=ep.value))
        found.extend(classes)
    return tuple(found)


@lru_cache(maxsize=16)
def all_rules(extra_packs: tuple[Path, ...] = ()) -> dict[str, type[Rule]]:
    """Name to rule class, for the built-in rules, plug-ins and packs (built-in and extra)."""
    rules: dict[str, type[Rule]] = {}
    sources: list[type[Rule]] = [*builtin_rules(), *plugin_rules()]
    try:
        for path in packs.pack_files(extra_packs):
            sources.extend(packs.pattern_rules(path))
            sources.extend(vocabulary.rules_in(path))
    except packs.PackError as exc:
        raise RegistryError(str(exc)) from None
    for cls in sources:
        try:
            check_rule_class(cls)
        except TypeError as exc:
            raise RegistryError(str(exc)) from None
        if cls.name in rules:
            raise RegistryError(_("two rules are named {name!r}").format(name=cls.name))
        rules[cls.name] = cls
    return dict(sorted(rules.items()))
