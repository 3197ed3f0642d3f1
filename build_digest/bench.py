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
from build_digest.model import SourceMeta
from build_digest.pages import write_pages
from build_digest.problems import Warnings
from build_digest.reader import read_source
from build_digest.registry import load_registry

SENTENCES = [
    "近日,{a}与{b}签署合作协议,研发投入达{n}亿元。",
    "{a}表示,将加快推进科技成果转化,已建成{n}家研发平台。",
    "截至去年末,{a}认定高新技术企业{n}家,同比增长{p}%。",
    "{b}负责人介绍,{a}的新项目年产能约{n}吨。",
]


def _article(rng: random.Random, names: list[str], index: int) -> str:
    title = f"{rng.choice(names)}推进科技创新第{index}号报道"
    paragraphs = [
        f"本报{rng.randint(1, 12)}月{rng.randint(1, 28)}日讯 "
        + "".join(
            rng.choice(SENTENCES).format(
                a=rng.choice(names), b=rng.choice(names), n=rng.randint(2, 900), p=rng.randint(1, 60)
            )
            for _ in range(4)
        )
        for _ in range(6)
    ]
    return f"{title}\n\n本报记者 张三\n\n" + "\n\n".join(paragraphs) + "\n"


def run_bench(paths: pipeline.Paths, count: int) -> int:
    registry = load_registry(paths.data)
    names = sorted({e.name for e in registry.entities.values()})
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
        pages = write_pages(digest, work / "docs")
        t3 = time.perf_counter()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"bench: {count} generated articles, {size / 1e6:.1f} MB of text, {len(registry.entities)} registry entities")
    print(f"  read            {t1 - t0:7.2f} s")
    print(f"  segment+tag     {t2 - t1:7.2f} s  ({count / max(t2 - t1, 1e-9):.0f} articles/s)")
    print(f"  render {pages} pages {t3 - t2:7.2f} s")
    print(f"  total (no mkdocs) {t3 - t0:5.2f} s · peak memory {peak:.0f} MB")
    print("  mkdocs build time is not included; measure it with `time make build`.")
    return 0
