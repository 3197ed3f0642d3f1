"""Long lists of articles (a hub, a topic, a busy entity), written as HTML (markup.html_list)."""

from __future__ import annotations

from build_digest.model import Article
from build_digest.render.articles import article_url
from build_digest.render.markup import date_label, html_link, html_list, html_text, page_path


def article_list(articles: list[Article], here: str) -> str:
    """Articles as a list of titles with date and publication (html_list)."""
    return html_list([
        f"{html_link(a.title, here, page_path(article_url(a)))} <small>{html_text(dated(a))}</small>"
        for a in articles
    ])


def dated(article: Article) -> str:
    """'2024年6月6日 · 内蒙古日报': when and where an article appeared (plain text)."""
    source = f" · {' '.join(article.publication.split())}" if article.publication else ""
    return date_label(article.date, article.date_md) + source
