"""The one small interface the pipeline sees: messages + response model → validated object."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

from pydantic import BaseModel

from summariser.schema import Usage

T = TypeVar("T", bound=BaseModel)

Messages = list[dict[str, str]]


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
