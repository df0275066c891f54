"""Analyses in worker processes, for batches.

spaCy's parse holds the GIL, so threads parse one article at a time whatever ``-j`` says.
A pool of processes with the verified pipeline loaded parses ``workers`` articles at
once (with no model, it makes their whole briefs), two waiting articles per pass; the
calling threads wait for their own.

Workers are forked from a fork server that loaded the pipeline once (analysis/preload.py),
so starting two workers costs one load, not two, and no worker is forked from a process
that already runs threads. Where there is no fork server (Windows), they are spawned and
each loads its own.
"""

from __future__ import annotations

import functools
import multiprocessing
import os
import signal
import threading
from collections.abc import Callable
from concurrent.futures import CancelledError, Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:
    from collections.abc import Sequence

    from summariser.analysis.candidates import Analysis
    from summariser.input.documents import Document

A = TypeVar("A")
S = TypeVar("S")
R = TypeVar("R")
# Articles a worker parses in one pass: two take ~8 % less time than one after the other
# (spaCy's parser scores their states together); four gain little more, and leave one
# worker longer alone at the end of a batch.
GROUP = 2
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
    _context(preload)


def _context(preload: Sequence[str] = ()) -> multiprocessing.context.BaseContext:
    """The fork server's context, started (or found running); where there is none, or it
    cannot start (no Unix sockets in some sandboxes), spawned workers that each load
    their own pipeline."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        from multiprocessing import forkserver  # POSIX only

        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload([*preload, _PRELOAD])  # no effect once it runs
        try:
            forkserver.ensure_running()
            return context
        except OSError:
            pass
    return multiprocessing.get_context("spawn")


@dataclass(eq=False)
class _Waiting(Generic[A, S, R]):
    """An item waiting to join a group, and where its result goes."""

    function: Callable[[list[A], S], list[R]]
    item: A
    shared: S
    result: Future[R] = field(default_factory=Future)

    def joins(self, first: _Waiting[Any, Any, Any]) -> bool:
        return self.function is first.function and self.shared == first.shared


class AnalysisPool:
    """``workers`` processes that analyse documents; use as a context manager."""

    def __init__(self, workers: int) -> None:
        self._pool = ProcessPoolExecutor(
            max_workers=workers, mp_context=_context(), initializer=_load
        )
        self._workers = workers
        self._lock = threading.Lock()
        self._waiting: list[_Waiting[Any, Any, Any]] = []
        self._out = 0  # groups submitted and not finished

    def analyse(self, document: Document) -> Analysis:
        """The analysis of ``document``, made in a worker (this thread waits for it)."""
        from summariser.analysis.analyse import analyse

        return self._pool.submit(analyse, document).result()

    def run_grouped(self, function: Callable[[list[A], S], list[R]], item: A, shared: S) -> R:
        """This item's part of ``function(items, shared)``, run in a worker (which has the
        pipeline loaded) on this item and up to ``GROUP`` - 1 others waiting with the same
        ``function`` and ``shared``: spaCy parses a group in one pass. ``function`` must
        be a module's own function (workers import it by name) and return one result per
        item, in order. This thread waits.

        At most one group more than there are workers is out at a time, so that the next
        group waits here and gathers the items that come meanwhile, and no worker waits
        for this process between two groups.
        """
        waiting = _Waiting(function, item, shared)
        with self._lock:
            self._waiting.append(waiting)
            self._start_groups()
        try:
            return waiting.result.result()
        finally:
            with self._lock:  # a finished group makes room for the next
                self._start_groups()

    def _start_groups(self) -> None:
        """Submit waiting groups while there is room (the lock is held)."""
        while self._waiting and self._out <= self._workers:
            first = self._waiting[0]
            group = [w for w in self._waiting if w.joins(first)][:GROUP]
            self._waiting = [w for w in self._waiting if w not in group]
            task = self._pool.submit(first.function, [w.item for w in group], first.shared)
            self._out += 1
            task.add_done_callback(functools.partial(self._finished, group))

    def _finished(self, group: list[_Waiting[Any, Any, Any]], task: Future[list[Any]]) -> None:
        with self._lock:
            self._out -= 1
        error = task.exception() if not task.cancelled() else CancelledError()
        results = [] if error else task.result()
        for index, waiting in enumerate(group):
            if error:
                waiting.result.set_exception(error)
            else:
                waiting.result.set_result(results[index])

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> AnalysisPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
