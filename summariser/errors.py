"""The one exception hierarchy of the package.

Callers catch :class:`SummariserError`; the CLI maps each subclass to one line on
stderr and a documented exit code (see ``cli.EXIT_CODES`` and the README).
"""

from __future__ import annotations

from typing import Any


class SummariserError(Exception):
    """Root of every error this package raises on purpose."""


class InputError(SummariserError):
    """The article cannot be used: empty, binary, undecodable or unreadable."""


class ConfigError(SummariserError):
    """Unknown model, missing key, bad option or missing optional dependency."""


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
