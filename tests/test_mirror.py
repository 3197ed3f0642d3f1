"""site/ is published from build/html/ by hard links: exactly the same files, nothing copied."""

import os
from pathlib import Path

from build_digest.sitebuild import mirror


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(".new")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)  # a new inode, as the build writes a changed file


def test_the_site_holds_what_the_build_holds_by_hard_links(tmp_path):
    html, site = tmp_path / "html", tmp_path / "site"
    _write(html / "index.html", "home")
    _write(html / "articles" / "a" / "index.html", "a")
    _write(html / "articles" / "b" / "index.html", "b")
    _write(html / "search" / "t" / "x.json", "x")
    mirror(html, site)
    assert _files(site) == _files(html)
    page = Path("articles") / "a" / "index.html"
    assert (site / page).stat().st_ino == (html / page).stat().st_ino

    _write(site / "search" / "search_index.json", "kept")  # written beside the mirror, kept
    _write(html / "articles" / "a" / "index.html", "a, changed")
    (html / "articles" / "b" / "index.html").unlink()
    (html / "articles" / "b").rmdir()
    _write(html / "regions" / "r" / "index.html", "r")
    (html / "search" / "t" / "x.json").unlink()
    (html / "search" / "t").rmdir()
    published = site / "articles" / "a" / "index.html"
    old_inode = published.stat().st_ino
    mirror(html, site, keep=("search/search_index.json",))
    assert _files(site) == {**_files(html), "search/search_index.json": b"kept"}
    assert published.stat().st_ino != old_inode  # replaced, not edited in place
    assert not (site / "articles" / "b").exists() and not (site / "search" / "t").exists()
