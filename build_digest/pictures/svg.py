"""Small helpers shared by the pictures: escaping, numbers, the figure around an SVG."""

from __future__ import annotations

import html

from build_digest.render.markup import relative

SVG_NS = "http://www.w3.org/2000/svg"


def esc(value: str) -> str:
    """Text or attribute value for XML (and HTML): & < > " ' escaped."""
    return html.escape(value, quote=True)


def num(value: float) -> str:
    """A coordinate with one decimal at most: 12.0 -> '12', 3.14159 -> '3.1'."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def href(page_url: str, target_url: str, anchor: str = "") -> str:
    """A link from a page (site URL 'regions/x/') to another page's URL, relative, as raw HTML needs."""
    target = relative(page_url.rstrip("/"), target_url) or "./"
    return esc(target + (f"#{anchor}" if anchor else ""))


def figure(kind: str, svg_body: str, view: tuple[int, int], label: str, caption: str = "", extra: str = "") -> str:
    """The picture as a raw-HTML block Markdown leaves alone, kept out of the search index.

    `label` is the SVG's accessible name; `caption` (HTML) is shown under it; `extra` (HTML)
    follows the caption, e.g. the table or list that carries the same facts as text.
    """
    width, height = view
    svg = (
        f'<svg xmlns="{SVG_NS}" viewBox="0 0 {width} {height}" class="digest-svg" '
        f'aria-label="{esc(label)}">{svg_body}</svg>'
    )
    caption_html = f"<figcaption>{caption}</figcaption>" if caption else ""
    return f'<figure class="digest-picture digest-{kind}" data-search-exclude>{svg}{caption_html}{extra}</figure>\n\n'
