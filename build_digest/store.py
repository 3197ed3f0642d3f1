"""A key → bytes store in one SQLite file, for the caches under build/.

One file per cache rather than one file per entry: on the machines measured here creating a
file costs about a third of a millisecond of kernel time, which at 10,000 articles was a
tenth of the whole analysis. SQLite (in the standard library) gives atomic commits, so an
interrupted build leaves whole entries or none, and several processes may read and write the
same store at once (write-ahead log, waiting on each other's locks). A damaged or foreign
file is moved aside and the cache starts empty: a cache is only ever a shortcut.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

BUSY_TIMEOUT_MS = 60_000  # another process holding the write lock: wait, a commit is short
DAMAGED_SUFFIX = ".damaged"
DAMAGED = ("SQLITE_CORRUPT", "SQLITE_NOTADB")  # what makes a file unusable as a store
BUSY = ("SQLITE_BUSY", "SQLITE_LOCKED")
PUT_ATTEMPTS = 5  # after a damaged file set aside, or a lock not granted, the entry is tried again
BUSY_PAUSE = 0.05  # seconds, times the attempt


class Store:
    def __init__(self, path: Path):
        self.path = path
        self._connection: sqlite3.Connection | None = None
        self._pending = 0

    def get(self, key: str) -> bytes | None:
        try:
            row = self._connect().execute("SELECT value FROM entries WHERE key = ?", (key,)).fetchone()
        except sqlite3.DatabaseError as error:
            self._recover(error)
            return None
        return row[0] if row is not None else None

    def put(self, key: str, value: bytes, commit_every: int = 1) -> None:
        """Store one entry; with `commit_every` > 1 entries are committed in batches (call
        `commit` at the end): far fewer writes to the log when a build stores thousands."""
        for attempt in range(PUT_ATTEMPTS):
            try:
                self._connect().execute("INSERT OR REPLACE INTO entries (key, value) VALUES (?, ?)", (key, value))
                self._pending += 1
                if self._pending >= commit_every:
                    self.commit()
                return
            except sqlite3.DatabaseError as error:
                outcome = self._recover(error)
                if outcome == "failed":
                    return  # the entry is simply not cached
                if outcome == "busy":  # two processes opening a new store at once
                    time.sleep(BUSY_PAUSE * (attempt + 1))

    def commit(self) -> None:
        if self._connection is not None and self._pending:
            self._connection.commit()
        self._pending = 0

    def close(self) -> None:
        """Commit and let go of the file (before forking: a child must never use a parent's
        connection)."""
        if self._connection is not None:
            try:
                self.commit()
            finally:
                self._connection.close()
                self._connection = None

    def _connect(self) -> sqlite3.Connection:
        if self._connection is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # IMMEDIATE: a write takes the lock when its transaction begins, where SQLite waits
            # for another writer; a deferred one fails at once when it meets a writer midway.
            connection = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level="IMMEDIATE")
            try:
                connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
                connection.execute("PRAGMA journal_mode = WAL")
                # A crash of the machine may lose the last commits, never tear them: fine for a cache.
                connection.execute("PRAGMA synchronous = NORMAL")
                connection.execute("CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, value BLOB NOT NULL)")
                connection.commit()
            except sqlite3.DatabaseError:
                connection.close()
                raise
            self._connection = connection
        return self._connection

    @staticmethod
    def _damaged(error: sqlite3.DatabaseError) -> bool:
        """An error that says the file is no store we can use (not a lock another process holds)."""
        return not isinstance(error, sqlite3.OperationalError) or error.sqlite_errorname in DAMAGED

    def _recover(self, error: sqlite3.DatabaseError) -> str:
        """After an error: a damaged file is set aside ("damaged", the next use starts a new one);
        otherwise the transaction is dropped, its uncommitted entries with it ("busy" when another
        process held the lock, "failed" else), and the file is left to whoever uses it."""
        if self._damaged(error):
            self._set_aside()
            return "damaged"
        if self._connection is not None:
            self._connection.rollback()
        self._pending = 0
        return "busy" if error.sqlite_errorname in BUSY else "failed"

    def _set_aside(self) -> None:
        """The file is not a store we can use: keep it for inspection, start again empty."""
        if self._connection is not None:
            self._connection.close()
            self._connection = None
        self._pending = 0
        for suffix in ("-wal", "-shm"):
            Path(str(self.path) + suffix).unlink(missing_ok=True)
        if self.path.exists():
            self.path.replace(self.path.with_name(self.path.name + DAMAGED_SUFFIX))

    def __len__(self) -> int:
        try:
            return self._connect().execute("SELECT COUNT(*) FROM entries").fetchone()[0]
        except sqlite3.DatabaseError as error:
            self._recover(error)
            return 0
