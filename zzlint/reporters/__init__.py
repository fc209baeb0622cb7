"""Output formats. Each module here is a format named after the module (``text``, ``json`` ...)
and defines ``render(report: Report) -> str``; a format that shows the files' text sets
``NEEDS_SOURCES = True``.

The records are NamedTuples with annotations that are types, not strings (no ``from __future__
import annotations`` here): each costs a fraction of a dataclass to create at start-up.
"""
import collections
import importlib
from collections.abc import Mapping, Sequence
from functools import lru_cache
from types import MappingProxyType, ModuleType
from typing import NamedTuple

from zzlint.diagnostic import Diagnostic, Severity
from zzlint.packages import module_names
from zzlint.rule import Rule

#: The formats ``--statistics`` writes; the others carry findings in a shape of their own.
STATISTICS_FORMATS = ("text", "full", "json")
#: U+2028, U+2029 and the C1 next-line control: line breaks to terminals and editors, not to zzlint.
LINE_SEPARATORS = "\u2028\u2029\x85"


class RunError(NamedTuple):
    """A file zzlint could not lint, or a rule that failed on it. Printed on stderr and carried
    into the reports, so that a dashboard reading only the report sees it too.

    ``path`` is None for an error about a command-line argument rather than a file.
    """

    path: str | None
    message: str
    rule: str | None = None

    @classmethod
    def of(cls, path: str, line: str, rule: str | None = None) -> "RunError":
        """From a one-line error that starts with its path, as readers and the engine word them."""
        return cls(path, line.removeprefix(f"{path}: "), rule)

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path is not None else self.message

    def to_dict(self) -> dict[str, object]:
        return {"path": self.path, "rule": self.rule, "message": self.message}


#: An empty mapping that nothing can change: the default of a Report's mappings.
NOTHING: Mapping = MappingProxyType({})


class Report(NamedTuple):
    diagnostics: Sequence[Diagnostic]
    rules: Mapping[str, type[Rule]] = NOTHING
    #: Each file's text as the file holds it (markup included), for the formats that show it.
    sources: Mapping[str, str] = NOTHING
    characters: int = 0
    #: Every file that was linted, in order, with the severity at which its findings fail.
    linted: Mapping[str, Severity] = NOTHING
    errors: Sequence[RunError] = ()
    #: Whether a format for terminals may colour its output (ANSI escapes).
    color: bool = False

    def fails(self, diagnostic: Diagnostic) -> bool:
        """Whether the finding is at or above its file's fail level (and so sets exit code 1)."""
        return diagnostic.severity >= self.linted.get(diagnostic.path, Severity.ERROR)


@lru_cache(maxsize=1)
def formats() -> tuple[str, ...]:
    """The names of the formats; a format's module is imported only when it is used."""
    return tuple(name for name in module_names(__path__) if not name.startswith("_"))


def _format(name: str) -> ModuleType:
    return importlib.import_module(f"{__name__}.{name}")


def render(name: str, report: Report) -> str:
    return _format(name).render(report)


def needs_sources(name: str) -> bool:
    return getattr(_format(name), "NEEDS_SOURCES", False)


def visible(ch: str) -> str:
    """A character that a terminal or browser would act on rather than draw, as a visible symbol:
    a C0 control as its control picture (form feed as ␌), a line or paragraph separator as ␤."""
    if ch in LINE_SEPARATORS:
        return "\u2424"
    if ord(ch) < 0x20:
        return chr(0x2400 + ord(ch))
    if ch == "\x7f":
        return "\u2421"
    return "\ufffd" if 0x80 <= ord(ch) < 0xa0 else ch


def per_10000(count: int, characters: int) -> float:
    return count / characters * 10_000 if characters else 0.0


def rule_counts(report: Report) -> list[tuple[str, int]]:
    """Findings per rule, most frequent first."""
    return collections.Counter(d.rule for d in report.diagnostics).most_common()


def render_statistics(report: Report, output_format: str) -> str:
    """Counts per rule and findings per 10,000 characters: JSON for ``json``, else a table."""
    return _format("json" if output_format == "json" else "text").statistics(report)
