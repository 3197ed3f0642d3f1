"""Discovery's figures for `make bench`: recognition throughput, cold and warm.

Cold: every article recognised by the model (an empty cache). Warm: the same articles again,
read from the cache, which is what a rebuild pays for articles it has seen. Also the
registry's validation time at 10,000 entities (the issue's bound: at most 1 s).
"""

from __future__ import annotations

import random
import tempfile
import time
from pathlib import Path

import yaml

from build_digest import slugs
from build_digest.discovery.cache import RecognitionCache
from build_digest.discovery.forms import ORG_FORMS
from build_digest.discovery.gazetteer import gazetteer
from build_digest.discovery.recogniser import load_recogniser
from build_digest.registry import load_registry

REGISTRY_SIZE = 10_000


def discovery_figures(texts: list[str]) -> list[str]:
    """Printable lines: `texts` are whole articles (title and paragraphs joined)."""
    lines = []
    model, problem = load_recogniser("lac")
    if model is None:
        lines.append(f"  recognition     not measured: the recogniser could not be loaded ({problem})")
    else:
        characters = sum(len(t) for t in texts)
        with tempfile.TemporaryDirectory(prefix="bench-recognition-") as folder:
            t0 = time.perf_counter()
            cold = RecognitionCache(model, Path(folder))
            for text in texts:
                cold.tokens([text])
            t1 = time.perf_counter()
            warm = RecognitionCache(model, Path(folder))
            for text in texts:
                warm.tokens([text])
            t2 = time.perf_counter()
        lines.append(f"  recognition cold {t1 - t0:6.2f} s  ({characters / max(t1 - t0, 1e-9):,.0f} chars/s, "
                     f"{len(texts) / max(t1 - t0, 1e-9):.0f} articles/s, {model.id})")
        lines.append(f"  recognition warm {t2 - t1:6.2f} s  ({len(texts) / max(t2 - t1, 1e-9):,.0f} articles/s "
                     f"from the cache, {warm.hits} hits)")
    wall, cpu = _registry_seconds()
    lines.append(f"  registry check  {wall:6.2f} s at {REGISTRY_SIZE:,} entities ({cpu:.2f} s of CPU; "
                 "distinct names, slugs computed from nothing)")
    return lines


def _registry_seconds() -> tuple[float, float]:
    """Loading and checking a registry of REGISTRY_SIZE distinct organisations, as a first
    build pays it: names that vary like real ones (a place, a random two-to-four character
    body from the characters place names use, a head) and the pinyin caches emptied first, so
    nothing is computed in advance."""
    rng = random.Random(11)
    places = sorted(p.name for p in gazetteer().places.values() if p.level in ("province", "prefecture", "county"))
    characters = sorted({c for name in gazetteer().by_name for c in name})
    companies, seen = [], set()
    while len(companies) < REGISTRY_SIZE:
        body = "".join(rng.choice(characters) for _ in range(rng.randint(2, 4)))
        name = rng.choice(places) + body + rng.choice(ORG_FORMS)
        if name not in seen and body not in seen:
            seen.update((name, body))
            companies.append({"name": name, "aliases": [body]})
    with tempfile.TemporaryDirectory(prefix="bench-registry-") as folder:
        data = Path(folder)
        (data / "registry").mkdir()
        (data / "registry" / "companies.yml").write_text(yaml.safe_dump(companies, allow_unicode=True),
                                                          encoding="utf-8")
        slugs.clear_caches()
        t0, c0 = time.perf_counter(), time.process_time()
        load_registry(data)
        # Wall time as a user waits; CPU time too, since other work on a shared machine
        # stretches the wall figure.
        return time.perf_counter() - t0, time.process_time() - c0
