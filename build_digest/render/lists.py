"""Long lists of articles (a hub, a topic, a busy entity), written as HTML (markup.html_list)."""

from __future__ import annotations

import functools

from build_digest.model import Article
from build_digest.render.articles import ARTICLES_DIR, article_url
from build_digest.render.markup import attr, date_label, html_link, html_list, html_text, page_path, page_url, relative


def article_list(articles: list[Article], here: str) -> str:
    """Articles as a list of titles with date and publication (html_list)."""
    folder = page_url(here).rstrip("/")
    # An article's URL from here is that of articles/ and its id (what html_link would work
    # out again for each of thousands of items).
    prefix = relative(folder, ARTICLES_DIR)
    start = f'<a href="{attr(prefix)}'
    items = []
    for a in articles:
        url = article_url(a)
        if folder == url.rstrip("/"):
            anchor = html_link(a.title, here, page_path(url))  # the page itself: "./"
            items.append(f"{anchor} <small>{html_text(dated(a))}</small>")
        else:
            items.append(start + _item_rest(a.id, a.title, a.date, a.date_md, a.publication))
    return html_list(items)


@functools.lru_cache(maxsize=1 << 15)
def _item_rest(article_id: str, title: str, date: str | None, date_md: str | None, publication: str | None) -> str:
    """An item of article_list after its link's folder: an article is listed on every page of
    an entity it names, so this is made once per article, not once per list."""
    when = html_text(_dated(date, date_md, publication))
    return f'{attr(article_id + "/")}">{html_text(title)}</a> <small>{when}</small>'


def dated(article: Article) -> str:
    """'2024年6月6日 · 内蒙古日报': when and where an article appeared (plain text)."""
    return _dated(article.date, article.date_md, article.publication)


def _dated(date: str | None, date_md: str | None, publication: str | None) -> str:
    source = f" · {' '.join(publication.split())}" if publication else ""
    return date_label(date, date_md) + source
