"""A source file's lines as an HTML table (number, role, text): how the page was read.

Raw HTML, not Markdown: Markdown would spend most of the build escaping every line. Shown on
a source file's own page, or, for a file that holds one article, at the foot of that article.
"""

from __future__ import annotations

from collections.abc import Callable

from build_digest.model import Line, Source
from build_digest.render.markup import html_text

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


def line_table(source: Source, lines: list[Line], link: tuple[str, Callable[[Line], str]] | None = None) -> str:
    """The table of `lines`; `link`, (heading, cell), adds a column whose cell(line) is raw HTML."""
    rows = []
    for line in lines:
        shown = WITHHELD if line.number in source.withheld else html_text(line.text.strip())
        extra = f"<td>{link[1](line)}</td>" if link else ""
        rows.append(
            f'<tr id="L{line.number}"><td>{line.number}</td><td>{ROLE_LABELS.get(line.role, line.role)}</td>'
            f"<td>{shown}</td>{extra}</tr>"
        )
    heading = f"<th>{link[0]}</th>" if link else ""
    return (
        '<table class="digest-lines">\n'
        f"<thead><tr><th>行</th><th>角色</th><th>文本</th>{heading}</tr></thead>\n"
        "<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>\n"
    )
