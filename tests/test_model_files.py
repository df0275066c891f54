"""Model file checks that need no model run."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from summariser.backends import backend_identity, model_files
from summariser.config import Settings
from summariser.errors import ModelFileError


def test_a_tampered_embedded_model_is_refused_by_its_checksum(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SUMMARISER_CACHE_DIR", str(tmp_path))
    target = model_files.assembled_path()
    assert target.is_relative_to(tmp_path)
    target.parent.mkdir(parents=True)
    with target.open("wb") as file:  # right size, wrong bytes
        file.truncate(model_files.SIZE)
    with pytest.raises(ModelFileError, match="does not match the expected"):
        model_files.embedded_model_path()


def test_missing_part_packages_name_the_install_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SUMMARISER_CACHE_DIR", str(tmp_path))

    def not_installed(package: str) -> None:
        raise ModuleNotFoundError(package)

    # The module's own `importlib.resources`, patched where it is used.
    monkeypatch.setattr(model_files.resources, "files", not_installed)  # type: ignore[attr-defined]
    with pytest.raises(ModelFileError, match=r"summariser-briefs\[local\]"):
        model_files.embedded_model_path()
    assert list((tmp_path / "models").iterdir()) == []  # no half-written file is left


def test_a_local_models_hash_is_computed_once_per_path_size_and_mtime(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every cache look-up of ``local:/path.gguf`` needs the weights' hash; a batch must
    not re-read the whole file per article, yet a changed file gets a new identity."""
    gguf = tmp_path / "tiny.gguf"
    gguf.write_bytes(b"GGUF weights, version one")
    hashed: list[Path] = []
    real = model_files.sha256_of

    def counting(path: Path) -> str:
        hashed.append(path)
        return real(path)

    monkeypatch.setattr(model_files, "sha256_of", counting)
    settings = Settings(model=f"local:{gguf}")
    first = {backend_identity(settings) for _ in range(5)}
    assert len(hashed) == 1 and len(first) == 1
    assert first == {f"local:tiny@{real(gguf)[:12]}"}

    stat = gguf.stat()
    gguf.write_bytes(b"GGUF weights, version two")  # same size, rewritten in place
    os.utime(gguf, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    second = {backend_identity(settings) for _ in range(5)}
    assert len(hashed) == 2 and second == {f"local:tiny@{real(gguf)[:12]}"} != first
