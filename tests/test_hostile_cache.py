"""A cache that cannot be read or written is bypassed with a warning, and the brief is
never lost; a tampered entry fails its checksum and is a miss. Part of the corpus
(``test_hostile_corpus.py``): each case runs the command line in its own process against
a fake model endpoint on 127.0.0.1.

The model here is SYNTHETIC (tests/synthetic.py): it drafts from the request's own text.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from summariser.errors import CacheError
from summariser.store.cache import BriefCache, checksum
from tests.conftest import FIXTURES
from tests.fake_openai import FakeServer, fake_openai
from tests.synthetic import synthetic_responder
from tests.test_hostile_corpus import Corpus, Run, check_run, refused, summariser

CORPUS = Corpus("cache")
case = CORPUS.case
ARTICLE = FIXTURES / "articles" / "harbour-fire.txt"


def brief(server: FakeServer, cache: Path, *, unprivileged: bool = False) -> Run:
    """A brief through the fake endpoint, with the answer cache in ``cache``."""
    run = summariser(
        "brief", str(ARTICLE), "-q", "-f", "json", "--model", "m", "--base-url", server.url,
        "--mode", "json_schema",
        env={"SUMMARISER_CACHE_DIR": str(cache), "SUMMARISER_API_KEY": "test-key-cache"},
        unprivileged=unprivileged,
    )  # fmt: skip
    check_run(run)
    return run


def made(run: Run) -> dict[str, object]:
    """The brief was made and printed, whatever the cache did."""
    assert run.code == 0, run.stderr
    result: dict[str, object] = run.json()
    assert str(result["text"]).startswith("Fire at Port Kessel")
    return result


def bypassed(run: Run, *fragments: str) -> None:
    (warning,) = [line for line in run.warnings if "answer cache" in line]
    for fragment in fragments:
        assert fragment in warning, warning


def cached_once(server: FakeServer, folder: Path) -> Path:
    """A cache in ``folder`` holding the answer of ``server`` for ARTICLE."""
    made(brief(server, folder))
    return folder / "answers.sqlite"


@case(
    "cache/corrupt-file",
    "`answers.sqlite` full of random bytes",
    "bypassed with one warning; the brief is made (exit 0)",
)
def _corrupt(tmp: Path) -> None:
    folder = tmp / "cache"
    folder.mkdir()
    (folder / "answers.sqlite").write_bytes(os.urandom(20_000))
    with fake_openai(responder=synthetic_responder) as server:
        run = brief(server, folder)
    made(run)
    bypassed(run, "cannot be opened", "file is not a database", "going on without it")


@case(
    "cache/truncated-file",
    "a cache cut to its first 8 kB",
    "bypassed or read as far as it goes; the brief is made (exit 0)",
)
def _truncated(tmp: Path) -> None:
    with fake_openai(responder=synthetic_responder) as server:
        path = cached_once(server, tmp / "cache")
        with closing(sqlite3.connect(path)) as db:
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        data = path.read_bytes()
        path.write_bytes(data[:8192])
        made(brief(server, tmp / "cache"))


@case(
    "cache/is-a-directory",
    "`answers.sqlite` is a directory",
    "bypassed with one warning; the brief is made (exit 0)",
)
def _directory(tmp: Path) -> None:
    (tmp / "cache" / "answers.sqlite").mkdir(parents=True)
    with fake_openai(responder=synthetic_responder) as server:
        run = brief(server, tmp / "cache")
    made(run)
    bypassed(run, "cannot be opened")


@case(
    "cache/folder-is-a-file",
    "`SUMMARISER_CACHE_DIR` names a regular file",
    "bypassed with one warning; the brief is made (exit 0)",
)
def _folder_is_file(tmp: Path) -> None:
    (tmp / "cache").write_text("not a folder", encoding="utf-8")
    with fake_openai(responder=synthetic_responder) as server:
        run = brief(server, tmp / "cache")
    made(run)
    bypassed(run, "cannot be opened")


@case(
    "cache/read-only-file",
    "a cache file (and its folder) without write permission",
    "read but not written, with one warning; the model's answer is not lost (exit 0)",
)
def _read_only(tmp: Path) -> None:
    folder = tmp / "cache"
    other = tmp / "other.txt"
    other.write_text(ARTICLE.read_text(encoding="utf-8").replace("300", "301"), "utf-8")
    with fake_openai(responder=synthetic_responder) as server:
        path = cached_once(server, folder)
        with closing(sqlite3.connect(path)) as db:
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        server.requests.clear()
        for item in folder.iterdir():
            item.chmod(0o444)
        folder.chmod(0o555)
        try:
            hit = brief(server, folder, unprivileged=True)
            run = summariser(
                "brief", str(other), "-q", "-f", "json", "--model", "m", "--base-url",
                server.url, "--mode", "json_schema", unprivileged=True,
                env={"SUMMARISER_CACHE_DIR": str(folder), "SUMMARISER_API_KEY": "k-cache"},
            )  # fmt: skip
            check_run(run)
            assert len(server.requests) == 1  # the cached article needed no model
        finally:
            folder.chmod(0o755)
    assert made(hit)["meta"]["usage"]["cached"] is True  # type: ignore[index]
    assert run.code == 0 and "301 residents" in run.json()["text"]
    bypassed(run, "cannot be written")


@case(
    "cache/locked",
    "another process holds the cache's write lock",
    "the write gives up after 5 s with one warning; the brief is made (exit 0)",
)
def _locked(tmp: Path) -> None:
    folder = tmp / "cache"
    other = tmp / "other.txt"
    other.write_text(ARTICLE.read_text(encoding="utf-8").replace("300", "302"), "utf-8")
    with fake_openai(responder=synthetic_responder) as server:
        path = cached_once(server, folder)
        holder = subprocess.Popen(
            [sys.executable, "-c", _HOLD_LOCK, str(path)], stdout=subprocess.PIPE, text=True
        )
        try:
            assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
            run = summariser(
                "brief", str(other), "-q", "-f", "json", "--model", "m", "--base-url",
                server.url, "--mode", "json_schema",
                env={"SUMMARISER_CACHE_DIR": str(folder), "SUMMARISER_API_KEY": "k-cache"},
            )  # fmt: skip
        finally:
            holder.kill()
            holder.wait()
            if holder.stdout is not None:
                holder.stdout.close()
    check_run(run)
    assert run.code == 0 and "302 residents" in run.json()["text"]
    bypassed(run, "cannot be written", "locked")


_HOLD_LOCK = """
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("BEGIN EXCLUSIVE")
print("locked", flush=True)
time.sleep(60)
"""


def _tamper(path: Path, change: str) -> None:
    with closing(sqlite3.connect(path)) as db, db:
        (key, answers) = db.execute("SELECT key, answers FROM answers").fetchone()
        if change == "content":
            tampered = answers.replace("Fire at Port Kessel", "PWNED at Port Kessel")
            assert tampered != answers
            db.execute("UPDATE answers SET answers = ? WHERE key = ?", (tampered, key))
        elif change == "key":
            db.execute("UPDATE answers SET key = 'another-article' WHERE key = ?", (key,))
            moved = answers.replace("Port Kessel", "Port Nowhere")
            db.execute(
                "INSERT INTO answers (key, answers, created, checksum) VALUES (?, ?, 0, ?)",
                (key, moved, checksum("another-article", moved)),
            )
        else:  # content that is valid JSON, with its own checksum, but not our answers
            db.execute(
                "UPDATE answers SET answers = ?, checksum = ? WHERE key = ?",
                ('{"brief": 1}', checksum(key, '{"brief": 1}'), key),
            )


def _tampered_is_a_miss(tmp: Path, change: str) -> None:
    with fake_openai(responder=synthetic_responder) as server:
        path = cached_once(server, tmp / "cache")
        _tamper(path, change)
        run = brief(server, tmp / "cache")
        assert len(server.requests) == 2  # a miss: the model was asked again
        result = made(run)
        assert "PWNED" not in json.dumps(result) and "Nowhere" not in json.dumps(result)
        assert result["meta"]["usage"]["cached"] is False  # type: ignore[index]
        again = brief(server, tmp / "cache")
        assert len(server.requests) == 2  # the fresh answer replaced the entry
    assert made(again)["meta"]["usage"]["cached"] is True  # type: ignore[index]


@case(
    "cache/tampered-entry",
    "an entry whose answer was edited in the database",
    "fails its checksum: a miss, the model is asked, the entry replaced (exit 0)",
)
def _tampered(tmp: Path) -> None:
    _tampered_is_a_miss(tmp, "content")


@case(
    "cache/entry-under-another-key",
    "another article's answer moved under this article's key",
    "fails its checksum (key and content): a miss (exit 0)",
)
def _moved(tmp: Path) -> None:
    _tampered_is_a_miss(tmp, "key")


@case(
    "cache/foreign-content",
    "an entry with a valid checksum that is not our answers",
    "does not validate: a miss (exit 0)",
)
def _foreign(tmp: Path) -> None:
    _tampered_is_a_miss(tmp, "shape")


@case(
    "cache/older-version",
    "a cache of an earlier version (no checksum column)",
    "upgraded in place; its entries miss once (exit 0)",
)
def _older(tmp: Path) -> None:
    folder = tmp / "cache"
    folder.mkdir()
    with closing(sqlite3.connect(folder / "answers.sqlite")) as db, db:
        db.execute(
            "CREATE TABLE answers (key TEXT PRIMARY KEY, answers TEXT NOT NULL, created REAL)"
        )
        db.execute("INSERT INTO answers VALUES ('k', '{}', 0)")
    with fake_openai(responder=synthetic_responder) as server:
        made(brief(server, folder))
        made(brief(server, folder))
        assert len(server.requests) == 1


@case(
    "cache/info-on-corrupt-cache",
    "`summariser cache info` on a corrupt cache",
    "one error line saying to delete it (exit 4)",
)
def _info(tmp: Path) -> None:
    folder = tmp / "cache"
    folder.mkdir()
    (folder / "answers.sqlite").write_bytes(b"SQLite format 3\x00" + os.urandom(5000))
    run = summariser("cache", "info", env={"SUMMARISER_CACHE_DIR": str(folder)})
    check_run(run)
    assert run.code == 4 and "delete the file" in run.error_line, run.stderr


@case(
    "cache/clear-read-only",
    "`summariser cache clear` on a read-only cache",
    "one error line (exit 4); nothing removed",
)
def _clear(tmp: Path) -> None:
    folder = tmp / "cache"
    with fake_openai(responder=synthetic_responder) as server:
        path = cached_once(server, folder)
    with closing(sqlite3.connect(path)) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = path.read_bytes()
    for item in folder.iterdir():
        item.chmod(0o444)
    folder.chmod(0o555)
    try:
        run = summariser(
            "cache", "clear", env={"SUMMARISER_CACHE_DIR": str(folder)}, unprivileged=True
        )
    finally:
        folder.chmod(0o755)
    check_run(run)
    refused(run, 4, "cannot")
    assert path.read_bytes() == before


@pytest.mark.parametrize("hostile", CORPUS.params())
def test_cache_case(hostile: object, tmp_path: Path) -> None:
    hostile.check(tmp_path)  # type: ignore[attr-defined]  # a Case


# In-process


def test_a_cache_that_cannot_be_opened_warns_once_and_serves_nothing(tmp_path: Path) -> None:
    (tmp_path / "answers.sqlite").write_bytes(b"not a database" * 100)
    heard: list[str] = []
    cache = BriefCache(tmp_path / "answers.sqlite", on_warning=heard.append)
    try:
        assert cache.get("k") is None
        cache.put("k", "{}")
        assert cache.recall_mode("e") is None
        cache.remember_mode("e", "tools")
        with pytest.raises(CacheError, match="cannot be opened"):
            cache.stats()
    finally:
        cache.close()
    assert len(heard) == 1 and "file is not a database" in heard[0]


def test_every_entry_carries_the_checksum_of_its_key_and_content(tmp_path: Path) -> None:
    path = tmp_path / "answers.sqlite"
    with closing(BriefCache(path)) as cache:
        cache.put("k", '{"a": 1}')
        assert cache.get("k") == '{"a": 1}'
    with closing(sqlite3.connect(path)) as db, db:
        (stored,) = db.execute("SELECT checksum FROM answers WHERE key = 'k'").fetchone()
        assert stored == checksum("k", '{"a": 1}')
        db.execute("""UPDATE answers SET answers = '{"a": 2}' WHERE key = 'k'""")
    with closing(BriefCache(path)) as cache:
        assert cache.get("k") is None
