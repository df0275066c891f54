"""The bad-input and fault corpus: how each case runs, what every run must hold, and the
table of every case in docs/faults.md.

Each case runs the command line in its own process, as a user would, bounded in time
(:data:`CASE_SECONDS`; a run still going then is killed and counted as a hang) and
measured in memory (the process's peak resident set, from ``wait4`` in a small parent).
Whatever the case, a run must end on time, stay under :data:`MAX_RSS_MB`, print no
traceback and no internal error, and write only ``summariser: ...`` lines on stderr, at
most one of them an error. What each case must do besides is checked by its own function.

The cases live beside their subject: ``test_hostile_inputs.py`` (files, standard
input, FIFOs, devices, encodings, pages that are not articles, output paths),
``test_fetch.py`` (URLs on a loopback server), ``test_deadlines.py`` (slow and failing
model endpoints), ``test_hostile_cache.py`` (cache faults), ``test_hostile_batch.py``
(batch inputs, outputs, locks, retries) and ``test_hostile_secrets.py`` (a planted key
in every output channel). Every server is on 127.0.0.1, started and stopped by its test.

``python -m tests.test_hostile_corpus`` prints the table for docs/faults.md; ``--write``
puts it there.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import pytest

from tests.conftest import ROOT

CASE_SECONDS = 30.0  # a run still going after this is a hang
MAX_RSS_MB = 200.0  # the peak resident memory no run may pass, a model endpoint's too
# ... except a run that records (--record): vcrpy patches every HTTP library it finds,
# aiohttp's included, and such a run peaks at about 202 MB. Recording is for developers.
RECORD_RSS_MB = 215.0
FAULTS = ROOT / "docs" / "faults.md"
TABLE_START = "<!-- hostile-corpus:start -->"
TABLE_END = "<!-- hostile-corpus:end -->"


@dataclass(frozen=True)
class Run:
    """One run of the command line: how it ended, what it printed, what it cost."""

    args: tuple[str, ...]
    code: int | None  # None: killed at the time bound (a hang)
    stdout: bytes
    stderr: str
    seconds: float
    rss_mb: float

    @property
    def out(self) -> str:
        return self.stdout.decode("utf-8", errors="replace")

    def json(self) -> Any:
        return json.loads(self.stdout)

    @property
    def error_line(self) -> str:
        """The one error line (empty when there is none)."""
        errors = [
            line for line in self.stderr.splitlines() if line.startswith("summariser: error:")
        ]
        return errors[0] if errors else ""

    @property
    def warnings(self) -> list[str]:
        return [
            line for line in self.stderr.splitlines() if line.startswith("summariser: warning:")
        ]


Stdin = bytes | Path | Callable[[IO[bytes]], None] | None
"""Standard input: none (/dev/null), bytes, a file, or a producer writing to a pipe."""


def summariser(
    *args: str,
    stdin: Stdin = None,
    env: dict[str, str] | None = None,
    timeout: float = CASE_SECONDS,
    unprivileged: bool = False,
    shell_prefix: str | None = None,
    shell_suffix: str = "",
    reader_gone: bool = False,
) -> Run:
    """Run ``summariser ARGS`` in a new process, bounded by ``timeout`` seconds, and
    measure its peak memory. ``unprivileged`` drops every capability first, so even
    root meets file permissions; ``shell_prefix`` and ``shell_suffix`` run it through
    ``sh -c`` between them (``exec <&-;``, ``| head -c 100``). ``reader_gone`` makes
    standard output a pipe nobody reads any more (``| true``)."""
    command = [sys.executable, "-m", "summariser", *args]
    if shell_prefix is not None or shell_suffix:
        quoted = " ".join(_quote(part) for part in command)
        command = ["sh", "-c", f"{shell_prefix or ''} {quoted} {shell_suffix}"]
    if unprivileged:
        command = [*_unprivileged(), *command]
    peak = tempfile.NamedTemporaryFile(delete=False)  # noqa: SIM115  # removed below
    peak.close()
    command = [sys.executable, "-c", _MEASURE, peak.name, shutil.which(command[0]) or command[0],
               *command[1:]]  # fmt: skip
    full_env = {**os.environ, **(env or {})}
    if "SUMMARISER_LOG" not in (env or {}):
        full_env.pop("SUMMARISER_LOG", None)
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        stdin_arg, feeder = _stdin(stdin)
        stdout: Any = out
        if reader_gone:
            read_end, stdout = os.pipe()
            os.close(read_end)
        started = time.monotonic()
        process = subprocess.Popen(
            command,
            stdin=stdin_arg,
            stdout=stdout,
            stderr=err,
            env=full_env,
            cwd=ROOT,
            start_new_session=True,
        )
        if hasattr(stdin_arg, "close"):
            stdin_arg.close()  # the child has its own: a pipe's writer sees it go
        if reader_gone:
            os.close(stdout)
        killed = threading.Event()

        def kill() -> None:
            killed.set()
            with contextlib.suppress(OSError):
                os.killpg(process.pid, signal.SIGKILL)

        timer = threading.Timer(timeout, kill)
        timer.start()
        try:
            code: int | None = process.wait()
        finally:
            timer.cancel()
            if feeder is not None:
                feeder.join(timeout=5)
        seconds = time.monotonic() - started
        out.seek(0)
        err.seek(0)
        measured = Path(peak.name).read_text(encoding="ascii").strip()
        Path(peak.name).unlink()
        rss = int(measured) / 1024 if measured else float("nan")
        code = None if killed.is_set() else code
        _log_measure(args, code, seconds, rss)
        return Run(
            args=tuple(args),
            code=code,
            stdout=out.read(),
            stderr=err.read().decode("utf-8", errors="replace"),
            seconds=seconds,
            rss_mb=rss,
        )


# The run's peak memory, measured by a small parent of its own: a child forked from the
# test process would count the test process's memory, shared until exec, as its own.
_MEASURE = """
import os, sys
pid = os.posix_spawn(sys.argv[2], sys.argv[2:], os.environ)
_, status, usage = os.wait4(pid, 0)
with open(sys.argv[1], "w") as file:
    file.write(str(usage.ru_maxrss))
code = os.waitstatus_to_exitcode(status)
sys.exit(code if code >= 0 else 128 - code)
"""


def _log_measure(args: tuple[str, ...], code: int | None, seconds: float, rss: float) -> None:
    """With ``HOSTILE_CORPUS_LOG=FILE``, one JSON line a run: what the figures in
    docs/faults.md are measured from."""
    target = os.environ.get("HOSTILE_CORPUS_LOG")
    if target:
        record = {"args": list(args[:2]), "model": "--base-url" in args, "code": code,
                  "seconds": round(seconds, 2), "rss_mb": round(rss, 1)}  # fmt: skip
        with Path(target).open("a", encoding="utf-8") as file:
            file.write(json.dumps(record) + "\n")


def _quote(part: str) -> str:
    return "'" + part.replace("'", "'\\''") + "'"


def _unprivileged() -> list[str]:
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: cannot drop the override of permissions")
    return [setpriv, "--bounding-set=-all", "--inh-caps=-all", "--"]


def _stdin(stdin: Stdin) -> tuple[Any, threading.Thread | None]:
    """What the child reads as standard input, and the thread that feeds a pipe."""
    if stdin is None:
        return subprocess.DEVNULL, None
    if isinstance(stdin, Path):
        return stdin.open("rb"), None
    if isinstance(stdin, bytes):
        file = tempfile.TemporaryFile()  # noqa: SIM115  # closed by the caller after Popen
        file.write(stdin)
        file.seek(0)
        return file, None
    read_end, write_end = os.pipe()
    writer = os.fdopen(write_end, "wb")
    producer = stdin

    def feed() -> None:
        with contextlib.suppress(OSError), writer:  # the reader may stop reading
            producer(writer)

    thread = threading.Thread(target=feed, daemon=True)
    thread.start()
    return os.fdopen(read_end, "rb"), thread


def check_run(
    run: Run, *, seconds: float = CASE_SECONDS, max_rss: float | None = None, log: bool = False
) -> None:
    """What every run of every case must hold. With ``log`` (``SUMMARISER_LOG=DEBUG``),
    the libraries' own records are on stderr too, exceptions they log included: only our
    lines are held to the rules then. ``max_rss`` is :data:`MAX_RSS_MB` unless given
    (:data:`RECORD_RSS_MB` for a run that records)."""
    if max_rss is None:
        max_rss = RECORD_RSS_MB if "--record" in run.args else MAX_RSS_MB
    assert run.code is not None, f"hang: {run.args} still running after {seconds:g} s"
    assert run.seconds < seconds, f"{run.args} took {run.seconds:.1f} s"
    assert "internal error" not in run.stderr and run.code != 1, run.stderr
    assert run.rss_mb < max_rss, f"{run.args} peaked at {run.rss_mb:.0f} MB"
    lines = [line for line in run.stderr.splitlines() if line.strip()]
    if log:
        lines = [line for line in lines if line.startswith("summariser: ")]
        lines = [line for line in lines if not line.startswith("summariser: log: ")]
    assert "Traceback" not in "\n".join(lines), run.stderr
    assert all(line.startswith("summariser: ") for line in lines), run.stderr
    assert sum(line.startswith("summariser: error:") for line in lines) <= 1, run.stderr


def refused(run: Run, code: int, *fragments: str) -> None:
    """A one-line error with ``code`` that names what went wrong, and nothing on stdout."""
    assert run.code == code, (run.code, run.stderr)
    assert run.error_line, run.stderr
    for fragment in fragments:
        assert fragment in run.error_line, (fragment, run.error_line)
    assert run.stdout == b"", run.stdout[:200]


@dataclass(frozen=True)
class Case:
    """One hostile input or fault: its id, what it is, and what happens (for the table)."""

    id: str
    what: str
    outcome: str
    check: Callable[..., None] = field(compare=False, repr=False)
    garbling: bool = False  # the case checks the text is read right, or warned about
    batch: bool = False  # the case checks every batch item has exactly one line


class Corpus:
    """The cases of one test module, registered with :meth:`case`."""

    def __init__(self, section: str) -> None:
        self.section = section
        self.cases: list[Case] = []

    def case(
        self, id: str, what: str, outcome: str, *, garbling: bool = False, batch: bool = False
    ) -> Callable[[Callable[..., None]], Callable[..., None]]:
        def register(check: Callable[..., None]) -> Callable[..., None]:
            assert all(case.id != id for case in self.cases), f"case {id} twice"
            self.cases.append(Case(id, what, outcome, check, garbling, batch))
            return check

        return register

    def params(self) -> list[Any]:
        return [pytest.param(case, id=case.id) for case in self.cases]


def corpora() -> list[Corpus]:
    """Every module's cases, in the order of the table."""
    from tests import (
        test_deadlines,
        test_fetch,
        test_hostile_batch,
        test_hostile_cache,
        test_hostile_inputs,
        test_hostile_secrets,
    )

    modules = (test_hostile_inputs, test_fetch, test_deadlines, test_hostile_cache,
               test_hostile_batch, test_hostile_secrets)  # fmt: skip
    return [module.CORPUS for module in modules]


def table() -> str:
    """The Markdown table of every case, and the corpus's figures."""
    cases = [case for corpus in corpora() for case in corpus.cases]
    rows = ["| # | case | hostile input or fault | what happens |", "|---|---|---|---|"]
    for number, case in enumerate(cases, start=1):
        rows.append(f"| {number} | `{case.id}` | {case.what} | {case.outcome} |")
    garbling = sum(case.garbling for case in cases)
    batches = sum(case.batch for case in cases)
    summary = (
        f"{len(cases)} cases, each run as its own process within {CASE_SECONDS:g} s and "
        f"{MAX_RSS_MB:g} MB of memory, a model endpoint's runs too ({RECORD_RSS_MB:g} MB for "
        "a run that records with `--record`): 0 tracebacks, 0 hangs, "
        f"0 silent garbling ({garbling} cases check the text), 0 duplicated or lost batch "
        f"items ({batches} cases check every line)."
    )
    return "\n".join([summary, "", *rows])


def documented_table() -> str:
    text = FAULTS.read_text(encoding="utf-8")
    start, end = text.index(TABLE_START) + len(TABLE_START), text.index(TABLE_END)
    return text[start:end].strip()


def test_the_fault_table_lists_every_case_and_its_outcome() -> None:
    """docs/faults.md holds the table this corpus makes; ``python -m
    tests.test_hostile_corpus`` prints it."""
    assert documented_table() == table()


def test_the_corpus_has_at_least_70_cases_of_its_own() -> None:
    cases = [case for corpus in corpora() for case in corpus.cases]
    assert len(cases) >= 70
    assert len({case.id for case in cases}) == len(cases)


def test_a_run_that_outlives_its_bound_is_a_hang_and_is_killed() -> None:
    """The bound itself: a process that never ends is killed and reported."""
    run = summariser("brief", "-", stdin=_never_ending, timeout=2)
    assert run.code is None and run.seconds < 10


def _never_ending(pipe: IO[bytes]) -> None:
    """A writer that keeps standard input open and says nothing (like a silent FIFO)."""
    time.sleep(8)


def lines_of(path: Path) -> Iterator[dict[str, Any]]:
    for line in path.read_text(encoding="utf-8").splitlines():
        yield json.loads(line)


def write_table() -> None:
    """Put the table in docs/faults.md, between its markers."""
    text = FAULTS.read_text(encoding="utf-8")
    start, end = text.index(TABLE_START) + len(TABLE_START), text.index(TABLE_END)
    FAULTS.write_text(f"{text[:start]}\n{table()}\n{text[end:]}", encoding="utf-8")


if __name__ == "__main__":
    if sys.argv[1:] == ["--write"]:
        write_table()
    else:
        print(table())
