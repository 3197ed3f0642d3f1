"""Discovery's cache: what the model and the rules found in each article, by content hash.

Two kinds of entry, in one SQLite store (store.py) that the Pages workflow keeps between runs:
- the recogniser's tokens, keyed by its id and the exact texts: the model runs once per
  article ever (editing an article or changing the model invalidates only what changed);
- the rules' candidate names (rules.find_names), keyed by the same and a fingerprint of the
  discovery package (rules, forms, gazetteer data): a change to the rules recomputes them
  from the cached tokens, a change to the registry does not touch them (the registry's part
  of discovery runs after, on every build).
A damaged entry is recomputed. Entries of the first layout (one JSON file per article under
`<recogniser id>/`) are still read, so moving to this store never runs the model again.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import pickle
from collections.abc import Callable
from pathlib import Path

from build_digest.cache import source_fingerprint
from build_digest.discovery.gazetteer import Gazetteer
from build_digest.discovery.recogniser import Recogniser, Token
from build_digest.discovery.rules import Found
from build_digest.store import Store

STORE_FILE = "discovery.sqlite"
_FOUND_FIELDS = [f.name for f in dataclasses.fields(Found)]
_PLACES = _FOUND_FIELDS.index("places")


class RecognitionCache:
    def __init__(self, recogniser: Recogniser, folder: Path):
        self.recogniser = recogniser
        self.folder = folder
        self.store = Store(folder / STORE_FILE)
        self.hits = 0  # token lists read from the cache
        self.misses = 0  # ... and recognised by the model
        self.names_hits = 0

    def key(self, texts: list[str], kind: str = "tokens") -> str:
        digest = hashlib.sha256(self.recogniser.id.encode())
        if kind != "tokens":
            digest.update(f"\x00{kind}\x00{rules_fingerprint()}".encode())
        for text in texts:
            digest.update(b"\x00" + text.encode("utf-8"))
        return digest.hexdigest()

    def tokens(self, texts: list[str]) -> list[list[Token]]:
        """Tokens of each text; from the cache when this exact list of texts was seen before."""
        key = self.key(texts)
        cached = _tokens_from(self.store.get(key), len(texts))
        if cached is None:
            cached = _legacy_entry(self.folder / self.recogniser.id / key[:2] / f"{key}.json", len(texts))
            if cached is not None:
                self.store.put(key, _pickled_tokens(cached))
        if cached is not None:
            self.hits += 1
            return cached
        self.misses += 1
        result = [self.recogniser.tokens(text) if text else [] for text in texts]
        self.store.put(key, _pickled_tokens(result))
        return result

    def names(self, texts: list[str], places: Gazetteer,
              find: Callable[[str, list[Token]], list[Found]]) -> list[list[Found]]:
        """The rules' names in each text (`find` on its tokens); from the cache when these texts
        were seen with this version of the rules."""
        key = self.key(texts, "names")
        cached = _names_from(self.store.get(key), len(texts), places)
        if cached is not None:
            self.names_hits += 1
            return cached
        result = [find(text, tokens) for text, tokens in zip(texts, self.tokens(texts), strict=True)]
        self.store.put(key, pickle.dumps([[_row(found) for found in names] for names in result],
                                         protocol=pickle.HIGHEST_PROTOCOL))
        return result

    def close(self) -> None:
        self.store.close()


@functools.cache
def rules_fingerprint() -> str:
    """Hash of the discovery package's sources and data: what the rules' names depend on."""
    return source_fingerprint(Path(__file__).parent)


def _row(found: Found) -> tuple:
    values = [getattr(found, name) for name in _FOUND_FIELDS]
    values[_PLACES] = tuple(place.key for place in found.places)
    return tuple(values)


def _names_from(data: bytes | None, count: int, places: Gazetteer) -> list[list[Found]] | None:
    if data is None:
        return None
    try:
        rows = pickle.loads(data)
        if len(rows) != count:
            return None
        result = []
        for text_rows in rows:
            found = []
            for row in text_rows:
                values = list(row)
                values[_PLACES] = tuple(places.places[key] for key in row[_PLACES])
                found.append(Found(*values))
            result.append(found)
        return result
    except (pickle.UnpicklingError, EOFError, AttributeError, ImportError, KeyError, IndexError, TypeError,
            ValueError):
        return None


def _pickled_tokens(result: list[list[Token]]) -> bytes:
    return pickle.dumps([[tuple(token) for token in tokens] for tokens in result], protocol=pickle.HIGHEST_PROTOCOL)


def _tokens_from(data: bytes | None, count: int) -> list[list[Token]] | None:
    if data is None:
        return None
    try:
        return _checked([[Token(*token) for token in tokens] for tokens in pickle.loads(data)], count)
    except (pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        return None


def _legacy_entry(path: Path, count: int) -> list[list[Token]] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return _checked([[Token(*token) for token in tokens] for tokens in data], count)
    except (OSError, ValueError, TypeError):
        return None


def _checked(result: list[list[Token]], count: int) -> list[list[Token]] | None:
    if len(result) != count:
        return None
    if not all(type(s) is int and type(e) is int and type(t) is str for tokens in result for s, e, t in tokens):
        return None
    return result
