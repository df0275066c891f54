"""A SYNTHETIC model for batch, long-article and cache tests: it answers every request with
a draft built from the article in that request (the ids of its first sentences, and a
headline cut from the first one), so the draft always passes the schema and the
cross-check. It is a stand-in for load and fault tests, never a recording."""

from __future__ import annotations

import json
import re
from typing import Any

from tests.fake_openai import Reply, synthetic_completion

# One line of prompts/brief-user.j2: "[N] text" or "[N] (source: WHO) text". A source
# may hold brackets of its own ("Syrian Arab News Agency (SANA)"), hence the lazy match.
_LINE = re.compile(r"^\[(\d+)\](?: \(source: .*?\))? (.*)$", re.MULTILINE)
KEY_CLAIMS = 3
HEADLINE_CHARS = 100


def prompt_lines(request: dict[str, Any]) -> list[tuple[int, str]]:
    """The (id, text) of every sentence the request shows the model, in order."""
    article = request["messages"][1]["content"]
    return [(int(number), text) for number, text in _LINE.findall(article)]


def synthetic_draft_for(request: dict[str, Any]) -> dict[str, Any]:
    """Key claims: the first ids the prompt shows (every one in the schema's enum); the
    headline: the first sentence, cut at a word."""
    sentences = prompt_lines(request)
    first = sentences[0][1]
    headline = first if len(first) <= HEADLINE_CHARS else first[:HEADLINE_CHARS].rsplit(" ", 1)[0]
    return {"key_claims": [n for n, _ in sentences[:KEY_CLAIMS]], "headline": headline}


def synthetic_responder(request: dict[str, Any]) -> Reply:
    return Reply(200, synthetic_completion(json.dumps(synthetic_draft_for(request))))
