"""Long lists of articles (a hub, a topic, a busy entity), written as HTML (markup.html_list)."""

from __future__ import annotations

from build_digest.model import Article
from build_digest.render.articles import ARTICLES_DIR, article_url
from build_digest.render.markup import attr, date_label, html_link, html_list, html_text, page_path, page_url, relative


def article_list(articles: list[Article], here: str) -> str:
    """Articles as a list of titles with date and publication (html_list)."""
    folder = page_url(here).rstrip("/")
    # An article's URL from here is that of articles/ and its id (what html_link would work
    # out again for each of thousands of items).
    prefix = relative(folder, ARTICLES_DIR)
    items = []
    for a in articles:
        url = article_url(a)
        if folder == url.rstrip("/"):
            anchor = html_link(a.title, here, page_path(url))  # the page itself: "./"
        else:
            anchor = f'<a href="{attr(prefix + a.id + "/")}">{html_text(a.title)}</a>'
        items.append(f"{anchor} <small>{html_text(dated(a))}</small>")
    return html_list(items)


def dated(article: Article) -> str:
    """'2024年6月6日 · 内蒙古日报': when and where an article appeared (plain text)."""
    source = f" · {' '.join(article.publication.split())}" if article.publication else ""
    return date_label(article.date, article.date_md) + source
