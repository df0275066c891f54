"""The OpenAI-compatible backend against a fake server on loopback.

Every model reply here is SYNTHETIC (scripted by the test); recorded real exchanges are
tested in test_replay.py.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from summariser import summarise
from summariser.errors import BackendError
from summariser.schema import Brief, WarningKind
from tests.fake_openai import Reply, fake_openai, synthetic_completion

KEY = "test-key-abcdefghijklmnopqrstuvwxyz"  # shaped like a key; the hooks know test-key

# A SYNTHETIC answer about the seed article (tests/conftest.py SEED): the key claims by the
# ids the prompt shows ([5] the ministry's sorties, [15] SANA's airstrike, [20] the
# governor), and a headline in the article's own names and numbers.
SYNTHETIC_DRAFT: dict[str, Any] = {
    "key_claims": [5, 15, 20],
    "headline": "Russian Defense Ministry says warplanes flew over 80 sorties near Deir ez-Zor",
}
KEY_CLAIMANTS = ["Russian Defense Ministry", "Syrian Arab News Agency (SANA)",
                 "Mohammed Ibrahim Samra"]  # fmt: skip
# [4] is the dateline "MOSCOW, September 4. /TASS/.": not in the story, so not in the
# schema's enum of sentence ids.
DATELINE = 4
OUT_OF_ENUM: dict[str, Any] = {**SYNTHETIC_DRAFT, "key_claims": [DATELINE, 5]}


def ok(draft: dict[str, Any] = SYNTHETIC_DRAFT) -> Reply:
    return Reply(200, synthetic_completion(json.dumps(draft)))


def error(status: int, message: str, **headers: str) -> Reply:
    return Reply(status, {"error": {"message": message}}, headers)


def assert_answer_used(brief: Brief) -> None:
    """The brief carries SYNTHETIC_DRAFT: its headline, and its key claims first, each
    with the speaker the parse found (the draft names none)."""
    assert brief.headline == SYNTHETIC_DRAFT["headline"]
    key = [c for c in brief.claims if c.key]
    assert list(dict.fromkeys(c.claimant for c in key)) == KEY_CLAIMANTS
    assert brief.claims[: len(key)] == key


@pytest.fixture(autouse=True)
def _key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUMMARISER_API_KEY", KEY)


def test_429_with_retry_after_is_retried_then_succeeds(seed_text: str) -> None:
    with fake_openai([error(429, "slow down", **{"retry-after": "0"}), ok()]) as server:
        brief = summarise(seed_text, model="m", base_url=server.url, mode="json_schema")
    assert len(server.requests) == 2
    assert brief.meta.usage.calls == 2
    assert_answer_used(brief)


def test_500_and_503_are_retried(seed_text: str) -> None:
    replies = [
        error(500, "boom", **{"retry-after": "0"}),
        error(503, "loading", **{"retry-after": "0"}),
        ok(),
    ]
    with fake_openai(replies) as server:
        brief = summarise(seed_text, model="m", base_url=server.url, mode="json_schema")
    assert len(server.requests) == 3
    assert_answer_used(brief)


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
    assert_answer_used(brief)


def test_the_schema_offers_only_the_ids_the_prompt_shows(seed_text: str) -> None:
    with fake_openai([ok()]) as server:
        summarise(seed_text, model="m", base_url=server.url, mode="json_schema")
    (request,) = server.requests
    schema = request["response_format"]["json_schema"]["schema"]
    offered = schema["properties"]["key_claims"]["items"]["enum"]
    shown = [int(n) for n in re.findall(r"^\[(\d+)\]", request["messages"][1]["content"], re.M)]
    assert offered == shown and DATELINE not in offered
    assert set(schema["required"]) == {"key_claims", "headline"}  # no claimant, no summary


def test_an_id_outside_the_enum_is_reasked_with_the_failure_listed(seed_text: str) -> None:
    """Grounding is no longer re-asked (the cross-check repairs or drops); a re-ask now
    follows only an answer that breaks the schema, here a sentence id the prompt never
    showed."""
    with fake_openai([ok(OUT_OF_ENUM), ok()]) as server:
        brief = summarise(seed_text, model="m", base_url=server.url, mode="json_schema")
    reask = server.requests[1]["messages"]
    assert reask[-2] == {"role": "assistant", "content": json.dumps(OUT_OF_ENUM)}
    assert "key_claims.0" in reask[-1]["content"] and "input_value=4" in reask[-1]["content"]
    assert_answer_used(brief)
    assert not any(w.item.startswith("key_claims") for w in brief.warnings)
    assert server.requests[0]["messages"] == reask[:2]  # the caller's messages were not mutated


def test_after_the_reask_budget_the_cross_check_drops_the_bad_id_and_warns(
    seed_text: str,
) -> None:
    """The nearest real behaviour to a grounding re-ask running out: the last answer is
    checked as a plain draft, its id outside the story is dropped with a warning and the
    rest of the answer is kept."""
    with fake_openai([ok(OUT_OF_ENUM), ok(OUT_OF_ENUM)]) as server:
        brief = summarise(
            seed_text, model="m", base_url=server.url, mode="json_schema", max_reasks=1
        )
    assert len(server.requests) == 2
    dropped = {w.item: w.reason for w in brief.warnings if w.kind is WarningKind.DROPPED}
    assert dropped["key_claims[0] = 4"] == "sentence [4] is not in the story"
    assert "re-ask budget spent (1)" in dropped["brief"]
    key = [c for c in brief.claims if c.key]
    assert key and {c.claimant for c in key} == {"Russian Defense Ministry"}  # [5] kept
    assert all("MOSCOW" not in c.evidence.quote for c in brief.claims)
    assert brief.headline == OUT_OF_ENUM["headline"]
    assert brief.meta.usage.calls == 2 and brief.meta.usage.prompt_tokens == 20


def test_output_that_never_parses_is_an_error_keeping_the_last_attempt(seed_text: str) -> None:
    from summariser.errors import BriefValidationError

    broken = Reply(200, synthetic_completion('{"key_claims": [5, '))
    with fake_openai([broken, broken]) as server, pytest.raises(BriefValidationError) as caught:
        summarise(seed_text, model="m", base_url=server.url, mode="json_schema", max_reasks=1)
    assert len(server.requests) == 2
    assert caught.value.last_attempt == '{"key_claims": [5, '


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
    assert_answer_used(brief)


def test_asummarise_gives_the_same_brief(seed_text: str) -> None:
    import asyncio

    from summariser import asummarise

    with fake_openai([ok(), ok()]) as server:
        sync = summarise(seed_text, model="m", base_url=server.url, mode="json_schema")
        async_ = asyncio.run(
            asummarise(seed_text, model="m", base_url=server.url, mode="json_schema")
        )
    assert len(server.requests) == 2
    assert async_.model_dump(exclude={"meta"}) == sync.model_dump(exclude={"meta"})
    assert_answer_used(async_)


def test_the_ledger_counts_every_call_and_its_tokens(seed_text: str) -> None:
    replies = [error(503, "busy", **{"retry-after": "0"}), ok(OUT_OF_ENUM), ok()]
    with fake_openai(replies) as server:
        brief = summarise(seed_text, model="m", base_url=server.url, mode="json_schema")
    usage = brief.meta.usage
    assert usage.calls == 3  # the failed call, the answer re-asked, the accepted answer
    assert [(c.prompt_tokens, c.completion_tokens) for c in usage.per_call] == [(10, 5), (10, 5)]
    assert (usage.prompt_tokens, usage.completion_tokens) == (20, 10)
