"""Shelves: the discovered names too rarely named for a page of their own, one page per type
and initial letter, one entry (an anchor) per name.

Most names the machine finds appear in one article (README: "How the site grows"); a page each
would be most of a large site. Each still gets what a reader clicking it needs: what it is,
where it sits, the article that names it and the sentence it is named in, marked 未审核. Every
link to such a name lands on its entry (Entity.link_url); when a second article names it, or
the curator accepts it, it moves to a page of its own.
"""

from __future__ import annotations

from collections import defaultdict

from build_digest.digest import Digest
from build_digest.model import TYPE_DIRS, TYPE_LABELS, Entity
from build_digest.render import markup
from build_digest.render.articles import article_url
from build_digest.render.entities import mention_sentences
from build_digest.render.lists import dated
from build_digest.render.markup import entity_link, link, page_path, text
from build_digest.render.preview import kind_label

SHELF_NOTE = (
    '!!! note "未审核"\n    下列名称由程序从报道中自动识别，尚未经编辑审核，名称、类型和上级可能有误；'
    "因报道很少，暂不单独成页。再有报道提及或经编辑收录后，将有自己的页面。\n\n"
)


def moved_entry_script(to_type_dir: str) -> str:
    """A link to a shelf entry outlives the entry: when the name has moved to a page of its own
    (a second article, or the curator's accept) or its shelf is gone (a redirect brings the
    reader to the type's index with the anchor), the anchor matches nothing here, and the
    reader is sent on to the page of that slug if there is one."""
    return (
        "<script>(function () {\n"
        "  var slug = decodeURIComponent(location.hash.slice(1));\n"
        "  if (!/^[a-z0-9-]+$/.test(slug) || document.getElementById(slug)) return;\n"
        f"  var page = new URL({to_type_dir!r} + slug + \"/\", location.href);\n"
        "  fetch(page, {method: \"HEAD\"}).then(function (answer) {\n"
        "    if (answer.ok) location.replace(page);\n"
        "  }).catch(function () {});\n"
        "})();</script>\n\n"
    )


def shelves(digest: Digest) -> dict[str, list[Entity]]:
    """{shelf page URL: its names in pinyin order} for every entity without a page."""
    by_shelf: dict[str, list[Entity]] = defaultdict(list)
    for entity in digest.registry.entities.values():
        if not entity.paged:
            by_shelf[entity.shelf_url].append(entity)
    for members in by_shelf.values():
        members.sort(key=lambda e: (e.slug, e.name))
    # A to Z, then 其他 (the names that begin with no letter, on '0').
    return dict(sorted(by_shelf.items(), key=lambda item: (item[0].endswith("/0/"), item[0])))


def shelf_letter(url: str) -> str:
    """'companies/unreviewed/b/' -> 'B'; names that begin with no letter are on '0', shown 其他."""
    letter = url.rstrip("/").rsplit("/", 1)[-1]
    return "其他" if letter == "0" else letter.upper()


def shelves_of_type(entity_type: str, urls) -> list[str]:
    prefix = f"{TYPE_DIRS[entity_type]}/"
    return [url for url in urls if url.startswith(prefix)]


def shelf_links(urls: list[str], here: str, current: str = "") -> str:
    """'A · B · 其他': one link per shelf of a type, the current one in bold."""
    return " · ".join(
        f"**{shelf_letter(url)}**" if url == current else link(shelf_letter(url), here, page_path(url)) for url in urls
    )


def render_shelf(url: str, members: list[Entity], siblings: list[str], digest: Digest) -> str:
    here = page_path(url)
    label = TYPE_LABELS[members[0].type]
    letter = shelf_letter(url)
    out = [
        markup.front_matter(
            f"待审核的{label}名称：{letter}",
            f"程序识别、尚未审核、报道很少的{label}名称（{letter}）：{'、'.join(e.name for e in members[:8])}。",
            hide=["toc"],
        ),
        f"# 待审核的{label}名称：{letter}\n\n",
        SHELF_NOTE,
        f"{len(members)} 个名称，按拼音排列。"
        + (f"字母：{shelf_links(siblings, here, url)} · " if len(siblings) > 1 else "")
        + f"全部{label}：{link(label, here, f'{TYPE_DIRS[members[0].type]}/index.md')}\n\n",
    ]
    out += [_entry(entity, here, digest) for entity in members]
    out.append(moved_entry_script("../../"))
    return "".join(out)


def _entry(entity: Entity, here: str, digest: Digest) -> str:
    entities = digest.registry.entities
    # The page is the type's: the kind is said only when it adds a level (地区·区县).
    kind = kind_label(entity)
    facts = [text(kind)] if kind != TYPE_LABELS[entity.type] else []
    for label, other in (("上级", entity.parent), ("所在地区", entity.region), ("单位", entity.affiliation)):
        if other and other in entities and (label == "上级" or other != entity.parent):
            facts.append(f"{label}：{entity_link(entities[other].name, entities[other], here)}")
    if entity.roles:
        facts.append("、".join(text(r) for r in entity.roles))
    if entity.description:  # discovery's own note, e.g. the places a 鼓楼区 may be
        facts.append(text(entity.description))
    out = [f"### {text(entity.name)} {{ #{entity.slug} }}\n\n"]
    if facts:
        out.append(" · ".join(facts) + "\n\n")
    children = sorted(digest.registry.children(entity.id), key=lambda e: (e.slug, e.name))
    if children:
        out.append("下级：" + "、".join(entity_link(c.name, c, here) for c in children) + "\n\n")
    articles = digest.entity_articles(entity.id)
    if not articles:
        out.append("本文摘的报道未直接提及此名称。\n\n")
    for article in articles:
        title = link(article.title, here, page_path(article_url(article)))
        out.append(f"{title} <small>{text(dated(article))}</small>\n\n")
        out += [f"> {sentence}\n\n" for sentence in mention_sentences(article, entity.id, limit=1)]
    return "".join(out)
