"""Article pages: the cleaned text with entity links, what it names, figures, related reading."""

from __future__ import annotations

from build_digest.digest import Digest
from build_digest.figures import by_sentence
from build_digest.keyfigures import WITHHELD
from build_digest.model import ENTITY_TYPES, TYPE_LABELS, Article, Source
from build_digest.render import markup
from build_digest.render.lines import line_table
from build_digest.render.markup import (
    NOT_SEARCHED,
    date_label,
    entity_link,
    figure_value,
    link,
    page_path,
    text,
    text_piece,
)
from build_digest.render.preview import entity_preview, first_sentence

ARTICLES_DIR = "articles/"  # every article page is a folder of it


def article_url(article: Article) -> str:
    return f"{ARTICLES_DIR}{article.id}/"


def source_url(file_name: str) -> str:
    return f"sources/{file_name.rsplit('.', 1)[0]}/"


SOURCE_LINES = "source-lines"  # the anchor of a file's lines on the page of its only article


def render_article(article: Article, digest: Digest, links: dict[tuple, str] | None = None) -> str:
    """`links`: entity links already written, shared by the article pages one process renders.
    Every article page sits in articles/, so a link to an entity under a given label (with its
    preview) is the same text on each of them: made once, not once per page."""
    here = page_path(article_url(article))
    links = {} if links is None else links
    out = [markup.front_matter(article.title, _summary(article), og_type="article")]
    if article.kicker:
        out.append(f"{text(article.kicker)}\n{{ .digest-kicker }}\n\n")
    out.append(f"# {text(article.title)}\n\n")
    if article.title_inferred:
        out.append('!!! info "标题由编者拟定"\n    原文未印标题，此标题根据正文首句拟定。\n\n')
    out.append(_facts(article, here) + "\n\n")
    if article.standfirst:
        out.append(f"{text(article.standfirst)}\n{{ .digest-standfirst }}\n\n")
    if article.excerpt:
        out.append(_excerpt_notice(article))
    linked: set[str] = set()
    by_paragraph: dict[int, list] = {}
    for mention in sorted(article.mentions, key=lambda m: (m.start, -m.end)):
        by_paragraph.setdefault(mention.paragraph, []).append(mention)
    for index, paragraph in enumerate(article.paragraphs):
        body = _linked_text(paragraph, by_paragraph.get(index, ()), here, digest, linked, links)
        out.append(f"### {body}\n\n" if paragraph.kind == "h" else f"{body}\n\n")
    for caption in article.captions:
        out.append(f"{text(caption)}\n{{ .digest-caption }}\n\n")
    out.append(_entities_block(article, here, digest.registry, links))
    out.append(_topics_block(article, here, digest))
    out.append(_figures_block(article))
    out.append(_related_block(article, here, digest))
    out.append(_source_block(article, here, digest))
    return "".join(out)


def _summary(article: Article) -> str:
    """The first sentence: what a link shared in a chat shows under the headline (the whole
    first paragraph, twice in every page's head, was 1.4 % of a large site)."""
    first = next((p.text for p in article.paragraphs if p.kind == "p"), "")
    return first_sentence(" ".join(first.split()))


def _excerpt_notice(article: Article) -> str:
    """An excerpt says so at the top, with the way to the full text."""
    who = text(article.publication) if article.publication else "原刊"
    out = [
        '!!! info "摘要转载"\n',
        f"    {who}仅允许摘要转载：此处收录标题、首段、关键数据与涉及条目"
        f"（原文共 {article.full_paragraphs} 段）。\n",
    ]
    if article.url:
        out.append(f"\n    [阅读原文 →](<{markup.attr(article.url)}>){{ .md-button .md-button--primary }}\n")
    else:
        out.append("\n    全文请见原刊。\n")
    return "".join(out) + "\n"


def _facts(article: Article, here: str) -> str:
    parts = [f"**日期** {date_label(article.date, article.date_md)}"]
    if article.publication:
        name = text(article.publication)
        parts.append(f"**来源** [{name}]({markup.attr(article.url)})" if article.url else f"**来源** {name}")
    elif article.url:
        parts.append(f"**原文** <{markup.attr(article.url)}>")
    if article.column:
        parts.append(f"**栏目** {text(article.column)}")
    if article.byline:
        parts.append(f"**作者** {text(article.byline)}")
    if article.attribution:
        parts.append(f"**版权** {text(article.attribution)}")
    return " · ".join(parts) + "\n{ .digest-facts }"


def _linked_text(paragraph, mentions, here: str, digest: Digest, linked: set[str], links: dict[tuple, str]) -> str:
    """Paragraph text with the first mention of each entity linked to its page (`mentions`:
    the paragraph's, in reading order, longest first where two start together)."""
    pieces, cursor = [], 0
    folder = here.rpartition("/")[0]
    for mention in mentions:
        if mention.entity_id in linked or mention.start < cursor:
            continue  # linked already, or a place inside a linked name (徐州市 in 徐州市科技局)
        linked.add(mention.entity_id)
        pieces.append(text_piece(paragraph.text[cursor : mention.start]))
        key = (folder, mention.entity_id, mention.surface, True)
        if key not in links:
            entity = digest.registry.entities[mention.entity_id]
            links[key] = entity_link(mention.surface, entity, here, title=entity_preview(entity, digest.registry))
        pieces.append(links[key])
        cursor = mention.end
    pieces.append(text_piece(paragraph.text[cursor:]))
    return "".join(pieces).strip()


def _entities_block(article: Article, here: str, registry, links: dict[tuple, str]) -> str:
    if not article.entity_ids:
        return ""
    entities = registry.entities
    folder = here.rpartition("/")[0]
    by_type: dict[str, list[str]] = {}
    for entity_id in article.entity_ids:
        entity = entities[entity_id]
        key = (folder, entity_id, entity.name, False)
        if key not in links:
            # The article's own paragraphs carry each entity's preview; the list needs none.
            links[key] = entity_link(entity.name, entity, here)
        by_type.setdefault(entity.type, []).append(links[key])
    out = [f"## 本文涉及{NOT_SEARCHED}\n\n"]
    for entity_type in ENTITY_TYPES:
        if entity_type in by_type:
            out.append(f"- **{TYPE_LABELS[entity_type]}**：{'、'.join(by_type[entity_type])}\n")
    return "".join(out) + "\n"


def _topics_block(article: Article, here: str, digest: Digest) -> str:
    if not article.topic_ids:
        return ""
    topics = digest.registry.topics
    links = " ".join(link(topics[t].name, here, page_path(topics[t].url)) for t in article.topic_ids)
    return f"## 主题{NOT_SEARCHED}\n\n{links}\n{{ .digest-tags }}\n\n"


def _figures_block(article: Article) -> str:
    if not article.figures:
        return ""
    rows = [f"## 关键数据{NOT_SEARCHED}\n\n| 原文 | 数据 |\n| --- | --- |\n"]
    for group in by_sentence(article.figures):
        values = "<br>".join(figure_value(f) for f in group)
        rows.append(f"| {text(group[0].sentence) or WITHHELD} | {values} |\n")
    return "".join(rows) + "\n"


def _related_block(article: Article, here: str, digest: Digest) -> str:
    if not article.related:
        return ""
    out = [f"## 相关文章{NOT_SEARCHED}\n\n"]
    for other_id, shared in article.related:
        other = digest.articles[other_id]
        out.append(
            f"- {link(other.title, here, page_path(article_url(other)))}"
            f"（{date_label(other.date, other.date_md)}，共同涉及 {shared} 个条目）\n"
        )
    return "".join(out) + "\n"


def _source_block(article: Article, here: str, digest: Digest) -> str:
    lines = article.body_lines
    first = lines[0] if lines else 1
    inline = digest.inline_sources.get(article.source) == article.id
    named = text(article.source) if inline else link(article.source, here, page_path(source_url(article.source)),
                                                    f"L{first}")
    out = [
        f"## 原文出处{NOT_SEARCHED}\n\n"
        f"来源文件 {named}，正文第 {_ranges(lines)} 行。"
        f"本文数据：{markup.json_twin(article_url(article))}。\n"
    ]
    if inline:
        out.append(_other_lines(article, digest.source_files[article.source]))
    for extra in article.also_in:
        other = link(extra["file"], here, page_path(source_url(extra["file"])), f"L{extra['lines'][0]}")
        out.append(f"\n同文亦见 {other}，第 {_ranges(extra['lines'])} 行。\n")
    return "".join(out)


def _other_lines(article: Article, source: Source) -> str:
    """The file's lines other than the body shown above (headline, byline, page furniture),
    with their roles: how the page was read, for a file that holds this article alone."""
    body = set(article.body_lines)
    others = [line for line in source.content_lines if line.number not in body]
    if not others:
        return ""
    table = line_table(source, others)
    return (
        f'\n<details class="digest-source-lines" id="{SOURCE_LINES}">\n'
        f"<summary>原始文件的其余 {len(others)} 行及其分类（编码 {text(source.encoding)}，共 {len(source.lines)} 行）"
        f"</summary>\n{table}</details>\n"
    )


def _ranges(numbers: list[int]) -> str:
    """[13, 15, 17, 19, 40] -> '13–19、40' for lines that run on with blank lines between."""
    if not numbers:
        return ""
    spans, start, prev = [], numbers[0], numbers[0]
    for n in numbers[1:]:
        if 0 < n - prev <= 2:
            prev = n
            continue
        spans.append((start, prev))
        start = prev = n
    spans.append((start, prev))
    return "、".join(f"{a}–{b}" if a != b else str(a) for a, b in spans)
