"""Per-file analysis (read → segment → tag → discover) on every core, each file's result cached.

Work on one file depends on nothing but that file, its metadata, the registry and the code,
so files are analysed in worker processes and their results kept in a content-addressed
cache (cache.py): a rebuild pays only for new or changed files. Results come back in file
order whatever the workers do, and discovery's per-file findings are absorbed in that order,
so the build is byte-identical however it was computed.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path

from build_digest.cache import AnalysisCache, dumps
from build_digest.digest import analyse_source
from build_digest.discovery.discover import Discovery, DiscoveryState
from build_digest.discovery.recogniser import load_recogniser, session_started
from build_digest.model import Article, Source, SourceMeta
from build_digest.problems import Problem, Warnings
from build_digest.reader import read_source
from build_digest.registry import Registry
from build_digest.stages import Stages
from build_digest.tagger import Tagger

POOL_MIN_FILES = 64  # fewer files than this are analysed in-process: starting workers costs more
LARGE_DIGEST_FILES = 2000  # ... unless the digest is this large (see analyse_files)
CHUNK = 8  # files handed to a worker at a time: fewer round trips, still balanced


@dataclass
class FileResult:
    name: str
    source: Source | None  # None when the file was skipped (binary, blank)
    articles: list[Article] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    discovery: DiscoveryState | None = None
    seconds: dict[str, float] = field(default_factory=dict)  # read, segment, tag, discover


@dataclass
class WorkerSetup:
    """What a worker process needs to analyse files as the parent would (all picklable)."""

    registry: Registry
    recogniser_name: str | None = None
    recognition_cache: Path | None = None
    rejected: frozenset = frozenset()
    publish: bool = True

    @classmethod
    def of(cls, registry: Registry, discovery: Discovery | None, recogniser_name: str | None) -> WorkerSetup:
        if discovery is None:
            return cls(registry)
        recogniser = discovery.recogniser
        return cls(registry, recogniser_name if recogniser else None, discovery.cache_dir,
                   frozenset(discovery.rejected), discovery.publish)

    def discovery(self) -> Discovery:
        recogniser = load_recogniser(self.recogniser_name)[0] if self.recogniser_name else None
        return Discovery(self.registry, recogniser, self.recognition_cache, set(self.rejected), publish=self.publish)


class _Worker:
    """The tagger and discovery of one process, built once."""

    tagger: Tagger | None = None
    discovery: Discovery | None = None


def _start_worker(setup: WorkerSetup, with_discovery: bool) -> None:
    _Worker.tagger = Tagger(setup.registry)
    _Worker.discovery = setup.discovery() if with_discovery else None


def _analyse_file(task: tuple[Path, SourceMeta]) -> FileResult:
    path, meta = task
    warnings = Warnings()
    stages = Stages()
    with stages.stage("read"):
        source = read_source(path, meta, warnings)
    articles = analyse_source(source, _Worker.tagger, warnings, _Worker.discovery, stages) if source else []
    state = _Worker.discovery.take_state() if _Worker.discovery is not None else None
    return FileResult(path.name, source, articles, list(warnings), state, stages.seconds)


_winding_down: list[ProcessPoolExecutor] = []  # pools whose workers are still exiting


def wait_for_workers() -> None:
    """Join the analysis workers still winding down: before this process forks (a fork while
    the pool's own thread runs could copy a lock it holds)."""
    while _winding_down:
        _winding_down.pop().shutdown(wait=True)


def _ready() -> None:
    """A task that only makes the pool start a worker (running its initializer)."""


def _started_pool(workers: int, setup: WorkerSetup, discovery: Discovery | None,
                  cache: AnalysisCache | None) -> ProcessPoolExecutor:
    """A pool of `workers` processes, started now. Forked: a worker starts with what this
    process has loaded (modules, the registry, discovery's data), where a spawned one paid
    for all of it again (a sixth of the analysis at 10,000 articles). Spawned, starting clean,
    once a model session runs in this process: its threads would not survive a fork. The
    caches' connections are closed first (they reopen on their next use): a child must never
    hold a connection its parent opened."""
    for store in (cache, discovery):
        if store is not None:
            store.close()
    context = get_context("spawn" if session_started() else "fork")
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker,
                               initargs=(setup, discovery is not None))
    for _ in range(workers):
        pool.submit(_ready)  # the executor starts a process per task while none is idle
    return pool


def _analyse_file_pickled(task: tuple[Path, SourceMeta]) -> bytes:
    """Pickled once, here: the same bytes cross to the parent and go into its cache as they are."""
    return dumps(_analyse_file(task))


def analyse_files(files: list[Path], metas: dict[str, SourceMeta], setup: WorkerSetup,
                  discovery: Discovery | None, cache: AnalysisCache | None = None, workers: int | None = None,
                  advance: Callable[[int], None] = lambda n: None) -> list[FileResult]:
    """The analysis of every file, in the order given; discovery's findings absorbed in order."""
    workers = workers or len(os.sched_getaffinity(0))
    # In a large digest even one new file goes to a worker: the model's session then never
    # starts in this process, which may fork to render the pages on every core (pages.py). Its
    # workers start while this process looks the files up in the cache.
    large = workers > 1 and len(files) >= LARGE_DIGEST_FILES
    pool = _started_pool(workers, setup, discovery, cache) if large else None
    fresh: list[FileResult] = []
    try:
        results: dict[int, FileResult] = {}
        keys: dict[int, str] = {}
        todo: list[int] = []
        for index, path in enumerate(files):
            if cache is not None:
                keys[index] = cache.key(path.name, path.read_bytes(), metas.get(path.name, SourceMeta()))
                cached = cache.get(keys[index])
                if isinstance(cached, FileResult):
                    results[index] = cached
                    advance(1)
                    continue
            todo.append(index)
        tasks = [(files[i], metas.get(files[i].name, SourceMeta())) for i in todo]
        if tasks and pool is None and workers > 1 and len(tasks) >= POOL_MIN_FILES:
            pool = _started_pool(min(workers, len(tasks)), setup, discovery, cache)
        if tasks and pool is not None:
            for index, pickled in zip(todo, pool.map(_analyse_file_pickled, tasks, chunksize=CHUNK), strict=True):
                fresh.append(pickle.loads(pickled))
                if cache is not None:
                    cache.put(keys[index], pickled)
                advance(1)
        else:
            _Worker.tagger, _Worker.discovery = Tagger(setup.registry), discovery
            for index, task in zip(todo, tasks, strict=True):
                fresh.append(_analyse_file(task))
                if cache is not None:
                    cache.put(keys[index], dumps(fresh[-1]))
                advance(1)
    finally:
        if pool is not None:
            # Every result is in: the workers wind down while the model is assembled here.
            pool.shutdown(wait=False, cancel_futures=True)
            _winding_down.append(pool)
    if cache is not None:
        cache.close()
    if discovery is not None:
        discovery.close()  # its cache's file: the render forks this process
    for index, result in zip(todo, fresh, strict=True):
        results[index] = result
    ordered = [results[i] for i in range(len(files))]
    if discovery is not None:
        for result in ordered:
            if result.discovery is not None:
                discovery.absorb(result.discovery)
    return ordered
