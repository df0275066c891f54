"""Analyses in worker processes, for batches.

spaCy's parse holds the GIL, so threads parse one article at a time whatever ``-j`` says.
A pool of processes, each loading the verified pipeline once, parses ``workers``
articles at once; the calling threads build the briefs. Workers are spawned (not forked
from a process that already runs threads).
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from concurrent.futures import ProcessPoolExecutor

from summariser.analysis.analyse import analyse
from summariser.analysis.candidates import Analysis
from summariser.input.documents import Document

_WATCH_SECONDS = 0.5


def _load(parent: int) -> None:
    _exit_with(parent)
    from summariser.analysis.nlp import load_pipeline

    load_pipeline()


def _exit_with(parent: int) -> None:
    """End this worker once the process that started it is gone: one killed with SIGKILL
    cannot shut its pool down, and its workers would wait for work forever.

    Checked on a timer signal, not in a thread: any second Python thread in the process
    slows spaCy's parse by about 15 % (its compiled code hands the GIL back and forth).
    """
    if not hasattr(signal, "setitimer"):  # not on Windows
        return

    def check(signum: int, frame: object) -> None:
        if os.getppid() != parent:
            os._exit(0)

    signal.signal(signal.SIGALRM, check)
    signal.setitimer(signal.ITIMER_REAL, _WATCH_SECONDS, _WATCH_SECONDS)


class AnalysisPool:
    """``workers`` processes that analyse documents; use as a context manager."""

    def __init__(self, workers: int) -> None:
        self._pool = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_load,
            initargs=(os.getpid(),),
        )

    def analyse(self, document: Document) -> Analysis:
        """The analysis of ``document``, made in a worker (this thread waits for it)."""
        return self._pool.submit(analyse, document).result()

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> AnalysisPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
