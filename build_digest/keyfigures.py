"""The key figures reported about an entity or a topic: grouped by sentence, and as CSV.

A page shows one row per sentence (a sentence often reports several figures); the CSV beside
the page has one row per figure, with its normalised value, for a spreadsheet.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from build_digest.digest import Digest
from build_digest.figures import by_sentence, sentence_of
from build_digest.model import Article, Entity, Figure, Topic
from build_digest.outputs import Job
from build_digest.pagekeys import PageKeys

CSV_NAME = "figures.csv"
# Sentences whose figures go into a page's CSV, newest first. Without a bound the CSVs of the
# entities named in most articles repeat the same sentences and grew to a quarter of the site
# (66 MB of 280 MB at 2,000 generated articles); every article's own figures stay complete in
# its JSON twin and in digest.json.
CSV_SENTENCES = 50  # newest sentences whose figures a CSV holds, so a busy entity's file stays small
# Shown instead of a sentence the publication does not allow us to republish (excerpt mode).
WITHHELD = "（原文仅摘要转载，此句未收录）"
CSV_COLUMNS = ("value", "unit", "lower_bound", "printed", "sentence", "date", "article", "title")


@dataclass
class FigureSentence:
    """One sentence of one article and the figures it reports."""

    article: Article
    sentence: str  # empty when the publication allows only an excerpt and the sentence is not in it
    figures: list[Figure]


@dataclass
class KeyFigures:
    """The figure sentences a page lists (its newest `limit`), and how many there are in all."""

    rows: list[FigureSentence]
    sentences: int = 0
    figures: int = 0


def entity_figures(entity: Entity, digest: Digest, limit: int | None = None) -> KeyFigures:
    """Figures in sentences that name the entity, newest article first (from the model's index
    of figures by entity: a page need not read every figure of its articles)."""
    naming = digest.figures_naming(entity.id)
    return _grouped(digest.entity_articles(entity.id), lambda article: naming.get(article.id, []), limit)


def topic_figures(topic: Topic, digest: Digest, limit: int | None = None) -> KeyFigures:
    """Figures in sentences that contain one of the topic's keywords, newest article first."""
    about = digest.figures_about(topic.id)
    articles = [digest.articles[a] for a in digest.articles_of_topic.get(topic.id, [])]
    # A figure outside an excerpt has no published sentence to be judged by.
    return _grouped(articles, lambda article: [f for f in about.get(article.id, ()) if f.sentence], limit)


def _grouped(articles: list[Article], kept_of, limit: int | None) -> KeyFigures:
    """Rows are made for the newest `limit` sentences only (an entity named in thousands of
    articles reports thousands); the others are only counted."""
    table = KeyFigures([])
    for article in articles:
        kept = kept_of(article)
        if not kept:
            continue
        table.figures += len(kept)
        if limit is None or len(table.rows) < limit:
            groups = by_sentence(kept)
            table.rows.extend(FigureSentence(article, group[0].sentence, group) for group in groups)
            table.sentences += len(groups)
        else:
            table.sentences += len(set(map(sentence_of, kept)))
    if limit is not None:
        del table.rows[limit:]
    return table


def csv_text(rows: list[FigureSentence], article_url) -> str:
    """One line per figure; UTF-8 with a byte-order mark so spreadsheet programs read the Chinese."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in rows[:CSV_SENTENCES]:
        for figure in row.figures:
            writer.writerow(
                (
                    figure.number,
                    figure.unit,
                    "yes" if figure.approx else "",
                    figure.value,
                    row.sentence,
                    row.article.date or "",
                    article_url(row.article),
                    row.article.title,
                )
            )
    return "\ufeff" + out.getvalue()


def csv_jobs(digest, article_url, keys: PageKeys) -> list[Job]:
    """figures.csv beside every entity and topic page that shows key figures, keyed as the
    page is: it shows a part of what the page shows."""
    jobs: list[Job] = []
    for entity in (e for e in digest.registry.entities.values() if e.paged):
        jobs.append((entity.url + CSV_NAME, lambda e=entity: _csv_bytes(
            entity_figures(e, digest, CSV_SENTENCES).rows, article_url),
            lambda e=entity: keys.entity(e)))
    for topic in digest.registry.topics.values():
        jobs.append((topic.url + CSV_NAME, lambda t=topic: _csv_bytes(
            topic_figures(t, digest, CSV_SENTENCES).rows, article_url),
            lambda t=topic: keys.topic(t)))
    return jobs


def _csv_bytes(rows: list[FigureSentence], article_url) -> bytes | None:
    return csv_text(rows, article_url).encode("utf-8") if rows else None
