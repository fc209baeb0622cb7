"""Every rule zzlint knows: built-in modules, the ``zzlint.rules`` entry-point group, rule packs
(pattern rules and vocabularies).

Built-in rules are found by importing each module of ``zzlint.rules``; a new rule is a new
module there and touches nothing here.
"""
from __future__ import annotations

import importlib
import inspect
import pkgutil
from functools import lru_cache
from importlib.metadata import entry_points
from pathlib import Path

from zzlint import packs, vocabulary
from zzlint.i18n import _
from zzlint.rule import Rule, check_rule_class

ENTRY_POINT_GROUP = "zzlint.rules"


class RegistryError(ValueError):
    """Two rules share a name, or a plug-in does not provide a valid rule."""


def _rules_in_module(module: object) -> list[type[Rule]]:
    return [cls for _, cls in inspect.getmembers(module, inspect.isclass)
            if issubclass(cls, Rule) and cls.__module__ == module.__name__  # type: ignore[attr-defined]
            and "name" in cls.__dict__]


@lru_cache(maxsize=1)
def builtin_rules() -> tuple[type[Rule], ...]:
    import zzlint.rules as package

    found: list[type[Rule]] = []
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        found.extend(_rules_in_module(importlib.import_module(f"{package.__name__}.{info.name}")))
    return tuple(found)


@lru_cache(maxsize=1)
def plugin_rules() -> tuple[type[Rule], ...]:
    found: list[type[Rule]] = []
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        try:
            obj = ep.load()
        except Exception as exc:
            raise RegistryError(_("plug-in {name!r} ({value}) cannot be loaded: {error}").format(
                name=ep.name, value=ep.value, error=exc)) from None
        classes = [obj] if inspect.isclass(obj) else _rules_in_module(obj)
        if not classes or not all(inspect.isclass(c) and issubclass(c, Rule) for c in classes):
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
