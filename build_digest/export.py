"""The whole digest as open data: site/api/digest.json."""

from __future__ import annotations

import json
from pathlib import Path

from build_digest.digest import Digest
from build_digest.render.articles import article_url


def digest_data(digest: Digest) -> dict:
    entities = digest.registry.entities
    return {
        "articles": [
            {
                "id": a.id,
                "title": a.title,
                "title_inferred": a.title_inferred,
                "url": article_url(a),
                "date": a.date,
                "publication": a.publication,
                "source_url": a.url,
                "column": a.column,
                "kicker": a.kicker,
                "byline": a.byline,
                "source": {"file": a.source, "lines": a.body_lines},
                "also_in": a.also_in,
                "entities": a.entity_ids,
                "topics": a.topic_ids,
                "figures": [
                    {"value": f.value, "kind": f.kind, "sentence": f.sentence, "entities": f.entity_ids}
                    for f in a.figures
                ],
                "related": [other for other, _ in a.related],
            }
            for a in digest.articles.values()
        ],
        "entities": [
            {
                "id": e.id,
                "type": e.type,
                "name": e.name,
                "aliases": e.aliases,
                "local_aliases": e.local_aliases,
                "pinyin": e.pinyin,
                "name_en": e.name_en,
                "parent": e.parent,
                "region": e.region,
                "level": e.level,
                "roles": e.roles,
                "affiliation": e.affiliation,
                "description": e.description,
                "url": e.url,
                "articles": digest.articles_of_entity.get(e.id, []),
            }
            for e in sorted(entities.values(), key=lambda e: (e.type, e.id))
        ],
        "topics": [
            {
                "id": t.id,
                "name": t.name,
                "keywords": t.keywords,
                "url": t.url,
                "articles": digest.articles_of_topic.get(t.id, []),
            }
            for t in sorted(digest.registry.topics.values(), key=lambda t: t.id)
        ],
        "sources": [
            {"file": s.file, "encoding": s.encoding, "roles": {str(line.number): line.role for line in s.content_lines}}
            for s in digest.sources
        ],
    }


def write_digest_json(digest: Digest, site_dir: Path) -> Path:
    path = site_dir / "api" / "digest.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        json.dumps(digest_data(digest), ensure_ascii=False, indent=1, sort_keys=False) + "\n", encoding="utf-8"
    )
    return path
