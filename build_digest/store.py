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
PUT_ATTEMPTS = 5  # a damaged file set aside, or a lock not granted, and the entry is tried again
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
            self._failed(error)
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
                busy = error.sqlite_errorname in BUSY
                if not self._failed(error) and not busy:
                    return
                if busy:  # two processes opening a new store at once: the loser waits its turn
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

    def _failed(self, error: sqlite3.DatabaseError) -> bool:
        """After an error: True when the file was damaged and set aside. A busy or read-only
        store is left as it is (another build may be using it); the entry is simply not cached."""
        if isinstance(error, sqlite3.OperationalError) and error.sqlite_errorname not in DAMAGED:
            if self._connection is not None:
                self._connection.rollback()
            self._pending = 0
            return False
        self._set_aside()
        return True

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
            self._failed(error)
            return 0
