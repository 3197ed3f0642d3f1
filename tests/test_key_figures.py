"""Key figures: normalised values, one table row per sentence, one CSV row per figure."""

from __future__ import annotations

import csv
import io

import pytest

from build_digest.digest import build_digest
from build_digest.figures import normalise
from build_digest.keyfigures import CSV_COLUMNS, csv_text, entity_figures, topic_figures
from build_digest.problems import Warnings
from build_digest.render.articles import article_url
from build_digest.render.entities import render_entity
from build_digest.render.hubs import render_topic
from tests.helpers import make_registry, source_from_text
from tests.htmltools import hrefs


@pytest.mark.parametrize(
    "printed, expected",
    [
        ("1.9亿元", ("190000000", "CNY", False)),
        ("2,951.4亿元", ("295140000000", "CNY", False)),
        ("1.2万亿元", ("1200000000000", "CNY", False)),
        ("300万美元", ("3000000", "USD", False)),
        ("18%", ("18", "%", False)),
        ("0.5个百分点", ("0.5", "pp", False)),
        ("30余家", ("30", "家", True)),
        ("100多项", ("100", "项", True)),
        ("3.5万吨", ("35000", "t", False)),
        ("120 兆瓦", ("120", "MW", False)),
    ],
)
def test_figures_are_normalised_exactly(printed, expected):
    assert normalise(printed) == expected


SENTENCE = "甲公司今年投资1.9亿元，带动企业30余家，产值增长18%。"


@pytest.fixture
def digest(tmp_path):
    registry = make_registry(
        tmp_path / "reg",
        companies=[{"name": "甲公司"}],
        topics=[{"name": "投资", "keywords": ["投资"]}],
    )
    text = f"发布时间:2023-02-01\n\n甲公司扩产\n\n本报讯 {SENTENCE}另一句没有数据。\n\n甲公司新建产线5条。\n"
    source, _ = source_from_text(tmp_path, text)
    return build_digest([source], registry, Warnings())


def test_entity_page_shows_one_row_per_sentence_with_every_value(digest):
    entity = digest.registry.entities["jia-gong-si"]
    rows = entity_figures(entity, digest).rows
    assert [len(r.figures) for r in rows] == [3, 1]
    page = render_entity(entity, digest)
    table = page[page.index("## 相关数据"):]
    assert table.count("本报讯 甲公司今年投资") == 1
    assert "**1.9亿元** = 190,000,000 CNY" in table and "**30余家** = ≥30 家" in table
    assert "**18%**" in table and "= 18 %" not in table  # already in its normal form: not repeated
    assert 'href="figures.csv"' in table


def test_a_page_makes_rows_for_the_sentences_it_shows_and_counts_them_all(digest):
    entity = digest.registry.entities["jia-gong-si"]
    full = entity_figures(entity, digest)
    shown = entity_figures(entity, digest, limit=1)
    assert (full.sentences, full.figures) == (2, 4) == (shown.sentences, shown.figures)
    assert shown.rows == full.rows[:1]


def test_csv_has_one_row_per_figure(digest):
    entity = digest.registry.entities["jia-gong-si"]
    text = csv_text(entity_figures(entity, digest).rows, article_url)
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text[1:])))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert [(r["value"], r["unit"], r["printed"]) for r in rows] == [
        ("190000000", "CNY", "1.9亿元"),
        ("30", "家", "30余家"),
        ("18", "%", "18%"),
        ("5", "条", "5条"),
    ]
    assert rows[1]["lower_bound"] == "yes" and rows[0]["date"] == "2023-02-01"
    assert rows[0]["sentence"].endswith(SENTENCE) and rows[0]["article"].startswith("articles/2023-02-01-")


def test_topic_figures_come_from_sentences_with_its_keywords(digest):
    topic = digest.registry.topics["tou-zi"]
    rows = topic_figures(topic, digest).rows
    assert len(rows) == 1 and [f.value for f in rows[0].figures] == ["1.9亿元", "30余家", "18%"]
    assert "## 关键数据" in render_topic(topic, digest)


def test_site_writes_a_csv_beside_every_page_with_figures(dated):
    paths, _, data = dated
    pages = [e["url"] for e in data["entities"] if e["has_page"]] + [t["url"] for t in data["topics"]]
    with_table = [u for u in pages if "figures.csv" in hrefs((paths.site / u / "index.html").read_text("utf-8"))]
    assert with_table
    for url in with_table:
        rows = list(csv.DictReader(io.StringIO((paths.site / url / "figures.csv").read_text("utf-8-sig"))))
        assert rows and all(r["value"] and r["printed"] for r in rows)


def test_csv_keeps_the_newest_sentences_only_when_there_are_very_many(digest):
    from build_digest.keyfigures import CSV_SENTENCES, FigureSentence

    article = next(iter(digest.articles.values()))
    rows = [FigureSentence(article, f"第{i}句", article.figures[:1]) for i in range(CSV_SENTENCES + 7)]
    lines = csv_text(rows, article_url).splitlines()
    assert len(lines) == 1 + CSV_SENTENCES and lines[-1].split(",")[4] == f"第{CSV_SENTENCES - 1}句"
