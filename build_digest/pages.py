"""Write every generated Markdown page into docs/ (the generated folders only).

Pages are rendered one at a time and written only when their text changed, so an unchanged
page keeps its file (and its modification time, which tells MkDocs not to rebuild it), and
the rendered site is never held in memory at once. A large digest is rendered on every core
(outputs.py).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from build_digest.cache import code_fingerprint
from build_digest.digest import Digest
from build_digest.model import ENTITY_TYPES, TYPE_DIRS
from build_digest.outputs import Job, Written, write_outputs
from build_digest.pagekeys import PageKeys
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
from build_digest.render.shelves import render_shelf, shelves, shelves_of_type
from build_digest.render.sources import render_source

# Everything the build owns inside docs/; hand-written pages live beside them and are never touched.
GENERATED_DIRS = ("articles", "sources", "topics", *TYPE_DIRS.values())
GENERATED_FILES = ("index.md",)


@dataclass
class PagesWritten:
    total: int = 0
    changed: list[str] = field(default_factory=list)  # pages new or rewritten, relative to docs/
    skipped: int = 0  # pages not rendered: their inputs had not changed
    removed: list[str] = field(default_factory=list)  # generated pages no longer in the digest
    outputs: Written | None = None  # with `keys_later`: outputs.save_keys records the pages' keys


def _jobs(digest: Digest, keys: PageKeys | None) -> list[Job]:
    """Every generated page in a fixed order: its path, how to render it, and (with `keys`) how
    to tell it is unchanged; hubs and source pages are cheap and always rendered to compare."""

    def page(relative: str, render: Callable[[], str], key: Callable[[], str] | None = None) -> Job:
        make = _encoded(render)
        return (relative, make, key) if keys is not None and key is not None else (relative, make)

    jobs = [
        page("index.md", lambda: render_home(digest)),
        page("articles/index.md", lambda: render_timeline(digest)),
        page("topics/index.md", lambda: render_topics_index(digest)),
        page("sources/index.md", lambda: render_sources_index(digest)),
    ]
    shelved = shelves(digest)
    for entity_type in ENTITY_TYPES:
        jobs.append(page(f"{TYPE_DIRS[entity_type]}/index.md",
                         lambda t=entity_type: render_type_index(t, digest, shelves_of_type(t, shelved))))
    # The dearest pages first (a topic, an entity named in thousands of articles), articles last:
    # the workers take shares in order, so none is left rendering a costly share at the end.
    jobs += [page(page_path(t.url), lambda t=t: render_topic(t, digest), lambda t=t: keys.topic(t))
             for t in digest.registry.topics.values()]
    paged = [e for e in digest.registry.entities.values() if e.paged]
    paged.sort(key=lambda e: len(digest.articles_of_entity.get(e.id, ())), reverse=True)  # stable: ties kept in order
    jobs += [page(page_path(e.url), lambda e=e: render_entity(e, digest), lambda e=e: keys.entity(e)) for e in paged]
    jobs += [page(page_path(url), lambda url=url, members=members: render_shelf(
                 url, members, shelves_of_type(members[0].type, shelved), digest))
             for url, members in shelved.items()]
    jobs += [page(page_path(source_url(s.file)), lambda s=s: render_source(s, digest))
             for s in digest.sources if s.file not in digest.inline_sources]
    links: dict[tuple, str] = {}  # entity links written from article pages (render_article)
    jobs += [page(page_path(article_url(a)), lambda a=a: render_article(a, digest, links), lambda a=a: keys.article(a))
             for a in digest.articles.values()]
    return jobs


def write_pages(digest: Digest, docs_dir: Path, workers: int | None = None,
                advance: Callable[[int], None] = lambda n: None, keys_file: Path | None = None,
                keys: PageKeys | None = None, keys_later: bool = False) -> PagesWritten:
    """Every generated page; with `keys_file`, a page whose inputs are unchanged since the last
    build (pagekeys.py) and whose file is still there is not rendered again. With `keys_later`
    (outputs.write_outputs), the caller records the keys with `result.outputs.save_keys`."""
    if keys_file and keys is None:
        keys = PageKeys(digest, code_fingerprint())
    jobs = _jobs(digest, keys if keys_file else None)
    before = _generated_pages(docs_dir)
    written = write_outputs(jobs, docs_dir, workers, advance, keys_file, keys_later)
    result = PagesWritten(total=len(jobs), changed=written.changed, skipped=written.skipped, outputs=written)
    result.removed = _remove_stale(docs_dir, before - {job[0] for job in jobs})
    return result


def _encoded(render: Callable[[], str]) -> Callable[[], bytes]:
    return lambda: render().encode("utf-8")


def _generated_pages(docs_dir: Path) -> set[str]:
    """The generated pages in docs/ now, relative to it: listed before the render writes any, so
    a full build (its folders empty or new) does not walk the thousands of pages it writes."""
    found = set()
    for name in GENERATED_DIRS:
        for folder, _, files in os.walk(docs_dir / name):
            relative = Path(folder).relative_to(docs_dir).as_posix()
            found.update(f"{relative}/{file}" for file in files if file.endswith(".md"))
    return found


def _remove_stale(docs_dir: Path, stale: set[str]) -> list[str]:
    """Remove generated pages of a previous build that this build does not write (a removed
    article), and the folders that leaves empty."""
    removed = sorted(stale)
    for relative in removed:
        (docs_dir / relative).unlink()
    emptied = {(docs_dir / relative).parent for relative in removed}
    generated = {docs_dir / name for name in GENERATED_DIRS}
    for directory in sorted(emptied, key=lambda d: len(d.parts), reverse=True):
        while directory not in generated and directory.is_dir() and not any(directory.iterdir()):
            directory.rmdir()
            directory = directory.parent
    return removed
