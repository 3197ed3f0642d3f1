"""Per-file analysis: the same digest on one core or several, from the cache or not; a rebuild
analyses only the files that changed (work counted per file, never timed)."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

from build_digest import analysis
from build_digest import build as pipeline
from build_digest.analysis import POOL_MIN_FILES
from build_digest.export import digest_data
from tests.conftest import copy_project

PLACES = ["滨江新区", "青山镇", "东港县", "西岭市", "南湖区", "北塘镇", "云溪县", "石门市"]
THINGS = ["氢能产业园", "电池隔膜项目", "智能农机服务站", "新材料实验室", "海洋牧场", "光伏基地"]


def _page(i: int) -> str:
    place, thing = PLACES[i % len(PLACES)], THINGS[i % len(THINGS)]
    return (f"{place}{thing}第{i}期工程开工\n\n本报记者 林晓舟\n\n"
            f"本报{1 + i % 12}月{1 + i % 28}日讯 {place}{thing}第{i}期工程日前开工,总投资{i + 3}亿元,"
            f"预计带动就业{i * 7 + 100}人。\n\n项目负责人介绍,{place}将围绕{thing}完善配套政策,"
            f"推动上下游企业协同发展,第{i}期计划于{2020 + i % 5}年建成。\n")


def _project(tmp_path: Path, count: int) -> pipeline.Paths:
    root = tmp_path / "project"
    root.mkdir(parents=True)
    copy_project(root, with_articles=False)
    for i in range(count):
        (root / "data" / "articles" / f"gen_{i:03d}.txt").write_text(_page(i), encoding="utf-8")
    return pipeline.Paths(root)


def _export(result) -> str:
    return json.dumps(digest_data(result.digest), ensure_ascii=False, sort_keys=True)


def test_parallel_cached_and_serial_analysis_agree(tmp_path):
    paths = _project(tmp_path, POOL_MIN_FILES + 6)
    parallel = pipeline.analyse(paths, workers=2)
    assert (parallel.files_analysed, parallel.files_cached) == (POOL_MIN_FILES + 6, 0)
    cached = pipeline.analyse(paths, workers=2)
    assert (cached.files_analysed, cached.files_cached) == (0, POOL_MIN_FILES + 6)
    (paths.work / "cache" / "analysis.sqlite").rename(paths.work / "cache" / "analysis-old.sqlite")
    serial = pipeline.analyse(paths, workers=1)
    assert _export(parallel) == _export(cached) == _export(serial)


def test_the_first_layouts_folder_of_pickles_is_removed(tmp_path):
    paths = _project(tmp_path, 2)
    legacy = paths.work / "cache" / "analysis" / "ab"
    legacy.mkdir(parents=True)
    (legacy / "abcd.pickle").write_bytes(b"old entry")
    assert pipeline.analyse(paths).files_analysed == 2
    assert not (paths.work / "cache" / "analysis").exists()
    assert (paths.work / "cache" / "analysis.sqlite").is_file()


def test_a_changed_file_or_registry_is_all_that_is_analysed_again(tmp_path):
    paths = _project(tmp_path, 6)
    pipeline.analyse(paths)
    target = paths.articles / "gen_002.txt"
    target.write_text(target.read_text(encoding="utf-8").replace("日前开工", "近日开工"), encoding="utf-8")
    (paths.articles / "gen_new.txt").write_text(_page(99), encoding="utf-8")
    again = pipeline.analyse(paths)
    assert (again.files_analysed, again.files_cached) == (2, 5)
    regions = paths.data / "registry" / "regions.yml"
    regions.write_text(regions.read_text(encoding="utf-8") + "\n- name: 云溪县\n  level: county\n", encoding="utf-8")
    assert pipeline.analyse(paths).files_analysed == 7


def _tree(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha1(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_cached_and_uncached_builds_are_byte_identical(tmp_path):
    paths = _project(tmp_path, 4)
    pipeline.build(paths)
    first = _tree(paths.site)
    # Everything but the analysis cache is gone: pages and site come back from cached analysis.
    for folder in ("html", "search"):
        shutil.rmtree(paths.work / folder)
    (paths.work / "state.json").unlink()
    shutil.rmtree(paths.docs / "articles")
    result = pipeline.build(paths)
    assert result.files_cached == 4 and result.files_analysed == 0 and not result.dirty
    assert _tree(paths.site) == first


def test_one_more_article_rebuilds_a_few_pages_and_equals_a_full_build(tmp_path):
    incremental = _project(tmp_path / "a", 6)
    pipeline.build(incremental)
    (incremental.articles / "gen_new.txt").write_text(_page(99), encoding="utf-8")
    result = pipeline.build(incremental)
    assert result.dirty and (result.files_analysed, result.files_cached) == (1, 6)
    assert 0 < len(result.written.changed) < result.written.total / 2
    full = _project(tmp_path / "b", 6)
    (full.articles / "gen_new.txt").write_text(_page(99), encoding="utf-8")
    # The record of published URLs is an input: the one the incremental build has (a shelf the
    # new article emptied redirects in both).
    shutil.copy(incremental.published, full.published)
    assert not pipeline.build(full).dirty
    assert _tree(incremental.site) == _tree(full.site)


def test_nothing_changed_renders_nothing(tmp_path):
    paths = _project(tmp_path, 3)
    pipeline.build(paths)
    before = _tree(paths.site)
    result = pipeline.build(paths)
    assert result.unchanged and result.digest is None
    assert _tree(paths.site) == before
    # A removed article is a change: its page goes, and its URL is left to the 404 page.
    (paths.articles / "gen_001.txt").unlink()
    result = pipeline.build(paths)
    assert not result.unchanged and result.written.removed
    assert not any((paths.docs / page).exists() for page in result.written.removed)


def test_article_pages_are_rendered_again_only_when_what_they_show_changed(tmp_path):
    paths = _project(tmp_path, 6)
    regions = paths.data / "registry" / "regions.yml"
    curated = regions.read_text(encoding="utf-8")
    regions.write_text(curated + "\n- name: 西岭市\n  level: prefecture\n  description: 甲地。\n", encoding="utf-8")
    first = pipeline.build(paths)
    assert first.written.skipped == 0  # nothing to compare with: every page rendered
    # A new article sharing no entity with them: no article, entity or topic page is rendered
    # again; only the hubs that list every article change, and the new page is written.
    (paths.articles / "gen_new.txt").write_text("远洋码头扩建\n\n本报讯 远洋码头扩建工程日前开工。\n", encoding="utf-8")
    again = pipeline.build(paths)
    pages = [p for p in again.written.changed if not p.endswith("index.md")]
    assert len(pages) == 1 and pages[0].startswith("articles/undated-")
    assert again.written.skipped >= 6 + sum(e.paged for e in again.digest.registry.entities.values())
    # A curator's new description changes the preview of every link to the city: those pages again.
    regions.write_text(curated + "\n- name: 西岭市\n  level: prefecture\n  description: 乙地。\n", encoding="utf-8")
    third = pipeline.build(paths)
    city = next(e.id for e in third.digest.registry.entities.values() if e.name == "西岭市")
    naming = [f"articles/{a.id}.md" for a in third.digest.articles.values() if city in a.entity_ids]
    assert naming and set(naming) <= set(third.written.changed)
    assert all("乙地" in (paths.docs / page).read_text(encoding="utf-8") for page in naming)


def test_a_large_digest_starts_its_workers_before_looking_files_up(tmp_path, monkeypatch):
    """In a large digest the pool starts first and is used for even one new file (the model's
    session never starts in the build's process); its workers are joined before analyse
    returns, so nothing forks while they wind down."""
    monkeypatch.setattr(analysis, "LARGE_DIGEST_FILES", 4)
    paths = _project(tmp_path, 5)
    first = pipeline.analyse(paths, workers=2)
    assert (first.files_analysed, first.files_cached) == (5, 0) and not analysis._winding_down
    calls = []
    monkeypatch.setattr(analysis, "_analyse_file", lambda task: calls.append(task) or None)  # never in-process
    (paths.articles / "gen_new.txt").write_text(_page(99), encoding="utf-8")
    again = pipeline.analyse(paths, workers=2)
    assert (again.files_analysed, again.files_cached) == (1, 5) and calls == []
    assert "gen_new.txt" in _export(again) and not analysis._winding_down
    assert pipeline.analyse(paths, workers=2).files_cached == 6  # nothing new: the pool had nothing to do


def test_workers_are_spawned_clean_once_a_model_session_runs_here(tmp_path, monkeypatch):
    """Forked workers start with what the build loaded; after a model session started in the
    build's process (whose threads a fork would not copy) they are spawned, with the same
    results."""
    paths = _project(tmp_path, POOL_MIN_FILES + 2)
    contexts = []
    real = analysis.get_context
    monkeypatch.setattr(analysis, "get_context", lambda method: contexts.append(method) or real(method))
    monkeypatch.setattr(analysis, "session_started", lambda: False)  # whatever earlier tests ran here
    forked = pipeline.analyse(paths, workers=2)
    monkeypatch.setattr(analysis, "session_started", lambda: True)
    (paths.work / "cache" / "analysis.sqlite").unlink()
    spawned = pipeline.analyse(paths, workers=2)
    assert contexts == ["fork", "spawn"] and spawned.files_analysed == forked.files_analysed == POOL_MIN_FILES + 2
    assert _export(spawned) == _export(forked)
