"""One page per source file: every line with its number and role, the HTML twin of `sources`."""

from __future__ import annotations

import html

from build_digest.digest import Digest
from build_digest.model import Source
from build_digest.render import markup
from build_digest.render.articles import article_url, source_url
from build_digest.render.markup import relative, text

ROLE_LABELS = {
    "body": "正文",
    "title": "标题",
    "byline": "署名",
    "caption": "图片说明",
    "label": "栏目/引题",
    "pullquote": "提要",
    "duplicate": "重复",
    "boilerplate": "网页杂项",
    "metadata": "元数据",
    "standfirst": "内容提要",
    "unplaced": "未归类",
}


# In place of a line's text when the publication allows only excerpts (rights.py).
WITHHELD = '<span class="digest-withheld">（仅摘要转载，此行文字未收录）</span>'


def render_source(source: Source, digest: Digest) -> str:
    """The line table is raw HTML: Markdown would spend most of the build escaping every line.

    Source pages stay out of the search index: their text is already indexed on the articles.
    """
    owner = {}
    for article in digest.articles_of_source.get(source.file, []):
        for number in article.body_lines + article.title_lines:
            owner[number] = article
    # Raw HTML is not rewritten by mkdocs: links are relative to the page's own URL.
    page_dir = source_url(source.file).rstrip("/")
    rows = []
    for line in source.content_lines:
        article = owner.get(line.number)
        where = ""
        if article:
            href = markup.attr(relative(page_dir, article_url(article)))
            where = f'<a href="{href}" title="{markup.attr(article.title)}">→</a>'
        shown = WITHHELD if line.number in source.withheld else html.escape(line.text.strip(), quote=False)
        rows.append(
            f'<tr id="L{line.number}"><td>{line.number}</td><td>{ROLE_LABELS.get(line.role, line.role)}</td>'
            f"<td>{shown}</td><td>{where}</td></tr>"
        )
    return (
        markup.front_matter(source.file, f"原始文件 {source.file} 的逐行分类。", search={"exclude": True})
        + f"# {text(source.file)}\n\n"
        + f"编码 {text(source.encoding)}，共 {len(source.lines)} 行。\n\n"
        + '<table class="digest-lines">\n'
        + "<thead><tr><th>行</th><th>角色</th><th>文本</th><th>所属报道</th></tr></thead>\n"
        + "<tbody>\n"
        + "\n".join(rows)
        + "\n</tbody>\n</table>\n"
    )
