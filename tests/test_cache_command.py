"""`summariser cache info` and `summariser cache clear [--older-than AGE]`, on a scratch
cache directory (never the user's)."""

from __future__ import annotations

import json
import sqlite3
import time
from contextlib import closing
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summariser.cli.app import app
from summariser.store.cache import BriefCache


@pytest.fixture
def cache_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("SUMMARISER_CACHE_DIR", str(folder))
    return folder


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["cache", *args], prog_name="summariser")
    return result.exit_code, result.stdout, result.stderr


def _fill(folder: Path, ages_in_days: dict[str, float]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "answers.sqlite"
    with closing(BriefCache(path)) as cache:
        for key in ages_in_days:
            cache.put(key, json.dumps({"key": key, "payload": "x" * 100_000}))
    with closing(sqlite3.connect(path)) as db, db:
        for key, days in ages_in_days.items():
            created = time.time() - days * 86400
            db.execute("UPDATE answers SET created = ? WHERE key = ?", (created, key))
    return path


def _field(out: str, name: str) -> str:
    (line,) = [row for row in out.splitlines() if row.startswith(f"{name}:")]
    return line.split(":", 1)[1].strip()


def test_info_shows_path_entries_and_size(cache_dir: Path) -> None:
    path = _fill(cache_dir, {"a": 1, "b": 2, "c": 3})
    code, out, _ = _run("info")
    assert code == 0
    assert _field(out, "path") == str(path)
    assert _field(out, "entries").startswith("3 answers")
    size = _field(out, "size")
    assert size.endswith("kB") and float(size.split()[0]) >= 300  # three 100 kB answers


def test_info_without_a_cache_creates_none(cache_dir: Path) -> None:
    code, out, _ = _run("info")
    assert code == 0
    assert _field(out, "path") == str(cache_dir / "answers.sqlite")
    assert _field(out, "entries") == "0 (no cache yet)" and _field(out, "size") == "0 B"
    assert not cache_dir.exists()


def test_clear_removes_every_answer_and_frees_the_space(cache_dir: Path) -> None:
    path = _fill(cache_dir, {"a": 0, "b": 10})
    code, out, _ = _run("clear")
    assert code == 0
    assert out.startswith("removed 2 of 2 answers (")
    with closing(BriefCache(path)) as cache:
        stats = cache.stats()
    assert stats.entries == 0 and stats.size_bytes < 100_000
    assert _field(_run("info")[1], "entries").startswith("0 answers")


def test_clear_older_than_keeps_recent_answers(cache_dir: Path) -> None:
    path = _fill(cache_dir, {"old": 45, "older": 400, "recent": 2})
    code, out, _ = _run("clear", "--older-than", "30d")
    assert code == 0 and out.startswith("removed 2 of 3 answers")
    with closing(BriefCache(path)) as cache:
        assert cache.get("recent") is not None
        assert cache.get("old") is None and cache.get("older") is None


@pytest.mark.parametrize("age", ["30", "thirty days", "-3d", "3y"])
def test_clear_refuses_an_age_it_cannot_read(cache_dir: Path, age: str) -> None:
    _fill(cache_dir, {"a": 100})
    code, _, err = _run("clear", "--older-than", age)
    assert code == 2 and "e.g. 30d, 12h, 45m, 2w" in err
    with closing(BriefCache(cache_dir / "answers.sqlite")) as cache:
        assert cache.stats().entries == 1  # nothing was cleared


def test_clear_without_a_cache_is_not_an_error(cache_dir: Path) -> None:
    code, out, _ = _run("clear")
    assert code == 0 and out.startswith("nothing to clear")
    assert not cache_dir.exists()
