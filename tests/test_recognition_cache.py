"""Each article is recognised at most once: results cached by content hash under build/."""

from __future__ import annotations

from build_digest.discovery.cache import RecognitionCache
from build_digest.discovery.recogniser import Token


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


def test_a_damaged_entry_is_recomputed(tmp_path):
    model = CountingRecogniser()
    cache = RecognitionCache(model, tmp_path)
    cache.tokens(["甲乙"])
    entry = next((tmp_path / model.id).rglob("*.json"))
    entry.write_text("{not json", encoding="utf-8")
    assert RecognitionCache(model, tmp_path).tokens(["甲乙"]) == [[Token(0, 1, "n"), Token(1, 2, "n")]]
    assert model.calls == 2
