"""Shared test helpers: the project's own fixtures, never ../shared/."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
ARTICLES = FIXTURES / "articles"
RECORDINGS = FIXTURES / "recordings"
SEED = ARTICLES / "tass-deir-ez-zor.txt"


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def _isolated_settings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No user config or environment leaks into a test."""
    for name in (
        "SUMMARISER_MODEL",
        "SUMMARISER_BASE_URL",
        "SUMMARISER_MODE",
        "SUMMARISER_API_KEY",
        "SUMMARISER_MAX_REASKS",
        "SUMMARISER_MAX_TOKENS",
        "SUMMARISER_TIMEOUT",
        "OPENAI_API_KEY",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SUMMARISER_CONFIG", str(tmp_path / "no-config.toml"))
