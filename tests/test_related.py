"""Related articles: the others that share most entities with an article, newest among equals."""

import random
from collections import Counter

from build_digest import related
from build_digest.model import Article


def _articles(entity_lists: list[list[str]]) -> tuple[list[Article], dict[str, list[str]]]:
    articles = []
    for number, entities in enumerate(entity_lists):
        article = Article(source=f"f{number}.txt", title="t")
        article.id = f"2024-01-{number:04d}"
        article.entity_ids = entities
        articles.append(article)
    by_entity: dict[str, list[str]] = {}
    for article in articles:
        for entity in article.entity_ids:
            by_entity.setdefault(entity, []).append(article.id)
    return articles, by_entity


def _by_counting(articles: list[Article], by_entity: dict[str, list[str]]) -> dict[str, list[tuple[str, int]]]:
    """The definition, counted the slow way."""
    expected = {}
    for article in articles:
        shared: Counter = Counter()
        for entity in article.entity_ids:
            if len(by_entity[entity]) <= related.COMMON_ENTITY:
                shared.update(other for other in by_entity[entity] if other != article.id)
        ranked = sorted(shared.items(), key=lambda kv: (kv[1], kv[0]), reverse=True)
        expected[article.id] = ranked[: related.RELATED_LIMIT]
    return expected


def test_most_shared_first_then_the_newer_article():
    articles, by_entity = _articles([["a", "b", "c"], ["a", "b"], ["a"], ["c"], ["z"]])
    related.relate(articles, by_entity)
    assert articles[0].related == [("2024-01-0001", 2), ("2024-01-0003", 1), ("2024-01-0002", 1)]
    assert articles[4].related == []


def test_the_same_as_counting_on_random_digests():
    rng = random.Random(3)
    for _ in range(20):
        entities = [f"e{n}" for n in range(rng.randint(1, 30))]
        lists = [rng.sample(entities, rng.randint(0, min(6, len(entities)))) for _ in range(rng.randint(1, 60))]
        articles, by_entity = _articles(lists)
        related.relate(articles, by_entity)
        expected = _by_counting(articles, by_entity)
        assert {a.id: a.related for a in articles} == expected


def test_an_entity_in_most_articles_says_nothing(monkeypatch):
    monkeypatch.setattr(related, "COMMON_ENTITY", 3)
    articles, by_entity = _articles([["city", "x"], ["city"], ["city"], ["city", "x"]])
    related.relate(articles, by_entity)
    assert articles[0].related == [("2024-01-0003", 1)]
    assert articles[1].related == []
