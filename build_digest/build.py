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

from build_digest.digest import Digest, build_digest
from build_digest.discovery.discover import Discovery
from build_digest.discovery.recogniser import load_recogniser
from build_digest.discovery.settings import SETTINGS_FILE, load_rejected, load_settings
from build_digest.export import write_digest_json
from build_digest.model import ROLES, Source, SourceMeta
from build_digest.pages import write_pages
from build_digest.problems import DataError, Problem, Warnings
from build_digest.published import load_record, redirects, updated_record, write_record, write_redirects
from build_digest.reader import read_source
from build_digest.registry import Registry, load_registry, load_sources_meta
from build_digest.searchwords import write_user_dictionary


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
    def published(self) -> Path:
        return self.data / "published.yml"

    @property
    def work(self) -> Path:
        return self.root / "build"

    @property
    def recognition_cache(self) -> Path:
        return self.work / "cache" / "recognition"


@dataclass
class BuildResult:
    digest: Digest
    warnings: Warnings
    files_read: int
    skipped: list[Problem] = field(default_factory=list)
    pages: int = 0
    moved: dict[str, str] = field(default_factory=dict)  # published URL -> the page that replaced it

    def roles(self) -> Counter:
        return Counter(line.role for s in self.digest.sources for line in s.content_lines)


class StrictFailure(Exception):
    pass


def check(paths: Paths) -> tuple[Registry, dict]:
    """Validate the curated data; raises DataError listing every problem."""
    registry = load_registry(paths.data)
    metas = load_sources_meta(paths.data / "sources.yml", registry)
    load_settings(paths.data)
    load_rejected(paths.data)
    return registry, metas


def analyse(paths: Paths) -> BuildResult:
    registry, metas = check(paths)
    warnings = Warnings()
    discovery = make_discovery(paths, registry, warnings)
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
    digest = build_digest(sources, registry, warnings, discovery)
    skipped = [w for w in warnings if w.message.startswith("skipped")]
    return BuildResult(digest=digest, warnings=warnings, files_read=len(sources), skipped=skipped)


def make_discovery(paths: Paths, registry: Registry, warnings: Warnings) -> Discovery:
    """Discovery as data/discovery.yml sets it; one warning when the recogniser cannot load."""
    settings = load_settings(paths.data)
    recogniser, problem = load_recogniser(settings.recogniser)
    if problem:
        warnings.add(f"data/{SETTINGS_FILE}", None,
                     f"discovery: the recogniser could not be loaded ({problem}); "
                     "entities are tagged from the registry and the rules only")
    return Discovery(registry, recogniser, paths.recognition_cache, load_rejected(paths.data),
                     publish=settings.publish_unreviewed)


def build(paths: Paths, strict: bool = False) -> BuildResult:
    result = analyse(paths)
    if strict and len(result.warnings):
        raise StrictFailure("\n".join(str(w) for w in result.warnings))
    record = load_record(paths.published)
    result.moved = redirects(record, result.digest)
    result.pages = write_pages(result.digest, paths.docs)
    user_dict = paths.work / "search" / "userdict.txt"
    write_user_dictionary(result.digest.registry, user_dict)
    paths.work.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix="site-", dir=paths.work))
    try:
        _run_mkdocs(paths, staging, result.digest)
        write_digest_json(result.digest, staging)
        write_redirects(result.moved, staging)
        _swap(staging, paths.site)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    write_record(updated_record(record, result.digest), paths.published)
    write_report(result, paths.work / "report.md")
    return result


def _run_mkdocs(paths: Paths, site_dir: Path, digest: Digest) -> None:
    env = dict(os.environ)
    # Sitemap dates come from the newest article, so the same input gives the same site.
    newest = max((a.date for a in digest.articles.values() if a.date), default="2020-01-01")
    epoch = int(dt.datetime.fromisoformat(newest).replace(tzinfo=dt.UTC).timestamp())
    env["SOURCE_DATE_EPOCH"] = str(epoch)
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site_dir)]
    completed = subprocess.run(command, cwd=paths.root, env=env, capture_output=True, text=True)
    if completed.returncode != 0:
        raise DataError(
            [Problem("mkdocs.yml", None, "mkdocs build failed:\n" + (completed.stderr or completed.stdout))]
        )


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
    moved = [f"- {old} → {new}" for old, new in result.moved.items()]
    lines += ["", "## Moved URLs (redirected)", ""] + (moved or ["- none"])
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
