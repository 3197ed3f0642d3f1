"""Each article is recognised at most once: results cached by content hash under build/."""

from __future__ import annotations

from build_digest.discovery import cache as cache_module
from build_digest.discovery.cache import STORE_FILE, RecognitionCache
from build_digest.discovery.gazetteer import gazetteer
from build_digest.discovery.recogniser import Token
from build_digest.discovery.rules import Found


class CountingRecogniser:
    """A stand-in model that cuts text into characters and counts its calls."""

    def __init__(self, model_id: str = "counting-1"):
        self.id = model_id
        self.calls = 0

    def tokens(self, text: str) -> list[Token]:
        self.calls += 1
        return [Token(i, i + 1, "n") for i in range(len(text))]


def test_a_second_run_reads_the_cache(tmp_path):
    model = CountingRecogniser()
    first = RecognitionCache(model, tmp_path).tokens(["甲乙", "丙"])
    again = RecognitionCache(model, tmp_path)
    assert again.tokens(["甲乙", "丙"]) == first
    assert model.calls == 2 and again.hits == 1 and again.misses == 0


def test_changed_text_or_model_is_recognised_again(tmp_path):
    model = CountingRecogniser()
    RecognitionCache(model, tmp_path).tokens(["甲乙"])
    RecognitionCache(model, tmp_path).tokens(["甲丙"])  # the article was edited
    assert model.calls == 2
    other = CountingRecogniser("counting-2")  # a new model never reads the old model's output
    RecognitionCache(other, tmp_path).tokens(["甲乙"])
    assert other.calls == 1


def test_a_damaged_store_is_set_aside_and_recomputed(tmp_path):
    model = CountingRecogniser()
    cache = RecognitionCache(model, tmp_path)
    cache.tokens(["甲乙"])
    cache.close()
    (tmp_path / STORE_FILE).write_bytes(b"not a database" * 100)
    assert RecognitionCache(model, tmp_path).tokens(["甲乙"]) == [[Token(0, 1, "n"), Token(1, 2, "n")]]
    assert model.calls == 2
    assert (tmp_path / (STORE_FILE + ".damaged")).is_file()


def test_entries_of_the_first_layout_are_still_read(tmp_path):
    """One JSON file per article under <model id>/: moving to the store never runs the model again."""
    model = CountingRecogniser()
    key = RecognitionCache(model, tmp_path).key(["甲乙"])
    legacy = tmp_path / model.id / key[:2] / f"{key}.json"
    legacy.parent.mkdir(parents=True)
    legacy.write_text('[[[0,2,"ORG"]]]', encoding="utf-8")
    assert RecognitionCache(model, tmp_path).tokens(["甲乙"]) == [[Token(0, 2, "ORG")]]
    legacy.unlink()
    assert RecognitionCache(model, tmp_path).tokens(["甲乙"]) == [[Token(0, 2, "ORG")]]  # now in the store
    assert model.calls == 0


def _names_of(text, tokens):
    return [Found(t.start, t.end, "company", text[t.start:t.end]) for t in tokens if t.tag == "n"]


def test_the_rules_names_are_cached_and_recomputed_from_tokens_when_the_rules_change(tmp_path, monkeypatch):
    model = CountingRecogniser()
    places = gazetteer()
    calls = []

    def find(text, tokens):
        calls.append(text)
        return _names_of(text, tokens)

    first = RecognitionCache(model, tmp_path).names(["甲乙", ""], places, find)
    again = RecognitionCache(model, tmp_path)
    assert again.names(["甲乙", ""], places, find) == first
    assert again.names_hits == 1 and len(calls) == 2 and model.calls == 1
    monkeypatch.setattr(cache_module, "rules_fingerprint", lambda: "rules of tomorrow")
    changed = RecognitionCache(model, tmp_path)
    assert changed.names(["甲乙", ""], places, find) == first
    assert len(calls) == 4 and model.calls == 1  # the rules ran again on the cached tokens


def test_cached_names_keep_their_places(tmp_path):
    model = CountingRecogniser()
    places = gazetteer()
    city = places.by_name["赤峰市"][0]

    def find(text, tokens):
        return [Found(0, 3, "region", "赤峰市", places=(city,), level=city.level)]

    first = RecognitionCache(model, tmp_path).names(["赤峰市"], places, find)
    cached = RecognitionCache(model, tmp_path).names(["赤峰市"], places, find)
    assert cached == first and cached[0][0].places[0] is city
