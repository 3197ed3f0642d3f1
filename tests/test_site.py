"""The built site of the repository's data: pages, cross-links and digest.json agree."""

from __future__ import annotations

import hashlib
import json

from build_digest import build as pipeline
from build_digest.figures import by_sentence
from build_digest.model import ROLES
from tests.conftest import copy_project
from tests.htmltools import structure


def html_of(paths, url: str) -> str:
    return (paths.site / url / "index.html").read_text(encoding="utf-8")


def test_every_line_of_every_source_has_a_role(built):
    paths, _, data = built
    files = sorted(p.name for p in (paths.data / "articles").iterdir())
    assert [s["file"] for s in data["sources"]] == files
    for source in data["sources"]:
        lines = (paths.data / "articles" / source["file"]).read_text(encoding="utf-8").splitlines()
        non_blank = {str(i) for i, line in enumerate(lines, 1) if line.strip()}
        assert set(source["roles"]) == non_blank, source["file"]
        assert set(source["roles"].values()) <= set(ROLES) - {None}


def test_article_body_lines_are_body_roles(built):
    _, _, data = built
    roles = {s["file"]: s["roles"] for s in data["sources"]}
    for article in data["articles"]:
        assert article["source"]["lines"], article["id"]
        for number in article["source"]["lines"]:
            assert roles[article["source"]["file"]][str(number)] == "body"


def test_every_entity_page_lists_the_articles_that_tag_it(built):
    paths, _, data = built
    titles = {a["id"]: a["title"] for a in data["articles"]}
    for entity in (e for e in data["entities"] if e["has_page"]):
        page = html_of(paths, entity["url"])
        for article_id in entity["articles"]:
            assert f"articles/{article_id}/" in page, (entity["name"], titles[article_id])


def test_every_article_links_every_entity_it_tags(built):
    paths, _, data = built
    entities = {e["id"]: e for e in data["entities"]}
    for article in data["articles"]:
        page = html_of(paths, article["url"])
        for entity_id in article["entities"]:
            entity = entities[entity_id]
            # Its page, or its entry on a shelf when it has none (unreviewed, named in one article).
            assert entity["url"] in page, (article["title"], entity_id)


def test_digest_json_matches_the_pages(built):
    paths, result, data = built
    assert len(data["articles"]) == len(result.digest.articles) > 10
    for article in data["articles"]:
        page = html_of(paths, article["url"])
        assert structure(page).all("h1")
        assert article["title"][:8] in structure(page).text
    for entity in data["entities"]:
        page_url, _, anchor = entity["url"].partition("#")
        page = (paths.site / page_url / "index.html").read_text(encoding="utf-8")
        assert entity["has_page"] == (not anchor)
        if anchor:  # an entry on a shelf: unreviewed names too rarely named for a page of their own
            assert not entity["reviewed"] and len(entity["articles"]) < 2
            assert anchor in {attrs.get("id") for _, attrs in structure(page).tags}
        for article_id in entity["articles"]:
            assert entity["id"] in next(a for a in data["articles"] if a["id"] == article_id)["entities"]
    for topic in data["topics"]:
        assert (paths.site / topic["url"] / "index.html").exists()


def test_known_entities_are_tagged_from_the_seeds(built):
    _, _, data = built
    by_name = {e["name"]: e for e in data["entities"]}
    for name in ("包头市", "哈尔滨工业大学", "包头天和磁材科技股份有限公司", "内蒙古自治区"):
        assert by_name[name]["articles"], name
    assert by_name["包头市"]["url"] == "regions/bao-tou-shi/"


def test_bylined_reporters_are_people(built):
    _, _, data = built
    people = {e["id"] for e in data["entities"] if e["type"] == "person"}
    bylined = [a for a in data["articles"] if a["byline"] and "记者" in a["byline"]]
    assert bylined
    for article in bylined:
        assert people & set(article["entities"]), article["title"]


def test_navigation_holds_hubs_only(built):
    paths, _, data = built
    page = html_of(paths, data["articles"][0]["url"])
    nav = page[page.find("md-nav--primary") :]
    nav = nav[: nav.find("</nav>")]
    assert "regions/" in nav and "people/" in nav and data["articles"][0]["id"] not in nav


def tree_hash(folder) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_build_is_deterministic(built, tmp_path):
    paths, _, _ = built
    again = pipeline.Paths(copy_project(tmp_path))
    pipeline.build(again)
    assert tree_hash(again.site) == tree_hash(paths.site)


def test_entity_types_follow_the_house_rules(built):
    _, _, data = built
    for entity in data["entities"]:
        if "银行" in entity["name"]:
            assert entity["type"] == "company", entity["name"]
        if entity["name"].endswith(("大学", "研究院", "实验室", "科学技术厅", "科学技术局", "协会")):
            assert entity["type"] == "institution", entity["name"]


def test_aliases_and_nested_names_resolve(built):
    _, _, data = built
    by_name = {e["name"]: e for e in data["entities"]}
    zone = by_name["包头稀土高新技术产业开发区"]
    assert "包头稀土高新区" in zone["aliases"] and zone["articles"]
    assert zone["parent"] == by_name["包头市"]["id"]
    assert by_name["包头市"]["parent"] == by_name["内蒙古自治区"]["id"]
    # The feature on the institute names only 包头稀土研究院, never the city on its own.
    feature = next(a for a in data["articles"] if "靶材" in a["title"])
    assert by_name["包头稀土研究院"]["id"] in feature["entities"]
    assert by_name["包头市"]["id"] not in feature["entities"]
    assert by_name["包头天和磁材科技股份有限公司"]["articles"]


def test_json_twins_point_back_into_the_text(built):
    paths, result, data = built
    entities_by_id = {e["id"]: e for e in data["entities"]}
    for article in data["articles"]:
        twin = json.loads((paths.site / "api" / (article["url"].rstrip("/") + ".json")).read_text(encoding="utf-8"))
        assert twin["id"] == article["id"] and twin["entities"] == article["entities"]
        assert twin["mention_fields"] == ["entity", "paragraph", "start", "end"]
        printed = [m.surface for m in result.digest.articles[article["id"]].mentions]
        assert len(twin["mentions"]) == len(printed) >= len(article["entities"])
        for (entity_id, paragraph, start, end), surface in zip(twin["mentions"], printed, strict=True):
            assert entity_id in article["entities"]
            if paragraph >= 0:
                assert twin["paragraphs"][paragraph]["text"][start:end] == surface
        # Figures point at their sentence the same way, one group per sentence.
        sentences = [group[0].sentence for group in by_sentence(result.digest.articles[article["id"]].figures)]
        assert [twin["paragraphs"][g["paragraph"]]["text"][g["start"]:g["end"]] for g in twin["figures"]] == sentences
    for entity in data["entities"]:
        if not entity["has_page"]:
            continue
        twin = json.loads((paths.site / "api" / (entity["url"].rstrip("/") + ".json")).read_text(encoding="utf-8"))
        assert twin["articles"] == entity["articles"]
        assert twin["co_mention_fields"] == ["entity", "articles"]
        mine = set(entity["articles"])
        for other, count in twin["co_mentions"]:  # how many of its articles also name the other
            assert count == len(mine & set(entities_by_id[other]["articles"])) > 0, (entity["name"], other)
