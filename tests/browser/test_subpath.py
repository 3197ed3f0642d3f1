"""The site built with SITE_URL=http://127.0.0.1:PORT/digest/ works when served under /digest/."""

from __future__ import annotations

import os

import pytest

from build_digest import build as pipeline
from tests.browser.conftest import Server
from tests.browser.test_search import SearchBox
from tests.conftest import copy_project
from tests.helpers import load_digest

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def subpath_site(tmp_path_factory):
    """(base URL ending in /digest/, digest.json): the parent folder is served, the site under digest/."""
    root = tmp_path_factory.mktemp("subpath")
    served = root / "www"
    served.mkdir()
    (root / "project").mkdir()
    paths = pipeline.Paths(copy_project(root / "project"))
    server = Server(served, paths.site / "404.html")
    url = f"{server.url}digest/"
    saved = os.environ.get("SITE_URL")
    os.environ["SITE_URL"] = url  # the build runs mkdocs in a subprocess that inherits it
    try:
        pipeline.build(paths)
    finally:
        if saved is None:
            os.environ.pop("SITE_URL", None)
        else:
            os.environ["SITE_URL"] = saved
    (served / "digest").symlink_to(paths.site, target_is_directory=True)
    data = load_digest(paths.site)
    yield url, data
    server.close()


def test_home_deep_page_search_and_404_under_a_subpath(open_tab, subpath_site):
    url, data = subpath_site
    tab = open_tab()
    page = tab.page

    assert tab.goto(url).status == 200
    assert page.locator("article.md-content__inner h1").first.is_visible()
    page.locator(".md-tabs a", has_text="地区").click()
    page.wait_for_url(f"{url}regions/")

    region = max((e for e in data["entities"] if e["type"] == "region"), key=lambda e: len(e["articles"]))
    assert tab.goto(url + region["url"]).status == 200
    assert page.locator("h1").first.inner_text().strip() == region["name"]
    stylesheets = page.evaluate("[...document.styleSheets].filter(s => s.href).map(s => s.href)")
    assert stylesheets and all(href.startswith(url) for href in stylesheets), stylesheets

    box = SearchBox(tab, url)
    pages = box.search(region["name"])
    assert pages, "no search results under the sub-path"
    box.page.locator(".md-search-result__item a").first.click()
    box.page.wait_for_load_state("load")
    assert box.page.url.startswith(url)

    missing = url + "no/such/page/"
    response = tab.goto(missing)
    assert response.status == 404
    assert page.locator("article.md-content__inner h1").first.inner_text().strip() == "404 - Not found"
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") in ("sticky", "fixed")
    home = page.evaluate("document.querySelector('a.md-logo').href")
    assert home.rstrip("/") + "/" == url, home
    # The browser logs the 404 of the missing page itself; anything else (an asset) is an error.
    errors = [e for e in tab.errors if f"'url': '{missing}'" not in e]
    assert not errors, errors
