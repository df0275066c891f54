"""HTTP with one total deadline: a page fetch and a model request each end on time.

A client's own time-outs apply to each read, so a server that sends one byte a second
never trips them. Here every network operation of a client made by :func:`http_client`
(connect, TLS handshake, each read and write, and the wait for a pooled connection) is
capped at the time left before the deadline that :func:`deadline` set, and fails at once
when none is left. A slow stream, in the headers or in the body, ends at the deadline,
give or take one read.

The deadline lives in a context variable: every thread (a batch runs several) keeps its
own, and a nested deadline never extends an outer one.

The openai SDK speaks HTTPX2 (a fork of HTTPX, with httpcore2 under it; older SDKs use
HTTPX itself): the client is built on whichever ``library`` the caller names, and the
fetch uses the one installed.
"""

from __future__ import annotations

import importlib
import time
import urllib.request
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from types import ModuleType
from typing import Any
from urllib.parse import urlsplit

_DEADLINE: ContextVar[float | None] = ContextVar("summariser_deadline", default=None)
_CORES = {"httpx2": "httpcore2", "httpx": "httpcore"}  # each client library's transport


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Every HTTP operation inside the block ends within ``seconds`` from now (or by an
    earlier deadline already set)."""
    at = time.monotonic() + seconds
    outer = _DEADLINE.get()
    token = _DEADLINE.set(at if outer is None else min(at, outer))
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def time_left() -> float | None:
    """Seconds left before the current deadline (may be negative), or None without one."""
    at = _DEADLINE.get()
    return None if at is None else at - time.monotonic()


def _capped(timeout: float | None, expired: type[Exception]) -> float | None:
    left = time_left()
    if left is None:
        return timeout
    if left <= 0:
        raise expired("the deadline passed")
    return left if timeout is None else min(timeout, left)


class _Stream:
    """A network stream (httpcore's interface) whose every operation ends by the deadline."""

    def __init__(self, inner: Any, core: ModuleType) -> None:
        self._inner = inner
        self._core = core

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        data: bytes = self._inner.read(max_bytes, _capped(timeout, self._core.ReadTimeout))
        return data

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _capped(timeout, self._core.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self, ssl_context: Any, server_hostname: str | None = None, timeout: float | None = None
    ) -> _Stream:
        capped = _capped(timeout, self._core.ConnectTimeout)
        return _Stream(self._inner.start_tls(ssl_context, server_hostname, capped), self._core)

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _Backend:
    """A network backend (httpcore's interface) whose connections keep the deadline."""

    def __init__(self, inner: Any, core: ModuleType) -> None:
        self._inner = inner
        self._core = core

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> _Stream:
        capped = _capped(timeout, self._core.ConnectTimeout)
        stream = self._inner.connect_tcp(host, port, capped, local_address, socket_options)
        return _Stream(stream, self._core)

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> _Stream:
        capped = _capped(timeout, self._core.ConnectTimeout)
        stream = self._inner.connect_unix_socket(path, capped, socket_options)
        return _Stream(stream, self._core)

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


def default_library() -> str:
    """The HTTP client library installed: HTTPX2 (what the openai SDK uses), else HTTPX."""
    try:
        importlib.import_module("httpx2")
    except ImportError:
        return "httpx"
    return "httpx2"


def proxy_for(url: str) -> str | None:
    """The proxy the environment names for ``url`` (``https_proxy``, ``no_proxy``...), as
    the client library would use it: a transport of our own turns its look-up off."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if host and urllib.request.proxy_bypass(host):
        return None
    proxies = urllib.request.getproxies()
    return proxies.get(parts.scheme.lower()) or proxies.get("all") or None


def http_client(url: str, timeout: float, *, library: str | None = None, **options: Any) -> Any:
    """A client (of ``library``: ``httpx2`` or ``httpx``) for requests to ``url``'s host,
    whose every operation keeps the deadline; ``timeout`` is each operation's own limit.

    The libraries give no public hook for the network backend of their connection pool,
    so the pool's backend is wrapped after construction; ``tests/test_deadlines.py``
    fails if a release moves it.
    """
    name = library or default_library()
    httpx = importlib.import_module(name)
    core = importlib.import_module(_CORES[name])
    transport = httpx.HTTPTransport(proxy=proxy_for(url))
    pool = transport._pool
    inner = getattr(pool, "_network_backend", None)
    if inner is None:  # pragma: no cover - the library changed
        raise RuntimeError(f"{name}'s connection pool has no network backend to wrap")
    pool._network_backend = _Backend(inner, core)

    def keep_deadline(request: Any) -> None:
        """The wait for a pooled connection ends by the deadline too."""
        left = time_left()
        if left is None:
            return
        if left <= 0:
            raise httpx.ConnectTimeout("the deadline passed", request=request)
        timeouts = request.extensions.get("timeout")
        if isinstance(timeouts, dict):
            request.extensions["timeout"] = {
                key: left if value is None else min(value, left) for key, value in timeouts.items()
            }

    hooks = {"request": [keep_deadline]}
    return httpx.Client(transport=transport, timeout=timeout, event_hooks=hooks, **options)
