"""Forked worker processes that leave Ctrl-C to the process that started them.

Ctrl-C at a terminal signals the whole process group. A worker that took it would
die with a traceback of its own while the parent stops the run cleanly, so the
workers ignore it: the parent cancels their work and shuts them down. SIGINT is
held while they are forked, so none can take it before it has set that up.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from concurrent.futures import ProcessPoolExecutor


def forked_pool(workers: int) -> ProcessPoolExecutor | None:
    """`workers` processes forked now, or None where fork is not available."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return None
    pool = ProcessPoolExecutor(
        workers,
        mp_context=multiprocessing.get_context("fork"),
        initializer=_leave_interrupts_to_the_parent,
        initargs=(os.getpid(),),
    )
    try:
        held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            # with fork, the first task starts every worker at once: while this
            # process has a single thread, and while SIGINT is held
            pool.submit(int).result()
        finally:
            # an interrupt that came meanwhile is delivered here, to this process
            signal.pthread_sigmask(signal.SIG_SETMASK, held)
    except BaseException:
        pool.shutdown(cancel_futures=True)
        raise
    return pool


def _leave_interrupts_to_the_parent(parent: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    threading.Thread(target=_exit_with, args=(parent,), daemon=True).start()


def _exit_with(parent: int) -> None:
    """End this worker when its parent is gone (killed, or ended without shutting
    the pool down): an idle worker waits on its task queue forever, and its siblings
    hold that queue open."""
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)
