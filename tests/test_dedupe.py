"""Copies of an article become one: identical bodies, and near-copies by their shingles."""

from __future__ import annotations

import random

from build_digest.dedupe import ESTIMATE_FLOOR, SKETCH, _normal_body, _shingle_hashes, estimate, merge_duplicates
from build_digest.model import Article, Paragraph

CHARACTERS = "".join(chr(code) for code in range(0x4E00, 0x4E00 + 500))  # 500 Han characters


def _article(text: str, source: str) -> Article:
    return Article(source=source, title="标题", paragraphs=[Paragraph(text=text, lines=[1], match_text=text)])


def _text(seed: int, length: int = 600) -> str:
    rng = random.Random(seed)
    return "".join(rng.choice(CHARACTERS) for _ in range(length))


def test_a_copy_with_a_few_characters_changed_is_merged_into_the_first():
    original = _text(1)
    edited = original[:100] + "改" + original[101:300] + "动" + original[301:]
    kept = merge_duplicates([_article(original, "a.txt"), _article(_text(2), "b.txt"), _article(edited, "c.txt")])
    assert [a.source for a in kept] == ["a.txt", "b.txt"]
    assert [copy["file"] for copy in kept[0].also_in] == ["c.txt"]


def test_articles_that_share_a_template_but_not_their_text_stay_apart():
    frame = "本报讯 记者从有关部门获悉，"
    articles = [_article(frame + _text(seed), f"{seed}.txt") for seed in range(20)]
    assert len(merge_duplicates(articles)) == 20


def test_distinct_shingles_never_share_a_hash_and_the_sketch_is_the_smallest():
    text = _normal_body(_article(_text(3, 5000), "x.txt"))  # the form bodies are compared in
    hashes = _shingle_hashes(text)
    shingles = {text[i:i + 3] for i in range(len(text) - 2)}
    assert len(hashes) == len(shingles)
    assert list(hashes) == sorted(hashes)
    article = _article(text, "x.txt")
    merge_duplicates([article])
    assert article.sketch == [int(h) for h in hashes[:SKETCH]]
    assert _shingle_hashes("太短").size == 0


def _bottom_k(a: list[int], b: list[int]) -> float:
    union = sorted(set(a) | set(b))[:SKETCH]
    return sum(1 for value in union if value in a and value in b) / len(union)


def test_the_sketch_estimate_is_exact_wherever_it_can_decide_a_merge():
    """Below ESTIMATE_FLOOR a candidate is never compared, so the estimate may stop early
    there; at or above it, it is the bottom-k estimate itself."""
    rng = random.Random(7)
    seen_above = seen_below = 0
    for _ in range(3000):
        pool = rng.sample(range(10_000), rng.randint(30, 200))
        a = sorted(rng.sample(pool, min(len(pool), rng.randint(20, SKETCH))))
        b = sorted(rng.sample(pool, min(len(pool), rng.randint(20, SKETCH))))
        expected = _bottom_k(a, b)
        if expected >= ESTIMATE_FLOOR:
            seen_above += 1
            assert estimate(set(a), b) == expected
        else:
            seen_below += 1
            assert estimate(set(a), b) < ESTIMATE_FLOOR
    assert seen_above > 50 and seen_below > 50
