"""What a generated page (or a JSON twin) is made from, as a key: an unchanged key means an
unchanged page.

One new article at 10,000 changes a few dozen pages, but comparing every page with its file
means rendering all of them: an entity named in thousands of articles, a topic, a province's
map are the dearest pages of the site. A key is a hash of everything its page shows, and of the
generator's code; a page whose key is the one it was last written with is not rendered again.

- An article page shows its own article (text, mentions, figures, related ids, copies, rights),
  the names, kinds, URLs and previews of the entities it links, the titles and dates of its
  related articles, its topics, and, when its file holds it alone, that file's lines.
- An entity page shows its record, the records of the entities around it in the registry
  (parents, children, what sits in it, the entities named with it, and, for a region, all it
  contains with their articles: the map and the "within" list), and the articles naming it.
- A topic page shows its record, its articles, and the entities those articles name.

Hubs (the home page, type indexes, the timeline), shelves (render/shelves.py) and source pages
are rendered to compare.
Whatever a renderer reads must be in its key: `tests/test_incremental.py` builds a digest
step by step and from scratch and compares every page.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import fields
from multiprocessing import get_context

from build_digest.digest import Digest
from build_digest.model import Article, Entity, Topic
from build_digest.outputs import worth_forking

# Where a curator defined an entity ("file:line") is shown on no page; a line added above it
# in the registry must not make every page that links it look changed.
_SHOWN_ENTITY_FIELDS = tuple(f.name for f in fields(Entity) if f.name != "origin")
_SHOWN_TOPIC_FIELDS = tuple(f.name for f in fields(Topic) if f.name != "origin")


class PageKeys:
    def __init__(self, digest: Digest, code: str):
        self.digest = digest
        self.code = code
        self._entities: dict[str, bytes] = {}
        self._articles: dict[str, bytes] = {}
        self._lists: dict[str, bytes] = {}  # entity id -> the hash of its articles (_articles_of_entity)

    def prepare(self, workers: int | None = None) -> None:
        """Hash every article now, on every core: the forked workers that render the pages and
        write the outputs inherit the hashes instead of each making most of them again (an
        entity named in thousands of articles needs all of theirs)."""
        global _preparing
        ids = [article_id for article_id in self.digest.articles if article_id not in self._articles]
        workers = workers or len(os.sched_getaffinity(0))
        if not worth_forking(workers, len(ids)):
            for article_id in ids:
                self._article(article_id)
            return
        step = -(-len(ids) // workers)
        shares = [ids[start:start + step] for start in range(0, len(ids), step)]
        _preparing = self
        try:
            with get_context("fork").Pool(workers) as pool:
                for share, hashes in zip(shares, pool.map(_hashes, shares), strict=True):
                    self._articles.update(zip(share, hashes, strict=True))
        finally:
            _preparing = None

    def article(self, article: Article) -> str:
        digest = self.digest
        key = self._start(b"article")
        key.update(self._article(article.id))
        key.update(b"".join(map(self._entity, article.entity_ids)))  # one update: a hash of the concatenation
        for topic_id in article.topic_ids:
            topic = digest.registry.topics[topic_id]
            _part(key, repr((topic.name, topic.url)))
        for other_id, _ in article.related:
            other = digest.articles[other_id]
            _part(key, repr((other.id, other.title, other.date, other.date_md)))
        if digest.inline_sources.get(article.source) == article.id:
            source = digest.source_files[article.source]
            _part(key, repr((source.file, source.encoding, source.lines, sorted(source.withheld))))
        return key.hexdigest()

    def twin(self, article: Article) -> str:
        """The key of what shows nothing but the article itself (its JSON twin)."""
        return self._article(article.id).hex()

    def entity(self, entity: Entity) -> str:
        digest, registry = self.digest, self.digest.registry
        key = self._start(b"entity")
        key.update(self._entity(entity.id))
        around = [a.id for a in registry.ancestors(entity.id)]
        around += [e for e in (entity.region, entity.affiliation) if e]
        around += [c.id for c in registry.children(entity.id)] + [e.id for e in registry.located_in(entity.id)]
        key.update(self._articles_of_entity(entity.id))
        together = digest.co_mentions(entity.id)
        if together:
            _part(key, repr(sorted(together.items())))
            around += sorted(together)
        if entity.type == "region":
            for member in registry.within(entity.id):
                around.append(member.id)
                key.update(self._articles_of_entity(member.id))
        _part(key, repr(around))
        key.update(b"".join(map(self._entity, around)))
        return key.hexdigest()

    def topic(self, topic: Topic) -> str:
        digest = self.digest
        key = self._start(b"topic")
        _part(key, repr(tuple(getattr(topic, name) for name in _SHOWN_TOPIC_FIELDS)))
        ids = digest.articles_of_topic.get(topic.id, [])
        key.update(self._articles_hash(ids))
        named = sorted(digest.named_in(ids))
        key.update(b"".join(map(self._entity, named)))
        return key.hexdigest()

    def _start(self, kind: bytes):
        return hashlib.sha256(kind + b"\0" + self.code.encode())

    def _articles_of_entity(self, entity_id: str) -> bytes:
        """The entity's articles, hashed once: a region's page shows its members' lists too."""
        if entity_id not in self._lists:
            self._lists[entity_id] = self._articles_hash(self.digest.articles_of_entity.get(entity_id, []))
        return self._lists[entity_id]

    def _articles_hash(self, ids: list[str]) -> bytes:
        return hashlib.sha256(repr(ids).encode() + b"\0" + b"".join(map(self._article, ids))).digest()

    def _article(self, article_id: str) -> bytes:
        if article_id not in self._articles:
            self._articles[article_id] = _article_hash(self.digest.articles[article_id], self.code).digest()
        return self._articles[article_id]

    def _entity(self, entity_id: str) -> bytes:
        """An entity as the pages linking it show it: its record, and the name of the place
        its preview gives."""
        if entity_id not in self._entities:
            entities = self.digest.registry.entities
            entity = entities[entity_id]
            place = entity.parent or entity.region or entity.affiliation
            record = tuple(getattr(entity, name) for name in _SHOWN_ENTITY_FIELDS)
            shown = (record, entities[place].name if place else None)
            self._entities[entity_id] = repr(shown).encode() + b"\0"
        return self._entities[entity_id]


_preparing: PageKeys | None = None  # set while forked workers hash articles for it


def _hashes(ids: list[str]) -> list[bytes]:
    assert _preparing is not None
    return [_preparing._article(article_id) for article_id in ids]


def _part(key, text: str) -> None:
    key.update(text.encode() + b"\0")  # repr never holds a NUL: parts cannot run into each other


def _article_hash(article: Article, code: str):
    key = hashlib.sha256(code.encode())
    # repr, not pickle: a pickle records which objects share a string, which differs between an
    # article analysed now and one loaded from the cache; the values are what a page shows.
    key.update(repr(article).encode())
    return key
