"""Shared fixtures: a full build of the repository's data into a temporary project copy."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from build_digest import build as pipeline
from tests.helpers import load_digest

ROOT = Path(__file__).resolve().parents[1]
DEV_PAGES = ROOT.parent / "shared" / "dev-pages"


def copy_project(target: Path, with_articles: bool = True) -> Path:
    """A throwaway project: the repo's config, hand-written docs and data."""
    for name in ("mkdocs.yml", "overrides"):
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, target / name)
        elif src.exists():
            shutil.copy2(src, target / name)
    (target / "docs").mkdir()
    shutil.copy2(ROOT / "docs" / "about.md", target / "docs" / "about.md")
    shutil.copytree(ROOT / "docs" / "assets", target / "docs" / "assets")
    shutil.copytree(ROOT / "data", target / "data", ignore=None if with_articles else shutil.ignore_patterns("*.txt"))
    return target


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """The repository's data built once: (paths, BuildResult, digest.json as dict)."""
    root = copy_project(tmp_path_factory.mktemp("project"))
    paths = pipeline.Paths(root)
    result = pipeline.build(paths)
    data = load_digest(paths.site)
    return paths, result, data


@pytest.fixture(scope="session")
def registry():
    from build_digest.registry import load_registry

    return load_registry(ROOT / "data")


@pytest.fixture(scope="session")
def dated(tmp_path_factory, registry):
    """The repository's data plus invented dated articles over several months, built once."""
    from tests.dated_corpus import dated_articles

    root = copy_project(tmp_path_factory.mktemp("dated"))
    for name, text in dated_articles(registry).items():
        (root / "data" / "articles" / name).write_text(text, encoding="utf-8")
    paths = pipeline.Paths(root)
    result = pipeline.build(paths)
    data = load_digest(paths.site)
    return paths, result, data
