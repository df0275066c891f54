"""Providers: OpenAI's strict structured outputs, the standard address variables, and
addresses that fail at once.

Every model reply here is SYNTHETIC; the servers are tests/fake_openai.py on loopback.
"""

from __future__ import annotations

import json
import re
import time
from typing import Any, Literal

import httpx2
import openai
import pytest
from openai.lib._pydantic import to_strict_json_schema
from pydantic import BaseModel, Field
from typer.testing import CliRunner

from summariser import summarise
from summariser.backends import parse_model, resolve_backend
from summariser.backends.openai_compat import _transient
from summariser.backends.strict import strict_schema
from summariser.cli.app import app
from summariser.config import Settings
from summariser.errors import BackendError, ConfigError
from summariser.model.draft import Draft, draft_model
from tests.fake_openai import PROVIDER_ENV, Reply, fake_openai, synthetic_completion, unused_port
from tests.test_backend import OUT_OF_ENUM, SYNTHETIC_DRAFT, assert_answer_used, ok

KEY = "sk-" + "test-openai-0123456789abcdefghijklmn"  # split: not a secret


@pytest.fixture(autouse=True)
def _no_provider_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in PROVIDER_ENV:
        monkeypatch.delenv(name, raising=False)


def _openai_at(url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_BASE_URL", url)
    monkeypatch.setenv("OPENAI_API_KEY", KEY)


def _shown_ids(request: dict[str, Any]) -> tuple[int, ...]:
    """The sentence ids the prompt shows the model."""
    prompt = request["messages"][1]["content"]
    return tuple(int(n) for n in re.findall(r"^\[(\d+)\]", prompt, re.M))


def _assert_strict_rules(schema: Any) -> None:
    """OpenAI's strict rules, checked on every object of ``schema``."""
    if isinstance(schema, dict):
        if schema.get("type") == "object":
            assert schema["additionalProperties"] is False
            assert schema["required"] == list(schema.get("properties", {}))
        for value in schema.values():
            _assert_strict_rules(value)
    elif isinstance(schema, list):
        for value in schema:
            _assert_strict_rules(value)


# --- item 2: OpenAI's strict structured outputs ---------------------------------------


def test_openai_gets_strict_json_schema_as_openais_own_sdk_builds_it(
    seed_text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with fake_openai([ok(OUT_OF_ENUM), ok()]) as server:
        _openai_at(server.url, monkeypatch)
        brief = summarise(seed_text, model="openai:m")
    assert_answer_used(brief)
    for request in server.requests:  # the re-ask is strict too
        response_format = request["response_format"]
        assert response_format["type"] == "json_schema"
        assert response_format["json_schema"]["strict"] is True
        schema = response_format["json_schema"]["schema"]
        assert schema == to_strict_json_schema(draft_model(_shown_ids(server.requests[0])))
        assert schema["properties"]["key_claims"]["items"]["enum"] == list(
            _shown_ids(server.requests[0])
        )
        _assert_strict_rules(schema)


def test_openai_in_tools_mode_is_strict_on_the_function(
    seed_text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    reply = Reply(200, synthetic_completion(tool_arguments=json.dumps(SYNTHETIC_DRAFT)))
    with fake_openai([reply]) as server:
        _openai_at(server.url, monkeypatch)
        brief = summarise(seed_text, model="openai:m", mode="tools")
    assert_answer_used(brief)
    (request,) = server.requests
    assert "response_format" not in request
    (tool,) = request["tools"]
    assert tool["function"]["strict"] is True
    parameters = tool["function"]["parameters"]
    expected = to_strict_json_schema(draft_model(_shown_ids(request)))
    assert parameters == {k: v for k, v in expected.items() if k != "title"}
    _assert_strict_rules(parameters)


@pytest.mark.parametrize("mode", ["json_schema", "tools"])
def test_other_providers_keep_the_schema_that_works_for_them(
    seed_text: str, monkeypatch: pytest.MonkeyPatch, mode: Literal["json_schema", "tools"]
) -> None:
    """Strict is OpenAI's; Ollama, vLLM, llama.cpp and LM Studio get the plain schema."""
    reply = (
        ok()
        if mode == "json_schema"
        else Reply(200, synthetic_completion(tool_arguments=json.dumps(SYNTHETIC_DRAFT)))
    )
    with fake_openai([reply]) as server:
        summarise(seed_text, model="vllm:m", base_url=server.url, mode=mode)
    (request,) = server.requests
    if mode == "json_schema":
        json_schema = request["response_format"]["json_schema"]
        assert "strict" not in json_schema
        assert "additionalProperties" not in json_schema["schema"]
    else:
        assert "strict" not in request["tools"][0]["function"]


class _Place(BaseModel):
    """A place."""

    name: str = Field(min_length=1)
    country: str | None = None


class _Nested(BaseModel):
    kind: Literal["a", "b"]
    home: _Place = Field(description="where it is")  # a $ref with a sibling: inlined
    places: list[_Place] = Field(default_factory=list, max_length=3)
    score: int = 3
    note: str | None = None


@pytest.mark.parametrize("model", [_Nested, Draft, draft_model((2, 3, 5))])
def test_strict_schema_follows_openais_rules_on_any_model(model: type[BaseModel]) -> None:
    plain = model.model_json_schema()
    before = json.dumps(plain, sort_keys=True)
    strict = strict_schema(plain)
    assert strict == to_strict_json_schema(model)
    _assert_strict_rules(strict)
    assert json.dumps(plain, sort_keys=True) == before  # the argument is not changed


# --- item 3: OPENAI_BASE_URL and OLLAMA_HOST -------------------------------------------


@pytest.mark.parametrize(
    ("host", "base_url"),
    [
        ("127.0.0.1:5000", "http://127.0.0.1:5000/v1"),
        ("gpu-box", "http://gpu-box:11434/v1"),
        ("0.0.0.0", "http://127.0.0.1:11434/v1"),  # the server's bind-all: this machine
        ("::1", "http://[::1]:11434/v1"),
        ("[::1]:8000", "http://[::1]:8000/v1"),
        ("https://ollama.example.com", "https://ollama.example.com:443/v1"),
        ("http://box:8080/proxy/", "http://box:8080/proxy/v1"),
    ],
)
def test_ollama_host_is_read_as_ollama_reads_it(
    monkeypatch: pytest.MonkeyPatch, host: str, base_url: str
) -> None:
    monkeypatch.setenv("OLLAMA_HOST", host)
    assert parse_model(Settings(model="ollama:m")).base_url == base_url


def test_ollama_host_moves_the_ollama_provider(
    seed_text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with fake_openai([ok()]) as server:
        monkeypatch.setenv("OLLAMA_HOST", server.url.removeprefix("http://").removesuffix("/v1"))
        brief = summarise(seed_text, model="ollama:m", mode="json_schema")
    assert_answer_used(brief)
    assert len(server.requests) == 1


def test_openai_base_url_moves_openai_with_its_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_BASE_URL", "https://gateway.example.com/openai/v1/")
    spec = parse_model(Settings(model="openai:gpt-4o-mini"))
    assert spec.base_url == "https://gateway.example.com/openai/v1"
    assert spec.key_env == ("OPENAI_API_KEY",)


def test_base_url_option_wins_over_the_standard_variables(
    seed_text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OLLAMA_HOST", f"127.0.0.1:{unused_port()}")
    with fake_openai([ok()]) as server:
        summarise(seed_text, model="ollama:m", base_url=server.url, mode="json_schema")
    assert len(server.requests) == 1


@pytest.mark.parametrize(
    ("variable", "value", "model"),
    [
        ("OPENAI_BASE_URL", "api.example.com/v1", "openai:m"),
        ("OLLAMA_HOST", "ftp://box", "ollama:m"),
    ],
)
def test_a_bad_standard_variable_is_a_config_error_naming_it(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str, model: str
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(ConfigError, match=rf"\${variable} .*not an http:// or https:// URL"):
        parse_model(Settings(model=model))


# --- item 4: bad addresses fail at once ------------------------------------------------


def test_a_base_url_without_a_scheme_fails_at_once_with_exit_4(
    seed_text: str, tmp_path: Any
) -> None:
    article = tmp_path / "a.txt"
    article.write_text(seed_text, encoding="utf-8")
    started = time.monotonic()
    result = CliRunner().invoke(
        app, ["brief", str(article), "--model", "m", "--base-url", "localhost:8080/v1"]
    )
    assert time.monotonic() - started < 5  # was: 22 s of retries, then exit 6
    assert result.exit_code == 4
    assert result.stderr.strip() == (
        "summariser: error: --base-url 'localhost:8080/v1' is not an http:// or https:// "
        "URL with a host; did you mean 'http://localhost:8080/v1'?"
    )


@pytest.mark.parametrize("base_url", ["http://:8080/v1", "http://localhost:99999/v1", "//host/v1"])
def test_other_malformed_base_urls_are_config_errors(base_url: str) -> None:
    with pytest.raises(ConfigError, match="--base-url"):
        parse_model(Settings(model="m", base_url=base_url))


@pytest.mark.parametrize("model", ["m", "ollama:m", "vllm:m"])
def test_a_refused_local_connection_fails_within_a_second(model: str) -> None:
    base_url = f"http://127.0.0.1:{unused_port()}/v1"
    backend = resolve_backend(Settings(model=model, base_url=base_url, mode="json_schema"))
    started = time.monotonic()
    with pytest.raises(BackendError, match=f"cannot connect to {re.escape(base_url)}"):
        backend.structured([{"role": "user", "content": "hello"}], Draft, context={}, max_reasks=0)
    backend.close()
    assert time.monotonic() - started < 1.5  # was: five attempts with back-off, 15-22 s


@pytest.mark.parametrize(("host", "retried"), [("127.0.0.1", False), ("localhost", False),
                                                ("[::1]", False), ("10.0.0.7", True),
                                                ("gpu-box.example.com", True)])  # fmt: skip
def test_only_a_refusal_by_this_machine_is_not_retried(host: str, retried: bool) -> None:
    """A remote server refusing may be restarting behind its load balancer: retried."""
    request = httpx2.Request("POST", f"http://{host}:8000/v1/chat/completions")
    refused = openai.APIConnectionError(request=request)
    refused.__cause__ = ConnectionRefusedError(111, "Connection refused")
    assert _transient(refused) is retried
    assert _transient(openai.APIConnectionError(request=request)) is True
