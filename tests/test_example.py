"""The example draft of the README: one defect of each headline kind, found where they are."""
from __future__ import annotations

from tests.conftest import ROOT


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
