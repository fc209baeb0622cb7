"""The command line in the user's language: the ``--lang`` option, help pages whose texts are
translated when they are shown, and click's own messages about a command line it cannot read.

Click reads help texts when the commands are defined, before the language is known, so they are
written ``N_("…")`` and translated here, when a help page is formatted: the command's help, each
option's, and the headings click writes itself (Usage, Options, Commands).

Click words its errors (an unknown option, a value not among the choices) with the ``gettext``
and ``ngettext`` each of its modules imports, which follow the process's locale rather than the
language zzlint speaks: ``localise_click`` hands those modules zzlint's own, and the catalogue
holds click's messages (CLICK_MESSAGES). A message a later click words differently is shown as
click words it.
"""
from __future__ import annotations

import contextlib
import importlib
import inspect
import re
from collections.abc import Callable
from typing import Any

import click

from zzlint import i18n
from zzlint.i18n import N_, N_plural, _, ngettext

#: Help texts click gives its own options; listed here so that the catalogue holds them.
CLICK_HELP = (N_("Show this message and exit."), N_("Show the version and exit."))
CLICK_DEFAULT = re.compile(r"\s*\[default: ([^\]]*)\]")
#: What click says when it cannot read a command line, as click words it (see localise_click).
CLICK_MESSAGES = (
    N_("No such option {name!r}."), N_("No such command {name!r}."), N_("Missing command."),
    N_("Invalid value for {param_hint}: {message}"), N_("Invalid value: {message}"),
    N_("Missing argument"), N_("Missing option"), N_("Missing parameter"), N_("Missing {param_type}"),
    N_("Option {name!r} does not take a value."), N_("{value!r} is not a valid {number_type}."),
    N_("{value} is not in the range {range}."),
    N_("{name} {filename!r} does not exist."), N_("{name} {filename!r} is a file."),
    N_("{name} {filename!r} is a directory."), N_("{name} {filename!r} is not readable."),
    N_("{name} {filename!r} is not writable."),
)
CLICK_PLURAL_MESSAGES = (
    N_plural("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"),
    N_plural("{value!r} is not {choice}.", "{value!r} is not one of {choices}."),
    N_plural("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."),
    N_plural("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})"),
)
#: The modules of click that word those messages.
CLICK_MODULES = ("click.core", "click.exceptions", "click.parser", "click.types")


def localise_click(arguments: list[str]) -> None:
    """Have click word its messages in the language in force (see the module's documentation),
    the one ``--lang`` among ``arguments`` asks for included: click reports an unknown option
    before it reads ``--lang``, wherever the two stand."""
    for index, argument in enumerate(arguments):
        if argument == "--":
            break
        value = argument.partition("=")[2] if argument.startswith("--lang=") else (
            arguments[index + 1] if argument == "--lang" and index + 1 < len(arguments) else None)
        if value is not None:
            with contextlib.suppress(ValueError):  # not a language: click says so
                i18n.set_language(value, explicit=True)
    for name in CLICK_MODULES:
        module = importlib.import_module(name)
        for attribute, translate in (("_", _), ("ngettext", ngettext)):
            if hasattr(module, attribute):
                setattr(module, attribute, translate)


def _record(param: click.Parameter, ctx: click.Context) -> tuple[str, str] | None:
    """An option's line of the help page, translated (click adds ``[default: …]`` itself)."""
    record = param.get_help_record(ctx) if isinstance(param, click.Option) else None
    if record is None or not param.help:  # type: ignore[attr-defined]
        return record
    text = record[1].replace(param.help, _(param.help), 1)  # type: ignore[attr-defined]
    return record[0], CLICK_DEFAULT.sub(lambda found: _(" [default: {value}]").format(value=found.group(1)), text)


class LocalisedCommand(click.Command):
    def get_short_help_str(self, limit: int = 45) -> str:
        return self._help().split("\n")[0]

    def _help(self) -> str:
        """The command's help in the language in force (its docstring, cleaned as extracted)."""
        return _(inspect.cleandoc(self.help)) if self.help else ""

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)), _("Usage: "))

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        if self.help:
            formatter.write_paragraph()
            with formatter.indentation():
                formatter.write_text(self._help())

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        _section(formatter, _("Options:"), [r for p in self.get_params(ctx) if (r := _record(p, ctx)) is not None])


def _section(formatter: click.HelpFormatter, heading: str, records: list[tuple[str, str]]) -> None:
    """What ``formatter.section`` writes, with a heading that ends in the language's own colon."""
    if records:
        formatter.write_paragraph()
        formatter.write(f"{heading}\n")
        with formatter.indentation():
            formatter.write_dl(records)


class LocalisedGroup(LocalisedCommand, click.Group):
    """A group whose ``lazy_commands`` (name to ``"module:attribute"``) are imported only when
    one of them is run or listed, so that their modules stay off every other command's start."""

    command_class = LocalisedCommand

    def __init__(self, *args: Any, lazy_commands: dict[str, str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy_commands = lazy_commands or {}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy_commands})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in self.lazy_commands and name not in self.commands:
            module, attribute = self.lazy_commands[name].split(":")
            self.add_command(getattr(importlib.import_module(module), attribute), name)
        return super().get_command(ctx, name)

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        LocalisedCommand.format_options(self, ctx, formatter)
        commands = [(name, command) for name in self.list_commands(ctx)
                    if (command := self.get_command(ctx, name)) is not None and not command.hidden]
        _section(formatter, _("Commands:"), [(name, command.get_short_help_str()) for name, command in commands])


def _chosen(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value:
        i18n.set_language(value, explicit=True)
    return value


def language_option(command: Callable[..., Any]) -> Callable[..., Any]:
    """``--lang zh|en``, read before anything else so that ``--help`` after it is translated."""
    return click.option("--lang", "lang", type=click.Choice(sorted(i18n.LOCALES), case_sensitive=False),
                        is_eager=True, expose_value=False, callback=_chosen,
                        help=N_("Language of messages and documentation [default: zh, or the config's "
                                "language, or English in an en… locale]."))(command)
