"""One page per source file: every line with its number and role, the HTML twin of `sources`."""

from __future__ import annotations

from build_digest.digest import Digest
from build_digest.model import Source
from build_digest.render import markup
from build_digest.render.articles import article_url, source_url
from build_digest.render.markup import link, page_path, text

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
    "unplaced": "未归类",
}


def render_source(source: Source, digest: Digest) -> str:
    here = page_path(source_url(source.file))
    owner = {}
    for article in digest.articles_of_source.get(source.file, []):
        for number in article.body_lines + article.title_lines:
            owner[number] = article
    out = [
        markup.front_matter(source.file, f"原始文件 {source.file} 的逐行分类。"),
        f"# {text(source.file)}\n\n",
        f"编码 {text(source.encoding)}，共 {len(source.lines)} 行。\n\n",
        "| 行 | 角色 | 文本 | 所属报道 |\n| --- | --- | --- | --- |\n",
    ]
    for line in source.content_lines:
        article = owner.get(line.number)
        where = link("→", here, page_path(article_url(article))) if article else ""
        out.append(
            f'| <span id="L{line.number}"></span>{line.number} | {ROLE_LABELS.get(line.role, line.role)} '
            f"| {text(line.text)} | {where} |\n"
        )
    return "".join(out)
