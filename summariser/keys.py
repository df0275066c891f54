"""Stable keys for what determines a model's answer (recordings and the cache)."""

from __future__ import annotations

import hashlib
import json
from typing import Any


def recording_key(**parts: Any) -> str:
    """A short stable key for the parts that determine a model's answer."""
    canonical = json.dumps(parts, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:20]
