"""Articles per month as bars; each bar links to its month in the timeline hub (articles/)."""

from __future__ import annotations

from collections import Counter

from build_digest.pictures.svg import esc, figure, href, num

WIDTH, HEIGHT = 560, 150
LEFT, RIGHT, TOP, BOTTOM = 30, 6, 12, 38  # room for the count axis and two rows of month labels
BAR_FILL = 0.78  # share of a month's column the bar covers; the gap tells neighbouring months apart
BAR_MAX = 40  # a short timeline keeps slim bars instead of blocks
MONTHS_LABELLED_EACH = 12  # up to a year, every month gets its label; beyond, only each January
YEARS_LABELLED_EACH = 10  # beyond ten years, every other year is labelled, and so on
HUB_URL = "articles/"


def month_key(date: str | None) -> str | None:
    return date[:7] if date else None


def month_label(key: str) -> str:
    year, month = key.split("-")
    return f"{year}年{int(month)}月"


def month_range(first: str, last: str) -> list[str]:
    """Every month from first to last ('2022-11', '2023-02' -> four keys), empty months included."""
    year, month = int(first[:4]), int(first[5:7])
    keys = []
    while True:
        key = f"{year:04d}-{month:02d}"
        keys.append(key)
        if key >= last:
            return keys
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def timeline(dates: list[str | None], page_url: str, subject: str) -> str:
    """The bar chart for the articles with these dates, drawn for the page at `page_url`."""
    counts = Counter(k for k in map(month_key, dates) if k)
    undated = sum(1 for d in dates if not d)
    if not counts:
        return ""
    keys = month_range(min(counts), max(counts))
    peak = max(counts.values())
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / len(keys)
    bar_w = min(max(step * BAR_FILL, 1.0), BAR_MAX)
    base = TOP + plot_h
    parts = [
        f'<line class="axis" x1="{LEFT}" y1="{base}" x2="{WIDTH - RIGHT}" y2="{base}"/>',
        f'<line class="grid" x1="{LEFT}" y1="{TOP}" x2="{WIDTH - RIGHT}" y2="{TOP}"/>',
        f'<text class="tick" x="{LEFT - 4}" y="{TOP + 4}" text-anchor="end">{peak}</text>',
        f'<text class="tick" x="{LEFT - 4}" y="{base}" text-anchor="end">0</text>',
    ]
    years = sorted({k[:4] for k in keys})
    year_every = 1 + (len(years) - 1) // YEARS_LABELLED_EACH
    for i, key in enumerate(keys):
        x = LEFT + i * step
        n = counts.get(key, 0)
        if n:
            h = plot_h * n / peak
            tip = f"{month_label(key)}：{n} 篇报道"
            parts.append(
                f'<a href="{href(page_url, HUB_URL, "m-" + key)}" aria-label="{esc(tip)}"><title>{esc(tip)}</title>'
                f'<rect class="hit" x="{num(x)}" y="{TOP}" width="{num(step)}" height="{plot_h}"/>'
                f'<rect class="bar" x="{num(x + (step - bar_w) / 2)}" y="{num(base - h)}" '
                f'width="{num(bar_w)}" height="{num(h)}"/></a>'
            )
        centre = num(x + step / 2)
        year, month = key[:4], int(key[5:7])
        if len(keys) <= MONTHS_LABELLED_EACH:
            parts.append(f'<text class="tick" x="{centre}" y="{base + 15}" text-anchor="middle">{month}月</text>')
        first_of_year = i == 0 or month == 1
        if first_of_year and years.index(year) % year_every == 0:
            anchor = "start" if len(keys) > MONTHS_LABELLED_EACH else "middle"
            x_year = num(x) if anchor == "start" else centre
            parts.append(f'<text class="tick" x="{x_year}" y="{base + 32}" text-anchor="{anchor}">{year}</text>')
    total = sum(counts.values())
    busiest = max(sorted(counts), key=lambda k: counts[k])
    label = (
        f"{subject}每月报道数：{month_label(keys[0])}至{month_label(keys[-1])}共 {total} 篇，"
        f"最多的是{month_label(busiest)}（{counts[busiest]} 篇）"
    )
    caption = esc(label) + (f"；另有 {undated} 篇日期不详" if undated else "") + "。点击柱形查看当月报道。"
    return figure("timeline", "".join(parts), (WIDTH, HEIGHT), label, caption)
