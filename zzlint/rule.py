"""The contract every rule fulfils, built-in, third-party or declared in a TOML pack.

A rule is a class with a kebab-case ``name``, a default ``severity``, ``default_enabled``, an
``Options`` record (typed options with defaults) and a docstring that is its documentation.
``Options`` is a NamedTuple, or a dataclass: an option's documentation is an ``Annotated`` note
on its type (a dataclass field may say it in ``metadata["doc"]`` instead), and an Options whose
values must hold more than their types has a ``validate()`` method that raises ValueError (a
dataclass may use ``__post_init__``). The built-in rules' are NamedTuples: creating a dataclass
costs a millisecond of every start-up, and its module brings inspect with it.
A rule whose findings carry fixes says how safe they are in ``fix_safety``.
``check`` takes a Document and yields Findings; it must not print, read files or keep state
between documents.
"""
from __future__ import annotations

import re
import typing
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import ClassVar, NamedTuple

from zzlint.diagnostic import Finding, Severity
from zzlint.document import Document
from zzlint.i18n import N_, _

RULE_NAME = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
FIX_SAFETIES = ("safe", "unsafe")
#: How TOML names the type of a value of each Python type (bool before int: a bool is an int).
TOML_TYPES = {bool: N_("a boolean"), str: N_("a string"), int: N_("an integer"), float: N_("a number"),
              list: N_("a list"), tuple: N_("a list"), dict: N_("a table")}
#: How TOML names a list of values of each type.
TOML_LISTS = {bool: N_("a list of booleans"), str: N_("a list of strings"), int: N_("a list of integers"),
              float: N_("a list of numbers")}


class NoOptions(NamedTuple):
    """A rule without options."""


class OptionField(NamedTuple):
    """One option of a rule: its name in Python and its documentation (empty: none)."""

    name: str
    doc: str


class OptionError(ValueError):
    """An option value in config does not fit the rule's Options."""


class RuleFailure(Exception):
    """A rule could not finish on a document for a reason the user can act on (its message),
    such as a pack pattern that ran out of time. The engine reports it; the other rules run."""


class Rule:
    name: ClassVar[str]
    severity: ClassVar[Severity] = Severity.ERROR
    default_enabled: ClassVar[bool] = True
    Options: ClassVar[type] = NoOptions
    #: Presets that select this rule besides the rules on by default (for example "gb").
    presets: ClassVar[tuple[str, ...]] = ()
    #: None for a rule without fixes; "safe" when its fix cannot change the meaning (a mark's
    #: form, a digit's width: ``--fix`` applies it); "unsafe" when it may (a character removed,
    #: a word replaced: only ``--unsafe-fixes`` applies it). A fix of a rule that says None is
    #: treated as unsafe.
    fix_safety: ClassVar[str | None] = None
    #: Roughly the seconds the rule takes on a megabyte of text, with its part of the derived
    #: data it shares (``shares``), as bench/rule_profile.py measures them: a file large enough
    #: to be linted on two cores has its rules split into two halves of about equal cost. The
    #: default is that of a rule that runs a few regular expressions over the text.
    cost: ClassVar[float] = 0.004
    #: Names of what the rule derives and other rules reuse, beyond the paragraphs, width
    #: folding and stories that every costly rule asks for ("numbering-markers", "lexicon"):
    #: when a file's rules are split over two processes, the rules that share a name run in
    #: the same one, which derives it once.
    shares: ClassVar[tuple[str, ...]] = ()

    def __init__(self, options: object | None = None, packs: tuple[Path, ...] = ()) -> None:
        self.options = options if options is not None else self.Options()
        #: Rule packs named in config, for rules that read data from packs.
        self.packs = packs

    def check(self, doc: Document) -> Iterator[Finding]:
        raise NotImplementedError

    def collects(self) -> bool:
        """Whether this rule, as configured, compares the documents of a run with each other."""
        return False

    def check_collection(self, docs: Iterable[Document]) -> Iterator[tuple[Document, Finding]]:
        """Findings that need several documents at once (none unless a rule overrides it)."""
        return iter(())

    @classmethod
    def documentation(cls) -> str:
        from inspect import cleandoc  # here: a check needs no documentation

        return cleandoc(cls.__doc__ or "")

    @classmethod
    def summary(cls) -> str:
        """The first line of the documentation, in the language in force."""
        from zzlint.docs import summary

        return summary(cls.documentation())

    @classmethod
    def option_fields(cls) -> dict[str, OptionField]:
        """The options by their kebab-case names, as config writes them."""
        return {f.name.replace("_", "-"): f for f in _option_fields(cls.Options)}

    @classmethod
    def make_options(cls, values: dict[str, object]) -> object:
        """Build the Options record from config values (kebab-case keys), checking types."""
        fields = cls.option_fields()
        kwargs = {}
        for key, value in values.items():
            if key not in fields:
                raise OptionError(_("rule {rule!r} has no option {key!r}").format(rule=cls.name, key=key))
            field = fields[key]
            kwargs[field.name] = _coerce(cls.name, key, value, _field_type(cls.Options, field.name))
        try:
            options = cls.Options(**kwargs)
            validate = getattr(options, "validate", None)
            if validate is not None:
                validate()
        except ValueError as exc:
            raise OptionError(_("rule {rule!r}: {error}").format(rule=cls.name, error=exc)) from None
        return options


def _is_named_tuple(options_class: type) -> bool:
    return issubclass(options_class, tuple) and hasattr(options_class, "_fields")


def _is_dataclass(options_class: type) -> bool:
    # dataclasses.is_dataclass, without importing the module for a rule whose Options is not one
    return hasattr(options_class, "__dataclass_fields__")


def _option_fields(options_class: type) -> list[OptionField]:
    if _is_named_tuple(options_class):
        hints = typing.get_type_hints(options_class, include_extras=True)
        return [OptionField(name, _annotated_doc(hints[name])) for name in options_class._fields]  # type: ignore[attr-defined]
    import dataclasses

    return [OptionField(f.name, f.metadata.get("doc", "")) for f in dataclasses.fields(options_class)]


def _annotated_doc(hint: object) -> str:
    """The note of ``Annotated[type, "note"]``; empty for a plain type."""
    return next((note for note in getattr(hint, "__metadata__", ()) if isinstance(note, str)), "")


def option_values(options: object) -> dict[str, object]:
    """The values of an Options record by field name."""
    if _is_named_tuple(type(options)):
        return options._asdict()  # type: ignore[attr-defined,no-any-return]
    import dataclasses

    return dataclasses.asdict(options)  # type: ignore[call-overload,no-any-return]


def _field_type(options_class: type, name: str) -> object:
    return typing.get_type_hints(options_class)[name]


def describe_type(value: object) -> str:
    """How TOML names the type of ``value``: a string, an integer, a table …"""
    return next((_(name) for kind, name in TOML_TYPES.items() if isinstance(value, kind)), type(value).__name__)


def _coerce(rule: str, key: str, value: object, expected: object) -> object:
    origin = typing.get_origin(expected)
    if expected is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if expected in (int, float, str, bool):
        if isinstance(value, bool) != (expected is bool) or not isinstance(value, expected):  # type: ignore[arg-type]
            raise OptionError(_("option {key!r} of rule {rule!r} must be {expected}, not {kind}").format(
                key=key, rule=rule, expected=_(TOML_TYPES[expected]), kind=describe_type(value)))  # type: ignore[index]
        return value
    if origin in (tuple, list):
        (item_type, *_rest) = typing.get_args(expected) or (str,)
        if not isinstance(value, (list, tuple)) or not all(isinstance(v, item_type) for v in value):
            raise OptionError(_("option {key!r} of rule {rule!r} must be {expected}").format(
                key=key, rule=rule, expected=_(TOML_LISTS[item_type])))
        return tuple(value)
    return value


def check_rule_class(cls: type[Rule]) -> None:
    """Refuse a rule class that breaks the contract, with a message naming it."""
    name = getattr(cls, "name", None)
    if not isinstance(name, str) or not RULE_NAME.match(name):
        raise TypeError(_("{rule_class}: rule name {name!r} is not kebab-case").format(rule_class=cls.__qualname__, name=name))
    if not cls.__doc__:
        raise TypeError(_("rule {name!r} has no docstring (its documentation)").format(name=name))
    if not isinstance(cls.Options, type) or not (_is_named_tuple(cls.Options) or _is_dataclass(cls.Options)):
        raise TypeError(_("rule {name!r}: Options must be a NamedTuple or a dataclass").format(name=name))
    if cls.fix_safety not in (None, *FIX_SAFETIES):
        raise TypeError(_("rule {name!r}: fix_safety must be None, 'safe' or 'unsafe', not {safety!r}").format(
            name=name, safety=cls.fix_safety))
    if (isinstance(cls.cost, bool) or not isinstance(cls.cost, (int, float)) or not cls.cost >= 0
            or not isinstance(cls.shares, tuple) or not all(isinstance(shared, str) for shared in cls.shares)):
        raise TypeError(_("rule {name!r}: cost must be a number of seconds, 0 or more, and shares a tuple "
                          "of names").format(name=name))
