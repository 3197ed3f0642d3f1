"""axe-core finds no critical or serious violation, in the light and the dark palette.

The light palette runs every rule; the dark palette changes colours only, so it runs the rules
that depend on colour (the page structure is the same), which halves the time.
"""

from __future__ import annotations

import pytest

from tests.browser.pages import HUBS, sample_pages

pytestmark = pytest.mark.browser
COLOUR_RULES = ["color-contrast", "link-in-text-block"]


@pytest.fixture(scope="session")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_accessibility_violations(open_tab, site, axe, scheme):
    tab = open_tab(scheme=scheme)
    urls = {**sample_pages(site.data), **{hub: hub for hub in HUBS}}
    found = []
    for label, url in urls.items():
        tab.goto(site.url + url)
        options = {"resultTypes": ["violations"]}
        if scheme == "dark":
            options["runOnly"] = {"type": "rule", "values": COLOUR_RULES}
        results = axe.run(tab.page, options=options)
        for violation in results.response["violations"]:
            if violation["impact"] in ("critical", "serious"):
                targets = [node["target"] for node in violation["nodes"][:3]]
                rule = f"{violation['id']} [{violation['impact']}] {violation['help']}"
                found.append(f"{label} ({url}): {rule}: {targets}")
    assert not found, f"{len(found)} violations:\n" + "\n".join(found)
    assert not tab.errors, tab.errors
