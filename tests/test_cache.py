"""The cache keeps the analysis and the model's answer, and builds briefs from them with
today's code: a hit parses nothing and calls no model.

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

from summariser.analysis import nlp
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
from tests.synthetic import synthetic_draft_for, synthetic_responder
from tests.test_backend import OUT_OF_ENUM

ARTICLE = (FIXTURES / "articles" / "harbour-fire.txt").read_text(encoding="utf-8")


def _settings(server: FakeServer, **more: Any) -> Settings:
    return Settings(model="m", base_url=server.url, mode="json_schema", api_key="test-key", **more)


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[BriefCache]:
    cache = BriefCache(tmp_path / "answers.sqlite")
    yield cache
    cache.close()


def _no_parse(text: str) -> None:
    raise AssertionError("a cache hit parsed the article again")


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
    assert set(answers) == {"analysis", "draft", "usage", "spent"}
    assert answers["draft"] == synthetic_draft_for(server.requests[0])
    assert answers["analysis"]["attributions"] and answers["analysis"]["entities"]
    assert answers["usage"]["calls"] == 1 and answers["spent"] is False
    assert again.meta.usage.cached and not fresh.meta.usage.cached
    assert _comparable(again) == _comparable(fresh)


def test_a_hit_builds_the_brief_with_the_code_that_runs_now(
    cache: BriefCache, monkeypatch: pytest.MonkeyPatch
) -> None:
    """From the cached analysis and draft: no parse, no model."""
    document = make_document(ARTICLE)
    with fake_openai(responder=synthetic_responder) as server:
        settings = _settings(server)
        with Summariser(settings, cache=cache) as summariser:
            summariser.brief(document)
        built: list[str] = []
        real = answers_module.build_brief  # type: ignore[attr-defined]  # spied where used

        def spy(*args: Any, **kwargs: Any) -> Brief:
            built.append("brief")
            return real(*args, **kwargs)

        monkeypatch.setattr(answers_module, "build_brief", spy)
        monkeypatch.setattr(nlp, "parse", _no_parse)
        hit = cache.brief(document, settings)
        assert len(server.requests) == 1
    assert hit is not None and hit.meta.usage.cached
    assert built == ["brief"]


def test_a_long_article_comes_back_from_the_cache_as_the_same_brief(
    cache: BriefCache, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One call for the top of the story; the cached analysis covers the whole text."""
    text = "\n\n".join(ARTICLE.replace("300", str(300 + n)) for n in range(6))
    document = make_document(text)
    with fake_openai(responder=synthetic_responder) as server:
        settings = _settings(server, chunk_chars=2000)
        with Summariser(settings, cache=cache) as summariser:
            fresh = summariser.brief(document)
            monkeypatch.setattr(nlp, "parse", _no_parse)
            again = summariser.brief(document)
        assert len(server.requests) == 1
    assert again.meta.usage.cached
    assert _comparable(again) == _comparable(fresh)
    assert max(c.evidence.start for c in again.claims) > len(text) // 2
    assert any(n.value == 305 and n.evidence.start > len(text) // 2 for n in again.numbers)
    for evidence in again.evidences():
        assert text[evidence.start : evidence.end] == evidence.quote


@pytest.mark.parametrize(
    "stored",
    [
        "not json",
        '{"chunks": [{"draft": {"claims": []}}]}',  # the answers of the chunked versions
        '{"brief": 1}',
        '{"analysis": {"attributions": [{"id": "A1"}]}, "draft": null}',
        '{"analysis": {}, "draft": {"key_claims": [], "headline": "A headline"}}',
    ],
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
    """Twice a sentence id outside the story: the checked last answer is cached with its
    spent budget, and a hit warns as the fresh brief did."""
    reply = Reply(200, synthetic_completion(json.dumps(OUT_OF_ENUM)))
    document = make_document(seed_text)
    with fake_openai([reply, reply]) as server:
        settings = _settings(server, max_reasks=1)
        with Summariser(settings, cache=cache) as summariser:
            fresh = summariser.brief(document)
            again = summariser.brief(document)
        assert len(server.requests) == 2  # the first answer and its one re-ask, not more
    assert again.meta.usage.cached
    assert any("re-ask budget spent" in w.reason for w in again.warnings)
    assert any(w.item == "key_claims[0] = 4" for w in again.warnings)
    assert _comparable(again) == _comparable(fresh)


def test_leading_blank_lines_keep_ids_and_offsets_in_the_whole_text(cache: BriefCache) -> None:
    """Chunks that were sub-documents with their own offsets are gone; what is left of the
    old risk: a text longer than chunk_chars only by leading white space. The model's ids
    are the document's sentence numbers and every offset indexes the whole text, fresh
    and from the cache."""
    text = "\n" * 40 + ARTICLE
    document = make_document(text)
    with fake_openai(responder=synthetic_responder) as server:
        settings = _settings(server, chunk_chars=len(ARTICLE) + 10)
        with Summariser(settings, cache=cache) as summariser:
            fresh = summariser.brief(document)
            again = summariser.brief(document)
        (request,) = server.requests
    first_id = synthetic_draft_for(request)["key_claims"][0]
    first = document.sentence(first_id)
    assert first is not None and first.start == 40
    assert any(c.key and c.evidence.start == first.start for c in fresh.claims)
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


def test_the_mode_an_endpoint_fell_back_to_is_kept_across_runs(tmp_path: Path) -> None:
    """The storage the backend's ``--mode auto`` fallback is remembered in."""
    path = tmp_path / "answers.sqlite"
    endpoint = "custom:m@http://127.0.0.1:9/v1"
    with closing(BriefCache(path)) as first:
        assert first.recall_mode(endpoint) is None
        first.remember_mode(endpoint, "tools")
        first.remember_mode(endpoint, "json")  # a later fallback replaces the earlier one
    with closing(BriefCache(path)) as second:
        assert second.recall_mode(endpoint) == "json"
        assert second.recall_mode("custom:other@http://127.0.0.1:9/v1") is None
        assert second.stats().modes == 1


def _age(path: Path, key: str, seconds: float) -> None:
    import time

    with closing(sqlite3.connect(path)) as db, db:
        db.execute("UPDATE answers SET created = ? WHERE key = ?", (time.time() - seconds, key))


def test_clear_removes_answers_older_than_an_age_and_shrinks_the_file(tmp_path: Path) -> None:
    path = tmp_path / "answers.sqlite"
    with closing(BriefCache(path)) as cache:
        for key in ("old-1", "old-2", "new"):
            cache.put(key, json.dumps({"payload": "x" * 200_000, "key": key}))
        cache.remember_mode("custom:m@http://h/v1", "tools")
        _age(path, "old-1", 40 * 86400)
        _age(path, "old-2", 31 * 86400)
        stats = cache.stats()
        assert stats.entries == 3 and stats.size_bytes > 600_000
        assert cache.clear(older_than=30 * 86400) == 2
        assert cache.get("new") is not None and cache.get("old-1") is None
        assert cache.recall_mode("custom:m@http://h/v1") == "tools"  # remembered just now
        assert cache.clear() == 1
        stats = cache.stats()
        assert stats.entries == 0 and stats.modes == 0
        assert stats.size_bytes < 100_000 and stats.oldest is None


def _picky(request: dict[str, Any]) -> Reply:
    """A SYNTHETIC server that rejects json_schema and answers by a tool call."""
    if request.get("response_format", {}).get("type") == "json_schema":
        return Reply(
            400, {"error": {"message": "response_format type json_schema is not supported"}}
        )
    return Reply(200, synthetic_completion(tool_arguments=json.dumps(synthetic_draft_for(request))))


def test_a_servers_output_mode_fallback_is_remembered_in_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from summariser.cli.app import app

    monkeypatch.setenv("SUMMARISER_CACHE_DIR", str(tmp_path / "cache"))
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    first.write_text(ARTICLE, encoding="utf-8")
    second.write_text(ARTICLE.replace("300", "301"), encoding="utf-8")  # not a cache hit
    with fake_openai(responder=_picky) as server:
        for article in (first, second):  # two runs: a new backend each time
            args = ["brief", str(article), "-q", "-f", "json", "--model", "m", "--base-url",
                    server.url]  # fmt: skip
            result = CliRunner().invoke(app, args)
            assert result.exit_code == 0, result.stderr
    kinds = [r.get("response_format", {}).get("type") or "tools" for r in server.requests]
    assert kinds == ["json_schema", "tools", "tools"]  # the second run asked for tools at once
    with closing(BriefCache(tmp_path / "cache" / "answers.sqlite")) as cache:
        assert cache.stats().modes == 1
