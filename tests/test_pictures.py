"""The SVG pictures: well-formed XML, numbers equal to digest.json, every link to an existing page."""

from __future__ import annotations

import posixpath
import random
import re
import xml.etree.ElementTree as ET
from collections import Counter

from build_digest.digest import build_digest
from build_digest.geo import coordinate
from build_digest.pictures.cograph import cograph, side_pairs, top_companions
from build_digest.pictures.regionmap import region_picture
from build_digest.pictures.timeline import timeline
from build_digest.problems import Warnings
from build_digest.render.markup import page_path
from tests.helpers import make_registry, source_from_text
from tests.htmltools import structure

SVG = re.compile(r'<svg xmlns="http://www.w3.org/2000/svg"[^>]*class="digest-svg".*?</svg>', re.S)
NS = "{http://www.w3.org/2000/svg}"
BAR = re.compile(r"^(\d{4})年(\d{1,2})月：(\d+) 篇报道$")
DOT = re.compile(r"^(.+)：(\d+) 篇报道$")
EDGE = re.compile(r"^(.+)：与.+同见于 (\d+) 篇报道$")


def pictures(paths, url: str) -> list[ET.Element]:
    """The page's pictures as the build wrote them (the site's HTML is minified, where SVG
    follows HTML's parsing rules and need not be XML)."""
    markdown = (paths.docs / page_path(url)).read_text(encoding="utf-8")
    svgs = SVG.findall(markdown)
    html = (paths.site / url / "index.html").read_text(encoding="utf-8")
    assert len(svgs) == len(re.findall(r'<svg\b[^>]*\bclass="?digest-svg', html))  # and all reached the site
    return [ET.fromstring(svg) for svg in svgs]  # raises on malformed XML


def links(svg: ET.Element) -> list[tuple[str, str]]:
    return [(a.get("href"), a.get("aria-label")) for a in svg.iter(f"{NS}a")]


def resolve(paths, page_url: str, href: str) -> tuple[str, str]:
    """(site path of the target page, anchor); asserts the page exists."""
    target, _, anchor = href.partition("#")
    path = posixpath.normpath(posixpath.join(page_url, target)) if target else page_url.rstrip("/")
    path = "" if path == "." else path
    assert not path.startswith(".."), (page_url, href)
    assert (paths.site / path / "index.html").exists(), (page_url, href)
    return path, anchor


def month_counts(articles: list[dict]) -> Counter:
    return Counter(a["date"][:7] for a in articles if a["date"])


def pages_with_articles(data) -> list[tuple[str, list[dict]]]:
    by_id = {a["id"]: a for a in data["articles"]}
    pages = [("", data["articles"])]
    pages += [(e["url"], [by_id[i] for i in e["articles"]]) for e in data["entities"] if e["has_page"]]
    pages += [(t["url"], [by_id[i] for i in t["articles"]]) for t in data["topics"]]
    return pages


def test_every_picture_is_xml_and_every_link_reaches_a_page(dated):
    paths, _, data = dated
    hub = (paths.site / "articles" / "index.html").read_text(encoding="utf-8")
    hub_ids = {attrs.get("id") for _, attrs in structure(hub).tags}
    seen = 0
    for url, _ in pages_with_articles(data):
        for svg in pictures(paths, url):
            seen += 1
            assert svg.get("aria-label"), url  # the text equivalent of the whole picture
            for href, label in links(svg):
                assert label, (url, href)
                target, anchor = resolve(paths, url, href)
                if anchor:
                    assert target == "articles" and anchor in hub_ids, (url, href)
    assert seen > len(data["entities"]) // 2


def test_timeline_bars_equal_the_articles_per_month(dated):
    paths, _, data = dated
    checked = 0
    for url, articles in pages_with_articles(data):
        bars = {}
        for svg in pictures(paths, url):
            for href, label in links(svg):
                found = BAR.match(label or "")
                if found:
                    year, month, n = found.groups()
                    key = f"{year}-{int(month):02d}"
                    assert href.endswith(f"#m-{key}"), (url, href)
                    bars[key] = int(n)
        assert bars == dict(month_counts(articles)), url
        checked += bool(bars)
    assert checked > 10


def test_home_map_places_every_located_region_with_its_count(dated):
    paths, result, data = dated
    registry = result.digest.registry
    by_url = {e["url"].rstrip("/"): e for e in data["entities"] if e["has_page"]}
    expected = {  # every located region with a page of its own
        e["url"].rstrip("/"): len(e["articles"])
        for e in data["entities"]
        if e["type"] == "region" and e["articles"] and e["has_page"] and coordinate(e["id"], registry)
    }
    dots = {}
    for svg in pictures(paths, ""):
        for href, label in links(svg):
            found = DOT.match(label or "")
            if found and not BAR.match(label):
                target, _ = resolve(paths, "", href)
                assert by_url[target]["name"] == found.group(1)
                dots[target] = int(found.group(2))
    assert dots == expected and len(dots) > 5


def test_province_map_shows_its_children_and_lower_regions_a_locator(dated):
    paths, result, data = dated
    registry = result.digest.registry
    province = next(e for e in data["entities"] if e["id"] == "nei-meng-gu-zi-zhi-qu")
    children = {e["url"].rstrip("/") for e in data["entities"] if e["parent"] == province["id"] and e["has_page"]}
    html = (paths.site / province["url"] / "index.html").read_text(encoding="utf-8")
    assert "digest-map" in html
    on_map = {resolve(paths, province["url"], h)[0] for svg in pictures(paths, province["url"]) for h, _ in links(svg)}
    assert children <= on_map
    county = next(e for e in data["entities"]
                  if e["level"] == "county" and e["has_page"] and coordinate(e["id"], registry))
    html = (paths.site / county["url"] / "index.html").read_text(encoding="utf-8")
    assert "digest-locator" in html and "digest-map" not in html


def test_graph_nodes_count_the_articles_shared_with_the_entity(dated):
    paths, _, data = dated
    by_id = {a["id"]: a for a in data["articles"]}
    by_url = {e["url"].rstrip("/"): e for e in data["entities"] if e["has_page"]}
    checked = 0
    for entity in by_url.values():
        for svg in pictures(paths, entity["url"]):
            for href, label in links(svg):
                found = EDGE.match(label or "")
                if found:
                    other = by_url[resolve(paths, entity["url"], href)[0]]
                    shared = sum(other["id"] in by_id[a]["entities"] for a in entity["articles"])
                    assert int(found.group(2)) == shared, (entity["name"], other["name"])
                    checked += 1
    assert checked > 20


def _digest(tmp_path, texts: dict[str, str]):
    registry = make_registry(
        tmp_path / "reg",
        regions=[
            {"name": "甲省", "level": "province"},
            {"name": "乙市", "level": "prefecture", "parent": "甲省"},
        ],
        companies=[{"name": "丙公司"}, {"name": "丁公司"}, {"name": "戊公司"}],
    )
    sources = [source_from_text(tmp_path, text, name=name)[0] for name, text in texts.items()]
    return build_digest(sources, registry, Warnings())


def test_a_new_article_redraws_only_the_pictures_of_what_it_names(tmp_path):
    texts = {
        "a.txt": "发布时间:2023-01-05\n\n丙公司扩产\n\n本报讯 丙公司与丁公司在乙市合作。\n",
        "b.txt": "发布时间:2023-03-09\n\n丙公司再扩产\n\n本报讯 丙公司与丁公司签约。\n",
    }
    before = _digest(tmp_path / "1", texts)
    texts["c.txt"] = "发布时间:2023-07-01\n\n戊公司新闻\n\n本报讯 戊公司在乙市投产。\n"
    after = _digest(tmp_path / "2", texts)

    def drawn(digest, entity_id):
        entity = digest.registry.entities[entity_id]
        articles = digest.entity_articles(entity_id)
        # The pages draw from the model's co-mentions: the same graph as counting the articles.
        entities = digest.registry.entities

        def paged(counts: Counter) -> list[tuple[str, int]]:
            return [(other, n) for other, n in counts.items() if entities[other].paged]

        together = paged(digest.co_mentions(entity_id))
        counted = paged(Counter(other for a in articles for other in a.entity_ids if other != entity_id))
        assert cograph(entity, entities, entity.url, together, digest.article_set) == cograph(
            entity, entities, entity.url, counted, digest.article_set)
        return (
            timeline([a.date for a in articles], entity.url, entity.name)
            + cograph(entity, entities, entity.url, together, digest.article_set)
            + (region_picture(entity, digest) if entity.type == "region" else "")
        )

    # 丙公司 and 丁公司 are not in the new article: their pictures are byte-identical.
    for untouched in ("bing-gong-si", "ding-gong-si"):
        assert drawn(before, untouched) and drawn(before, untouched) == drawn(after, untouched)
    assert drawn(before, "yi-shi") != drawn(after, "yi-shi")  # 乙市 is named again: redrawn


def test_top_companions_are_the_first_of_the_full_ranking_ties_included():
    rng = random.Random(5)
    for size in (0, 3, 8, 9, 40, 400):
        items = [(f"e{i}", rng.choice([1, 1, 2, 3, 5, 8])) for i in range(size)]
        key = lambda kv: (-kv[1], kv[0][-1])  # noqa: E731 - ties on the key keep their order
        assert top_companions(items, 8, key) == sorted(items, key=key)[:8]


def test_side_edges_count_the_entitys_articles_that_name_both_companions():
    rng = random.Random(11)
    names = [f"e{i}" for i in range(12)]
    articles = {f"a{i}": set(rng.sample(names, rng.randint(1, 6))) for i in range(300)}
    articles_of: dict[str, list[str]] = {}
    for article_id, named in articles.items():
        for name in sorted(named):
            articles_of.setdefault(name, []).append(article_id)
    own = frozenset(articles_of["e0"])
    chosen = ["e3", "e1", "e7", "e2", "e11"]  # ranked: a pair keeps this order
    expected = {}
    for i, a in enumerate(chosen):
        for b in chosen[i + 1:]:
            n = sum(1 for article_id in own if {a, b} <= articles[article_id])
            if n:
                expected[(a, b)] = n
    assert side_pairs(chosen, own, lambda name: frozenset(articles_of.get(name, ()))) == expected
    assert len(expected) > 5
