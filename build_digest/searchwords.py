"""Words a reader may type for an entity: names, aliases, short forms, traditional forms, pinyin.

They are the entity's keys in the search index (searchindex.py: an exact key puts the page
first) and are listed on its page (检索词): 赤峰 for 赤峰市, names without quotes, 包頭, baotou.
"""

from __future__ import annotations

import re

from build_digest.model import Entity
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
