"""Feeds: every Atom and JSON feed parses, lists the newest dated articles as digest.json has
them, and every page with a feed links it in its head and visibly."""

from __future__ import annotations

import json
import posixpath
import re

import feedparser

from build_digest.feeds import FEED_ENTRIES
from tests.htmltools import head_and_body


def feed_owners(data) -> list[tuple[str, str, list[dict]]]:
    """(site URL, title, its articles) of every page that should have a feed."""
    by_id = {a["id"]: a for a in data["articles"]}
    owners = [("", "科技新闻摘编", data["articles"])]
    owners += [(e["url"], e["name"], [by_id[i] for i in e["articles"]]) for e in data["entities"] if e["has_page"]]
    owners += [(t["url"], t["name"], [by_id[i] for i in t["articles"]]) for t in data["topics"]]
    return [(url, title, articles) for url, title, articles in owners if any(a["date"] for a in articles)]


def expected_entries(articles: list[dict]) -> list[dict]:
    dated = [a for a in articles if a["date"]]
    return sorted(dated, key=lambda a: (a["date"], a["id"]), reverse=True)[:FEED_ENTRIES]


def article_of(page_url: str, link: str) -> str:
    """The article id an entry's (relative) link points to."""
    path = posixpath.normpath(posixpath.join(page_url, link))
    assert path.startswith("articles/"), link
    return path.split("/")[1]


def test_every_atom_feed_parses_and_matches_digest_json(dated):
    paths, result, data = dated
    names = {e["id"]: e["name"] for e in data["entities"]}
    owners = feed_owners(data)
    assert len(owners) > 20
    for url, title, articles in owners:
        feed = feedparser.parse((paths.site / url / "feed.xml").read_bytes())
        assert not feed.bozo, (url, feed.get("bozo_exception"))
        assert title in feed.feed.title
        expected = expected_entries(articles)
        assert [article_of(url, e.link) for e in feed.entries] == [a["id"] for a in expected], url
        for entry, article in zip(feed.entries, expected, strict=True):
            assert entry.title == article["title"]
            assert entry.published.startswith(article["date"]) and entry.updated.startswith(article["date"])
            assert [t.term for t in entry.tags] == [names[e] for e in article["entities"]]
            assert entry.summary
        assert feed.feed.updated.startswith(expected[0]["date"])


def test_every_json_feed_matches_its_atom_feed(dated):
    paths, _, data = dated
    names = {e["id"]: e["name"] for e in data["entities"]}
    for url, _, articles in feed_owners(data):
        feed = json.loads((paths.site / url / "feed.json").read_text(encoding="utf-8"))
        assert feed["version"] == "https://jsonfeed.org/version/1.1"
        expected = expected_entries(articles)
        assert [article_of(url, item["url"]) for item in feed["items"]] == [a["id"] for a in expected]
        for item, article in zip(feed["items"], expected, strict=True):
            assert item["title"] == article["title"] and item["content_text"]
            assert item["date_published"].startswith(article["date"])
            assert item["tags"] == [names[e] for e in article["entities"]]


def test_each_page_links_its_feeds_in_the_head_and_visibly(dated):
    paths, _, data = dated
    for url, _, _ in feed_owners(data):
        head, body = head_and_body((paths.site / url / "index.html").read_text(encoding="utf-8"))
        for kind, name in (("application/atom+xml", "feed.xml"), ("application/feed+json", "feed.json")):
            found = [link["href"] for link in head.all("link") if link.get("rel") == "alternate feed"
                     and link.get("type") == kind]
            assert len(found) == 1, (url, kind)
            target = posixpath.normpath(posixpath.join(url, found[0]))
            assert target == posixpath.normpath(posixpath.join(url, name)) and (paths.site / target).is_file()
        assert any(p.get("class") == "digest-subscribe" for p in body.all("p"))
        assert {"feed.xml", "feed.json"} <= {a.get("href") for a in body.all("a")}


def test_feeds_take_their_times_from_articles_not_the_clock(dated):
    paths, _, data = dated
    dated = [a["date"] for a in data["articles"] if a["date"]]
    text = (paths.site / "feed.xml").read_text(encoding="utf-8")
    stamps = re.findall(r"<(?:updated|published)>([^<]+)<", text)
    # One for the feed, two (published, updated) per entry, each an article's date at midnight.
    assert len(stamps) == 1 + 2 * min(FEED_ENTRIES, len(dated))
    assert {s[:10] for s in stamps} <= set(dated) and all(s.endswith("T00:00:00+08:00") for s in stamps)
