"""What search knows of each page: built from the model, one record per searchable page.

Articles carry their text; entities their names, aliases, short forms and pinyin as keys (an
exact key puts the page first); topics and hubs their names. Source pages are left out: their
text is the articles' text. A record depends only on its own page's content, never on what
else is in the digest, so adding an article changes one record (see searchindex.py).
"""

from __future__ import annotations

import re
from pathlib import Path

from build_digest.digest import Digest
from build_digest.model import ENTITY_TYPES, TYPE_DIRS, TYPE_LABELS, Article, Entity
from build_digest.pages import GENERATED_DIRS, GENERATED_FILES
from build_digest.render.articles import article_url
from build_digest.render.markup import date_label
from build_digest.searchindex import SearchRecord
from build_digest.searchwords import search_terms

# Numbering groups: everything but articles first, articles (oldest first) last, so that a
# new article is appended to the index.
PAGES, TOPICS, ENTITIES, ARTICLES = range(4)
# An exact or prefix key hit on an entity page outranks text hits; regions most, as their
# short names (包头) begin many longer names (包头市科学技术局).
ENTITY_BOOST = {"region": 10, "program": 2, "company": 2, "institution": 2, "person": 2}
PAGE_BOOST = 3  # hubs and topics: a reader typing 地区 or 稀土 gets the hub or topic page first
_MARKUP = re.compile(r"<[^>]+>|\[([^\]]*)\]\([^)]*\)|[*`#>|]|\{[^}]*\}")
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)


def search_records(digest: Digest, docs_dir: Path) -> list[SearchRecord]:
    """Every searchable page: generated ones from the model, hand-written ones from docs/."""
    records = [article_record(a) for a in digest.articles.values()]
    records += [entity_record(e, digest) for e in digest.registry.entities.values() if e.paged]
    for topic in digest.registry.topics.values():
        text = "关键词：" + "、".join(topic.keywords) + ("。" + topic.description if topic.description else "")
        records.append(
            SearchRecord(topic.url, topic.name, "主题", (TOPICS, "", topic.url), (topic.name,), text, boost=PAGE_BOOST)
        )
    records += hub_records(digest)
    records += hand_written_records(docs_dir)
    return records


def article_record(article: Article) -> SearchRecord:
    url = article_url(article)
    parts = article.paragraphs
    text = "\n".join(p.text for p in parts)
    match_text = "\n".join(p.match_text or p.text for p in parts)
    if article.captions:
        text += "\n" + "\n".join(article.captions)
        match_text += "\n" + "\n".join(article.captions)
    meta = date_label(article.date) + (f" · {article.publication}" if article.publication else "")
    return SearchRecord(
        url, article.title, "报道", (ARTICLES, article.date or "", url), (), text, match_text, meta
    )


def entity_record(entity: Entity, digest: Digest) -> SearchRecord:
    """Names (as keys) and the facts that tell the entity apart; not the articles that mention
    it, so that a new article leaves the record unchanged."""
    entities = digest.registry.entities
    facts = [entity.description or ""]
    if entity.name_en:
        facts.append(entity.name_en)
    for other in (entity.parent, entity.region, entity.affiliation):
        if other and other in entities:
            facts.append(entities[other].name)
    facts += entity.roles
    text = " · ".join(f for f in facts if f)
    return SearchRecord(
        entity.url,
        entity.name,
        TYPE_LABELS[entity.type],
        (ENTITIES, "", entity.url),
        tuple(search_terms(entity)),
        text,
        boost=ENTITY_BOOST[entity.type],
    )


def hub_records(digest: Digest) -> list[SearchRecord]:
    hubs = [
        ("", "科技新闻摘编", "首页", "最新报道、报道最多的条目与全部主题。"),
        ("articles/", "全部报道", "报道", "按月排列的全部报道。"),
        ("topics/", "主题", "主题", "按主题浏览报道。"),
    ]
    for kind in ENTITY_TYPES:
        label = TYPE_LABELS[kind]
        hubs.append((f"{TYPE_DIRS[kind]}/", label, label, f"按拼音排列的全部{label}条目。"))
    return [
        SearchRecord(url, title, "索引", (PAGES, "", url), (title, key), text, boost=PAGE_BOOST)
        for url, title, key, text in hubs
    ]


def hand_written_records(docs_dir: Path) -> list[SearchRecord]:
    """Hand-written Markdown pages in docs/ (about.md): title from the first heading."""
    records = []
    for path in sorted(docs_dir.rglob("*.md")):
        relative = path.relative_to(docs_dir).as_posix()
        if relative in GENERATED_FILES or relative.split("/")[0] in GENERATED_DIRS:
            continue
        source = _FRONT_MATTER.sub("", path.read_text(encoding="utf-8"))
        title = next((line.lstrip("#").strip() for line in source.splitlines() if line.startswith("# ")), relative)
        body = "\n".join(line for line in source.splitlines() if not line.startswith("# "))
        text = " ".join(_MARKUP.sub(lambda m: m.group(1) or "", body).split())
        url = relative[: -len("index.md")] if relative.endswith("index.md") else relative[:-3] + "/"
        records.append(SearchRecord(url, title, "页面", (PAGES, "", url), (title,), text, boost=PAGE_BOOST))
    return records
