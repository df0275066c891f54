"""The one exception hierarchy of the package.

Callers catch :class:`SummariserError`; the CLI maps each subclass to one line on
stderr and a documented exit code (see ``cli.EXIT_CODES`` and the README).
"""

from __future__ import annotations

import re
import threading
from typing import Any


class SummariserError(Exception):
    """Root of every error this package raises on purpose."""


class InputError(SummariserError):
    """The article cannot be used: empty, binary, undecodable or unreadable."""


class OutputError(SummariserError):
    """The output cannot be written: a missing directory, no permission, a directory, a
    file that is not a batch output, or a batch output another batch is writing."""


class ConfigError(SummariserError):
    """Unknown model, missing key, bad option or missing optional dependency."""


class CacheError(ConfigError):
    """The answer cache cannot be read or changed (``summariser cache info`` and
    ``clear``; briefs go on without the cache instead, with a warning)."""


class ModelFileError(SummariserError):
    """The embedded model's weights are missing or fail their checksum."""


class BackendError(SummariserError):
    """The model endpoint failed (after retries, for transient faults).

    ``status`` is the HTTP status when there was one; ``__cause__`` holds the
    transport exception.
    """

    def __init__(self, message: str, *, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


class BriefValidationError(SummariserError):
    """The model's output could not be turned into a brief within the re-ask budget.

    ``last_attempt`` keeps the raw text of the last answer, for inspection.
    """

    def __init__(self, message: str, *, last_attempt: str | None = None, usage: Any = None) -> None:
        super().__init__(message)
        self.last_attempt = last_attempt
        self.usage = usage


class RecordingError(SummariserError):
    """Replay found no recording for a request, or a recording went unplayed."""

    def __init__(self, message: str, *, key: str | None = None) -> None:
        super().__init__(message)
        self.key = key


class BudgetError(SummariserError):
    """``batch --max-cost`` stopped starting articles: some inputs have no line yet."""


EXIT_CODES: dict[type[SummariserError], int] = {
    InputError: 3,
    OutputError: 3,
    ConfigError: 4,
    ModelFileError: 5,
    BackendError: 6,
    BriefValidationError: 7,
    RecordingError: 8,
    BudgetError: 9,
}
"""The CLI's exit code for each error; 0 success, 1 internal error, 2 bad command line."""


def exit_code(error: SummariserError) -> int:
    """The documented exit code of an error (1 for an unexpected kind)."""
    return next((code for kind, code in EXIT_CODES.items() if isinstance(error, kind)), 1)


# Secrets: what no error message, log record, output line or recording may show.

REDACTED = "[redacted]"
_SECRETS: set[str] = set()
_SECRETS_LOCK = threading.Lock()
MIN_SECRET = 6  # shorter values would match ordinary words


def register_secret(value: str | None) -> None:
    """Remember a key this process sends, so that :func:`redact` removes it wherever it
    turns up, a server's echo of it included."""
    if value and len(value.strip()) >= MIN_SECRET:
        with _SECRETS_LOCK:
            _SECRETS.add(value.strip())


# user:password@ in any URL; values of query parameters named like credentials.
_USERINFO = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)[^/\s@?#]+@")
_SECRET_PARAM = re.compile(
    r"(?i)([?&;][a-z0-9_.-]*(?:key|token|secret|passw|pwd|auth|signature|sig|credential)"
    r"[a-z0-9_.-]*=)[^&#\s'\"]+"
)
# Shapes of real keys: OpenAI-style, AWS, Google, GitHub, Slack, Hugging Face, JWTs.
_KEY_SHAPES = re.compile(
    r"\b(?:sk|pk|rk)[-_](?:[a-z]+[-_])?[A-Za-z0-9_-]{16,}"
    r"|\bAKIA[0-9A-Z]{16}\b|\bAIza[0-9A-Za-z_-]{30,}"
    r"|\bgh[pousr]_[A-Za-z0-9]{30,}|\bxox[abposr]-[A-Za-z0-9-]{10,}|\bhf_[A-Za-z0-9]{30,}"
    r"|\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}"
)
_AUTH_SCHEME = re.compile(r"(?i)\b(bearer|basic|token)(\s+)[A-Za-z0-9._~+/=-]{8,}")
_ASSIGNED = re.compile(
    r"(?i)(?<![\w/.-])((?:x-)?(?:api[_-]?key|access[_-]?token|auth[_-]?token|secret|password"
    r"|passwd)[\"']?\s*[:=]\s*[\"']?)(?!\[redacted\])[^\s\"',;&}]{8,}"
)
# In a server's error body, any long run of letters and digits may be a key it echoes.
_LONG_TOKEN = re.compile(r"(?<![A-Za-z0-9_-])(?=[A-Za-z0-9_-]*\d)(?=[A-Za-z0-9_-]*[A-Za-z])"
                         r"[A-Za-z0-9_-]{32,}(?![A-Za-z0-9_-])")  # fmt: skip


def redact_urls(text: str) -> str:
    """``text`` with the credentials of every URL in it removed: ``user:pw@`` dropped and
    the values of parameters such as ``api_key=`` redacted. How a base URL is shown."""
    return _SECRET_PARAM.sub(rf"\1{REDACTED}", _USERINFO.sub(r"\1", text))


def redact(text: str) -> str:
    """``text`` with every registered secret, URL credential and key-shaped string
    replaced by ``[redacted]``: for messages, log records and recordings."""
    with _SECRETS_LOCK:
        secrets = sorted(_SECRETS, key=len, reverse=True)
    for secret in secrets:
        text = text.replace(secret, REDACTED)
    text = redact_urls(text)
    text = _AUTH_SCHEME.sub(rf"\1\2{REDACTED}", text)
    text = _ASSIGNED.sub(rf"\1{REDACTED}", text)
    return _KEY_SHAPES.sub(REDACTED, text)


def scrub_server_text(text: str) -> str:
    """A server's error text as it may be shown: :func:`redact`, and any long run of
    letters and digits (a key the server echoes, in whatever shape) redacted too."""
    return _LONG_TOKEN.sub(REDACTED, redact(text))
