"""The record of published URLs, and redirects from the ones that moved.

An article's URL comes from its date and headline, an entity's from its name; better
segmentation (a corrected headline or date), a renamed entity or one merged into another as
an alias all move a page. Links from outside must keep working, so every URL the site has
published is recorded (data/published.yml, written by the build and committed) with what
identifies its page independently of the URL: an article's source file and body lines, an
entity's name, a source page's file, a shelf's type. A recorded URL that no longer names a
page redirects to the page that took its place; one whose page is gone (its file was removed)
is left to the 404 page.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from build_digest.digest import Digest
from build_digest.model import TYPE_DIRS
from build_digest.problems import DataError, Problem
from build_digest.render.articles import article_url, source_url
from build_digest.writing import write_if_changed

REDIRECT_MARK = "<!-- digest redirect -->"  # tells a redirect page from a real one
RECORD_HEADER = (
    "# Every URL the site has published, with what identifies its page (written by the build:\n"
    "# commit it with the articles). A URL that moves redirects; see build_digest/published.py.\n"
)


@dataclass(frozen=True)
class PublishedArticle:
    source: str
    lines: tuple[int, ...]


@dataclass(frozen=True)
class PublishedEntity:
    name: str


@dataclass(frozen=True)
class PublishedSource:
    """A source file's own page (a file of several articles has one)."""

    file: str


@dataclass(frozen=True)
class PublishedShelf:
    """A shelf of names without a page of their own (render/shelves.py): when its last name
    leaves it, its URL leads to its type's index, the old link's anchor carried over."""

    type: str


Record = dict[str, PublishedArticle | PublishedEntity | PublishedSource | PublishedShelf]
SECTIONS = ("articles", "entities", "sources", "shelves")
# libyaml when PyYAML has it, for a record edited by hand into other YAML.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# What YAML takes unescaped inside a double-quoted scalar: JSON leaves DEL and the line
# separators U+0085, U+2028 and U+2029 as they are, which YAML refuses or reads as line breaks.
_YAML_PLAIN = re.compile("[\t\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]*")


def load_record(path: Path) -> Record:
    if not path.is_file():
        return {}
    where = f"data/{path.name}"
    fix = ("correct it; or delete the file, and the next build writes it again from the pages it "
           "publishes (URLs published before, and not published again, then get no redirect)")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise DataError([Problem(where, None, f"not UTF-8 ({exc.reason})", fix)]) from None
    data = _read_own_format(text)
    if data is None:
        try:
            data = yaml.load(text, Loader=_LOADER) or {}
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            raise DataError([Problem(where, mark.line + 1 if mark else None, f"malformed YAML: {exc.problem}",
                                     fix)]) from None
    record: Record = {}
    try:
        for url, item in (data.get("articles") or {}).items():
            record[url] = PublishedArticle(str(item["source"]), tuple(int(n) for n in item.get("lines") or ()))
        for url, name in (data.get("entities") or {}).items():
            record[url] = PublishedEntity(str(name))
        for url, file in (data.get("sources") or {}).items():
            record[url] = PublishedSource(str(file))
        for url, entity_type in (data.get("shelves") or {}).items():
            if entity_type not in TYPE_DIRS:
                raise ValueError(f"'{entity_type}' is not an entity type")
            record[url] = PublishedShelf(str(entity_type))
    except (AttributeError, KeyError, TypeError, ValueError) as exc:
        raise DataError([Problem(where, None, f"not a record of published URLs ({type(exc).__name__}: {exc}): "
                                 "expected articles: {URL: {source, lines}}, entities: {URL: name}, "
                                 "sources: {URL: file}, shelves: {URL: type}", fix)]) from None
    return record


def current_pages(digest: Digest) -> Record:
    pages: Record = {}
    for article in digest.articles.values():
        pages[article_url(article)] = PublishedArticle(article.source, tuple(article.body_lines))
    for entity in digest.registry.entities.values():
        if entity.paged:
            pages[entity.url] = PublishedEntity(entity.name)
        else:
            pages[entity.shelf_url] = PublishedShelf(entity.type)
    for source in digest.sources:
        if source.file not in digest.inline_sources:
            pages[source_url(source.file)] = PublishedSource(source.file)
    return pages


def redirects(record: Record, digest: Digest) -> dict[str, str]:
    """{old URL: new URL} for every recorded URL that no longer names a page."""
    pages = current_pages(digest)
    articles_by_source: dict[str, list[tuple[str, PublishedArticle]]] = {}
    for url, page in pages.items():
        if isinstance(page, PublishedArticle):
            articles_by_source.setdefault(page.source, []).append((url, page))
    entity_by_name: dict[str, str] = {}
    # A page of its own wins over a shelf entry (a page that lost its own page, its second
    # article gone, leads to the entry), and the canonical name over an alias.
    for entity in sorted(digest.registry.entities.values(), key=lambda e: e.paged):
        for name in (*entity.aliases, entity.name):
            entity_by_name[name] = entity.link_url
    moved: dict[str, str] = {}
    for url, old in sorted(record.items()):
        if url in pages:
            continue
        if isinstance(old, PublishedArticle):
            target = _successor(old, articles_by_source.get(old.source, []))
        elif isinstance(old, PublishedShelf):
            target = f"{TYPE_DIRS[old.type]}/"
        elif isinstance(old, PublishedSource):
            # A file now holding one article has no page of its own: its lines are shown on
            # that article's page (an #L12 anchor carries over). A removed file has no successor.
            only = digest.inline_sources.get(old.file)
            target = article_url(digest.articles[only]) if only else None
        else:
            target = entity_by_name.get(old.name)
        if target and target != url:
            moved[url] = target
    return moved


def _successor(old: PublishedArticle, candidates: list[tuple[str, PublishedArticle]]) -> str | None:
    """The article of the same file that holds most of the old one's body lines."""
    best, best_share = None, 0.0
    for url, page in sorted(candidates):
        shared = len(set(old.lines) & set(page.lines))
        union = len(set(old.lines) | set(page.lines))
        share = shared / union if union else 0.0
        if share > best_share:
            best, best_share = url, share
    return best


def updated_record(record: Record, digest: Digest) -> Record:
    """The record with today's pages added; a URL once published stays in it for good."""
    merged = dict(record)
    merged.update(current_pages(digest))
    return merged


def write_record(record: Record, path: Path) -> None:
    """One line per URL, each a JSON mapping entry (JSON is YAML): a diff shows one line per
    page, and the build reads its own record back without a YAML parser (10,000 pages took
    PyYAML over two seconds each way)."""
    sections: dict[str, list[str]] = {name: [] for name in SECTIONS}
    for url, page in sorted(record.items()):
        if isinstance(page, PublishedArticle):
            value = f'{{"source": {_quoted(page.source)}, "lines": [{", ".join(map(str, page.lines))}]}}'
            sections["articles"].append(f"  {_quoted(url)}: {value}\n")
        elif isinstance(page, PublishedEntity):
            sections["entities"].append(f"  {_quoted(url)}: {_quoted(page.name)}\n")
        elif isinstance(page, PublishedShelf):
            sections["shelves"].append(f"  {_quoted(url)}: {_quoted(page.type)}\n")
        else:
            sections["sources"].append(f"  {_quoted(url)}: {_quoted(page.file)}\n")
    body = "".join(f"{name}:{'' if lines else ' {}'}\n" + "".join(lines) for name, lines in sections.items())
    text = RECORD_HEADER + body
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def _quoted(value: str) -> str:
    quoted = json.dumps(value, ensure_ascii=False)
    return quoted if _YAML_PLAIN.fullmatch(quoted) else json.dumps(value)


def _read_own_format(text: str) -> dict | None:
    """The record as write_record writes it, or None when it is not (then YAML reads it)."""
    data: dict[str, dict] = {}
    section: dict | None = None
    try:
        for line in text.split("\n"):  # not splitlines(): that also splits at U+2028 in a name
            line = line.rstrip("\r")
            if not line or line.startswith("#"):
                continue
            if line.startswith("  ") and section is not None:
                section.update(json.loads("{" + line.strip() + "}"))
            elif line.endswith(":") or line.endswith(": {}"):
                name = line.split(":", 1)[0]
                if name not in SECTIONS or name in data:
                    return None
                section = data[name] = {}
            else:
                return None
    except ValueError:
        return None
    return data


def redirect_page(target: str, depth: int) -> str:
    """A static page that sends readers and crawlers on to `target` (a site-relative URL)."""
    relative = "../" * depth + target
    # A target with an anchor (a shelf entry) keeps it; else the old link's anchor carries over.
    keep_anchor = "" if "#" in target else " + location.hash"
    return (
        "<!doctype html>\n<html lang=\"zh\"><head><meta charset=\"utf-8\">\n"
        f"<title>页面已移至新地址</title>\n<link rel=\"canonical\" href=\"{relative.split('#')[0]}\">\n"
        f"<meta http-equiv=\"refresh\" content=\"0; url={relative}\">\n"
        f"<meta name=\"robots\" content=\"noindex\">{REDIRECT_MARK}\n"
        f"<script>location.replace(\"{relative}\"{keep_anchor})</script>\n"
        f"</head><body><p>此页已移至 <a href=\"{relative}\">新地址</a>。</p></body></html>\n"
    )


def write_redirects(moved: dict[str, str], site_dir: Path) -> list[Path]:
    written = []
    for old, new in moved.items():
        path = site_dir / old / "index.html"
        if path.exists() and REDIRECT_MARK not in path.read_text(encoding="utf-8", errors="replace"):
            continue  # never overwrite a real page
        write_if_changed(path, redirect_page(new, old.strip("/").count("/") + 1).encode("utf-8"))
        written.append(path)
    return written
