"""In the browser: an entity link in an article previews the entity on hover; the pictures'
bars and circles are links that lead to their page; both palettes colour them."""

from __future__ import annotations

import pytest

from tests.browser.pages import sample_pages

pytestmark = pytest.mark.browser


def test_hovering_an_entity_link_in_an_article_shows_its_preview(open_tab, site):
    tab = open_tab()
    page = tab.page
    tab.goto(site.url + sample_pages(site.data)["article"])
    link = page.locator("article.md-content__inner p a[title]").first
    name = link.get_attribute("title").split(" · ")[0]
    link.hover()
    tooltip = page.locator(".md-tooltip2--active, .md-tooltip--active").first
    tooltip.wait_for(state="visible", timeout=5000)
    assert name in tooltip.inner_text()
    assert not tab.errors, tab.errors


def test_map_circles_and_timeline_bars_lead_to_their_pages(open_tab, site):
    tab = open_tab()
    page = tab.page
    tab.goto(site.url)
    page.evaluate("document.querySelector('.digest-map').scrollIntoView({block: 'center'})")
    dot = page.locator(".digest-map svg a").last  # the smallest circle, painted on top
    label = dot.get_attribute("aria-label")
    dot.click()
    page.wait_for_load_state("load")
    assert page.locator("article h1").first.inner_text() == label.split("：")[0]
    tab.goto(site.url)
    page.evaluate("document.querySelector('.digest-timeline').scrollIntoView({block: 'center'})")
    bar = page.locator(".digest-timeline svg a").first
    month = bar.get_attribute("href").split("#")[1]
    bar.click()
    page.wait_for_url(f"**/articles/#{month}")
    assert page.locator(f"[id='{month}']").is_visible()
    assert not tab.errors, tab.errors


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_pictures_are_drawn_in_the_palette_colours(open_tab, site, scheme):
    tab = open_tab(scheme=scheme)
    page = tab.page
    tab.goto(site.url)
    colours = page.evaluate(
        """() => {
          const circle = document.querySelector('.digest-map circle');
          const land = document.querySelector('.digest-map .land');
          return {
            dot: getComputedStyle(circle).stroke,
            land: getComputedStyle(land).stroke,
            background: getComputedStyle(document.body).backgroundColor,
          };
        }"""
    )
    assert colours["dot"] not in (colours["background"], "none", "")
    assert colours["land"] not in (colours["background"], "none", "")
    assert not tab.errors, tab.errors
