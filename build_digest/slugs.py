"""Stable URL slugs from pinyin.

A slug depends only on the entity's own name (or a reviewed `slug:` in the registry), never on
what else is in the registry, so published links survive additions.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from pypinyin import Style, lazy_pinyin
from pypinyin.seg.simpleseg import seg

_NON_SLUG = re.compile(r"[^a-z0-9]+")
# Words pypinyin's segmentation cuts names into (有限公司, 研究所, 省, a Latin run): a bounded
# cache, since a registry of thousands of names repeats a few thousand words.
SEGMENT_CACHE = 65536


def pinyin_words(text: str) -> list[str]:
    """Toneless pinyin syllables (Latin runs kept as they are), lowercase."""
    return list(_pinyin_words(text))


@functools.lru_cache(maxsize=SEGMENT_CACHE)
def _pinyin_words(text: str) -> tuple[str, ...]:
    # lazy_pinyin cuts the text into words (seg: Han and other runs, then its phrase
    # dictionary's longest matches) and converts each word on its own; converting each word
    # once and reusing it gives the same syllables at a fraction of the cost, and pypinyin's
    # per-character conversion is what dominated the registry check at 10,000 entities.
    return tuple(syllable for word in seg(text) for syllable in _word_syllables(word))


@functools.lru_cache(maxsize=SEGMENT_CACHE)
def _word_syllables(word: str) -> tuple[str, ...]:
    return tuple(w.lower() for w in lazy_pinyin(word, style=Style.NORMAL, errors="default"))


@functools.lru_cache(maxsize=SEGMENT_CACHE)
def _slug_part(syllable: str) -> str:
    ascii_word = unicodedata.normalize("NFKD", syllable).encode("ascii", "ignore").decode()
    return _NON_SLUG.sub("-", ascii_word.lower()).strip("-")


def slugify(text: str) -> str:
    return "-".join(part for part in map(_slug_part, _pinyin_words(text)) if part) or "x"


@functools.lru_cache(maxsize=SEGMENT_CACHE)
def pinyin_display(text: str) -> str:
    """Pinyin for readers, syllables spaced: 包头市 -> 'bao tou shi'."""
    return " ".join(w for w in _pinyin_words(text) if w.strip())


def clear_caches() -> None:
    """Forget every computed syllable (`make bench` times a registry check from nothing)."""
    for cached in (_pinyin_words, _word_syllables, _slug_part, pinyin_display):
        cached.cache_clear()
