"""The review loop: accept and reject keep the curator's comments and order; a discovered
entity merged into another as an alias keeps its published URL working."""

from __future__ import annotations

from pathlib import Path

from build_digest import build as pipeline
from build_digest.discovery import review
from build_digest.discovery.settings import load_rejected
from build_digest.registry import load_registry

COMPANIES = """# Companies, curated by hand.

# Batteries
- name: 江南青松储能有限公司
  aliases: [青松储能]   # the short form the press uses
  region: 杭州市

# Materials
- name: 浙江白鹭材料股份有限公司
"""
REGIONS = "- name: 杭州市\n  aliases: [杭州]\n  level: prefecture\n"


def _data(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    (data / "registry").mkdir(parents=True)
    (data / "registry" / "companies.yml").write_text(COMPANIES, encoding="utf-8")
    (data / "registry" / "regions.yml").write_text(REGIONS, encoding="utf-8")
    return data


def test_accept_appends_and_keeps_comments_and_order(tmp_path):
    data = _data(tmp_path)
    done = review.accept(data, tmp_path / "build", "宁夏青松电气股份有限公司", kind="company")
    assert "companies.yml" in done
    text = (data / "registry" / "companies.yml").read_text(encoding="utf-8")
    assert text.startswith(COMPANIES)  # every comment, line and order as the curator left them
    assert text.endswith("- name: 宁夏青松电气股份有限公司\n")
    assert "宁夏青松电气股份有限公司" in load_registry(data).by_name


def test_accept_as_alias_edits_the_entry_in_place(tmp_path):
    data = _data(tmp_path)
    review.accept(data, tmp_path / "build", "白鹭材料", alias_of="浙江白鹭材料股份有限公司")
    review.accept(data, tmp_path / "build", "江南青松", alias_of="江南青松储能有限公司")
    text = (data / "registry" / "companies.yml").read_text(encoding="utf-8")
    assert "aliases: [青松储能, 江南青松]" in text and "# the short form the press uses" in text
    assert "- name: 浙江白鹭材料股份有限公司\n  aliases: [白鹭材料]\n" in text
    assert text.index("# Batteries") < text.index("# Materials")


def test_accept_takes_type_level_and_parent_from_the_queue(tmp_path):
    data = _data(tmp_path)
    work = tmp_path / "build"
    work.mkdir()
    (work / "candidates.yml").write_text(
        "candidates:\n- name: 杭州青山科技园\n  type: region\n  level: zone\n"
        "  parent: 杭州市\n  aliases: [青山科技园]\n",
        encoding="utf-8")
    review.accept(data, work, "杭州青山科技园")
    entity = load_registry(data).entities["hang-zhou-qing-shan-ke-ji-yuan"]
    assert (entity.level, entity.parent, entity.aliases) == ("zone", "hang-zhou-shi", ["青山科技园"])


def test_an_accept_that_breaks_the_registry_is_undone(tmp_path):
    data = _data(tmp_path)
    before = (data / "registry" / "companies.yml").read_text(encoding="utf-8")
    try:
        review.accept(data, tmp_path / "build", "青松储能", alias_of="浙江白鹭材料股份有限公司")
    except Exception as error:  # the alias belongs to another entity already
        assert "青松储能" in str(error)
    assert (data / "registry" / "companies.yml").read_text(encoding="utf-8") == before


def test_reject_records_the_name_once(tmp_path):
    data = _data(tmp_path)
    review.reject(data, "春苗计划", kind="program", reason="a slogan")
    assert "already" in review.reject(data, "春苗计划", kind="program")
    assert load_rejected(data) == {("春苗计划", "program")}
    text = (data / "registry" / "rejected.yml").read_text(encoding="utf-8")
    assert text.startswith("# Names discovery must not propose again")


def test_a_merged_discovered_entity_redirects_to_its_new_page(tmp_path):
    from tests.test_discovery_build import _project

    paths = _project(tmp_path, "unreviewed_page_min_articles: 1\n")  # its page is published
    pipeline.build(paths)
    old = paths.site / "companies" / "ning-xia-qing-song-dian-qi-gu-fen-you-xian-gong-si" / "index.html"
    assert old.exists()
    review.accept(paths.data, paths.work, "宁夏青松集团", kind="company")
    review.accept(paths.data, paths.work, "宁夏青松电气股份有限公司", alias_of="宁夏青松集团")
    pipeline.build(paths)
    page = old.read_text(encoding="utf-8")
    assert "companies/ning-xia-qing-song-ji-tuan/" in page and "http-equiv=\"refresh\"" in page
