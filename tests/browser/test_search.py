"""Search as a reader uses it: type into the header search box, read the first results.

Queries come from the registry (names, aliases, short forms, pinyin), not from a list that
happens to pass: every programme name, every alias of the first entities of each type, the
short forms and pinyin of every region, and the examples of the issue.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from build_digest import searchwords
from build_digest.registry import load_registry
from tests.browser.conftest import DESKTOP, PHONE
from tests.conftest import ROOT

pytestmark = pytest.mark.browser

TOP = 3
ALIASES_PER_TYPE = 6
NO_RESULTS = "没有找到符合条件的结果"
EXAMPLES = ["揭榜挂帅", "天和磁材", "包头稀土高新区", "哈工大", "baotou", "赤峰", "包頭"]


def registry_queries() -> dict[str, list[tuple[str, str]]]:
    """{group: [(query, entity id)]}, each query with the entity whose page must come up."""
    registry = load_registry(ROOT / "data")
    entities = sorted(registry.entities.values(), key=lambda e: e.id)
    owners: dict[str, set[str]] = {}
    for entity in entities:
        for term in searchwords.search_terms(entity):
            owners.setdefault(term, set()).add(entity.id)

    groups: dict[str, list[tuple[str, str]]] = {"program names": []}
    for entity in entities:
        if entity.type == "program":
            groups["program names"].append((entity.name, entity.id))
    for kind in ("region", "program", "company", "institution", "person"):
        with_aliases = [e for e in entities if e.type == kind and e.aliases]
        picked = [(alias, e.id) for e in with_aliases for alias in e.aliases][:ALIASES_PER_TYPE]
        if picked:
            groups[f"{kind} aliases"] = picked
    regions = [e for e in entities if e.type == "region"]
    groups["region short forms"] = [(form, e.id) for e in regions for form in searchwords.short_forms(e)]
    groups["region pinyin"] = [(form, e.id) for e in regions for form in searchwords.pinyin_forms(e)]
    # A reader typing traditional characters (包頭) finds the simplified page.
    groups["region traditional forms"] = [(form, e.id) for e in regions for form in searchwords.traditional_forms(e)]
    groups["examples"] = [(q, sorted(owners[q])[0]) for q in EXAMPLES if q in owners]
    for name, items in groups.items():
        # A word that names two entities cannot single one out; none does in the registry today.
        groups[name] = [(q, entity_id) for q, entity_id in dict.fromkeys(items) if len(owners.get(q, {entity_id})) == 1]
    return groups


QUERIES = registry_queries()


class SearchBox:
    """The header search of one page, driven with clicks and the keyboard."""

    def __init__(self, tab, base_url: str):
        self.tab, self.page, self.base = tab, tab.page, base_url
        tab.goto(base_url)
        button = self.page.locator("label.md-header__button[for=__search]")
        if button.is_visible():  # phone: the magnifier in the header opens the search
            button.click()
        else:  # desktop: the search box is in the header
            self.page.locator(".md-search__input").click()
        self.input = self.page.locator(".md-search__input")
        self.input.wait_for(state="visible")

    def _sent(self) -> int:
        return self.page.evaluate("window.__searchProbe.sent")

    def _wait_for_answer(self, sent_before: int) -> None:
        """Until Material has sent a new query to its worker and has the answers to all it sent."""
        try:
            self.page.wait_for_function(
                "n => { const p = window.__searchProbe; return p.sent > n && p.results >= p.sent; }",
                arg=sent_before,
                timeout=10_000,
            )
        except Exception as error:
            probe = self.page.evaluate("window.__searchProbe")
            raise AssertionError(f"no search answer for {self.input.input_value()!r}: {probe}") from error

    def search(self, query: str) -> list[str]:
        """Type the query; the site paths of the result pages, best first."""
        if self.input.input_value():
            sent = self._sent()
            self.page.keyboard.press("Control+A")
            self.page.keyboard.press("Backspace")
            self._wait_for_answer(sent)
        sent = self._sent()
        self.page.keyboard.type(query)
        self._wait_for_answer(sent)
        hrefs = self.page.eval_on_selector_all(
            ".md-search-result__list > li.md-search-result__item",
            "items => items.map(li => li.querySelector('a').href)",
        )
        return [urlsplit(href).path.removeprefix(urlsplit(self.base).path) for href in hrefs]

    @property
    def meta(self) -> str:
        return self.page.inner_text(".md-search-result__meta").strip()


@pytest.fixture(scope="module")
def search_tab(browser, site):
    from tests.browser.conftest import Tab

    tab = Tab(browser, viewport=DESKTOP)
    box = SearchBox(tab, site.url)
    yield box
    assert not tab.errors, tab.errors
    tab.close()


@pytest.mark.parametrize("group", sorted(QUERIES))
def test_registry_words_find_their_page(search_tab, site, group):
    urls = {e["id"]: e["url"] for e in site.data["entities"]}
    failures = []
    for query, entity_id in QUERIES[group]:
        pages = search_tab.search(query)
        if urls[entity_id] not in pages[:TOP]:
            rank = pages.index(urls[entity_id]) + 1 if urls[entity_id] in pages else None
            failures.append(f"{query!r}: {urls[entity_id]} ranked {rank} of {len(pages)}; top {TOP}: {pages[:TOP]}")
    assert not failures, f"{len(failures)} of {len(QUERIES[group])} {group} miss their page:\n" + "\n".join(failures)


def test_the_examples_come_from_the_registry():
    assert [q for q, _ in QUERIES["examples"]] == EXAMPLES


@pytest.mark.parametrize(
    "typed, normalised, expected",
    [
        ("ｂａｏｔｏｕ", "baotou", "regions/bao-tou-shi/"),
        ("「包头市」", "包头市", "regions/bao-tou-shi/"),
        ("（包头市）", "(包头市)", "regions/bao-tou-shi/"),
        ("《哈工大》", "哈工大", "institutions/ha-er-bin-gong-ye-da-xue/"),
        ("哈工大。", "哈工大 ", "institutions/ha-er-bin-gong-ye-da-xue/"),
    ],
)
def test_full_width_input_is_normalised(search_tab, typed, normalised, expected):
    pages = search_tab.search(typed)
    assert search_tab.input.input_value() == normalised
    assert expected in pages[:TOP], (typed, pages[:TOP])


def test_a_word_inside_a_longer_name_finds_it(search_tab, site):
    """Character pairs, not a word segmenter: 高新 is found inside 包头稀土高新区."""
    zone = next(e for e in site.data["entities"] if e["name"] == "包头稀土高新技术产业开发区")
    pages = search_tab.search("高新")
    assert zone["url"] in pages, pages


SHOWN = 20  # results the search worker shows (docs/assets/search-worker.js)


def test_the_count_line_says_how_many_pages_match_in_all(search_tab):
    pages = search_tab.search("稀土")  # in most pages of the small site, more than are shown
    total = int(search_tab.meta.split(" ")[0].replace(",", ""))
    assert 0 < len(pages) <= SHOWN < total, search_tab.meta  # Material lists 10, more as one scrolls
    assert search_tab.meta == f"{total} 个符合条件的结果（显示前 {SHOWN} 个）"


def test_a_query_without_hits_says_so(search_tab):
    assert search_tab.search("zzqxjv") == []
    assert search_tab.meta == NO_RESULTS


def test_search_from_the_phone_menu(open_tab, site):
    box = SearchBox(open_tab(viewport=PHONE), site.url)
    pages = box.search("哈工大")
    assert "institutions/ha-er-bin-gong-ye-da-xue/" in pages[:TOP], pages[:TOP]
    box.page.locator(".md-search-result__item a[href*='institutions/ha-er-bin-gong-ye-da-xue/']").first.click()
    box.page.wait_for_url("**/institutions/ha-er-bin-gong-ye-da-xue/**")
    assert box.page.locator("h1").first.inner_text().strip() == "哈尔滨工业大学"
