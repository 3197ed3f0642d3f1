"""The same article arriving twice becomes one article that records every source.

Copies are found in two passes, both linear in the total text:

1. identical copies share an id (date + title + hash of the body);
2. near-copies (a few characters changed, a different title or date) share most character
   shingles of their bodies. Each body is reduced to a bottom-k sketch (the k smallest
   hashes of its shingles); an inverted index from sketch hash to article finds the few
   candidates worth comparing, and the exact Jaccard similarity of the shingle sets decides.

Input order is file order and the first article of each group is kept, so the result is
deterministic.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from itertools import chain

import numpy as np

from build_digest.model import Article
from build_digest.textutil import match_form

SHINGLE = 3  # characters per shingle
CODE_POINT_BITS = 21  # a Unicode code point fits in 21 bits: three of them in one 64-bit integer
SKETCH = 64  # hashes kept per body (bottom-k)
MIN_SHINGLES = 20  # shorter bodies merge only when identical
CANDIDATE_SHARED = 8  # sketch hashes two bodies must share before they are compared
NEAR = 0.75  # Jaccard similarity of shingle sets that makes two bodies one article
COMMON = 64  # a sketch hash found in more bodies than this is a common phrase, not evidence
ESTIMATE_FLOOR = 0.6  # sketch-estimated similarity below this is not worth an exact check
MAX_ESTIMATED = 16  # candidates whose sketches are compared, per article
MAX_EXACT = 4  # exact comparisons per article, so templated text cannot make this quadratic

_NOISE = re.compile(r"[\s\u3000]+")


def merge_duplicates(articles: list[Article]) -> list[Article]:
    """Keep the first of each group of copies (input order), recording the others in also_in."""
    kept: list[Article] = []
    by_body: dict[str, Article] = {}  # identical copies: same normalised body
    index: dict[int, list[int]] = {}  # sketch hash -> positions in `kept`
    for article in articles:
        if not article.body_key:
            fingerprint(article)
        first = by_body.get(article.body_key)
        if first is None:
            first = _near_copy(article, index, kept) if article.sketch else None
            if first is None:
                position = len(kept)
                kept.append(article)
                by_body[article.body_key] = article
                for value in article.sketch:
                    postings = index.setdefault(value, [])
                    if len(postings) <= COMMON:
                        postings.append(position)
                continue
        _record(first, article)
    return kept


def fingerprint(article: Article) -> None:
    """Set the article's body key (identity of its text, whatever its script, punctuation width
    or spacing) and sketch. Done with each file's analysis (on every core, and
    cached), so merging a large digest only compares sketches."""
    normal = _normal_body(article)
    article.body_key = hashlib.sha1(normal.encode("utf-8")).hexdigest()
    shingles = _shingle_hashes(normal)
    article.sketch = shingles[:SKETCH].tolist() if len(shingles) >= MIN_SHINGLES else []


def _record(first: Article, copy: Article) -> None:
    first.also_in.append({"file": copy.source, "lines": copy.body_lines})
    first.also_in.extend(copy.also_in)


def _near_copy(article: Article, index: dict[int, list[int]], kept: list[Article]) -> Article | None:
    sketch = article.sketch
    # Counted in one call over every posting list a sketch hash finds (common phrases left out).
    shared = Counter(chain.from_iterable(p for p in map(index.get, sketch) if p and len(p) <= COMMON))
    # Only the articles sharing most sketch hashes are estimated (ties to the earlier one).
    enough = [(-count, position) for position, count in shared.items() if count >= CANDIDATE_SHARED]
    candidates = [position for _, position in sorted(enough)[:MAX_ESTIMATED]]
    first = set(sketch)
    ranked = sorted(((estimate(first, kept[p].sketch), p) for p in candidates), key=lambda item: (-item[0], item[1]))
    shingles = None
    for similarity, position in ranked[:MAX_EXACT]:
        if similarity < ESTIMATE_FLOOR:
            break
        # Shingles are recomputed for the rare candidate rather than kept for every article.
        shingles = shingles or _shingles(article)
        if jaccard(shingles, _shingles(kept[position])) >= NEAR:
            return kept[position]
    return None


def estimate(first: set[int], other: list[int]) -> float:
    """Bottom-k estimate of the Jaccard similarity of two shingle sets from their sketches, or
    0.0 when it is surely below ESTIMATE_FLOOR (no candidate below it is looked at again)."""
    both = first.intersection(other)
    # The estimate is the share of the union's k smallest hashes found in both: at most
    # |both| / min(k, |union|). Most candidates share a few phrases and stop here, before the
    # union is sorted.
    union_size = len(first) + len(other) - len(both)
    if not both or len(both) < ESTIMATE_FLOOR * min(SKETCH, union_size):
        return 0.0
    union = sorted(first.union(other))[:SKETCH]
    return sum(map(both.__contains__, union)) / len(union)


def _normal_body(article: Article) -> str:
    """The body as bodies are compared: script- and width-independently (the match forms its
    paragraphs hold), ignoring whitespace."""
    return _NOISE.sub("", "\n".join(p.match_text or match_form(p.text) for p in article.paragraphs))


def _shingles(article: Article) -> set[int]:
    return set(_shingle_hashes(_normal_body(article)).tolist())


def _shingle_hashes(normal: str) -> np.ndarray:
    """The distinct hashes of every run of SHINGLE characters, ascending (so a sketch is their
    first SKETCH). Three code points (21 bits each) pack into one 64-bit integer exactly, and
    a bijective mix spreads them, so distinct shingles never share a hash; all of it in numpy."""
    points = np.frombuffer(normal.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    if len(points) < SHINGLE:
        return np.empty(0, dtype=np.uint64)
    count = len(points) - SHINGLE + 1
    packed = np.zeros(count, dtype=np.uint64)
    for offset in range(SHINGLE):
        packed = (packed << np.uint64(CODE_POINT_BITS)) | points[offset:offset + count]
    hashes = np.sort(_mix(packed))
    return hashes[np.concatenate(([True], hashes[1:] != hashes[:-1]))]  # np.unique, without its overhead


def _mix(values: np.ndarray) -> np.ndarray:
    """MurmurHash3's 64-bit finaliser: a bijection whose low and high bits are all well mixed
    (a bottom-k sketch needs hashes spread evenly)."""
    values = values ^ (values >> np.uint64(33))
    values = values * np.uint64(0xFF51AFD7ED558CCD)
    values = values ^ (values >> np.uint64(33))
    values = values * np.uint64(0xC4CEB9FE1A85EC53)
    return values ^ (values >> np.uint64(33))


def jaccard(a: set[int], b: set[int]) -> float:
    if not a and not b:
        return 1.0
    common = len(a & b)
    return common / (len(a) + len(b) - common)
