"""Republishing rights: a publication that allows only excerpts gets its articles cut down.

`rights: excerpt` in data/sources.yml (see data/README.md) puts every article of that file,
and every article of the same publication in any file, in excerpt mode: the headline, the
first paragraph, the key figures and the entities, with a link to the original. Tagging has
already read the full text; here, before anything is rendered or exported, the article keeps
only what may be published, so no page, JSON twin, feed or search index can show the rest.
Lines of the source files that belong to the withheld text are marked, and the file's page
shows them without their text.
"""

from __future__ import annotations

from build_digest.model import BYLINE, TITLE, Article, Source

EXCERPT = "excerpt"
FULL = "full"
RIGHTS = (FULL, EXCERPT)


def excerpt_publications(sources: list[Source]) -> set[str]:
    """Publications that some file's metadata marks as excerpt-only."""
    return {s.meta.publication for s in sources if s.meta.rights == EXCERPT and s.meta.publication}


def needs_excerpt(article: Article, excerpt_files: set[str], publications: set[str]) -> bool:
    """Excerpt when its file, or the file of any copy of it, or its publication asks for it."""
    files = {article.source, *(copy["file"] for copy in article.also_in)}
    return bool(files & excerpt_files) or (article.publication or "") in publications


def cut_to_excerpt(article: Article) -> None:
    """Keep the headline, the first text paragraph, the figures' values and every entity."""
    first = next((i for i, p in enumerate(article.paragraphs) if p.kind == "p"), None)
    article.excerpt = True
    article.full_paragraphs = len(article.paragraphs)
    article.paragraphs = [article.paragraphs[first]] if first is not None else []
    kept = []
    for mention in article.mentions:
        if mention.paragraph in (TITLE, BYLINE):  # published; captions (below -2) are not
            kept.append(mention)
        elif mention.paragraph == first:
            mention.paragraph = 0
            kept.append(mention)
    article.mentions = kept
    for figure in article.figures:
        if figure.paragraph == first:
            figure.paragraph = 0
        else:
            figure.sentence = ""  # the value stays, its sentence is withheld
            figure.paragraph = -1
    article.captions = []
    article.standfirst = None  # a summary printed above the story is not part of the excerpt


def apply_rights(articles: list[Article], sources: list[Source]) -> None:
    """Cut excerpt-only articles and mark the source lines whose text must not be shown.

    In a file that holds an excerpt-only article, every line is withheld (captions, teasers,
    page furniture around it included) except its published excerpt, the page's metadata
    lines, and the lines of articles of that file that may be published in full.
    """
    excerpt_files = {s.file for s in sources if s.meta.rights == EXCERPT}
    publications = excerpt_publications(sources)
    by_file = {s.file: s for s in sources}
    published: dict[str, set[int]] = {}  # per file: lines whose text may be shown
    restricted: set[str] = set()  # files holding an excerpt-only article or a copy of one
    for article in articles:
        if needs_excerpt(article, excerpt_files, publications):
            restricted.add(article.source)
            for copy in article.also_in:
                restricted.add(copy["file"])  # a copy is the same withheld text
            cut_to_excerpt(article)
        published.setdefault(article.source, set()).update(article.body_lines, article.title_lines)
    for file in sorted(restricted):
        source = by_file.get(file)
        if source is None:
            continue
        lines = {line.number for line in source.content_lines if line.role != "metadata"}
        source.withheld = lines - published.get(file, set())
