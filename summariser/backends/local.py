"""The embedded local model: llama.cpp's own server, in-process, via xllamacpp.

xllamacpp is a prebuilt wheel (no compiler) that embeds llama.cpp's server; we start it
on 127.0.0.1 with a free port, wait for ``/health`` (``/v1/models`` answers while the
model still loads), then talk to it with the OpenAI-compatible backend like any other
endpoint, so the same code path, retries and recordings serve both. ``timeout`` is the
deadline of one request (15 minutes by default: a small CPU is slow), as for any
endpoint: the attempt, its retry and the re-asks share it.
"""

from __future__ import annotations

import json
import os
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from summariser.backends.base import Messages, Structured, T
from summariser.backends.model_files import (
    MODEL_NAME,
    assembled_path,
    embedded_model_path,
    local_identity,
)
from summariser.backends.modes import OutputMode
from summariser.backends.openai_compat import Endpoint, OpenAICompatBackend, RetryPolicy
from summariser.errors import BackendError, ConfigError, ModelFileError

CONTEXT_TOKENS = 8192
LOAD_TIMEOUT = 300.0
# Placeholder address used when replaying: no server is started, no request leaves.
REPLAY_URL = "http://127.0.0.1:9/v1"


def default_threads() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


class LocalBackend:
    """Runs a GGUF model in this process and serves it over loopback HTTP."""

    def __init__(
        self,
        model_path: Path | None = None,
        *,
        offline_replay: bool = False,
        max_tokens: int = 2048,
        timeout: float = 900.0,
        threads: int | None = None,
    ) -> None:
        self._custom_path = model_path
        self._offline = offline_replay
        self._threads = threads or default_threads()
        self._server: Any = None
        name = model_path.stem if model_path else MODEL_NAME
        self._endpoint = Endpoint(
            base_url=REPLAY_URL,
            model=name,
            api_key="",  # loopback: no key is sent
            mode=OutputMode.JSON_SCHEMA,
            timeout=timeout,
            max_tokens=max_tokens,
            # Keep the KV cache of the shared prompt prefix across re-asks.
            extra_body={"cache_prompt": True},
            retry=RetryPolicy(attempts=2),  # both attempts within the one deadline
        )
        self._inner: OpenAICompatBackend | None = None
        self._identity_cache: str | None = None

    @property
    def identity(self) -> str:
        if self._identity_cache is None:
            self._identity_cache = local_identity(self._custom_path)
        return self._identity_cache

    def prepare(self, progress: Callable[[str], None] | None = None) -> None:
        if self._inner is not None:
            return
        if self._offline:
            self._inner = OpenAICompatBackend(self._endpoint, identity=self.identity)
            return
        say = progress or (lambda _: None)
        first_run = self._custom_path is None and not assembled_path().exists()
        say(
            "assembling the model from its packages (first run only)"
            if first_run
            else "checking the model file"
        )
        path = self._model_file()
        say("loading the model")
        address = self._start(path)
        self._inner = OpenAICompatBackend(
            replace(self._endpoint, base_url=f"{address}/v1"),
            identity=self.identity,
        )

    def _model_file(self) -> Path:
        if self._custom_path is None:
            return embedded_model_path()
        if not self._custom_path.is_file():
            raise ConfigError(f"{self._custom_path}: no such model file")
        return self._custom_path

    def _start(self, path: Path) -> str:
        try:
            import xllamacpp
        except ImportError as e:
            raise ConfigError(
                "the local model needs xllamacpp: pip install 'summariser-briefs[local]'"
            ) from e
        params = xllamacpp.CommonParams()
        params.model.path = str(path)
        params.n_ctx = CONTEXT_TOKENS
        params.n_parallel = 1
        params.cpuparams.n_threads = self._threads
        params.cpuparams_batch.n_threads = self._threads
        params.port = 0  # a free port, chosen by the server
        params.verbosity = -1
        params.warmup = False
        try:
            self._server = xllamacpp.Server(params)
        except Exception as e:
            raise ModelFileError(f"{path}: the model could not be loaded ({e})") from e
        address = str(self._server.listening_address)
        _wait_healthy(address, LOAD_TIMEOUT)
        return address

    def structured(
        self,
        messages: Messages,
        response_model: type[T],
        *,
        context: dict[str, Any],
        max_reasks: int,
    ) -> Structured[T]:
        if self._inner is None:
            self.prepare()
        assert self._inner is not None
        return self._inner.structured(
            messages, response_model, context=context, max_reasks=max_reasks
        )

    def close(self) -> None:
        if self._inner is not None:
            self._inner.close()
        self._server = None  # the server stops when the object is freed


def _wait_healthy(address: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(f"{address}/health", timeout=5) as response:
                if json.load(response).get("status") == "ok":
                    return
        except (urllib.error.URLError, OSError, ValueError):
            pass
        if time.monotonic() > deadline:
            raise BackendError(f"the local model server did not become ready in {timeout:g} s")
        time.sleep(0.2)
