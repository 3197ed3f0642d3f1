"""The same article arriving twice becomes one article that records every source."""

from __future__ import annotations

from build_digest.model import Article


def merge_duplicates(articles: list[Article]) -> list[Article]:
    """Keep the first of each group of copies (input order), recording the others in also_in."""
    kept: dict[str, Article] = {}
    for article in articles:
        first = kept.get(article.id)
        if first is None:
            kept[article.id] = article
        else:
            first.also_in.append({"file": article.source, "lines": article.body_lines})
    return list(kept.values())
