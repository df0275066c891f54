"""The cache keeps the model's answers and builds briefs from them with today's code.

The model here is SYNTHETIC (tests/synthetic.py): it drafts from the request's own text.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from summariser.backends import backend_identity
from summariser.config import Settings
from summariser.input.documents import make_document
from summariser.model import answers as answers_module
from summariser.pipeline import Summariser
from summariser.schema import Brief
from summariser.store.cache import BriefCache
from summariser.store.keys import brief_key
from tests.conftest import FIXTURES
from tests.fake_openai import FakeServer, Reply, fake_openai, synthetic_completion
from tests.synthetic import synthetic_responder
from tests.test_backend import SYNTHETIC_DRAFT

ARTICLE = (FIXTURES / "articles" / "harbour-fire.txt").read_text(encoding="utf-8")


def _settings(server: FakeServer, **more: Any) -> Settings:
    return Settings(model="m", base_url=server.url, mode="json_schema", api_key="test-key", **more)


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[BriefCache]:
    cache = BriefCache(tmp_path / "answers.sqlite")
    yield cache
    cache.close()


def _comparable(brief: Brief) -> dict[str, Any]:
    data = brief.model_dump(mode="json")
    data["meta"]["usage"].pop("cached")
    return data


def test_the_cache_stores_the_models_answer_not_the_brief(
    tmp_path: Path, cache: BriefCache
) -> None:
    document = make_document(ARTICLE)
    with fake_openai(responder=synthetic_responder) as server:
        settings = _settings(server)
        with Summariser(settings, cache=cache) as summariser:
            fresh = summariser.brief(document)
            again = summariser.brief(document)
        assert len(server.requests) == 1
    with closing(sqlite3.connect(tmp_path / "answers.sqlite")) as db:
        (stored,) = db.execute("SELECT answers FROM answers")
    answers = json.loads(stored[0])
    assert set(answers) == {"chunks"} and set(answers["chunks"][0]) == {"draft", "usage", "spent"}
    assert "claims" in answers["chunks"][0]["draft"]
    assert again.meta.usage.cached and not fresh.meta.usage.cached
    assert _comparable(again) == _comparable(fresh)


def test_a_hit_builds_the_brief_with_the_code_that_runs_now(
    cache: BriefCache, monkeypatch: pytest.MonkeyPatch
) -> None:
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
    cache: BriefCache,
) -> None:
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


@pytest.mark.parametrize(
    "stored", ["not json", '{"chunks": []}', '{"chunks": [{"draft": {}}]}', '{"brief": 1}']
)
def test_an_entry_that_no_longer_validates_is_a_miss(cache: BriefCache, stored: str) -> None:
    document = make_document(ARTICLE)
    with fake_openai(responder=synthetic_responder) as server:
        settings = _settings(server)
        key = brief_key(document, settings)
        cache.put(key, stored)
        assert cache.answers(document, backend_identity(settings), settings) is None
        with Summariser(settings, cache=cache) as summariser:
            brief = summariser.brief(document)
        assert len(server.requests) == 1
    assert brief.claims and not brief.meta.usage.cached
    assert cache.get(key) not in (None, stored)  # the fresh answer replaced the entry
    assert cache.brief(document, settings) is not None


def test_a_spent_reask_budget_comes_back_from_the_cache_with_its_warning(
    cache: BriefCache, seed_text: str
) -> None:
    invented = {**SYNTHETIC_DRAFT, "people": [{"name": "Vladimir Ivanov", "role": "colonel"}]}
    reply = Reply(200, synthetic_completion(json.dumps(invented)))
    document = make_document(seed_text)
    with fake_openai([reply, reply]) as server:
        settings = _settings(server, max_reasks=1)
        with Summariser(settings, cache=cache) as summariser:
            fresh = summariser.brief(document)
            again = summariser.brief(document)
        assert len(server.requests) == 2  # the first answer and its one re-ask, not more
    assert again.meta.usage.cached
    assert any("re-ask budget spent" in w.reason for w in again.warnings)
    assert any("Vladimir Ivanov" in w.item for w in again.warnings)
    assert _comparable(again) == _comparable(fresh)


def test_a_lone_chunk_that_is_a_sub_document_gets_document_offsets(cache: BriefCache) -> None:
    # Longer than a chunk only by its leading white space: one chunk, but not the document.
    text = "\n" * 40 + ARTICLE
    document = make_document(text)
    with fake_openai(responder=synthetic_responder) as server:
        settings = _settings(server, chunk_chars=len(ARTICLE) + 10)
        with Summariser(settings, cache=cache) as summariser:
            fresh = summariser.brief(document)
            again = summariser.brief(document)
    assert fresh.evidences()
    for evidence in fresh.evidences():
        assert text[evidence.start : evidence.end] == evidence.quote
    assert _comparable(again) == _comparable(fresh)


def test_the_brief_cache_of_older_versions_is_removed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ours, elsewhere = tmp_path / "cache", tmp_path / "elsewhere"
    for folder in (ours, elsewhere):
        folder.mkdir()
        (folder / "briefs.sqlite").write_bytes(b"SQLite format 3\x00")
    (ours / "notes.txt").write_text("kept", encoding="utf-8")
    with closing(BriefCache(elsewhere / "answers.sqlite")):  # a path the caller chose
        pass
    monkeypatch.setenv("SUMMARISER_CACHE_DIR", str(ours))
    with closing(BriefCache()):
        pass
    assert not (ours / "briefs.sqlite").exists() and (ours / "notes.txt").exists()
    assert (elsewhere / "briefs.sqlite").exists()
