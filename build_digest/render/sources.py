"""One page per source file: every line with its number and role, the HTML twin of `sources`."""

from __future__ import annotations

from build_digest.digest import Digest
from build_digest.model import Source
from build_digest.render import markup
from build_digest.render.articles import article_url, source_url
from build_digest.render.lines import line_table
from build_digest.render.markup import relative, text


def render_source(source: Source, digest: Digest) -> str:
    """The line table is raw HTML: Markdown would spend most of the build escaping every line.

    Source pages stay out of the search index: their text is already indexed on the articles.
    """
    owner = {}
    for article in digest.articles_of_source.get(source.file, []):
        for number in article.body_lines + article.title_lines:
            owner[number] = article
    # Raw HTML is not rewritten by mkdocs: links are relative to the page's own URL.
    page_dir = source_url(source.file).rstrip("/")

    def where(line) -> str:
        article = owner.get(line.number)
        if not article:
            return ""
        href = markup.attr(relative(page_dir, article_url(article)))
        return f'<a href="{href}" title="{markup.attr(article.title)}">→</a>'

    return (
        markup.front_matter(source.file, f"原始文件 {source.file} 的逐行分类。", search={"exclude": True})
        + f"# {text(source.file)}\n\n"
        + f"编码 {text(source.encoding)}，共 {len(source.lines)} 行。\n\n"
        + line_table(source, source.content_lines, ("所属报道", where))
    )
