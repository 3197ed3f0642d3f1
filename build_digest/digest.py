"""The complete model of the digest, built before anything is written (cross-links need it)."""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from build_digest.comentions import CoMentionCounter
from build_digest.dedupe import fingerprint, merge_duplicates
from build_digest.discovery.discover import Discovery
from build_digest.figures import extract_figures
from build_digest.metadata import apply_metadata, page_facts
from build_digest.model import Article, Figure, Source
from build_digest.problems import Warnings
from build_digest.registry import Registry
from build_digest.related import relate
from build_digest.rights import apply_rights
from build_digest.segment import segment
from build_digest.slugs import slugify
from build_digest.stages import Stages
from build_digest.tagger import Tagger

TITLE_SLUG_MAX = 48  # characters of headline pinyin in an article URL: long enough to tell, short enough to share


@dataclass
class Digest:
    registry: Registry
    sources: list[Source] = field(default_factory=list)
    articles: dict[str, Article] = field(default_factory=dict)  # by id, newest first
    articles_of_entity: dict[str, list[str]] = field(default_factory=dict)
    articles_of_topic: dict[str, list[str]] = field(default_factory=dict)
    articles_of_source: dict[str, list[Article]] = field(default_factory=dict)
    # Files that hold exactly one article (and copy no other): their lines are shown on that
    # article's page (file -> article id) instead of a page of their own.
    inline_sources: dict[str, str] = field(default_factory=dict)
    source_files: dict[str, Source] = field(default_factory=dict)  # by file name

    # "entity_ids" or "topic_ids" -> entity or topic id -> article id -> its figures (_figure_index)
    _figure_indexes: dict[str, dict[str, dict[str, list[Figure]]]] = field(default_factory=dict, repr=False,
                                                                            compare=False)

    # entity id -> how many of its articles name each other entity (co_mentions)
    _co_mentions: dict[str, Counter] = field(default_factory=dict, repr=False, compare=False)
    _co_mention_counter: CoMentionCounter | None = field(default=None, repr=False, compare=False)
    _article_sets: dict[str, frozenset[str]] = field(default_factory=dict, repr=False, compare=False)  # article_set

    def co_mentions(self, entity_id: str) -> Counter:
        """How many of the entity's articles name each other entity, in the order they first
        appear (newest article first). Counted on first use, entity by entity: counting them all
        grows with the square of the entities per article, and only the pages and twins need them,
        which are made on every core."""
        if entity_id not in self._co_mentions:
            self._co_mentions[entity_id] = self.named_in(self.articles_of_entity.get(entity_id, []), entity_id)
        return self._co_mentions[entity_id]

    def named_in(self, article_ids: list[str], leaving_out: str | None = None) -> Counter:
        """How many of these articles name each entity (comentions.py), in the order they first
        appear."""
        if self._co_mention_counter is None:
            self._co_mention_counter = CoMentionCounter(self.articles)
        return self._co_mention_counter.counts(article_ids, leaving_out)

    def article_set(self, entity_id: str) -> frozenset[str]:
        """The ids of the articles naming the entity, as a set made once per process (the
        co-mention pictures intersect them)."""
        if entity_id not in self._article_sets:
            self._article_sets[entity_id] = frozenset(self.articles_of_entity.get(entity_id, ()))
        return self._article_sets[entity_id]

    def entity_articles(self, entity_id: str) -> list[Article]:
        return [self.articles[a] for a in self.articles_of_entity.get(entity_id, [])]

    def figures_naming(self, entity_id: str) -> dict[str, list[Figure]]:
        """The figures reported in sentences that name the entity, by article."""
        return self._figure_index("entity_ids").get(entity_id, {})

    def figures_about(self, topic_id: str) -> dict[str, list[Figure]]:
        """The figures reported in sentences about the topic (with one of its keywords), by article."""
        return self._figure_index("topic_ids").get(topic_id, {})

    def _figure_index(self, field_name: str) -> dict[str, dict[str, list[Figure]]]:
        """Indexed once, on first use: a page would otherwise read every figure of its articles."""
        if field_name not in self._figure_indexes:
            index: dict[str, dict[str, list[Figure]]] = {}
            for article in self.articles.values():
                for figure in article.figures:
                    for key in dict.fromkeys(getattr(figure, field_name)):
                        index.setdefault(key, {}).setdefault(article.id, []).append(figure)
            self._figure_indexes[field_name] = index
        return self._figure_indexes[field_name]


def article_id(article: Article) -> str:
    """Stable: from the date and the title only, so better segmentation does not move it."""
    return f"{article.date or 'undated'}-{_cut_at_syllable(slugify(article.title), TITLE_SLUG_MAX)}"


def _cut_at_syllable(slug: str, limit: int) -> str:
    """The slug's leading syllables that fit in `limit` characters (never half a syllable)."""
    if len(slug) <= limit:
        return slug
    kept = slug[: limit + 1].rsplit("-", 1)[0]
    return kept or slug[:limit]


def _tell_apart(articles: list[Article]) -> None:
    """Articles sharing date and title get a suffix of their own (file and opening words)."""
    groups: dict[str, list[Article]] = defaultdict(list)
    for article in articles:
        groups[article.id].append(article)
    for same in groups.values():
        if len(same) > 1:
            for article in same:
                opening = article.paragraphs[0].text[:40] if article.paragraphs else ""
                own = hashlib.sha1(f"{article.source}\n{opening}".encode()).hexdigest()[:6]
                article.id = f"{article.id}-{own}"


def analyse_source(source: Source, tagger: Tagger, warnings: Warnings, discovery: Discovery | None = None,
                   stages: Stages | None = None) -> list[Article]:
    """Everything done to one source file, independent of every other file (cacheable)."""
    stages = stages or Stages()
    with stages.stage("segment"):
        articles = segment(source, warnings)
    with stages.stage("tag"):
        page_date, publication = page_facts(source)
        for article in articles:
            apply_metadata(article, source, page_date, publication)
            tagger.tag(article)
    if discovery is not None:
        with stages.stage("discover"):
            for article in articles:
                discovery.tag(article)
    with stages.stage("tag"):
        for article in articles:
            article.figures = extract_figures(article)
            tagger.tag_figures(article)
            article.id = article_id(article)
            fingerprint(article)
    return articles


def build_digest(sources: list[Source], registry: Registry, warnings: Warnings,
                 discovery: Discovery | None = None) -> Digest:
    """Analyse every source here, in order, then assemble the digest (tests, small inputs)."""
    tagger = Tagger(registry)
    collected: list[Article] = []
    for source in sources:
        collected.extend(analyse_source(source, tagger, warnings, discovery))
    return assemble_digest(sources, collected, registry, discovery)


def assemble_digest(sources: list[Source], collected: list[Article], registry: Registry,
                    discovery: Discovery | None = None) -> Digest:
    """The whole model from every file's articles: copies merged, discovered entities named,
    ids told apart, rights applied, indexes built."""
    digest = Digest(registry=registry, sources=sources)
    merged = merge_duplicates(collected)
    if discovery is not None:
        digest.registry = discovery.registry_with(discovery.finish(merged), merged)
    _tell_apart(merged)
    apply_rights(merged, sources)
    merged.sort(key=lambda a: (a.date or "", a.id), reverse=True)
    digest.articles = {article.id: article for article in merged}
    _index(digest)
    if discovery is not None:
        _mark_pageless(digest, discovery.page_min_articles)
    return digest


def _mark_pageless(digest: Digest, min_articles: int) -> None:
    """Unreviewed entities named in fewer articles than the setting asks get no page of their
    own: still tagged, exported and queued for review, their name plain text where it appears."""
    for entity in digest.registry.entities.values():
        if not entity.reviewed and len(digest.articles_of_entity.get(entity.id, [])) < min_articles:
            entity.paged = False


def _index(digest: Digest) -> None:
    by_entity: dict[str, list[str]] = defaultdict(list)
    by_topic: dict[str, list[str]] = defaultdict(list)
    for article in digest.articles.values():  # newest first, so lists are newest first
        for entity_id in article.entity_ids:
            by_entity[entity_id].append(article.id)
        for topic_id in article.topic_ids:
            by_topic[topic_id].append(article.id)
    digest.articles_of_entity = dict(by_entity)
    digest.articles_of_topic = dict(by_topic)
    by_source: dict[str, list[Article]] = defaultdict(list)
    for article in digest.articles.values():
        by_source[article.source].append(article)
    digest.articles_of_source = dict(by_source)
    digest.source_files = {source.file: source for source in digest.sources}
    copied = {extra["file"] for article in digest.articles.values() for extra in article.also_in}
    digest.inline_sources = {
        file: found[0].id for file, found in by_source.items() if len(found) == 1 and file not in copied
    }
    relate(list(digest.articles.values()), digest.articles_of_entity)
