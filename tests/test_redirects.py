"""Published URLs keep working: a page whose URL moved is reached through a redirect."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from build_digest import build as pipeline
from build_digest.digest import _cut_at_syllable
from build_digest.problems import DataError
from build_digest.published import (
    PublishedArticle,
    PublishedEntity,
    PublishedShelf,
    PublishedSource,
    load_record,
    write_record,
)
from tests.conftest import copy_project

PAGE = (
    "滨江新区氢能产业园开工\n\n本报记者 林晓舟\n\n"
    "近日,滨江新区一批氢能企业集中签约落户,总投资超过二十亿元,涵盖制氢、储运和加注等多个环节。\n\n"
    "新区负责人表示,将继续完善配套政策,推动产业链上下游企业协同发展,形成完整的氢能产业生态。\n"
)


def _project(tmp_path: Path) -> pipeline.Paths:
    (tmp_path / "project").mkdir()
    root = copy_project(tmp_path / "project", with_articles=False)
    (root / "data" / "articles" / "page.txt").write_text(PAGE, encoding="utf-8")
    (root / "data" / "published.yml").unlink(missing_ok=True)
    return pipeline.Paths(root)


def _set_date(paths: pipeline.Paths, date: str) -> None:
    (paths.data / "sources.yml").write_text(yaml.safe_dump({"page.txt": {"date": date}}), encoding="utf-8")


def test_a_moved_article_url_redirects_to_its_new_page(tmp_path):
    paths = _project(tmp_path)
    _set_date(paths, "2024-05-06")
    pipeline.build(paths)
    (old,) = [url for url in load_record(paths.published) if url.startswith("articles/")]
    assert old.startswith("articles/2024-05-06-")
    # A corrected date moves the article: the old address must still lead to it.
    _set_date(paths, "2024-05-07")
    result = pipeline.build(paths)
    new = old.replace("2024-05-06", "2024-05-07")
    assert result.moved == {old: new}
    assert (paths.site / new / "index.html").is_file()
    redirect = (paths.site / old / "index.html").read_text(encoding="utf-8")
    assert 'http-equiv="refresh"' in redirect and f"../../{new}" in redirect
    # The record keeps both: a URL once published is never forgotten.
    assert {old, new} <= set(load_record(paths.published))


def test_nothing_moved_means_no_redirects(tmp_path):
    paths = _project(tmp_path)
    pipeline.build(paths)
    record = (paths.published).read_text(encoding="utf-8")
    result = pipeline.build(paths)
    assert result.moved == {}
    assert paths.published.read_text(encoding="utf-8") == record


def test_article_urls_are_cut_between_syllables():
    assert _cut_at_syllable("gou-jian-kai-fang-chuang-xin-ti-xi", 20) == "gou-jian-kai-fang"
    assert _cut_at_syllable("aa-bb-cc", 5) == "aa-bb"
    assert _cut_at_syllable("aa-bb", 20) == "aa-bb"


SECOND = (
    "\n\n高新区储能电站并网\n\n本报记者 周明远\n\n"
    "日前,高新区首座百兆瓦级储能电站顺利并网,可满足十万户居民一天的用电需求,项目总投资约六亿元。\n\n"
    "电站采用磷酸铁锂电池,由本地企业承建,预计每年可减少二氧化碳排放约五万吨。\n"
)


def test_a_source_page_that_went_inline_redirects_to_its_article(tmp_path):
    paths = _project(tmp_path)
    _set_date(paths, "2024-05-06")
    page = paths.articles / "page.txt"
    page.write_text(PAGE + SECOND, encoding="utf-8")  # two articles: the file has a page of its own
    pipeline.build(paths)
    assert "sources/page/" in load_record(paths.published)
    assert "页面已移至新地址" not in (paths.site / "sources" / "page" / "index.html").read_text(encoding="utf-8")
    page.write_text(PAGE, encoding="utf-8")  # one article: its lines fold out on the article's page
    result = pipeline.build(paths)
    article = result.moved.get("sources/page/", "")
    assert article.startswith("articles/2024-05-06-")
    # Besides: the shelf of a name only the second article gave (its type's index).
    assert {url for url in result.moved if "/unreviewed/" not in url} == {"sources/page/"}
    assert f"../../{article}" in (paths.site / "sources" / "page" / "index.html").read_text(encoding="utf-8")


def test_a_new_file_of_one_article_gets_no_source_redirect(tmp_path):
    paths = _project(tmp_path)
    result = pipeline.build(paths)
    assert result.moved == {} and not (paths.site / "sources" / "page").exists()
    assert "sources/page/" not in load_record(paths.published)


def test_the_record_reads_back_the_same_by_the_build_and_by_any_yaml_reader(tmp_path):
    # Names with quotes, backslashes, colons, DEL and the characters YAML takes for line breaks.
    record = {
        "articles/a/": PublishedArticle('新 闻: "x"\x7f.txt', (1, 2)),
        "articles/b/": PublishedArticle("b.txt", ()),
        "companies/x/": PublishedEntity("名\\字\u2028\x85\t公司"),
        "sources/s/": PublishedSource("s: #1.txt"),
        "companies/unreviewed/b/": PublishedShelf("company"),
    }
    path = tmp_path / "published.yml"
    write_record(record, path)
    assert load_record(path) == record
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["articles"]["articles/a/"] == {"source": '新 闻: "x"\x7f.txt', "lines": [1, 2]}
    assert data["entities"] == {"companies/x/": "名\\字\u2028\x85\t公司"}
    assert data["sources"] == {"sources/s/": "s: #1.txt"}
    assert data["shelves"] == {"companies/unreviewed/b/": "company"}
    assert len(path.read_text(encoding="utf-8").splitlines()) == 2 + 4 + 5  # header, sections, one line a page


def test_a_gone_shelf_leads_to_its_type_index_with_the_anchor(tmp_path):
    """A shelf whose last name got a page of its own: old links to its entries reach the
    type's index, whose script sends the reader on to the page of that slug."""
    paths = _project(tmp_path)
    pipeline.build(paths)
    record = load_record(paths.published)
    record["companies/unreviewed/q/"] = PublishedShelf("company")
    write_record(record, paths.published)
    pipeline.build(paths)
    moved = (paths.site / "companies" / "unreviewed" / "q" / "index.html").read_text(encoding="utf-8")
    assert 'location.replace("../../../companies/" + location.hash)' in moved
    assert "companies/unreviewed/q/" in load_record(paths.published)  # kept for good


def test_a_record_edited_into_other_yaml_is_still_read(tmp_path):
    path = tmp_path / "published.yml"
    path.write_text(
        "articles:\n  articles/a/:\n    source: a.txt\n    lines: [3, 4]\nentities:\n  regions/x/: 某市\n",
        encoding="utf-8",
    )
    expected = {"articles/a/": PublishedArticle("a.txt", (3, 4)), "regions/x/": PublishedEntity("某市")}
    assert load_record(path) == expected


def test_a_broken_record_is_reported_with_its_line_before_anything_is_built(tmp_path):
    paths = _project(tmp_path)
    pipeline.build(paths)
    before = {p: p.read_bytes() for p in paths.site.rglob("*") if p.is_file()}
    paths.published.write_text('articles:\n  "articles/a/": {"source": "a.txt", "lines": [1, 2}\n', encoding="utf-8")
    with pytest.raises(DataError) as error:
        pipeline.build(paths)
    assert str(error.value.problems[0]).startswith("data/published.yml:2: malformed YAML")
    paths.published.write_text("articles:\n  - articles/a/\n", encoding="utf-8")
    with pytest.raises(DataError, match="not a record of published URLs"):
        pipeline.build(paths)
    assert {p: p.read_bytes() for p in paths.site.rglob("*") if p.is_file()} == before
