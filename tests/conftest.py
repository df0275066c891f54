"""Shared test helpers: the project's own fixtures, never ../shared/.

Every test runs with its own config and cache directories, so nothing the user made
(``make brief`` fills ``~/.cache/summariser``) can answer for a test, and no test writes
there. Only tests marked ``model`` may start the local model; they see the user's
assembled model file (1.1 GB, joined once), but never the user's answer cache.
"""

from __future__ import annotations

from pathlib import Path
from typing import NoReturn

import pytest

from summariser.backends.model_files import cache_dir
from tests.fake_openai import PROVIDER_ENV

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
ARTICLES = FIXTURES / "articles"
RECORDINGS = FIXTURES / "recordings"
SEED = ARTICLES / "tass-deir-ez-zor.txt"

# Where the user's cache keeps the assembled embedded model, read once before any test
# changes the environment.
USER_MODELS = cache_dir() / "models"


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def _isolated_settings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No user config or environment leaks into a test."""
    for name in (
        "SUMMARISER_MODEL",
        "SUMMARISER_MODE",
        "SUMMARISER_MAX_REASKS",
        "SUMMARISER_MAX_TOKENS",
        "SUMMARISER_TIMEOUT",
        *PROVIDER_ENV,  # keys and addresses of every provider
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SUMMARISER_CONFIG", str(tmp_path / "no-config.toml"))
    # Briefs record when they were made: a fixed time keeps two runs' briefs equal.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01 00:00 UTC


def isolated_cache(directory: Path, *, model: bool, models: Path = USER_MODELS) -> Path:
    """A fresh cache directory; for a test marked ``model`` its ``models/`` is the user's,
    so the real model file is found where ``make brief`` assembled it."""
    directory.mkdir(parents=True, exist_ok=True)
    if model:
        models.mkdir(parents=True, exist_ok=True)
        (directory / "models").symlink_to(models, target_is_directory=True)
    return directory


@pytest.fixture(autouse=True)
def cache_directory(
    request: pytest.FixtureRequest,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path_factory: pytest.TempPathFactory,
) -> Path:
    """Every test gets its own ``SUMMARISER_CACHE_DIR`` (answers, remembered modes, the
    assembled model), also seen by the commands it runs in subprocesses."""
    marked = request.node.get_closest_marker("model") is not None
    directory = isolated_cache(tmp_path_factory.mktemp("cache"), model=marked)
    monkeypatch.setenv("SUMMARISER_CACHE_DIR", str(directory))
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    return directory


@pytest.fixture(autouse=True)
def _local_model_only_when_marked(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Like pydantic-ai's ``ALLOW_MODEL_REQUESTS = False``: a test not marked ``model``
    that would assemble or start the local model fails at once, naming itself."""
    if request.node.get_closest_marker("model") is not None:
        return
    from summariser.backends import local

    def refuse(*args: object, **kwargs: object) -> NoReturn:
        pytest.fail(
            f"{request.node.nodeid} would start the local model: replay a recording, "
            "use a fake endpoint, or mark the test `model`",
            pytrace=False,
        )

    monkeypatch.setattr(local, "embedded_model_path", refuse)
    monkeypatch.setattr(local.LocalBackend, "_start", refuse)
