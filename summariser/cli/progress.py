"""Progress on stderr while the model works: a spinner with elapsed time on a terminal,
one line per stage otherwise."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager


@contextmanager
def progress_reporter(enabled: bool = True) -> Iterator[Callable[[str], None]]:
    """Yield a function that shows the current stage."""
    if not enabled:
        yield lambda _: None
        return
    if not sys.stderr.isatty():
        yield lambda stage: print(f"summariser: {stage}…", file=sys.stderr, flush=True)
        return
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("starting", total=None)
        yield lambda stage: bar.update(task, description=stage)


@contextmanager
def batch_progress(
    total: int, already: int, enabled: bool = True
) -> Iterator[Callable[[str, bool], None]]:
    """Yield ``on_done(id, ok)``: a bar with done, failed and ETA on a terminal, one line
    per article otherwise."""
    counts = {"ok": 0, "failed": 0}
    if not enabled:
        yield lambda _id, _ok: None
        return
    if not sys.stderr.isatty():

        def line(item_id: str, ok: bool) -> None:
            counts["ok" if ok else "failed"] += 1
            done = already + counts["ok"] + counts["failed"]
            state = "ok" if ok else "FAILED"
            print(f"summariser: [{done}/{total}] {state} {item_id}", file=sys.stderr, flush=True)

        yield line
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    columns = (
        TextColumn("briefs"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[failed]} failed"),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=Console(stderr=True)) as bar:
        task = bar.add_task("batch", total=total, completed=already, failed=0)

        def advance(_item_id: str, ok: bool) -> None:
            counts["ok" if ok else "failed"] += 1
            bar.update(task, advance=1, failed=counts["failed"])

        yield advance
