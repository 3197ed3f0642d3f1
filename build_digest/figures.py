"""Key figures an article reports: amounts, percentages and counts, each with its sentence.

Each figure keeps the form printed in the text (1.9亿元) and a normalised value beside it
(190000000, unit CNY), so tables can show both and the CSV download can be sorted and summed.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from decimal import Decimal

from build_digest.model import Article, Figure

NUMBER = r"\d+(?:,\d{3})*(?:\.\d+)?"
FIGURE = re.compile(
    rf"(?P<amount>{NUMBER}\s*(?:多|余)?\s*(?:万亿|亿|万|千)?\s*(?:元|美元))"
    rf"|(?P<percent>{NUMBER}\s*(?:%|个百分点))"
    rf"|(?P<count>{NUMBER}\s*(?:多|余)?\s*(?:万|亿)?\s*(?:家|项|个|名|人次|人|件|条|吨|亩|所|座|台|批|户|千瓦|兆瓦|吨/年))"
)
SENTENCE = re.compile(r"[^。!?;]+[。!?;]?")
DIGIT = re.compile(r"\d")
# Years and dates look like counts of nothing: 2022年 is not a figure.
NOT_A_FIGURE = re.compile(r"^\d{4}$")

# The parts of a matched figure (on the half-width, simplified copy of the text).
PARTS = re.compile(rf"(?P<number>{NUMBER})\s*(?P<approx>多|余)?\s*(?P<scale>万亿|亿|万|千)?\s*(?P<unit>.+)$")
SCALES = {"千": Decimal(10**3), "万": Decimal(10**4), "亿": Decimal(10**8), "万亿": Decimal(10**12)}
# Units with an international symbol; every other counter (家, 项, 人次 …) stays as printed.
UNIT_SYMBOLS = {
    "元": "CNY",
    "美元": "USD",
    "%": "%",
    "个百分点": "pp",
    "吨": "t",
    "吨/年": "t/a",
    "千瓦": "kW",
    "兆瓦": "MW",
}


def normalise(printed: str) -> tuple[str, str, bool]:
    """'1.9亿元' -> ('190000000', 'CNY', False); '30余家' -> ('30', '家', True).

    The value is a plain decimal string (exact: Decimal, never float), the unit a symbol or
    the counter word, and the flag says the text gave a lower bound (多, 余: "more than").
    """
    parts = PARTS.match(printed.replace(" ", ""))
    if parts is None:
        raise ValueError(f"not a figure: {printed!r}")
    value = Decimal(parts.group("number").replace(",", "")) * SCALES.get(parts.group("scale") or "", Decimal(1))
    unit = parts.group("unit")
    return _plain(value), UNIT_SYMBOLS.get(unit, unit), bool(parts.group("approx"))


def _plain(value: Decimal) -> str:
    """A decimal without exponent or trailing zeros: Decimal('1.90E+8') -> '190000000'."""
    text = format(value.normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def by_sentence(figures: list[Figure]) -> list[list[Figure]]:
    """Figures grouped by the sentence they stand in (its paragraph and span), in text order:
    a sentence of three figures is shown and exported once."""
    groups: dict[tuple[int, tuple[int, int]], list[Figure]] = {}
    for figure in figures:
        groups.setdefault(sentence_of(figure), []).append(figure)
    return list(groups.values())


def sentence_of(figure: Figure) -> tuple[int, tuple[int, int]]:
    """Where the figure's sentence stands: its paragraph and its span there."""
    return figure.paragraph, figure.span


def display_value(figure: Figure) -> str:
    """The normalised value for a reader: '190,000,000 CNY', '≥30 家', '18 %'."""
    whole, _, fraction = figure.number.partition(".")
    grouped = f"{int(whole):,}" + (f".{fraction}" if fraction else "")
    return f"{'≥' if figure.approx else ''}{grouped} {figure.unit}"


def extract_figures(article: Article) -> list[Figure]:
    """Every figure of the article's paragraphs, in text order, each with its sentence. The
    figures are found over a whole paragraph at once (no figure holds a sentence's end), and
    placed in their sentences after."""
    figures: list[Figure] = []
    seen: set[tuple[str, str]] = set()
    for index, paragraph in enumerate(article.paragraphs):
        if paragraph.kind != "p" or not DIGIT.search(paragraph.match_text):
            continue
        spans = [found.span() for found in SENTENCE.finditer(paragraph.match_text)]
        starts = [a for a, _ in spans]
        mentions = [m for m in article.mentions if m.paragraph == index]
        current = None  # the sentence of the previous figure, its text and the entities it names
        for found in FIGURE.finditer(paragraph.match_text):
            a, b = spans[bisect_right(starts, found.start()) - 1]
            if current is None or current[0] != a:
                current = (a, paragraph.text[a:b].strip(), [m.entity_id for m in mentions if a <= m.start < b])
            _, sentence, ids = current
            value = paragraph.text[found.start() : found.end()].strip()
            if NOT_A_FIGURE.match(value) or (value, sentence) in seen:
                continue
            seen.add((value, sentence))
            number, unit, approx = normalise(found.group().strip())
            figures.append(
                Figure(
                    value=value,
                    kind=found.lastgroup,
                    sentence=sentence,
                    paragraph=index,
                    entity_ids=list(dict.fromkeys(ids)),
                    number=number,
                    unit=unit,
                    approx=approx,
                    span=(a, b),
                )
            )
    return figures
