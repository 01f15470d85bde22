"""Worker processes for parallel builds that stop when the build stops: at once when it is
interrupted (Ctrl-C, SIGTERM), and with their parent when it is killed outright (SIGKILL)."""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from typing import TypeVar

Item = TypeVar("Item")
Outcome = TypeVar("Outcome")

PR_SET_PDEATHSIG = 1  # <linux/prctl.h>: the signal a process gets when its parent dies
PARENT_POLL_SECONDS = 0.5  # where there is no such call, how often a worker looks for its parent


def run_unordered(
    function: Callable[[Item], Outcome], items: Iterable[Item], workers: int
) -> Iterator[Outcome]:
    """`function` of each item in `workers` processes, outcomes as they come. If the caller stops
    (an exception, a signal turned into one, the iterator closed), pending items are cancelled
    and running workers killed; when this returns or raises, no worker is left."""
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_worker_init, initargs=(os.getpid(),))
    futures: list[Future[Outcome]] = []
    try:
        futures = [pool.submit(function, item) for item in items]
        for future in as_completed(futures):
            yield future.result()
    except BaseException:
        _kill_workers(pool)
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _kill_workers(pool: ProcessPoolExecutor) -> None:
    """shutdown() lets running work finish, which takes as long as the longest PDF. Python 3.14
    can kill the workers (gh-128041); before it, the executor's own table of them is the way."""
    if sys.version_info >= (3, 14):
        pool.kill_workers()  # type: ignore[attr-defined]
        return
    # Read before shutdown(), which forgets them.
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.kill()
        process.join()


def _worker_init(parent: int) -> None:
    # Ctrl-C reaches every process of the terminal's group: the parent alone acts on it. The
    # parent's SIGTERM handler, inherited by fork, is no worker's: a worker told to stop, stops.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _die_with(parent)


def _die_with(parent: int) -> None:
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    else:
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    if os.getppid() != parent:  # the parent died before the call above could take effect
        os._exit(1)


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        threading.Event().wait(PARENT_POLL_SECONDS)
    os._exit(1)
