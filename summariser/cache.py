"""A content-addressed cache of briefs in SQLite (standard library).

The key is the recording key: input text, model identity, prompt version, draft schema
version and the options. A hit returns the stored brief JSON without importing the model
stack. Writes are atomic (one transaction), so a killed process leaves no partial entry.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

from summariser.backends.model_files import cache_dir
from summariser.keys import brief_key

if TYPE_CHECKING:
    from summariser.config import Settings
    from summariser.documents import Document
    from summariser.schema import Brief

SCHEMA = (
    "CREATE TABLE IF NOT EXISTS briefs "
    "(key TEXT PRIMARY KEY, brief TEXT NOT NULL, created REAL NOT NULL)"
)


def default_path() -> Path:
    return cache_dir() / "briefs.sqlite"


class BriefCache:
    """Stored brief JSON by key."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # One connection shared by batch threads: sqlite3 objects need one user at a time.
        self._lock = threading.Lock()
        self._db = sqlite3.connect(self.path, timeout=30, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute(SCHEMA)

    def get(self, key: str) -> str | None:
        with self._lock:
            row = self._db.execute("SELECT brief FROM briefs WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def put(self, key: str, brief_json: str) -> None:
        with self._lock, self._db:
            self._db.execute(
                "INSERT OR REPLACE INTO briefs (key, brief, created) VALUES (?, ?, ?)",
                (key, brief_json, time.time()),
            )

    def brief(self, document: Document, settings: Settings) -> Brief | None:
        """The cached brief of ``document`` under ``settings``, marked as cached."""
        stored = self.get(brief_key(document, settings))
        if stored is None:
            return None
        from summariser.schema import Brief

        brief = Brief.model_validate_json(stored)
        usage = brief.meta.usage.model_copy(update={"cached": True})
        return brief.model_copy(update={"meta": brief.meta.model_copy(update={"usage": usage})})

    def store(self, document: Document, settings: Settings, brief: Brief) -> None:
        self.put(brief_key(document, settings), brief.model_dump_json())

    def close(self) -> None:
        self._db.close()
