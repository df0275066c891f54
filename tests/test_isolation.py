"""Tests never touch the user's cache, and only tests marked `model` start the local model."""

from __future__ import annotations

from pathlib import Path

import pytest

from summariser import summarise
from summariser.backends import local
from summariser.backends.model_files import assembled_path, cache_dir
from summariser.store.cache import BriefCache, default_path
from tests.conftest import USER_MODELS, isolated_cache


def test_every_test_has_its_own_cache_directory(tmp_path_factory: pytest.TempPathFactory) -> None:
    base = tmp_path_factory.getbasetemp()
    assert cache_dir().is_relative_to(base)
    assert not cache_dir().is_relative_to(USER_MODELS.parent)
    assert default_path().is_relative_to(base)
    cache = BriefCache()
    try:
        assert cache.path.is_relative_to(base)
    finally:
        cache.close()


def test_two_tests_never_share_a_cache_directory(cache_directory: Path) -> None:
    assert cache_directory == cache_dir()
    assert not any(cache_directory.iterdir())  # nothing left by an earlier test


def test_a_model_test_finds_the_users_model_file_but_not_their_answers(tmp_path: Path) -> None:
    users_models = tmp_path / "home-cache" / "summariser" / "models"
    directory = isolated_cache(tmp_path / "test-cache", model=True, models=users_models)
    assert (directory / "models").resolve() == users_models.resolve()
    assert not (directory / "answers.sqlite").exists()
    assert not users_models.parent.joinpath("answers.sqlite").exists()
    other = isolated_cache(tmp_path / "other-cache", model=False, models=users_models)
    assert not (other / "models").exists()


def test_the_embedded_model_path_follows_the_test_cache() -> None:
    assert assembled_path().is_relative_to(cache_dir())


def test_a_test_not_marked_model_cannot_start_a_local_model(tmp_path: Path, seed_text: str) -> None:
    fake = tmp_path / "model.gguf"
    fake.write_bytes(b"GGUF" + b"\x00" * 64)
    with pytest.raises(pytest.fail.Exception, match="would start the local model"):
        summarise(seed_text, model=f"local:{fake}")


def test_a_test_not_marked_model_cannot_assemble_the_embedded_model() -> None:
    with pytest.raises(pytest.fail.Exception, match="mark the test `model`"):
        local.LocalBackend()._model_file()
