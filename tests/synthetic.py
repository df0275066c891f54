"""A SYNTHETIC model for batch, chunking and cache tests: it answers every request with a
draft built from the article in that request (its first sentences and names), so the
draft always grounds. It is a stand-in for load and fault tests, never a recording."""

from __future__ import annotations

import json
import re
from typing import Any

from summariser.text import name_runs
from tests.fake_openai import Reply, synthetic_completion

_LINE = re.compile(r"^\[(\d+)\] (.*)$", re.MULTILINE)


def synthetic_draft_for(request: dict[str, Any]) -> dict[str, Any]:
    article = request["messages"][1]["content"]
    sentences = [(int(n), text) for n, text in _LINE.findall(article)]
    names = [name for _, text in sentences for name in name_runs(text)] or ["Nobody"]
    claims = [
        {"sentence": number, "statement": text[:140].rsplit(" ", 1)[0] if len(text) > 140 else text,
         "claimant": "eyewitnesses"}
        for number, text in sentences[:2]
    ]  # fmt: skip
    return {
        "claims": claims,
        "people": [],
        "organisations": [{"name": names[0], "kind": "other"}],
        "places": [{"name": names[-1], "kind": "other", "within": ""}],
        "headline": sentences[0][1][:100],
        "summary": "Eyewitnesses described the events in the article.",
    }


def synthetic_responder(request: dict[str, Any]) -> Reply:
    return Reply(200, synthetic_completion(json.dumps(synthetic_draft_for(request))))
