"""What the command line writes and how a run ends: text on stdout and stderr, one-line errors,
exit codes (0 nothing at or above the fail level, 1 findings at or above it, 2 a usage, config,
I/O or internal error, 130 interrupted), never a traceback.

``echo`` writes as ``click.echo`` does, so that a check run without click (``zzlint.cli``) and
one run through it write the same bytes, and the direct one need not import click (most of a
one-paragraph check's start-up).
"""
from __future__ import annotations

import codecs
import io
import os
import re
import sys
from collections.abc import Callable
from typing import IO, Any, NoReturn, TextIO

from zzlint.i18n import _

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR, EXIT_INTERRUPTED = 0, 1, 2, 130
#: A run whose reader went away (``zzlint check | head``) ends as click and Python end one.
EXIT_BROKEN_PIPE = 1
#: The escapes click strips from text that does not go to a terminal (compiled only for a text
#: that holds one).
ANSI_ESCAPE = r"\033\[[;?0-9]*[a-zA-Z]"


class UserError(Exception):
    """Stops the run with a one-line message and exit code 2."""


def echo(message: str = "", err: bool = False, nl: bool = True, color: bool | None = None) -> None:
    """``message`` on stdout (stderr with ``err``), as click.echo writes it: colour escapes
    stripped unless ``color`` is true or (``color`` None) the stream is a terminal, and UTF-8 on
    a stream that says it is ASCII (a misconfigured locale) rather than an encoding error."""
    stream = sys.stderr if err else sys.stdout
    if stream is None:
        return
    text = message + "\n" if nl else message
    if not text:
        stream.flush()
        return
    rewrapped = _is_misconfigured(stream) and hasattr(stream, "buffer")
    strip = not _is_terminal(stream.buffer if rewrapped else stream) if color is None else not color
    if strip and "\033" in text:
        text = re.sub(ANSI_ESCAPE, "", text)
    if rewrapped:
        stream.flush()
        utf8 = io.TextIOWrapper(stream.buffer, "utf-8", "replace", line_buffering=True)
        utf8.write(text)
        utf8.flush()
        utf8.detach()  # the stream's own buffer stays open
        return
    stream.write(text)
    stream.flush()


def _is_terminal(stream: IO[Any]) -> bool:
    try:
        return stream.isatty()
    except Exception:
        return False


def _is_misconfigured(stream: TextIO) -> bool:
    encoding = getattr(stream, "encoding", None)
    if encoding is None or getattr(stream, "errors", None) is None:
        return True
    try:
        return codecs.lookup(encoding).name == "ascii"
    except LookupError:
        return False


def error(message: str) -> None:
    echo(_("zzlint: error: {message}").format(message=message), err=True)


def warn(message: str) -> None:
    echo(_("zzlint: warning: {message}").format(message=message), err=True)


def guarded(command: Callable[[], int]) -> NoReturn:
    """Run ``command`` and exit with the code it returns. Whatever else ends it is one line on
    stderr and its exit code, never a traceback."""
    try:
        code = command()
    except BrokenPipeError:
        _quiet_standard_streams()
        sys.exit(EXIT_BROKEN_PIPE)
    except KeyboardInterrupt:
        echo(err=True)  # ends the line the terminal's ^C is on
        sys.exit(EXIT_INTERRUPTED)
    except UserError as exc:
        error(str(exc))
        sys.exit(EXIT_ERROR)
    except Exception as exc:
        error(_described(exc))
        sys.exit(EXIT_ERROR)
    sys.exit(code)


def _described(exc: Exception) -> str:
    """The line for an exception: a config or worker problem says itself; anything else is a
    bug of zzlint's own."""
    # Imported here: these modules are loaded only when a run got that far.
    from zzlint.config import ConfigError
    from zzlint.workers import WorkerDied

    if isinstance(exc, (ConfigError, WorkerDied)):
        return str(exc)
    return _("internal error: {kind}: {detail} (please report it)").format(kind=type(exc).__name__, detail=exc)


def _quiet_standard_streams() -> None:
    """Point stdout and stderr at the null device, so that Python's own flush at exit does not
    fail on the closed pipe again."""
    null = os.open(os.devnull, os.O_WRONLY)
    for stream in (sys.stdout, sys.stderr):
        try:
            os.dup2(null, stream.fileno())
        except (AttributeError, OSError, ValueError):  # no descriptor: a stream in memory
            continue
    os.close(null)
