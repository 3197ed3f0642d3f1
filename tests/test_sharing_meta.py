"""Sharing and previews: every page kind has a description and Open Graph title/description
from its own content; entity links in an article carry a preview of the entity."""

from __future__ import annotations

import json
import re
from collections import Counter

from build_digest.render.articles import article_url
from tests.htmltools import head_and_body, structure


def head_meta(paths, url: str) -> dict[str, str]:
    head, _ = head_and_body((paths.site / url / "index.html").read_text(encoding="utf-8"))
    return {m.get("name") or m.get("property"): m.get("content", "") for m in head.all("meta")
            if m.get("name") or m.get("property")}


def page_kinds(data) -> dict[str, str]:
    article = max(data["articles"], key=lambda a: (len(a["entities"]), a["id"]))
    kinds = {"home": "", "article": article["url"], "topic": data["topics"][0]["url"], "about": "about/"}
    per_file = Counter(a["source"]["file"] for a in data["articles"])
    split = min(f for f, n in per_file.items() if n > 1)  # a file of one article has no page of its own
    kinds["source"] = f"sources/{split.rsplit('.', 1)[0]}/"
    kinds["hub"] = "regions/"
    for kind in ("region", "program", "company", "institution", "person"):
        kinds[kind] = max((e for e in data["entities"] if e["type"] == kind and e["has_page"]),
                          key=lambda e: len(e["articles"]))["url"]
    return kinds


def test_every_page_kind_has_description_and_open_graph(built):
    paths, _, data = built
    for kind, url in page_kinds(data).items():
        meta = head_meta(paths, url)
        assert meta.get("description"), (kind, url)
        assert meta.get("og:title") and meta.get("og:site_name") == "科技新闻摘编", (kind, url)
        assert meta.get("og:description") == meta["description"], (kind, url)
        assert meta.get("og:type") == ("article" if kind == "article" else "website"), (kind, url)


def test_descriptions_come_from_the_page_content(built):
    paths, result, data = built
    # An article's is its first sentence, what a chat shows under the headline.
    long_lead = next(a for a in result.digest.articles.values() if a.paragraphs[0].text.count("。") > 1)
    meta = head_meta(paths, article_url(long_lead))
    assert meta["description"] == long_lead.paragraphs[0].text[: long_lead.paragraphs[0].text.index("。") + 1]
    article = max(data["articles"], key=lambda a: (len(a["entities"]), a["id"]))
    twin = json.loads((paths.site / "api" / (article["url"].rstrip("/") + ".json")).read_text(encoding="utf-8"))
    first = next(p["text"] for p in twin["paragraphs"] if p["kind"] == "p")
    meta = head_meta(paths, article["url"])
    assert meta["og:title"] == article["title"]
    assert meta["og:description"].startswith(" ".join(first.split())[:30])
    entity = max(data["entities"], key=lambda e: len(e["articles"]))
    meta = head_meta(paths, entity["url"])
    assert meta["og:title"] == entity["name"] and entity["name"] in meta["og:description"]
    assert f"{len(entity['articles'])} 篇报道" in meta["og:description"]


def test_entity_links_in_articles_carry_a_preview(built):
    paths, _, data = built
    names = {e["url"]: e["name"] for e in data["entities"]}
    previews = 0
    for article in data["articles"]:
        page = (paths.site / article["url"] / "index.html").read_text(encoding="utf-8")
        for link in structure(page).all("a"):
            href = link.get("href", "")
            if re.fullmatch(r"\.\./\.\./[a-z]+/[^/]+/", href) and link.get("title"):
                assert link["title"].startswith(names[href[6:]] + " · "), (article["id"], href)
                previews += 1
    assert previews > 50
