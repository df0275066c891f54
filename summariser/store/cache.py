"""A content-addressed cache of the model's answers in SQLite (standard library).

The key is the recording key: input text, model identity, prompt version, draft schema
version, sentence-split version and the options, i.e. what determines the model's
answer. The cache keeps that answer (see ``answers.py``), not the brief: a hit builds the
brief with the code that runs now, so an upgrade of grounding, rules or the brief schema
never serves a stale brief. A hit imports no model stack. Writes are atomic (one
transaction), so a killed process leaves no partial entry.

Every entry carries the SHA-256 of its key and content: an entry that fails it (a
tampered or damaged row), or that no longer validates, is a miss, and the fresh answer
replaces it.

The cache is a convenience, never a reason to fail: a cache that cannot be opened or
read (not a database, truncated, a directory, a locked file) is bypassed, and one that
cannot be written (read-only) is only read; each with one warning, so a brief is never
lost to the cache. ``summariser cache info`` and ``clear`` report such a cache as one
error line (:class:`~summariser.errors.CacheError`).

The same file remembers, per endpoint, the structured-output mode that ``--mode auto``
fell back to (a server that rejects ``json_schema`` is not asked for it again on every
run); ``summariser cache clear`` forgets both.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from summariser.backends.model_files import cache_dir
from summariser.errors import CacheError, redact_urls
from summariser.store.keys import answer_key

if TYPE_CHECKING:
    from summariser.config import Settings
    from summariser.input.documents import Document
    from summariser.model.answers import Answers
    from summariser.schema import Brief

SCHEMA = (
    "CREATE TABLE IF NOT EXISTS answers "
    "(key TEXT PRIMARY KEY, answers TEXT NOT NULL, created REAL NOT NULL, checksum TEXT)"
)
MODES_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS modes "
    "(endpoint TEXT PRIMARY KEY, mode TEXT NOT NULL, created REAL NOT NULL)"
)
# SQLite in WAL mode keeps its recent writes beside the database.
SIDE_FILES = ("-wal", "-shm")
BUSY_SECONDS = 5.0  # how long a write waits for another process's lock before giving up
Warn = Callable[[str], None]
R = TypeVar("R")
_log = logging.getLogger("summariser.cache")


# Versions before the answer cache kept whole briefs here; nothing reads them any more.
LEGACY_FILES = ("briefs.sqlite", "briefs.sqlite-wal", "briefs.sqlite-shm")


def default_path() -> Path:
    return cache_dir() / "answers.sqlite"


def size_on_disk(path: Path) -> int:
    """Bytes of the database at ``path`` with its WAL files (0 when there is none)."""
    files = [path, *(path.with_name(path.name + suffix) for suffix in SIDE_FILES)]
    return sum(f.stat().st_size for f in files if f.is_file())


@dataclass(frozen=True)
class CacheStats:
    """What ``summariser cache info`` shows."""

    path: Path
    entries: int
    modes: int
    size_bytes: int
    oldest: float | None  # time.time() of the oldest answer, None when empty
    newest: float | None


def checksum(key: str, answers_json: str) -> str:
    """The SHA-256 an entry is stored with: of its key and its content together, so an
    answer copied under another key fails too."""
    return hashlib.sha256(f"{key}\n{answers_json}".encode()).hexdigest()


def _reason(error: BaseException) -> str:
    return " ".join(str(error).split()) or type(error).__name__


class BriefCache:
    """The model's answers (JSON) by key, and the briefs built from them.

    ``on_warning`` hears, once each, that the cache cannot be read or written (the
    command line prints it; by default it is logged).
    """

    def __init__(self, path: Path | None = None, *, on_warning: Warn | None = None) -> None:
        self.path = path or default_path()
        self._warn = on_warning or _log.warning
        # One connection shared by batch threads: sqlite3 objects need one user at a time.
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        self._readable = self._writable = False
        self.problem: str | None = None  # why the cache is (partly) bypassed, if it is
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, timeout=BUSY_SECONDS, check_same_thread=False)
            self._set_up(self._db)
            self._readable = self._writable = True
        except (sqlite3.Error, OSError) as error:
            self._open_read_only(error)
            return
        if path is None:  # only in our own cache directory
            for name in LEGACY_FILES:
                try:
                    (self.path.parent / name).unlink(missing_ok=True)
                except OSError:
                    continue

    @staticmethod
    def _set_up(db: sqlite3.Connection) -> None:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute(SCHEMA)
        columns = {row[1] for row in db.execute("PRAGMA table_info(answers)")}
        if "checksum" not in columns:  # a cache of an earlier version: its entries miss
            db.execute("ALTER TABLE answers ADD COLUMN checksum TEXT")
        db.execute(MODES_SCHEMA)
        db.commit()

    def _open_read_only(self, error: BaseException) -> None:
        """After a failed open: read a cache that only cannot be written, else none."""
        if self._db is not None:
            self._db.close()
            self._db = None
        db = None
        # Read-only; in a read-only folder SQLite cannot make the WAL index either, and
        # reads the file as it is (immutable), answers still in a WAL file unseen.
        for options in ("mode=ro", "mode=ro&immutable=1"):
            try:
                db = self._open_read_only_with(options)
                break
            except (sqlite3.Error, OSError, ValueError):
                continue
        if db is None:
            self._fail_open(f"cannot be opened ({_reason(error)}); going on without it")
            return
        self._db, self._readable = db, True
        self._fail_open(
            f"cannot be written ({_reason(error)}); its answers are read, new ones not stored"
        )

    def _open_read_only_with(self, options: str) -> sqlite3.Connection:
        uri = f"{self.path.resolve().as_uri()}?{options}"
        db = sqlite3.connect(uri, uri=True, timeout=BUSY_SECONDS, check_same_thread=False)
        try:
            db.execute("SELECT key, answers, checksum FROM answers LIMIT 1").fetchall()
        except sqlite3.Error:
            db.close()
            raise
        return db

    def _fail_open(self, why: str) -> None:
        self.problem = f"the answer cache {self.path} {why}"
        self._warn(self.problem)

    def _bypass(self, why: str, *, reading: bool = False) -> None:
        """Stop writing (and reading, unless ``reading``), with one warning."""
        was = (self._readable, self._writable)
        self._writable = False
        self._readable = self._readable and reading
        if was != (self._readable, self._writable):
            self.problem = f"the answer cache {self.path} {why}"
            self._warn(self.problem)

    def _read(self, query: Callable[[sqlite3.Connection], R], default: R) -> R:
        with self._lock:
            if not self._readable or self._db is None:
                return default
            try:
                return query(self._db)
            except sqlite3.Error as error:
                self._bypass(f"cannot be read ({_reason(error)}); going on without it")
                return default

    def _write(self, change: Callable[[sqlite3.Connection], object]) -> None:
        with self._lock:
            if not self._writable or self._db is None:
                return
            try:
                with self._db:
                    change(self._db)
            except sqlite3.Error as error:
                why = f"cannot be written ({_reason(error)}); this run's answers are not stored"
                self._bypass(why, reading=True)

    def get(self, key: str) -> str | None:
        """The answers stored under ``key``, or None: absent, or failing their checksum."""
        row = self._read(
            lambda db: db.execute(
                "SELECT answers, checksum FROM answers WHERE key = ?", (key,)
            ).fetchone(),
            None,
        )
        if row is None:
            return None
        answers, stored_sum = str(row[0]), row[1]
        return answers if stored_sum == checksum(key, answers) else None

    def put(self, key: str, answers_json: str) -> None:
        self._write(
            lambda db: db.execute(
                "INSERT OR REPLACE INTO answers (key, answers, created, checksum) "
                "VALUES (?, ?, ?, ?)",
                (key, answers_json, time.time(), checksum(key, answers_json)),
            )
        )

    def answers(self, document: Document, identity: str, settings: Settings) -> Answers | None:
        """The cached answers of the model ``identity`` for ``document`` under
        ``settings``; an entry that no longer validates counts as a miss."""
        stored = self.get(answer_key(document, redact_urls(identity), settings))
        if stored is None:
            return None
        from summariser.model.answers import Answers

        try:
            return Answers.model_validate_json(stored)
        except ValueError:  # pydantic's ValidationError: a stale or damaged entry
            return None

    def brief(self, document: Document, settings: Settings) -> Brief | None:
        """The brief of ``document`` built from cached answers, marked as cached."""
        from summariser.backends import backend_identity

        identity = redact_urls(backend_identity(settings))  # as the backend shows it
        answers = self.answers(document, identity, settings)
        if answers is None:
            return None
        from summariser.model.answers import brief_from_answers

        try:
            brief = brief_from_answers(document, answers, model=identity, settings=settings)
        except ValueError:  # answers this code can no longer build a brief from: a miss
            return None
        usage = brief.meta.usage.model_copy(update={"cached": True})
        return brief.model_copy(update={"meta": brief.meta.model_copy(update={"usage": usage})})

    def store(
        self, document: Document, identity: str, settings: Settings, answers: Answers
    ) -> None:
        key = answer_key(document, redact_urls(identity), settings)
        self.put(key, answers.model_dump_json())

    def recall_mode(self, endpoint: str) -> str | None:
        """The output mode ``endpoint`` (a backend identity) last fell back to, if any."""
        row = self._read(
            lambda db: db.execute(
                "SELECT mode FROM modes WHERE endpoint = ?", (redact_urls(endpoint),)
            ).fetchone(),
            None,
        )
        return None if row is None else str(row[0])

    def remember_mode(self, endpoint: str, mode: str) -> None:
        """Remember that ``endpoint`` works with ``mode`` (after rejecting the ones before)."""
        self._write(
            lambda db: db.execute(
                "INSERT OR REPLACE INTO modes (endpoint, mode, created) VALUES (?, ?, ?)",
                (redact_urls(endpoint), mode, time.time()),
            )
        )

    def _managed(self, done: str, action: Callable[[sqlite3.Connection], R]) -> R:
        """For ``cache info`` and ``clear``: the action's result, or one clear error
        saying the cache cannot be ``done`` ("read", "cleared")."""
        with self._lock:
            if self._db is None or not self._readable:
                raise CacheError(f"{self.problem or self.path}; delete the file to start anew")
            if done == "cleared" and not self._writable:
                raise CacheError(f"{self.problem}; it cannot be cleared")
            try:
                return action(self._db)
            except sqlite3.Error as error:
                raise CacheError(
                    f"the answer cache {self.path} cannot be {done} ({_reason(error)}); "
                    "delete the file to start anew"
                ) from error

    def stats(self) -> CacheStats:
        def count(db: sqlite3.Connection) -> tuple[int, int, float | None, float | None]:
            entries, oldest, newest = db.execute(
                "SELECT COUNT(*), MIN(created), MAX(created) FROM answers"
            ).fetchone()
            (modes,) = db.execute("SELECT COUNT(*) FROM modes").fetchone()
            return int(entries), int(modes), oldest, newest

        entries, modes, oldest, newest = self._managed("read", count)
        return CacheStats(self.path, entries, modes, size_on_disk(self.path), oldest, newest)

    def clear(self, older_than: float | None = None) -> int:
        """Delete the answers (and remembered modes) stored more than ``older_than``
        seconds ago, or all of them; return how many answers went. The file shrinks."""
        cutoff = time.time() - older_than if older_than is not None else float("inf")

        def delete(db: sqlite3.Connection) -> int:
            with db:
                removed = db.execute("DELETE FROM answers WHERE created < ?", (cutoff,)).rowcount
                db.execute("DELETE FROM modes WHERE created < ?", (cutoff,))
            db.execute("VACUUM")
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            return int(removed)

        return self._managed("cleared", delete)

    def close(self) -> None:
        with self._lock:
            if self._db is not None:
                with contextlib.suppress(sqlite3.Error):
                    self._db.close()
                self._db = None
