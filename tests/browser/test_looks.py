"""Screenshots in both palettes at phone and desktop width; no overflow, no console errors.

The screenshots go to build/screenshots/ (not committed) for a person to look at.
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import DESKTOP, PHONE, SCREENSHOTS
from tests.browser.pages import sample_pages

pytestmark = pytest.mark.browser

OVERFLOW = """() => {
  const width = window.innerWidth;
  const wide = [...document.querySelectorAll("body *")]
    .filter(el => { const r = el.getBoundingClientRect(); return r.width && r.right > width + 1; })
    .filter(el => !el.closest("[hidden], .md-sidebar, .md-search, .md-tooltip, .md-nav"))
    .slice(0, 5)
    .map(el => el.tagName.toLowerCase() + (el.className ? "." + String(el.className).split(" ")[0] : ""));
  return { scroll: document.documentElement.scrollWidth, width, wide };
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_pages_render_without_overflow_or_errors(open_tab, site, scheme, size):
    tab = open_tab(scheme=scheme, viewport=PHONE if size == "phone" else DESKTOP)
    page = tab.page
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    problems = []
    for label, url in sample_pages(site.data).items():
        tab.goto(site.url + url)
        expected = "slate" if scheme == "dark" else "default"
        assert page.locator("body").get_attribute("data-md-color-scheme") == expected
        content = page.locator("article.md-content__inner")
        assert content.is_visible(), (label, url)
        assert len(content.inner_text().strip()) > 20, (label, url)
        page.screenshot(path=str(SCREENSHOTS / f"{label}-{scheme}-{size}.png"), full_page=True)
        layout = page.evaluate(OVERFLOW)
        if layout["scroll"] > layout["width"]:
            problems.append(f"{label} ({url}): scrollWidth {layout['scroll']} > {layout['width']}: {layout['wide']}")
    assert not problems, "\n".join(problems)
    assert not tab.errors, tab.errors
