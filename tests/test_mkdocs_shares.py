"""A large full build runs MkDocs as one process per core, each writing a share of the pages:
the site must be the one a single process writes, byte for byte."""

import hashlib
from pathlib import Path

import pytest

from build_digest.sitebuild import SHARED_MIN_PAGES, finish_mkdocs, mkdocs_shares, start_mkdocs


def _tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha1(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_pages_written_in_shares_equal_one_process(built, tmp_path):
    paths, _, _ = built
    trees = {}
    for shares in (1, 2, 3):
        html = tmp_path / f"html{shares}"
        run = start_mkdocs(paths.root, html, False, [], [], 1_700_000_000, shares)
        assert finish_mkdocs(run) is None
        assert len(run.processes) == shares
        trees[shares] = _tree(html)
        assert not any(tmp_path.glob(f"html{shares}-share-*"))  # the shares' own folders are gone
    pages = [name for name in trees[1] if name.endswith(".html")]
    assert len(pages) > 50
    assert trees[2] == trees[1] and trees[3] == trees[1]


@pytest.mark.parametrize("shares", [1, 2])
def test_a_warning_fails_the_build(built, tmp_path, shares):
    """As `mkdocs build --strict` would (MkDocs' warnings are counted by our runner)."""
    paths, _, _ = built
    broken = paths.docs / "zz-broken-link.md"
    broken.write_text("# 坏链接\n\n[无处](no-such-page.md)\n", encoding="utf-8")
    try:
        failure = finish_mkdocs(start_mkdocs(paths.root, tmp_path / "html", False, [], [], 0, shares))
    finally:
        broken.unlink()
    assert failure is not None and "no-such-page.md" in failure


def test_only_large_full_builds_are_shared():
    assert mkdocs_shares(SHARED_MIN_PAGES - 1, dirty=False) == 1
    assert mkdocs_shares(SHARED_MIN_PAGES * 5, dirty=True) == 1
    assert mkdocs_shares(SHARED_MIN_PAGES, dirty=False) >= 1
