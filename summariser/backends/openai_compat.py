"""Any OpenAI-compatible endpoint (OpenAI, Ollama, vLLM, llama.cpp server, LM Studio).

Transport faults (429, 5xx, time-outs, dropped connections) are retried here by
tenacity, honouring ``Retry-After``; the openai client's own retries are off so the two
do not multiply. A connection refused by this machine is not retried: nothing listens
there. Invalid output is re-asked by instructor. The instructor ``Mode`` never leaves
this package.

``Endpoint.timeout`` is the deadline of one request, all of it: every HTTP attempt
(each read and write of a slow stream is capped at the time left, see
``input/http.py``), the waits between retries and the re-asks share it. A retry that
could not finish before the deadline is not started.

The base URL is shown, and kept in the backend's identity (``meta.model``, cache keys,
recordings), without credentials (``user:pw@``, ``?api_key=``). The key is registered
as a secret, so an error a server echoes it in is printed and stored redacted.

The client sends only the key the endpoint was given (none: no Authorization header),
and the headers the openai SDK takes from OpenAI's own variables only to OpenAI. For
OpenAI the request instructor builds is made strict (``strict.py``).
"""

from __future__ import annotations

import ipaddress
import logging
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import instructor
import openai
from instructor.core.exceptions import IncompleteOutputException, InstructorRetryException
from tenacity import (
    RetryCallState,
    Retrying,
    retry_if_exception,
    stop_after_attempt,
    wait_exponential_jitter,
)
from tenacity.stop import stop_base

from summariser.backends.base import Messages, Structured, T
from summariser.backends.modes import ModeMemory, OutputMode
from summariser.backends.strict import strict_request
from summariser.errors import (
    BackendError,
    BriefValidationError,
    redact,
    redact_urls,
    register_secret,
    scrub_server_text,
)
from summariser.input.http import deadline, http_client, time_left
from summariser.schema import CallTokens, Usage

if TYPE_CHECKING:
    from openai._types import RequestOptions

_MODES = {
    OutputMode.JSON_SCHEMA: instructor.Mode.JSON_SCHEMA,
    OutputMode.TOOLS: instructor.Mode.TOOLS,
    OutputMode.JSON: instructor.Mode.JSON,
}
MAX_RETRY_AFTER = 60.0
FALLBACK_ORDER = (OutputMode.JSON_SCHEMA, OutputMode.TOOLS, OutputMode.JSON)
# Words in an HTTP 4xx/5xx error that say the server rejected the output mode itself.
_MODE_WORDS = ("response_format", "json_schema", "schema", "tool", "function", "unsupported",
               "not supported")  # fmt: skip
_MODE_STATUSES = {400, 404, 415, 422, 500, 501}
# The HTTP library the openai SDK is built on (HTTPX2, or HTTPX in older releases).
_HTTP_LIBRARY = openai.DefaultHttpxClient.__mro__[1].__module__.partition(".")[0]
# The openai client refuses to start without a key; with none to send, it gets this
# placeholder and every request omits the Authorization header.
_NO_KEY = "no-key"

# instructor logs an ERROR when its re-asks run out; we handle that case ourselves (the
# brief goes on with a warning), so without this handler Python would print the record's
# many lines on stderr. Records still reach any handler the application configures.
logging.getLogger("instructor").addHandler(logging.NullHandler())


@dataclass(frozen=True)
class RetryPolicy:
    """How transient faults are retried; all attempts share the endpoint's deadline."""

    attempts: int = 5
    initial_wait: float = 1.0
    max_wait: float = 30.0


@dataclass(frozen=True)
class Endpoint:
    """Where the model is and how to talk to it."""

    base_url: str
    model: str
    api_key: str = field(repr=False)  # "" sends no Authorization header
    mode: OutputMode = OutputMode.JSON_SCHEMA
    strict: bool = False  # OpenAI's strict structured outputs (json_schema and tools)
    # Whether the openai SDK's own variables (OPENAI_ORG_ID, OPENAI_PROJECT_ID,
    # OPENAI_CUSTOM_HEADERS) may add headers: only at OpenAI's own address.
    openai_env: bool = False
    key_help: str = "check the key"  # where the key comes from, for a 401 message
    timeout: float = 600.0  # seconds for one request in all: attempts, waits, re-asks
    max_tokens: int = 2048
    temperature: float = 0.0
    seed: int | None = 0
    extra_body: dict[str, Any] = field(default_factory=dict)
    retry: RetryPolicy = RetryPolicy()


def _transient(error: BaseException) -> bool:
    if _refused_here(error):
        return False  # nothing listens on this machine's port: a retry finds nothing either
    if isinstance(error, (openai.APITimeoutError, openai.APIConnectionError)):
        return True
    if isinstance(error, openai.APIStatusError):
        if _mode_rejected(error.status_code, _api_message(error)):
            return False  # a server that cannot do this mode will not learn it on retry
        return error.status_code == 429 or error.status_code >= 500
    return False


def _refused_here(error: BaseException) -> bool:
    """A connection refused by this machine (a local server that is not running)."""
    if not isinstance(error, openai.APIConnectionError) or isinstance(
        error, openai.APITimeoutError
    ):
        return False
    cause: BaseException | None = error
    while cause is not None and not isinstance(cause, ConnectionRefusedError):
        cause = cause.__cause__ or cause.__context__
    return cause is not None and _is_loopback(error.request.url.host)


def _is_loopback(host: str) -> bool:
    """Whether ``host`` names this machine."""
    host = host.strip("[]").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _foreign_headers(endpoint: Endpoint) -> dict[str, Any]:
    """Headers every request must omit: Authorization when there is no key, and what the
    openai SDK would add from OpenAI's own variables at any other address."""
    omitted: list[str] = [] if endpoint.api_key else ["Authorization"]
    if not endpoint.openai_env:
        omitted += ["OpenAI-Organization", "OpenAI-Project"]
        custom = os.environ.get("OPENAI_CUSTOM_HEADERS", "")
        omitted += [line.partition(":")[0].strip() for line in custom.splitlines() if ":" in line]
    return {name: openai.omit for name in omitted if name}


def _mode_rejected(status: int | None, message: str) -> bool:
    lowered = message.lower()
    return status in _MODE_STATUSES and any(word in lowered for word in _MODE_WORDS)


class _OutOfTime(stop_base):
    """Stop retrying when the next attempt would start after the request's deadline."""

    def __call__(self, retry_state: RetryCallState) -> bool:
        left = time_left()
        return left is not None and left <= retry_state.upcoming_sleep


def _retry_after(error: BaseException | None) -> float | None:
    if not isinstance(error, openai.APIStatusError):
        return None
    value = error.response.headers.get("retry-after")
    try:
        return min(float(value), MAX_RETRY_AFTER) if value is not None else None
    except ValueError:
        return None


class OpenAICompatBackend:
    """Structured output from an OpenAI-compatible chat-completions endpoint."""

    def __init__(
        self, endpoint: Endpoint, identity: str | None = None, memory: ModeMemory | None = None
    ) -> None:
        self.endpoint = endpoint
        self._identity = redact_urls(identity or f"{endpoint.base_url}#{endpoint.model}")
        self._local = threading.local()  # per-thread call count: batches share a backend
        register_secret(endpoint.api_key)
        # Every argument the client would otherwise read from OPENAI_* variables is given.
        self._client = openai.OpenAI(
            base_url=endpoint.base_url,
            api_key=endpoint.api_key or _NO_KEY,
            max_retries=0,
            timeout=endpoint.timeout,
            http_client=http_client(
                endpoint.base_url, endpoint.timeout, library=_HTTP_LIBRARY, follow_redirects=True
            ),
        )
        self._headers = _foreign_headers(endpoint)
        self._backoff = wait_exponential_jitter(
            initial=endpoint.retry.initial_wait, max=endpoint.retry.max_wait
        )
        create = self._with_retries(_chat_completions(self._client))
        auto = endpoint.mode is OutputMode.AUTO
        self._modes: list[OutputMode] = list(FALLBACK_ORDER) if auto else [endpoint.mode]
        # --mode auto: start where an earlier run's fallback ended (the cache remembers it)
        self._memory = memory if auto else None
        known = self._memory.recall_mode(self._identity) if self._memory else None
        if known is not None and known in self._modes:
            del self._modes[: self._modes.index(OutputMode(known))]
        self._creates = {
            mode: instructor.patch(create=create, mode=_MODES[mode]) for mode in self._modes
        }

    @property
    def identity(self) -> str:
        return self._identity

    @property
    def mode(self) -> OutputMode:
        """The output mode in use (with ``auto``, the first one the server accepted)."""
        return self._modes[0]

    def prepare(self, progress: Callable[[str], None] | None = None) -> None:
        """Nothing to load: the endpoint is remote."""

    def close(self) -> None:
        self._client.close()

    def _wait(self, state: RetryCallState) -> float:
        error = state.outcome.exception() if state.outcome else None
        after = _retry_after(error)
        return after if after is not None else self._backoff(state)

    def _with_retries(self, create: Callable[..., Any]) -> Callable[..., Any]:
        policy = self.endpoint.retry

        def call(*args: Any, **kwargs: Any) -> Any:
            retrying = Retrying(
                stop=stop_after_attempt(policy.attempts) | _OutOfTime(),
                wait=self._wait,
                retry=retry_if_exception(_transient),
                reraise=True,
            )
            return retrying(counted, *args, **kwargs)

        def counted(*args: Any, **kwargs: Any) -> Any:
            self._local.calls = getattr(self._local, "calls", 0) + 1
            if self.endpoint.strict:
                kwargs = strict_request(kwargs)
            if self._headers:
                kwargs["extra_headers"] = {**self._headers, **kwargs.get("extra_headers", {})}
            response = create(*args, **kwargs)
            usage = getattr(response, "usage", None)
            self._local.per_call.append(
                CallTokens(
                    prompt_tokens=int(getattr(usage, "prompt_tokens", 0) or 0),
                    completion_tokens=int(getattr(usage, "completion_tokens", 0) or 0),
                )
            )
            return response

        return call

    def structured(
        self,
        messages: Messages,
        response_model: type[T],
        *,
        context: dict[str, Any],
        max_reasks: int,
    ) -> Structured[T]:
        with deadline(self.endpoint.timeout):  # one deadline for all of this request
            while True:
                try:
                    return self._structured(
                        self.mode, messages, response_model, context, max_reasks
                    )
                except BackendError as error:
                    if len(self._modes) == 1 or not _mode_rejected(error.status, str(error)):
                        raise
                    self._modes.pop(0)  # remember: later calls start with the next mode
                    if self._memory is not None:  # and so do later runs
                        self._memory.remember_mode(self._identity, self.mode.value)

    def _structured(
        self,
        mode: OutputMode,
        messages: Messages,
        response_model: type[T],
        context: dict[str, Any],
        max_reasks: int,
    ) -> Structured[T]:
        endpoint = self.endpoint
        started = time.monotonic()
        self._local.calls = 0  # HTTP calls of this request, retries and re-asks included
        self._local.per_call = []  # tokens of each answered call
        kwargs: dict[str, Any] = {
            "model": endpoint.model,
            "messages": [dict(m) for m in messages],
            "max_tokens": endpoint.max_tokens,
            "temperature": endpoint.temperature,
        }
        if endpoint.seed is not None:
            kwargs["seed"] = endpoint.seed
        if endpoint.extra_body:
            kwargs["extra_body"] = endpoint.extra_body
        try:
            value = self._creates[mode](
                response_model=response_model,
                context=context,
                max_retries=max_reasks,
                **kwargs,
            )
        except IncompleteOutputException as e:
            raise BriefValidationError(
                f"the model's answer was cut off at max_tokens={endpoint.max_tokens}",
                last_attempt=_completion_text(e.last_completion),
            ) from e
        except InstructorRetryException as e:
            cause = e.__cause__
            if isinstance(cause, openai.APIError):
                raise _backend_error(cause, endpoint) from cause
            usage = _usage(e.total_usage, self._local.calls, started, self._local.per_call)
            raise BriefValidationError(
                f"the model's output was still invalid after {max_reasks} re-ask(s): "
                f"{redact(_first_line(str(cause or e)))}",
                last_attempt=_completion_text(e.last_completion),
                usage=usage,
            ) from e
        except openai.APIError as e:
            raise _backend_error(e, endpoint) from e
        raw_usage = getattr(value, "_total_usage", None)
        usage = _usage(raw_usage, self._local.calls, started, self._local.per_call)
        return Structured(value=value, usage=usage)


def _chat_completions(client: openai.OpenAI) -> Callable[..., Any]:
    """What ``client.chat.completions.create`` does for the requests instructor makes
    (never streamed), without importing it: the SDK's ``resources`` package loads every
    API it covers, 13 MB and 0.2 s on a run whose memory is held under 200 MB. The same
    POST through the same client (its errors, time-outs and headers), the answer parsed
    into the same ``ChatCompletion``; only the bearer key is sent, as ``create`` does."""
    from openai.types.chat import ChatCompletion

    def create(
        *,
        extra_headers: Any = None,
        extra_query: Any = None,
        extra_body: Any = None,
        timeout: Any = openai.NOT_GIVEN,
        **body: Any,
    ) -> ChatCompletion:
        options: RequestOptions = {"security": {"bearer_auth": True}}
        if extra_headers is not None:
            options["headers"] = extra_headers
        if extra_query is not None:
            options["params"] = extra_query
        if extra_body is not None:
            options["extra_json"] = extra_body
        if timeout is not openai.NOT_GIVEN:
            options["timeout"] = timeout
        return client.post("/chat/completions", body=body, cast_to=ChatCompletion, options=options)

    return create


def _usage(raw: Any, calls: int, started: float, per_call: list[CallTokens]) -> Usage:
    return Usage(
        calls=calls,
        per_call=list(per_call),
        prompt_tokens=int(getattr(raw, "prompt_tokens", 0) or 0),
        completion_tokens=int(getattr(raw, "completion_tokens", 0) or 0),
        seconds=round(time.monotonic() - started, 3),
    )


def _completion_text(completion: Any) -> str | None:
    try:
        message = completion.choices[0].message
    except (AttributeError, IndexError, TypeError):
        return None
    if message.content:
        return str(message.content)
    calls = getattr(message, "tool_calls", None) or []
    return str(calls[0].function.arguments) if calls else None


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else "no details"


def _backend_error(error: openai.APIError, endpoint: Endpoint) -> BackendError:
    """One clear sentence for a transport or API failure; never includes the key, nor
    anything key-like a server's error text holds."""
    where = f"{redact_urls(endpoint.base_url)} (model {endpoint.model})"
    if isinstance(error, openai.APITimeoutError):
        return BackendError(
            f"{where} did not answer within {endpoint.timeout:g} s "
            "(the deadline of the whole request, retries included)"
        )
    if isinstance(error, openai.APIConnectionError):
        return BackendError(f"cannot connect to {where}")
    if isinstance(error, openai.APIStatusError):
        status = error.status_code
        detail = _api_message(error)
        if status == 401:
            sent = "the API key was rejected" if endpoint.api_key else "the server wants an API key"
            text = f"{sent} (HTTP 401); {endpoint.key_help}"
        elif status == 403:
            text = "access denied (HTTP 403)"
        elif status == 404:
            text = f"model or endpoint not found (HTTP 404): {detail}"
        elif status == 429:
            text = "rate limited (HTTP 429) and retries ran out"
        elif status >= 500:
            text = f"server error (HTTP {status}) and retries ran out: {detail}"
        elif "context" in detail.lower() and (
            "length" in detail.lower() or "long" in detail.lower()
        ):
            text = f"the article is too long for the model's context (HTTP {status}): {detail}"
        else:
            text = f"request rejected (HTTP {status}): {detail}"
        return BackendError(f"{where}: {text}", status=status)
    return BackendError(f"{where}: {scrub_server_text(_first_line(str(error)))[:300]}")


def _api_message(error: openai.APIStatusError) -> str:
    """The server's own words about the error, first line, scrubbed of anything key-like
    (a server may echo the key it was sent)."""
    body = error.body
    if isinstance(body, dict):
        inner = body.get("error", body)
        if isinstance(inner, dict) and inner.get("message"):
            return scrub_server_text(_first_line(str(inner["message"])))[:200]
    return scrub_server_text(_first_line(error.message))[:200]
