"""What a line is beside its neighbours: the second look segment.py takes at every line.

Each line's shape comes from its own text (roles.shape_of); here a shape changes for what
stands around it: a field label's value, a word wedged between menus, a one-character menu or
button, a site statement's clauses and a related-stories list under the text, the links under
the last paragraph, the caption under a picture gap, a long headline right above the page
metadata, a short sentence set flush left between indented paragraphs.
"""

from __future__ import annotations

import re
from itertools import pairwise

from build_digest import roles
from build_digest.model import Line
from build_digest.roles import Shape
from build_digest.textutil import ends_sentence, han_count

MENU_LEFTOVER_HAN = 4  # a word or two between menus (首 页 / 登 录) is a menu item, not a headline
TINY_MAX = 2  # characters: a line this short is a menu item or a button (京 / 津 / ×), or text cut off
PICTURE_GAP = 3  # blank lines an OCR page leaves where a photo stood
PICTURE_CAPTION_MAX = 20  # the short line under such a gap is the photo's caption (a few words)
LONG_HEADLINE_MAX = 64  # a notice's title may run this long, unpunctuated, above its metadata
AUTHOR_NAME_MAX = 8  # characters of an author's or an account's name set on its own line
FIELD_VALUE_MAX = 30  # the value under a field label (作者:) is a name or a date, not a sentence
STATEMENT_OPENING = re.compile(r"^(?:免责)?声明\s*:")  # 声明:本网力求…, the statement on one line
# The heading of a list of other stories under the text: 相关新闻, 推荐阅读, 猜你喜欢
RELATED_HEADING = re.compile(r"^(?:相关(?:新闻|阅读|文章|链接|报道|稿件|专题|推荐)|推荐阅读|延伸阅读|猜你喜欢"
                             r"|热门推荐|精彩推荐|热点新闻|热门文章|更多(?:新闻|精彩|推荐|阅读))\s*:?$")
DISCLAIMER_HEAD_MAX = 40  # …声明 heads a site's statement when it stands short on its line
PARAGRAPH_MIN = 40  # an unfinished line this long is a paragraph cut by the excerpt, not a label
STORY_MIN_PARAGRAPHS = 2  # paragraphs under a headline that make another story, not a stray sentence
INDENTED_SHARE = 0.8  # of a page's text lines indented: the page sets its paragraphs indented
INDENTED_MIN_LINES = 3  # ... judged from at least this many text lines


def shapes_in_context(lines: list[Line]) -> None:
    _long_headlines(lines)
    _picture_gaps(lines)
    _flush_left_captions(lines)
    _field_values(lines)
    _fields_beside_metadata(lines)
    _tiny_lines(lines)
    _between_furniture(lines)
    _closing_sections(lines)
    _page_footer(lines)


def _long_headlines(lines: list[Line]) -> None:
    """A long line with no full stop right above the page metadata, before any running text, is
    a headline too long or too punctuated for its shape (government notices: 关于印发…的通知;
    web headlines: 某某瘦了100斤,她说:“…”,怎么做到的?)."""
    for index, line in enumerate(lines):
        if line.shape != Shape.TEXT:
            continue
        text = line.match_content
        after = [n for n in lines[index + 1:index + 6] if n.shape != Shape.FURNITURE]
        following = after[0] if after else None
        if following is not None and _author_name(following) and len(after) > 1:
            following = after[1]  # 某某 (the author's account) between a web headline and its date
        if (len(text) <= LONG_HEADLINE_MAX and not re.search(r"[。;]", text) and following is not None
                and following.shape in (Shape.METADATA, Shape.BYLINE)):
            line.shape = Shape.SHORT
        elif _is_paragraph(line):
            return


def _author_name(line: Line) -> bool:
    text = line.match_content
    return line.shape == Shape.SHORT and len(text) <= AUTHOR_NAME_MAX and not re.search(r"[,。:;!?、]", text)


def _picture_gaps(lines: list[Line]) -> None:
    """OCR pages leave a wide gap where a photo stood; the short line under it is its caption."""
    for line in lines:
        if (line.gap_before >= PICTURE_GAP and len(line.match_content) <= PICTURE_CAPTION_MAX
                and not line.heading_level and line.shape in (Shape.SHORT, Shape.TEXT)
                and roles.dateline(line.match_content) is None):
            line.shape = Shape.CAPTION


def _flush_left_captions(lines: list[Line]) -> None:
    """On a page that indents its paragraphs, a short sentence set flush left between two
    indented ones is not a paragraph of the story: it is the caption of a photo that stood
    there (年份,某某在某处。). Crossheads, which end no sentence, keep their shape."""
    if not sets_paragraphs_indented(lines):
        return
    for before, line, after in zip(lines, lines[1:], lines[2:], strict=False):
        if (line.shape == Shape.TEXT and not indented(line) and len(line.match_content) <= PICTURE_CAPTION_MAX
                and ends_sentence(line.match_content) and indented(before) and indented(after)
                and before.shape == Shape.TEXT and after.shape in (Shape.TEXT, Shape.SHORT)):
            line.shape = Shape.CAPTION


def _field_values(lines: list[Line]) -> None:
    """作者: on its own line, the names on the next: the value is metadata too; 【摘要】: on its
    own line, the summary under it is a standfirst."""
    for label, value in pairwise(lines):
        text = label.match_content
        if label.shape != Shape.METADATA or not roles.is_field_label(text) or value.shape == Shape.METADATA:
            continue
        if roles.is_summary_label(text):
            value.shape = Shape.STANDFIRST
        elif len(value.match_content) <= FIELD_VALUE_MAX and not ends_sentence(value.match_content):
            value.shape = Shape.METADATA


def _fields_beside_metadata(lines: list[Line]) -> None:
    """A short "label: value" line next to page metadata is one more field (范围:全市)."""
    for before, line, after in zip([None, *lines[:-1]], lines, [*lines[1:], None], strict=True):
        beside = any(n is not None and n.shape == Shape.METADATA for n in (before, after))
        if line.shape == Shape.SHORT and beside and roles.FIELD_SHAPED.match(line.match_content):
            line.shape = Shape.METADATA


def _is_furniture(line: Line | None) -> bool:
    return line is None or line.shape in (Shape.FURNITURE, Shape.METADATA)


def is_tiny(line: Line | None) -> bool:
    text = line.match_content if line is not None else ""
    return 0 < len(text) <= TINY_MAX and not ends_sentence(text)


def _tiny_lines(lines: list[Line]) -> None:
    """A character or two on a line of its own beside another such line is a menu (京 / 津 /
    冀, one province each); one that is not even a word (×, A) beside page furniture is a
    button. Alone among text it is a line the excerpt cut off, and stays text; a two-character
    word above the page metadata may be a headline (周报)."""
    tiny = [is_tiny(line) for line in lines]
    for index, line in enumerate(lines):
        if not tiny[index] or line.shape not in (Shape.TEXT, Shape.SHORT):
            continue
        neighbours = [k for k in (index - 1, index + 1) if 0 <= k < len(lines)]
        under_text = index > 0 and lines[index - 1].shape == Shape.TEXT  # a paragraph cut off (…平塘 / 贵)
        button = (han_count(line.match_content) < 2 and not under_text
                  and any(lines[k].shape == Shape.FURNITURE for k in neighbours))
        if button or any(tiny[k] for k in neighbours):
            line.shape = Shape.FURNITURE


def _between_furniture(lines: list[Line]) -> None:
    """A word or two wedged between menus and page metadata is a menu leftover."""
    for before, line, after in zip([None, *lines[:-1]], lines, [*lines[1:], None], strict=True):
        if (line.shape == Shape.SHORT and han_count(line.match_content) <= MENU_LEFTOVER_HAN
                and before is not None and _is_furniture(before) and _is_furniture(after)):
            line.shape = Shape.FURNITURE


def _closing_sections(lines: list[Line]) -> None:
    """A site's statement (…声明) runs to the end of the page: its numbered clauses are furniture.
    So does a list of other stories under its heading (相关新闻) after the text: their titles
    and teasers. Unless another story follows the furniture after it (two pages saved in one
    file): the section then ends at that furniture."""
    inside = related = False
    text_seen = False
    for index, line in enumerate(lines):
        text = line.match_content
        text_seen = text_seen or _is_paragraph(line)
        if line.shape == Shape.FURNITURE and (len(text) <= DISCLAIMER_HEAD_MAX and text.endswith("声明")
                                              or STATEMENT_OPENING.match(text)):
            inside, related = True, False
        elif line.shape == Shape.FURNITURE and text_seen and RELATED_HEADING.match(text):
            inside, related = True, True
        elif inside and line.shape == Shape.FURNITURE and _story_follows(lines, index + 1):
            inside = False
        elif inside and related and _text_resumes(lines, index):
            inside = False  # a list of links set between the headline and the text: the text goes on
        elif inside and line.shape in (Shape.SHORT, Shape.TEXT, Shape.TAG):
            line.shape = Shape.FURNITURE


def _text_resumes(lines: list[Line], index: int) -> bool:
    """Two finished paragraphs in a row from `index` on: running text, no list of teasers."""
    pair = lines[index:index + 2]
    return len(pair) == 2 and all(_is_paragraph(line) and ends_sentence(line.match_content) for line in pair)


def _story_follows(lines: list[Line], index: int) -> bool:
    """From `index` on: no more of the statement's paragraphs, a headline-shaped line, then
    (past bylines and metadata) at least STORY_MIN_PARAGRAPHS paragraphs before any other
    furniture."""
    start = next((i for i in range(index, len(lines)) if lines[i].shape == Shape.SHORT or _is_paragraph(lines[i])),
                 None)
    if start is None or lines[start].shape != Shape.SHORT:
        return False
    paragraphs = 0
    for line in lines[start + 1:]:
        if _is_paragraph(line):
            paragraphs += 1
            if paragraphs >= STORY_MIN_PARAGRAPHS:
                return True
        elif line.shape == Shape.FURNITURE or paragraphs and line.shape not in (Shape.TEXT, Shape.SHORT):
            return False
    return False


def _is_paragraph(line: Line) -> bool:
    text = line.match_content
    return line.shape == Shape.TEXT and (ends_sentence(text) or len(text) > PARAGRAPH_MIN)


def _page_footer(lines: list[Line]) -> None:
    """After the last paragraph and the page furniture that closes it, short lines are links."""
    last = max((i for i, line in enumerate(lines) if _is_paragraph(line)), default=-1)
    closed = False
    for line in lines[last + 1:]:
        if _is_furniture(line):
            closed = True
        elif closed and line.shape in (Shape.SHORT, Shape.TEXT, Shape.TAG):
            line.shape = Shape.FURNITURE


def indented(line: Line) -> bool:
    return line.text[:1] in (" ", "\t", "\u3000")


def sets_paragraphs_indented(lines: list[Line]) -> bool:
    """Most text lines of the page start indented (as many e-papers and portals set them)."""
    text = [line for line in lines if line.shape == Shape.TEXT]
    return len(text) >= INDENTED_MIN_LINES and sum(map(indented, text)) >= INDENTED_SHARE * len(text)
