"""The OpenAI-compatible backend against a fake server on loopback.

Every model reply here is SYNTHETIC (scripted by the test); recorded real exchanges are
tested in test_replay.py.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from summariser import summarise
from summariser.errors import BackendError
from summariser.schema import WarningKind
from tests.fake_openai import Reply, fake_openai, synthetic_completion

KEY = "test-key-abcdefghijklmnopqrstuvwxyz"  # shaped like a key; the hooks know test-key

SYNTHETIC_DRAFT: dict[str, Any] = {
    "claims": [
        {
            "sentence": 5,
            "statement": "Russian warplanes flew over 80 sorties.",
            "claimant": "Russian Defense Ministry",
        },
        {"sentence": 16, "statement": "Nine field commanders were killed.", "claimant": "SANA"},
    ],
    "people": [{"name": "Suheil al-Hassan", "role": "general"}],
    "organisations": [{"name": "Russian Defense Ministry", "kind": "government"}],
    "places": [{"name": "Deir ez-Zor", "kind": "city_or_town", "within": "Syria"}],
    "headline": "Russian jets back Syrian push on Deir ez-Zor",
    "summary": "The Russian Defense Ministry said its warplanes flew over 80 sorties.",
}


def ok(draft: dict[str, Any] = SYNTHETIC_DRAFT) -> Reply:
    return Reply(200, synthetic_completion(json.dumps(draft)))


def error(status: int, message: str, **headers: str) -> Reply:
    return Reply(status, {"error": {"message": message}}, headers)


@pytest.fixture(autouse=True)
def _key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUMMARISER_API_KEY", KEY)


def test_429_with_retry_after_is_retried_then_succeeds(seed_text: str) -> None:
    with fake_openai([error(429, "slow down", **{"retry-after": "0"}), ok()]) as server:
        brief = summarise(seed_text, model="m", base_url=server.url, mode="json_schema")
    assert len(server.requests) == 2
    assert brief.meta.usage.calls == 2
    assert any(a.name == "Russian Defense Ministry" for a in brief.actors)


def test_500_and_503_are_retried(seed_text: str) -> None:
    replies = [
        error(500, "boom", **{"retry-after": "0"}),
        error(503, "loading", **{"retry-after": "0"}),
        ok(),
    ]
    with fake_openai(replies) as server:
        summarise(seed_text, model="m", base_url=server.url, mode="json_schema")
    assert len(server.requests) == 3


@pytest.mark.parametrize(
    ("status", "message", "expected"),
    [
        (401, "Incorrect API key provided", "API key was rejected"),
        (404, "The model `m` does not exist", "not found"),
        (400, "This model's maximum context length is 4096 tokens", "too long"),
    ],
)
def test_permanent_faults_fail_fast_with_one_clear_line(
    seed_text: str, status: int, message: str, expected: str
) -> None:
    with (
        fake_openai([error(status, message), ok()]) as server,
        pytest.raises(BackendError) as caught,
    ):
        summarise(seed_text, model="m", base_url=server.url, mode="json_schema")
    assert len(server.requests) == 1  # no retry
    assert caught.value.status == status
    assert expected in str(caught.value)
    assert "\n" not in str(caught.value) and KEY not in str(caught.value)


def test_the_key_is_sent_as_a_bearer_token_but_never_shown(seed_text: str) -> None:
    with fake_openai([error(401, "bad key")]) as server, pytest.raises(BackendError) as caught:
        summarise(seed_text, model="m", base_url=server.url, mode="json_schema")
    assert server.headers[0]["authorization"] == f"Bearer {KEY}"
    assert KEY not in str(caught.value)


def test_auto_mode_falls_back_to_tools_when_json_schema_is_rejected(seed_text: str) -> None:
    replies = [
        error(400, "response_format type json_schema is not supported"),
        Reply(200, synthetic_completion(tool_arguments=json.dumps(SYNTHETIC_DRAFT))),
    ]
    with fake_openai(replies) as server:
        brief = summarise(seed_text, model="m", base_url=server.url)  # mode: auto
    first, second = server.requests
    assert first["response_format"]["type"] == "json_schema"
    assert "tools" in second and "response_format" not in second
    assert brief.claims


def test_an_ungrounded_item_is_reasked_with_the_failures_listed(seed_text: str) -> None:
    invented = {
        **SYNTHETIC_DRAFT,
        "organisations": [{"name": "Syrian Aerospace Force", "kind": "military_or_security_force"}],
    }
    with fake_openai([ok(invented), ok()]) as server:
        brief = summarise(seed_text, model="m", base_url=server.url, mode="json_schema")
    reask = server.requests[1]["messages"]
    assert reask[-2]["role"] == "assistant"
    assert (
        '"Syrian Aerospace Force": this name does not appear in the article' in reask[-1]["content"]
    )
    assert all(a.name != "Syrian Aerospace Force" for a in brief.actors)
    assert server.requests[0]["messages"] == reask[:2]  # the caller's messages were not mutated


def test_after_the_reask_budget_the_brief_keeps_the_rest_and_warns(seed_text: str) -> None:
    invented = {
        **SYNTHETIC_DRAFT,
        "places": [
            {"name": "Deir ez-Zor", "kind": "city_or_town", "within": ""},
            {"name": "Aleppo", "kind": "city_or_town", "within": ""},
        ],
    }
    with fake_openai([ok(invented), ok(invented)]) as server:
        brief = summarise(
            seed_text, model="m", base_url=server.url, mode="json_schema", max_reasks=1
        )
    assert len(server.requests) == 2
    assert [loc.name for loc in brief.locations] == ["Deir ez-Zor"]
    dropped = [w for w in brief.warnings if w.kind is WarningKind.DROPPED]
    assert any("Aleppo" in w.item for w in dropped)
    assert any("re-ask budget" in w.reason for w in dropped)


def test_output_that_never_parses_is_an_error_keeping_the_last_attempt(seed_text: str) -> None:
    from summariser.errors import BriefValidationError

    broken = Reply(200, synthetic_completion('{"claims": [ {"sentence": "x"'))
    with fake_openai([broken, broken]) as server, pytest.raises(BriefValidationError) as caught:
        summarise(seed_text, model="m", base_url=server.url, mode="json_schema", max_reasks=1)
    assert caught.value.last_attempt == '{"claims": [ {"sentence": "x"'


def test_recording_a_remote_exchange_keeps_no_secret(seed_text: str, tmp_path: Path) -> None:
    with fake_openai([ok()]) as server:
        summarise(
            seed_text, model="m", base_url=server.url, mode="json_schema", record_dir=tmp_path
        )
    (cassette,) = tmp_path.glob("*.yaml")
    text = cassette.read_text(encoding="utf-8")
    assert KEY not in text and "authorization" not in text.lower()
    # and the recording replays without the server or the key
    brief = summarise(
        seed_text, model="m", base_url=server.url, mode="json_schema", replay_dir=tmp_path
    )
    assert brief.claims


def test_asummarise_gives_the_same_brief(seed_text: str) -> None:
    import asyncio

    from summariser import asummarise

    with fake_openai([ok(), ok()]) as server:
        sync = summarise(seed_text, model="m", base_url=server.url, mode="json_schema")
        async_ = asyncio.run(
            asummarise(seed_text, model="m", base_url=server.url, mode="json_schema")
        )
    assert async_.model_dump(exclude={"meta"}) == sync.model_dump(exclude={"meta"})


def test_the_ledger_counts_every_call_and_its_tokens(seed_text: str) -> None:
    invented = {**SYNTHETIC_DRAFT, "places": [{"name": "Aleppo", "kind": "city_or_town"}]}
    replies = [error(503, "busy", **{"retry-after": "0"}), ok(invented), ok()]
    with fake_openai(replies) as server:
        brief = summarise(seed_text, model="m", base_url=server.url, mode="json_schema")
    usage = brief.meta.usage
    assert usage.calls == 3  # the failed call, the answer re-asked, the accepted answer
    assert [(c.prompt_tokens, c.completion_tokens) for c in usage.per_call] == [(10, 5), (10, 5)]
    assert (usage.prompt_tokens, usage.completion_tokens) == (20, 10)
