"""An entity's co-mentions counted with numpy are what a Counter over its articles' entities
gives: the same counts, in the same order (first appearance), the entity itself left out."""

from __future__ import annotations

import random
from collections import Counter
from itertools import chain

from build_digest.comentions import CoMentionCounter
from build_digest.model import Article


def _articles(seed: int, count: int = 400) -> dict[str, Article]:
    rng = random.Random(seed)
    names = [f"entity-{i}" for i in range(60)]
    articles = {}
    for i in range(count):
        article = Article(source=f"f{i}.txt", title=f"t{i}", id=f"a{i:04d}")
        article.entity_ids = rng.sample(names, rng.randint(0, 12))
        articles[article.id] = article
    return articles


def test_counts_and_order_are_those_of_a_counter_over_the_articles():
    articles = _articles(3)
    counter = CoMentionCounter(articles)
    rng = random.Random(4)
    for entity_id in [f"entity-{i}" for i in range(60)] + ["not-named-anywhere"]:
        ids = [a.id for a in articles.values() if entity_id in a.entity_ids]
        rng.shuffle(ids)  # any order of articles: the first appearances follow it
        expected = Counter(chain.from_iterable(articles[a].entity_ids for a in ids))
        expected.pop(entity_id, None)
        found = counter.counts(ids, entity_id)
        assert list(found.items()) == list(expected.items())
    assert counter.counts([], "entity-1") == Counter()
    everything = Counter(chain.from_iterable(a.entity_ids for a in articles.values()))
    assert list(counter.counts(list(articles)).items()) == list(everything.items())


def test_an_article_naming_only_the_entity_adds_nothing():
    articles = _articles(5, 20)
    articles["a0000"].entity_ids = ["entity-1"]
    counter = CoMentionCounter(articles)
    assert counter.counts(["a0000"], "entity-1") == Counter()
