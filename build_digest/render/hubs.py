"""Hub pages: home, one index per entity type, topics, the timeline, the source list."""

from __future__ import annotations

from collections import defaultdict

from build_digest.digest import Digest
from build_digest.feeds import has_feed
from build_digest.keyfigures import topic_figures
from build_digest.model import ENTITY_TYPES, TYPE_DIRS, TYPE_LABELS, Article, Topic
from build_digest.pictures.regionmap import home_map
from build_digest.pictures.timeline import timeline
from build_digest.render import markup
from build_digest.render.articles import SOURCE_LINES, article_url, source_url
from build_digest.render.feedlinks import subscribe_line
from build_digest.render.keyfigures import SHOWN_SENTENCES, figures_block
from build_digest.render.lists import article_list
from build_digest.render.markup import html_link, html_list, html_text, link, page_path, text
from build_digest.render.shelves import moved_entry_script, shelf_links
from build_digest.slugs import pinyin_words

LATEST = 5  # the pictures carry the home page; the timeline hub has every article
TOP = 5
TOPIC_ENTITIES = 12
TOPIC_LISTED = 300  # newest articles listed on a topic page (a topic gathers thousands: its timeline links every month)


def render_home(digest: Digest) -> str:
    """The digest at a glance: counts, articles per month, the map, the newest, the busiest."""
    here = "index.md"
    articles = list(digest.articles.values())
    latest = articles[0].title if articles else ""
    out = [
        markup.front_matter(
            "科技新闻摘编",
            f"中国科技新闻摘编：{len(articles)} 篇报道，按地区、项目、企业、机构与人物交叉索引。"
            + (f"最新：{latest}" if latest else ""),
            **({"feed": True} if has_feed(articles) else {}),
        ),
        "# 科技新闻摘编\n\n",
    ]
    counts = {t: sum(1 for e in digest.registry.entities.values() if e.type == t) for t in ENTITY_TYPES}
    out.append(
        f"本摘编收录 **{len(articles)}** 篇报道（来自 {len(digest.sources)} 个原始文件），"
        f"索引 {'、'.join(f'{counts[t]} 个{TYPE_LABELS[t]}' for t in ENTITY_TYPES)}，"
        f"以及 {len(digest.registry.topics)} 个主题。\n\n"
    )
    if has_feed(articles):
        out.append(subscribe_line())
    chart = timeline([a.date for a in articles], "", "本摘编")
    if chart:
        out.append(f"## 报道时间线\n\n{chart}")
    places = home_map(digest)
    if places:
        out.append(f"## 地区分布\n\n{places}")
    out.append("## 最新报道\n\n")
    out.append(article_list(articles[:LATEST], here))
    out.append(f"{link('全部报道（按月）', here, 'articles/index.md')}\n\n")
    out.append("## 报道最多的条目\n\n")
    ranked = sorted(digest.articles_of_entity.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    for entity_type in ENTITY_TYPES:
        top = [
            (digest.registry.entities[e], len(ids))
            for e, ids in ranked
            if digest.registry.entities[e].type == entity_type and digest.registry.entities[e].paged
        ][:TOP]
        if top:
            items = "、".join(f"{link(e.name, here, page_path(e.url))}（{n}）" for e, n in top)
            out.append(f"- **{link(TYPE_LABELS[entity_type], here, f'{TYPE_DIRS[entity_type]}/index.md')}**：{items}\n")
    out.append("\n## 主题\n\n")
    out.append(_topic_cloud(digest, here))
    return "".join(out)


def _topic_cloud(digest: Digest, here: str) -> str:
    topics = sorted(
        digest.registry.topics.values(), key=lambda t: (-len(digest.articles_of_topic.get(t.id, [])), t.slug)
    )
    items = [f"{link(t.name, here, page_path(t.url))}（{len(digest.articles_of_topic.get(t.id, []))}）" for t in topics]
    return "、".join(items) + "\n"


def _initial(name: str) -> str:
    words = pinyin_words(name)
    first = words[0][:1].upper() if words and words[0] else "#"
    return first if first.isalpha() and first.isascii() else "#"


def render_type_index(entity_type: str, digest: Digest, shelved: list[str]) -> str:
    """Every entity of the type with a page, by pinyin initial; then the type's shelves
    (`shelved`: their URLs, render/shelves.py) of names without one."""
    here = f"{TYPE_DIRS[entity_type]}/index.md"
    label = TYPE_LABELS[entity_type]
    of_type = [e for e in digest.registry.entities.values() if e.type == entity_type]
    members = sorted((e for e in of_type if e.paged), key=lambda e: (e.pinyin, e.name))
    out = [
        markup.front_matter(label, f"按拼音排列的全部{label}条目。"),
        f"# {label}\n\n",
        f"共 {len(members)} 个条目，按拼音首字母排列；括号内为提及的报道数。\n\n",
    ]
    pageless = len(of_type) - len(members)
    if shelved:
        out.append(f"另有 {pageless} 个[待审核名称](#unreviewed)暂不单独成页。\n\n")
    groups: dict[str, list] = defaultdict(list)
    for entity in members:
        groups[_initial(entity.name)].append(entity)
    letters = sorted(groups)
    out.append(" · ".join(f"[{_group_label(letter)}](#{_anchor(letter)})" for letter in letters) + "\n\n")
    for letter in letters:
        out.append(f"## {_group_label(letter)} {{ #{_anchor(letter)} }}\n\n")
        out.append(html_list([
            f"{html_link(e.name, here, page_path(e.url))}（{len(digest.articles_of_entity.get(e.id, []))}）"
            f"<small>{html_text(e.pinyin)}</small>"
            for e in groups[letter]
        ]))
    if shelved:
        out.append(f"## 待审核名称 {{ #unreviewed }}\n\n程序从报道中识别、尚未经编辑审核且报道很少的 {pageless} 个"
                   f"{label}名称暂不单独成页，按拼音首字母列出，各附提及它的报道与原句："
                   f"{shelf_links(shelved, here)}\n\n")
    out.append(moved_entry_script("./"))  # a gone shelf's redirect lands here with its anchor
    return "".join(out)


def _group_label(letter: str) -> str:
    return letter if letter != "#" else "其他"


def _anchor(letter: str) -> str:
    return letter.lower() if letter != "#" else "other"


def render_topics_index(digest: Digest) -> str:
    here = "topics/index.md"
    out = [markup.front_matter("主题", "按主题浏览报道。"), "# 主题\n\n"]
    for topic in sorted(digest.registry.topics.values(), key=lambda t: t.slug):
        n = len(digest.articles_of_topic.get(topic.id, []))
        keywords = "、".join(text(k) for k in topic.keywords)
        out.append(f"- {link(topic.name, here, page_path(topic.url))}（{n}）<small>关键词：{keywords}</small>\n")
    return "".join(out)


def render_topic(topic: Topic, digest: Digest) -> str:
    here = page_path(topic.url)
    ids = digest.articles_of_topic.get(topic.id, [])
    articles = [digest.articles[a] for a in ids]
    feed = has_feed(articles)
    about = f"{topic.description} " if topic.description else ""
    latest = f"，最新：{articles[0].title}" if articles else ""
    description = f"{about}主题“{topic.name}”下的 {len(ids)} 篇报道{latest}"
    out = [
        markup.front_matter(topic.name, description + "。", **({"feed": True} if feed else {})),
        f"# {text(topic.name)}\n\n",
    ]
    if topic.description:
        out.append(f"{text(topic.description)}\n\n")
    out.append(f"关键词：{'、'.join(text(k) for k in topic.keywords)}\n\n")
    out.append(timeline([a.date for a in articles], topic.url, f"主题“{topic.name}”"))
    if feed:
        out.append(subscribe_line())
    out.append(f"## 报道（{len(ids)}）\n\n")
    out.append(article_list(articles[:TOPIC_LISTED], here))
    if len(articles) > TOPIC_LISTED:
        months = link("全部报道（按月）", here, "articles/index.md")
        out.append(f"以上是最新的 {TOPIC_LISTED} 篇。更早的 {len(articles) - TOPIC_LISTED} 篇：点击上方时间线的月份，"
                   f"或在{months}中查看。\n{{ .digest-meta }}\n\n")
    entity_counts = digest.named_in(ids)
    if entity_counts:
        paged = ((e, n) for e, n in entity_counts.items() if digest.registry.entities[e].paged)
        top = sorted(paged, key=lambda kv: (-kv[1], kv[0]))[:TOPIC_ENTITIES]
        items = "、".join(
            f"{link(digest.registry.entities[e].name, here, page_path(digest.registry.entities[e].url))}（{n}）"
            for e, n in top
        )
        out.append(f"\n## 常见条目\n\n{items}\n\n")
    out.append(figures_block(topic_figures(topic, digest, SHOWN_SENTENCES), here))
    return "".join(out)


def render_timeline(digest: Digest) -> str:
    here = "articles/index.md"
    out = [markup.front_matter("全部报道", "按月排列的全部报道。"), "# 全部报道\n\n"]
    months: dict[str, list[Article]] = defaultdict(list)
    for article in digest.articles.values():
        months[article.date[:7] if article.date else "undated"].append(article)
    keys = sorted((k for k in months if k != "undated"), reverse=True) + (["undated"] if "undated" in months else [])
    out.append("| 月份 | 报道数 |\n| --- | --- |\n")
    for key in keys:
        out.append(f"| [{_month_label(key)}](#m-{key}) | {len(months[key])} |\n")
    out.append("\n")
    for key in keys:
        out.append(f"## {_month_label(key)} {{ #m-{key} }}\n\n")
        out.append(article_list(months[key], here))
    return "".join(out)


def _month_label(key: str) -> str:
    if key == "undated":
        return "日期不详"
    year, month = key.split("-")
    return f"{year}年{int(month)}月"


def render_sources_index(digest: Digest) -> str:
    here = "sources/index.md"
    out = [
        markup.front_matter("原始文件", "原始文件及其逐行分类。"),
        "# 原始文件\n\n",
        "每个原始文件逐行标注其角色（正文、标题、署名、图片说明等），可核对摘编与原文的对应。\n\n",
    ]
    items = []
    for source in digest.sources:
        n = len(digest.articles_of_source.get(source.file, []))
        only = digest.inline_sources.get(source.file)
        if only:  # its lines are on the page of its only article
            named = html_link(source.file, here, page_path(article_url(digest.articles[only])), SOURCE_LINES)
        else:
            named = html_link(source.file, here, page_path(source_url(source.file)))
        items.append(f"{named}（{n} 篇，编码 {html_text(source.encoding)}）")
    out.append(html_list(items))
    return "".join(out)
