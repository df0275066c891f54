"""Many articles at once: one output line per input, resumable, safe against kill -9.

Inputs are files, directories (their .txt and .html files, recursively), URLs, or JSONL
files of ``{"id", "text" | "path" | "url"}``. Each finished input appends exactly one
JSON line to the output, written with a single ``write`` and ``fsync``: a brief, or an
error record with the reason. A rerun skips the ids already in the output; a trailing
partial line (possible only if the machine itself died mid-write) is cut first.
"""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from summariser.errors import InputError, SummariserError, exit_code
from summariser.input.documents import Document, make_document
from summariser.input.sources import HTML_SUFFIXES, is_url, load_source
from summariser.pipeline import Summariser
from summariser.schema import Brief

ARTICLE_SUFFIXES = {".txt", *HTML_SUFFIXES}


@dataclass(frozen=True)
class Item:
    """One input: its id and where its text comes from (a path or URL, or the text)."""

    id: str
    spec: str | None = None
    text: str | None = None

    def document(self) -> Document:
        if self.text is not None:
            return make_document(self.text, self.id)
        assert self.spec is not None
        return load_source(self.spec)


def expand_inputs(inputs: list[str]) -> list[Item]:
    """Items in order; an id seen twice is an error (the output keys on ids)."""
    items: list[Item] = []
    for spec in inputs:
        path = Path(spec)
        if is_url(spec):
            items.append(Item(spec, spec=spec))
        elif path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.suffix.lower() in ARTICLE_SUFFIXES)
            items += [Item(str(p), spec=str(p)) for p in files]
        elif path.suffix.lower() == ".jsonl":
            items += list(_jsonl_items(path))
        elif path.exists():
            items.append(Item(spec, spec=spec))
        else:
            raise InputError(f"{spec}: no such file, directory or URL")
    seen: set[str] = set()
    for item in items:
        if item.id in seen:
            raise InputError(f"input id {item.id!r} appears twice")
        seen.add(item.id)
    return items


def _jsonl_items(path: Path) -> Iterator[Item]:
    with path.open(encoding="utf-8") as file:
        for number, line in enumerate(file, start=1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                record = json.loads(line)
            except ValueError as e:
                raise InputError(f"{where}: not JSON ({e})") from e
            if not isinstance(record, dict) or "id" not in record:
                raise InputError(f"{where}: each line needs an id and a text, path or url")
            item_id = str(record["id"])
            if isinstance(record.get("text"), str):
                yield Item(item_id, text=record["text"])
            elif isinstance(record.get("url"), str):
                yield Item(item_id, spec=record["url"])
            elif isinstance(record.get("path"), str):
                yield Item(item_id, spec=str((path.parent / record["path"]).resolve()))
            else:
                raise InputError(f"{where}: needs one of text, path or url")


class Output:
    """The JSONL output: ids already done, and whole-line appends."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.done: set[str] = set()
        self._lock = threading.Lock()
        if path.exists():
            self._repair_and_read()
        self._fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)

    def _repair_and_read(self) -> None:
        data = self.path.read_bytes()
        whole = data[: data.rfind(b"\n") + 1]
        if len(whole) != len(data):
            with self.path.open("r+b") as file:  # cut a partial last line
                file.truncate(len(whole))
        for line in whole.splitlines():
            try:
                self.done.add(str(json.loads(line)["id"]))
            except (ValueError, KeyError, TypeError):
                continue

    def write(self, record: dict[str, Any]) -> None:
        line = (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")
        with self._lock:
            os.write(self._fd, line)
            os.fsync(self._fd)
            self.done.add(str(record["id"]))

    def close(self) -> None:
        os.close(self._fd)


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

    queue = iter(pending)
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        running: set[Future[None]] = set()
        while True:
            while len(running) < max(1, jobs) and totals.stopped is None:
                if max_cost is not None and totals.cost_usd >= max_cost:
                    totals.stopped = f"cost budget ${max_cost:g} spent"
                    break
                item = next(queue, None)
                if item is None:
                    break
                running.add(pool.submit(one, item))
            if not running:
                break
            finished, running = wait(running, return_when=FIRST_COMPLETED)
            for future in finished:
                future.result()  # a bug, not an article's fault: let it surface
    return totals
