"""Run MkDocs on the generated docs/ (a process of its own, started by the build).

`python -m build_digest.mkdocs_run SITE_DIR [--dirty]` builds with the project's mkdocs.yml
through MkDocs' own API, and fails (exit 1) on any warning, as `mkdocs build --strict` would.
A dirty build rebuilds only the pages whose Markdown is newer than their HTML: MkDocs warns
about every dirty build and cannot check links into pages it did not read, so those two
kinds of message are expected there and not counted; every other warning still fails it.

Every page is minified as MkDocs writes it (minify-html, a few milliseconds a page): the
theme's indentation is a fifth of a page, and the site must stay small at 10,000 articles.
Registered here rather than as a hook in mkdocs.yml, so the configuration stays plain MkDocs.
"""

from __future__ import annotations

import argparse
import logging
import sys

import minify_html
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException
from mkdocs.plugins import BasePlugin

DIRTY_NOTICE = "A 'dirty' build is being performed"


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
    """Whitespace and optional quotes out of each page's HTML; closing tags and comments in
    scripts kept, so the theme's markup and scripts work unchanged."""

    def on_post_page(self, output: str, page, config) -> str:
        return minify_html.minify(output, keep_closing_tags=True, keep_html_and_head_opening_tags=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m build_digest.mkdocs_run")
    parser.add_argument("site_dir")
    parser.add_argument("--dirty", action="store_true")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.ERROR, stream=sys.stderr, format="%(levelname)s: %(message)s")
    counter = _Counter(args.dirty)
    logging.getLogger("mkdocs").addHandler(counter)
    try:
        config = load_config(site_dir=args.site_dir)
        config.strict = False  # counted here instead, so that the dirty notice can be let through
        config.plugins["build_digest/minify"] = MinifyPages()
        if args.dirty:
            # Anchors of pages this build does not read are unknown to it: checked by full builds.
            config.validation.links.anchors = logging.DEBUG
        build(config, dirty=args.dirty)
    except MkDocsException as exc:
        print(f"ERROR: {exc}", file=sys.stderr)
        return 1
    for message in counter.messages:
        print(message, file=sys.stderr)
    return 1 if counter.messages else 0


if __name__ == "__main__":
    sys.exit(main())
