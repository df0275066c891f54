"""Settings: CLI options over ``SUMMARISER_*`` environment variables over a config file.

The config file is TOML at ``$SUMMARISER_CONFIG`` or ``~/.config/summariser/config.toml``::

    model = "ollama:llama3.1"
    base_url = "http://gpu-box:11434/v1"
    mode = "json_schema"
    max_reasks = 1
    retries = 5
    timeout = 300          # seconds for one model request, retries and re-asks included
    fetch_timeout = 20     # seconds for one URL fetch, redirects included
    chunk_chars = 12000
    api_key_env = "MY_PROVIDER_KEY"   # the custom endpoint's key variable; never the key

    [prices]   # USD per million tokens; see pricing.py
    "openai:gpt-4o-mini" = { input = 0.15, output = 0.60 }

Keys are never settings read from a file or from ``SUMMARISER_*``: each provider reads
its own variable when the backend is built (``summariser.backends.PROVIDERS``), so a key
set for one endpoint never reaches another. ``api_key`` here is only a key given in
code, sent to the endpoint that code chose.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from summariser.errors import ConfigError

DEFAULT_MAX_REASKS = 1
DEFAULT_RETRIES = 5  # attempts for transient transport faults (429, 5xx, time-outs)
DEFAULT_CHUNK_CHARS = 12_000  # about 3,000 tokens of article per model call
DEFAULT_FETCH_TIMEOUT = 20.0  # seconds for a whole URL fetch, redirects included


@dataclass(frozen=True)
class Settings:
    model: str = "local"
    base_url: str | None = None
    mode: str | None = None
    api_key: str | None = field(default=None, repr=False)  # given in code only
    api_key_env: str | None = None  # names the custom endpoint's key variable
    max_reasks: int = DEFAULT_MAX_REASKS
    retries: int = DEFAULT_RETRIES
    max_tokens: int | None = None
    # Seconds for one model request, all of it: connecting, every read of a slow
    # stream, retries and the waits between them, re-asks. None: the provider's default.
    timeout: float | None = None
    fetch_timeout: float = DEFAULT_FETCH_TIMEOUT  # seconds for one URL fetch, in total
    chunk_chars: int = DEFAULT_CHUNK_CHARS
    prices: dict[str, Any] = field(default_factory=dict)

    def with_overrides(self, **values: Any) -> Settings:
        """A copy with every non-None value applied."""
        return replace(self, **{k: v for k, v in values.items() if v is not None})


def config_path() -> Path:
    explicit = os.environ.get("SUMMARISER_CONFIG")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config"
    return Path(base) / "summariser" / "config.toml"


def _from_file(path: Path) -> dict[str, Any]:
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise ConfigError(f"{path}: not valid TOML ({e})") from e
    if "api_key" in data:
        raise ConfigError(
            f"{path}: do not store keys in the config file; set api_key_env to the name "
            "of an environment variable instead"
        )
    return data


def _from_env() -> dict[str, Any]:
    values: dict[str, Any] = {}
    for item in fields(Settings):
        if item.name == "api_key":  # SUMMARISER_API_KEY is the custom endpoint's key
            continue
        raw = os.environ.get(f"SUMMARISER_{item.name.upper()}")
        if raw:
            values[item.name] = raw
    return values


def load_settings(**overrides: Any) -> Settings:
    """Merge file, environment and explicit overrides (highest last) into settings."""
    merged: dict[str, Any] = {}
    merged.update(_from_file(config_path()))
    merged.update(_from_env())
    merged.update({k: v for k, v in overrides.items() if v is not None})
    known = {f.name for f in fields(Settings)}
    unknown = sorted(set(merged) - known)
    if unknown:
        raise ConfigError(f"unknown setting(s): {', '.join(unknown)}")
    try:
        for name in ("max_reasks", "max_tokens", "retries", "chunk_chars"):
            if name in merged:
                merged[name] = int(merged[name])
        for name in ("timeout", "fetch_timeout"):
            if name in merged:
                merged[name] = float(merged[name])
    except (ValueError, TypeError) as e:
        raise ConfigError(f"bad number in settings: {e}") from e
    for name in ("timeout", "fetch_timeout"):
        seconds = merged.get(name, 1.0)
        if not 0 < seconds < float("inf"):  # NaN fails this too
            raise ConfigError(f"{name} must be a number of seconds above 0, not {seconds:g}")
    if merged.get("max_reasks", 0) < 0:
        raise ConfigError("max_reasks must be 0 or more")
    if merged.get("chunk_chars", 2000) < 2000:
        raise ConfigError("chunk_chars must be 2000 or more")
    if not isinstance(merged.get("prices", {}), dict):
        raise ConfigError("prices must be a table of model = { input = ..., output = ... }")
    if merged.get("retries", 1) < 1:
        raise ConfigError("retries must be 1 or more")
    return Settings(**merged)
