"""Feeds to follow the digest, an entity or a topic: Atom (feedgen) and JSON Feed 1.1.

Each feed sits beside its page (feed.xml, feed.json: the home page's at the site root) and
holds the newest dated articles, newest first, with title, date, summary (the first
paragraph), link, and the entities as categories. Every timestamp is an article's date, never
the clock, so the same input gives byte-identical feeds. A feed is a pure function of its
page's articles: a new article rewrites only the feeds of the pages it appears on.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import re
from dataclasses import dataclass
from itertools import islice

from feedgen.feed import FeedGenerator

from build_digest.cache import code_fingerprint
from build_digest.digest import Digest
from build_digest.model import Article
from build_digest.outputs import Job
from build_digest.render.articles import article_url
from build_digest.render.markup import relative

ATOM_NAME = "feed.xml"
JSON_NAME = "feed.json"
ATOM_TYPE = "application/atom+xml"
JSON_TYPE = "application/feed+json"
# Newest articles per feed: a reader polls the feed, it is not the archive (the page is). Kept
# small because every entity and topic with a page has a feed of its own, in two formats (the
# size report in `make bench`): at 10,000 articles, 20 entries made feeds a sixth of the site.
FEED_ENTRIES = 10
SITE_TITLE = "科技新闻摘编"
# Articles carry a date, not a time: midnight in China, where they are published.
CHINA = dt.timezone(dt.timedelta(hours=8))
# Characters XML 1.0 cannot hold (C0 controls but tab and line breaks, surrogates, U+FFFE/F).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@dataclass
class FeedPage:
    """A page that has a feed: where it is, what it is called, which articles it lists."""

    url: str  # site URL of the page, '' for home
    title: str
    description: str
    articles: list[Article]  # newest first


def feed_articles(articles: list[Article]) -> list[Article]:
    """The articles a feed lists: dated ones (a feed entry needs a date), newest first. The
    model's lists are newest first already, so only the first few are read."""
    return sorted(islice((a for a in articles if a.date), FEED_ENTRIES), key=lambda a: (a.date, a.id), reverse=True)


def has_feed(articles: list[Article]) -> bool:
    return any(a.date for a in articles)


def feed_pages(digest: Digest) -> list[FeedPage]:
    everything = list(digest.articles.values())
    pages = [FeedPage("", SITE_TITLE, "中国科技新闻摘编：最新报道", everything)] if has_feed(everything) else []
    for entity in sorted((e for e in digest.registry.entities.values() if e.paged), key=lambda e: e.id):
        articles = digest.entity_articles(entity.id)
        if has_feed(articles):
            title = f"{entity.name} · {SITE_TITLE}"
            pages.append(FeedPage(entity.url, title, f"提及{entity.name}的最新报道", articles))
    for topic in sorted(digest.registry.topics.values(), key=lambda t: t.id):
        articles = [digest.articles[a] for a in digest.articles_of_topic.get(topic.id, [])]
        if has_feed(articles):
            pages.append(FeedPage(topic.url, f"{topic.name} · {SITE_TITLE}", f"主题“{topic.name}”的最新报道", articles))
    return pages


def _clean(value: str | None) -> str:
    return _NOT_XML.sub("", value or "")


def summary(article: Article) -> str:
    """The first paragraph: what a feed reader and a shared link show."""
    first = next((p.text for p in article.paragraphs if p.kind == "p"), "")
    return _clean(" ".join(first.split()))


def _moment(date: str) -> dt.datetime:
    return dt.datetime.fromisoformat(date).replace(tzinfo=CHINA)


class Links:
    """Addresses in a feed: absolute under SITE_URL when it is set, else relative to the feed."""

    def __init__(self, site_url: str, page_url: str):
        self.site_url = site_url.rstrip("/") + "/" if site_url else ""
        self.page_url = page_url

    def to(self, url: str) -> str:
        if self.site_url:
            return self.site_url + url
        return relative(self.page_url.rstrip("/"), url) or "./"

    def ident(self, url: str) -> str:
        """An entry's or feed's id: its absolute address, or a URN of its path without SITE_URL."""
        return self.site_url + url if self.site_url else f"urn:build-digest:{url or 'home'}"


def atom_feed(page: FeedPage, digest: Digest, site_url: str) -> bytes:
    links = Links(site_url, page.url)
    articles = feed_articles(page.articles)
    fg = FeedGenerator()
    fg.id(links.ident(page.url))
    fg.title(_clean(page.title))
    fg.subtitle(_clean(page.description))
    fg.language("zh")
    fg.author({"name": SITE_TITLE})
    fg.link(href=links.to(page.url), rel="alternate", type="text/html")
    fg.link(href=links.to(page.url + ATOM_NAME), rel="self", type=ATOM_TYPE)
    fg.updated(_moment(articles[0].date))
    entities = digest.registry.entities
    for article in articles:
        entry = fg.add_entry(order="append")
        url = article_url(article)
        entry.id(links.ident(url))
        entry.title(_clean(article.title))
        entry.link(href=links.to(url), rel="alternate", type="text/html")
        entry.published(_moment(article.date))
        entry.updated(_moment(article.date))
        entry.summary(summary(article) or _clean(article.title))
        if article.publication:
            entry.author({"name": _clean(article.publication)})
        for entity_id in article.entity_ids:
            # The name is the term, as blog feeds name their tags: readable, and half the bytes.
            entry.category(term=_clean(entities[entity_id].name))
    return fg.atom_str(pretty=False, encoding="UTF-8", xml_declaration=True)


def json_feed(page: FeedPage, digest: Digest, site_url: str) -> str:
    links = Links(site_url, page.url)
    entities = digest.registry.entities
    items = []
    for article in feed_articles(page.articles):
        url = article_url(article)
        item = {
            "id": links.ident(url),
            "url": links.to(url),
            "title": article.title,
            "content_text": summary(article) or article.title,
            "date_published": _moment(article.date).isoformat(),
            "tags": [entities[e].name for e in article.entity_ids],
        }
        if article.publication:
            item["authors"] = [{"name": article.publication}]
        items.append(item)
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": page.title,
        "home_page_url": links.to(page.url),
        "feed_url": links.to(page.url + JSON_NAME),
        "description": page.description,
        "language": "zh",
        "items": items,
    }
    return json.dumps(feed, ensure_ascii=False) + "\n"


def feed_jobs(digest: Digest, site_url: str = "") -> list[Job]:
    """The Atom and JSON feed of every page that has one, each keyed by what it lists
    (feed_key): a feed whose newest articles are the same is not generated again."""
    code = code_fingerprint()
    jobs: list[Job] = []
    for page in feed_pages(digest):
        key = functools.lru_cache(maxsize=1)(lambda page=page: feed_key(page, digest, site_url, code))
        jobs.append((page.url + ATOM_NAME, lambda page=page: atom_feed(page, digest, site_url), key))
        jobs.append((page.url + JSON_NAME, lambda page=page: json_feed(page, digest, site_url).encode("utf-8"), key))
    return jobs


def feed_key(page: FeedPage, digest: Digest, site_url: str, code: str) -> str:
    """Everything a page's feeds show: the page, and its newest articles as entries."""
    entities = digest.registry.entities
    shown = [code, site_url, page.url, page.title, page.description]
    for article in feed_articles(page.articles):
        shown.append((article.id, article.title, article.date, article.publication, summary(article),
                      [entities[e].name for e in article.entity_ids]))
    return hashlib.sha256(repr(shown).encode()).hexdigest()
