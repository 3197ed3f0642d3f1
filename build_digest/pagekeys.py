"""What an article page (or its JSON twin) is made from, as a key: an unchanged key means an
unchanged page.

One new article at 10,000 changes a few dozen pages, but comparing every page with its file
means rendering all of them. An article page shows its own article (text, mentions, figures,
related ids, copies, rights), the names, kinds, URLs and previews of the entities it links,
the titles and dates of its related articles, its topics, and, when its file holds it alone,
that file's lines: the key is a hash of exactly those, and of the generator's code. Entity,
topic and hub pages show lists that change with every article naming them, and are rendered
to compare as before.
"""

from __future__ import annotations

import hashlib

from build_digest.digest import Digest
from build_digest.model import Article
from build_digest.render.preview import entity_preview


class ArticlePageKeys:
    def __init__(self, digest: Digest, code: str):
        self.digest = digest
        self.code = code
        self._entities: dict[str, bytes] = {}

    def key(self, article: Article) -> str:
        digest = self.digest
        key = _article_hash(article, self.code)
        for entity_id in article.entity_ids:
            key.update(self._entity(entity_id))
        for topic_id in article.topic_ids:
            topic = digest.registry.topics[topic_id]
            key.update(repr((topic.name, topic.url)).encode())
        for other_id, _ in article.related:
            other = digest.articles[other_id]
            key.update(repr((other.id, other.title, other.date, other.date_md)).encode())
        if digest.inline_sources.get(article.source) == article.id:
            source = digest.source_files[article.source]
            key.update(repr((source.file, source.encoding, source.lines, sorted(source.withheld))).encode())
        return key.hexdigest()

    def _entity(self, entity_id: str) -> bytes:
        if entity_id not in self._entities:
            entity = self.digest.registry.entities[entity_id]
            shown = (entity.id, entity.name, entity.type, entity.paged, entity.url,
                     entity_preview(entity, self.digest.registry))
            self._entities[entity_id] = repr(shown).encode()
        return self._entities[entity_id]


def article_key(article: Article, code: str) -> str:
    """The key of what shows nothing but the article itself (its JSON twin)."""
    return _article_hash(article, code).hexdigest()


def _article_hash(article: Article, code: str):
    key = hashlib.sha256(code.encode())
    # repr, not pickle: a pickle records which objects share a string, which differs between an
    # article analysed now and one loaded from the cache; the values are what a page shows.
    key.update(repr(article).encode())
    return key
