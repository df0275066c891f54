"""summariser: grounded analyst briefs of news articles.

>>> from summariser import load_source, summarise
>>> brief = summarise(load_source("article.html"))          # doctest: +SKIP
>>> brief.numbers[0].value, brief.numbers[0].evidence.quote  # doctest: +SKIP
>>> brief.provenance.title, brief.provenance.url            # doctest: +SKIP

Many articles with one backend (the local model is loaded once):

>>> from summariser import Summariser, load_settings
>>> with Summariser(load_settings(model="none")) as summariser:  # doctest: +SKIP
...     briefs = [summariser.brief(load_source(p)) for p in paths]

The public API is listed in ``__all__``; names are imported on first use so that the
command line starts fast.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from summariser.comparison.build import compare
    from summariser.comparison.schema import CrossSourceBrief
    from summariser.config import Settings, load_settings
    from summariser.errors import (
        BackendError,
        BriefValidationError,
        BudgetError,
        CacheError,
        ConfigError,
        InputError,
        ModelFileError,
        OutputError,
        RecordingError,
        SummariserError,
    )
    from summariser.input.documents import Document
    from summariser.input.sources import load_source
    from summariser.pipeline import ModeName, Summariser, asummarise, summarise
    from summariser.schema import SCHEMA_VERSION, Brief, Provenance

__all__ = [
    "SCHEMA_VERSION",
    "BackendError",
    "Brief",
    "BriefValidationError",
    "BudgetError",
    "CacheError",
    "ConfigError",
    "CrossSourceBrief",
    "Document",
    "InputError",
    "ModeName",
    "ModelFileError",
    "OutputError",
    "Provenance",
    "RecordingError",
    "Settings",
    "Summariser",
    "SummariserError",
    "asummarise",
    "compare",
    "load_settings",
    "load_source",
    "summarise",
]

_HOMES = {
    "summarise": "summariser.pipeline",
    "asummarise": "summariser.pipeline",
    "Summariser": "summariser.pipeline",
    "ModeName": "summariser.pipeline",
    "load_source": "summariser.input.sources",
    "Document": "summariser.input.documents",
    "Settings": "summariser.config",
    "load_settings": "summariser.config",
    "Brief": "summariser.schema",
    "Provenance": "summariser.schema",
    "SCHEMA_VERSION": "summariser.schema",
    "compare": "summariser.comparison.build",
    "CrossSourceBrief": "summariser.comparison.schema",
}


def __getattr__(name: str) -> Any:
    if name in __all__:
        module = import_module(_HOMES.get(name, "summariser.errors"))
        return getattr(module, name)
    raise AttributeError(f"module 'summariser' has no attribute {name!r}")
