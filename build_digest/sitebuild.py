"""The HTML side of the build: MkDocs into build/html/, then site/ published from it.

build/html/ persists between builds. When nothing but generated pages changed since the last
build, MkDocs runs dirty: it rebuilds only the pages whose Markdown was rewritten (pages.py
leaves unchanged ones untouched), so one new article costs a few pages, not the whole site.
Anything else (mkdocs.yml, the theme overrides, the hand-written pages and assets, MkDocs or
Material themselves, SITE_URL) makes a full build.

site/ is published from build/html/ by hard links (`mirror`), so it costs no copy. Before a dirty build,
every file MkDocs will rewrite is unlinked first: MkDocs then writes a new file, and the one
site/ still links to is never changed in place. site/ changes only after everything
succeeded, so a failed build leaves the previous site intact and servable.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import IO

from build_digest.mkdocs_run import SHARE_MANIFEST

# Files MkDocs writes on every build, dirty or not (theme templates and its own outputs).
REWRITTEN_EVERY_BUILD = ("sitemap.xml", "sitemap.xml.gz", "404.html", "search/search_index.json")
# Material's own search index: its search plugin writes it (empty) beside ours and its bundle
# fetches it, so mirroring our index into search/ must leave it there.
MATERIAL_SEARCH_FILES = ("search_index.json",)
ENVIRONMENT = ("SITE_URL", "REPO_URL")  # read by mkdocs.yml: a change touches every page
SHARED_MIN_PAGES = 2000  # a full build of fewer pages runs in one MkDocs process: starting more costs more


def html_fingerprint(root: Path, hand_written: list[Path]) -> str:
    """What every page's HTML depends on besides its own Markdown."""
    digest = hashlib.sha256()
    for name in ("mkdocs", "mkdocs-material", "minify-html"):
        digest.update(f"{name}={version(name)}\n".encode())
    # How MkDocs is run (the page minifier is registered there).
    digest.update(Path(__file__).with_name("mkdocs_run.py").read_bytes())
    for name in ENVIRONMENT:
        digest.update(f"{name}={os.environ.get(name, '')}\n".encode())
    paths = [root / "mkdocs.yml", *sorted((root / "overrides").rglob("*")), *hand_written]
    for path in paths:
        if path.is_file():
            digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def mkdocs_shares(pages: int, dirty: bool) -> int:
    """How many MkDocs processes a build runs: one per core for a large full build."""
    if dirty or pages < SHARED_MIN_PAGES:
        return 1
    return max(1, len(os.sched_getaffinity(0)))


@dataclass
class _Process:
    process: subprocess.Popen
    log: IO[str]
    site_dir: Path


@dataclass
class MkDocsRun:
    processes: list[_Process]
    html: Path
    dirty: bool


def start_mkdocs(root: Path, html: Path, dirty: bool, changed_pages: list[str], removed_pages: list[str],
                 epoch: int, shares: int = 1) -> MkDocsRun:
    """Start MkDocs on docs/ into `html` (a full build when not `dirty`, in `shares` processes
    that each write a share of the pages: mkdocs_run.py); returns at once."""
    if dirty:
        _clear_for_dirty_build(root / "docs", html, changed_pages, removed_pages)
    else:
        shutil.rmtree(html, ignore_errors=True)
    html.mkdir(parents=True, exist_ok=True)
    package_home = str(Path(__file__).resolve().parents[1])  # the runner imports build_digest from here
    path = os.pathsep.join(p for p in (package_home, os.environ.get("PYTHONPATH", "")) if p)
    env = dict(os.environ, SOURCE_DATE_EPOCH=str(epoch), PYTHONPATH=path)
    runner = [sys.executable, "-m", "build_digest.mkdocs_run"]
    if dirty or shares <= 1:
        commands = [(html, [*runner, str(html)] + (["--dirty"] if dirty else []))]
    else:
        # The first share writes into html itself; the others into folders of their own, whose
        # pages are moved into html when they finish (their theme files are the same as html's).
        commands = []
        for index in range(shares):
            site_dir = html if index == 0 else _share_dir(html, index)
            if index:
                shutil.rmtree(site_dir, ignore_errors=True)
            commands.append((site_dir, [*runner, str(site_dir), "--share", f"{index}/{shares}"]))
    processes = []
    for site_dir, command in commands:
        # Output goes to a file, not a pipe: nobody reads a pipe while other work goes on.
        log = tempfile.TemporaryFile(mode="w+", encoding="utf-8")
        process = subprocess.Popen(command, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT)
        processes.append(_Process(process, log, site_dir))
    return MkDocsRun(processes, html, dirty)


def finish_mkdocs(run: MkDocsRun) -> str | None:
    """Wait for MkDocs; its output when it failed, else None."""
    failures = []
    for share in run.processes:
        with share.log:
            share.process.wait()
            share.log.seek(0)
            if share.process.returncode != 0:
                failures.append(share.log.read())
    if failures:
        return "\n".join(failures)
    if len(run.processes) > 1:
        (run.html / SHARE_MANIFEST).unlink()
        for share in run.processes[1:]:
            for page in json.loads((share.site_dir / SHARE_MANIFEST).read_text(encoding="utf-8")):
                target = run.html / page
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(share.site_dir / page, target)
            shutil.rmtree(share.site_dir)
    return None


def _share_dir(html: Path, index: int) -> Path:
    return html.with_name(f"{html.name}-share-{index}")


def _html_of(page: str) -> str:
    """The HTML file of a Markdown page (use_directory_urls: a/b.md → a/b/index.html)."""
    stem = page[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        return stem + ".html"
    return stem + "/index.html"


def _clear_for_dirty_build(docs: Path, html: Path, changed: list[str], removed: list[str]) -> None:
    """Unlink what MkDocs will write, so it writes new files instead of editing published ones."""
    for page in changed:
        (html / _html_of(page)).unlink(missing_ok=True)
    for page in removed:
        target = html / _html_of(page)
        target.unlink(missing_ok=True)
        if target.parent != html and target.parent.is_dir() and not any(target.parent.iterdir()):
            target.parent.rmdir()
    for name in REWRITTEN_EVERY_BUILD:
        (html / name).unlink(missing_ok=True)
    for source in docs.rglob("*"):
        if source.is_file() and source.suffix != ".md":
            target = html / source.relative_to(docs)
            if target.exists() and target.stat().st_mtime < source.stat().st_mtime:
                target.unlink()


def mirror(html: Path, site: Path, keep: tuple[str, ...] = ()) -> None:
    """Make `site` hold exactly what `html` holds (and the files named in `keep`), by hard
    links (copies across devices). Directory entries carry their inode numbers, so a file
    already linked costs no system call: at 10,000 articles the site has 50,000 files."""
    if not site.is_dir():
        staging = Path(tempfile.mkdtemp(prefix=".site-", dir=site.parent))
        _link_tree(html, staging)
        staging.rename(site)
        return
    _mirror_folder(str(html), str(site), "", frozenset(keep))


def _mirror_folder(source: str, target: str, relative: str, keep: frozenset[str]) -> None:
    present = {entry.name: entry for entry in os.scandir(target)}
    for entry in os.scandir(source):
        there = present.pop(entry.name, None)
        destination = os.path.join(target, entry.name)
        if entry.is_dir(follow_symlinks=False):
            if there is not None and not there.is_dir(follow_symlinks=False):
                os.unlink(destination)
                there = None
            if there is None:
                os.mkdir(destination)
            _mirror_folder(entry.path, destination, f"{relative}{entry.name}/", keep)
        elif there is None or there.is_dir(follow_symlinks=False) or there.inode() != entry.inode():
            if there is not None and there.is_dir(follow_symlinks=False):
                shutil.rmtree(destination)
            _replace_with_link(Path(entry.path), Path(destination))
    for name, entry in present.items():  # in the site only: gone from the build
        if entry.is_dir(follow_symlinks=False):
            _remove_all_but(entry.path, f"{relative}{name}/", keep)
        elif f"{relative}{name}" not in keep:
            os.unlink(entry.path)


def _remove_all_but(folder: str, relative: str, keep: frozenset[str]) -> None:
    for entry in os.scandir(folder):
        if entry.is_dir(follow_symlinks=False):
            _remove_all_but(entry.path, f"{relative}{entry.name}/", keep)
        elif f"{relative}{entry.name}" not in keep:
            os.unlink(entry.path)
    if not any(os.scandir(folder)):
        os.rmdir(folder)


def _link_tree(source: Path, target: Path) -> None:
    for folder, _, names in os.walk(source):
        destination = os.path.join(target, os.path.relpath(folder, source))
        os.makedirs(destination, exist_ok=True)
        for name in names:
            _link_or_copy(Path(folder, name), Path(destination, name))


def _replace_with_link(source: Path, target: Path) -> None:
    temporary = target.with_name(f".tmp-{target.name}")
    temporary.unlink(missing_ok=True)
    _link_or_copy(source, temporary)
    os.replace(temporary, target)


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:  # another file system, or links not allowed
        shutil.copy2(source, target)
