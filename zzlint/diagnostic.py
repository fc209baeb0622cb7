"""What rules report (Finding, in offsets) and what zzlint prints (Diagnostic, in positions).

The records are NamedTuples: a dataclass costs a millisecond to create at import, and start-up
is most of a check of one paragraph. Their annotations are types, not strings (no ``from
__future__ import annotations`` here): a NamedTuple compiles each string annotation it is given.
"""
import enum
from typing import NamedTuple

from zzlint.i18n import _


class Severity(enum.IntEnum):
    INFO = 1
    WARNING = 2
    ERROR = 3

    def __str__(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, value: str) -> "Severity":
        try:
            return cls[value.upper()]
        except KeyError:
            raise ValueError(_("unknown severity {value!r} (expected error, warning or info)").format(
                value=value)) from None


class RelatedSpan(NamedTuple):
    """Another place a finding refers to, such as the first occurrence of a repeat.

    ``path`` is None for a place in the same document.
    """

    start: int
    message: str
    path: str | None = None
    line: int | None = None
    column: int | None = None


class Finding(NamedTuple):
    """A problem a rule found, as offsets into the document text (end exclusive)."""

    start: int
    end: int
    message: str
    related: tuple[RelatedSpan, ...] = ()
    fix: str | None = None
    #: Set when a finding is milder than its rule's default (an uncertain check is a warning).
    severity: Severity | None = None


class Related(NamedTuple):
    """A place a diagnostic refers to, in a file."""

    path: str
    line: int
    column: int
    message: str

    def to_dict(self) -> dict[str, object]:
        return {"path": self.path, "line": self.line, "column": self.column, "message": self.message}


class Diagnostic(NamedTuple):
    """A finding placed in a file: 1-based lines and columns, end exclusive.

    Two diagnostics are equal when they say the same thing at the same place: the fields from
    ``start`` on are left out of the comparison."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    rule: str
    severity: Severity
    message: str
    related: tuple[Related, ...] = ()
    start: int = 0
    end: int = 0
    fix: str | None = None
    #: "paragraph" when lines are a Word document's paragraphs.
    unit: str = "line"
    #: Rule, flagged text and its neighbourhood, hashed: what a baseline entry matches.
    fingerprint: str = ""

    def _compared(self) -> tuple[object, ...]:
        return self[:COMPARED_FIELDS]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Diagnostic) and self._compared() == other._compared()

    def __ne__(self, other: object) -> bool:
        return not self == other

    def __hash__(self) -> int:
        return hash(self._compared())

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.rule)

    def to_dict(self) -> dict[str, object]:
        payload: dict[str, object] = {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "rule": self.rule,
            "severity": str(self.severity),
            "message": self.message,
            "related": [r.to_dict() for r in self.related],
        }
        if self.unit == "paragraph":
            payload["paragraph"] = self.line
        return payload


#: How many fields of a Diagnostic, from the first, say what and where it is (see ``__eq__``).
COMPARED_FIELDS = Diagnostic._fields.index("start")
