"""Recognition results cached by content hash, so each article is recognised at most once.

The key is the recogniser's id and the exact text, so editing an article or changing the
model invalidates only what changed. Entries are small JSON files under build/ (one per
article), which the Pages workflow keeps between runs. A damaged entry is recomputed.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from build_digest.discovery.recogniser import Recogniser, Token


class RecognitionCache:
    def __init__(self, recogniser: Recogniser, folder: Path):
        self.recogniser = recogniser
        self.folder = folder / recogniser.id
        self.hits = 0
        self.misses = 0

    def key(self, texts: list[str]) -> str:
        digest = hashlib.sha256(self.recogniser.id.encode())
        for text in texts:
            digest.update(b"\x00" + text.encode("utf-8"))
        return digest.hexdigest()

    def tokens(self, texts: list[str]) -> list[list[Token]]:
        """Tokens of each text; from the cache when this exact list of texts was seen before."""
        key = self.key(texts)
        path = self.folder / key[:2] / f"{key}.json"
        cached = _read(path, len(texts))
        if cached is not None:
            self.hits += 1
            return cached
        self.misses += 1
        result = [self.recogniser.tokens(text) if text else [] for text in texts]
        _write(path, [[[t.start, t.end, t.tag] for t in tokens] for tokens in result])
        return result


def _read(path: Path, count: int) -> list[list[Token]] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if len(data) != count:
            return None
        result = [[Token(*token) for token in tokens] for tokens in data]
        if not all(type(s) is int and type(e) is int and type(t) is str for tokens in result for s, e, t in tokens):
            return None
        return result
    except (OSError, ValueError, TypeError):
        return None


def _write(path: Path, data: list) -> None:
    """Atomically, so that an interrupted build never leaves half an entry behind."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        json.dump(data, out, separators=(",", ":"))
    os.replace(temporary, path)
