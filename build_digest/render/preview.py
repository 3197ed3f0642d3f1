"""The preview of an entity shown when the pointer rests on a link to it (Material's tooltips).

Only registry facts, never counts of articles: an article page then changes only when its own
text or the entity's curated entry does, not whenever another article names the entity.
"""

from __future__ import annotations

from build_digest.model import TYPE_LABELS, Entity
from build_digest.registry import Registry

LEVEL_LABELS = {
    "country": "国家",
    "province": "省级",
    "prefecture": "地级",
    "county": "县级",
    "township": "乡镇级",
    "village": "村级",
    "zone": "园区",
    "area": "地域",
    "feature": "地理",
}
DESCRIPTION_CHARS = 60  # a tooltip is a glance: the first words of the curated description
SENTENCE_MARKS = "。!?！？;；"


def kind_label(entity: Entity) -> str:
    level = LEVEL_LABELS.get(entity.level or "")
    return TYPE_LABELS[entity.type] + (f"·{level}" if level else "")


def first_sentence(value: str) -> str:
    ends = [i for i in (value.find(mark) for mark in SENTENCE_MARKS) if i != -1]
    return value[: min(ends) + 1] if ends else value


def entity_preview(entity: Entity, registry: Registry) -> str:
    """'包头市 · 地区·地级 · 内蒙古自治区 · Baotou', then the description's first sentence."""
    parts = [entity.name, kind_label(entity)]
    place = entity.parent or entity.region or entity.affiliation
    if place:
        parts.append(registry.entities[place].name)
    if entity.roles:
        parts.append("、".join(entity.roles))
    if entity.name_en:
        parts.append(entity.name_en)
    preview = " · ".join(parts)
    if entity.description:
        about = first_sentence(" ".join(entity.description.split()))
        preview += " — " + (about if len(about) <= DESCRIPTION_CHARS else about[: DESCRIPTION_CHARS - 1] + "…")
    return preview
