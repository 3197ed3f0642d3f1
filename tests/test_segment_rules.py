"""Each segmentation rule on an invented page: what a line is decides its role, wherever it
comes from. (Pages here are invented; the dev pages are only read by `make eval`.)"""

from __future__ import annotations

from build_digest import roles
from build_digest.digest import analyse_source
from build_digest.tagger import Tagger
from tests.helpers import make_registry, source_from_text
from tests.test_segment import BODY_A, BODY_B, BODY_C, BODY_D, page, role_of, run

LEAD = "本报讯 近日,滨江新区一批氢能企业集中签约落户,总投资超过二十亿元,涵盖制氢、储运和加注等多个环节。"


def body_texts(article) -> list[str]:
    return [p.text for p in article.paragraphs]


def analyse(tmp_path, text):
    registry = make_registry(tmp_path / "reg", regions=[{"name": "滨江市", "level": "prefecture"}])
    source, warnings = source_from_text(tmp_path, text)
    return analyse_source(source, Tagger(registry), warnings)


# -- furniture classes -------------------------------------------------------------------------

def test_e_paper_edition_header_is_furniture_and_dates_the_page(tmp_path):
    text = page(
        "第05版:科技",
        "某某日报图文数据库(1950-2020)",
        "某某日报 2020年1月6日 星期一",
        "返回目录  放大缩小全文复制    上一篇  下一篇",
        "放大 缩小 默认",
        "标题导航",
        "滨江新区氢能产业园开工",
        "本报记者 林晓舟 《 某某日报 》( 2020年01月06日   第 05 版)",
        BODY_A, BODY_B,
    )
    [article] = analyse(tmp_path, text)
    assert article.title == "滨江新区氢能产业园开工"
    assert article.date == "2020-01-06"
    assert body_texts(article) == [BODY_A, BODY_B]
    _, lines, _ = run(tmp_path, text)
    for furniture in ("第05版:科技", "某某日报图文数据库(1950-2020)", "放大 缩小 默认", "标题导航"):
        assert role_of(lines, furniture) == "boilerplate", furniture
    assert role_of(lines, "某某日报 2020年1月6日 星期一") == "metadata"


def test_share_widgets_counters_and_page_notices_are_furniture(tmp_path):
    widgets = ["点击右上角微信好友", "朋友圈", "请使用浏览器分享功能进行分享", "调查问题加载中,请稍候。",
               "阅读 1234", "浏览次数:56", "无障碍阅读 退出长者模式", "热线:0000-12345678", "邮箱:news@example.org",
               "{webname}", "某某政务网 ----年--月--日 星期 -", "海量资讯、精准解读,尽在某某财经APP"]
    for widget in widgets:
        assert roles.shape_of(widget) == roles.Shape.FURNITURE, widget
    text = page(widgets[0], widgets[1], "滨江新区氢能产业园开工", "来源:某某日报 2020-01-06 08:30",
                BODY_A, widgets[2], widgets[4], BODY_B, widgets[-1])
    articles, lines, _ = run(tmp_path, text)
    assert [a.title for a in articles] == ["滨江新区氢能产业园开工"]
    assert body_texts(articles[0]) == [BODY_A, BODY_B]


def test_menu_rows_link_lists_and_keyword_spam_are_furniture():
    for line in ("滨江 青山 东港 西岭 南湖 北塘 滨江新区管委会",
                 "免费在线观看_某某天堂在线_某某第一区_某某二区_某某最新地址_某某高清资源大全",
                 "·某地法院护航民营经济发展纪实:撑起保护伞·某地国际博览会开幕·某地新能源汽车产量创新高",
                 "《创新之路》 第一集 信息《创新之路》 第二集 能源《创新之路》 第三集 材料《创新之路》 第四集 交通"):
        assert roles.shape_of(line) == roles.Shape.FURNITURE, line


def test_photo_captions_and_credits(tmp_path):
    captions = [
        "■某地工人在检测激光器半成品。 网上图片",
        "滨江新区研制的大型铝合金环件。(受访者供图) |",
        "滨江新区的实验室。(摄于2020年1月6日,本报资料图片)记者 韩清源",
        "新华社发 赵一鸣 摄",
    ]
    for caption in captions:
        assert roles.shape_of(roles.strip_cell_bars(caption)) == roles.Shape.CAPTION, caption
    assert roles.shape_of("5.jpg") in (roles.Shape.CAPTION, roles.Shape.FURNITURE)
    text = page("|", captions[0], "|", captions[1], "|", LEAD, BODY_B, "5.jpg", BODY_C)
    articles, lines, _ = run(tmp_path, text)
    [article] = articles
    assert article.title_inferred and article.title == "滨江新区一批氢能企业集中签约落户"
    assert len(article.paragraphs) == 3


def test_a_short_sentence_set_flush_left_among_indented_paragraphs_is_a_caption(tmp_path):
    caption = "2019年,林晓舟与工人在一起。"
    for folder in "abc":
        (tmp_path / folder).mkdir()
    indented = ["    " + body for body in (BODY_A, BODY_B, BODY_C, BODY_D)]
    text = page("滨江新区氢能产业园开工", *indented[:2], caption, *indented[2:])
    articles, lines, _ = run(tmp_path / "a", text)
    assert role_of(lines, caption) == "caption" and articles[0].captions == [caption]
    assert len(articles[0].paragraphs) == 4
    # The same line on a page that does not indent its paragraphs is a short paragraph.
    articles, lines, _ = run(tmp_path / "b", page("滨江新区氢能产业园开工", BODY_A, BODY_B, caption, BODY_C, BODY_D))
    assert role_of(lines, caption) == "body"
    # ... and so is a flush-left line too long for a caption, on the indented page.
    longer = "项目负责人说,今年以来园区新签约企业十二家,另有八家企业正在洽谈之中。"
    articles, lines, _ = run(tmp_path / "c", page("滨江新区氢能产业园开工", *indented[:2], longer, *indented[2:]))
    assert role_of(lines, longer) == "body"


# -- credits -----------------------------------------------------------------------------------

def test_bylines_with_the_medium_before_the_staff_word():
    for byline in ("某某日报记者 王一 李二", "某报·某网记者 王一 实习生 李二 张三",
                   "某某网-某某日报记者 王一 通讯员 李二", "□某报记者 王一 张二", "记者:王一",
                   "本报记者 王一 摄影报道"):
        assert roles.shape_of(byline) == roles.Shape.BYLINE, byline


def test_byline_is_never_the_headline(tmp_path):
    text = page("滨江新区氢能产业园开工", "某某日报记者 林晓舟 韩清源", BODY_A, BODY_B)
    [article], lines, _ = run(tmp_path, text)
    assert article.title == "滨江新区氢能产业园开工"
    assert article.byline == "某某日报记者 林晓舟 韩清源"


# -- headlines ---------------------------------------------------------------------------------

def test_subtitle_on_a_dash_or_with_a_column_name_hangs_under_the_headline(tmp_path):
    for subtitle in ("——滨江新区建设氢能产业集群纪实", "搭建产学研合作的新桥梁(科技观察)"):
        text = page("滨江新区打造氢能小镇", subtitle, "本报记者 林晓舟", BODY_A, BODY_B)
        [article], lines, _ = run(tmp_path, text)
        assert article.title == "滨江新区打造氢能小镇", subtitle
        assert role_of(lines, subtitle) == "label"


def test_main_headline_is_the_short_line_of_a_stack(tmp_path):
    byline = "本报记者 林晓舟"
    kicker_over_main = page("聚焦新能源产业链延链补链强链的滨江实践", "氢能小镇迎来首批企业", byline, BODY_A)
    main_over_subtitle = page("氢能小镇迎来首批企业", "滨江新区与十二家企业签约共建氢能产业园", byline, BODY_A)
    couplet = page("锚定新赛道谋合作 聚焦新材料共发展", "滨江新区与某研究院签署战略合作协议", "本报记者 林晓舟", BODY_A)
    quoted = page("某某院士:科研就是要把每件小事做到极致", "八十岁仍在实验室", "本报记者 林晓舟", BODY_A)
    expected = ["氢能小镇迎来首批企业", "氢能小镇迎来首批企业", "锚定新赛道谋合作 聚焦新材料共发展",
                "某某院士:科研就是要把每件小事做到极致"]
    for text, title in zip((kicker_over_main, main_over_subtitle, couplet, quoted), expected, strict=True):
        [article], _, _ = run(tmp_path, text)
        assert article.title == title


def test_headline_under_the_page_metadata_wins_over_a_campaign_label(tmp_path):
    text = page("您现在的位置:", "滨江新区氢能产业园开工", "发布时间:2020-01-06 18:29:10 | 来源:某某网 | 责任编辑:某某",
                "奋进新时代·建功新滨江", BODY_A, BODY_B)
    [article] = analyse(tmp_path, text)
    assert article.title == "滨江新区氢能产业园开工"
    assert article.date == "2020-01-06"


def test_headline_repeated_under_tags_and_widgets(tmp_path):
    text = page("正在阅读:滨江新区氢能产业园开工", "首页> 滨江 > 正文", "滨江新区氢能产业园开工",
                "来源:某某日报 2020-01-06 04:05", "【奋进新时代】滨江新区氢能产业园开工", "【新区建设】",
                "本报记者 林晓舟", BODY_A, BODY_B)
    [article], lines, _ = run(tmp_path, text)
    assert article.title == "滨江新区氢能产业园开工"
    assert body_texts(article) == [BODY_A, BODY_B]
    assert role_of(lines, "【奋进新时代】滨江新区氢能产业园开工") == "duplicate"


def test_headline_printed_only_as_original_title(tmp_path):
    text = "\n".join(["转自:某某网", "原标题:某省深化创新工作室联盟建设(引题)", "原标题:面对面交流让职工收获满满(主题)",
                      "某某网讯 (记者 王一)7月24日,某省创新工作室联盟交流活动举行,一百余名职工代表参加。", BODY_B, ""])
    [article] = analyse(tmp_path, text)
    assert article.title == "面对面交流让职工收获满满" and not article.title_inferred


def test_long_notice_title_above_its_metadata(tmp_path):
    title = "[某政办发〔2020〕8号]某市人民政府办公室关于印发某市科技创新发展规划的通知"
    text = page("无障碍阅读 退出长者模式", title, "发布日期: 2020-01-06 信息来源: 市政府办公室 浏览次数:",
                "各县区人民政府,市政府各部门:", "《某市科技创新发展规划》已经市政府同意,现印发给你们,请认真贯彻执行。",
                "某市人民政府办公室", "2020年1月3日", "某市科技创新发展规划", BODY_A)
    [article] = analyse(tmp_path, text)
    assert article.title == title
    assert article.date == "2020-01-06"
    assert article.paragraphs[0].text == "各县区人民政府,市政府各部门:"


def test_a_notices_signature_above_its_date_is_not_text_however_spaced(tmp_path):
    lines = ["某市人民政府办公室关于印发", "某市科技创新发展规划的通知", "某政办发〔2020〕8号",
             "各县区人民政府,市政府各部门:", "《某市科技创新发展规划》已经市政府同意,现印发给你们,请认真贯彻执行。",
             "某市人民政府办公室", "2020年1月3日", "某市科技创新发展规划", BODY_A]
    for text in ("\n".join(lines) + "\n", page(*lines)):  # one line after another, or a blank line between
        [article], found, _ = run(tmp_path, text)
        assert role_of(found, "某市人民政府办公室") == "boilerplate"
        assert "某市人民政府办公室" not in [p.text for p in article.paragraphs]


def test_long_kicker_above_the_headline_is_not_text(tmp_path):
    kicker = "拥有上千家高新技术企业,科创板上市企业位列全省第一,三大主导产业产值过千亿"
    text = "\n".join([kicker, "创新滨江 活力迸发", "□本报记者 林晓舟", BODY_A, BODY_B, ""])
    [article], lines, _ = run(tmp_path, text)
    assert article.title == "创新滨江 活力迸发" and article.kicker == kicker
    assert body_texts(article) == [BODY_A, BODY_B]


# -- standfirsts -------------------------------------------------------------------------------

def test_standfirst_above_the_byline_is_not_the_lead(tmp_path):
    text = page("滨江新区氢能产业园开工", "来源:某某日报 日期:2020/1/6 19:33:47", BODY_C,
                "某某日报记者 林晓舟 通讯员 韩清源", BODY_A, "1.jpg", BODY_C, BODY_D)
    [article], lines, _ = run(tmp_path, text)
    assert body_texts(article) == [BODY_A, BODY_C, BODY_D]
    first_copy = min(n for n, line in lines.items() if line.text.strip() == BODY_C)
    assert lines[first_copy].role in ("duplicate", "standfirst")


def test_editors_note_is_part_of_the_story(tmp_path):
    note = "编者按:近日,滨江新区召开科技创新大会,表彰一批科技工作者,本版选登部分获奖项目。"
    [article], lines, _ = run(tmp_path, page("科技创新 矢志跨越 勇攀高峰", note, BODY_A))
    assert body_texts(article)[0] == note


# -- several articles, one article -------------------------------------------------------------

def test_two_web_pages_joined_in_one_file(tmp_path):
    text = page("点击右上角微信好友", "朋友圈", "滨江新区氢能产业园开工", "来源:某某日报 2020-01-06 04:05",
                "本报记者 林晓舟", BODY_A, BODY_B, "", "点击右上角微信好友", "朋友圈", "请使用浏览器分享功能进行分享",
                "正在阅读:电池隔膜项目在青山镇投产", "首页> 地方频道> 科学 > 正文", "电池隔膜项目在青山镇投产",
                "来源:某某科技报2020-02-11 13:56", BODY_C, BODY_D)
    articles = analyse(tmp_path, text)
    assert [a.title for a in articles] == ["滨江新区氢能产业园开工", "电池隔膜项目在青山镇投产"]
    assert [a.date for a in articles] == ["2020-01-06", "2020-02-11"]
    assert [body_texts(a) for a in articles] == [[BODY_A, BODY_B], [BODY_C, BODY_D]]


def test_a_headline_with_its_metadata_byline_and_column_label_starts_the_next_story(tmp_path):
    """The second saved page sets headline, subtitle, page metadata, byline, then a column
    label over its story: the label heads nothing and the headline starts an article."""
    text = page("滨江新区氢能产业园开工", "本报记者 林晓舟", BODY_A, BODY_B,
                "林晓舟院士:一生只做一件事", "三十年守着一块电池隔膜",
                "某某青年报  |  2023-12-19作者:林晓舟", "本报记者 林晓舟 实习生 王青", "人物专访", BODY_C, BODY_D)
    articles, lines, _ = run(tmp_path, text)
    assert [a.title for a in articles] == ["滨江新区氢能产业园开工", "林晓舟院士:一生只做一件事"]
    assert [len(a.paragraphs) for a in articles] == [2, 2]
    assert role_of(lines, "人物专访") == "label"


def test_a_site_statement_ends_where_the_next_saved_page_begins(tmp_path):
    statement = ["某某网版权与免责声明", "1、凡本网注明“来源:某某网”的所有作品,版权均属于某某网,未经授权不得转载。",
                 "2、凡本网注明“来源:XXX(非某某网)”的作品,均转载自其它媒体,转载目的在于传递更多信息。"]
    menu = ["• 首页", "  • 要闻", "  • 科技", "  • 某某网 >> 地方新闻"]
    text = page("滨江新区氢能产业园开工", "本报记者 林晓舟", BODY_A, BODY_B, *statement, *menu,
                "电池隔膜项目在青山镇投产", "□本报记者 韩清源", BODY_C, BODY_D)
    articles = analyse(tmp_path, text)
    assert [a.title for a in articles] == ["滨江新区氢能产业园开工", "电池隔膜项目在青山镇投产"]
    assert [body_texts(a) for a in articles] == [[BODY_A, BODY_B], [BODY_C, BODY_D]]
    # With nothing after it but a menu and a short line, the statement still runs to the end.
    [article] = analyse(tmp_path, page("滨江新区氢能产业园开工", BODY_A, BODY_B, *statement, *menu, "联系我们"))
    assert body_texts(article) == [BODY_A, BODY_B]


def test_a_dateline_after_the_editor_line_closing_a_story_starts_the_next(tmp_path):
    second = "某某网青山9月14日讯(记者 韩清源)今天,青山镇科协公布了首批科技特派员服务站名单,共二十个站点。"
    text = page("滨江新区氢能产业园开工", "本报讯 " + BODY_A, BODY_B, BODY_C, "(责任编辑 王小华)", second, BODY_D)
    articles = analyse(tmp_path, text)
    assert len(articles) == 2
    assert articles[1].title_inferred and body_texts(articles[1]) == [second, BODY_D]
    # Page metadata between a standfirst and the dateline heads the same story.
    standfirst = "滨江新区一批氢能企业集中签约落户。"
    [article] = analyse(tmp_path, page("滨江新区氢能产业园开工", standfirst, "来源:某某日报 2020-01-06 04:05",
                                       second, BODY_D))
    assert article.title == "滨江新区氢能产业园开工"


def test_a_headline_under_an_e_paper_edition_header_starts_a_story(tmp_path):
    note = "编者按:近日,滨江新区召开科技创新大会,表彰一批科技工作者,本版选登部分获奖项目。"
    edition = ["第04版:科技", "上一版 下一版", "2020年01月06日 星期一 出版 上一期 下一期", "放大 缩小 默认"]
    text = page("滨江新区氢能产业园开工", "本报记者 林晓舟", BODY_A, BODY_B, *edition, "科技创新 矢志跨越 勇攀高峰",
                note, BODY_C)
    articles = analyse(tmp_path, text)
    assert [a.title for a in articles] == ["滨江新区氢能产业园开工", "科技创新 矢志跨越 勇攀高峰"]
    assert body_texts(articles[1]) == [note, BODY_C]
    # Without the edition header between them, the same short line is a crosshead of the story.
    [article] = analyse(tmp_path, page("滨江新区氢能产业园开工", "本报记者 林晓舟", BODY_A, BODY_B,
                                       "科技创新 矢志跨越 勇攀高峰", note, BODY_C))
    assert body_texts(article) == [BODY_A, BODY_B, "科技创新 矢志跨越 勇攀高峰", note, BODY_C]


def test_page_opening_on_a_byline_then_a_headed_article(tmp_path):
    text = page("某某日报记者 林晓舟 实习生 韩清源", BODY_A, BODY_B, "聚焦当地特色", BODY_C, "当前位置:首页 > 热点",
                "电池隔膜项目在青山镇投产", "某某日报记者 林晓舟", BODY_D, BODY_C.replace("据了解", "此外"))
    articles, _, _ = run(tmp_path, text)
    assert len(articles) == 2
    assert articles[0].title_inferred and articles[1].title == "电池隔膜项目在青山镇投产"
    assert body_texts(articles[0]) == [BODY_A, BODY_B, "聚焦当地特色", BODY_C]


def test_unheaded_brief_after_an_article_without_blank_lines(tmp_path):
    second = "本报讯 (记者 韩清源) 日前,青山镇科协组织科技工作者走进田间地头,开展实用技术培训二十余场。"
    text = "\n".join(["滨江新区氢能产业园开工", "本报讯 (记者 林晓舟) " + BODY_A, BODY_B, second, BODY_D, ""])
    articles, _, _ = run(tmp_path, text)
    assert len(articles) == 2
    assert articles[1].title_inferred and articles[1].byline == "记者 韩清源"


def test_crosshead_and_caption_never_split_an_article(tmp_path):
    text = page("滨江新区氢能产业园开工", "本报记者 林晓舟", BODY_A, "政策先行", BODY_B,
                "工人在生产线上检查电池隔膜。(资料图)", BODY_C, "配套跟进", BODY_D)
    articles, lines, _ = run(tmp_path, text)
    assert len(articles) == 1
    assert [p.kind for p in articles[0].paragraphs] == ["p", "h", "p", "p", "h", "p"]


def test_paragraph_cut_off_at_the_end_of_the_page_stays_text(tmp_path):
    cut = "会上,滨江市科技局、青山县政府、东港高新区、某大学"
    [article], lines, _ = run(tmp_path, page("滨江新区氢能产业园开工", "本报记者 林晓舟", BODY_A, cut))
    assert body_texts(article)[-1] == cut


def test_a_short_line_closing_the_page_under_a_paragraph_is_the_paragraph_cut_off(tmp_path):
    cut = "在一次次辩论中培养出大"  # the start of the next paragraph, cut off with the page
    indented = ["    " + body for body in (BODY_A, BODY_B, BODY_C)]
    for folder in "abcd":
        (tmp_path / folder).mkdir()
    head = ("滨江新区氢能产业园开工", "本报记者 林晓舟")
    [article], lines, _ = run(tmp_path / "a", page(*head, *indented, "    " + cut))
    assert role_of(lines, cut) == "body" and body_texts(article)[-1] == cut
    # Flush, or on a page indented throughout: right under a paragraph it is still the text.
    [article], lines, _ = run(tmp_path / "b", page(*head, *indented, cut))
    assert role_of(lines, cut) == "body"
    everything = [f"    {block}" for block in (*head, BODY_A, BODY_B, BODY_C, cut)]
    [article], lines, _ = run(tmp_path / "c", page(*everything))
    assert role_of(lines, cut) == "body"
    # Links closing the page come in runs: a row of short lines under the text is furniture.
    links = ("滨江新区氢能产业园二期开工", "滨江市召开科技大会")
    [article], lines, _ = run(tmp_path / "d", page(*head, BODY_A, BODY_B, *links))
    assert role_of(lines, "滨江市召开科技大会") == "boilerplate" and body_texts(article) == [BODY_A, BODY_B]


# -- dates and glued fields --------------------------------------------------------------------

def test_page_fields_glued_before_the_first_sentence(tmp_path):
    glued = "来源:某某集团 发布时间:2020-01-06 " + BODY_A
    [article] = analyse(tmp_path, page("滨江新区氢能产业园开工", glued, BODY_B))
    assert body_texts(article) == [BODY_A, BODY_B]
    assert article.date == "2020-01-06"


def test_date_time_stamp_glued_to_spam_still_dates_the_page(tmp_path):
    text = page("某某彩票 - - 某某百科", "某某彩票2020-01-31 16:05", "滨江新区氢能产业园开工******",
                "某某日报滨江1月5日电(记者 林晓舟)" + BODY_A[3:], BODY_B)
    [article] = analyse(tmp_path, text)
    assert article.title == "滨江新区氢能产业园开工"
    assert article.date == "2020-01-31"


def test_datelines_of_agencies_and_sites():
    for lead, org in (("新华社滨江1月6日电(记者 王一)某地召开科技大会。", "新华社"),
                      ("某某网消息:某地召开科技大会,部署全年工作。", "某某网"),
                      ("本报讯(记者 王一 通讯员 李二)某地召开科技大会。", "本报")):
        found = roles.dateline(lead)
        assert found is not None and found.org == org, lead


def test_a_headline_of_two_characters_above_the_page_metadata_heads_the_article(tmp_path):
    # Too short to compare with other runs for a repeat: it is still the headline (this crashed).
    for meta in ("发布时间：2024-06-18  来源：青禾日报", "2024-06-18\n\n本报记者 王明"):
        [article] = analyse(tmp_path, page("周报", meta, BODY_A, BODY_B))
        assert article.title == "周报" and body_texts(article) == [BODY_A, BODY_B]


# -- web pages saved whole: menus of single characters, buttons, icons, share bars -------------

def test_a_menu_of_one_character_items_is_furniture_and_heads_nothing(tmp_path):
    # A region menu (one abbreviation per line) under a headline-like promo: no article there.
    menu = ["甲", "乙", "丙", "丁", "戊", "己"]
    text = page("首页", "图解", "某某艺术馆", "相约周末", *menu, "登录", "退出",
                "滨江新区氢能产业园开工", "来源:某某日报 2020-01-06 08:30", BODY_A, BODY_B)
    articles, lines, _ = run(tmp_path, text)
    assert [a.title for a in articles] == ["滨江新区氢能产业园开工"]
    assert body_texts(articles[0]) == [BODY_A, BODY_B]
    for item in menu:
        assert role_of(lines, item) == "boilerplate", item


def test_a_lone_character_cut_off_at_the_end_of_the_text_stays_text(tmp_path):
    [article] = analyse(tmp_path, page("滨江新区氢能产业园开工", "来源:某某日报 2020-01-06 08:30", BODY_A, "氢"))
    assert body_texts(article)[-1].endswith("氢")


def test_buttons_icon_glyphs_and_link_addresses_are_furniture():
    for line in ("×", "▲ ▼", "\ue62c \ue606", "|", "政务公开/col/col123/index.html动态资讯/col/col456/index.html"):
        assert roles.shape_of(line) == roles.Shape.FURNITURE, line
    assert roles.shape_of("……") == roles.Shape.TEXT  # a passage left out
    one_address = "详情见某某网站/col/col123/index.html,欢迎企业申报。"
    assert roles.shape_of(one_address) == roles.Shape.TEXT


def test_share_bars_with_their_targets_and_counts_are_furniture():
    for line in ("腾讯QQ QQ空间", "缩小字体 放大字体 收藏 微博 微信 分享 1,088", "举报 分享 豆瓣"):
        assert roles.shape_of(line) == roles.Shape.FURNITURE, line
    assert roles.shape_of("QQ群里的科研团队") != roles.Shape.FURNITURE


def test_a_login_box_above_the_headline_printed_twice(tmp_path):
    # The page's title and its heading print the headline twice, right above the page metadata;
    # the login box's lines, a close button and the share bar around them are no headline.
    headline = "滨江新区氢能产业园开工:三年建成制氢基地"
    text = page("某某首页", "注册", "登录", "×", "某某微博、邮箱帐号,请直接登录", "加载中...换个账号登录", "×",
                "登录", "下次自动登录", "忘记密码立即注册", "新闻中心", "国内新闻>正文", headline, headline,
                "2024年05月10日 00:26 某某日报", "举报 缩小字体 放大字体 收藏 微博 微信 分享 1,088", "腾讯QQ QQ空间",
                BODY_A, BODY_B)
    articles, lines, _ = run(tmp_path, text)
    assert [a.title for a in articles] == [headline]
    assert body_texts(articles[0]) == [BODY_A, BODY_B]


def test_a_source_field_written_with_yu_is_metadata_not_a_headline(tmp_path):
    headline = "某某街道党工委一行到滨江新区氢能产业园开展调研工作"
    [article] = analyse(tmp_path, page("当前位置: 首页 >> 街道新闻 >> 正文", "街道新闻", headline,
                                       "来源于:某某办事处", BODY_A, BODY_B))
    assert article.title == headline and body_texts(article) == [BODY_A, BODY_B]


def test_menu_items_in_other_scripts_and_a_page_title_of_keywords_are_furniture():
    for line in ("Toggle navigation", "Français", "Русский язык", "한국어",
                 "今日行情_明日行情_行情分析_市场消息_最新消息 - 某某网,权威资讯网站"):
        assert roles.shape_of(line) == roles.Shape.FURNITURE, line


def test_a_picture_label_over_its_caption_inside_a_story_starts_no_article(tmp_path):
    text = page("滨江新区氢能产业园开工", LEAD, "活动现场", "志愿者们向市民介绍氢能知识", BODY_B, BODY_C)
    [article] = analyse(tmp_path, text)
    assert article.title == "滨江新区氢能产业园开工"
    assert body_texts(article)[0] == LEAD and body_texts(article)[-2:] == [BODY_B, BODY_C]


def test_the_pages_own_date_field_wins_over_a_date_in_a_link_above_the_headline(tmp_path):
    text = page("上一篇:", "滨江市场分析--2019年8月19日", "下一篇:", "滨江新区氢能产业园开工",
                "发布时间: 2019-09-26 10:09:11", BODY_A, BODY_B)
    [article] = analyse(tmp_path, text)
    assert article.title == "滨江新区氢能产业园开工" and article.date == "2019-09-26"


def test_breadcrumbs_and_bulleted_links_above_the_headline_are_not_its_kicker(tmp_path):
    for crumbs in ("某某网 正文", "首页 - 新闻动态"):
        text = page("某某网", crumbs, "滨江新区氢能产业园开工", "发布时间:2024-05-18 来源:某某日报", BODY_A, BODY_B)
        [article] = analyse(tmp_path, text)
        assert article.title == "滨江新区氢能产业园开工", crumbs
    links = page("· 某某手机新品售价公布:性能再提升", "· 某某赛事门票开售", "滨江新区氢能产业园开工",
                 "2020-11-23 10:22:14 出处:某某网 作者:林晓舟", BODY_A, BODY_B)
    [article] = analyse(tmp_path, links)
    assert article.title == "滨江新区氢能产业园开工"


def test_a_document_title_broken_over_lines_is_joined(tmp_path):
    text = page("滨江市人民代表大会常务委员会", "关于批准滨江新区氢能产业发展规划及", "调整2024年专项资金额度的决议",
                "(2024年6月29日滨江市人民代表大会常务委员会第八次会议通过)", BODY_A, BODY_B)
    [article] = analyse(tmp_path, text)
    assert article.title == "滨江市人民代表大会常务委员会关于批准滨江新区氢能产业发展规划及调整2024年专项资金额度的决议"


def test_a_list_of_items_with_their_fields_inside_a_story_stays_in_it(tmp_path):
    lead = "某某网记者林晓舟5月13日报道:滨江新区推出一批氢能科普场馆免费开放日,以下场馆周末向市民开放,欢迎预约参观。"
    items = ["1、滨江氢能科技馆", "开放时间:9:00-17:00", "咨询电话:58792888"]
    more = ["2、滨江新区加氢示范站", "开放时间:10:00-16:00", "咨询电话:58036000"]
    text = page("滨江新区氢能场馆周末免费开放", "2024-05-13 12:03:10 作者:林晓舟 来源:某某网", lead,
                *items, BODY_B, *more, BODY_C)
    [article] = analyse(tmp_path, text)
    assert article.title == "滨江新区氢能场馆周末免费开放"
    assert article.date_md is None and article.date == "2024-05-13"
    assert BODY_B in body_texts(article) and BODY_C in body_texts(article)
    from build_digest.roles import dateline
    assert dateline(lead).credit == "林晓舟" and (dateline(lead).month, dateline(lead).day) == (5, 13)


def test_a_statement_line_closes_the_story_and_teasers_after_it_are_no_articles(tmp_path):
    teasers = []
    for number in (1, 2):
        teasers += [f"滨江新区第{number}批氢能项目集中开工",
                    f"滨江新区今天又有{number}个项目开工建设,总投资超过十亿元。", f"2019-09-30 0{number}:42"]
    text = page("滨江新区氢能产业园开工", "2019-09-26 12:11 来源:某某网 作者:林晓舟", BODY_A, BODY_B, "分享:",
                "声明:本网力求信息真实、准确,文章提及内容仅供参考,不构成投资建议。", "相关新闻", *teasers)
    [article] = analyse(tmp_path, text)
    assert body_texts(article) == [BODY_A, BODY_B] and article.date == "2019-09-26"


def test_a_related_stories_list_under_the_text_is_furniture(tmp_path):
    related = ["滨江行情", "总篇数919篇", "暂无简介", "行情实时播报",
               "滨江行情实时播报栏目为广大读者提供及时的行情资讯(请注意:内容均来自于网络采集"]
    text = page("滨江新区氢能产业园开工", "发布时间: 2019-09-26 10:09:11", BODY_A, BODY_B, "微信 微博", "相关新闻",
                *related)
    [article], lines, _ = run(tmp_path, text)
    assert body_texts(article) == [BODY_A, BODY_B]
    assert all(role_of(lines, line) == "boilerplate" for line in related)


def test_a_screenshot_of_a_report_is_a_caption():
    assert roles.shape_of("某国《某某报》网站题为《滨江再次充满欢声笑语》的报道截图。") == roles.Shape.CAPTION


def test_a_blurb_kept_from_the_headline_by_widgets_is_neither_kicker_nor_text(tmp_path):
    blurb = "由内容质量、互动评论、分享传播等多维度分值决定,级别越高,代表其在平台内的综合表现越好。"
    text = page("登录", "某某网", blurb, "15万文章", "50亿总阅读", "评论", "分享", "复制链接",
                "扫码打开 手机某某网", "无需下载APP", "滨江新区与十二家企业签约共建氢能产业园", "2024-05-13 06:15",
                "发布于:滨江市", BODY_A, BODY_B)
    [article], lines, _ = run(tmp_path, text)
    assert article.title == "滨江新区与十二家企业签约共建氢能产业园"
    assert body_texts(article) == [BODY_A, BODY_B] and role_of(lines, blurb) == "boilerplate"


def test_a_bracketed_note_under_a_documents_title_is_not_the_title():
    assert roles.is_subtitle("(2024年6月29日滨江市人民代表大会常务委员会第八次会议通过)")


def test_a_wechat_articles_frame_is_furniture():
    about = "功能介绍 与您一起关注滨江,分享社会新闻、经济民生,传递正能量!"
    for line in ("发表于", "收录于合集", "原创", "微信号 binjiangkeji", about):
        assert roles.shape_of(line) == roles.Shape.FURNITURE, line


def test_on_a_web_page_the_first_heading_line_over_the_date_is_the_headline(tmp_path):
    site = "滨江市政府门户网站 www.binjiang.gov.cn"
    for heading, under in (("滨江新区延续部分税收优惠政策助企纾困", "预计四年为纳税人减负十八亿元"),
                           ("为现代化滨江建设凝聚强大智慧和力量", "——热烈祝贺市政协五届一次会议开幕")):
        text = page("首页", heading, under, site, "发布日期:2022-02-11 08:52", BODY_A, BODY_B)
        [article], lines, _ = run(tmp_path, text)
        assert article.title == heading and role_of(lines, site) == "boilerplate"
    assert roles.shape_of("官方微信平台") == roles.Shape.FURNITURE


def test_a_government_notice_with_spaced_field_names_and_a_title_over_four_lines(tmp_path):
    fields = ["索 引 号: 11220000013544357T/2022-00426", "分 类: 环境保护;通告", "发文机关: 滨江市人民政府",
              "成文日期: 2022年01月27日", "发布日期: 2022年01月28日"]
    title = ["滨江市人民政府关于禁止在", "滨江新区氢能产业园", "建设征占地范围内新增建设项目", "和迁入人口的通告"]
    text = page(*fields, *title, "滨政明电〔2022〕1号", BODY_A, BODY_B)
    [article] = analyse(tmp_path, text)
    assert article.title == "".join(title) and article.date == "2022-01-28"
    _, lines, _ = run(tmp_path, text)
    assert all(role_of(lines, field) == "metadata" for field in fields)


def test_a_stamp_in_english_dates_the_page_before_a_date_in_the_menu(tmp_path):
    assert roles.english_date("Saturday, September 10th, 2005 10:56 am") == (2005, 9, 10)
    assert roles.english_date("10 Sep 2005") == (2005, 9, 10) and roles.english_date("Mayor 3, 2005") is None
    text = page("首页 | 时事 | 生活 | 财经 | 法律 2006年12月27日(北京时间)", "Saturday, September 10th, 2005 10:56 am",
                "滨江新区氢能产业园开工", BODY_A, BODY_B)
    [article] = analyse(tmp_path, text)
    assert article.date == "2005-09-10"


def test_a_directory_of_columns_and_slogans_is_no_article(tmp_path):
    directory = ["直击现场", "第一现场,文图视频直播", "公益频道", "记录公益发展,共建责任生态。", "暖闻",
                 "人间真善美,社会正能量。", "质量报告", "打假除劣,专注消费者权益保护"]
    articles, lines, _ = run(tmp_path, page(*directory))
    assert articles == [] and all(lines[n].role in ("boilerplate", "label", "metadata") for n in lines)


def test_a_desk_credit_and_a_column_name_over_it_do_not_take_the_headline(tmp_path):
    assert roles.shape_of("社会中心/综合报导") == roles.Shape.BYLINE
    assert roles.shape_of("/ 专栏检索") == roles.Shape.FURNITURE
    text = page("首页", "与母争吵疑失足坠楼 男子送医抢救不治", "2018-02-21 18:03", "社会", "社会中心/综合报导",
                BODY_A, BODY_B)
    [article] = analyse(tmp_path, text)
    assert article.title == "与母争吵疑失足坠楼 男子送医抢救不治" and body_texts(article) == [BODY_A, BODY_B]
    column = page("首页", "报纸摘要", "滨江新区与十二家企业签约共建氢能产业园", "发表时间: 2022-02-06 13:48",
                  BODY_A, BODY_B)
    [article] = analyse(tmp_path, column)
    assert article.title == "滨江新区与十二家企业签约共建氢能产业园"


def test_first_published_notices_rights_contacts_and_marked_picture_credits_are_not_text():
    assert roles.shape_of("本文首发于某某公众号(binjiang39)") == roles.Shape.FURNITURE
    assert roles.shape_of("转载申请事宜以及报告非法侵权行为,请联系我们:010-56807194") == roles.Shape.FURNITURE
    assert roles.shape_of("◎ 图:@某某日报微博") == roles.Shape.CAPTION


def test_click_to_read_widgets_and_a_menu_on_dashes_are_furniture():
    for line in ("某某 - 财经 - 新闻 - 科技 - 旅游- 汽车- 电邮", "点击阅读更多精彩财经新闻", "点击看大图"):
        assert roles.shape_of(line) == roles.Shape.FURNITURE, line
    assert roles.shape_of("滨江新区氢能产业园开工 - 某某网") == roles.Shape.SHORT  # a page title and its site


def test_a_punctuated_headline_right_above_the_page_metadata_is_the_headline(tmp_path):
    headline = "滨江氢能小镇一年引进12家企业,负责人说:“我们的目标非常明确”,怎么做到的?"
    text = page("首页 > 资讯 > 滨江", headline, "原创:某某网2024-04-23 12:27:25", BODY_A, BODY_B)
    [article] = analyse(tmp_path, text)
    assert article.title == headline and not article.title_inferred


def test_a_video_player_and_related_links_between_headline_and_text_leave_the_text_whole(tmp_path):
    paras = [BODY_A, BODY_B, BODY_C]
    text = page("滨江新区氢能产业园开工", "2019年09月11日01:53 某某科技", "自动播放 滨江氢能产业园航拍",
                "play 滨江氢能产业园航拍", "向前 向后", "相关新闻:", "直播滨江新区氢能产业园开工仪式", *paras)
    [article] = analyse(tmp_path, text)
    assert article.title == "滨江新区氢能产业园开工" and body_texts(article) == paras


def test_a_decrees_issuers_and_number_over_its_text_keep_the_headline(tmp_path):
    issuers = ["滨江市人民政府", "滨江市发展和改革委员会", "滨江市科学技术局"]
    text = page("首页", "滨江市氢能产业发展暂行办法", "2023年07月13日 15:00 来源: 某某网", *issuers, "令", "第15号",
                "《滨江市氢能产业发展暂行办法》已经2023年5月23日滨江市人民政府第一次常务会议通过,现予公布,自2023年8月15日起施行。",
                BODY_B)
    [article] = analyse(tmp_path, text)
    assert article.title == "滨江市氢能产业发展暂行办法" and not article.title_inferred and article.date == "2023-07-13"


def test_a_publication_stamp_without_a_year_gives_month_and_day_only(tmp_path):
    text = page("滨江新区氢能产业园开工", "发布时间:09-3022:46某某网络科技有限公司", BODY_A, BODY_B)
    [article] = analyse(tmp_path, text)
    assert article.date is None and article.date_md == "09-30"


def test_a_character_cut_off_under_a_paragraph_before_the_next_pages_furniture_stays_text(tmp_path):
    text = "\n\n".join(["滨江新区氢能产业园开工", BODY_A, BODY_B, "滨", "当前位置:首页 > 热点"]) + "\n"
    articles, lines, _ = run(tmp_path, text)
    assert role_of(lines, "滨") == "body"


def test_a_sites_social_accounts_and_its_reprint_disclaimer_close_the_page(tmp_path):
    assert roles.shape_of("滨江新闻网微博") == roles.Shape.FURNITURE
    assert roles.shape_of("滨江公司推出新版微信") != roles.Shape.FURNITURE  # a headline about the app
    text = page("滨江新区氢能产业园开工", "2024-10-28 09:54:09 来源:滨江日报", BODY_A, BODY_B, "(记者 林晓舟)",
                "责任编辑:某某", "滨江新闻网微博", "融媒中心",
                "*本网站有关内容转载自合法授权网站,如果您认为转载内容侵犯了您的权益,",
                "请您来信来电(024-23187042)声明,本网站将在收到信息核实后24小时内删除相关内容", "关于我们 投稿邮")
    [article] = analyse(tmp_path, text)
    assert body_texts(article) == [BODY_A, BODY_B]


def test_a_single_step_breadcrumb_and_a_subscription_prompt_are_furniture():
    assert roles.shape_of("财经频道 > 国内财经") == roles.Shape.FURNITURE
    assert roles.shape_of("搭乘新闻直通车 订阅精彩汽车新闻") == roles.Shape.FURNITURE
    assert roles.shape_of("增长率 > 5%的企业") != roles.Shape.FURNITURE


def test_a_roundup_heads_each_item_with_its_source_and_headline(tmp_path):
    items = ["【某某网】滨江新区氢能产业园开工:总投资二十亿元", "【某某财经】滨江市出台新能源汽车补贴办法"]
    text = page("【资讯汇总】9月26日重要资讯汇总", "2019年9月26日 15:10 来源:某某网", "收盘播报",
                items[0], BODY_A, "国内资讯", items[1], BODY_B)
    articles = analyse(tmp_path, text)
    assert [a.title for a in articles] == [item.split("】", 1)[1] for item in items]  # the source tag set apart
    assert [body_texts(a)[0] for a in articles] == [BODY_A, BODY_B]
    assert all(a.date == "2019-09-26" for a in articles)
    one = page("滨江新区氢能产业园开工", "【新春走基层】", BODY_A, BODY_B)
    assert len(analyse(tmp_path, one)) == 1  # a bracketed tag alone makes no roundup


def test_web_page_headline_classes_from_the_fourth_set(tmp_path):
    # the headline printed twice under a column label, then widgets, then the text
    headline = "债券市场是否存在泡沫?首席投资官们这么说"
    text = page("新三板", headline, headline, "2019年09月09日 20:52 某某财经",
                "某某财经APP 缩小字体 放大字体 收藏 微博 微信 分享", "原创: 林晓舟编译 某某研究", BODY_A, BODY_B)
    [article] = analyse(tmp_path, text)
    assert article.title == headline and not article.title_inferred
    # an account menu glued together, a punctuated headline, the author's account, the stamp
    punctuated = "一袭汉服,一架古筝,90后姑娘异国他乡只为传播中华文化"
    text = page("某某首页", "个人中心帐号设置意见反馈退出", punctuated, "八卦大相公", "发布时间:01-1417:58",
                BODY_A, BODY_B)
    [article] = analyse(tmp_path, text)
    assert article.title == punctuated and article.date_md == "01-14"
    for furniture in ("某某论坛·中国某某论坛 » 学术前沿 » 社会资本与再就业", "行情 股吧 新闻 外汇"):
        assert roles.shape_of(furniture) == roles.Shape.FURNITURE, furniture
    assert roles.shape_of("张三、李四、王五") == roles.Shape.BYLINE
    assert roles.shape_of("北京、上海") != roles.Shape.BYLINE


# One invented line for each form a caption or a site notice takes (each branch of the start,
# end and anywhere patterns in roles.py), and prose that holds the same words elsewhere.
CAPTIONS = [
    "滨江新区的氢能实验室。受访者供图", "工人在检查电池隔膜(某某公司供图)", "滨江新区的加氢站。 林晓舟 摄",
    "滨江新区全景(林晓舟 摄影)", "滨江新区鸟瞰。网上图片", "滨江新区夜景。资料照片", "某某会议现场。视觉中国图",
    "某网站页面截图。", "某某会议现场。新华社发", "签约仪式现场(本报资料图片)现场照片",
    "滨江新区的实验室(摄于2020年1月6日)现场", "本文图片均由某某公司提供", "上图为滨江新区的氢能实验室。",
    "◎图②:滨江新区的氢能实验室", "某某图。来源:某某网", "图片来源:某某网",
]
NOTICES = [
    "版权所有 某某网", "本网转载此文出于传递更多信息之目的", "您当前的位置:首页 > 科技", "首页 > 科技 > 正文",
    "声明:本文仅供参考", "微信号 binjiangkeji", "> 科技新闻", "/ 科技", "地址:滨江市滨江路1号", "邮编:100000",
    "某某日报社主办", "(完)", "{webname}", "----年--月--日", "技术支持:某某网络公司", "科技频道 > 正文",
    "主管 某某集团 主办", "联系电话:0000-12345678",
]
PROSE = [
    "滨江新区今年建成加氢站三座,其中一座由某某公司供图纸设计,当地企业参与施工建设。",
    "他在发布会上介绍了滨江新区氢能产业的版权保护情况和专利布局,以及下一步的工作安排。",
]


def test_every_form_of_caption_and_site_notice_is_recognised():
    assert [line for line in CAPTIONS if not roles.is_caption(line)] == []
    assert [line for line in NOTICES if not roles.is_boilerplate(line)] == []
    assert [line for line in PROSE if roles.is_caption(line) or roles.is_boilerplate(line)] == []
