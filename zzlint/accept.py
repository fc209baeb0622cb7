"""Accept lists: snippets of text that the rules must leave alone.

Plain-text and Word drafts have no comments to suppress a finding in, so the config names the
text instead: ``accept = ["的的喀喀湖"]`` for every rule, ``[rules.NAME] accept = [...]`` for one.
A finding is dropped when its flagged span lies inside an occurrence of an accepted snippet
(的的 inside 的的喀喀湖); a finding that reaches beyond the snippet stays. Like suppression, this
filters the engine's diagnostics and is no part of any rule.
"""
from __future__ import annotations

import bisect
from collections.abc import Callable

from zzlint.diagnostic import Diagnostic


class Occurrences:
    """Where each snippet occurs in one text (overlapping occurrences included), found once."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts: dict[str, list[int]] = {}

    def starts(self, snippet: str) -> list[int]:
        if snippet not in self._starts:
            found, at = [], self.text.find(snippet)
            while at >= 0:
                found.append(at)
                at = self.text.find(snippet, at + 1)
            self._starts[snippet] = found
        return self._starts[snippet]

    def covers(self, snippet: str, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` lies inside an occurrence of ``snippet``."""
        starts = self.starts(snippet)
        first = bisect.bisect_left(starts, end - len(snippet))
        return first < len(starts) and starts[first] <= start


def apply(diagnostics: list[Diagnostic], text: str,
          accepted: Callable[[str], tuple[str, ...]]) -> list[Diagnostic]:
    """The diagnostics of ``text`` that no snippet accepted for their rule covers."""
    occurrences = Occurrences(text)
    return [d for d in diagnostics
            if not any(occurrences.covers(snippet, d.start, d.end) for snippet in accepted(d.rule))]
