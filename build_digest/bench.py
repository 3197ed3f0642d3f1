"""`make bench`: time the build stages on generated articles and print the figures.

Articles are generated from the registry's own names so tagging does real work; the
figures go to stdout (never asserted in tests: speed belongs here, not in unit tests).
"""

from __future__ import annotations

import random
import resource
import shutil
import tempfile
import time
from pathlib import Path

from build_digest import build as pipeline
from build_digest.digest import build_digest
from build_digest.discovery.bench import discovery_figures
from build_digest.model import SourceMeta
from build_digest.pages import write_pages
from build_digest.problems import Warnings
from build_digest.reader import read_source
from build_digest.registry import load_registry
from build_digest.sitesize import format_shares, size_shares

SENTENCES = [
    "近日,{a}与{b}签署合作协议,研发投入达{n}亿元。",
    "{a}表示,将加快推进科技成果转化,已建成{n}家研发平台。",
    "截至去年末,{a}认定高新技术企业{n}家,同比增长{p}%。",
    "{b}负责人介绍,{a}的新项目年产能约{n}吨。",
]


def _article(rng: random.Random, names: list[str], index: int) -> str:
    """One brief naming a few entities, popular ones far more often (a Zipf-like draw), as in news."""
    cast = list(dict.fromkeys(names[min(int(rng.paretovariate(1.2)) - 1, len(names) - 1)] for _ in range(5)))
    title = f"{cast[0]}推进科技创新第{index}号报道"
    paragraphs = [
        f"本报{rng.randint(1, 12)}月{rng.randint(1, 28)}日讯 "
        + "".join(
            rng.choice(SENTENCES).format(
                a=rng.choice(cast), b=rng.choice(cast), n=rng.randint(2, 900), p=rng.randint(1, 60)
            )
            + f"第{index}-{k}段。"
            for k in range(4)
        )
        for _ in range(6)
    ]
    return f"{title}\n\n本报记者 张三\n\n" + "\n\n".join(paragraphs) + "\n"


def _popularity_order(registry) -> list[str]:
    """Registry names in a fixed shuffled order: the first ones become the popular ones."""
    names = sorted({e.name for e in registry.entities.values()})
    random.Random(3).shuffle(names)
    return names


def run_bench(paths: pipeline.Paths, count: int, with_mkdocs: bool = False) -> int:
    registry = load_registry(paths.data)
    names = _popularity_order(registry)
    rng = random.Random(7)
    work = Path(tempfile.mkdtemp(prefix="bench-"))
    try:
        folder = work / "articles"
        folder.mkdir()
        for i in range(count):
            (folder / f"bench_{i:05d}.txt").write_text(_article(rng, names, i), encoding="utf-8")
        size = sum(p.stat().st_size for p in folder.iterdir())
        warnings = Warnings()
        t0 = time.perf_counter()
        sources = [read_source(p, SourceMeta(), warnings) for p in sorted(folder.iterdir())]
        t1 = time.perf_counter()
        digest = build_digest(sources, registry, warnings)
        t2 = time.perf_counter()
        pages = write_pages(digest, work / "docs").total
        t3 = time.perf_counter()
        texts = [a.title + "\n" + a.body_text for a in digest.articles.values()]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"bench: {count} generated articles, {size / 1e6:.1f} MB of text, {len(registry.entities)} registry entities")
    print(f"  read            {t1 - t0:7.2f} s")
    print(f"  segment+tag     {t2 - t1:7.2f} s  ({count / max(t2 - t1, 1e-9):.0f} articles/s)")
    print(f"  render {pages} pages {t3 - t2:7.2f} s")
    print(f"  total (no mkdocs) {t3 - t0:5.2f} s · peak memory {peak:.0f} MB")
    print("\n".join(discovery_figures(texts)))
    if with_mkdocs:
        _bench_full_build(paths, count)
    else:
        print("  mkdocs not included (add --with-mkdocs for a whole build of the generated articles)")
    return 0


def _bench_full_build(paths: pipeline.Paths, count: int) -> None:
    """The whole build (pages, mkdocs, export) of a project copy holding the generated articles."""
    work = Path(tempfile.mkdtemp(prefix="bench-site-"))
    try:
        for name in ("mkdocs.yml", "overrides"):
            source = paths.root / name
            (shutil.copytree if source.is_dir() else shutil.copy2)(source, work / name)
        (work / "docs").mkdir()
        shutil.copy2(paths.docs / "about.md", work / "docs" / "about.md")
        shutil.copytree(paths.docs / "assets", work / "docs" / "assets")
        shutil.copytree(paths.data / "registry", work / "data" / "registry")
        articles = work / "data" / "articles"
        articles.mkdir()
        rng = random.Random(7)
        names = _popularity_order(load_registry(paths.data))
        for i in range(count):
            (articles / f"bench_{i:05d}.txt").write_text(_article(rng, names, i), encoding="utf-8")
        start = time.perf_counter()
        result = pipeline.build(pipeline.Paths(work))
        elapsed = time.perf_counter() - start
        site = work / "site"
        size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
        index = (site / "search" / "search_index.json").stat().st_size
        print(f"  whole build     {elapsed:7.2f} s  ({len(result.digest.articles)} articles, "
              f"site {size / 1e6:.0f} MB, search index {index / 1e6:.1f} MB)")
        print(f"  site by kind    {format_shares(size_shares(site))}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
