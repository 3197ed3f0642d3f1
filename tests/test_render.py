import posixpath

from build_digest.model import Article, Mention, Paragraph
from build_digest.render.articles import _ranges
from build_digest.render.entities import mention_sentences
from build_digest.render.markup import link, relative, text


def article_with(paragraph: str, spans: list[tuple[int, int]]) -> Article:
    article = Article(source="a.txt", title="标题", byline="本报记者 张三")
    article.paragraphs = [Paragraph(text=paragraph, lines=[1])]
    article.mentions = [Mention("x", 0, a, b, paragraph[a:b]) for a, b in spans]
    return article


def test_one_sentence_per_mention_group_with_every_mention_in_bold():
    paragraph = "甲公司(以下简称甲)扩产。甲表示满意。"
    article = article_with(paragraph, [(0, 3), (8, 9), (13, 14)])
    assert mention_sentences(article, "x") == ["**甲公司**(以下简称**甲**)扩产。", "**甲**表示满意。"]


def test_a_sentence_after_a_quotation_starts_after_its_closing_quote():
    paragraph = "他说:“要做到极致。”甲公司随后扩产。"
    article = article_with(paragraph, [(11, 14)])
    assert mention_sentences(article, "x") == ["**甲公司**随后扩产。"]


def test_byline_quoted_only_when_the_body_never_names_the_entity():
    article = article_with("正文没有提到。", [])
    article.mentions = [Mention("x", -2, 5, 7, "张三")]
    assert mention_sentences(article, "x") == ["本报记者 **张三**"]


def test_a_caption_is_quoted_when_only_the_caption_names_the_entity():
    from build_digest.model import caption_paragraph

    article = article_with("正文没有提到。", [])
    article.captions = ["图为甲研究所实验室。"]
    article.mentions = [Mention("x", caption_paragraph(0), 2, 6, "甲研究所")]
    assert mention_sentences(article, "x") == ["图为**甲研究所**实验室。"]


def test_untrusted_text_is_escaped_for_markdown_and_html():
    assert text("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert text("# 标题 [链接](javascript:x) {{ x }} | `a`") == (
        "\\# 标题 \\[链接\\](javascript:x) \\{\\{ x \\}\\} \\| \\`a\\`"
    )
    # Line-start syntax is escaped only where it would start a block; figures stay as printed.
    assert text("1. 列表") == "1\\. 列表" and text("- 项") == "\\- 项" and text("2.6亿元(R&D)") == "2.6亿元(R&amp;D)"


def test_relative_links_match_posixpath():
    for from_dir, to_page in [("articles", "regions/x.md"), ("", "regions/x.md"), ("regions", "regions/y.md"),
                              ("regions", "index.md"), ("a/b", "a/c/d.md")]:
        assert relative(from_dir, to_page) == posixpath.relpath(to_page, from_dir or ".")
    assert link("包头市", "articles/a.md", "regions/bao-tou-shi.md") == "[包头市](../regions/bao-tou-shi.md)"


def test_line_ranges_read_naturally():
    assert _ranges([13, 15, 17, 40, 41, 60]) == "13–17、40–41、60"


def test_article_page_shows_standfirst_and_a_month_day_as_printed():
    from build_digest.digest import Digest
    from build_digest.registry import Registry
    from build_digest.render.articles import render_article

    article = article_with("正文第一段。", [])
    article.standfirst = "内容提要:某地召开科技大会。"
    article.date_md = "08-17"
    page = render_article(article, Digest(registry=Registry()))
    assert "内容提要:某地召开科技大会。\n{ .digest-standfirst }" in page
    assert "8月17日（原文未印年份）" in page
