"""Model file checks that need no model run."""

from __future__ import annotations

from pathlib import Path

import pytest

from summariser.backends import model_files
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

    monkeypatch.setattr(model_files.resources, "files", not_installed)
    with pytest.raises(ModelFileError, match=r"summariser\[local\]"):
        model_files.embedded_model_path()
    assert list((tmp_path / "models").iterdir()) == []  # no half-written file is left
