"""Keys go only to their own provider, and never into an error, a log or a recording.

Every model reply here is SYNTHETIC; the servers are tests/fake_openai.py on loopback.
The keys are fake, shaped like real ones so a leak would be visible.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from typer.testing import CliRunner

from summariser import summarise
from summariser.cli.app import app
from summariser.errors import BackendError, ConfigError
from tests.fake_openai import PROVIDER_ENV, fake_openai
from tests.test_backend import assert_answer_used, error, ok

OPENAI_KEY = "sk-" + "test-openai-0123456789abcdefghijklmn"  # split: not a secret
CUSTOM_KEY = "test-key-summariser-0123456789abcdefgh"
GATEWAY_KEY = "test-key-gateway-0123456789abcdefghijk"
VLLM_KEY = "test-key-vllm-0123456789abcdefghijklmno"
LLAMA_KEY = "test-key-llama-0123456789abcdefghijklmn"
ALL_KEYS = (OPENAI_KEY, CUSTOM_KEY, GATEWAY_KEY, VLLM_KEY, LLAMA_KEY)


@pytest.fixture(autouse=True)
def _no_provider_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in PROVIDER_ENV:
        monkeypatch.delenv(name, raising=False)


def _host_port(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.hostname}:{parts.port}"


def _model_at(provider: str, url: str, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """summarise() options that send ``provider``'s requests to the fake server at ``url``,
    by the provider's own standard variable where it has one."""
    if provider == "ollama":
        monkeypatch.setenv("OLLAMA_HOST", _host_port(url))
        return {"model": "ollama:m"}
    if provider == "openai":
        monkeypatch.setenv("OPENAI_BASE_URL", url)
        return {"model": "openai:m"}
    if provider == "custom":
        return {"model": "m", "base_url": url}
    return {"model": f"{provider}:m", "base_url": url}


@pytest.mark.parametrize("provider", ["ollama", "vllm", "llamacpp", "lmstudio", "custom"])
def test_openais_key_never_reaches_another_provider(
    seed_text: str, monkeypatch: pytest.MonkeyPatch, provider: str
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", OPENAI_KEY)
    with fake_openai([ok()]) as server:
        brief = summarise(
            seed_text, mode="json_schema", **_model_at(provider, server.url, monkeypatch)
        )
    assert_answer_used(brief)
    (headers,) = server.headers
    assert "authorization" not in headers  # local servers get no key unless asked
    assert OPENAI_KEY not in str(headers)


def test_openai_gets_its_own_key_and_not_the_custom_one(
    seed_text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", OPENAI_KEY)
    monkeypatch.setenv("SUMMARISER_API_KEY", CUSTOM_KEY)
    with fake_openai([ok()]) as server:
        summarise(seed_text, **_model_at("openai", server.url, monkeypatch))
    assert server.headers[0]["authorization"] == f"Bearer {OPENAI_KEY}"


def test_openai_sent_elsewhere_by_base_url_does_not_take_openais_key(
    seed_text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """OPENAI_API_KEY goes only to OpenAI's address (its default or $OPENAI_BASE_URL, the
    pair its own SDK uses); another --base-url takes the custom endpoint's key."""
    monkeypatch.setenv("OPENAI_API_KEY", OPENAI_KEY)
    with fake_openai([ok()]) as server:
        with pytest.raises(ConfigError) as caught:
            summarise(seed_text, model="openai:m", base_url=server.url)
        assert server.requests == []
        assert "SUMMARISER_API_KEY" in str(caught.value)
        assert "OPENAI_API_KEY is sent only to openai's own address" in str(caught.value)
        monkeypatch.setenv("SUMMARISER_API_KEY", CUSTOM_KEY)
        summarise(seed_text, model="openai:m", base_url=server.url)
    assert server.headers[0]["authorization"] == f"Bearer {CUSTOM_KEY}"


def test_a_custom_endpoint_reads_the_variable_api_key_env_names(
    seed_text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    Path(os.environ["SUMMARISER_CONFIG"]).write_text(
        'api_key_env = "MY_GATEWAY_KEY"\n', encoding="utf-8"
    )
    for name, key in (("MY_GATEWAY_KEY", GATEWAY_KEY), ("SUMMARISER_API_KEY", CUSTOM_KEY),
                      ("OPENAI_API_KEY", OPENAI_KEY)):  # fmt: skip
        monkeypatch.setenv(name, key)
    with fake_openai([ok()]) as server:
        summarise(seed_text, model="m", base_url=server.url)
    assert server.headers[0]["authorization"] == f"Bearer {GATEWAY_KEY}"


@pytest.mark.parametrize(
    ("provider", "variable", "key"),
    [("vllm", "VLLM_API_KEY", VLLM_KEY), ("llamacpp", "LLAMA_API_KEY", LLAMA_KEY)],
)
def test_a_local_server_is_asked_with_its_own_variable_only(
    seed_text: str, monkeypatch: pytest.MonkeyPatch, provider: str, variable: str, key: str
) -> None:
    """The variable vLLM's and llama.cpp's servers read for the key they require."""
    monkeypatch.setenv(variable, key)
    monkeypatch.setenv("OPENAI_API_KEY", OPENAI_KEY)
    monkeypatch.setenv("SUMMARISER_API_KEY", CUSTOM_KEY)
    with fake_openai([ok()]) as server:
        summarise(seed_text, mode="json_schema", **_model_at(provider, server.url, monkeypatch))
    assert server.headers[0]["authorization"] == f"Bearer {key}"


def test_openais_sdk_variables_add_headers_only_at_openai(
    seed_text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The openai client adds OPENAI_ORG_ID, OPENAI_PROJECT_ID and OPENAI_CUSTOM_HEADERS
    to every request it makes, whatever the host; elsewhere we omit them."""
    monkeypatch.setenv("OPENAI_ORG_ID", "org-test-0123456789")
    monkeypatch.setenv("OPENAI_PROJECT_ID", "proj_test_0123456789")
    monkeypatch.setenv("OPENAI_CUSTOM_HEADERS", f"X-Gateway-Auth: {GATEWAY_KEY}")
    monkeypatch.setenv("OPENAI_API_KEY", OPENAI_KEY)
    with fake_openai([ok()]) as elsewhere:
        summarise(seed_text, mode="json_schema", **_model_at("ollama", elsewhere.url, monkeypatch))
    (headers,) = elsewhere.headers
    assert not {"openai-" + "organization", "openai-project", "x-gateway-auth"} & set(headers)
    with fake_openai([ok()]) as openai_itself:
        summarise(seed_text, **_model_at("openai", openai_itself.url, monkeypatch))
    (headers,) = openai_itself.headers
    assert headers["openai-" + "organization"] == "org-test-0123456789"
    assert headers["x-gateway-auth"] == GATEWAY_KEY


def test_no_key_reaches_an_error_a_log_the_output_or_a_recording(
    seed_text: str,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    for variable, key in (("OPENAI_API_KEY", OPENAI_KEY), ("SUMMARISER_API_KEY", CUSTOM_KEY),
                          ("VLLM_API_KEY", VLLM_KEY), ("LLAMA_API_KEY", LLAMA_KEY)):  # fmt: skip
        monkeypatch.setenv(variable, key)
    monkeypatch.setenv("SUMMARISER_CACHE_DIR", str(tmp_path / "cache"))
    caplog.set_level(logging.DEBUG)
    seen: list[str] = []
    with fake_openai([error(401, "Incorrect API key provided"), ok()]) as server:
        options = _model_at("openai", server.url, monkeypatch)
        with pytest.raises(BackendError) as caught:
            summarise(seed_text, **options)
        seen.append(str(caught.value))
        assert "rejected (HTTP 401); the key comes from OPENAI_API_KEY" in str(caught.value)
        summarise(seed_text, **options, record_dir=tmp_path / "recordings")
    article = tmp_path / "a.txt"
    article.write_text(seed_text, encoding="utf-8")
    with fake_openai([error(401, "Incorrect API key provided")]) as server:
        result = CliRunner().invoke(
            app, ["brief", str(article), "--model", "vllm:m", "--base-url", server.url]
        )
    assert result.exit_code == 6
    seen += [result.stdout, result.stderr, caplog.text]
    seen += [p.read_text(encoding="utf-8") for p in (tmp_path / "recordings").glob("*")]
    assert len(seen) == 5 and "HTTP Request" in caplog.text  # the log did record the calls
    assert not [key for key in ALL_KEYS for text in seen if key in text]
