"""A small OpenAI-compatible server on loopback for fault injection in tests.

Every response it sends is SYNTHETIC: scripted by the test, never a model's output. It
serves a bounded list of scripted replies, records the requests it got, and stops when
the test ends.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

# Every variable a provider reads its address, key or extra headers from; tests that
# choose providers start with none of them set.
PROVIDER_ENV = (
    "OPENAI_API_KEY",
    "OPENAI_BASE_URL",
    "OPENAI_ORG_ID",
    "OPENAI_PROJECT_ID",
    "OPENAI_CUSTOM_HEADERS",
    "OPENAI_ADMIN_KEY",
    "OLLAMA_HOST",
    "VLLM_API_KEY",
    "LLAMA_API_KEY",
    "SUMMARISER_API_KEY",
    "SUMMARISER_API_KEY_ENV",
    "SUMMARISER_BASE_URL",
)


def unused_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


@dataclass
class Reply:
    status: int = 200
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering (a read time-out when long enough)
    drop: bool = False  # close the connection without answering
    raw: bytes | None = None  # send these bytes as the body instead of JSON


def synthetic_completion(content: str | None = None, tool_arguments: str | None = None) -> Any:
    """A chat.completion body with SYNTHETIC content written by the test."""
    message: dict[str, Any] = {"role": "assistant", "content": content}
    if tool_arguments is not None:
        message["content"] = None
        message["tool_calls"] = [
            {
                "id": "call_synthetic",
                "type": "function",
                "function": {"name": "Draft", "arguments": tool_arguments},
            }
        ]
    return {
        "id": "chatcmpl-synthetic",
        "object": "chat.completion",
        "created": 0,
        "model": "synthetic",
        "choices": [{"index": 0, "message": message, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15},
    }


@dataclass
class FakeServer:
    url: str
    replies: list[Reply]
    requests: list[dict[str, Any]] = field(default_factory=list)
    headers: list[dict[str, str]] = field(default_factory=list)


Responder = Callable[[dict[str, Any]], Reply]


@contextmanager
def fake_openai(
    replies: list[Reply] | None = None,
    *,
    responder: Responder | None = None,
    delay: float = 0.0,
    max_requests: int = 2000,
) -> Iterator[FakeServer]:
    """Serve ``replies`` in order on 127.0.0.1, then ``responder(request)`` if given; past
    the script (or ``max_requests``) a request gets HTTP 418. ``delay`` seconds are added
    to every reply, like a real model's latency."""
    script = list(replies or [])
    state = FakeServer(url="", replies=script)
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("content-length", 0))
            body = json.loads(self.rfile.read(length) or b"{}")
            with lock:
                state.requests.append(body)
                state.headers.append({k.lower(): v for k, v in self.headers.items()})
                if script:
                    reply = script.pop(0)
                elif responder is not None and len(state.requests) <= max_requests:
                    reply = responder(body)
                else:  # 418: a permanent fault, so nothing retries past the script
                    reply = Reply(418, {"error": {"message": "the fake server's script ended"}})
            if delay or reply.delay:
                time.sleep(delay + reply.delay)
            if reply.drop:
                self.close_connection = True
                self.connection.shutdown(2)
                return
            payload = json.dumps(reply.body).encode() if reply.body is not None else b""
            if reply.raw is not None:
                payload = reply.raw
            self.send_response(reply.status)
            self.send_header("content-type", "application/json")
            for name, value in reply.headers.items():
                self.send_header(name, value)
            self.send_header("content-length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, format: str, *args: Any) -> None:
            return

    class Server(ThreadingHTTPServer):
        daemon_threads = True

        def handle_error(self, request: Any, client_address: Any) -> None:
            return  # a client killed mid-reply (the kill -9 test) is expected here

    server = Server(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}/v1"
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
