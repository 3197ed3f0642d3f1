"""The key-figures table of entity and topic pages: one row per sentence, newest first."""

from __future__ import annotations

from build_digest.keyfigures import CSV_NAME, CSV_SENTENCES, WITHHELD, KeyFigures
from build_digest.render.articles import article_url
from build_digest.render.markup import NOT_SEARCHED, date_label, figure_value, link, page_path, text

# Newest sentences shown on the page; the CSV beside it has every figure. Keeps the pages of
# entities named in thousands of articles small.
SHOWN_SENTENCES = 20


def figures_block(table: KeyFigures, here: str, heading: str = "关键数据") -> str:
    """`table`: the page's figures with (at least) its SHOWN_SENTENCES newest rows."""
    if not table.rows:
        return ""
    download = f'<a href="{CSV_NAME}" download type="text/csv">CSV</a>'
    out = [
        f"## {heading}{NOT_SEARCHED}\n\n",
        f"{table.sentences} 句报道中的 {table.figures} 个数据"
        + (f"，下表列出最新的 {SHOWN_SENTENCES} 句" if table.sentences > SHOWN_SENTENCES else "")
        + (
            f"；最新 {CSV_SENTENCES} 句中的数据，每个数据一行：{download}"
            if table.sentences > CSV_SENTENCES
            else f"；每个数据一行的完整表格：{download}"
        )
        + "。\n{ .digest-meta }\n\n",
        "| 报道 | 原文 | 数据 |\n| --- | --- | --- |\n",
    ]
    for row in table.rows[:SHOWN_SENTENCES]:
        article = row.article
        when = link(date_label(article.date, article.date_md), here, page_path(article_url(article)))
        values = "<br>".join(figure_value(f) for f in row.figures)
        out.append(f"| {when} | {text(row.sentence) or WITHHELD} | {values} |\n")
    return "".join(out) + "\n"


def csv_href(url: str) -> str:
    """Where a page's CSV is written, relative to the site root."""
    return url + CSV_NAME

