"""Key figures an article reports: amounts, percentages and counts, each with its sentence."""

from __future__ import annotations

import re

from build_digest.model import Article, Figure

NUMBER = r"\d+(?:,\d{3})*(?:\.\d+)?"
FIGURE = re.compile(
    rf"(?P<amount>{NUMBER}\s*(?:多|余)?\s*(?:万亿|亿|万|千)?\s*(?:元|美元))"
    rf"|(?P<percent>{NUMBER}\s*(?:%|个百分点))"
    rf"|(?P<count>{NUMBER}\s*(?:多|余)?\s*(?:万|亿)?\s*(?:家|项|个|名|人次|人|件|条|吨|亩|所|座|台|批|户|千瓦|兆瓦|吨/年))"
)
SENTENCE = re.compile(r"[^。!?;]+[。!?;]?")
# Years and dates look like counts of nothing: 2022年 is not a figure.
NOT_A_FIGURE = re.compile(r"^\d{4}$")


def extract_figures(article: Article) -> list[Figure]:
    figures: list[Figure] = []
    seen: set[tuple[str, str]] = set()
    for index, paragraph in enumerate(article.paragraphs):
        if paragraph.kind != "p":
            continue
        for sentence_match in SENTENCE.finditer(paragraph.match_text):
            a, b = sentence_match.span()
            sentence = paragraph.text[a:b].strip()
            ids = [m.entity_id for m in article.mentions if m.paragraph == index and a <= m.start < b]
            for found in FIGURE.finditer(paragraph.match_text[a:b]):
                value = paragraph.text[a + found.start() : a + found.end()].strip()
                if NOT_A_FIGURE.match(value) or (value, sentence) in seen:
                    continue
                seen.add((value, sentence))
                figures.append(
                    Figure(
                        value=value,
                        kind=found.lastgroup,
                        sentence=sentence,
                        paragraph=index,
                        entity_ids=list(dict.fromkeys(ids)),
                    )
                )
    return figures
