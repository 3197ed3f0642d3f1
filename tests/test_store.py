"""The caches' store: whole entries or none, shared by processes, a damaged file set aside."""

from __future__ import annotations

import multiprocessing

from build_digest.store import DAMAGED_SUFFIX, Store


def test_entries_survive_a_new_connection(tmp_path):
    store = Store(tmp_path / "cache.sqlite")
    store.put("a", b"1")
    store.put("b", b"2", commit_every=100)
    store.close()  # commits the batch
    again = Store(tmp_path / "cache.sqlite")
    assert (again.get("a"), again.get("b"), again.get("c"), len(again)) == (b"1", b"2", None, 2)


def test_uncommitted_entries_of_an_interrupted_build_are_absent_not_torn(tmp_path):
    store = Store(tmp_path / "cache.sqlite")
    store.put("kept", b"1")
    store.put("pending", b"2", commit_every=100)
    reader = Store(tmp_path / "cache.sqlite")
    assert reader.get("kept") == b"1" and reader.get("pending") is None


def test_a_damaged_file_is_set_aside_and_the_store_starts_empty(tmp_path):
    path = tmp_path / "cache.sqlite"
    path.write_bytes(b"this is not a database" * 50)
    store = Store(path)
    assert store.get("a") is None
    store.put("a", b"1")
    assert store.get("a") == b"1"
    assert (tmp_path / ("cache.sqlite" + DAMAGED_SUFFIX)).read_bytes().startswith(b"this is not")


def _write_many(path, prefix):
    store = Store(path)
    for i in range(200):
        store.put(f"{prefix}{i}", prefix.encode() * 100)
    store.close()


def test_two_processes_write_the_same_store(tmp_path):
    path = tmp_path / "cache.sqlite"
    context = multiprocessing.get_context("spawn")
    writers = [context.Process(target=_write_many, args=(path, prefix)) for prefix in ("x", "y")]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join(60)
    assert [w.exitcode for w in writers] == [0, 0]
    store = Store(path)
    assert len(store) == 400 and store.get("y199") == b"y" * 100
