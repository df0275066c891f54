"""A SYNTHETIC model for batch, chunking and cache tests: it answers every request with a
draft built from the article in that request (its first sentences and names), so the
draft always grounds. It is a stand-in for load and fault tests, never a recording."""

from __future__ import annotations

import json
import re
from typing import Any

from tests.fake_openai import Reply, synthetic_completion

_LINE = re.compile(r"^\[(\d+)\](?: \(source: [^)]*\))? (.*)$", re.MULTILINE)


def synthetic_draft_for(request: dict[str, Any]) -> dict[str, Any]:
    article = request["messages"][1]["content"]
    sentences = [(int(n), text) for n, text in _LINE.findall(article)]
    claims = [
        {"sentence": number, "statement": text[:140].rsplit(" ", 1)[0] if len(text) > 140 else text}
        for number, text in sentences[:2]
    ]  # fmt: skip
    return {
        "key_claims": claims,
        "headline": sentences[0][1][:100],
        "summary": "The article describes the events it reports.",
    }


def synthetic_responder(request: dict[str, Any]) -> Reply:
    return Reply(200, synthetic_completion(json.dumps(synthetic_draft_for(request))))
