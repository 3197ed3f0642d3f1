"""Content-addressed cache of per-file analysis under build/cache/.

A file's analysis (its lines' roles, its articles with tags, figures and ids, its warnings)
depends only on the file's bytes, its curated metadata, the registry and the code. The key is
a hash of all four, so a changed file, a registry edit or a new version of the generator each
miss exactly what they affect, and a stale entry can never be read. Entries are pickles
kept in one SQLite file (store.py), committed in batches, so an interrupted build leaves
whole entries or none; an unreadable entry counts as a miss.
"""

from __future__ import annotations

import hashlib
import pickle
from pathlib import Path

import build_digest
from build_digest.store import Store

COMMIT_EVERY = 256  # entries per commit while a build stores its analyses
CACHE_FORMAT = 1  # bump when the pickled layout changes in a way the code hash would not show


def code_fingerprint() -> str:
    """Hash of the generator's own source and data files (gazetteers, vocabularies): any change
    to them invalidates every entry."""
    return source_fingerprint(Path(build_digest.__file__).parent, str(CACHE_FORMAT))


def source_fingerprint(package: Path, salt: str = "") -> str:
    """Hash of a package's files (sources and data, names included; compiled files left out)."""
    digest = hashlib.sha256(salt.encode())
    for path in sorted(p for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def folder_fingerprint(folder: Path, skip: Path | None = None) -> str:
    """Hash of every file below a folder (the curated registry), names included; `skip` left out."""
    digest = hashlib.sha256()
    if folder.is_dir():
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and p != skip):
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


class AnalysisCache:
    """Entries are pickles in one SQLite store (store.py): the key names everything the value
    depends on, so a stale entry can never be read; an unreadable entry counts as a miss."""

    def __init__(self, path: Path, salt: str):
        self.store = Store(path)
        self.salt = salt
        self.hits = 0
        self.misses = 0

    def key(self, name: str, data: bytes, meta: object) -> str:
        digest = hashlib.sha256(self.salt.encode())
        digest.update(name.encode() + b"\0" + repr(meta).encode() + b"\0")
        digest.update(data)
        return digest.hexdigest()

    def get(self, key: str) -> object | None:
        data = self.store.get(key)
        try:
            value = pickle.loads(data) if data is not None else None
        except (EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError):
            value = None
        if value is None:
            self.misses += 1
        else:
            self.hits += 1
        return value

    def put(self, key: str, pickled: bytes) -> None:
        """Store an entry already pickled (`dumps`), batched: `close` commits what is left."""
        self.store.put(key, pickled, commit_every=COMMIT_EVERY)

    def close(self) -> None:
        self.store.close()


def dumps(value: object) -> bytes:
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
