"""Analyses in worker processes, for batches.

spaCy's parse holds the GIL, so threads parse one article at a time whatever ``-j`` says.
A pool of processes, each loading the verified pipeline once, parses ``workers``
articles at once; the calling threads build the briefs.

Workers are forked from a fork server that loaded the pipeline once (analysis/preload.py),
so starting two workers costs one load, not two, and no worker is forked from a process
that already runs threads. Where there is no fork server (Windows), they are spawned and
each loads its own.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from concurrent.futures import ProcessPoolExecutor
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from summariser.analysis.candidates import Analysis
    from summariser.input.documents import Document

T = TypeVar("T")
_WATCH_SECONDS = 0.5
_PRELOAD = "summariser.analysis.preload"


def _load() -> None:
    _exit_with_parent()
    from summariser.analysis.nlp import load_pipeline

    load_pipeline()  # already loaded in a worker forked from the fork server


def _exit_with_parent() -> None:
    """End this worker once the process that asked for it is gone: one killed with SIGKILL
    cannot shut its pool down, and its workers would wait for work forever (and, forked
    from the fork server, keep that server alive too).

    Checked on a timer signal, not in a thread: any second Python thread in the process
    slows spaCy's parse (its compiled code hands the GIL back and forth).
    """
    parent = multiprocessing.parent_process()  # the batch, also for a forked worker
    if parent is None or not hasattr(signal, "setitimer"):  # not on Windows
        return

    def check(signum: int, frame: object) -> None:
        if not parent.is_alive():
            os._exit(0)

    signal.signal(signal.SIGALRM, check)
    signal.setitimer(signal.ITIMER_REAL, _WATCH_SECONDS, _WATCH_SECONDS)


def start_fork_server(preload: Sequence[str] = ()) -> None:
    """Start the workers' fork server now, so that it loads the pipeline while the caller
    goes on (a batch reads its inputs meanwhile). ``preload``: more modules for it to
    import once, such as the program's own (a worker imports the main module on start).
    """
    if _context(preload).get_start_method() == "forkserver":
        import multiprocessing.forkserver  # POSIX only

        multiprocessing.forkserver.ensure_running()


def _context(preload: Sequence[str] = ()) -> multiprocessing.context.BaseContext:
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([*preload, _PRELOAD])  # no effect once it runs
    return context


class AnalysisPool:
    """``workers`` processes that analyse documents; use as a context manager."""

    def __init__(self, workers: int) -> None:
        self._pool = ProcessPoolExecutor(
            max_workers=workers, mp_context=_context(), initializer=_load
        )

    def analyse(self, document: Document) -> Analysis:
        """The analysis of ``document``, made in a worker (this thread waits for it)."""
        from summariser.analysis.analyse import analyse

        return self._pool.submit(analyse, document).result()

    def run(self, function: Callable[..., T], *args: object) -> T:
        """``function(*args)`` in a worker, which has the pipeline loaded (this thread
        waits). ``function`` must be importable by name: a module's own function."""
        return self._pool.submit(function, *args).result()

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> AnalysisPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
