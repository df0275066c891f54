"""How we reach a model, chosen by an explicit string (never by a regex on its name).

``none``                  no model: the deterministic brief of the analysis alone
``local``                 the embedded default model
``local:/path/model.gguf`` any other GGUF file, run in-process
``openai:MODEL``          OpenAI's API (``$OPENAI_BASE_URL`` moves it; key OPENAI_API_KEY)
``ollama:MODEL``          Ollama on http://localhost:11434/v1 (``$OLLAMA_HOST`` moves it)
``vllm:MODEL``            vLLM on http://localhost:8000/v1 (key VLLM_API_KEY, if set)
``llamacpp:MODEL``        llama.cpp's server on http://localhost:8080/v1 (key LLAMA_API_KEY)
``lmstudio:MODEL``        LM Studio on http://localhost:1234/v1
``MODEL`` + base URL      any other OpenAI-compatible endpoint (key SUMMARISER_API_KEY, or
                          the variable that ``api_key_env`` names)

``--base-url`` overrides a provider's address; ``--mode`` its output mode.

A key goes only to its own provider: each provider reads its own variable, local servers
get none unless their own variable is set, and OpenAI's key goes only to OpenAI's address
(its default or ``$OPENAI_BASE_URL``); an ``openai:`` model sent elsewhere with
``--base-url`` takes the custom endpoint's key instead.
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from summariser.backends.modes import ModeMemory, OutputMode
from summariser.config import Settings
from summariser.errors import ConfigError

if TYPE_CHECKING:
    from summariser.backends.base import Backend

CUSTOM_KEY_ENV = "SUMMARISER_API_KEY"


def _url(value: str) -> str:
    return value.strip()


def _ollama_url(value: str) -> str:
    """``$OLLAMA_HOST`` read as Ollama's own client reads it: ``[scheme://]host[:port][/path]``,
    http and port 11434 unless given (80 or 443 with an explicit scheme). A bind-all
    address (``0.0.0.0``, ``::``, none) means this machine."""
    value = value.strip()
    scheme, sep, rest = value.partition("://")
    port = 11434
    if not sep:
        scheme, rest = "http", value
    elif scheme in ("http", "https"):
        port = 80 if scheme == "http" else 443
    hostport, slash, path = rest.partition("/")
    try:
        host = str(ipaddress.ip_address(hostport.strip("[]")))  # an address with no port
    except ValueError:
        try:
            parts = urlsplit(f"//{hostport}")
            host, port = parts.hostname or "", parts.port or port
        except ValueError:  # a bad port: Ollama falls back to the default one
            host = hostport.rsplit(":", 1)[0].strip("[]")
    if host in ("", "0.0.0.0", "::"):
        host = "127.0.0.1"
    if ":" in host:
        host = f"[{host}]"
    prefix = f"/{path.strip('/')}" if slash and path.strip("/") else ""
    return f"{scheme}://{host}:{port}{prefix}/v1"


@dataclass(frozen=True)
class Provider:
    """A service that speaks OpenAI's wire protocol: its default address, the standard
    variable that moves it, the variables that hold its own key, and its output mode."""

    base_url: str | None
    mode: OutputMode
    key_env: tuple[str, ...] = ()  # where its own key may be (names, never keys)
    needs_key: bool = False
    hosted: bool = False  # a hosted API: its key goes only to its own address
    strict: bool = False  # OpenAI's strict structured outputs
    address_env: tuple[str, Callable[[str], str]] | None = None  # (variable, to base URL)


PROVIDERS: dict[str, Provider] = {
    "openai": Provider(
        "https://api.openai.com/v1",
        OutputMode.JSON_SCHEMA,
        key_env=("OPENAI_API_KEY",),
        needs_key=True,
        hosted=True,
        strict=True,
        address_env=("OPENAI_BASE_URL", _url),
    ),
    "ollama": Provider(
        "http://localhost:11434/v1", OutputMode.AUTO, address_env=("OLLAMA_HOST", _ollama_url)
    ),
    # vLLM's and llama.cpp's servers read these variables for the key they require.
    "vllm": Provider("http://localhost:8000/v1", OutputMode.AUTO, key_env=("VLLM_API_KEY",)),
    "llamacpp": Provider("http://localhost:8080/v1", OutputMode.AUTO, key_env=("LLAMA_API_KEY",)),
    "lmstudio": Provider("http://localhost:1234/v1", OutputMode.AUTO),
    "custom": Provider(None, OutputMode.AUTO),
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
    """The model string, parsed once: every user of it reads this. It names where the
    key comes from, never the key itself."""

    provider: str  # "none", "local", a PROVIDERS key, or "custom"
    model: str  # the provider's model name ("" for none and the embedded model)
    path: Path | None = None  # local:/path.gguf
    base_url: str | None = None  # validated: http(s), with a host
    key_env: tuple[str, ...] = ()  # the variables this endpoint's key may come from
    # The openai SDK's own variables (OPENAI_ORG_ID, OPENAI_PROJECT_ID,
    # OPENAI_CUSTOM_HEADERS) apply: only at OpenAI's own address.
    openai_env: bool = False

    @property
    def is_none(self) -> bool:
        return self.provider == NO_MODEL

    @property
    def is_local(self) -> bool:
        return self.provider == "local"

    @property
    def service(self) -> Provider:
        """The provider's entry in :data:`PROVIDERS` (not for none or local)."""
        return PROVIDERS[self.provider]

    def api_key(self, explicit: str | None = None) -> str | None:
        """The key to send: ``explicit`` (given in code) or this endpoint's own variable."""
        if explicit:
            return explicit
        return next((os.environ[n] for n in self.key_env if os.environ.get(n)), None)

    @property
    def key_help(self) -> str:
        """Where the key comes from, for messages (names, never the key)."""
        if self.key_env:
            return f"the key comes from {' or '.join(self.key_env)}"
        return (
            f"{self.provider} is sent no key; for a server that needs one, "
            f"give NAME --base-url URL and set {CUSTOM_KEY_ENV}"
        )


def parse_model(settings: Settings) -> ModelSpec:
    """``settings.model`` (with ``settings.base_url``) as a :class:`ModelSpec`.

    Raises :class:`ConfigError` for an unknown provider, a model with no address, or an
    address that is not an http(s) URL, before anything is loaded or sent.
    """
    spec = settings.model.strip()
    if spec == NO_MODEL:
        return ModelSpec(NO_MODEL, "")
    if spec == "local" or spec.startswith("local:"):
        path = Path(spec.removeprefix("local:")).expanduser() if ":" in spec else None
        return ModelSpec("local", "", path=path)
    name, _, model = spec.partition(":")
    if not model:
        name, model = "custom", spec
    provider = PROVIDERS.get(name)
    if provider is None:
        known = ", ".join([NO_MODEL, "local", *(p for p in PROVIDERS if p != "custom")])
        raise ConfigError(f"unknown provider {name!r} in {spec!r}; known: {known}")
    if settings.base_url:
        base_url = _checked_url(settings.base_url, "--base-url")
        at_home = provider.hosted and base_url in _home_addresses(provider)
    elif provider.base_url is not None:
        base_url = _own_address(provider)
        at_home = provider.hosted
    else:
        raise ConfigError(
            f"model {spec!r} names no provider; write PROVIDER:MODEL "
            f"(none, local, {', '.join(p for p in PROVIDERS if p != 'custom')}) "
            "or give --base-url"
        )
    if name == "custom" or (provider.hosted and not at_home):
        key_env: tuple[str, ...] = (settings.api_key_env or CUSTOM_KEY_ENV,)
    else:
        key_env = provider.key_env
    return ModelSpec(name, model, base_url=base_url, key_env=key_env, openai_env=at_home)


def _own_address(provider: Provider) -> str:
    """The provider's address: its standard variable if set, else its default."""
    if provider.address_env is not None:
        variable, to_url = provider.address_env
        value = os.environ.get(variable, "").strip()
        if value:
            return _checked_url(to_url(value), f"${variable}")
    assert provider.base_url is not None
    return provider.base_url


def _home_addresses(provider: Provider) -> set[str]:
    """Where a hosted provider's own key may go: its default address and the one its
    standard variable gives (the pair its own SDK uses)."""
    homes = {provider.base_url} if provider.base_url else set()
    if provider.address_env is not None:
        variable, to_url = provider.address_env
        value = os.environ.get(variable, "").strip()
        if value:
            homes.add(to_url(value).rstrip("/"))
    return homes


def _checked_url(url: str, source: str) -> str:
    """``url`` without its trailing slash, or a ConfigError naming ``source``: a base URL
    without a scheme (``localhost:8080/v1``) would otherwise fail only after retries."""
    url = url.strip().rstrip("/")
    try:
        parts = urlsplit(url)
        host, _ = parts.hostname, parts.port  # .port raises on a bad port
    except ValueError as e:
        raise ConfigError(f"{source} {url!r} is not a valid URL ({e})") from None
    if parts.scheme not in ("http", "https") or not host or any(c.isspace() for c in url):
        hint = f"; did you mean 'http://{url}'?" if not url.startswith("http") else ""
        raise ConfigError(f"{source} {url!r} is not an http:// or https:// URL with a host{hint}")
    return url


def backend_identity(settings: Settings) -> str:
    """The identity ``resolve_backend(settings).identity`` would have, without building
    the backend or importing its libraries (cache look-ups stay fast)."""
    return _identity(parse_model(settings))


def _identity(spec: ModelSpec) -> str:
    if spec.is_none:
        return NO_MODEL
    if spec.is_local:
        from summariser.backends.model_files import local_identity

        return local_identity(spec.path)
    return f"{spec.provider}:{spec.model}@{spec.base_url or ''}"


def resolve_backend(
    settings: Settings, *, offline_replay: bool = False, memory: ModeMemory | None = None
) -> Backend:
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
    provider = spec.service
    assert spec.base_url is not None  # parse_model refuses a model with no address
    key = spec.api_key(settings.api_key)
    if provider.needs_key and not key and not offline_replay:
        elsewhere = ""
        if provider.hosted and not spec.openai_env:
            own = " or ".join(provider.key_env)
            elsewhere = f" ({own} is sent only to {spec.provider}'s own address)"
        raise ConfigError(
            f"{spec.provider} needs an API key: set {' or '.join(spec.key_env)}{elsewhere}"
        )
    from summariser.backends.openai_compat import Endpoint, OpenAICompatBackend, RetryPolicy

    endpoint = Endpoint(
        base_url=spec.base_url,
        model=spec.model,
        api_key=key or "",
        mode=_mode(settings, provider.mode),
        strict=provider.strict,
        openai_env=spec.openai_env,
        key_help=spec.key_help,
        timeout=settings.timeout or 300.0,
        max_tokens=settings.max_tokens or 4096,
        retry=RetryPolicy(attempts=settings.retries),
    )
    return OpenAICompatBackend(endpoint, identity=_identity(spec), memory=memory)
