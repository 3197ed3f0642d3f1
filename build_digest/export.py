"""The digest as open data: site/api/digest.json, plus a JSON twin of every article and entity page.

A twin carries what its page shows, and for articles the paragraphs with every mention's
character offsets, so tools can point back into the text as the reader sees it.
"""

from __future__ import annotations

import json
from pathlib import Path

from build_digest.cache import code_fingerprint
from build_digest.digest import Digest
from build_digest.figures import by_sentence
from build_digest.model import Article, Entity, Source, Topic
from build_digest.outputs import Job, write_outputs
from build_digest.pagekeys import PageKeys
from build_digest.render.articles import article_url

CO_MENTIONS_EXPORTED = 50
MENTION_FIELDS = ("entity", "paragraph", "start", "end")
FIGURE_FIELDS = ("value", "kind", "number", "unit", "lower_bound")


def article_data(article: Article) -> dict:
    return {
        "id": article.id,
        "title": article.title,
        "title_inferred": article.title_inferred,
        "url": article_url(article),
        "date": article.date,
        "date_md": article.date_md,
        "publication": article.publication,
        "source_url": article.url,
        "attribution": article.attribution,
        "excerpt": article.excerpt,
        "column": article.column,
        "kicker": article.kicker,
        "byline": article.byline,
        "source": {"file": article.source, "lines": article.body_lines},
        "also_in": article.also_in,
        "entities": article.entity_ids,
        "topics": article.topic_ids,
        "related": [other for other, _ in article.related],
    }


def figures_data(article: Article) -> list[dict]:
    """The article's figures by sentence (a sentence of three figures is written once): where
    the sentence stands (paragraphs[paragraph].text[start:end]; null when an excerpt withholds
    it), the entities it names, and one row per figure (FIGURE_FIELDS)."""
    groups = []
    for group in by_sentence(article.figures):
        first = group[0]
        place = {"paragraph": None, "start": None, "end": None}
        if first.sentence and 0 <= first.paragraph < len(article.paragraphs):
            start, end = first.span
            printed = article.paragraphs[first.paragraph].text[start:end]
            start += len(printed) - len(printed.lstrip())
            end -= len(printed) - len(printed.rstrip())
            place = {"paragraph": first.paragraph, "start": start, "end": end}
        groups.append({**place, "entities": first.entity_ids,
                       "figures": [[f.value, f.kind, f.number, f.unit, f.approx] for f in group]})
    return groups


def article_twin(article: Article) -> dict:
    """The article with its text: paragraphs (source lines kept) and mentions with offsets."""
    return {
        **article_data(article),
        "figure_fields": list(FIGURE_FIELDS),
        "figures": figures_data(article),
        "standfirst": article.standfirst,
        "captions": article.captions,
        "paragraphs": [{"kind": p.kind, "text": p.text, "lines": p.lines} for p in article.paragraphs],
        # One row per mention (fields named once: a twin has dozens): the text is
        # paragraphs[paragraph].text[start:end] (negative paragraphs: see text_of in model.py).
        "mention_fields": list(MENTION_FIELDS),
        "mentions": [[m.entity_id, m.paragraph, m.start, m.end] for m in article.mentions],
    }


def entity_data(entity: Entity, digest: Digest) -> dict:
    return {
        "id": entity.id,
        "type": entity.type,
        "name": entity.name,
        "aliases": entity.aliases,
        "local_aliases": entity.local_aliases,
        "pinyin": entity.pinyin,
        "name_en": entity.name_en,
        "parent": entity.parent,
        "region": entity.region,
        "level": entity.level,
        "roles": entity.roles,
        "affiliation": entity.affiliation,
        "description": entity.description,
        # Its page, or its entry on a shelf of rarely named unreviewed names (Entity.paged).
        "url": entity.link_url,
        "has_page": entity.paged,
        "reviewed": entity.reviewed,
        "coordinates": list(entity.coordinates) if entity.coordinates else None,
        # Which articles: each article lists its entities (and the entity's twin lists them).
        "article_count": len(digest.articles_of_entity.get(entity.id, [])),
    }


def entity_twin(entity: Entity, digest: Digest) -> dict:
    """The entity's page as data; its co-mentions the most frequent ones, as the page shows them
    (all of them would grow with the square of the digest)."""
    co = digest.co_mentions(entity.id)
    ranked = sorted(co.items(), key=lambda kv: (-kv[1], kv[0]))[:CO_MENTIONS_EXPORTED]
    return {
        **entity_data(entity, digest),
        "articles": digest.articles_of_entity.get(entity.id, []),
        "children": [child.id for child in digest.registry.children(entity.id)],
        # One row per entity named alongside (fields named once, as an article's mentions).
        "co_mention_fields": ["entity", "articles"],
        "co_mentions": [[other, n] for other, n in ranked],
    }


def topic_data(topic: Topic, digest: Digest) -> dict:
    return {
        "id": topic.id,
        "name": topic.name,
        "keywords": topic.keywords,
        "url": topic.url,
        "article_count": len(digest.articles_of_topic.get(topic.id, [])),
    }


def source_data(source: Source) -> dict:
    return {
        "file": source.file,
        "encoding": source.encoding,
        "roles": {str(line.number): line.role for line in source.content_lines},
    }


def digest_data(digest: Digest) -> dict:
    return {
        "articles": [article_data(a) for a in digest.articles.values()],
        "entities": [
            entity_data(e, digest) for e in sorted(digest.registry.entities.values(), key=lambda e: (e.type, e.id))
        ],
        "topics": [topic_data(t, digest) for t in sorted(digest.registry.topics.values(), key=lambda t: t.id)],
        "sources": [source_data(s) for s in digest.sources],
    }


def _json(data: dict) -> bytes:
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def json_jobs(digest: Digest, keys: PageKeys | None = None) -> list[Job]:
    """digest.json and every page's JSON twin (digest.json first), under the site's api/."""
    keys = keys or PageKeys(digest, code_fingerprint())
    jobs: list[Job] = [("api/digest.json", lambda: _json(digest_data(digest)))]
    # An article's twin shows nothing but its article: the article's values are its key.
    jobs += [(f"api/{article_url(a).rstrip('/')}.json", lambda a=a: _json(article_twin(a)),
              lambda a=a: keys.twin(a)) for a in digest.articles.values()]
    jobs += [(f"api/{e.url.rstrip('/')}.json", lambda e=e: _json(entity_twin(e, digest)))
             for e in digest.registry.entities.values() if e.paged]
    return jobs


def write_digest_json(digest: Digest, site_dir: Path) -> list[Path]:
    """digest.json and every page's JSON twin; the files written (digest.json first)."""
    return [site_dir / relative for relative in write_outputs(json_jobs(digest), site_dir).produced]
