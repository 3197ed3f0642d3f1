"""Entity pages: who or what it is, where it sits, and everything the digest says about it."""

from __future__ import annotations

from build_digest.digest import Digest
from build_digest.feeds import has_feed
from build_digest.keyfigures import entity_figures
from build_digest.model import ENTITY_TYPES, TYPE_LABELS, Article, Entity
from build_digest.pictures.cograph import cograph, top_companions
from build_digest.pictures.regionmap import region_picture
from build_digest.pictures.timeline import timeline
from build_digest.render import markup
from build_digest.render.articles import article_url
from build_digest.render.feedlinks import subscribe_line
from build_digest.render.keyfigures import SHOWN_SENTENCES, figures_block
from build_digest.render.lists import article_list, dated
from build_digest.render.markup import NOT_SEARCHED, entity_link, link, page_path, text, text_piece
from build_digest.render.preview import LEVEL_LABELS, SENTENCE_MARKS, first_sentence, kind_label
from build_digest.searchwords import search_terms

UNREVIEWED_NOTE = (
    '!!! note "未审核"\n    本条目由程序从报道中自动识别，尚未经编辑审核；名称、类型和上级可能有误。\n\n'
)
CLOSING_MARKS = "”’」』）)》〉 \u3000"
CO_MENTION_LIMIT = 8
QUOTED_ARTICLES = 20  # newest articles quoted with their sentences; older ones listed by title
WITHIN_LIMIT = 30  # members of a region listed with their articles that do not name the region


def render_entity(entity: Entity, digest: Digest) -> str:
    here = page_path(entity.url)
    articles = digest.entity_articles(entity.id)
    feed = has_feed(articles)
    front = markup.front_matter(
        entity.name,
        _summary(entity, articles, digest),
        **({"feed": True} if feed else {}),
    )
    out = [front, f"# {text(entity.name)}\n\n"]
    if not entity.reviewed:
        out.append(UNREVIEWED_NOTE)
    # Before the facts: a lower-level region's small locator floats beside them on wide screens.
    if entity.type == "region" and entity.level != "province":
        out.append(region_picture(entity, digest))
    out.append(_facts(entity, here, digest) + "\n\n")
    # The words search finds this page by (赤峰 for 赤峰市, baotou, 包頭), shown to the reader.
    out.append(_search_aid(entity) + "\n")
    if entity.description:
        out.append(f"{text(entity.description)}\n\n")
    if entity.type == "region" and entity.level == "province":
        out.append(region_picture(entity, digest))
    out.append(timeline([a.date for a in articles], entity.url, entity.name))
    if feed:
        out.append(subscribe_line())
    out.append(_members_block(entity, here, digest))
    out.append(_mentions_block(entity, articles, here, digest))
    out.append(_co_mentions_block(entity, here, digest))
    out.append(figures_block(entity_figures(entity, digest, SHOWN_SENTENCES), here, "相关数据"))
    if entity.type == "region":
        out.append(_within_block(entity, here, digest))
    return "".join(out)


def _summary(entity: Entity, articles: list[Article], digest: Digest) -> str:
    """The page's meta and Open Graph description: what it is, where, and its latest news."""
    kind = kind_label(entity)
    place = entity.parent or entity.region or entity.affiliation
    where = f"，{digest.registry.entities[place].name}" if place else ""
    about = first_sentence(entity.description) if entity.description else ""
    news = f"{len(articles)} 篇报道提及" + (f"，最新：{articles[0].title}" if articles else "")
    return f"{entity.name}（{kind}{where}）。{about}{news}。"


def _facts(entity: Entity, here: str, digest: Digest) -> str:
    entities = digest.registry.entities
    kind = TYPE_LABELS[entity.type]
    if entity.level:
        kind += f"（{LEVEL_LABELS.get(entity.level, entity.level)}）"
    rows = [("类型", kind), ("拼音", text(entity.pinyin))]
    if entity.name_en:
        rows.append(("英文名", text(entity.name_en)))
    if entity.aliases:
        rows.append(("别名", "、".join(text(a) for a in entity.aliases)))
    if entity.local_aliases:
        rows.append(("本地称谓", "、".join(text(a) for a in entity.local_aliases)))
    chain = [entities[entity.parent]] + digest.registry.ancestors(entity.parent) if entity.parent else []
    if chain:
        rows.append(("上级", " › ".join(entity_link(e.name, e, here) for e in reversed(chain))))
    if entity.region and entity.region != entity.parent:
        region = entities[entity.region]
        rows.append(("所在地区", entity_link(region.name, region, here)))
    if entity.affiliation:
        org = entities[entity.affiliation]
        rows.append(("单位", entity_link(org.name, org, here)))
    if entity.roles:
        rows.append(("职务", "、".join(text(r) for r in entity.roles)))
    rows.append(("数据", markup.json_twin(entity.url)))
    return "".join(f"- **{key}**：{value}\n" for key, value in rows)


def _members_block(entity: Entity, here: str, digest: Digest) -> str:
    """Children and what sits in the region: a section of its own, so the page's first
    section (name, aliases, search words) stays short and ranks well in search."""
    rows = []
    children = sorted((c for c in digest.registry.children(entity.id) if c.paged), key=lambda e: e.pinyin)
    if children:
        rows.append(("下级", "、".join(link(c.name, here, page_path(c.url)) for c in children)))
    located = [e for e in digest.registry.located_in(entity.id) if e.parent != entity.id and e.paged]
    located.sort(key=lambda e: (e.type, e.pinyin))
    if located:
        label = "区内机构、项目与人物" if entity.type == "region" else "相关条目"
        rows.append((label, "、".join(link(e.name, here, page_path(e.url)) for e in located)))
    if not rows:
        return ""
    return "## 下级与所属\n\n" + "".join(f"- **{key}**：{value}\n" for key, value in rows) + "\n"


def _mentions_block(entity: Entity, articles: list[Article], here: str, digest: Digest) -> str:
    """Every article that mentions the entity, newest first; the newest with their sentences.

    Older articles are listed by title only, so a page about an entity named in thousands of
    articles stays small (and so does its share of the search index).
    """
    out = [f"## 提及的报道（{len(articles)}）\n\n"]
    if not articles:
        return out[0] + "本文摘暂无报道提及此条目。\n\n"
    for article in articles[:QUOTED_ARTICLES]:
        out.append(f"### {link(article.title, here, page_path(article_url(article)))}{NOT_SEARCHED}\n\n")
        out.append(f"{text(dated(article))}\n{{ .digest-meta }}\n\n")
        quotes = [f"> {sentence}\n" for sentence in mention_sentences(article, entity.id)]
        out.append(">\n".join(quotes) + "\n")
    older = articles[QUOTED_ARTICLES:]
    if older:
        out.append(f"### 更早的报道（{len(older)}）{NOT_SEARCHED}\n\n")
        out.append(article_list(older, here))
    return "".join(out)



def mention_sentences(article: Article, entity_id: str, limit: int = 3) -> list[str]:
    """The sentences that mention the entity, each once, every mention of it in bold, escaped.

    Body sentences come first; the headline, byline or a caption is quoted only when the body
    never names the entity (a reporter known from the byline alone).
    """
    mentions = [m for m in article.mentions if m.entity_id == entity_id]
    body = [m for m in mentions if m.paragraph >= 0]
    sentences: dict[tuple[int, int, int], list] = {}
    for mention in body or mentions:
        source = _mention_source(article, mention.paragraph)
        start = max(source.rfind(mark, 0, mention.start) for mark in SENTENCE_MARKS) + 1
        while start < mention.start and source[start] in CLOSING_MARKS:
            start += 1  # 。” ends the sentence before: its closing quote is not this one's
        ends = [i for i in (source.find(mark, mention.end) for mark in SENTENCE_MARKS) if i != -1]
        end = min(ends) + 1 if ends else len(source)
        sentences.setdefault((mention.paragraph, start, end), []).append(mention)
        if len(sentences) > limit:
            del sentences[(mention.paragraph, start, end)]
            break
    return [_bold(_mention_source(article, key[0]), key[1], key[2], spans) for key, spans in sentences.items()]


def _mention_source(article: Article, paragraph: int) -> str:
    return article.text_of(paragraph)


def _bold(source: str, start: int, end: int, spans: list) -> str:
    out, cursor = [], start
    for mention in sorted(spans, key=lambda m: m.start):
        out.append(text_piece(source[cursor : mention.start]) + "**" + text(source[mention.start : mention.end]) + "**")
        cursor = mention.end
    out.append(text_piece(source[cursor:end]))
    return "".join(out).strip()


def _co_mentions_block(entity: Entity, here: str, digest: Digest) -> str:
    counts = digest.co_mentions(entity.id)
    if not counts:
        return ""
    entities = digest.registry.entities
    # Only the entities with a page of their own are shown (each a link), in the picture and the lists.
    paged = [(other_id, n) for other_id, n in counts.items() if entities[other_id].paged]
    out = [f"## 常一同出现{NOT_SEARCHED}\n\n", cograph(entity, entities, entity.url, paged, digest.article_set)]
    by_type: dict[str, list[tuple[Entity, int]]] = {}
    for other_id, n in paged:
        other = entities[other_id]
        by_type.setdefault(other.type, []).append((other, n))
    for entity_type in ENTITY_TYPES:
        ranked = top_companions(by_type.get(entity_type, []), CO_MENTION_LIMIT, lambda pair: (-pair[1], pair[0].pinyin))
        if ranked:
            items = "、".join(f"{link(e.name, here, page_path(e.url))}（{n}）" for e, n in ranked)
            out.append(f"- **{TYPE_LABELS[entity_type]}**：{items}\n")
    return "".join(out) + "\n"


def _within_block(region: Entity, here: str, digest: Digest) -> str:
    """What the region's sub-regions and the organisations in it appear in, apart: the members
    named most, each with its count and newest article (its own page lists the rest), so a
    province's page stays the same size however many articles its members gather."""
    direct = set(digest.articles_of_entity.get(region.id, []))
    counted = []
    for member in digest.registry.within(region.id):
        ids = [a for a in digest.articles_of_entity.get(member.id, []) if a not in direct]
        if ids and member.paged:
            counted.append((member, ids))
    if not counted:
        return ""
    counted.sort(key=lambda pair: (-len(pair[1]), pair[0].type != "region", pair[0].pinyin))
    rows = []
    for member, ids in counted[:WITHIN_LIMIT]:
        newest = digest.articles[ids[0]]
        rows.append(f"- {link(member.name, here, page_path(member.url))}（{TYPE_LABELS[member.type]}）："
                    f"{len(ids)} 篇，最新：{link(newest.title, here, page_path(article_url(newest)))}\n")
    rest = counted[WITHIN_LIMIT:]
    if rest:
        rows.append(f"- 另有 {len(rest)} 个条目，见其各自页面。\n")
    return (
        f"## 辖区内的其他报道{NOT_SEARCHED}\n\n下列条目所在的报道未直接提及本地区，但提及其下级地区或区内机构"
        "（按报道数排列）。\n\n"
        + "".join(rows)
        + "\n"
    )


def _search_aid(entity: Entity) -> str:
    terms = " ".join(text(t) for t in search_terms(entity))
    return f"<small>检索词：{terms}</small>\n{{ .digest-search-terms }}\n"
