"""How we reach a model, chosen by an explicit string (never by a regex on its name).

``none``                  no model: the deterministic brief of the analysis alone
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


NO_MODEL = "none"


@dataclass(frozen=True)
class ModelSpec:
    """The model string, parsed once: every user of it reads this."""

    provider: str  # "none", "local", a PROVIDERS key, or "custom"
    model: str  # the provider's model name ("" for none and the embedded model)
    path: Path | None = None  # local:/path.gguf
    base_url: str | None = None

    @property
    def is_none(self) -> bool:
        return self.provider == NO_MODEL

    @property
    def is_local(self) -> bool:
        return self.provider == "local"


def parse_model(settings: Settings) -> ModelSpec:
    """``settings.model`` (with ``settings.base_url``) as a :class:`ModelSpec`."""
    spec = settings.model.strip()
    if spec == NO_MODEL:
        return ModelSpec(NO_MODEL, "")
    if spec == "local" or spec.startswith("local:"):
        path = Path(spec.removeprefix("local:")).expanduser() if ":" in spec else None
        return ModelSpec("local", "", path=path)
    provider_name, _, model = spec.partition(":")
    if not model:
        provider_name, model = "custom", spec
    provider = PROVIDERS.get(provider_name)
    base_url = settings.base_url or (provider.base_url if provider else None)
    return ModelSpec(provider_name, model, base_url=base_url.rstrip("/") if base_url else None)


def backend_identity(settings: Settings) -> str:
    """The identity ``resolve_backend(settings).identity`` would have, without building
    the backend or importing its libraries (cache look-ups stay fast)."""
    spec = parse_model(settings)
    if spec.is_none:
        return NO_MODEL
    if spec.is_local:
        from summariser.backends.model_files import local_identity

        return local_identity(spec.path)
    return f"{spec.provider}:{spec.model}@{spec.base_url or ''}"


def resolve_backend(settings: Settings, *, offline_replay: bool = False) -> Backend:
    """Build the backend that ``settings.model`` names (never for ``none``)."""
    spec = parse_model(settings)
    if spec.is_none:
        raise ConfigError("--model none uses no model backend")
    if spec.is_local:
        from summariser.backends.local import LocalBackend

        if settings.mode not in (None, OutputMode.AUTO.value, OutputMode.JSON_SCHEMA.value):
            raise ConfigError("the local model always uses json_schema mode")
        return LocalBackend(
            spec.path,
            offline_replay=offline_replay,
            max_tokens=settings.max_tokens or 2048,
            timeout=settings.timeout or 900.0,
        )
    provider = PROVIDERS.get(spec.provider)
    if provider is None:
        known = ", ".join([NO_MODEL, "local", *PROVIDERS])
        raise ConfigError(
            f"unknown provider {spec.provider!r} in {settings.model.strip()!r}; known: {known}"
        )
    if spec.base_url is None:
        raise ConfigError(
            f"model {settings.model.strip()!r} names no provider; write PROVIDER:MODEL "
            f"(none, local, {', '.join(p for p in PROVIDERS if p != 'custom')}) "
            "or give --base-url"
        )
    key = settings.resolved_api_key()
    if provider.needs_key and not key and not offline_replay:
        raise ConfigError(
            f"{spec.provider} needs an API key: set OPENAI_API_KEY or SUMMARISER_API_KEY"
        )
    from summariser.backends.openai_compat import Endpoint, OpenAICompatBackend, RetryPolicy

    endpoint = Endpoint(
        base_url=spec.base_url,
        model=spec.model,
        api_key=key or "not-needed",
        mode=_mode(settings, provider.mode),
        timeout=settings.timeout or 300.0,
        max_tokens=settings.max_tokens or 4096,
        retry=RetryPolicy(attempts=settings.retries),
    )
    return OpenAICompatBackend(endpoint, identity=backend_identity(settings))
