"""The ``zzlint`` command.

A check of paths with a few plain flags (``zzlint check --force-exclude a.txt b.md``, what the
pre-commit hook runs) is read here and run at once: importing click is most of the start-up of a
one-paragraph check. ``zzlint --version`` is answered here too. Every other command line, help,
errors and every other option included, goes to click unchanged (``zzlint.commands``), which
runs the same check with the same defaults.

Exit codes: 0 nothing at or above the fail level, 1 findings at or above it, 2 a usage, config,
I/O or internal error (one line on stderr each, never a traceback).
"""
from __future__ import annotations

import gc

# Before anything else is imported: the start-up creates some hundred thousand objects that live
# as long as the process (modules, classes, rules), and looking through them every 700
# allocations cost 4 ms of a one-paragraph check. Linting keeps the same threshold
# (zzlint.runner.GC_THRESHOLD), for the same reason.
gc.set_threshold(100_000, *gc.get_threshold()[1:])

import os
import sys
from typing import TYPE_CHECKING, NoReturn

from zzlint import i18n
from zzlint.console import guarded

if TYPE_CHECKING:
    from zzlint.check import CheckOptions


def main() -> NoReturn:
    i18n.set_language(i18n.from_environment(os.environ))
    guarded(_run)


def _run() -> int:
    arguments = sys.argv[1:]
    if arguments == ["--version"]:  # what click prints (zzlint.commands), without importing click
        from zzlint import VERSION_LINE

        print(VERSION_LINE)
        return 0
    options = direct_check(arguments)
    if options is None:
        from zzlint import commands

        return commands.run()
    from zzlint import check

    return check.run(options)


def direct_check(arguments: list[str]) -> CheckOptions | None:
    """The options of ``check`` followed only by paths and the flags of ``check.FLAGS``, in any
    order; None for any other command line, which click reads. A path that starts with ``-``
    (``-`` for stdin, ``--``) is click's to read too."""
    if not arguments or arguments[0] != "check":
        return None
    from zzlint.check import FLAGS, CheckOptions

    switches = {name: (field, not off) for field, declarations in FLAGS.items() for declaration in declarations
                for off, name in enumerate(declaration.split("/"))}
    paths: list[str] = []
    values: dict[str, bool] = {}
    for argument in arguments[1:]:
        if not argument.startswith("-"):
            paths.append(argument)
        elif argument in switches:
            field, value = switches[argument]
            values[field] = value
        else:
            return None
    return CheckOptions(paths=tuple(paths), **values)
