"""Structured-output modes (a leaf module: cheap to import)."""

from __future__ import annotations

from enum import StrEnum
from typing import Protocol


class OutputMode(StrEnum):
    """How structured output is requested from an endpoint."""

    AUTO = "auto"  # json_schema, else tools, else json: the first the server accepts
    JSON_SCHEMA = "json_schema"  # response_format json_schema: enforced by the server
    TOOLS = "tools"  # a function call whose parameters are the schema
    JSON = "json"  # JSON object + schema in the prompt; validated and re-asked


class ModeMemory(Protocol):
    """Where the mode an endpoint accepted is kept across runs (the answer cache)."""

    def recall_mode(self, endpoint: str) -> str | None: ...

    def remember_mode(self, endpoint: str, mode: str) -> None: ...
