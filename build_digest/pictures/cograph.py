"""Who appears with whom: an entity and the entities most often named in the same articles.

The entity sits in the middle, its companions on a ring around it, each a link to its page.
An edge's width is the number of shared articles; companions are joined to each other when
they share articles that also name the entity, so every number comes from the page's own
articles and another entity's news never redraws this picture.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable
from itertools import combinations

from build_digest.model import ENTITY_TYPES, TYPE_LABELS, Entity
from build_digest.pictures.svg import esc, figure, href, num

SIZE = (560, 340)
TYPE_LABELS_ORDER = list(ENTITY_TYPES)
NEIGHBOURS = 8  # companions drawn; the list beside the picture has the rest
RING = (200, 118)  # horizontal and vertical radius of the ring of companions (an ellipse: wide pages)
NODE_R = (5.0, 13.0)  # radius of the least and the most frequent companion
CENTRE_R = 16.0
EDGE_W = (1.0, 7.0)  # stroke width of the thinnest and the thickest edge
LABEL_CHARS = 9
# Companions are joined when they share at least this many of the entity's articles: one shared
# article joins every pair named in it, a web that says nothing.
SIDE_MIN = 2


def top_companions(items: list[tuple], limit: int, key) -> list[tuple]:
    """The first `limit` of (companion, count) items in the order `key` gives, which puts the
    higher count first: sorted(items, key=key)[:limit], with `key` (its pinyin) worked out only
    for the items that can make it (an entity in thousands of articles has thousands of
    companions, and few of them are among the most frequent)."""
    if len(items) > limit:
        floor = heapq.nlargest(limit, (count for _, count in items))[-1]
        items = [item for item in items if item[1] >= floor]
    return sorted(items, key=key)[:limit]


def side_pairs(chosen: list[str], own: frozenset[str],
               article_set: Callable[[str], frozenset[str]]) -> dict[tuple[str, str], int]:
    """How many of the entity's articles (`own`) name both companions of each pair, for the
    pairs named together at all; a pair is in the order of `chosen`. `article_set` gives the
    ids of the articles naming an entity (Digest.article_set). Set intersections, each over
    the smaller set, not a pass over the articles: an entity named in thousands of articles
    has few companions drawn, and a small one's companions are often named in thousands."""
    shared = {companion: own & article_set(companion) for companion in chosen}
    pairs = {}
    for a, b in combinations(chosen, 2):
        n = len(shared[a] & shared[b])
        if n:
            pairs[(a, b)] = n
    return pairs


def _short(name: str) -> str:
    return name if len(name) <= LABEL_CHARS else name[: LABEL_CHARS - 1] + "…"


def cograph(entity: Entity, entities: dict[str, Entity], page_url: str, companions: list[tuple[str, int]],
            article_set: Callable[[str], frozenset[str]]) -> str:
    """`companions`: (entity id, how many of the entity's articles name it) for the entities
    with a page of their own (Digest.co_mentions), so every node is a link; `article_set`: the
    ids of the articles naming an entity (Digest.article_set)."""
    if not companions:
        return ""
    ranked = top_companions(companions, NEIGHBOURS, lambda kv: (-kv[1], entities[kv[0]].pinyin, kv[0]))
    chosen = [entity_id for entity_id, _ in ranked]
    pairs = side_pairs(chosen, article_set(entity.id), article_set)
    peak = max(n for _, n in ranked)
    edge_peak = max([peak, *pairs.values()])
    width, height = SIZE
    cx, cy = width / 2, height / 2
    position = {}
    for i, entity_id in enumerate(chosen):
        angle = -math.pi / 2 + 2 * math.pi * i / len(chosen)
        position[entity_id] = (cx + RING[0] * math.cos(angle), cy + RING[1] * math.sin(angle))

    def edge(a: tuple[float, float], b: tuple[float, float], n: int, kind: str) -> str:
        w = EDGE_W[0] + (EDGE_W[1] - EDGE_W[0]) * n / edge_peak
        return (
            f'<line class="{kind}" x1="{num(a[0])}" y1="{num(a[1])}" x2="{num(b[0])}" y2="{num(b[1])}" '
            f'stroke-width="{num(w)}"/>'
        )

    parts = [edge(position[a], position[b], n, "edge-side") for (a, b), n in sorted(pairs.items()) if n >= SIDE_MIN]
    parts += [edge((cx, cy), position[e], n, "edge") for e, n in ranked]
    parts.append(
        f'<circle class="centre" cx="{num(cx)}" cy="{num(cy)}" r="{CENTRE_R}">'
        f"<title>{esc(entity.name)}</title></circle>"
    )
    parts.append(
        f'<text class="label strong" x="{num(cx)}" y="{num(cy + CENTRE_R + 14)}" text-anchor="middle">'
        f"{esc(_short(entity.name))}</text>"
    )
    for entity_id, n in ranked:
        other = entities[entity_id]
        x, y = position[entity_id]
        r = NODE_R[0] + (NODE_R[1] - NODE_R[0]) * math.sqrt(n / peak)
        tip = f"{other.name}：与{entity.name}同见于 {n} 篇报道"
        below = y >= cy
        ly = y + r + 13 if below else y - r - 5
        parts.append(
            f'<a href="{href(page_url, other.url)}" aria-label="{esc(tip)}"><title>{esc(tip)}</title>'
            f'<circle class="node {other.type}" cx="{num(x)}" cy="{num(y)}" r="{num(r)}"/>'
            f'<text class="label" x="{num(x)}" y="{num(ly)}" text-anchor="middle">{esc(_short(other.name))}</text></a>'
        )
    label = f"与{entity.name}一同出现最多的条目：" + "、".join(
        f"{entities[e].name}（{n} 篇）" for e, n in ranked
    )
    kinds = sorted({entities[e].type for e in chosen}, key=TYPE_LABELS_ORDER.index)
    key = "　".join(f'<span class="digest-key {kind}">●</span> {TYPE_LABELS[kind]}' for kind in kinds)
    caption = f"线越粗，共同出现的报道越多；点击节点进入条目页。{key}"
    return figure("graph", "".join(parts), SIZE, label, caption)
