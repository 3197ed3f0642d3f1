"""Every internal link and resource of the built site resolves to a file, anchors included.

Plain Python over the files (no browser): each href and src of every HTML page is resolved
against the page's URL; external links are listed, not fetched.
"""

from __future__ import annotations

from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

BASE = "http://site.invalid/"
LINK_ATTRIBUTES = {"href", "src"}
# Material writes these into every page: search toggles and the like, not links to content.
TOGGLE_ANCHORS = {"__drawer", "__search", "__palette_0", "__palette_1", "__consent", "__skip"}


class Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value is None:
                continue
            if name in ("id", "name") and (name == "id" or tag == "a"):
                self.ids.add(value)
            if name in LINK_ATTRIBUTES and tag != "base":
                self.links.append(value)
            if name == "srcset":
                self.links += [part.strip().split(" ")[0] for part in value.split(",") if part.strip()]


@cache
def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def url_of(site: Path, path: Path) -> str:
    rel = path.relative_to(site).as_posix()
    if rel == "index.html":
        return BASE
    if rel.endswith("/index.html"):
        return BASE + rel.removesuffix("index.html")
    return BASE + rel


def target_file(site: Path, url: str) -> Path | None:
    path = unquote(urlsplit(url).path).removeprefix("/")
    if path == "." or path.endswith("/."):  # "/." and "../." name a folder, like "/"
        path = path[:-1]
    candidate = site / path
    if not path or path.endswith("/"):
        candidate = candidate / "index.html"
    elif candidate.is_dir():
        return None  # a folder without the trailing slash is a redirect on most hosts
    return candidate if candidate.is_file() else None


def test_every_internal_link_resolves(site):
    root = site.path
    pages = sorted(root.rglob("*.html"))
    assert len(pages) > 100
    broken, external = [], set()
    checked = 0
    for path in pages:
        page_url = url_of(root, path)
        for link in parse(path).links:
            parts = urlsplit(link)
            if parts.scheme in ("mailto", "tel", "javascript", "data"):
                continue
            if parts.scheme or parts.netloc:
                external.add(link)
                continue
            absolute = urljoin(page_url, link)
            if path.name == "404.html" and link.startswith("/"):
                absolute = BASE + link.removeprefix("/")  # served at any depth, hence root-relative
            target = target_file(root, absolute)
            checked += 1
            if target is None:
                broken.append(f"{path.relative_to(root)}: {link} (no file)")
                continue
            fragment = unquote(urlsplit(absolute).fragment)
            if fragment and target.suffix == ".html" and fragment not in TOGGLE_ANCHORS:
                if fragment not in parse(target).ids:
                    where = target.relative_to(root)
                    broken.append(f"{path.relative_to(root)}: {link} (no id {fragment!r} in {where})")
    print(f"\n{checked} internal links in {len(pages)} pages; {len(external)} external links (not fetched):")
    for link in sorted(external):
        print("  ", link)
    assert not broken, f"{len(broken)} broken links:\n" + "\n".join(broken[:50])
