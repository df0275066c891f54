"""Structured-output modes (a leaf module: cheap to import)."""

from __future__ import annotations

from enum import StrEnum


class OutputMode(StrEnum):
    """How structured output is requested from an endpoint."""

    AUTO = "auto"  # json_schema, else tools, else json: the first the server accepts
    JSON_SCHEMA = "json_schema"  # response_format json_schema: enforced by the server
    TOOLS = "tools"  # a function call whose parameters are the schema
    JSON = "json"  # JSON object + schema in the prompt; validated and re-asked
