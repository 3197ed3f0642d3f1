"""Stable URL slugs from pinyin.

A slug depends only on the entity's own name (or a reviewed `slug:` in the registry), never on
what else is in the registry, so published links survive additions.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from pypinyin import Style, lazy_pinyin

_NON_SLUG = re.compile(r"[^a-z0-9]+")


def pinyin_words(text: str) -> list[str]:
    """Toneless pinyin syllables (Latin runs kept as they are), lowercase."""
    return list(_pinyin_words(text))


@functools.lru_cache(maxsize=65536)
def _pinyin_words(text: str) -> tuple[str, ...]:
    # Cached: a name's slug and its displayed pinyin need the same syllables, and pypinyin
    # dominates registry loading at thousands of entities.
    return tuple(w.lower() for w in lazy_pinyin(text, style=Style.NORMAL, errors="default"))


def slugify(text: str) -> str:
    parts = []
    for word in pinyin_words(text):
        ascii_word = unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode()
        cleaned = _NON_SLUG.sub("-", ascii_word.lower()).strip("-")
        if cleaned:
            parts.append(cleaned)
    return "-".join(parts) or "x"


def pinyin_display(text: str) -> str:
    """Pinyin for readers: 包头市 -> 'Baotou Shi'? We keep syllables spaced: 'bao tou shi'."""
    return " ".join(w for w in pinyin_words(text) if w.strip())
