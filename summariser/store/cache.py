"""A content-addressed cache of the model's answers in SQLite (standard library).

The key is the recording key: input text, model identity, prompt version, draft schema
version, sentence-split version and the options, i.e. what determines the model's
answer. The cache keeps that answer (see ``answers.py``), not the brief: a hit builds the
brief with the code that runs now, so an upgrade of grounding, rules or the brief schema
never serves a stale brief. A hit imports no model stack. Writes are atomic (one
transaction), so a killed process leaves no partial entry.

The same file remembers, per endpoint, the structured-output mode that ``--mode auto``
fell back to (a server that rejects ``json_schema`` is not asked for it again on every
run); ``summariser cache clear`` forgets both.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from summariser.backends.model_files import cache_dir
from summariser.store.keys import answer_key

if TYPE_CHECKING:
    from summariser.config import Settings
    from summariser.input.documents import Document
    from summariser.model.answers import Answers
    from summariser.schema import Brief

SCHEMA = (
    "CREATE TABLE IF NOT EXISTS answers "
    "(key TEXT PRIMARY KEY, answers TEXT NOT NULL, created REAL NOT NULL)"
)
MODES_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS modes "
    "(endpoint TEXT PRIMARY KEY, mode TEXT NOT NULL, created REAL NOT NULL)"
)
# SQLite in WAL mode keeps its recent writes beside the database.
SIDE_FILES = ("-wal", "-shm")


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


class BriefCache:
    """The model's answers (JSON) by key, and the briefs built from them."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # One connection shared by batch threads: sqlite3 objects need one user at a time.
        self._lock = threading.Lock()
        self._db = sqlite3.connect(self.path, timeout=30, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute(SCHEMA)
        self._db.execute(MODES_SCHEMA)
        if path is None:  # only in our own cache directory
            for name in LEGACY_FILES:
                (self.path.parent / name).unlink(missing_ok=True)

    def get(self, key: str) -> str | None:
        with self._lock:
            row = self._db.execute("SELECT answers FROM answers WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def put(self, key: str, answers_json: str) -> None:
        with self._lock, self._db:
            self._db.execute(
                "INSERT OR REPLACE INTO answers (key, answers, created) VALUES (?, ?, ?)",
                (key, answers_json, time.time()),
            )

    def answers(self, document: Document, identity: str, settings: Settings) -> Answers | None:
        """The cached answers of the model ``identity`` for ``document`` under
        ``settings``; an entry that no longer validates counts as a miss."""
        stored = self.get(answer_key(document, identity, settings))
        if stored is None:
            return None
        from pydantic import ValidationError

        from summariser.model.answers import Answers

        try:
            return Answers.model_validate_json(stored)
        except ValidationError:
            return None

    def brief(self, document: Document, settings: Settings) -> Brief | None:
        """The brief of ``document`` built from cached answers, marked as cached."""
        from summariser.backends import backend_identity

        identity = backend_identity(settings)
        answers = self.answers(document, identity, settings)
        if answers is None:
            return None
        from summariser.model.answers import brief_from_answers

        brief = brief_from_answers(document, answers, model=identity, settings=settings)
        usage = brief.meta.usage.model_copy(update={"cached": True})
        return brief.model_copy(update={"meta": brief.meta.model_copy(update={"usage": usage})})

    def store(
        self, document: Document, identity: str, settings: Settings, answers: Answers
    ) -> None:
        self.put(answer_key(document, identity, settings), answers.model_dump_json())

    def recall_mode(self, endpoint: str) -> str | None:
        """The output mode ``endpoint`` (a backend identity) last fell back to, if any."""
        with self._lock:
            row = self._db.execute(
                "SELECT mode FROM modes WHERE endpoint = ?", (endpoint,)
            ).fetchone()
        return None if row is None else str(row[0])

    def remember_mode(self, endpoint: str, mode: str) -> None:
        """Remember that ``endpoint`` works with ``mode`` (after rejecting the ones before)."""
        with self._lock, self._db:
            self._db.execute(
                "INSERT OR REPLACE INTO modes (endpoint, mode, created) VALUES (?, ?, ?)",
                (endpoint, mode, time.time()),
            )

    def stats(self) -> CacheStats:
        with self._lock:
            entries, oldest, newest = self._db.execute(
                "SELECT COUNT(*), MIN(created), MAX(created) FROM answers"
            ).fetchone()
            (modes,) = self._db.execute("SELECT COUNT(*) FROM modes").fetchone()
        return CacheStats(self.path, int(entries), int(modes), size_on_disk(self.path),
                          oldest, newest)  # fmt: skip

    def clear(self, older_than: float | None = None) -> int:
        """Delete the answers (and remembered modes) stored more than ``older_than``
        seconds ago, or all of them; return how many answers went. The file shrinks."""
        cutoff = time.time() - older_than if older_than is not None else float("inf")
        with self._lock:
            with self._db:
                removed = self._db.execute(
                    "DELETE FROM answers WHERE created < ?", (cutoff,)
                ).rowcount
                self._db.execute("DELETE FROM modes WHERE created < ?", (cutoff,))
            self._db.execute("VACUUM")
            self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return int(removed)

    def close(self) -> None:
        self._db.close()
