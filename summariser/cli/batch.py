"""Many articles at once: one output line per input, resumable, safe against kill -9.

Inputs are files, directories (their .txt and .html files, recursively), URLs, or JSONL
files of ``{"id", "text" | "path" | "url"}``. Each finished input appends exactly one
JSON line to the output, written with a single ``write`` and ``fsync``: a brief, or an
error record with the reason. An input that is missing or unreadable (a path that does
not exist, a JSONL line that is not JSON) gets its error line like any failing article,
and the batch goes on. A rerun skips the ids already in the output; a trailing partial
line (possible only if the machine itself died mid-write) is cut first. A rerun that
would make its briefs with another model, prompt or brief schema than the briefs already
in the output is refused, so one file never mixes them silently.
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from summariser.errors import BudgetError, ConfigError, InputError, SummariserError, exit_code
from summariser.input.documents import Document, make_document
from summariser.input.sources import HTML_SUFFIXES, is_url, load_source
from summariser.pipeline import Summariser
from summariser.schema import SCHEMA_VERSION, Brief

if TYPE_CHECKING:
    from summariser.config import Settings

ARTICLE_SUFFIXES = {".txt", *HTML_SUFFIXES}


@dataclass(frozen=True)
class Item:
    """One input: its id and where its text comes from (a path or URL, or the text)."""

    id: str
    spec: str | None = None
    text: str | None = None
    problem: str | None = None  # why the input itself is unusable (its error line)

    def document(self) -> Document:
        if self.problem is not None:
            raise InputError(self.problem)
        if self.text is not None:
            return make_document(self.text, self.id)
        assert self.spec is not None
        return load_source(self.spec)


def expand_inputs(inputs: list[str]) -> list[Item]:
    """Items in order; an id seen twice is an error (the output keys on ids). A missing
    input is an item that fails with its reason, so the rest of the batch still runs."""
    items: list[Item] = []
    for spec in inputs:
        path = Path(spec)
        if is_url(spec):
            items.append(Item(spec, spec=spec))
        elif path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.suffix.lower() in ARTICLE_SUFFIXES)
            items += [Item(str(p), spec=str(p)) for p in files]
        elif path.suffix.lower() == ".jsonl" and path.is_file():
            items += list(_jsonl_items(path))
        elif path.exists():
            items.append(Item(spec, spec=spec))
        else:
            items.append(Item(spec, problem=f"{spec}: no such file, directory or URL"))
    seen: set[str] = set()
    for item in items:
        if item.id in seen:
            raise InputError(f"input id {item.id!r} appears twice")
        seen.add(item.id)
    return items


def _jsonl_items(path: Path) -> Iterator[Item]:
    """One item per line; a line that cannot be used is an item that fails, its id the
    line's own or, without one, ``FILE:LINE``."""
    with path.open(encoding="utf-8", errors="replace") as file:
        for number, line in enumerate(file, start=1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                record = json.loads(line)
            except ValueError as e:
                yield Item(where, problem=f"{where}: not JSON ({e})")
                continue
            if not isinstance(record, dict) or "id" not in record:
                yield Item(where, problem=f"{where}: each line needs an id and a text, path or url")
                continue
            item_id = str(record["id"])
            if isinstance(record.get("text"), str):
                yield Item(item_id, text=record["text"])
            elif isinstance(record.get("url"), str):
                yield Item(item_id, spec=record["url"])
            elif isinstance(record.get("path"), str):
                yield Item(item_id, spec=str((path.parent / record["path"]).resolve()))
            else:
                yield Item(item_id, problem=f"{where}: needs one of text, path or url")


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
    """The JSONL output: ids already done, and whole-line appends.

    ``path`` None writes the lines to standard output (``-o -``): nothing to resume.
    """

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.done: set[str] = set()
        self.made_with: Counter[MadeWith] = Counter()  # of the briefs already there
        self._lock = threading.Lock()
        self._fd: int | None = None
        if path is None:
            return
        if path.exists():
            self._repair_and_read(path)
        self._fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)

    def _repair_and_read(self, path: Path) -> None:
        data = path.read_bytes()
        whole = data[: data.rfind(b"\n") + 1]
        if len(whole) != len(data):
            with path.open("r+b") as file:  # cut a partial last line
                file.truncate(len(whole))
        for line in whole.splitlines():
            try:
                record = json.loads(line)
                self.done.add(str(record["id"]))
            except (ValueError, KeyError, TypeError):
                continue
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

    def write(self, record: dict[str, Any]) -> None:
        line = json.dumps(record, ensure_ascii=False) + "\n"
        with self._lock:
            if self._fd is None:
                sys.stdout.write(line)
                sys.stdout.flush()
            else:
                os.write(self._fd, line.encode("utf-8"))
                os.fsync(self._fd)
            self.done.add(str(record["id"]))

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


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
            "message": " ".join(str(error).split()),
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
) -> Totals:
    """Brief every item not yet in ``output``, ``jobs`` at a time."""
    totals = Totals()
    lock = threading.Lock()
    pending = [item for item in items if item.id not in output.done]
    totals.skipped = len(items) - len(pending)
    notify = on_done or (lambda _id, _ok: None)

    def one(item: Item) -> None:
        try:
            brief = summariser.brief(item.document())
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
