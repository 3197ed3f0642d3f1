"""Article fields stated by the page itself (dates, publication, credits) or by sources.yml."""

from __future__ import annotations

import datetime as dt

from build_digest import roles
from build_digest.model import Article, Source


def page_facts(source: Source) -> tuple[str | None, str | None]:
    """(page date, publication) from metadata lines such as 发布时间:… 来源:…"""
    date = publication = None
    for line in source.content_lines:
        if line.role != "metadata":
            continue
        text = line.match.strip()
        stated = roles.PUBLISHED_AT.search(text) or roles.ANY_DATE.search(text)
        if stated and date is None:
            date = _iso(int(stated.group("y")), int(stated.group("m")), int(stated.group("d")))
        named = roles.SOURCE_FIELD.search(text)
        if named and publication is None:
            publication = named.group("pub")
    return date, publication


def _iso(year: int | None, month: int | None, day: int | None) -> str | None:
    if not (year and month and day):
        return None
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def apply_metadata(article: Article, source: Source, page_date: str | None, page_publication: str | None) -> None:
    meta = source.meta
    curated = dt.date.fromisoformat(meta.date) if meta.date else None
    known = curated or (dt.date.fromisoformat(page_date) if page_date else None)
    article.url = meta.url
    article.attribution = meta.attribution
    article.home_region = meta.home_region
    article.publication = meta.publication or page_publication
    article.date = known.isoformat() if known else None
    first = article.paragraphs[0].match_text if article.paragraphs else ""
    stated = roles.dateline(first)
    if stated:
        if stated.month and stated.day:
            # A dateline gives month and day; the year comes from the page, or stays unknown.
            year = stated.year or (known.year if known else None)
            article.date = _iso(year, stated.month, stated.day)
        elif stated.day and known:
            article.date = _iso(known.year, known.month, stated.day)
        if not stated.org.startswith(("本报", "本刊", "本台", "本网")) and not meta.publication:
            article.publication = article.publication or stated.org.lstrip("【[")
        if stated.credit and not article.byline:
            article.byline = roles.byline_names(stated.credit)
    if not article.byline and article.paragraphs:
        closing = roles.CLOSING_CREDIT.search(article.paragraphs[-1].match_text)
        if closing:
            article.byline = closing.group("credit")
