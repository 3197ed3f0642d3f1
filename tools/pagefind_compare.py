"""Pagefind's Python API over the same records as the build's own search index, side by side.

Not part of the build: a measurement behind the choice of search index (README, "Search").
Needs Pagefind, which the project does not depend on:

    python3 -m venv /tmp/pagefind && /tmp/pagefind/bin/pip install 'pagefind[extended]'
    PAGEFIND_SITE_PACKAGES=/tmp/pagefind/lib/python3.11/site-packages \\
        .venv/bin/python tools/pagefind_compare.py 10000

For N generated articles (make bench's corpus) it prints, for each index: build time and peak
memory, size and files, and for a few queries typed into a page in headless Chromium (empty
cache) the bytes fetched, the milliseconds to the first ten results, and how many pages were
found against how many hold the query in their text (words inside longer words: 高新 in 高新区).
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
if os.environ.get("PAGEFIND_SITE_PACKAGES"):
    sys.path.append(os.environ["PAGEFIND_SITE_PACKAGES"])

from build_digest import build as pipeline  # noqa: E402
from build_digest.bench import CHROMIUM, CHROMIUM_ARGS, folder_size, measured, scratch_project, served  # noqa: E402
from build_digest.corpus import Corpus  # noqa: E402
from build_digest.registry import load_registry  # noqa: E402
from build_digest.searchindex import SearchIndexWriter, normal  # noqa: E402
from build_digest.searchrecords import search_records  # noqa: E402

BATCH = 200  # records sent to the Pagefind process before waiting for its answers
QUERIES = ("稀土", "高新", "赤峰", "包头稀土高新区", "baotou")
PAGE = """<!doctype html><meta charset="utf-8"><title>pagefind</title>
<script type="module">window.pagefind = await import("./pagefind/pagefind.js"); window.ready = true;</script>"""


def _pagefind(records, output: Path) -> int:
    from pagefind.index import IndexConfig, PagefindIndex

    async def run():
        async with PagefindIndex(config=IndexConfig(output_path=str(output))) as index:
            for start in range(0, len(records), BATCH):
                await asyncio.gather(
                    *(
                        index.add_custom_record(
                            url="/" + record.url,
                            content=f"{record.title}\n{' '.join(record.keys)}\n{record.text}",
                            language="zh",
                            meta={"title": record.title},
                            filters={"kind": [record.kind]},
                        )
                        for record in records[start : start + BATCH]
                    )
                )
            await index.write_files(output_path=str(output))

    asyncio.run(run())
    return len(records)


def _ours(records, output: Path) -> int:
    return SearchIndexWriter(output, output.parent / "state.json").write(records).pages


def _browse_pagefind(site: Path) -> list[tuple[str, int, float, int]]:
    from playwright.sync_api import sync_playwright

    (site / "index.html").write_text(PAGE, encoding="utf-8")
    rows = []
    with served(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for query in QUERIES:
            page = browser.new_context().new_page()  # an empty cache for every query
            fetched = []
            page.on("requestfinished", lambda request, fetched=fetched: fetched.append(request))
            page.goto(url)
            page.wait_for_function("() => window.ready")
            start = time.perf_counter()
            found = page.evaluate(
                """async q => { const r = await window.pagefind.search(q);
                                await Promise.all(r.results.slice(0, 10).map(x => x.data()));
                                return r.results.length; }""",
                query,
            )
            elapsed = (time.perf_counter() - start) * 1000
            size = sum(len(r.response().body()) for r in fetched if "/pagefind/" in r.url and r.response())
            rows.append((query, size, elapsed, found))
            page.context.close()
        browser.close()
    return rows


def main(count: int) -> None:
    paths = pipeline.Paths(Path(__file__).resolve().parents[1])
    with tempfile.TemporaryDirectory(prefix="pagefind-") as folder:
        work = Path(folder)
        scratch_project(paths, work)
        Corpus(paths.articles, load_registry(paths.data)).write(work / "data" / "articles", count)
        result = pipeline.analyse(pipeline.Paths(work))
        records = search_records(result.digest, work / "docs")
        print(f"{count:,} generated articles, {len(records):,} search records")
        for query in QUERIES:
            holding = sum(1 for r in records if query in normal(f"{r.title} {' '.join(r.keys)} {r.text}"))
            print(f"  pages holding {query}: {holding:,}")
        for name, function, output in (
            ("ours", _ours, work / "ours" / "search"),
            ("pagefind", _pagefind, work / "pf" / "pagefind"),
        ):
            output.parent.mkdir(parents=True, exist_ok=True)
            run = measured(function, records, output)
            size, files = folder_size(output)
            print(
                f"{name}: {run.wall:.1f} s, peak RSS {run.peak_rss_mb:,.0f} MB (indexer process "
                f"{run.peak_child_rss_mb:,.0f} MB), {size / 1e6:.1f} MB in {files:,} files"
            )
        for query, size, ms, found in _browse_pagefind(work / "pf"):
            print(f"  pagefind {query}: {size / 1e3:,.0f} KB, {ms:,.0f} ms, {found:,} pages found")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
