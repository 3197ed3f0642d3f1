"""Pages not rendered again because their key is unchanged (pagekeys.py) are the pages a full
render writes: a digest changed step by step (articles added, edited and removed, the registry
edited, a discovered name crossing the threshold for a page of its own) is compared, page by
page, with the same digest rendered from scratch."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from build_digest import build as pipeline
from build_digest.cache import code_fingerprint
from build_digest.keyfigures import csv_jobs
from build_digest.outputs import write_outputs
from build_digest.pagekeys import PageKeys
from build_digest.pages import write_pages
from build_digest.render.articles import article_url
from tests.conftest import copy_project

COMPANIES = ["恒远电气有限公司", "鑫达电气有限公司", "北辰电气有限公司", "华岳电气有限公司"]


def _page(i: int, headline: str = "") -> str:
    """An article on rare earths in 包头市 naming one company of its own and one they all name."""
    company = COMPANIES[i]
    return (f"{headline or f'包头市{company[:2]}扩大稀土永磁产能'}\n\n本报记者 林晓舟\n\n"
            f"本报{1 + i}月{3 + i}日讯 日前,{company}与华北磁业有限公司在包头市签约,共同投资{i + 3}亿元"
            f"建设稀土永磁材料生产线,预计带动就业{i * 7 + 100}人。这是内蒙古自治区今年签约的重点项目之一。\n\n"
            f"{company}负责人介绍,新生产线计划于{2025 + i}年建成投产。\n")


def _elsewhere() -> str:
    """An article in another city of the province that names nothing else of theirs."""
    return "赤峰市举办科技活动周\n\n本报9月9日讯 赤峰市科技活动周日前开幕,百余场科普活动走进社区和学校。\n"


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*.md"))}


@pytest.fixture
def project(tmp_path):
    root = tmp_path / "project"
    root.mkdir()
    copy_project(root, with_articles=False)
    for i in range(3):
        (root / "data" / "articles" / f"gen_{i}.txt").write_text(_page(i), encoding="utf-8")
    return pipeline.Paths(root)


def _step(paths: pipeline.Paths, scratch: Path) -> int:
    """Render incrementally into docs/, and from scratch elsewhere: the same pages. Returns how
    many pages the incremental render skipped."""
    digest = pipeline.analyse(paths).digest
    kept = write_pages(digest, paths.docs, keys_file=paths.work / "page-keys.json")
    shutil.rmtree(scratch, ignore_errors=True)
    write_pages(digest, scratch)
    assert _tree(paths.docs / "articles") == _tree(scratch / "articles")
    for folder in ("regions", "companies", "institutions", "programs", "people", "topics"):
        assert _tree(paths.docs / folder) == _tree(scratch / folder), folder
    # The key-figure CSVs beside entity and topic pages are keyed as their pages are.
    code = code_fingerprint()
    # (A file no longer produced is the build's to remove: build._prune_outputs.)
    kept_csv = write_outputs(csv_jobs(digest, article_url, PageKeys(digest, code)), paths.work / "csv",
                             keys_file=paths.work / "csv-keys.json")
    fresh_csv = write_outputs(csv_jobs(digest, article_url, PageKeys(digest, code)), scratch / "csv")
    assert kept_csv.produced == fresh_csv.produced
    assert all((paths.work / "csv" / f).read_bytes() == (scratch / "csv" / f).read_bytes() for f in fresh_csv.produced)
    return kept.skipped


def test_pages_kept_by_their_keys_equal_pages_rendered_from_scratch(project, tmp_path):
    paths, scratch = project, tmp_path / "scratch"
    assert _step(paths, scratch) == 0
    # The province's page counts an article of one of its cities that does not name it.
    (paths.articles / "other.txt").write_text(_elsewhere(), encoding="utf-8")
    assert _step(paths, scratch) > 0
    # Every discovered name gets a page: the pages of the city, the topic and the companies they
    # were named with now link them, though no article changed.
    settings = paths.data / "discovery.yml"
    settings.write_text(settings.read_text(encoding="utf-8").replace(
        "unreviewed_page_min_articles: 2", "unreviewed_page_min_articles: 1"), encoding="utf-8")
    assert _step(paths, scratch) > 0
    # One more article on the topic; then the curator describes the city (its preview changes).
    (paths.articles / "gen_3.txt").write_text(_page(3), encoding="utf-8")
    assert _step(paths, scratch) > 0
    regions = paths.data / "registry" / "regions.yml"
    regions.write_text(regions.read_text(encoding="utf-8").replace(
        "- name: 包头市\n", "- name: 包头市\n  description: 稀土之都。\n", 1), encoding="utf-8")
    _step(paths, scratch)
    # A corrected headline, then articles removed.
    (paths.articles / "gen_1.txt").write_text(_page(1, "包头市鑫达稀土永磁二期提前开工"), encoding="utf-8")
    assert _step(paths, scratch) > 0
    (paths.articles / "other.txt").unlink()
    (paths.articles / "gen_2.txt").unlink()
    assert _step(paths, scratch) > 0


def test_keys_worked_out_after_a_full_render_are_those_worked_out_with_it(project, tmp_path):
    """A first or full build renders every page and records their keys later (while MkDocs
    runs): the same keys, and the next render skips every page by them."""
    digest = pipeline.analyse(project).digest
    eager, later = tmp_path / "eager-keys.json", tmp_path / "later-keys.json"
    write_pages(digest, tmp_path / "eager", keys_file=eager)
    first = write_pages(digest, tmp_path / "later", keys_file=later, keys_later=True)
    assert first.outputs.keys_pending and not later.exists()  # no keys to trust until recorded
    assert first.skipped == 0 and len(first.changed) == first.total
    first.outputs.save_keys(later)
    assert later.read_bytes() == eager.read_bytes()
    # Keys recorded: the next render works them out as it goes, and skips every keyed page.
    again = write_pages(digest, tmp_path / "later", keys_file=later, keys_later=True)
    assert not again.outputs.keys_pending and later.read_bytes() == eager.read_bytes()
    assert again.skipped == len(first.outputs.keys) > 0 and again.changed == []


def test_a_removed_page_goes_with_the_folders_it_leaves_empty(project, tmp_path):
    digest = pipeline.analyse(project).digest
    docs = tmp_path / "docs"
    stale = docs / "articles" / "gone" / "deeper" / "old.md"
    stale.parent.mkdir(parents=True)
    stale.write_text("# old\n", encoding="utf-8")
    kept = docs / "articles" / "kept-by-hand.txt"  # not a page: left alone
    kept.write_text("note\n", encoding="utf-8")
    written = write_pages(digest, docs)
    assert written.removed == ["articles/gone/deeper/old.md"]
    assert not (docs / "articles" / "gone").exists() and kept.is_file()
    assert (docs / "articles").is_dir()
