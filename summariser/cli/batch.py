"""Many articles at once: one output line per input, resumable, safe against kill -9.

Inputs are files, directories (their regular .txt and .html files, recursively), URLs,
or JSONL files of ``{"id", "text" | "path" | "url"}``. Each finished input appends
exactly one JSON line to the output, written with a single ``write`` and ``fsync``: a
brief, or an error record with the reason. An input that is missing or unreadable (a
path that does not exist, a JSONL line that is not JSON or not UTF-8, an unreadable
JSONL file) gets its error line like any failing article, and the batch goes on.

The output is locked (``flock``) for the whole run: a second batch writing to the same
file is refused with one line, so no item is briefed twice. A rerun skips the ids
already in the output; a trailing partial line (possible only if the machine itself died
mid-write) is cut first, and a file that is not a batch output is never appended to.
``--retry-failed`` takes the error lines of this run's inputs out (the file is rewritten
whole, then renamed over the old one) and briefs those inputs again. A rerun that would
make its briefs with another model, prompt or brief schema than the briefs already in
the output is refused, so one file never mixes them silently.
"""

from __future__ import annotations

import fcntl
import json
import os
import stat
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from summariser.errors import (
    BudgetError,
    ConfigError,
    InputError,
    OutputError,
    SummariserError,
    exit_code,
    redact,
)
from summariser.input.decoding import repair_mojibake
from summariser.input.documents import MAX_TEXT_CHARS, Document, make_document
from summariser.input.sources import HTML_SUFFIXES, URL_TIMEOUT, is_url, load_source
from summariser.pipeline import Summariser
from summariser.schema import SCHEMA_VERSION, Brief

if TYPE_CHECKING:
    from summariser.config import Settings

ARTICLE_SUFFIXES = {".txt", *HTML_SUFFIXES}
# A JSONL line may hold a whole article, JSON-escaped: up to six bytes a character.
MAX_JSONL_LINE = 6 * MAX_TEXT_CHARS + 65_536


@dataclass(frozen=True)
class Reading:
    """How a batch reads its inputs: what ``brief --force`` and the fetch deadline say."""

    force: bool = False
    fetch_timeout: float = URL_TIMEOUT


@dataclass(frozen=True)
class Item:
    """One input: its id and where its text comes from (a path or URL, or the text)."""

    id: str
    spec: str | None = None
    text: str | None = None
    problem: str | None = None  # why the input itself is unusable (its error line)

    def document(self, reading: Reading = Reading()) -> Document:
        if self.problem is not None:
            raise InputError(self.problem)
        if self.text is not None:
            text, notes = repair_mojibake(self.text)
            return make_document(text, self.id, notes=notes)
        assert self.spec is not None
        return load_source(self.spec, force=reading.force, fetch_timeout=reading.fetch_timeout)


def expand_inputs(inputs: list[str], output: Path | None = None) -> list[Item]:
    """Items in order; an id seen twice is an error (the output keys on ids). A missing
    or unreadable input is an item that fails with its reason, so the rest of the batch
    still runs. ``output`` may not be one of the inputs."""
    items: list[Item] = []
    for spec in inputs:
        path = Path(spec)
        if output is not None and not is_url(spec) and _same_file(path, output):
            raise OutputError(f"{spec}: is both an input and the output; write to another file")
        if is_url(spec):
            items.append(Item(spec, spec=spec))
        elif path.is_dir():
            items += [Item(str(p), spec=str(p)) for p in _article_files(path)]
        elif path.suffix.lower() == ".jsonl" and path.is_file():
            items += list(_jsonl_items(path))
        elif path.exists() or path.is_symlink():
            items.append(Item(spec, spec=spec))
        else:
            items.append(Item(spec, problem=f"{spec}: no such file, directory or URL"))
    seen: set[str] = set()
    for item in items:
        if item.id in seen:
            raise InputError(f"input id {item.id!r} appears twice")
        seen.add(item.id)
    return items


def _same_file(path: Path, other: Path) -> bool:
    try:
        return path.exists() and other.exists() and path.samefile(other)
    except OSError:
        return False


def _article_files(folder: Path) -> list[Path]:
    """The regular article files under ``folder``: never a FIFO or a device that would
    block or never end, and never through a symbolic link to a folder (no loops)."""
    found: list[Path] = []
    for root, _dirs, files in os.walk(folder, followlinks=False, onerror=lambda _e: None):
        for name in files:
            path = Path(root) / name
            if path.suffix.lower() not in ARTICLE_SUFFIXES:
                continue
            try:
                regular = stat.S_ISREG(path.stat().st_mode)
            except OSError:  # a dangling link: its error line says so
                regular = True
            if regular:
                found.append(path)
    return sorted(found)


def _jsonl_items(path: Path) -> Iterator[Item]:
    """One item per line; a line that cannot be used is an item that fails, its id the
    line's own or, without one, ``FILE:LINE``. A file that cannot be read is one item
    that fails. Lines are read up to :data:`MAX_JSONL_LINE` bytes each."""
    try:
        file = path.open("rb")
    except OSError as e:
        yield Item(str(path), problem=f"{path}: cannot read ({e.strerror or e})")
        return
    with file:
        number = 0
        while True:
            try:
                raw = file.readline(MAX_JSONL_LINE + 1)
            except OSError as e:
                yield Item(f"{path}:{number + 1}", problem=f"{path}: cannot read ({e.strerror})")
                return
            if not raw:
                return
            number += 1
            where = f"{path}:{number}"
            if len(raw) > MAX_JSONL_LINE and not raw.endswith(b"\n"):
                while raw and not raw.endswith(b"\n"):  # skip the rest of the line
                    raw = file.readline(READ_SKIP)
                yield Item(
                    where, problem=f"{where}: the line is longer than {MAX_JSONL_LINE:,} bytes"
                )
                continue
            item = _jsonl_item(
                raw.removeprefix(b"\xef\xbb\xbf") if number == 1 else raw, path, where
            )
            if item is not None:
                yield item


READ_SKIP = 1 << 20


def _jsonl_item(raw: bytes, path: Path, where: str) -> Item | None:
    if not raw.strip():
        return None
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        return Item(where, problem=f"{where}: not valid UTF-8 (byte {e.start:,}); JSON is UTF-8")
    try:
        record = json.loads(line)
    except ValueError as e:
        return Item(where, problem=f"{where}: not JSON ({e})")
    if not isinstance(record, dict) or "id" not in record:
        return Item(where, problem=f"{where}: each line needs an id and a text, path or url")
    if not isinstance(record["id"], (str, int)) or isinstance(record["id"], bool):
        return Item(where, problem=f"{where}: the id must be a string or a number")
    item_id = str(record["id"])
    if not item_id.strip():
        return Item(where, problem=f"{where}: the id is empty")
    if isinstance(record.get("text"), str):
        return Item(item_id, text=record["text"])
    if isinstance(record.get("url"), str):
        return Item(item_id, spec=record["url"])
    if isinstance(record.get("path"), str):
        return Item(item_id, spec=str((path.parent / record["path"]).resolve()))
    return Item(item_id, problem=f"{where}: needs one of text, path or url")


@dataclass(frozen=True)
class MadeWith:
    """What decides a brief besides its article: the model, the prompt, the brief schema."""

    model: str
    prompt_version: str
    schema_version: str

    def __str__(self) -> str:
        return f"model {self.model}, prompt {self.prompt_version}, schema {self.schema_version}"

    @classmethod
    def for_run(cls, settings: Settings) -> MadeWith:
        """What this run's briefs will say in their ``meta`` (no model is loaded)."""
        from summariser.backends import backend_identity, parse_model
        from summariser.model.prompts import prompt_version

        no_model = parse_model(settings).is_none
        return cls(
            backend_identity(settings), "none" if no_model else prompt_version(), SCHEMA_VERSION
        )

    @classmethod
    def of_line(cls, record: Any) -> MadeWith | None:
        """From an output line's ``brief.meta``; None for error lines."""
        try:
            meta = record["brief"]["meta"]
            return cls(str(meta["model"]), str(meta["prompt_version"]), str(meta["schema_version"]))
        except (KeyError, TypeError):
            return None


class Output:
    """The JSONL output: ids already done, and whole-line appends, under a lock.

    ``path`` None writes the lines to standard output (``-o -``): nothing to resume.
    Opening it takes an exclusive ``flock`` held until :meth:`close`; a file another
    batch holds is refused. A file whose first line is not a batch record is refused
    too: appending to (or cutting the last line of) someone's article would lose it.
    """

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.done: set[str] = set()
        self.failed: set[str] = set()  # ids whose last record is an error
        self.made_with: Counter[MadeWith] = Counter()  # of the briefs already there
        self._lock = threading.Lock()
        self._fd: int | None = None
        self._regular = False
        if path is None:
            return
        self._fd = _open_locked(path)
        try:
            self._regular = stat.S_ISREG(os.fstat(self._fd).st_mode)
            if self._regular:  # a FIFO or a device has nothing to resume (and may block)
                self._repair_and_read(self._fd)
        except OSError as e:
            self.close()
            raise OutputError(f"{path}: cannot read the batch output ({e.strerror})") from e
        except SummariserError:
            self.close()
            raise

    def _repair_and_read(self, fd: int) -> None:
        """Read the records (line by line: a large output is never held in memory) and
        cut a partial last line."""
        assert self.path is not None
        size = os.fstat(fd).st_size
        good_end = 0
        with os.fdopen(os.dup(fd), "rb") as file:
            file.seek(0)
            for number, raw in enumerate(_lines(file)):
                record = _record(raw)
                if number == 0 and record is None:
                    raise OutputError(
                        f"{self.path}: not a batch output (its first line is not a JSON record "
                        "with an id); write to a new file"
                    )
                if not raw.endswith(b"\n") and file.tell() >= size:
                    break  # a partial last line: cut below
                good_end = file.tell()
                if record is not None:
                    self._count(record)
        if good_end < size:
            os.ftruncate(fd, good_end)

    def _count(self, record: dict[str, Any]) -> None:
        item_id = str(record["id"])
        self.done.add(item_id)
        if record.get("ok") is False:
            self.failed.add(item_id)
        else:
            self.failed.discard(item_id)
        made_with = MadeWith.of_line(record)
        if made_with is not None:
            self.made_with[made_with] += 1

    def check_resume(self, now: MadeWith) -> None:
        """Refuse to add briefs made otherwise than the ones already in the file."""
        other = {made: count for made, count in self.made_with.items() if made != now}
        if not other:
            return
        made = max(other, key=other.__getitem__)
        raise ConfigError(
            f"{self.path}: {sum(other.values())} brief(s) in it were made with {made}, "
            f"this run would use {now}; write to a new file, or delete it to brief "
            "every input again"
        )

    def forget(self, ids: set[str]) -> int:
        """Take every line of ``ids`` out of the file (for ``--retry-failed``), so their
        new lines are their only ones; return how many ids went.

        The kept lines go to a new file beside it, locked, synced, then renamed over the
        old one: a kill at any moment leaves the old file or the new one, whole."""
        ids = ids & self.done
        if not ids or self.path is None or self._fd is None or not self._regular:
            return 0
        folder = self.path.resolve().parent
        try:
            handle, name = tempfile.mkstemp(prefix=f".{self.path.name}.", dir=folder)
        except OSError as e:
            raise OutputError(f"{self.path}: cannot rewrite it to retry ({e.strerror})") from e
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            with os.fdopen(os.dup(self._fd), "rb") as old, os.fdopen(os.dup(handle), "wb") as new:
                old.seek(0)
                for raw in _lines(old):
                    record = _record(raw)
                    if record is None or str(record["id"]) not in ids:
                        new.write(raw)
                new.flush()
                os.fsync(new.fileno())
            os.fchmod(handle, stat.S_IMODE(os.fstat(self._fd).st_mode))
            Path(name).replace(self.path)
            _sync_folder(folder)
        except OSError as e:
            os.close(handle)
            Path(name).unlink(missing_ok=True)
            raise OutputError(f"{self.path}: cannot rewrite it to retry ({e.strerror})") from e
        os.close(self._fd)  # the old file, and its lock; the new one is locked already
        self._fd = handle
        os.lseek(handle, 0, os.SEEK_END)
        self.done -= ids
        self.failed -= ids
        return len(ids)

    def write(self, record: dict[str, Any]) -> None:
        line = json.dumps(record, ensure_ascii=False) + "\n"
        with self._lock:
            if self._fd is None:
                try:
                    sys.stdout.write(line)
                    sys.stdout.flush()
                except BrokenPipeError:
                    raise
                except OSError as e:
                    raise OutputError(f"cannot write to standard output ({e.strerror})") from e
            else:
                data = line.encode("utf-8", errors="surrogatepass")
                try:
                    written = os.write(self._fd, data)
                    if self._regular:
                        os.fsync(self._fd)
                except OSError as e:  # a full disk: a partial line is cut on the rerun
                    raise OutputError(f"{self.path}: cannot write ({e.strerror})") from e
                if written != len(data):
                    raise OutputError(f"{self.path}: the disk took {written} of {len(data)} bytes")
            self.done.add(str(record["id"]))

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # releases the lock
            self._fd = None


def _open_locked(path: Path) -> int:
    """The output opened for appending (created if missing), with the batch's lock."""
    try:
        fd = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_CLOEXEC, 0o644)
    except IsADirectoryError as e:
        raise OutputError(f"{path}: is a directory; give a file for the batch output") from e
    except OSError as e:
        raise OutputError(f"{path}: cannot write the batch output ({e.strerror})") from e
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        raise OutputError(
            f"{path}: another summariser batch is writing to it; wait for it to finish, "
            "or write to another file"
        ) from None
    except OSError:  # a file system without locks: go on unlocked, as before locks
        pass
    return fd


MAX_RECORD_LINE = 64 << 20  # an output line holds a brief, its article's text included


def _lines(file: IO[bytes]) -> Iterator[bytes]:
    """The lines of ``file``, each whole (up to :data:`MAX_RECORD_LINE` bytes; a longer
    one, never ours, comes in pieces that are not records)."""
    return iter(lambda: file.readline(MAX_RECORD_LINE), b"")


def _record(raw: bytes) -> dict[str, Any] | None:
    """A batch record (a JSON object with an id), or None for anything else."""
    try:
        record = json.loads(raw)
    except ValueError:
        return None
    return record if isinstance(record, dict) and "id" in record else None


def _sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@dataclass
class Totals:
    ok: int = 0
    failed: int = 0
    skipped: int = 0
    cached: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost_usd: float = 0.0
    cost_known: bool = True
    stopped: str | None = None
    remaining: int = 0  # inputs left without a line when the batch stopped early
    started: float = field(default_factory=time.monotonic)

    def add(self, brief: Brief) -> None:
        usage = brief.meta.usage
        self.ok += 1
        if usage.cached:
            self.cached += 1
            return
        self.prompt_tokens += usage.prompt_tokens
        self.completion_tokens += usage.completion_tokens
        if usage.cost_usd is None:
            self.cost_known = False
        else:
            self.cost_usd += usage.cost_usd

    def summary(self) -> str:
        cost = f"${self.cost_usd:.4f}" if self.cost_known else "cost unknown (no price)"
        line = (
            f"{self.ok} ok, {self.failed} failed, {self.skipped} already done, "
            f"{self.cached} from cache · {self.prompt_tokens:,} prompt + "
            f"{self.completion_tokens:,} completion tokens · {cost} · "
            f"{time.monotonic() - self.started:.1f} s"
        )
        return f"{line} · stopped: {self.stopped}" if self.stopped else line

    def check_finished(self, total: int) -> None:
        """Raise :class:`BudgetError` when the budget left inputs without a line."""
        if self.stopped and self.remaining:
            raise BudgetError(
                f"{self.stopped}: {self.remaining} of {total} inputs remain; "
                "rerun with a larger --max-cost to continue"
            )


def error_record(item_id: str, error: SummariserError) -> dict[str, Any]:
    return {
        "id": item_id,
        "ok": False,
        "error": {
            "type": type(error).__name__,
            "message": redact(" ".join(str(error).split())),
            "exit_code": exit_code(error),
        },
    }


def run_batch(
    items: list[Item],
    output: Output,
    summariser: Summariser,
    *,
    jobs: int = 1,
    max_cost: float | None = None,
    on_done: Callable[[str, bool], None] | None = None,
    reading: Reading = Reading(),
) -> Totals:
    """Brief every item not yet in ``output``, ``jobs`` at a time."""
    totals = Totals()
    lock = threading.Lock()
    pending = [item for item in items if item.id not in output.done]
    totals.skipped = len(items) - len(pending)
    notify = on_done or (lambda _id, _ok: None)

    def one(item: Item) -> None:
        try:
            document = item.document(reading)
            brief = summariser.brief(document)  # the input notes come with it
        except SummariserError as error:
            output.write(error_record(item.id, error))
            with lock:
                totals.failed += 1
            notify(item.id, False)
            return
        output.write({"id": item.id, "ok": True, "brief": json.loads(brief.model_dump_json())})
        with lock:
            totals.add(brief)
        notify(item.id, True)

    queue = list(reversed(pending))  # pop() takes them in order
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        running: set[Future[None]] = set()
        while True:
            while queue and len(running) < max(1, jobs) and totals.stopped is None:
                if max_cost is not None and totals.cost_usd >= max_cost:
                    totals.stopped = f"cost budget ${max_cost:g} spent"
                    break
                running.add(pool.submit(one, queue.pop()))
            if not running:
                break
            finished, running = wait(running, return_when=FIRST_COMPLETED)
            for future in finished:
                future.result()  # a bug, not an article's fault: let it surface
    totals.remaining = len(queue)
    return totals
