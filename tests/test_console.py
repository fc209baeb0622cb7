"""console.echo writes as click.echo does, so that a check run with or without click prints the
same bytes; here against click.echo itself, on streams in memory."""
from __future__ import annotations

import io
import sys

import click
import pytest

from zzlint.console import echo

COLOURED = "\x1b[1m草稿.txt:1:4:\x1b[0m \x1b[31m\x1b[1merror:\x1b[0m 引号未闭合\n"


def _written(write, encoding: str, errors: str, terminal: bool, monkeypatch, **options: object) -> bytes:  # type: ignore[no-untyped-def]
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding=encoding, errors=errors)
    stream.isatty = lambda: terminal  # type: ignore[method-assign]
    monkeypatch.setattr(sys, "stdout", stream)
    try:
        write(**options)
    except UnicodeEncodeError:
        return b"UnicodeEncodeError"
    stream.flush()
    return raw.getvalue()


@pytest.mark.parametrize("encoding, errors", [("utf-8", "strict"), ("ascii", "strict"), ("latin-1", "strict"),
                                              ("gb18030", "strict"), ("ascii", "backslashreplace")])
@pytest.mark.parametrize("terminal", [False, True])
@pytest.mark.parametrize("color", [None, True, False])
def test_echo_writes_what_click_echo_writes(monkeypatch, encoding: str, errors: str, terminal: bool,
                                           color: bool | None) -> None:
    ours = _written(lambda: echo(COLOURED, nl=False, color=color), encoding, errors, terminal, monkeypatch)
    clicks = _written(lambda: click.echo(COLOURED, nl=False, color=color), encoding, errors, terminal, monkeypatch)
    assert ours == clicks


def test_escapes_are_stripped_off_a_terminal_and_kept_on_one(monkeypatch) -> None:
    plain = _written(lambda: echo(COLOURED), "utf-8", "strict", False, monkeypatch)
    assert plain.decode() == "草稿.txt:1:4: error: 引号未闭合\n\n"
    kept = _written(lambda: echo(COLOURED), "utf-8", "strict", True, monkeypatch)
    assert kept.decode() == COLOURED + "\n"
