from build_digest.digest import build_digest
from build_digest.problems import Warnings
from build_digest.render.entities import QUOTED_ARTICLES, render_entity
from tests.helpers import make_registry, source_from_text


def test_page_lists_every_article_and_quotes_the_newest(tmp_path):
    registry = make_registry(tmp_path / "reg", companies=[{"name": "某某磁材科技有限公司", "aliases": ["某某磁材"]}])
    count = QUOTED_ARTICLES + 5
    sources = []
    for i in range(count):
        day = f"{1 + i // 28:02d}-{1 + i % 28:02d}"
        text = f"发布时间:2023-{day}\n\n第{i}号报道标题\n\n本报讯 某某磁材今年新增产线{i}条,产能提升。\n"
        source, _ = source_from_text(tmp_path, text, name=f"{i:03d}.txt")
        sources.append(source)
    digest = build_digest(sources, registry, Warnings())
    entity = registry.entities["mou-mou-ci-cai-ke-ji-you-xian-gong-si"]
    page = render_entity(entity, digest)
    ids = digest.articles_of_entity[entity.id]
    assert len(ids) == count
    # The quoted ones as Markdown links, the older ones in an HTML list with their final URLs.
    assert all(f"articles/{article_id}.md" in page or f"../articles/{article_id}/" in page for article_id in ids)
    assert page.count("> 本报讯 **某某磁材**今年新增产线") == QUOTED_ARTICLES
    assert "更早的报道（5）" in page
    # Newest first: the first quoted article is the latest date.
    first = page.index("### [")
    last = count - 1
    newest = f"2023-{1 + last // 28:02d}-{1 + last % 28:02d}"
    assert digest.articles[ids[0]].title in page[first:first + 200] and digest.articles[ids[0]].date == newest


def test_a_topic_page_lists_its_newest_articles_and_counts_the_rest(tmp_path, monkeypatch):
    from build_digest.render import hubs

    monkeypatch.setattr(hubs, "TOPIC_LISTED", 2)
    registry = make_registry(tmp_path / "reg", topics=[{"name": "氢能", "slug": "qingneng", "keywords": ["氢能"]}])
    sources = []
    for i in range(5):
        text = f"发布时间:2023-03-{i + 1:02d}\n\n第{i}号氢能报道\n\n本报讯 某地氢能产业园第{i}期开工。\n"
        sources.append(source_from_text(tmp_path, text, name=f"{i:03d}.txt")[0])
    digest = build_digest(sources, registry, Warnings())
    page = hubs.render_topic(registry.topics["qingneng"], digest)
    assert "报道（5）" in page and "第4号氢能报道" in page and "第3号氢能报道" in page
    assert "第2号氢能报道" not in page.split("## 常见条目")[0].split("## 报道")[1]
    assert "更早的 3 篇" in page
