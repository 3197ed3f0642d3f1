"""Write every generated Markdown page into docs/ (the generated folders only)."""

from __future__ import annotations

import shutil
from pathlib import Path

from build_digest.digest import Digest
from build_digest.model import ENTITY_TYPES, TYPE_DIRS
from build_digest.render.articles import article_url, render_article, source_url
from build_digest.render.entities import render_entity
from build_digest.render.hubs import (
    render_home,
    render_sources_index,
    render_timeline,
    render_topic,
    render_topics_index,
    render_type_index,
)
from build_digest.render.markup import page_path
from build_digest.render.sources import render_source

# Everything the build owns inside docs/; hand-written pages live beside them and are never touched.
GENERATED_DIRS = ("articles", "sources", "topics", *TYPE_DIRS.values())
GENERATED_FILES = ("index.md",)


def write_pages(digest: Digest, docs_dir: Path) -> int:
    for name in GENERATED_DIRS:
        shutil.rmtree(docs_dir / name, ignore_errors=True)
    pages: dict[str, str] = {
        "index.md": render_home(digest),
        "articles/index.md": render_timeline(digest),
        "topics/index.md": render_topics_index(digest),
        "sources/index.md": render_sources_index(digest),
    }
    for entity_type in ENTITY_TYPES:
        pages[f"{TYPE_DIRS[entity_type]}/index.md"] = render_type_index(entity_type, digest)
    for article in digest.articles.values():
        pages[page_path(article_url(article))] = render_article(article, digest)
    for entity in digest.registry.entities.values():
        pages[page_path(entity.url)] = render_entity(entity, digest)
    for topic in digest.registry.topics.values():
        pages[page_path(topic.url)] = render_topic(topic, digest)
    for source in digest.sources:
        pages[page_path(source_url(source.file))] = render_source(source, digest)
    for relative, content in pages.items():
        path = docs_dir / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    return len(pages)
