"""Safe Markdown from untrusted text, and links between generated pages.

Article text may hold HTML, Markdown or template syntax; it must show as text and never
change the page's structure. Markdown specials are backslash-escaped, then HTML specials
become entities.
"""

from __future__ import annotations

import functools
import html
import re

from build_digest.figures import display_value

# Characters that start inline Markdown anywhere in a line: code, emphasis, links and images,
# attribute lists, table cells, escapes. ( ) . - # + are left alone mid-line (escaping them all
# made Markdown's inline processing a quarter of the build); they only matter at line start.
_MD_INLINE = re.compile(r"([\\`*_{}\[\]!|])")
# At the start of a line: headings, list bullets, ordered-list numbers (1. or 1)).
# A link title ends at a straight quote; a backslash or bracket could end the link itself.
_TITLE_UNSAFE = re.compile(r'["\\()\[\]]')
_MD_LINE_START = re.compile(r"^(\d+)([.)])(?=\s)|^([#+\-])")
# Anything text() would change: inline specials, HTML specials, a line-start marker.
_NEEDS_ESCAPE = re.compile(r"[\\`*_{}\[\]!|&<>]|^(?:\d+[.)](?=\s)|[#+\-])")


# Appended to a heading: Material leaves the section out of the search index. Used for
# sections that repeat text indexed elsewhere (figures, related lists, quoted sentences), so
# the index stays affordable for the browser and searches find the article itself.
NOT_SEARCHED = " { data-search-exclude }"


def text(value: str | None) -> str:
    """Untrusted text as inline Markdown that renders literally on one line."""
    if not value:
        return ""
    flat = " ".join(value.split())
    if not _NEEDS_ESCAPE.search(flat):
        return flat  # most Chinese text holds nothing to escape: one search instead of three passes
    flat = _MD_INLINE.sub(r"\\\1", flat)
    flat = _MD_LINE_START.sub(lambda m: f"{m.group(1)}\\{m.group(2)}" if m.group(1) else f"\\{m.group(3)}", flat)
    return html.escape(flat, quote=False)


def text_piece(value: str) -> str:
    """Escape a slice of a longer text without collapsing the spaces at its edges."""
    if not value:
        return ""
    lead = " " if value[:1].isspace() else ""
    tail = " " if value[-1:].isspace() else ""
    return lead + text(value) + tail if value.strip() else " "


def attr(value: str) -> str:
    return html.escape(value, quote=True)


def html_text(value: str) -> str:
    """Text inside raw HTML (html_list items): escaped, never Markdown-escaped."""
    return html.escape(value, quote=False)


def figure_value(figure) -> str:
    """'**1.9亿元** = 190,000,000 CNY'; a figure already in its normal form ('8家') stands alone."""
    normal = display_value(figure)
    if normal.replace(" ", "") == figure.value.replace(" ", ""):
        return f"**{text(figure.value)}**"
    return f"**{text(figure.value)}** = {text(normal)}"


def entity_link(label: str, entity, from_page: str, title: str = "") -> str:
    """A link to the entity's page, or to its entry on a shelf when it has none (Entity.link_url)."""
    page, _, anchor = entity.link_url.partition("#")
    return link(label, from_page, page_path(page), anchor=anchor, title=title)


def link(label: str, from_page: str, to_page: str, anchor: str = "", title: str = "") -> str:
    """A Markdown link between two docs-relative .md paths (checked by mkdocs --strict).

    A `title` becomes the link's tooltip (Material's content.tooltips).
    """
    target = relative(from_page.rpartition("/")[0], to_page)  # the page's folder, as posixpath.dirname
    tip = f' "{attr(_TITLE_UNSAFE.sub(" ", title))}"' if title else ""
    return f"[{text(label)}]({target}{'#' + anchor if anchor else ''}{tip})"


def page_url(docs_path: str) -> str:
    """Docs path 'regions/baotou-shi.md' -> site URL 'regions/baotou-shi/' (use_directory_urls)."""
    stem = docs_path[: -len(".md")]
    if stem == "index":
        return ""
    return (stem[: -len("/index")] if stem.endswith("/index") else stem) + "/"


def html_link(label: str, from_page: str, to_page: str, anchor: str = "") -> str:
    """A link written as HTML, for long lists (html_list): its href is already the final
    relative URL, which MkDocs neither rewrites nor checks (the site's link test does)."""
    href = relative(page_url(from_page).rstrip("/"), page_url(to_page)) or "./"
    return f'<a href="{attr(href)}{"#" + anchor if anchor else ""}">{html_text(label)}</a>'


def html_list(items: list[str]) -> str:
    """A list as one raw HTML block: Markdown passes it through, where parsing thousands of
    list items and links was most of what MkDocs spent on a hub or a busy entity's page. The
    HTML is what Markdown makes of a list, so the theme styles it the same way."""
    if not items:
        return ""
    return "<ul>\n" + "".join(f"<li>{item}</li>\n" for item in items) + "</ul>\n\n"


@functools.lru_cache(maxsize=65536)
def relative(from_dir: str, to_page: str) -> str:
    """posixpath.relpath for clean docs-relative paths, without its costly abspath calls."""
    source = [p for p in from_dir.split("/") if p]
    target = to_page.split("/")
    common = 0
    while common < min(len(source), len(target) - 1) and source[common] == target[common]:
        common += 1
    return "/".join([".."] * (len(source) - common) + target[common:])


def page_path(url: str) -> str:
    """Site URL 'regions/baotou-shi/' -> docs path 'regions/baotou-shi.md'."""
    return url.rstrip("/") + ".md" if url else "index.md"


def front_matter(title: str, description: str = "", **extra) -> str:
    """YAML front matter; values are JSON-quoted strings, which YAML reads verbatim.

    Pages stay out of Material's own search index: readers search the index the build
    writes from the model (searchindex.py), so MkDocs need not parse every page for it.
    """
    import json

    extra.setdefault("search", {"exclude": True})

    # Material prints page.meta values into <title>, <meta content="..."> and the header
    # without escaping them: escape here so a quote or a tag in the text stays text.
    lines = ["---", f"title: {json.dumps(html.escape(title), ensure_ascii=False)}"]
    if description:
        lines.append(f"description: {json.dumps(html.escape(description[:150]), ensure_ascii=False)}")
    for key, value in extra.items():
        value = html.escape(value) if isinstance(value, str) else value
        lines.append(f"{key}: {json.dumps(value, ensure_ascii=False)}")
    lines.append("---")
    return "\n".join(lines) + "\n\n"


def date_label(date: str | None, date_md: str | None = None) -> str:
    """A date as readers write it; a month and day printed without a year stay as printed."""
    if date:
        year, month, day = date.split("-")
        return f"{int(year)}年{int(month)}月{int(day)}日"
    if date_md:
        month, day = date_md.split("-")
        return f"{int(month)}月{int(day)}日（原文未印年份）"
    return "日期不详"


def json_twin(url: str) -> str:
    """A raw-HTML link from a page (directory URL `url`) to its JSON twin under api/.

    The twin is written after mkdocs runs, so this is raw HTML relative to the page's URL,
    not a Markdown link mkdocs would resolve.
    """
    target = relative(url.rstrip("/"), "api/" + url.rstrip("/") + ".json")
    return f'<a href="{attr(target)}" type="application/json">JSON</a>'
