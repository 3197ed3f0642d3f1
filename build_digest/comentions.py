"""How many of an entity's articles name each other entity, counted with numpy.

An entity named in thousands of articles is named with thousands of others: counting their
names one by one (a Counter over every article's entities) was a tenth of the render's work
at 10,000 articles. Each entity gets a number and each article the array of its entities'
numbers, once per process; an entity's counts are then one `bincount` over its articles'
arrays, and the order in which the others first appear one `minimum.at`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from itertools import chain

import numpy as np

from build_digest.model import Article


class CoMentionCounter:
    def __init__(self, articles: Mapping[str, Article]):
        self._names = list(dict.fromkeys(chain.from_iterable(a.entity_ids for a in articles.values())))
        number = {name: i for i, name in enumerate(self._names)}.__getitem__
        self._arrays = {
            a.id: np.fromiter(map(number, a.entity_ids), dtype=np.int64, count=len(a.entity_ids))
            for a in articles.values()
        }

    def counts(self, article_ids: Iterable[str], leaving_out: str | None = None) -> Counter:
        """How many of these articles name each entity (but `leaving_out`), in the order the
        entities first appear (the articles in the order given, each one's entities in its own
        order), as a Counter over their names would count them."""
        arrays = [self._arrays[a] for a in article_ids]
        if not arrays:
            return Counter()
        joined = np.concatenate(arrays)
        counts = np.bincount(joined, minlength=len(self._names))
        first = np.full(len(self._names), len(joined), dtype=np.int64)
        np.minimum.at(first, joined, np.arange(len(joined), dtype=np.int64))
        present = np.flatnonzero(counts)
        order = present[np.argsort(first[present])]  # first positions are distinct: no ties
        names = self._names
        together = Counter(dict(zip([names[i] for i in order.tolist()], counts[order].tolist(), strict=True)))
        together.pop(leaving_out, None)
        return together
