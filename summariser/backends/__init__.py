"""How we reach a model, chosen by an explicit string (never by a regex on its name).

``local``                 the embedded default model
``local:/path/model.gguf`` any other GGUF file, run in-process
``openai:MODEL``          OpenAI's API (key from OPENAI_API_KEY or SUMMARISER_API_KEY)
``ollama:MODEL``          Ollama on http://localhost:11434/v1
``vllm:MODEL``            vLLM on http://localhost:8000/v1
``llamacpp:MODEL``        llama.cpp's server on http://localhost:8080/v1
``lmstudio:MODEL``        LM Studio on http://localhost:1234/v1
``MODEL`` + base URL      any other OpenAI-compatible endpoint

``--base-url`` overrides a provider's default address; ``--mode`` its output mode.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from summariser.backends.modes import OutputMode
from summariser.config import Settings
from summariser.errors import ConfigError

if TYPE_CHECKING:
    from summariser.backends.base import Backend


@dataclass(frozen=True)
class Provider:
    base_url: str | None
    needs_key: bool
    mode: OutputMode


PROVIDERS: dict[str, Provider] = {
    "openai": Provider("https://api.openai.com/v1", True, OutputMode.JSON_SCHEMA),
    "ollama": Provider("http://localhost:11434/v1", False, OutputMode.AUTO),
    "vllm": Provider("http://localhost:8000/v1", False, OutputMode.AUTO),
    "llamacpp": Provider("http://localhost:8080/v1", False, OutputMode.AUTO),
    "lmstudio": Provider("http://localhost:1234/v1", False, OutputMode.AUTO),
    "custom": Provider(None, False, OutputMode.AUTO),
}


def _mode(settings: Settings, default: OutputMode) -> OutputMode:
    if settings.mode is None:
        return default
    try:
        return OutputMode(settings.mode)
    except ValueError:
        choices = ", ".join(m.value for m in OutputMode)
        raise ConfigError(f"unknown mode {settings.mode!r}; choose one of {choices}") from None


def backend_identity(settings: Settings) -> str:
    """The identity ``resolve_backend(settings).identity`` would have, without building
    the backend or importing its libraries (cache look-ups stay fast)."""
    spec = settings.model.strip()
    if spec == "local" or spec.startswith("local:"):
        from summariser.backends.model_files import local_identity

        path = Path(spec.removeprefix("local:")).expanduser() if ":" in spec else None
        return local_identity(path)
    provider_name, _, model = spec.partition(":")
    if not model:
        provider_name, model = "custom", spec
    provider = PROVIDERS.get(provider_name)
    base_url = settings.base_url or (provider.base_url if provider else None)
    return f"{provider_name}:{model}@{(base_url or '').rstrip('/')}"


def resolve_backend(settings: Settings, *, offline_replay: bool = False) -> Backend:
    """Build the backend that ``settings.model`` names."""
    spec = settings.model.strip()
    if spec == "local" or spec.startswith("local:"):
        from summariser.backends.local import LocalBackend

        path = Path(spec.removeprefix("local:")).expanduser() if ":" in spec else None
        if settings.mode not in (None, OutputMode.AUTO.value, OutputMode.JSON_SCHEMA.value):
            raise ConfigError("the local model always uses json_schema mode")
        return LocalBackend(
            path,
            offline_replay=offline_replay,
            max_tokens=settings.max_tokens or 2048,
            timeout=settings.timeout or 900.0,
        )
    provider_name, _, model = spec.partition(":")
    if not model:
        provider_name, model = "custom", spec
    provider = PROVIDERS.get(provider_name)
    if provider is None:
        known = ", ".join(["local", *PROVIDERS])
        raise ConfigError(f"unknown provider {provider_name!r} in {spec!r}; known: {known}")
    base_url = settings.base_url or provider.base_url
    if base_url is None:
        raise ConfigError(
            f"model {spec!r} names no provider; write PROVIDER:MODEL "
            f"(local, {', '.join(p for p in PROVIDERS if p != 'custom')}) or give --base-url"
        )
    key = settings.resolved_api_key()
    if provider.needs_key and not key and not offline_replay:
        raise ConfigError(
            f"{provider_name} needs an API key: set OPENAI_API_KEY or SUMMARISER_API_KEY"
        )
    from summariser.backends.openai_compat import Endpoint, OpenAICompatBackend, RetryPolicy

    endpoint = Endpoint(
        base_url=base_url.rstrip("/"),
        model=model,
        api_key=key or "not-needed",
        mode=_mode(settings, provider.mode),
        timeout=settings.timeout or 300.0,
        max_tokens=settings.max_tokens or 4096,
        retry=RetryPolicy(attempts=settings.retries),
    )
    return OpenAICompatBackend(endpoint, identity=backend_identity(settings))
