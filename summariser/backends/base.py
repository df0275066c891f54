"""The one small interface the pipeline sees: messages + response model → validated object."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Generic, Protocol, TypeVar

from pydantic import BaseModel

from summariser.schema import Usage

T = TypeVar("T", bound=BaseModel)

Messages = list[dict[str, str]]


class OutputMode(StrEnum):
    """How structured output is requested from an endpoint."""

    AUTO = "auto"  # json_schema, else tools, else json: the first the server accepts
    JSON_SCHEMA = "json_schema"  # response_format json_schema: enforced by the server
    TOOLS = "tools"  # a function call whose parameters are the schema
    JSON = "json"  # JSON object + schema in the prompt; validated and re-asked


@dataclass(frozen=True)
class Structured(Generic[T]):
    value: T
    usage: Usage


class Backend(Protocol):
    """A way to reach a model."""

    @property
    def identity(self) -> str:
        """A stable name of the model that determines answers (part of cache keys)."""
        ...

    def prepare(self, progress: Callable[[str], None] | None = None) -> None:
        """Load or connect before the first call (outside any recording)."""
        ...

    def structured(
        self,
        messages: Messages,
        response_model: type[T],
        *,
        context: dict[str, Any],
        max_reasks: int,
    ) -> Structured[T]:
        """Ask for ``response_model``; re-ask up to ``max_reasks`` times on invalid output."""
        ...

    def close(self) -> None: ...
