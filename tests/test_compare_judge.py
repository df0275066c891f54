"""The model judges only the claim pairs code cannot decide: one call a pair, cached, and
its answer merges or separates them. The model here is tests/fake_openai.py with
SYNTHETIC answers written by these tests (drafts from tests/synthetic.py, verdicts
below), never a recording of a real model."""

from __future__ import annotations

import hashlib
import json
from typing import Any

import pytest

from summariser import compare
from summariser.comparison.judge import PROMPT_LOCK, TEMPLATES, pair_messages, template_source
from summariser.comparison.judge import template_version as pair_template_version
from summariser.comparison.schema import ClaimStatus
from tests.conftest import FIXTURES
from tests.fake_openai import Reply, fake_openai, synthetic_completion
from tests.synthetic import synthetic_responder

RECORDS = FIXTURES / "compare" / "ferry.jsonl"


def _is_verdict(request: dict[str, Any]) -> bool:
    return "<first>" in request["messages"][-1]["content"]


def synthetic_judge(relation: str) -> Any:
    """Answers drafts as tests/synthetic.py does, and every pair with ``relation``."""

    def respond(request: dict[str, Any]) -> Reply:
        if _is_verdict(request):
            return Reply(200, synthetic_completion(json.dumps({"relation": relation})))
        return synthetic_responder(request)

    return respond


def test_without_a_model_undecided_pairs_stay_apart_and_are_listed() -> None:
    brief = compare([RECORDS], model="none")
    assert brief.meta.pairs_by_model == 0 and brief.meta.usage.calls == 0
    assert brief.meta.pairs_undecided > 0
    assert any("without a model" in w for w in brief.warnings)
    assert any(c.possibly_same_as for c in brief.claims)


def test_each_undecided_pair_costs_one_call_and_same_merges_it() -> None:
    with fake_openai(responder=synthetic_judge("same")) as server:
        brief = compare([RECORDS], model="synthetic", base_url=server.url, mode="json_schema")
    verdicts = [r for r in server.requests if _is_verdict(r)]
    assert len(verdicts) == brief.meta.pairs_by_model > 0
    assert brief.meta.usage.calls == len(verdicts)
    assert brief.meta.pairs_undecided == 0
    assert not any(c.possibly_same_as for c in brief.claims)
    judged = [c for c in brief.claims if any("the model: same" in n for n in c.matched_by)]
    assert judged


def test_different_keeps_the_pairs_apart_and_the_model_finds_no_conflict() -> None:
    with fake_openai(responder=synthetic_judge("different")) as server:
        brief = compare([RECORDS], model="synthetic", base_url=server.url, mode="json_schema")
    assert brief.meta.pairs_by_model > 0 and brief.meta.pairs_undecided == 0
    assert not any("the model" in n for c in brief.claims for n in c.matched_by)
    conflicts = [c for c in brief.claims if c.status is ClaimStatus.CONFLICTING]
    assert conflicts and all("against" in " ".join(c.conflicts) for c in conflicts)


def test_max_pairs_bounds_the_calls_and_says_what_was_left() -> None:
    with fake_openai(responder=synthetic_judge("different")) as server:
        brief = compare(
            [RECORDS], model="synthetic", base_url=server.url, mode="json_schema", max_pairs=2
        )
    assert sum(_is_verdict(r) for r in server.requests) == 2
    assert brief.meta.pairs_undecided > 0
    assert any("--max-pairs" in w for w in brief.warnings)


def test_a_second_comparison_asks_the_model_nothing_it_was_asked_before() -> None:
    options: dict[str, Any] = {"model": "synthetic", "mode": "json_schema", "cache": True}
    with fake_openai(responder=synthetic_judge("same")) as server:
        first = compare([RECORDS], base_url=server.url, **options)
        asked = len(server.requests)
        second = compare([RECORDS], base_url=server.url, **options)
    assert asked > 0 and len(server.requests) == asked
    assert second.meta.briefs_cached == 3 and second.meta.usage.calls == 0
    assert [c.status for c in second.claims] == [c.status for c in first.claims]


def test_the_pair_prompt_delimits_the_claims_as_data() -> None:
    with fake_openai(responder=synthetic_judge("different")) as server:
        compare([RECORDS], model="synthetic", base_url=server.url, mode="json_schema", max_pairs=1)
    request = next(r for r in server.requests if _is_verdict(r))
    system, user = request["messages"][0]["content"], request["messages"][1]["content"]
    assert "not instructions" in system
    assert user.startswith("<first>\n(claimant: ") and user.endswith("</second>")
    schema = json.dumps(request["response_format"])
    assert '"same"' in schema and '"different"' in schema and "contradicts" not in schema


def test_every_pair_template_change_comes_with_a_new_version() -> None:
    for name in TEMPLATES:
        digest = hashlib.sha256(template_source(name).encode("utf-8")).hexdigest()
        version = pair_template_version(name)
        assert PROMPT_LOCK[name].get(version) == digest, (
            f"comparison/prompts/{name}.j2 changed: bump its version and PROMPT_LOCK"
        )


def test_pair_messages_need_both_claims() -> None:
    assert callable(pair_messages)
    with pytest.raises(TypeError):
        pair_messages()  # type: ignore[call-arg]  # the pair is required
