"""The example draft of the README: one defect of each headline kind, found where they are, and
reported in Chinese throughout."""
from __future__ import annotations

import re

from tests.conftest import ROOT

#: A finding as the text format prints it: what tools parse stays ASCII (path, position,
#: severity, rule), the message is the reader's.
FINDING = re.compile(r"examples/draft\.txt:\d+:\d+: (?:error|warning|info): (?P<message>.+) \[[a-z0-9-]+\]")
#: A number a message quotes (an ID number with its check character X, a licence number).
QUOTED_NUMBER = re.compile(r"[0-9A-Z]*[0-9][0-9A-Z]*")


def test_example_draft(run_cli) -> None:
    result = run_cli("check", "-q", "--no-cache", "examples/draft.txt", cwd=ROOT)
    assert result.code == 1
    assert [line.split(": ")[0] + " " + line.rsplit(" ", 1)[1] for line in result.out.splitlines()] == [
        "examples/draft.txt:15:11 [broken-paragraph]",
        "examples/draft.txt:19:24 [unpaired-punctuation]",
        "examples/draft.txt:21:1 [numbering-sequence]",
        "examples/draft.txt:27:1 [repeated-paragraph]",
        "examples/draft.txt:29:6 [invalid-certificate-number]",
    ]


def _ascii_left(text: str) -> str:
    """The ASCII characters of ``text`` once the numbers it quotes are taken out."""
    return "".join(ch for ch in QUOTED_NUMBER.sub("", text) if ch.isascii())


def test_a_check_in_chinese_has_no_english_besides_rules_severities_and_paths(run_cli) -> None:
    result = run_cli("check", "--lang", "zh", "--no-cache", "examples/draft.txt", cwd=ROOT)
    lines = result.out.splitlines()
    assert len(lines) == 5
    for line in lines:
        finding = FINDING.fullmatch(line)
        assert finding is not None, line
        assert _ascii_left(finding["message"]) == "", line
    assert _ascii_left(result.err) == "\n"
