"""The build, top to bottom: read sources → segment → tag → model → render pages → export.

The site is built into a temporary folder and moved into place only when every stage
succeeded, so a failing build leaves the previous site intact and servable.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from build_digest.digest import Digest, build_digest
from build_digest.export import write_digest_json
from build_digest.model import ROLES, Source, SourceMeta
from build_digest.pages import write_pages
from build_digest.problems import DataError, Problem, Warnings
from build_digest.reader import read_source
from build_digest.registry import Registry, load_registry, load_sources_meta
from build_digest.searchindex import INDEX_DIR, STATE_FILE, IndexStats, SearchIndexWriter
from build_digest.searchrecords import search_records
from build_digest.stages import Stages


@dataclass
class Paths:
    root: Path

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def articles(self) -> Path:
        return self.data / "articles"

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    @property
    def site(self) -> Path:
        return self.root / "site"

    @property
    def work(self) -> Path:
        return self.root / "build"


@dataclass
class BuildResult:
    digest: Digest
    warnings: Warnings
    files_read: int
    skipped: list[Problem] = field(default_factory=list)
    pages: int = 0
    stages: Stages = field(default_factory=Stages)  # wall seconds per stage (make bench prints them)
    search: IndexStats | None = None

    def roles(self) -> Counter:
        return Counter(line.role for s in self.digest.sources for line in s.content_lines)


class StrictFailure(Exception):
    pass


def check(paths: Paths) -> tuple[Registry, dict]:
    """Validate the curated data; raises DataError listing every problem."""
    registry = load_registry(paths.data)
    metas = load_sources_meta(paths.data / "sources.yml", registry)
    return registry, metas


def analyse(paths: Paths) -> BuildResult:
    stages = Stages()
    with stages.stage("read"):
        registry, metas = check(paths)
        warnings = Warnings()
        sources: list[Source] = []
        files = (
            sorted(p for p in paths.articles.iterdir() if p.is_file() and not p.name.startswith("."))
            if paths.articles.is_dir()
            else []
        )
        for path in files:
            source = read_source(path, metas.get(path.name, SourceMeta()), warnings)
            if source is not None:
                sources.append(source)
        for name in sorted(set(metas) - {p.name for p in files}):
            warnings.add("data/sources.yml", None, f"metadata for '{name}', which is not in data/articles/")
    digest = build_digest(sources, registry, warnings, stages)
    skipped = [w for w in warnings if w.message.startswith("skipped")]
    return BuildResult(digest=digest, warnings=warnings, files_read=len(sources), skipped=skipped, stages=stages)


def build(paths: Paths, strict: bool = False) -> BuildResult:
    result = analyse(paths)
    if strict and len(result.warnings):
        raise StrictFailure("\n".join(str(w) for w in result.warnings))
    stages = result.stages
    with stages.stage("render"):
        result.pages = write_pages(result.digest, paths.docs)
    paths.work.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix="site-", dir=paths.work))
    index = paths.work / "search" / "index"
    try:
        with stages.stage("mkdocs"):
            mkdocs = _start_mkdocs(paths, staging, result.digest)
            # MkDocs runs on one core; the search index is written on the other meanwhile.
            try:
                with stages.stage("search index"):
                    writer = SearchIndexWriter(index, paths.work / "search" / STATE_FILE)
                    result.search = writer.write(search_records(result.digest, paths.docs))
            finally:
                _finish_mkdocs(mkdocs)
        with stages.stage("export"):
            _link_tree(index, staging / INDEX_DIR)
            write_digest_json(result.digest, staging)
        _swap(staging, paths.site)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    write_report(result, paths.work / "report.md")
    return result


def _start_mkdocs(paths: Paths, site_dir: Path, digest: Digest) -> tuple[subprocess.Popen, IO[str]]:
    env = dict(os.environ)
    # Sitemap dates come from the newest article, so the same input gives the same site.
    newest = max((a.date for a in digest.articles.values() if a.date), default="2020-01-01")
    epoch = int(dt.datetime.fromisoformat(newest).replace(tzinfo=dt.UTC).timestamp())
    env["SOURCE_DATE_EPOCH"] = str(epoch)
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site_dir)]
    # Output goes to a file, not a pipe: nobody reads a pipe while the index is being written.
    log = tempfile.TemporaryFile(mode="w+", encoding="utf-8")
    return subprocess.Popen(command, cwd=paths.root, env=env, stdout=log, stderr=subprocess.STDOUT), log


def _finish_mkdocs(running: tuple[subprocess.Popen, IO[str]]) -> None:
    process, log = running
    with log:
        process.wait()
        log.seek(0)
        output = log.read()
    if process.returncode != 0:
        raise DataError([Problem("mkdocs.yml", None, "mkdocs build failed:\n" + output)])


def _link_tree(source: Path, target: Path) -> None:
    """Hard-link the search index into the staged site (the index replaces files, never edits them)."""
    target.mkdir(parents=True, exist_ok=True)
    for path in sorted(source.rglob("*")):
        destination = target / path.relative_to(source)
        if path.is_dir():
            destination.mkdir(parents=True, exist_ok=True)
            continue
        try:
            os.link(path, destination)
        except OSError:  # another file system, or links not allowed
            shutil.copy2(path, destination)


def _swap(staging: Path, site: Path) -> None:
    """Replace site/ with the staged build; the old site stays until the new one is complete."""
    old = site.with_name(site.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if site.exists():
        site.rename(old)
    shutil.move(str(staging), str(site))
    shutil.rmtree(old, ignore_errors=True)


def write_report(result: BuildResult, path: Path) -> None:
    roles = result.roles()
    digest = result.digest
    tagged = sum(1 for ids in digest.articles_of_entity.values() if ids)
    lines = [
        "# Build report",
        "",
        f"- files read: {result.files_read}",
        f"- articles: {len(digest.articles)}",
        f"- entities in the registry: {len(digest.registry.entities)}, tagged in articles: {tagged}",
        f"- mentions: {sum(len(a.mentions) for a in digest.articles.values())}",
        f"- warnings: {len(result.warnings)}",
        "",
        "## Lines by role",
        "",
    ]
    lines += [f"- {role}: {roles.get(role, 0)}" for role in ROLES]
    lines += ["", "## Skipped files", ""] + ([f"- {w}" for w in result.skipped] or ["- none"])
    lines += ["", "## Warnings", ""] + ([f"- {w}" for w in result.warnings] or ["- none"])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def summary(result: BuildResult) -> str:
    digest = result.digest
    tagged = sum(1 for ids in digest.articles_of_entity.values() if ids)
    return (
        f"files read: {result.files_read} · articles: {len(digest.articles)} · "
        f"entities tagged: {tagged} of {len(digest.registry.entities)} · "
        f"skipped: {len(result.skipped)} · warnings: {len(result.warnings)}"
    )
