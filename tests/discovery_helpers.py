"""Discovery run on invented articles, without a whole build."""

from __future__ import annotations

from build_digest.discovery.discover import Discovery
from build_digest.discovery.recogniser import load_recogniser
from build_digest.model import Article, Paragraph
from build_digest.registry import Registry
from build_digest.tagger import Tagger
from build_digest.textutil import match_form


def article(*paragraphs: str, title: str = "标题", home_region: str | None = None) -> Article:
    made = Article(source="page.txt", title=title, home_region=home_region, id="a")
    made.paragraphs = [Paragraph(text=p, lines=[i + 1], match_text=match_form(p)) for i, p in enumerate(paragraphs)]
    return made


def discover(registry: Registry, *articles: Article, recogniser="lac"):
    """Tag the articles with the registry, then discovery; returns {entity name: entity}."""
    model, _ = load_recogniser(recogniser)
    discovery = Discovery(registry, model, None)
    tagger = Tagger(registry)
    for item in articles:
        tagger.tag(item)
        discovery.tag(item)
    entities = discovery.finish(list(articles))
    merged = discovery.registry_with(entities)
    return {e.name: e for e in entities}, merged
