"""What a model call costs: a small price table, per million tokens, that the user can
extend or override in the config file::

    [prices]
    "openai:gpt-4o-mini" = { input = 0.15, output = 0.60 }
    "ollama:*" = { input = 0, output = 0 }

Keys are the model string as given to ``--model``; ``provider:*`` matches every model of
a provider. An unknown price gives no cost (None), never a guess.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from summariser.errors import ConfigError

# USD per million tokens (input, output), as published by the providers.
DEFAULT_PRICES: dict[str, tuple[float, float]] = {
    "none": (0.0, 0.0),  # --model none: no model is called
    "local": (0.0, 0.0),
    "local:*": (0.0, 0.0),
    "ollama:*": (0.0, 0.0),
    "llamacpp:*": (0.0, 0.0),
    "lmstudio:*": (0.0, 0.0),
    "openai:gpt-4o-mini": (0.15, 0.60),
    "openai:gpt-4o": (2.50, 10.00),
    "openai:gpt-4.1-mini": (0.40, 1.60),
    "openai:gpt-4.1": (2.00, 8.00),
}


def price_table(overrides: Mapping[str, Any] | None = None) -> dict[str, tuple[float, float]]:
    """The default table with the user's entries on top."""
    table = dict(DEFAULT_PRICES)
    for model, entry in (overrides or {}).items():
        try:
            table[model] = (float(entry["input"]), float(entry["output"]))
        except (KeyError, TypeError, ValueError) as e:
            raise ConfigError(
                f"price for {model!r} needs numbers 'input' and 'output' (USD per 1M tokens)"
            ) from e
    return table


def cost(
    model: str,
    prompt_tokens: int,
    completion_tokens: int,
    table: Mapping[str, tuple[float, float]],
) -> float | None:
    """USD for the tokens, or None when the model's price is unknown."""
    price = table.get(model) or table.get(f"{model.split(':', 1)[0]}:*")
    if price is None:
        return None
    return round((prompt_tokens * price[0] + completion_tokens * price[1]) / 1_000_000, 6)
