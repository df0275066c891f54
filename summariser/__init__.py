"""summariser: grounded analyst briefs of news articles.

>>> from summariser import summarise
>>> brief = summarise(open("article.txt").read())          # doctest: +SKIP
>>> brief.numbers[0].value, brief.numbers[0].evidence.quote  # doctest: +SKIP

The public API is listed in ``__all__``; names are imported on first use so that the
command line starts fast.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from summariser.errors import (
        BackendError,
        BriefValidationError,
        ConfigError,
        InputError,
        ModelFileError,
        RecordingError,
        SummariserError,
    )
    from summariser.pipeline import asummarise, summarise
    from summariser.schema import SCHEMA_VERSION, Brief

__all__ = [
    "SCHEMA_VERSION",
    "BackendError",
    "Brief",
    "BriefValidationError",
    "ConfigError",
    "InputError",
    "ModelFileError",
    "RecordingError",
    "SummariserError",
    "asummarise",
    "summarise",
]

_HOMES = {
    "summarise": "summariser.pipeline",
    "asummarise": "summariser.pipeline",
    "Brief": "summariser.schema",
    "SCHEMA_VERSION": "summariser.schema",
}


def __getattr__(name: str) -> Any:
    if name in __all__:
        module = import_module(_HOMES.get(name, "summariser.errors"))
        return getattr(module, name)
    raise AttributeError(f"module 'summariser' has no attribute {name!r}")
