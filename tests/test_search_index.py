"""The search index readers download: what it holds, and updates that equal a rebuild.

How it answers queries typed into the search box is tested in the browser
(tests/browser/test_search.py); here, the files the build writes.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from array import array

import pytest
from hypothesis import given
from hypothesis import strategies as st

from build_digest import searchindex
from build_digest.searchindex import (
    SearchIndexWriter,
    SearchRecord,
    decode_postings,
    encode_postings,
    record_terms,
    shard_files,
    shard_of,
)
from build_digest.searchrecords import search_records


def tree(folder) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def write(records, folder):
    return SearchIndexWriter(folder / "index", folder / "state.json").write(records)


def test_terms_are_character_pairs_latin_words_and_keys():
    record = SearchRecord(
        "regions/x/", "青禾稀土", "地区", (2, "", "regions/x/"), ("青禾市", "“青禾”", "qinghe"),
        "高新区试点 5G 基站", boost=10,
    )
    terms = record_terms(record)
    for pair in ("青禾", "禾稀", "稀土", "高新", "新区", "基站"):
        assert pair in terms
    assert "5g" in terms and "g" not in terms  # Latin words whole, lowercase
    assert terms["=青禾市"] == terms["=青禾"] == terms["=qinghe"] == 10  # keys without quotes, with the boost
    assert terms["稀土"] > terms["高新"]  # the title weighs more than the text
    assert shard_of("稀土") == shard_of("稀") == "u7a00" and shard_of("qinghe") == "a-qi"


@given(st.dictionaries(st.integers(0, 2_000_000), st.integers(0, 5_000), max_size=50))
def test_postings_read_back_as_written(pairs):
    postings = array("I", [value for number in sorted(pairs) for value in (number, pairs[number])])
    text = encode_postings(postings)
    assert decode_postings(text) == postings
    assert all(char.isascii() and char not in '"\\' for char in text)  # no escaping in JSON


def test_the_site_searches_the_build_index(built):
    paths, _, data = built
    index = paths.site / "search"
    fragments = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((index / "d").glob("*.json"))]
    urls = {f["u"] for f in fragments}
    assert {a["url"] for a in data["articles"]} <= urls
    assert {e["url"] for e in data["entities"] if e["has_page"]} <= urls
    assert "about/" in urls and "" in urls  # hand-written pages and the home page
    assert not any(u.startswith("sources/") for u in urls)  # their text is the articles' text
    # Every term file the manifest announces exists, and Material's own index is left empty.
    manifest = json.loads((index / "manifest.json").read_text(encoding="utf-8"))
    assert all((index / "t" / f"a-{prefix}.json").exists() for prefix in manifest["latin"])
    assert json.loads((index / "search_index.json").read_text(encoding="utf-8"))["docs"] == []


def records_of(built):
    """Every page's record in index order: hubs, topics, entities, then articles oldest first."""
    paths, result, _ = built
    return sorted(search_records(result.digest, paths.docs), key=lambda r: r.order)


@pytest.mark.parametrize("shard_bytes", [searchindex.SHARD_BYTES, 1_000])  # large shards split in parts
def test_a_new_article_updates_the_index_like_a_full_rebuild(built, tmp_path, monkeypatch, shard_bytes):
    monkeypatch.setattr(searchindex, "SHARD_BYTES", shard_bytes)
    records = records_of(built)
    full = write(records, tmp_path / "full")
    assert not full.incremental

    step = tmp_path / "step"
    write(records[:-1], step)  # the newest article is numbered last
    added = write(records, step)
    # Only the new article's result file, the term files its terms fall in, and the manifest.
    touched = {shard_of(term.lstrip("=")) for term in record_terms(records[-1])}
    parts = json.loads((step / "index" / "manifest.json").read_text(encoding="utf-8"))["split"]
    files = sum(len(shard_files(name, parts.get(name, 0))) for name in touched)
    assert added.incremental and added.files_written <= 1 + files + 2 < full.files_written
    assert tree(step / "index") == tree(tmp_path / "full" / "index")

    changed = dataclasses.replace(records[-2], text="改写后的正文提到青禾市。", match_text="")
    assert write([*records[:-2], changed, records[-1]], step).incremental
    assert tree(step / "index") != tree(tmp_path / "full" / "index")
    assert write(records, step).incremental
    assert tree(step / "index") == tree(tmp_path / "full" / "index")

    unchanged = write(records, step)
    assert unchanged.incremental and unchanged.files_written == 0


def test_a_split_shard_keeps_every_term_where_a_query_looks(built, tmp_path, monkeypatch):
    monkeypatch.setattr(searchindex, "SHARD_BYTES", 1_000)
    records = records_of(built)
    write(records, tmp_path)
    index = tmp_path / "index"
    split = json.loads((index / "manifest.json").read_text(encoding="utf-8"))["split"]
    assert split, "nothing was split: the test needs a smaller SHARD_BYTES"
    for name, parts in split.items():
        prefix = 1 if name.startswith("u") else 2
        keys = json.loads((index / "t" / f"{name}-k.json").read_text(encoding="utf-8"))
        for part in range(parts):
            terms = json.loads((index / "t" / f"{name}-{part}.json").read_text(encoding="utf-8"))
            for term in terms:
                bare = term.lstrip("=")
                # The part the browser picks from the character after the prefix (search-worker.js).
                assert (ord(bare[prefix]) % parts if len(bare) > prefix else 0) == part
                assert not term.startswith("=") or terms[term] == keys[term]
        assert not (index / "t" / f"{name}.json").exists()


def test_removing_a_page_rebuilds_the_index(built, tmp_path):
    records = records_of(built)
    write(records, tmp_path / "step")
    fewer = records[:3] + records[4:]
    again = write(fewer, tmp_path / "step")
    assert not again.incremental
    write(fewer, tmp_path / "fresh")
    assert tree(tmp_path / "step" / "index") == tree(tmp_path / "fresh" / "index")
