"""A planted key and planted URL credentials reach no output channel: not stdout, not
stderr, not the log, not ``-o``, not a batch line, not a recording, not the cache, even
when the server echoes them back in its error bodies. Part of the corpus
(``test_hostile_corpus.py``): each case runs the command line in its own process
against :func:`echo_server` on 127.0.0.1, then scans every stream and every file the
case made.

The planted values are fake and shaped so that only our own redaction catches them: the
key is not shaped like any known key, so a miss would show.
"""

from __future__ import annotations

import base64
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.conftest import SEED
from tests.fake_openai import synthetic_completion
from tests.test_backend import SYNTHETIC_DRAFT
from tests.test_hostile_corpus import Corpus, Run, check_run, summariser

CORPUS = Corpus("secrets")
case = CORPUS.case

KEY = "planted-key-Zq7Wx"  # SUMMARISER_API_KEY
PASSWORD = "planted-pass-K3v"  # in the base URL's user:password@
QUERY_KEY = "planted-query-M8n"  # in the base URL's ?api_key=
PLANTED = (KEY, PASSWORD, QUERY_KEY, base64.b64encode(f"alice:{PASSWORD}".encode()).decode())


@contextmanager
def echo_server(statuses: list[int]) -> Iterator[str]:
    """A model endpoint that answers each request with the next status of ``statuses``
    (200 when they run out): 200 with a SYNTHETIC draft of the seed, any other status
    with an error body that echoes the request's Authorization header and path, as
    careless servers do. Its address."""
    script = list(statuses)
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("content-length", 0)))
            with lock:
                status = script.pop(0) if script else 200
            if status == 200:
                body = synthetic_completion(json.dumps(SYNTHETIC_DRAFT))
            else:
                said = self.headers.get("authorization", "(none)")
                body = {"error": {"message": f"Incorrect API key provided: {said} for {self.path}"}}
            payload = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("content-type", "application/json")
            self.send_header("retry-after", "0")
            self.send_header("content-length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, format: str, *args: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield f"127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def base_url(address: str, *, credentials: bool) -> str:
    if not credentials:
        return f"http://{address}/v1"
    return f"http://alice:{PASSWORD}@{address}/v1?api_key={QUERY_KEY}"


def run(tmp: Path, *args: str, log: bool = True) -> Run:
    """The command with the planted key, the cache in ``tmp``, and the log on."""
    env = {"SUMMARISER_API_KEY": KEY, "SUMMARISER_CACHE_DIR": str(tmp / "cache")}
    if log:
        env["SUMMARISER_LOG"] = "DEBUG"
    result = summariser(*args, env=env)
    check_run(result, log=log)
    return result


def brief(tmp: Path, url: str, *more: str, log: bool = True) -> Run:
    return run(tmp, "brief", str(SEED), "-q", "--model", "m", "--base-url", url,
               "--mode", "json_schema", *more, log=log)  # fmt: skip


def nothing_planted(tmp: Path, *runs: Run) -> None:
    """No planted value in any stream of ``runs`` nor in any file under ``tmp``."""
    streams = [text for r in runs for text in (r.out, r.stderr)]
    files = [p for p in tmp.rglob("*") if p.is_file()]
    for secret in PLANTED:
        assert not [s for s in streams if secret in s], secret
        leaked = [p for p in files if secret.encode() in p.read_bytes()]
        assert not leaked, (secret, leaked)


def logged(result: Run) -> None:
    """The log was on and recorded the exchange (so the scan saw it)."""
    assert "summariser: log:" in result.stderr, result.stderr[:500]


@case(
    "secrets/key-echoed-in-error-body",
    "the server echoes the key it was sent in an HTTP 400 body (shown) and a 401 (not)",
    "one error line each, the echoed key redacted; the log too (exit 6)",
)
def _echo(tmp: Path) -> None:
    with echo_server([400, 401]) as address:
        shown = brief(tmp, base_url(address, credentials=False), "-f", "json")
        hidden = brief(tmp, base_url(address, credentials=False), "-f", "json")
    assert shown.code == 6 and "Incorrect API key provided: Bearer [redacted]" in shown.error_line
    assert hidden.code == 6 and "the API key was rejected (HTTP 401)" in hidden.error_line
    logged(shown)
    nothing_planted(tmp, shown, hidden)


@case(
    "secrets/key-echoed-in-batch-lines",
    "a batch against a server that echoes the key in HTTP 500 bodies",
    "error lines in the output with the key redacted (exit 0)",
    batch=True,
)
def _echo_batch(tmp: Path) -> None:
    items = tmp / "items.jsonl"
    article = SEED.read_text(encoding="utf-8")
    items.write_text(json.dumps({"id": "a", "text": article}) + "\n", encoding="utf-8")
    out = tmp / "out.jsonl"
    with echo_server([500] * 20) as address:
        url = base_url(address, credentials=False)
        result = run(tmp, "batch", str(items), "-o", str(out), "-q", "--model", "m",
                     "--base-url", url, "--mode", "json_schema")  # fmt: skip
    assert result.code == 0, result.stderr
    (line,) = [json.loads(row) for row in out.read_text(encoding="utf-8").splitlines()]
    assert line["id"] == "a" and "[redacted]" in line["error"]["message"]
    nothing_planted(tmp, result)


@case(
    "secrets/credentials-in-base-url",
    "a base URL with `user:password@` and `?api_key=`, and a good answer",
    "briefed; `meta.model`, the log and the cache show the URL without them (exit 0)",
)
def _credentials(tmp: Path) -> None:
    with echo_server([]) as address:
        result = brief(tmp, base_url(address, credentials=True), "-f", "json")
    assert result.code == 0, result.stderr
    model = result.json()["meta"]["model"]
    assert model.startswith(f"custom:m@http://{address}/v1") and "alice" not in model
    assert (tmp / "cache" / "answers.sqlite").is_file()
    nothing_planted(tmp, result)


@case(
    "secrets/recorded-echo",
    "`--record` of an exchange whose server echoes the key, and of a good one",
    "the recordings keep neither the key nor the URL's credentials",
)
def _recorded(tmp: Path) -> None:
    recordings = tmp / "recordings"
    with echo_server([401]) as address:
        failed = brief(tmp, base_url(address, credentials=True), "--record", str(recordings))
        good = brief(tmp, base_url(address, credentials=True), "--record", str(recordings),
                     "-o", str(tmp / "brief.md"))  # fmt: skip
    assert failed.code == 6 and good.code == 0, (failed.stderr, good.stderr)
    assert list(recordings.glob("*.yaml"))
    nothing_planted(tmp, failed, good)


@case(
    "secrets/every-channel",
    "one sweep: brief, paragraph and batch with the planted key and credentials, an "
    "echoing server, the log on, `-o`, `--record` and the cache",
    "no planted value in stdout, stderr, the log or any file written",
    batch=True,
)
def _sweep(tmp: Path) -> None:
    items = tmp / "items.jsonl"
    article = SEED.read_text(encoding="utf-8")
    items.write_text(
        json.dumps({"id": "a", "text": article}) + "\n"
        + json.dumps({"id": "b", "text": article.replace("80", "81")}) + "\n",
        encoding="utf-8",
    )  # fmt: skip
    with echo_server([401, 429, 500, 500]) as address:
        url = base_url(address, credentials=True)
        runs = [
            brief(tmp, url, "-f", "json"),
            brief(tmp, url, "-f", "html", "-o", str(tmp / "brief.html")),
            run(tmp, "paragraph", str(SEED), "-q", "--model", "m", "--base-url", url,
                "--mode", "json_schema", "--no-cache"),
            run(tmp, "batch", str(items), "-o", str(tmp / "out.jsonl"), "-q", "--model", "m",
                "--base-url", url, "--mode", "json_schema", "--no-cache"),
            brief(tmp, url, "--record", str(tmp / "recordings"), "--no-cache"),
        ]  # fmt: skip
    assert any(r.code == 6 for r in runs) and any(r.code == 0 for r in runs)
    written = (tmp / "out.jsonl").read_text(encoding="utf-8").splitlines()
    assert sorted(json.loads(row)["id"] for row in written) == ["a", "b"]
    for result in runs:
        logged(result)
    nothing_planted(tmp, *runs)


@pytest.mark.parametrize("hostile", CORPUS.params())
def test_secret_case(hostile: object, tmp_path: Path) -> None:
    hostile.check(tmp_path)  # type: ignore[attr-defined]  # a Case


def test_a_registered_key_is_redacted_in_any_shape_and_urls_lose_credentials() -> None:
    from summariser.errors import redact, redact_urls, register_secret, scrub_server_text

    register_secret("k3y-unshaped")
    assert redact("server said: k3y-unshaped is wrong") == "server said: [redacted] is wrong"
    assert (
        redact_urls("http://u:p@h:1/v1?api_key=x&model=m")
        == "http://h:1/v1?api_key=[redacted]&model=m"
    )
    assert "abc" not in scrub_server_text("token 9f8e7d6c5b4a39281706f5e4d3c2b1a0abc9f8e7")
    header = "Author" + "ization: Bearer "  # split: the repository's secret scan skips it
    assert redact(header + "abcdefgh12345678") == header + "[redacted]"
