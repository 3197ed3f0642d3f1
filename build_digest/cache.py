"""Content-addressed cache of per-file analysis under build/cache/.

A file's analysis (its lines' roles, its articles with tags, figures and ids, its warnings)
depends only on the file's bytes, its curated metadata, the registry and the code. The key is
a hash of all four, so a changed file, a registry edit or a new version of the generator each
miss exactly what they affect, and a stale entry can never be read. Entries are pickles
written atomically (temporary file, then rename), so an interrupted build leaves no torn
entry; an unreadable entry counts as a miss.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path

import build_digest

CACHE_FORMAT = 1  # bump when the pickled layout changes in a way the code hash would not show


def code_fingerprint() -> str:
    """Hash of the generator's own source and data files (gazetteers, vocabularies): any change
    to them invalidates every entry."""
    digest = hashlib.sha256(str(CACHE_FORMAT).encode())
    package = Path(build_digest.__file__).parent
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
    def __init__(self, folder: Path, salt: str):
        self.folder = folder
        self.salt = salt
        self.hits = 0
        self.misses = 0

    def key(self, name: str, data: bytes, meta: object) -> str:
        digest = hashlib.sha256(self.salt.encode())
        digest.update(name.encode() + b"\0" + repr(meta).encode() + b"\0")
        digest.update(data)
        return digest.hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.pickle"

    def get(self, key: str) -> object | None:
        try:
            with self._path(key).open("rb") as handle:
                value = pickle.load(handle)
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError):
            self.misses += 1
            return None
        self.hits += 1
        return value

    def put(self, key: str, value: object) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        try:
            with os.fdopen(handle, "wb") as out:
                pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
