"""A reader clicks from the home page to a region, an article, a company and back to the region."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def find_path(data: dict) -> tuple[dict, dict, dict]:
    """(region, article, company): the article tags both, the company sits in the region."""
    by_id = {e["id"]: e for e in data["entities"]}
    candidates = []
    for article in data["articles"]:
        tagged = [by_id[i] for i in article["entities"]]
        for company in (e for e in tagged if e["type"] == "company" and e["region"]):
            if company["region"] in article["entities"]:
                region = by_id[company["region"]]
                candidates.append((-len(region["articles"]), region["id"], article["id"], company["id"]))
    assert candidates, "no article tags a company together with the region it sits in"
    _, region_id, article_id, company_id = min(candidates)
    article = next(a for a in data["articles"] if a["id"] == article_id)
    return by_id[region_id], article, by_id[company_id]


def click_link_to(page, url: str, within: str = "article.md-content__inner") -> None:
    """Click the first visible link in `within` that points at the site page `url`."""
    links = page.locator(f"{within} a[href]")
    for i in range(links.count()):
        link = links.nth(i)
        href = link.evaluate("a => new URL(a.getAttribute('href'), location.href).pathname")
        if href.endswith("/" + url) and link.is_visible():
            link.scroll_into_view_if_needed()
            link.click()
            page.wait_for_url(f"**/{url}")
            page.wait_for_load_state("load")
            return
    raise AssertionError(f"no visible link to {url} on {page.url}")


def test_home_region_article_company_and_back(open_tab, site):
    region, article, company = find_path(site.data)
    tab = open_tab()
    page = tab.page
    tab.goto(site.url)

    page.locator(".md-tabs a", has_text="地区").click()  # the 地区 tab opens the regions hub
    page.wait_for_url("**/regions/")
    click_link_to(page, region["url"])
    assert page.locator("h1").first.inner_text().strip() == region["name"]

    click_link_to(page, article["url"])
    assert article["title"][:6] in page.locator("h1").first.inner_text()

    click_link_to(page, company["url"])
    assert page.locator("h1").first.inner_text().strip() == company["name"]
    # The facts at the top of the page (a table row or a list item): 所在地区 or 上级.
    facts = "article.md-content__inner :is(tr, li):is(:has-text('所在地区'), :has-text('上级'))"
    assert page.locator(facts).count(), "the company page names no 所在地区"
    click_link_to(page, region["url"], within=facts)
    assert page.locator("h1").first.inner_text().strip() == region["name"]
    assert not tab.errors, tab.errors
