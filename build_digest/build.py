"""The build, top to bottom: read sources → segment → tag → model → render pages → export.

The site is built into a temporary folder and moved into place only when every stage
succeeded, so a failing build leaves the previous site intact and servable.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
import hashlib
import json
import os
import shutil
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from build_digest.analysis import WorkerSetup, analyse_files, wait_for_workers
from build_digest.cache import AnalysisCache, code_fingerprint, folder_fingerprint
from build_digest.digest import Digest, assemble_digest
from build_digest.discovery.discover import Discovery
from build_digest.discovery.recogniser import load_recogniser
from build_digest.discovery.settings import SETTINGS_FILE, DiscoverySettings, load_rejected, load_settings
from build_digest.export import json_jobs
from build_digest.feeds import feed_jobs
from build_digest.keyfigures import csv_jobs
from build_digest.model import ROLES
from build_digest.outputs import recorded_keys, write_outputs
from build_digest.pagekeys import PageKeys
from build_digest.pages import GENERATED_DIRS, GENERATED_FILES, PagesWritten, write_pages
from build_digest.problems import DataError, Problem, Warnings
from build_digest.published import (
    REDIRECT_MARK,
    Record,
    load_record,
    redirects,
    updated_record,
    write_record,
    write_redirects,
)
from build_digest.registry import Registry, load_registry, load_sources_meta
from build_digest.render.articles import article_url
from build_digest.searchindex import INDEX_DIR, STATE_FILE, IndexStats, SearchIndexWriter
from build_digest.searchrecords import search_records
from build_digest.sitebuild import (
    MATERIAL_SEARCH_FILES,
    finish_mkdocs,
    html_fingerprint,
    mirror,
    mkdocs_shares,
    start_mkdocs,
)
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
    def published(self) -> Path:
        return self.data / "published.yml"

    @property
    def state(self) -> Path:
        return self.work / "state.json"

    @property
    def work(self) -> Path:
        return self.root / "build"

    @property
    def recognition_cache(self) -> Path:
        return self.work / "cache" / "recognition"


@dataclass
class BuildResult:
    digest: Digest | None
    warnings: Warnings
    files_read: int
    skipped: list[Problem] = field(default_factory=list)
    pages: int = 0
    moved: dict[str, str] = field(default_factory=dict)  # published URL -> the page that replaced it
    written: PagesWritten | None = None  # which generated pages changed
    unchanged: bool = False  # nothing changed since the last build: nothing was rendered
    dirty: bool = False  # MkDocs rebuilt only the pages that changed
    files_cached: int = 0  # files whose analysis came from build/cache/analysis.sqlite
    files_analysed: int = 0  # files analysed in this build
    stages: Stages = field(default_factory=Stages)  # wall seconds per stage (make bench prints them)
    search: IndexStats | None = None
    record: Record = field(default_factory=dict)  # the published URLs the build started from

    def roles(self) -> Counter:
        return Counter(line.role for s in self.digest.sources for line in s.content_lines)


class StrictFailure(Exception):
    pass


def check(paths: Paths) -> tuple[Registry, dict]:
    """Validate the curated data; raises DataError listing every problem."""
    registry, metas, _ = _checked(paths)
    return registry, metas


def _checked(paths: Paths) -> tuple[Registry, dict, Record]:
    """The registry, the sources' metadata and the record of published URLs, all validated
    before anything is analysed (a broken record fails here, not after the analysis)."""
    registry = load_registry(paths.data)
    metas = load_sources_meta(paths.data / "sources.yml", registry)
    load_settings(paths.data)
    load_rejected(paths.data)
    return registry, metas, load_record(paths.published)


def analyse(paths: Paths, workers: int | None = None, stages: Stages | None = None,
            freeze: bool = False) -> BuildResult:
    """The complete model. With `freeze`, its objects are left frozen (gc.freeze) for a caller
    that keeps the model to the end and unfreezes then (build)."""
    stages = stages or Stages()
    with stages.stage("check"):
        registry, metas, record = _checked(paths)
        warnings = Warnings()
        settings = load_settings(paths.data)
        discovery = make_discovery(paths, registry, warnings, settings)
        files = (
            sorted(p for p in paths.articles.iterdir() if p.is_file() and not p.name.startswith("."))
            if paths.articles.is_dir()
            else []
        )
        salt = "\0".join((code_fingerprint(), folder_fingerprint(paths.data / "registry"),
                          repr(settings), discovery.recogniser.id if discovery.recogniser else "rules"))
        cache = AnalysisCache(paths.work / "cache" / "analysis.sqlite", salt)
        # The first layout's folder of one pickle per file (hundreds of MB at 10,000 files):
        # nothing reads it any more.
        shutil.rmtree(paths.work / "cache" / "analysis", ignore_errors=True)
        setup = WorkerSetup.of(registry, discovery, settings.recogniser)
    with _collector_paused(freeze_after=freeze):
        with stages.stage("analyse", total=len(files)) as advance:
            analysed = analyse_files(files, metas, setup, discovery, cache, workers, advance)
        for result in analysed:
            stages.add_work(result.seconds)
        with stages.stage("model"):
            sources = [result.source for result in analysed if result.source is not None]
            for result in analysed:
                warnings.items.extend(result.warnings)
            for name in sorted(set(metas) - {p.name for p in files}):
                warnings.add("data/sources.yml", None, f"metadata for '{name}', which is not in data/articles/")
            collected = [article for result in analysed for article in result.articles]
            digest = assemble_digest(sources, collected, registry, discovery)
            wait_for_workers()
    skipped = [w for w in warnings if w.message.startswith("skipped")]
    return BuildResult(digest=digest, warnings=warnings, files_read=len(sources), skipped=skipped,
                       files_cached=cache.hits, files_analysed=cache.misses, stages=stages, record=record)


def make_discovery(paths: Paths, registry: Registry, warnings: Warnings,
                   settings: DiscoverySettings | None = None) -> Discovery:
    """Discovery as data/discovery.yml sets it; one warning when the recogniser cannot load."""
    settings = settings or load_settings(paths.data)
    recogniser, problem = load_recogniser(settings.recogniser)
    if problem:
        warnings.add(f"data/{SETTINGS_FILE}", None,
                     f"discovery: the recogniser could not be loaded ({problem}); "
                     "entities are tagged from the registry and the rules only")
    return Discovery(registry, recogniser, paths.recognition_cache, load_rejected(paths.data),
                     publish=settings.publish_unreviewed,
                     page_min_articles=settings.unreviewed_page_min_articles)


PAGE_KEYS = "page-keys.json"  # under build/: what each page was made from (pagekeys.py)
OUTPUT_KEYS = "output-keys.json"  # ... and each article's JSON twin and each feed


def build(paths: Paths, strict: bool = False, stages: Stages | None = None) -> BuildResult:
    stages = stages or Stages()
    previous = BuildState.load(paths.state)
    hand_written = _hand_written(paths)
    html_key = html_fingerprint(paths.root, hand_written)
    # Read before the build: a file edited while it runs makes the next build see a change.
    inputs = inputs_but_record(paths)
    if (previous is not None and paths.site.is_dir() and previous.html == html_key
            and previous.inputs == input_fingerprint(paths, inputs) and not (strict and previous.warnings)):
        return BuildResult(digest=None, warnings=Warnings(), files_read=previous.files, unchanged=True,
                           stages=stages)
    BuildState.forget(paths.state)  # from here on, a failure makes the next build a full one
    # The finished model stays until the end: later collections need not walk it.
    result = analyse(paths, stages=stages, freeze=True)
    try:
        result = _write_site(paths, strict, stages, result, previous, html_key)
    finally:
        gc.unfreeze()
    # The record of published URLs is written by the build itself: its new text counts.
    BuildState(html=html_key, inputs=input_fingerprint(paths, inputs), warnings=len(result.warnings),
               files=result.files_read).save(paths.state)
    return result


def _write_site(paths: Paths, strict: bool, stages: Stages, result: BuildResult, previous: BuildState | None,
                html_key: str) -> BuildResult:
    if strict and len(result.warnings):
        raise StrictFailure("\n".join(str(w) for w in result.warnings))
    record = result.record
    result.moved = redirects(record, result.digest)
    # What each page and output is made from (pagekeys.py), shared by the render and the export.
    keys = PageKeys(result.digest, code_fingerprint())
    page_keys = paths.work / PAGE_KEYS
    with stages.stage("render", total=None) as advance:
        if recorded_keys(page_keys):  # pages may be skipped by their keys: hash every article now
            keys.prepare()
        # With no keys recorded (a first or full build) every page is rendered, and the keys the
        # next build compares with are worked out while MkDocs runs, below.
        result.written = write_pages(result.digest, paths.docs, advance=advance, keys_file=page_keys, keys=keys,
                                     keys_later=True)
    result.pages = result.written.total
    html = paths.work / "html"
    index = paths.work / "search" / "index"
    result.dirty = previous is not None and previous.html == html_key and html.is_dir()
    with stages.stage("mkdocs"):
        run = start_mkdocs(paths.root, html, result.dirty, result.written.changed, result.written.removed,
                           _sitemap_epoch(result.digest), mkdocs_shares(result.pages, result.dirty))
        try:
            # The search index is written while MkDocs runs (in one process per core for a large
            # full build, else in one).
            with stages.stage("search index"):
                writer = SearchIndexWriter(index, paths.work / "search" / STATE_FILE)
                result.search = writer.write(search_records(result.digest, paths.docs))
            if result.written.outputs.keys_pending:
                with stages.stage("page keys"):
                    result.written.outputs.save_keys(page_keys)
        finally:
            failure = finish_mkdocs(run)
    if failure is not None:
        raise DataError([Problem("mkdocs.yml", None, "mkdocs build failed:\n" + failure)])
    with stages.stage("export"):
        mirror(index, html / INDEX_DIR, keep=MATERIAL_SEARCH_FILES)
        jobs = (json_jobs(result.digest, keys) + feed_jobs(result.digest, os.environ.get("SITE_URL", ""))
                + csv_jobs(result.digest, article_url, keys))
        # In a full build MkDocs emptied build/html/ first: every file is missing, so made.
        made = write_outputs(jobs, html, keys_file=paths.work / OUTPUT_KEYS)
        outputs = [html / relative for relative in made.produced]
        outputs += write_redirects(result.moved, html)
        _prune_outputs(html, outputs, paths.work / "outputs.txt", full=not result.dirty)
    with stages.stage("publish"):
        mirror(html, paths.site)
        write_record(updated_record(record, result.digest), paths.published)
        write_report(result, paths.work / "report.md")
    return result


@contextmanager
def _collector_paused(freeze_after: bool = False) -> Iterator[None]:
    """Loading and assembling the model makes millions of long-lived objects and hardly any
    garbage; the collector's full passes over them cost a third of those stages at 10,000
    articles. Every object made while paused is still in the youngest generation, so the first
    collection after would walk them all (1.4 s at 10,000 articles): `freeze_after` moves them
    out of the collector's sight first."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
        if freeze_after:
            gc.freeze()
    finally:
        if enabled:
            gc.enable()


def _hand_written(paths: Paths) -> list[Path]:
    """The pages and assets of docs/ that the build does not generate."""
    generated = {*GENERATED_DIRS, *GENERATED_FILES}
    found = []
    # Top level first: the generated folders (thousands of pages) are never walked.
    for top in sorted(paths.docs.iterdir()) if paths.docs.is_dir() else []:
        if top.name in generated:
            continue
        found += [top] if top.is_file() else [p for p in top.rglob("*") if p.is_file()]
    return sorted(found)


def input_fingerprint(paths: Paths, others: str) -> str:
    """Everything the digest is made from: `others` (inputs_but_record) and the record of
    published URLs as it is now."""
    record = paths.published.read_bytes() if paths.published.is_file() else b""
    return hashlib.sha256((others + hashlib.sha256(record).hexdigest()).encode()).hexdigest()


def inputs_but_record(paths: Paths) -> str:
    """The code and every file under data/ but the record of published URLs."""
    return hashlib.sha256((code_fingerprint() + folder_fingerprint(paths.data, paths.published)).encode()).hexdigest()


def _sitemap_epoch(digest: Digest) -> int:
    """Sitemap dates come from the newest article, so the same input gives the same site."""
    newest = max((a.date for a in digest.articles.values() if a.date), default="2020-01-01")
    return int(dt.datetime.fromisoformat(newest).replace(tzinfo=dt.UTC).timestamp())


def _prune_outputs(html: Path, written: list[Path], manifest: Path, full: bool) -> None:
    """Remove files the exporters wrote last time and not this time (a feed of a gone entity,
    a redirect whose URL names a page again). A redirect's path may hold MkDocs' page by now
    (a name that lost its page and got it back): only a redirect is removed there."""
    current = sorted({path.relative_to(html).as_posix() for path in written})
    if not full and manifest.is_file():
        for relative in set(manifest.read_text(encoding="utf-8").split("\n")) - set(current) - {""}:
            path = html / relative
            if path.name == "index.html" and path.is_file() \
                    and REDIRECT_MARK not in path.read_text(encoding="utf-8", errors="replace"):
                continue
            path.unlink(missing_ok=True)
    manifest.parent.mkdir(parents=True, exist_ok=True)
    manifest.write_text("\n".join(current) + "\n", encoding="utf-8")


@dataclass
class BuildState:
    """What the last successful build was made from (build/state.json)."""

    html: str
    inputs: str
    warnings: int
    files: int

    @classmethod
    def load(cls, path: Path) -> BuildState | None:
        try:
            return cls(**json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError):
            return None

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(dataclasses.asdict(self), indent=1) + "\n", encoding="utf-8")

    @staticmethod
    def forget(path: Path) -> None:
        path.unlink(missing_ok=True)


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
    if result.unchanged:
        return f"nothing changed since the last build ({result.files_read} files): site/ is up to date"
    digest = result.digest
    tagged = sum(1 for ids in digest.articles_of_entity.values() if ids)
    written = result.written
    pages = f"pages written: {len(written.changed)} of {written.total}" if written else ""
    mode = "only changed pages rebuilt" if result.dirty else "full site build"
    return (
        f"files read: {result.files_read} ({result.files_analysed} analysed, {result.files_cached} from the cache) · "
        f"articles: {len(digest.articles)} · entities tagged: {tagged} of {len(digest.registry.entities)} · "
        f"{pages} ({mode}) · skipped: {len(result.skipped)} · warnings: {len(result.warnings)}"
    )
