"""Related articles: for each article, the few others that share most of its entities.

Counting shared entities article by article in Python grows with the postings of every entity
an article names (hundreds of articles for a popular city at 10,000), so the counts are taken
with numpy: an article's candidates are the postings of its entities, concatenated, and one
`bincount` gives how many entities each shares with it.
"""

from __future__ import annotations

import numpy as np

from build_digest.model import Article

RELATED_LIMIT = 5
COMMON_ENTITY = 1000  # entities in more articles than this are left out of relatedness


def relate(articles: list[Article], articles_of_entity: dict[str, list[str]]) -> None:
    """Set `article.related`: up to RELATED_LIMIT (article id, shared entities), most shared
    first, among equals the greater id (ids start with the date: the newer article)."""
    ids = sorted(article.id for article in articles)
    rank = {article_id: position for position, article_id in enumerate(ids)}
    postings = {
        entity_id: np.fromiter((rank[a] for a in found), dtype=np.int64, count=len(found))
        for entity_id, found in articles_of_entity.items() if len(found) <= COMMON_ENTITY
    }
    total = len(ids)
    for article in articles:
        lists = [postings[e] for e in article.entity_ids if e in postings]
        if not lists:
            article.related = []
            continue
        shared = np.bincount(np.concatenate(lists), minlength=total)
        shared[rank[article.id]] = 0
        candidates = np.flatnonzero(shared)
        # One score orders by shared count, then by id: both fit in an int64.
        score = shared[candidates] * total + candidates
        if len(score) > RELATED_LIMIT:
            keep = np.argpartition(score, len(score) - RELATED_LIMIT)[-RELATED_LIMIT:]
            score = score[keep]
        best = np.sort(score)[::-1]
        article.related = [(ids[int(s % total)], int(s // total)) for s in best]
