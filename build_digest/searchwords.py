"""Words for search: the jieba user dictionary and the search aids on entity pages.

Material's search finds only tokens that jieba produced at build time and splits typed
queries on its separator alone, so every name a reader may type must exist as a token:
names and aliases go into the jieba user dictionary, and an entity page lists the short
forms (赤峰 for 赤峰市, names without quotes) and the pinyin (baotou) as separate words.
"""

from __future__ import annotations

import re
from pathlib import Path

from build_digest.model import Entity
from build_digest.registry import Registry
from build_digest.slugs import pinyin_words
from build_digest.textutil import to_traditional

ADMIN_SUFFIXES = (
    "特别行政区",
    "维吾尔自治区",
    "回族自治区",
    "壮族自治区",
    "自治区",
    "自治州",
    "自治县",
    "地区",
    "省",
    "市",
    "县",
    "区",
    "旗",
    "盟",
    "镇",
    "乡",
)
QUOTES = re.compile(r"[“”\"'‘’「」『』《》]")
WORD_FREQUENCY = 200000  # high, so jieba keeps a registered name whole


def short_forms(entity: Entity) -> list[str]:
    forms = []
    for name in [entity.name, *entity.aliases]:
        unquoted = QUOTES.sub("", name)
        if unquoted != name:
            forms.append(unquoted)
        if entity.type == "region":
            for suffix in ADMIN_SUFFIXES:
                if unquoted.endswith(suffix) and len(unquoted) - len(suffix) >= 2:
                    forms.append(unquoted[: -len(suffix)])
                    break
    return [f for f in dict.fromkeys(forms) if f]


def pinyin_forms(entity: Entity) -> list[str]:
    """包头市 -> baotoushi, baotou (the name without its suffix), bao, tou, shi."""
    forms = []
    for name in [entity.name, *short_forms(entity)[:2]]:
        syllables = [s for s in pinyin_words(QUOTES.sub("", name)) if s.isascii() and s.isalnum()]
        if syllables:
            forms.append("".join(syllables))
    return list(dict.fromkeys(forms))


def traditional_forms(entity: Entity) -> list[str]:
    """包头市 -> 包頭市, 包頭: a reader typing traditional characters finds the simplified page."""
    simplified = [QUOTES.sub("", name) for name in [entity.name, *entity.aliases, *short_forms(entity)]]
    forms = dict.fromkeys(to_traditional(name) for name in simplified)
    return [form for form in forms if form and form not in simplified]


def search_terms(entity: Entity) -> list[str]:
    chinese = [entity.name, *entity.aliases, *short_forms(entity)]
    return list(dict.fromkeys([*chinese, *traditional_forms(entity), *pinyin_forms(entity)]))


def write_user_dictionary(registry: Registry, path: Path) -> int:
    """One word per line, 'word frequency tag', as jieba.load_userdict expects."""
    words = set()
    for entity in registry.entities.values():
        for word in [entity.name, *entity.aliases, *short_forms(entity), *traditional_forms(entity)]:
            word = QUOTES.sub("", word).strip()
            if len(word) >= 2 and " " not in word:
                words.add(word)
    for topic in registry.topics.values():
        for word in [topic.name, *topic.keywords]:
            if len(word) >= 2 and " " not in word:
                words.add(word)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(f"{w} {WORD_FREQUENCY} nz\n" for w in sorted(words)), encoding="utf-8")
    return len(words)
