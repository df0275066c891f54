"""Deadlines against slow and failing model endpoints: ``--timeout`` is the whole
request, retries and slow streams included. Part of the corpus
(``test_hostile_corpus.py``): each case runs the command line in its own process against
a server on 127.0.0.1 that this module starts and stops.

Every model reply here is SYNTHETIC (``tests/test_backend.py``'s draft of the seed).
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from summariser import summarise
from summariser.errors import BackendError
from tests.conftest import SEED
from tests.fake_openai import Reply, fake_openai, synthetic_completion, unused_port
from tests.test_backend import SYNTHETIC_DRAFT, ok
from tests.test_hostile_corpus import (
    Corpus,
    Run,
    check_run,
    lines_of,
    refused,
    summariser,
)

CORPUS = Corpus("deadlines")
case = CORPUS.case
TIMEOUT = 3  # seconds: the --timeout of the cases
# Starting Python and parsing the seed before the request starts (the NLP model loads):
# about 3 s, more on a busy machine. Without the deadline the slow endpoints below would
# take minutes (an answer of some 700 bytes at 5 bytes a second).
SETUP_SECONDS = 10


def _answer() -> bytes:
    body = json.dumps(synthetic_completion(json.dumps(SYNTHETIC_DRAFT))).encode()
    head = b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: %d" % len(body)
    return head + b"\r\n\r\n" + body


@contextmanager
def slow_endpoint(how: str) -> Iterator[str]:
    """A model endpoint on loopback that answers ``how``: ``headers`` (the whole answer
    one byte every 0.2 s), ``body`` (the headers at once, then the body that slowly) or
    ``silent`` (reads the request, says nothing). Its base URL."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    listener.settimeout(0.2)
    stop = threading.Event()

    def serve(connection: socket.socket) -> None:
        with connection:
            try:
                connection.recv(1 << 20)
                if how == "silent":
                    stop.wait(TIMEOUT + 10)
                    return
                data = _answer()
                start = data.index(b"\r\n\r\n") + 4 if how == "body" else 0
                connection.sendall(data[:start])
                for byte in data[start:]:
                    if stop.is_set():
                        return
                    connection.sendall(bytes([byte]))
                    time.sleep(0.2)
            except OSError:
                return  # the client gave up: that is the point

    def accept() -> None:
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            threading.Thread(target=serve, args=(connection,), daemon=True).start()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/v1"
    finally:
        stop.set()
        thread.join(timeout=5)
        listener.close()


def brief_at(url: str, *more: str, env: dict[str, str] | None = None) -> Run:
    run = summariser(
        "brief", str(SEED), "-q", "-f", "json", "--no-cache", "--model", "m",
        "--base-url", url, "--mode", "json_schema", "--timeout", str(TIMEOUT), *more,
        env={"SUMMARISER_API_KEY": "test-key-deadlines", **(env or {})},
    )  # fmt: skip
    check_run(run)
    return run


def on_time(run: Run) -> None:
    """Failed by the deadline, not long after it."""
    refused(run, 6, f"did not answer within {TIMEOUT} s")
    assert run.seconds < TIMEOUT + SETUP_SECONDS, run.seconds


@case(
    "model/slow-body",
    "an endpoint that sends its answer's body one byte every 0.2 s (`--timeout 3`)",
    "fails at the 3 s deadline with one line (exit 6)",
)
def _slow_body(tmp: Path) -> None:
    with slow_endpoint("body") as url:
        on_time(brief_at(url))


@case(
    "model/slow-headers",
    "an endpoint that sends even its headers one byte every 0.2 s",
    "fails at the deadline (exit 6)",
)
def _slow_headers(tmp: Path) -> None:
    with slow_endpoint("headers") as url:
        on_time(brief_at(url))


@case(
    "model/silent", "an endpoint that accepts and never answers", "fails at the deadline (exit 6)"
)
def _silent(tmp: Path) -> None:
    with slow_endpoint("silent") as url:
        on_time(brief_at(url))


@case(
    "model/retry-after-past-deadline",
    "HTTP 429 with `Retry-After: 50` and a 3 s deadline",
    "no retry that cannot finish in time: fails at once (exit 6)",
)
def _retry_after(tmp: Path) -> None:
    reply = Reply(429, {"error": {"message": "slow down"}}, {"retry-after": "50"})
    with fake_openai([reply, ok()]) as server:
        run = brief_at(server.url)
        assert len(server.requests) == 1
    refused(run, 6, "rate limited (HTTP 429)")
    assert run.seconds < SETUP_SECONDS


@case(
    "model/errors-until-deadline",
    "HTTP 503 to every request, 100 retries allowed",
    "retried within the deadline, then one line (exit 6)",
)
def _errors(tmp: Path) -> None:
    def always_busy(request: object) -> Reply:
        return Reply(503, {"error": {"message": "overloaded"}}, {"retry-after": "0.4"})

    with fake_openai(responder=always_busy) as server:
        run = brief_at(server.url, env={"SUMMARISER_RETRIES": "100"})
        assert 2 <= len(server.requests) < 20
    refused(run, 6, "server error (HTTP 503)")
    assert run.seconds < TIMEOUT + SETUP_SECONDS


@case(
    "model/dropped-then-answers",
    "a dropped connection, then an answer",
    "retried within the deadline: briefed (exit 0)",
)
def _dropped(tmp: Path) -> None:
    with fake_openai([Reply(drop=True), ok()]) as server:
        run = brief_at(server.url)
        assert len(server.requests) == 2
    assert run.code == 0, run.stderr
    assert run.json()["headline"] == SYNTHETIC_DRAFT["headline"]


@case(
    "model/refused", "a model address nothing listens on", "fails at once: cannot connect (exit 6)"
)
def _refused(tmp: Path) -> None:
    run = brief_at(f"http://127.0.0.1:{unused_port()}/v1")
    refused(run, 6, "cannot connect to")
    assert run.seconds < SETUP_SECONDS


@case(
    "model/batch-silent-endpoint",
    "a batch of 3 against an endpoint that never answers",
    "each input's error line at its deadline; the batch finishes (exit 0), one line each",
    batch=True,
)
def _batch_silent(tmp: Path) -> None:
    items = tmp / "items.jsonl"
    article = SEED.read_text(encoding="utf-8")
    items.write_text(
        "".join(json.dumps({"id": f"n{n}", "text": article + f"\n{n}\n"}) + "\n" for n in range(3)),
        encoding="utf-8",
    )
    out = tmp / "out.jsonl"
    with slow_endpoint("silent") as url:
        run = summariser(
            "batch", str(items), "-o", str(out), "-q", "--model", "m", "--base-url", url,
            "--mode", "json_schema", "--timeout", "2", "-j", "3", "--no-cache",
        )  # fmt: skip
    check_run(run)
    assert run.code == 0, run.stderr
    lines = list(lines_of(out))
    assert sorted(line["id"] for line in lines) == ["n0", "n1", "n2"]
    assert all(line["error"]["exit_code"] == 6 for line in lines)
    assert run.seconds < 2 * 3 + SETUP_SECONDS


@pytest.mark.parametrize("hostile", CORPUS.params())
def test_deadline_case(hostile: object, tmp_path: Path) -> None:
    hostile.check(tmp_path)  # type: ignore[attr-defined]  # a Case


# In-process: the library's timeout is the same deadline


def test_the_library_timeout_is_the_whole_request(seed_text: str) -> None:
    with slow_endpoint("body") as url:
        started = time.monotonic()
        with pytest.raises(BackendError, match="did not answer within 2 s"):
            summarise(seed_text, model="m", base_url=url, mode="json_schema", timeout=2)
    # the analysis (parsing) runs before the request and is not part of its deadline
    assert time.monotonic() - started < 2 + SETUP_SECONDS


def test_retries_share_the_deadline(seed_text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two quick faults and an answer fit in the deadline; a retry that would wait past it
    is not made."""
    monkeypatch.setenv("SUMMARISER_API_KEY", "test-key-deadlines")
    replies = [Reply(503, {"error": {"message": "busy"}}, {"retry-after": "0.2"})] * 2 + [ok()]
    with fake_openai(replies) as server:
        brief = summarise(seed_text, model="m", base_url=server.url, mode="json_schema", timeout=5)
        assert len(server.requests) == 3
    assert brief.meta.usage.calls == 3
