"""The visible subscribe line of a page that has a feed (the <head> link is in overrides/main.html)."""

from __future__ import annotations

from build_digest.feeds import ATOM_NAME, ATOM_TYPE, JSON_NAME, JSON_TYPE


def subscribe_line() -> str:
    """Raw HTML: the feeds sit beside the page, so the links are relative to the page's own URL."""
    return (
        '<p class="digest-subscribe" data-search-exclude>订阅此页的更新：'
        f'<a href="{ATOM_NAME}" type="{ATOM_TYPE}">Atom</a> · '
        f'<a href="{JSON_NAME}" type="{JSON_TYPE}">JSON Feed</a></p>\n\n'
    )
