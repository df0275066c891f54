"""Stable keys for what determines a model's answer (recordings and the cache)."""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any

from summariser.errors import redact_urls

if TYPE_CHECKING:
    from summariser.config import Settings
    from summariser.input.documents import Document


def recording_key(**parts: Any) -> str:
    """A short stable key for the parts that determine a model's answer."""
    canonical = json.dumps(parts, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:20]


def key_parts(document: Document, identity: str, settings: Settings) -> dict[str, object]:
    """Everything that determines the model's answer, for recording and cache keys.

    The schema version here is the draft's (the schema the model answers); the brief's
    own schema is built by code from the draft and does not change the answer. The
    sentence split is in the key because the prompt numbers the sentences, and the
    analysis (our rules and the spaCy model) because the prompt shows the sources it found.
    """
    from summariser.analysis.candidates import ANALYSIS_VERSION
    from summariser.analysis.nlp import MODEL_PACKAGE, MODEL_VERSION
    from summariser.input.documents import SEGMENTATION_VERSION
    from summariser.model.draft import DRAFT_VERSION
    from summariser.model.prompts import prompt_version

    parts: dict[str, object] = {
        "model": redact_urls(identity),  # credentials in a base URL are no part of a key
        "prompt_version": prompt_version(),
        "schema_version": f"draft-{DRAFT_VERSION}",
        "segmentation": SEGMENTATION_VERSION,
        "analysis": f"{ANALYSIS_VERSION}+{MODEL_PACKAGE}-{MODEL_VERSION}",
        "input_sha256": document.sha256,
        "max_reasks": settings.max_reasks,
        "mode": settings.mode,
        "max_tokens": settings.max_tokens,
    }
    if len(document.text) > settings.chunk_chars:  # the model reads only the top
        parts["chunk_chars"] = settings.chunk_chars
    return parts


def answer_key(document: Document, identity: str, settings: Settings) -> str:
    """The recording and cache key of the answers of the model ``identity``."""
    return recording_key(**key_parts(document, identity, settings))


def brief_key(document: Document, settings: Settings) -> str:
    """The recording and cache key of a brief, computed without loading any model."""
    from summariser.backends import backend_identity

    return answer_key(document, backend_identity(settings), settings)
