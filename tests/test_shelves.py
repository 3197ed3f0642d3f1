"""Shelves: a discovered name too rarely named for a page of its own is still linked, to its
entry on its type's shelf page, which says what it is and where it is named."""

from __future__ import annotations

from collections import defaultdict

from build_digest.model import Entity
from tests.htmltools import structure


def _entity(slug: str, paged: bool = False) -> Entity:
    return Entity(id=slug, type="company", name="某某公司", slug=slug, reviewed=False, paged=paged)


def test_a_name_without_a_page_is_linked_to_its_entry_on_the_shelf_of_its_initial():
    assert _entity("bao-feng-neng-yuan").link_url == "companies/unreviewed/b/#bao-feng-neng-yuan"
    assert _entity("5g-lian-meng").shelf_url == "companies/unreviewed/0/"  # no letter: 其他
    assert _entity("bao-feng-neng-yuan", paged=True).link_url == "companies/bao-feng-neng-yuan/"


def test_every_shelved_name_has_one_entry_on_its_shelf_and_nothing_else_is_there(built):
    paths, _, data = built
    shelved = [e for e in data["entities"] if not e["has_page"]]
    assert shelved, "the seeds name unreviewed entities found in one article"
    by_shelf: dict[str, set[str]] = defaultdict(set)
    for entity in shelved:
        page, _, anchor = entity["url"].partition("#")
        assert anchor == entity["id"]
        by_shelf[page].add(anchor)
    articles = {a["id"]: a for a in data["articles"]}
    for page, anchors in by_shelf.items():
        html = (paths.site / page / "index.html").read_text(encoding="utf-8")
        parsed = structure(html)
        entries = [attrs["id"] for attrs in parsed.all("h3")]
        assert sorted(entries) == sorted(anchors), page  # each once, none that has a page
        hrefs = {a.get("href", "") for a in parsed.all("a")}
        siblings = [other for other in by_shelf if other.split("/")[0] == page.split("/")[0]]
        assert ("字母：" in parsed.text) == (len(siblings) > 1), page  # letters only when there are others
        for entity in (e for e in shelved if e["url"].startswith(page)):
            for article_id in entity["articles"]:  # the entry links the article that names it
                assert f"../../../{articles[article_id]['url']}" in hrefs, (page, entity["name"])


def test_pages_that_name_a_shelved_entity_link_its_entry(built):
    paths, _, data = built
    shelved = {e["id"]: e for e in data["entities"] if not e["has_page"]}
    linked = 0
    for article in data["articles"]:
        html = (paths.site / article["url"] / "index.html").read_text(encoding="utf-8")
        hrefs = {a.get("href", "") for a in structure(html).all("a")}
        for entity_id in set(article["entities"]) & set(shelved):
            assert f"../../{shelved[entity_id]['url']}" in hrefs, (article["title"], entity_id)
            linked += 1
    assert linked
