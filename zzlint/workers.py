"""The worker pool: processes that lint files in parallel and never outlive the run.

A worker dies with the process that started it, however that process ends: on Linux the kernel
kills it when its parent exits (``prctl(PR_SET_PDEATHSIG)``), so even ``kill -9`` of zzlint
leaves no worker behind; elsewhere a thread in each worker watches for its parent to go.
Interruptions reach the main process, which ends the workers itself and then exits: workers
ignore SIGINT (a terminal sends Ctrl-C to the whole process group), and SIGTERM becomes an exit
with status 143 in the main process, ending every worker on its way out.
"""
from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from zzlint.i18n import _

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

PR_SET_PDEATHSIG = 1
#: How often a worker without prctl looks for its parent, in seconds.
PARENT_POLL = 0.5
EXIT_TERMINATED = 128 + signal.SIGTERM


class WorkerDied(RuntimeError):
    """A worker process ended without finishing its files (killed, or out of memory)."""


@contextlib.contextmanager
def pool(count: int, initializer: Callable[..., None], initargs: tuple[Any, ...]) -> Iterator["ProcessPoolExecutor"]:
    """A process pool whose workers end with this process, and end now if this block is left
    by an exception (Ctrl-C, SIGTERM, an error)."""
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    with _terminate_by_exception() as interrupted:
        executor = ProcessPoolExecutor(max_workers=count, initializer=_start,
                                       initargs=(os.getpid(), initializer, initargs))
        try:
            yield executor
        except BrokenProcessPool:
            _end_workers()
            if interrupted:
                # Ctrl-C reached a worker before it could ignore it: the user's interrupt, not a crash
                raise KeyboardInterrupt from None
            raise WorkerDied(_("a worker process died before finishing its files "
                               "(killed, or out of memory?)")) from None
        except BaseException:
            _end_workers()
            raise
        finally:
            executor.shutdown(wait=True, cancel_futures=True)


def _start(main: int, initializer: Callable[..., None], initargs: tuple[Any, ...]) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # a forked worker inherits the main process's handler
    _die_with_parent(main)
    initializer(*initargs)


def _die_with_parent(main: int) -> None:
    parent = os.getppid()
    if not _kill_on_parent_death():
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    if not _alive(main):  # it died before the watch began
        os._exit(1)


def _kill_on_parent_death() -> bool:
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_POLL)
    os._exit(1)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def _end_workers() -> None:
    import multiprocessing

    for process in multiprocessing.active_children():
        process.terminate()


@contextlib.contextmanager
def _terminate_by_exception() -> Iterator[list[int]]:
    """SIGTERM, while the block runs in the main thread, raises SystemExit(143) so that the
    block's clean-up runs; Ctrl-C raises KeyboardInterrupt as always. The list yielded holds
    the interrupts received, so that a worker broken by the same Ctrl-C is not taken for a crash."""
    interrupted: list[int] = []
    if threading.current_thread() is not threading.main_thread():
        yield interrupted
        return

    def terminate(signum: int, frame: object) -> None:
        raise SystemExit(EXIT_TERMINATED)

    def interrupt(signum: int, frame: object) -> None:
        interrupted.append(signum)
        raise KeyboardInterrupt

    previous_term = signal.signal(signal.SIGTERM, terminate)
    # an interrupt that is ignored (a run in the background) stays ignored
    previous_int = signal.getsignal(signal.SIGINT)
    if previous_int is signal.default_int_handler:
        signal.signal(signal.SIGINT, interrupt)
    try:
        yield interrupted
    finally:
        signal.signal(signal.SIGTERM, previous_term)
        signal.signal(signal.SIGINT, previous_int)
