"""The cache keeps the model's answers and builds briefs from them with today's code.

The model here is SYNTHETIC (tests/synthetic.py): it drafts from the request's own text.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from summariser import answers as answers_module
from summariser.backends import backend_identity
from summariser.cache import BriefCache
from summariser.config import Settings
from summariser.documents import make_document
from summariser.keys import brief_key
from summariser.pipeline import Summariser
from summariser.schema import Brief
from tests.conftest import FIXTURES
from tests.fake_openai import FakeServer, fake_openai
from tests.synthetic import synthetic_responder

ARTICLE = (FIXTURES / "articles" / "harbour-fire.txt").read_text(encoding="utf-8")


def _settings(server: FakeServer, **more: Any) -> Settings:
    return Settings(model="m", base_url=server.url, mode="json_schema", api_key="test-key", **more)


def _comparable(brief: Brief) -> dict[str, Any]:
    data = brief.model_dump(mode="json")
    data["meta"]["usage"].pop("cached")
    return data


def test_the_cache_stores_the_models_answer_not_the_brief(tmp_path: Path) -> None:
    cache = BriefCache(tmp_path / "answers.sqlite")
    document = make_document(ARTICLE)
    with fake_openai(responder=synthetic_responder) as server:
        settings = _settings(server)
        with Summariser(settings, cache=cache) as summariser:
            fresh = summariser.brief(document)
            again = summariser.brief(document)
        assert len(server.requests) == 1
    (stored,) = sqlite3.connect(tmp_path / "answers.sqlite").execute("SELECT answers FROM answers")
    answers = json.loads(stored[0])
    assert set(answers) == {"chunks"} and set(answers["chunks"][0]) == {"draft", "usage", "spent"}
    assert "claims" in answers["chunks"][0]["draft"]
    assert again.meta.usage.cached and not fresh.meta.usage.cached
    assert _comparable(again) == _comparable(fresh)


def test_a_hit_builds_the_brief_with_the_code_that_runs_now(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = BriefCache(tmp_path / "answers.sqlite")
    document = make_document(ARTICLE)
    with fake_openai(responder=synthetic_responder) as server:
        settings = _settings(server)
        with Summariser(settings, cache=cache) as summariser:
            summariser.brief(document)
        built: list[str] = []
        real = answers_module.build_brief

        def spy(*args: Any, **kwargs: Any) -> Brief:
            built.append("brief")
            return real(*args, **kwargs)

        monkeypatch.setattr(answers_module, "build_brief", spy)
        hit = cache.brief(document, settings)
        assert len(server.requests) == 1
    assert hit is not None and hit.meta.usage.cached
    assert built == ["brief"]


def test_a_long_article_comes_back_from_the_cache_as_the_same_merged_brief(
    tmp_path: Path,
) -> None:
    cache = BriefCache(tmp_path / "answers.sqlite")
    text = "\n\n".join(ARTICLE.replace("300", str(300 + n)) for n in range(6))
    document = make_document(text)
    with fake_openai(responder=synthetic_responder) as server:
        settings = _settings(server, chunk_chars=2000)
        with Summariser(settings, cache=cache) as summariser:
            fresh = summariser.brief(document)
            calls = len(server.requests)
            again = summariser.brief(document)
        assert calls >= 3 and len(server.requests) == calls
    assert any("chunks and merged" in w.reason for w in again.warnings)
    assert _comparable(again) == _comparable(fresh)
    for evidence in again.evidences():
        assert text[evidence.start : evidence.end] == evidence.quote


@pytest.mark.parametrize("stored", ["not json", '{"chunks": [{"draft": {}}]}', '{"brief": 1}'])
def test_an_entry_that_no_longer_validates_is_a_miss(tmp_path: Path, stored: str) -> None:
    cache = BriefCache(tmp_path / "answers.sqlite")
    document = make_document(ARTICLE)
    with fake_openai(responder=synthetic_responder) as server:
        settings = _settings(server)
        cache.put(brief_key(document, settings), stored)
        assert cache.answers(document, backend_identity(settings), settings) is None
        with Summariser(settings, cache=cache) as summariser:
            brief = summariser.brief(document)
        assert len(server.requests) == 1
    assert brief.claims and not brief.meta.usage.cached
    assert cache.brief(document, settings) is not None  # the fresh answer replaced it
