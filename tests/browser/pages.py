"""Which pages the browser tests look at, chosen from digest.json."""

from __future__ import annotations

ENTITY_TYPES = ("region", "program", "company", "institution", "person")
HUBS = ("articles/", "regions/", "programs/", "companies/", "institutions/", "people/", "topics/")


def sample_pages(data: dict) -> dict[str, str]:
    """{label: site path}: the home page, the longest article, the most-mentioned entity of each type."""
    pages = {"home": ""}
    article = max(data["articles"], key=lambda a: (len(a["entities"]), a["id"]))
    pages["article"] = article["url"]
    for kind in ENTITY_TYPES:
        entity = max((e for e in data["entities"] if e["type"] == kind and e["has_page"]),
                     key=lambda e: (len(e["articles"]), e["id"]))
        pages[kind] = entity["url"]
    return pages
