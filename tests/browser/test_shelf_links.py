"""A reader follows a link to a name without a page of its own to its entry on a shelf; an old
link to an entry whose name has a page by now leads on to that page."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_a_shelved_name_in_an_article_leads_to_its_marked_entry(site, open_tab):
    shelved = {e["id"]: e for e in site.data["entities"] if not e["has_page"]}
    article = next(a for a in site.data["articles"] if set(a["entities"]) & set(shelved))
    entity = shelved[sorted(set(article["entities"]) & set(shelved))[0]]
    tab = open_tab()
    tab.goto(site.url + article["url"])
    tab.page.locator(f'article a[href$="{entity["url"]}"]').first.click()
    tab.page.wait_for_load_state("load")
    assert tab.page.url == site.url + entity["url"]
    heading = tab.page.locator(f'[id="{entity["id"]}"]')
    assert heading.inner_text().strip() == entity["name"]
    assert heading.evaluate("e => e.matches(':target')")  # marked (extra.css), in view
    assert heading.is_visible() and heading.bounding_box()["y"] < 800
    assert not tab.errors, tab.errors


def test_an_old_link_to_an_entry_leads_on_to_the_page_the_name_has_now(site, open_tab):
    company = max((e for e in site.data["entities"] if e["type"] == "company" and e["has_page"]),
                  key=lambda e: (len(e["articles"]), e["id"]))
    tab = open_tab()
    # Where a link to its entry lands once the name has a page of its own and its shelf is gone
    # (the gone shelf's redirect keeps the anchor): the type's index.
    tab.goto(f"{site.url}companies/#{company['id']}")
    tab.page.wait_for_url(site.url + company["url"], timeout=10_000)
    assert tab.page.locator("h1").inner_text().strip() == company["name"]
    assert not tab.errors, tab.errors
