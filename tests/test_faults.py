"""The fault-injection matrix: each fault the fake server can inject, and what we do.

Every model reply here is SYNTHETIC. docs/faults.md lists the same matrix.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from summariser import summarise
from summariser.errors import BackendError, BriefValidationError
from tests.fake_openai import Reply, fake_openai, synthetic_completion
from tests.test_backend import KEY, OUT_OF_ENUM, SYNTHETIC_DRAFT, assert_answer_used, ok


@pytest.fixture(autouse=True)
def _fast(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUMMARISER_API_KEY", KEY)
    monkeypatch.setenv("SUMMARISER_TIMEOUT", "10")


def _run(seed_text: str, replies: list[Reply], **options: Any) -> tuple[Any, Any]:
    with fake_openai(replies) as server:
        brief = summarise(seed_text, model="m", base_url=server.url, mode="json_schema", **options)
    return brief, server


def test_a_server_that_stops_answering_ends_at_the_deadline(seed_text: str) -> None:
    """The time-out is the whole request's: a stalled answer is not waited for past it,
    and no retry starts after it."""
    stalled = Reply(200, synthetic_completion("{}"), delay=4)
    started = time.monotonic()
    with pytest.raises(BackendError, match="did not answer within 1 s") as caught:
        _run(seed_text, [stalled, ok()], timeout=1)
    assert time.monotonic() - started < 1 + 3  # the analysis runs before the request
    assert "\n" not in str(caught.value)


def test_a_retry_after_past_the_deadline_is_not_waited_for(seed_text: str) -> None:
    slow_down = Reply(429, {"error": {"message": "slow down"}}, {"retry-after": "30"})
    with fake_openai([slow_down, ok()]) as server:
        with pytest.raises(BackendError, match="rate limited"):
            summarise(seed_text, model="m", base_url=server.url, mode="json_schema", timeout=5)
        assert len(server.requests) == 1


def test_a_dropped_connection_is_retried_then_succeeds(seed_text: str) -> None:
    brief, server = _run(seed_text, [Reply(drop=True), ok()])
    assert len(server.requests) == 2
    assert_answer_used(brief)


def test_truncated_json_is_reasked(seed_text: str) -> None:
    truncated = json.dumps(SYNTHETIC_DRAFT)[:40]
    with pytest.raises(ValueError):
        json.loads(truncated)
    brief, server = _run(seed_text, [Reply(200, synthetic_completion(truncated)), ok()])
    assert len(server.requests) == 2
    assert "Correct your JSON" in server.requests[1]["messages"][-1]["content"]
    assert_answer_used(brief)


def test_json_that_breaks_the_schema_is_reasked(seed_text: str) -> None:
    broken = {"key_claims": [{"sentence": 5}], "headline": 5}
    brief, server = _run(seed_text, [Reply(200, synthetic_completion(json.dumps(broken))), ok()])
    assert len(server.requests) == 2
    reask = server.requests[1]["messages"][-1]["content"]
    assert "key_claims.0" in reask and "headline" in reask
    assert_answer_used(brief)


def test_an_id_outside_the_story_is_reasked_then_dropped(seed_text: str) -> None:
    """The draft cites no quotes any more, so nothing is re-asked for grounding; the
    nearest fault is a sentence id outside the schema's enum (here the dateline): re-asked
    once, then dropped by the cross-check with a warning."""
    reply = Reply(200, synthetic_completion(json.dumps(OUT_OF_ENUM)))
    brief, server = _run(seed_text, [reply, reply], max_reasks=1)
    assert len(server.requests) == 2
    assert "input_value=4" in server.requests[1]["messages"][-1]["content"]
    assert all("MOSCOW" not in c.evidence.quote for c in brief.claims)
    assert any(
        w.item == "key_claims[0] = 4" and "not in the story" in w.reason for w in brief.warnings
    )


def test_an_empty_choice_list_is_an_error_keeping_no_secret(seed_text: str) -> None:
    empty = Reply(200, {"id": "x", "object": "chat.completion", "created": 0, "model": "m",
                        "choices": [], "usage": {"prompt_tokens": 1, "completion_tokens": 0,
                                                 "total_tokens": 1}})  # fmt: skip
    with pytest.raises((BriefValidationError, BackendError)) as caught:
        _run(seed_text, [empty, empty], max_reasks=1)
    assert KEY not in str(caught.value)
    assert "\n" not in str(caught.value)


def test_after_the_reask_budget_the_last_attempt_is_kept(seed_text: str) -> None:
    bad = Reply(200, synthetic_completion('{"key_claims": "none"}'))
    with pytest.raises(BriefValidationError) as caught:
        _run(seed_text, [bad, bad], max_reasks=1)
    assert caught.value.last_attempt == '{"key_claims": "none"}'


def test_no_log_line_carries_the_key(seed_text: str, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    with pytest.raises(BackendError):
        _run(seed_text, [Reply(401, {"error": {"message": "invalid key"}})])
    assert caplog.records, "expected the clients to log the failure"
    assert all(KEY not in record.getMessage() for record in caplog.records)


def _spent_budget_run(tmp_path: Path, *args: str, log: str | None = None) -> Any:
    """A real process against a server that twice cites a sentence id outside the story.

    A real process matters: without a logging set-up, Python prints a library's WARNING
    and ERROR records on stderr (instructor logs one when its re-asks run out), and absl,
    which rouge-score logs through, installs a root handler that prints them all."""
    reply = Reply(200, synthetic_completion(json.dumps(OUT_OF_ENUM)))
    env = {**os.environ, "SUMMARISER_CACHE_DIR": str(tmp_path)}
    env.pop("SUMMARISER_LOG", None)
    if log:
        env["SUMMARISER_LOG"] = log
    with fake_openai([reply] * 4) as server:
        return subprocess.run(
            [sys.executable, "-m", "summariser", *args, "--no-cache", "--max-reasks", "1",
             "--model", "m", "--base-url", server.url, "--mode", "json_schema"],
            capture_output=True, text=True, timeout=60, env=env,
        )  # fmt: skip


def test_a_spent_reask_budget_prints_no_library_log_noise(seed_text: str, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(seed_text, encoding="utf-8")
    result = _spent_budget_run(tmp_path, "brief", str(article), "-q", "--format", "json")
    assert result.returncode == 0, result.stderr
    warnings = {w["item"]: w["reason"] for w in json.loads(result.stdout)["warnings"]}
    assert warnings["key_claims[0] = 4"] == "sentence [4] is not in the story"
    assert "re-ask budget spent" in warnings["brief"]
    assert result.stderr == ""


def test_eval_prints_only_its_own_lines(seed_text: str, tmp_path: Path) -> None:
    # Two records: the second brief's spent budget is logged after rouge-score ran.
    gold = tmp_path / "gold.jsonl"
    record = {"text": seed_text, "gold": {"reference_summary": "Russian warplanes flew."}}
    gold.write_text("".join(json.dumps({"id": n, **record}) + "\n" for n in "ab"), "utf-8")
    result = _spent_budget_run(tmp_path, "eval", str(gold))
    assert result.returncode == 0, result.stderr
    assert "rouge" in result.stdout.lower()  # the reference summary was scored
    assert result.stderr.splitlines() and all(
        line.startswith("summariser: ") for line in result.stderr.splitlines()
    ), result.stderr


def test_summariser_log_shows_the_libraries_records(seed_text: str, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(seed_text, encoding="utf-8")
    result = _spent_budget_run(tmp_path, "brief", str(article), "-q", log="info")
    assert result.returncode == 0, result.stderr
    assert "summariser: log: ERROR instructor" in result.stderr
