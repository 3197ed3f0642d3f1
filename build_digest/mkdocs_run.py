"""Run MkDocs on the generated docs/ (a process of its own, started by the build).

`python -m build_digest.mkdocs_run SITE_DIR [--dirty | --share I/N]` builds with the project's
mkdocs.yml through MkDocs' own API, and fails (exit 1) on any warning, as `mkdocs build
--strict` would. A dirty build rebuilds only the pages whose Markdown is newer than their HTML:
MkDocs warns about every dirty build and cannot check links into pages it did not read, so
those two kinds of message are expected there and not counted; every other warning still
fails it.

MkDocs renders on one core. A large full build therefore runs as N processes, `--share I/N`
each: every process reads the whole site's files and navigation but converts and writes only
every N-th page (by source path, from the I-th), through MkDocs' own dirty-build mechanism
(a page not "modified" is neither read nor written). Each page's HTML is what a single
process writes; links are checked in every page, anchors only into pages of the same share.
The pages a share wrote are listed in SHARE_MANIFEST in its site directory.

Every page is minified as MkDocs writes it (minify-html, a few milliseconds a page): the
theme's indentation is a fifth of a page, and the site must stay small at 10,000 articles.
Registered here rather than as a hook in mkdocs.yml, so the configuration stays plain MkDocs.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

import minify_html
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException
from mkdocs.plugins import BasePlugin

DIRTY_NOTICE = "A 'dirty' build is being performed"
SHARE_MANIFEST = "share-pages.json"


class _Counter(logging.Handler):
    def __init__(self, dirty: bool):
        super().__init__(logging.WARNING)
        self.dirty = dirty
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if self.dirty and message.startswith(DIRTY_NOTICE):
            return
        self.messages.append(f"{record.levelname}: {message}")


class MinifyPages(BasePlugin):
    """Whitespace and optional quotes out of each page's HTML, and out of its inline scripts and
    styles; closing tags kept, so the theme's markup and scripts work unchanged."""

    def on_post_page(self, output: str, page, config) -> str:
        return minify_html.minify(output, keep_closing_tags=True, keep_html_and_head_opening_tags=True,
                                  minify_js=True, minify_css=True)


class OneShareOfPages(BasePlugin):
    """Only this process's share of the pages is read and written (see the module's docstring)."""

    def __init__(self, index: int, count: int):
        super().__init__()
        self.index, self.count = index, count
        self.mine: list[str] = []

    def on_files(self, files, config):
        pages = sorted(files.documentation_pages(), key=lambda f: f.src_uri)
        for position, file in enumerate(pages):
            mine = position % self.count == self.index
            file.is_modified = _yes if mine else _no  # what a dirty build asks of each page
            if mine:
                self.mine.append(file.dest_uri)
        return files

    def on_post_build(self, config) -> None:
        manifest = Path(config.site_dir) / SHARE_MANIFEST
        manifest.write_text(json.dumps(self.mine, ensure_ascii=False), encoding="utf-8")


def _yes() -> bool:
    return True


def _no() -> bool:
    return False


def _share(text: str) -> tuple[int, int]:
    index, count = (int(part) for part in text.split("/"))
    if not 0 <= index < count:
        raise argparse.ArgumentTypeError(f"share {text}: expected I/N with 0 <= I < N")
    return index, count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m build_digest.mkdocs_run")
    parser.add_argument("site_dir")
    choice = parser.add_mutually_exclusive_group()
    choice.add_argument("--dirty", action="store_true")
    choice.add_argument("--share", type=_share, help="I/N: build the I-th of N shares of the pages")
    args = parser.parse_args(argv)
    dirty = args.dirty or args.share is not None
    logging.basicConfig(level=logging.ERROR, stream=sys.stderr, format="%(levelname)s: %(message)s")
    counter = _Counter(dirty)
    mkdocs_log = logging.getLogger("mkdocs")
    # Its warnings must reach the counter (the root logger lets only errors through), and are
    # printed once, below.
    mkdocs_log.setLevel(logging.WARNING)
    mkdocs_log.propagate = False
    mkdocs_log.addHandler(counter)
    try:
        config = load_config(site_dir=args.site_dir)
        config.strict = False  # counted here instead, so that the dirty notice can be let through
        config.plugins["build_digest/minify"] = MinifyPages()
        if args.dirty:
            # Anchors of pages this build does not read are unknown to it: checked by full builds.
            config.validation.links.anchors = logging.DEBUG
        if args.share is not None:
            config.plugins["build_digest/share"] = OneShareOfPages(*args.share)
        build(config, dirty=dirty)
    except MkDocsException as exc:
        print(f"ERROR: {exc}", file=sys.stderr)
        return 1
    for message in counter.messages:
        print(message, file=sys.stderr)
    return 1 if counter.messages else 0


if __name__ == "__main__":
    sys.exit(main())
