"""`make bench`: the whole build of a generated corpus, timed per stage against plain MkDocs.

A scratch project gets the repository's configuration, hand-written pages and registry, and
N generated articles (corpus.py). It is built as `make build` builds it, in a child process
(so peak memory is the build's own), then `mkdocs build` with `plugins: []` runs over the same
docs/ (M: what MkDocs alone costs; every figure is also printed as a ratio to it). Last, a
reader's first searches in headless Chromium with an empty cache: the bytes fetched for
search and the milliseconds from the keystroke to the results, for 稀土 and then the search
tests' example queries. Also the shape of the analysis on very long pages (x8 the text).

Speed is measured here, never asserted in tests: on a shared machine a timed test flakes.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import multiprocessing
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from build_digest import build as pipeline
from build_digest.chromium import CHROMIUM, CHROMIUM_ARGS
from build_digest.corpus import Corpus, long_page
from build_digest.digest import analyse_source
from build_digest.discovery.bench import discovery_figures
from build_digest.model import SourceMeta
from build_digest.pages import GENERATED_DIRS
from build_digest.problems import Warnings
from build_digest.reader import read_source
from build_digest.registry import load_registry
from build_digest.roles import shape_of
from build_digest.sitesize import format_shares, size_shares
from build_digest.tagger import Tagger
from build_digest.textutil import match_form

DEFAULT_ARTICLES = 10_000
FIRST_QUERY = "稀土"
# The search tests' examples (tests/browser/test_search.py): names, aliases, short form, pinyin.
ENTITY_QUERIES = ("揭榜挂帅", "天和磁材", "包头稀土高新区", "哈工大", "baotou", "赤峰", "包頭")
SEARCH_PATHS = re.compile(r"/(search/|assets/search-(worker|input)\.js)")  # what a search costs
RESULT_TIMEOUT_MS = 60_000
ANALYSIS_STAGES = ("check", "analyse", "model", "render")  # wall time, in the build's own process
WORKER_STAGES = ("read", "segment", "tag", "discover")  # CPU time in analysis workers, summed
LONG_PAGE_SCALE = 8  # the long page is this many times the short one
MEMORY_SAMPLE = 0.5  # seconds between samples of a build's memory, all its processes together


@dataclass
class Run:
    """What one measured child process reports."""

    wall: float
    peak_rss_mb: float  # the child's own peak
    peak_child_rss_mb: float  # its largest subprocess (mkdocs)
    cpu: float  # CPU seconds of the child itself
    child_cpu: float  # and of its subprocesses: steadier than wall time on a shared machine
    value: object = None
    peak_tree_mb: float = 0.0  # all its processes together at their fullest (sampled)


def _child(connection, function, args):
    start = time.perf_counter()
    value = function(*args)
    wall = time.perf_counter() - start
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    connection.send(
        Run(
            wall,
            own.ru_maxrss / 1024,
            children.ru_maxrss / 1024,
            own.ru_utime + own.ru_stime,
            children.ru_utime + children.ru_stime,
            value,
        )
    )
    connection.close()


def measured(function, *args) -> Run:
    """Run function(*args) in a fresh process: its wall time, its peak memory, its result."""
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(send, function, args))
    process.start()
    send.close()
    peak = 0.0
    while not receive.poll(MEMORY_SAMPLE):
        peak = max(peak, _tree_pss_mb(process.pid))
    run = receive.recv()
    process.join()
    run.peak_tree_mb = peak
    return run


def _sampled(run: Run) -> str:
    return f"{run.peak_tree_mb:,.0f} MB" if run.peak_tree_mb else "— (over before the first sample)"


def _tree_pss_mb(root: int) -> float:
    """Memory of a process and all its descendants now: proportional set sizes, so the pages
    forked workers share with their parent count once."""
    parents: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                with open(f"/proc/{entry.name}/stat", encoding="ascii", errors="replace") as handle:
                    parents[int(entry.name)] = int(handle.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    tree, frontier = {root}, [root]
    while frontier:
        parent = frontier.pop()
        for pid, ppid in parents.items():
            if ppid == parent and pid not in tree:
                tree.add(pid)
                frontier.append(pid)
    total = 0
    for pid in tree:
        try:
            with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as handle:
                total += next(int(line.split()[1]) for line in handle if line.startswith("Pss:"))
        except (OSError, StopIteration, ValueError):
            continue
    return total / 1024


def _build(root: Path) -> dict:
    result = pipeline.build(pipeline.Paths(root))
    digest = result.digest
    if result.unchanged:
        return {"stages": dict(result.stages.seconds), "unchanged": True}
    return {
        "unchanged": False,
        "cached": result.files_cached,
        "analysed": result.files_analysed,
        "changed": len(result.written.changed),
        "stages": dict(result.stages.seconds),
        "work": dict(result.stages.work),
        "articles": len(digest.articles),
        "merged": sum(len(a.also_in) for a in digest.articles.values()),
        "entities": sum(1 for ids in digest.articles_of_entity.values() if ids),
        "pages": result.pages,
        "search": result.search,
        "warnings": len(result.warnings),
    }


def _plain_mkdocs(root: Path) -> None:
    """M: mkdocs build with the project's mkdocs.yml, but plugins: [] (and it has no hooks)."""
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    plain = re.sub(r"^plugins:\n(?:[ #].*\n|\n)*", "plugins: []\n", config, flags=re.M)
    (root / "mkdocs-plain.yml").write_text(plain, encoding="utf-8")
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", "mkdocs-plain.yml", "--site-dir", "site-plain"],
        cwd=root,
        check=True,
        capture_output=True,
    )


def scratch_project(paths: pipeline.Paths, target: Path) -> None:
    """The repository's configuration, hand-written pages and registry; no articles yet."""
    for name in ("mkdocs.yml", "overrides"):
        source = paths.root / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, target / name)
    (target / "docs").mkdir()
    shutil.copy2(paths.docs / "about.md", target / "docs" / "about.md")
    shutil.copytree(paths.docs / "assets", target / "docs" / "assets")
    shutil.copytree(paths.data / "registry", target / "data" / "registry")


def folder_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


def run_bench(paths: pipeline.Paths, count: int = DEFAULT_ARTICLES, browser: bool = True) -> int:
    work = Path(tempfile.mkdtemp(prefix="bench-"))
    aside = Path(tempfile.mkdtemp(prefix="bench-aside-"))
    try:
        scratch_project(paths, work)
        registry = load_registry(paths.data)
        corpus = Corpus(paths.articles, registry)
        text_bytes = corpus.write(work / "data" / "articles", count)
        cold = measured(_build, work)
        _empty_but_recognition(pipeline.Paths(work), aside)
        build = measured(_build, work)  # "full build": every stage, the recognition cache warm
        plain = measured(_plain_mkdocs, work)
        site_bytes, site_files = folder_size(work / "site")
        index_bytes, index_files = folder_size(work / "site" / "search")
        shares = format_shares(size_shares(work / "site"))
        searches = _first_searches(work / "site") if browser else None
        (work / "data" / "articles" / "bench_new.txt").write_text(corpus.one_more(), encoding="utf-8")
        one_more = measured(_build, work)
        nothing = measured(_build, work)
        long_pages = _long_page_shape(registry)
        print(
            _table(
                count, text_bytes, build, plain, (site_bytes, site_files), (index_bytes, index_files),
                searches, long_pages,
            )
        )
        print(_rebuild_table(cold, build, one_more, nothing, plain.wall))
        print(f"\nsite by kind: {shares}")
        print("\ndiscovery (the first 500 generated articles):")
        texts = [p.read_text(encoding="utf-8") for p in sorted((work / "data" / "articles").iterdir())[:500]]
        print("\n".join(discovery_figures(texts)))
    finally:
        shutil.rmtree(work, ignore_errors=True)
        shutil.rmtree(aside, ignore_errors=True)
    return 0


def _empty_but_recognition(paths: pipeline.Paths, aside: Path) -> None:
    """build/ emptied except the recognition cache (recognition runs once per article ever),
    and the site and the generated pages gone: what a full build starts from. They are moved
    into `aside` (deleted after the measurements), not deleted here: on the ext4 of the machines
    measured, a file created within about 30 s of the deletion of 100,000 others costs several
    times its kernel time (the allocator passes over recently freed inodes), a cost of this
    benchmark's clearing up that a curator's build does not pay."""
    aside.mkdir(parents=True, exist_ok=True)
    doomed = [child for child in paths.work.iterdir() if child.name != "cache"]
    if (paths.work / "cache").is_dir():
        doomed += [cache for cache in (paths.work / "cache").iterdir() if cache != paths.recognition_cache]
    doomed += [paths.site] + [paths.docs / name for name in GENERATED_DIRS]
    for number, path in enumerate(p for p in doomed if p.exists()):
        path.rename(aside / f"{number}-{path.name}")


def _rebuild_table(cold: Run, full: Run, one_more: Run, nothing: Run, m: float) -> str:
    """Full build with the recognition cache cold and warm, one more article, nothing changed."""
    lines = ["", "| build | wall | × M | analysed / from cache | pages rewritten | peak RSS (largest process) "
             "| peak memory, all processes (PSS) |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    rows = [("full build, recognition cache cold (first build ever)", cold),
            ("full build, recognition cache warm (the target's \"full build\")", full),
            ("one more article (3 known entities, 1 new)", one_more),
            ("nothing changed", nothing)]
    for label, run in rows:
        info = run.value
        work = "—" if info["unchanged"] else f"{info['analysed']:,} / {info['cached']:,}"
        pages = "0 (detected, nothing rendered)" if info["unchanged"] else f"{info['changed']:,}"
        lines.append(f"| {label} | {run.wall:.2f} s | {run.wall / m:.3f} | {work} | {pages} | "
                     f"{max(run.peak_rss_mb, run.peak_child_rss_mb):,.0f} MB | {_sampled(run)} |")
    return "\n".join(lines)


def _first_searches(site: Path) -> list[tuple[str, int, int, float]] | str:
    """[(query, bytes fetched for search, the same gzipped, ms from keystroke to results)]."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return "playwright is not installed (make bench installs the test dependencies)"
    if not CHROMIUM.exists():
        return f"{CHROMIUM} not found (sudo apt-get install chromium)"
    with served(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(locale="zh-CN", service_workers="block", viewport={"width": 1280, "height": 800})
        page = context.new_page()
        fetched: list = []
        page.on("requestfinished", lambda request: fetched.append(request))
        page.goto(url, wait_until="load")
        page.locator(".md-search__input").click()
        rows = []
        for query in (FIRST_QUERY, *ENTITY_QUERIES):
            if page.locator(".md-search__input").input_value():
                page.keyboard.press("Control+A")
                page.keyboard.press("Backspace")
                page.wait_for_function("() => !document.querySelector('.md-search-result__item')")
            already = len(fetched) if rows else 0  # the first query pays for what page load fetched
            start = time.perf_counter()
            page.keyboard.type(query)
            # Results of this query, not of its first characters: a result link's ?h= holds the
            # words searched (simplified, lowercase; 包頭 is searched as 包头).
            page.wait_for_function(
                """q => { const a = document.querySelector('.md-search-result__item a');
                          return a && new URL(a.href).searchParams.get('h') === q; }""",
                arg=match_form(query).lower(),
                timeout=RESULT_TIMEOUT_MS,
            )
            elapsed = (time.perf_counter() - start) * 1000
            page.wait_for_load_state("networkidle")
            raw = packed = 0
            for request in fetched[already:]:
                if SEARCH_PATHS.search(request.url):
                    response = request.response()
                    body = response.body() if response else b""
                    headers = request.sizes()["responseHeadersSize"]
                    raw += len(body) + headers
                    packed += len(gzip.compress(body)) + headers
            rows.append((query, raw, packed, elapsed))
        browser.close()
    return rows


def analyse_seconds(text: str, tagger: Tagger) -> float:
    """Reading and analysing one page of `text`, in seconds."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "long.txt"
        path.write_text(text, encoding="utf-8")
        shape_of.cache_clear()  # every run from nothing: a line's shape remembered is not its cost
        start = time.perf_counter()
        warnings = Warnings()
        analyse_source(read_source(path, SourceMeta(), warnings), tagger, warnings)
        return time.perf_counter() - start


@contextlib.contextmanager
def served(folder: Path):
    """The folder over HTTP on a loopback port, from a thread; yields its URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - keep the bench output to its table
        pass


def _long_page_shape(registry) -> list[tuple[str, float, float]]:
    """The analysis of one page x8 longer: (case, seconds short, seconds long); linear is ~8x."""
    tagger = Tagger(registry)
    cases = [
        ("one huge paragraph", long_page(40_000, 2), long_page(40_000 * LONG_PAGE_SCALE, 2)),
        ("many similar paragraphs", long_page(250, 200), long_page(250, 200 * LONG_PAGE_SCALE)),
    ]
    rows = []
    for label, short, long in cases:
        analyse_seconds(short[:2000], tagger)  # warm up (OpenCC, regexes)
        rows.append((label, min(analyse_seconds(short, tagger) for _ in range(2)), analyse_seconds(long, tagger)))
    return rows


def _table(count, text_bytes, build: Run, plain: Run, site, index, searches, long_pages) -> str:
    info = build.value
    stages = info["stages"]
    m = plain.wall
    mb = text_bytes / 1e6
    cpu = platform.processor() or platform.machine()
    lines = [
        f"bench: {count:,} generated files ({mb:.1f} MB of text): {info['articles']:,} articles after merging "
        f"{info['merged']} near-duplicates), {info['pages']:,} pages, {info['entities']} entities tagged; "
        f"{os.cpu_count()} cores, {cpu}, Python {platform.python_version()}",
        "",
        "| figure | value | throughput | × M |",
        "| --- | ---: | ---: | ---: |",
    ]

    def stage_row(label, seconds):
        rate = f"{count / seconds:,.0f} articles/s · {mb / seconds:.2f} MB/s" if seconds > 0 else ""
        lines.append(f"| {label} | {seconds:.2f} s | {rate} | {seconds / m:.3f} |")

    for name in WORKER_STAGES:
        seconds = info["work"].get(name, 0.0)
        lines.append(f"| {name} (CPU in workers, all cores) | {seconds:.2f} s | "
                     f"{count / max(seconds, 1e-9):,.0f} articles/s per core | {seconds / m:.3f} |")
    for name in ANALYSIS_STAGES:
        stage_row(name, stages.get(name, 0.0))
    stage_row("everything before MkDocs", sum(stages.get(name, 0.0) for name in ANALYSIS_STAGES))
    stage_row("mkdocs (with our worker's index being written beside it)", stages.get("mkdocs", 0.0))
    stage_row("search index (on the second core, during mkdocs)", stages.get("search index", 0.0))
    stage_row("page keys for the next build (after the index, during mkdocs)", stages.get("page keys", 0.0))
    stage_row("export (JSON twins, index linked into the site)", stages.get("export", 0.0))
    stage_row("**full build**", build.wall)
    lines.append(f"| **M**: plain `mkdocs build`, plugins: [] | {m:.2f} s | {count / m:,.0f} articles/s | 1.000 |")
    build_cpu = build.cpu + build.child_cpu
    lines.append(
        f"| CPU time: full build (its own + its mkdocs) | {build_cpu:.0f} s ({build.cpu:.0f} + {build.child_cpu:.0f}) "
        f"| | {build_cpu / plain.child_cpu:.3f} of M's |"
    )
    lines.append(f"| CPU time: M | {plain.child_cpu:.0f} s | | 1.000 |")
    lines.append(
        f"| peak RSS: build / its largest MkDocs process / plain mkdocs | {build.peak_rss_mb:,.0f} / "
        f"{build.peak_child_rss_mb:,.0f} / {plain.peak_child_rss_mb:,.0f} MB | | |"
    )
    lines.append(f"| peak memory of the build, all its processes together (PSS, sampled) | "
                 f"{build.peak_tree_mb:,.0f} MB | | |")
    site_bytes, site_files = site
    index_bytes, index_files = index
    search = info["search"]
    lines.append(f"| site size | {site_bytes / 1e6:,.0f} MB in {site_files:,} files | "
                 f"{site_bytes / count / 1e3:.1f} KB per article | |")
    lines.append(f"| search index | {index_bytes / 1e6:,.1f} MB in {index_files:,} files "
                 f"({search.shards:,} term files) | {index_bytes / count / 1e3:.2f} KB per article | |")
    if isinstance(searches, str) or searches is None:
        lines.append(f"| reader's first search | not measured: {searches or 'skipped'} | | |")
    else:
        for position, (query, raw, packed, ms) in enumerate(searches):
            label = f"first search {query} (search files at page load included)" if position == 0 else f"then {query}"
            lines.append(f"| {label} | {raw / 1e3:,.0f} KB ({packed / 1e3:,.0f} KB gzipped), {ms:,.0f} ms | | |")
    for label, short, long in long_pages:
        lines.append(
            f"| analysis of a page ×{LONG_PAGE_SCALE} longer: {label} | {short:.2f} s → {long:.2f} s "
            f"(×{long / max(short, 1e-9):.1f}) | linear is ×{LONG_PAGE_SCALE} | |"
        )
    return "\n".join(lines)
