"""Article fields stated by the page itself (dates, publication, credits) or by sources.yml.

Dates, most trusted first: the curated date in sources.yml; the page's own publication stamp
(发布时间/来源 lines, an e-paper's masthead or edition stamp, a date with a clock time) found
among the article's non-body lines, before its text first, then after it, else anywhere on
the page; the dateline (本报8月17日讯), given its year by the stamp or the curated date; the
month and day a photo story or a lead opens on. When only a month and day are printed, the
article gets `date_md` ("08-17") and no year is ever invented.
"""

from __future__ import annotations

import datetime as dt
import re

from build_digest import roles
from build_digest.model import Article, Line, Source
from build_digest.textutil import match_form

STAMP_ROLES = ("metadata", "boilerplate", "byline", "label")  # lines that may carry the page's date
# 5月6日, opening the lead (after the dateline) or a photo caption (图①为5月6日,…)
MONTH_DAY = re.compile(r"^(?:图\s*[①-⑳\d一二三四五六七八九十]*\s*为)?\s*(?P<m>\d{1,2})月(?P<d>\d{1,2})日")


def page_facts(source: Source) -> tuple[str | None, str | None]:
    """(page date, publication) from the page's non-body lines (发布时间:… 来源:…)."""
    date = publication = None
    for line in source.content_lines:
        if line.role not in STAMP_ROLES:
            continue
        text = line.match.strip()
        if date is None:
            date = stamp_date(line)
        named = roles.SOURCE_FIELD.search(text) if line.role == "metadata" else None
        if named and publication is None:
            publication = named.group("pub")
    return date, publication


def stamp_date(line: Line) -> str | None:
    """The full date a non-body line states, if any."""
    found = roles.PUBLISHED_AT.search(line.match) or roles.ANY_DATE.search(line.match)
    if found:
        return _iso(int(found.group("y")), int(found.group("m")), int(found.group("d")))
    english = roles.english_date(line.match)
    return _iso(*english) if english else None


def _iso(year: int | None, month: int | None, day: int | None) -> str | None:
    if not (year and month and day):
        return None
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _own_stamp(article: Article, source: Source) -> str | None:
    """The date the article's own non-body lines state, or page fields glued before its first
    sentence. The page's fields (metadata) before any furniture that happens to print a date
    (上一篇: 某某--2019年8月19日); lines above the text before those below it; the nearest to
    the text first."""
    by_number = {line.number: line for line in source.content_lines}
    opening = by_number.get(min(article.body_lines, default=0))
    if opening is not None:
        glued = opening.match_content[: roles.glued_fields_end(opening.match_content)]
        found = roles.PUBLISHED_AT.search(glued) or roles.ANY_DATE.search(glued)
        if found:
            return _iso(int(found.group("y")), int(found.group("m")), int(found.group("d")))
    return next((date for date in map(stamp_date, _own_stamp_lines(article, by_number)) if date), None)


def _own_stamp_lines(article: Article, by_number: dict[int, Line]) -> list[Line]:
    """The article's own non-body lines that may carry its date, most trusted first."""
    first_body = min(article.body_lines, default=0)
    own = [by_number[n] for n in article.furniture_lines if n in by_number and by_number[n].role in STAMP_ROLES]
    own.sort(key=lambda line: (line.role != "metadata", line.number > first_body, abs(line.number - first_body)))
    return own


def _own_month_day(article: Article, source: Source) -> tuple[int, int] | None:
    """The month and day the article's own metadata lines state without a year (发布时间:09-30)."""
    by_number = {line.number: line for line in source.content_lines}
    for line in _own_stamp_lines(article, by_number):
        found = roles.STAMP_MONTH_DAY.search(line.match) if line.role == "metadata" else None
        if found:
            return int(found.group("m")), int(found.group("d"))
    return None


def _month_day(article: Article) -> tuple[int, int] | None:
    """The month and day a lead opens on (after its dateline), or a photo caption gives."""
    if article.paragraphs:
        lead = article.paragraphs[0].match_text
        stated = roles.dateline(lead)
        found = MONTH_DAY.match(lead[stated.end:] if stated else lead)
        if found:
            return int(found.group("m")), int(found.group("d"))
    for caption in article.captions:  # captions are kept as printed: match their simplified form
        found = MONTH_DAY.match(match_form(roles.strip_cell_bars(caption)))
        if found:
            return int(found.group("m")), int(found.group("d"))
    return None


def _set_month_day(article: Article, month: int, day: int, year: int | None) -> None:
    if year:
        article.date = _iso(year, month, day)
    if article.date is None and _iso(2000, month, day):  # a leap year admits 02-29
        article.date_md = f"{month:02d}-{day:02d}"


def apply_metadata(article: Article, source: Source, page_date: str | None, page_publication: str | None) -> None:
    meta = source.meta
    article.url = meta.url
    article.attribution = meta.attribution
    article.home_region = meta.home_region
    article.publication = meta.publication or page_publication
    stamp = meta.date or _own_stamp(article, source) or page_date
    article.date = stamp
    first = article.paragraphs[0].match_text if article.paragraphs else ""
    stated = roles.dateline(first)
    if stated:
        if not stated.org.startswith(("本报", "本刊", "本台", "本网")) and not meta.publication:
            article.publication = article.publication or stated.org.lstrip("【[")
        if stated.credit and not article.byline:
            article.byline = roles.byline_names(stated.credit)
    if not stamp:
        if stated and stated.month and stated.day:
            _set_month_day(article, stated.month, stated.day, stated.year)
        elif (stamped := _own_month_day(article, source)) is not None:
            _set_month_day(article, *stamped, None)
        elif (opening := _month_day(article)) is not None:
            _set_month_day(article, *opening, None)
    if not article.byline and article.paragraphs:
        closing = roles.CLOSING_CREDIT.search(article.paragraphs[-1].match_text)
        if closing:
            article.byline = closing.group("credit")
